"""Sheet *Gemeenten*: one row per municipality — objective (R2, R4), raised huurpremie (R8),
official phase counts (R5), whether a returned workbook was used, and its projected shortfall per
test (R6) and sanction risk (R7, R8) from the sheet *Projectie*."""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from ..parameters import load
from ..rules import Level
from ..workbook.context import protect
from . import sheet_projectie
from .book import NOT_COMPUTED_MUNICIPAL, NOT_COMPUTED_NOTE, OverviewBook, banner, intro_height, municipal
from .model import WITH_WORKBOOK, WITHOUT_WORKBOOK

TITLE = "Gemeenten"
HEADER_ROW = 4
FIRST_ROW = 5
NIS, NAME, PROVINCE, WM, BSO, SIB, T1, T2, T3, RAISED = range(10)
OFFICIAL = 10  # 10–13: in exactly each phase
WORKBOOK = 14
SHORTFALL = 15  # 15–19: per test year
RISK = 20
LAST_COL = RISK
# One A4 landscape page wide at ≥ 8 pt (tests/test_overview_print.py measures it): LibreOffice fits
# about 140 − 0.9 × (number of columns) characters of column width at 100%.
WIDTHS = [5.5, 16, 12.5, 16, 6, 5.5, 5.5, 5.5, 5.5, 6] + [5.5] * 4 + [8.5] + [5.5] * 5 + [11]
PHASES = ("MJP", "KTP", "in uitv.", "gereal.")


@dataclass(frozen=True)
class Layout:
    row_of: dict[str, int]
    total_row: int

    @property
    def last_row(self) -> int:
        return max(FIRST_ROW, self.total_row - 1)

    def column(self, col: int) -> str:
        """The absolute range of one column over the municipalities' rows (for SUMIFS elsewhere)."""
        letter = xl_col_to_name(col)
        return f"'{TITLE}'!${letter}${FIRST_ROW + 1}:${letter}${self.last_row + 1}"

    def ref(self, nis: str, col: int) -> str:
        return f"'{TITLE}'!" + xl_rowcol_to_cell(self.row_of[nis], col, True, True)


def layout(rows) -> Layout:
    return Layout({r.nis: FIRST_ROW + i for i, r in enumerate(rows)}, FIRST_ROW + len(rows))


def risk_total(row) -> object:
    """Sanction risk over every test: expected cost (2b) + risk (not yet assessed), or a message."""
    values = [municipal(v) for t in row.projection.model.tests for v in (t.risk, t.expected)]
    return NOT_COMPUTED_MUNICIPAL if any(isinstance(v, str) for v in values) else sum(values)


def write(book: OverviewBook) -> None:
    lay: Layout = book.layouts[TITLE]
    proj: sheet_projectie.Layout = book.layouts[sheet_projectie.TITLE]
    years = load().test_years
    s = book.sheet(TITLE, "#1F4E79")
    ws = s.ws
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    intro = ("Per gemeente het BSO en zijn delen (R2, R4), de verhoogde huurpremie (R8) en de officiële tellingen "
             "per fase uit het cijferbestand (R5, precies in elke fase). Kolom Werkboek: 'ja' als een ingevuld "
             "werkboek van de gemeente teruggestuurd is; dan volgen het tekort per toets volgens haar projecten (R6) "
             "en het sanctierisico over alle toetsen: verwachte kost (2b) + risico (nog niet beoordeeld, indien 2b), "
             "drie schijven (R7, R8). 'geen': er is (nog) geen werkboek; bij meer dan één werkboek gebruikt bso-xl er "
             "geen (blad Werkboeken). " + NOT_COMPUTED_NOTE)
    s.heading(f"Gemeenten — {book.scope}", intro, LAST_COL, intro_height(intro, WIDTHS))
    banner(book, s, 2, LAST_COL)
    s.header_row(HEADER_ROW, 0, ["NIS", "Gemeente", "Provincie", "Woonmaatschappij", "BSO", "SIB", "T1", "T2",
                                 "T3", "Verhoogd"]
                 + [f"Officieel {p}" for p in PHASES] + ["Werkboek"]
                 + [f"Tekort {y}" for y in years] + ["Sanctierisico alle toetsen"])
    ws.set_row(HEADER_ROW, 42)
    for r in book.rows:
        row = lay.row_of[r.nis]
        obj, ref = r.objective, r.fig.municipality
        s.text(row, NIS, r.nis)
        s.text(row, NAME, r.name)
        s.text(row, PROVINCE, ref.province)
        s.text(row, WM, ref.woonmaatschappij)
        for col, value in ((BSO, obj.bso), (SIB, obj.sib), (T1, obj.t1), (T2, obj.t2), (T3, obj.t3)):
            s.number(row, col, value, "whole_bold" if col == BSO else "whole")
        s.number(row, RAISED, 1 if r.fig.raised_huurpremie else 0, "yes_no")
        if r.fig.official_counts is not None:
            for level in Level:
                s.number(row, OFFICIAL + level, r.fig.official_counts.get(level, 0))
        s.text(row, WORKBOOK, r.workbook_status, "bold" if r.projection is not None else "text")
        if r.projection is None:
            continue
        for index, test in enumerate(r.projection.model.tests):
            s.formula(row, SHORTFALL + index, "=" + proj.ref(r.nis, test.year, sheet_projectie.SHORTFALL),
                      test.shortfall)
        block = proj.risk_block(r.nis)
        s.formula(row, RISK, f'=IF(COUNT({block})={2 * len(years)},SUM({block}),"{NOT_COMPUTED_MUNICIPAL}")',
                  risk_total(r), "euro_whole")
    _totals(book, s, lay)
    ws.conditional_format(FIRST_ROW, WORKBOOK, lay.last_row, WORKBOOK, {
        "type": "cell", "criteria": "==", "value": f'"{WITHOUT_WORKBOOK}"', "format": s.styles["muted"]})
    ws.conditional_format(FIRST_ROW, WORKBOOK, lay.last_row, WORKBOOK, {
        "type": "cell", "criteria": "!=", "value": f'"{WITH_WORKBOOK}"', "format": s.styles["bad"]})
    ws.conditional_format(FIRST_ROW, SHORTFALL, lay.last_row, SHORTFALL + len(years) - 1, {
        "type": "cell", "criteria": ">", "value": 0, "format": s.styles["bad"]})
    ws.autofilter(HEADER_ROW, 0, lay.last_row, LAST_COL)
    ws.freeze_panes(FIRST_ROW, 2)
    ws.repeat_rows(HEADER_ROW)
    protect(s)


def _totals(book: OverviewBook, s, lay: Layout) -> None:
    row = lay.total_row
    rows = book.rows
    s.text(row, NAME, f"Totaal ({len(rows)} gemeenten)", "total_label")
    for col in range(LAST_COL + 1):
        if col not in (NAME,):
            s.blank(row, col, "total_blank")
    if not rows:
        return
    first, last = FIRST_ROW, lay.last_row

    def span(col: int) -> str:
        return f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)}"

    objectives = [r.objective for r in rows]
    sums = {BSO: sum(o.bso for o in objectives), SIB: sum(o.sib for o in objectives),
            T1: sum(o.t1 for o in objectives), T2: sum(o.t2 for o in objectives), T3: sum(o.t3 for o in objectives)}
    for level in Level:
        sums[OFFICIAL + level] = sum(r.fig.official_counts.get(level, 0) for r in rows if r.fig.official_counts)
    used = [r for r in rows if r.projection is not None]
    for index in range(len(load().test_years)):
        sums[SHORTFALL + index] = sum(r.projection.model.tests[index].shortfall for r in used)
    for col, value in sums.items():
        s.formula(row, col, f"=SUM({span(col)})", value, "total_whole")
    risks = [risk_total(r) for r in used]
    total = NOT_COMPUTED_MUNICIPAL if any(isinstance(v, str) for v in risks) else sum(risks)
    s.formula(row, RISK, f'=IF(COUNT({span(RISK)})={len(used)},SUM({span(RISK)}),"{NOT_COMPUTED_MUNICIPAL}")',
              total, "total_euro_whole")
