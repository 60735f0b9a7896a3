"""Sheet *Projectie*: per municipality with a returned workbook and per progress test, what its
projects' planned dates give (R5), what the growth path asks (R6), the shortfall, and the
category and sanction its own workbook computes with the officer's inputs (R7, R8).

Counted dwellings, the shortfall and amount used and the category come from the municipal
workbook's model (:func:`bso_xl.workbook.model.build_model`); the requirement, the shortfall
from the projects and the money are formulas here, so the sheet shows how they follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from ..parameters import load
from ..rules import Level
from ..workbook.context import protect
from ..workbook.sheet_groeipad import dwellings_style
from . import formulas
from .book import NOT_COMPUTED_MUNICIPAL, NOT_COMPUTED_NOTE, OverviewBook, banner, intro_height, municipal

TITLE = "Projectie"
HEADER_ROW = 4
FIRST_ROW = 5
NAME, PROVINCE, WM, YEAR = range(4)
COUNTED = 4  # 4–7: at least each level
REQUIRED = 8  # 8–11
SHORTFALL, USED, AMOUNT, CATEGORY, SANCTION, RISK, EXPECTED = range(12, 19)
LAST_COL = EXPECTED
WIDTHS = [15, 12.5, 16, 5.5] + [5] * 8 + [6.5, 6.5, 9.5, 6, 11.5, 11.5, 11.5]
SHORT = ("MJP", "KTP", "in uitv.", "gereal.")


@dataclass(frozen=True)
class Layout:
    row_of: dict[tuple[str, int], int]  # (NIS, test year) → row

    @property
    def last_row(self) -> int:
        return max([FIRST_ROW] + list(self.row_of.values()))

    def ref(self, nis: str, year: int, col: int) -> str:
        return f"'{TITLE}'!" + xl_rowcol_to_cell(self.row_of[(nis, year)], col, True, True)

    def column(self, col: int) -> str:
        letter = xl_col_to_name(col)
        return f"'{TITLE}'!${letter}${FIRST_ROW + 1}:${letter}${self.last_row + 1}"

    def risk_block(self, nis: str) -> str:
        """Risk and expected cost of every test of one municipality (two adjacent columns)."""
        rows = [r for (n, _), r in self.row_of.items() if n == nis]
        return (f"'{TITLE}'!" + xl_rowcol_to_cell(min(rows), RISK, True, True) + ":"
                + xl_rowcol_to_cell(max(rows), EXPECTED, True, True))


def layout(rows) -> Layout:
    row_of, row = {}, FIRST_ROW
    for r in rows:
        if r.projection is None:
            continue
        for year in load().test_years:
            row_of[(r.nis, year)] = row
            row += 1
    return Layout(row_of)


def write(book: OverviewBook) -> None:
    from . import sheet_gemeenten

    lay: Layout = book.layouts[TITLE]
    gem: sheet_gemeenten.Layout = book.layouts[sheet_gemeenten.TITLE]
    s = book.sheet(TITLE, "#C00000")
    ws = s.ws
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    intro = ("Voor elke gemeente met een teruggestuurd werkboek: hoeveel woningen haar projecten op de meetdatum "
             "minstens op elk niveau brengen (volgens de geplande datums, R5), wat het groeipad vraagt (R6) en het "
             "tekort. Tekort gebruikt, bedrag per woning en categorie komen uit het werkboek van de gemeente (met haar "
             "eigen invoer: beoordeling 2a/2b, eigen tekort of bedrag; 'ongeldig': die invoer is daar geweigerd); "
             "sanctie, risico (nog niet beoordeeld, indien 2b) en verwachte kost (2b) over de drie schijven volgen "
             "daaruit (R7, R8). " + NOT_COMPUTED_NOTE)
    s.heading(f"Projectie per voortgangstoets — {book.scope}", intro, LAST_COL, intro_height(intro, WIDTHS))
    banner(book, s, 2, LAST_COL)
    s.header_row(HEADER_ROW, 0, ["Gemeente", "Provincie", "Woonmaatschappij", "Toets"]
                 + [f"Geteld ≥ {p}" for p in SHORT[:3]] + ["Geteld gereal."]
                 + [f"Vereist ≥ {p}" for p in SHORT[:3]] + ["Vereist gereal."]
                 + ["Tekort (projecten)", "Tekort gebruikt", "Bedrag per woning", "Categorie",
                    "Sanctie per jaar (indien 2b)", "Risico (indien 2b)", "Verwachte kost (2b)"])
    ws.set_row(HEADER_ROW, 42)
    if not lay.row_of:
        s.text(FIRST_ROW, 0, "Geen teruggestuurde werkboeken: er is nog geen projectie (bso-xl overview "
                             "--workbooks MAP).", "note")
    for r in book.rows:
        if r.projection is None:
            continue
        interim = tuple(gem.ref(r.nis, col) for col in (sheet_gemeenten.T1, sheet_gemeenten.T2, sheet_gemeenten.T3))
        sib = gem.ref(r.nis, sheet_gemeenten.SIB)
        for test in r.projection.model.tests:
            _test_row(book, s, lay.row_of[(r.nis, test.year)], r, test, interim, sib)
    last = lay.last_row
    ws.conditional_format(FIRST_ROW, SHORTFALL, last, SHORTFALL,
                          {"type": "cell", "criteria": "==", "value": 0, "format": s.styles["good"]})
    ws.conditional_format(FIRST_ROW, SHORTFALL, last, SHORTFALL,
                          {"type": "cell", "criteria": ">", "value": 0, "format": s.styles["bad"]})
    ws.autofilter(HEADER_ROW, 0, last, LAST_COL)
    ws.freeze_panes(FIRST_ROW, 1)
    ws.repeat_rows(HEADER_ROW)
    protect(s)


def _test_row(book, s, row: int, r, test, interim, sib) -> None:
    y = test.year
    ref = r.fig.municipality
    s.text(row, NAME, r.name)
    s.text(row, PROVINCE, ref.province)
    s.text(row, WM, ref.woonmaatschappij)
    s.number(row, YEAR, y, "text")
    counted, required = [], []
    for level in Level:
        s.number(row, COUNTED + level, test.counted[level])
        counted.append(s.cell(row, COUNTED + level))
    for level in Level:
        value = test.required[level]
        s.formula(row, REQUIRED + level, "=" + formulas.requirement(level, y, interim, sib), value,
                  dwellings_style(value))
        required.append(s.cell(row, REQUIRED + level))
    whole = "(" + "+".join(interim + (sib,)) + ")"
    s.formula(row, SHORTFALL, "=" + formulas.shortfall(counted, required, whole), test.shortfall, "whole_bold")
    s.typed(row, USED, municipal(test.shortfall_used), "whole")
    s.typed(row, AMOUNT, municipal(test.amount_used), "euro")
    s.text(row, CATEGORY, test.category, "bold")
    used, amount, category = s.cell(row, USED), s.cell(row, AMOUNT), s.cell(row, CATEGORY)
    bad = f'"{NOT_COMPUTED_MUNICIPAL}"'
    s.formula(row, SANCTION, f"=IF(AND(ISNUMBER({used}),ISNUMBER({amount})),ROUND({used}*{amount}*Percentage_{y},2),"
                             f"{bad})", municipal(test.sanction), "euro_whole")
    sanction = s.cell(row, SANCTION)
    for col, key, value in ((RISK, "2", test.risk), (EXPECTED, "2b", test.expected)):
        s.formula(row, col, f'=IF({category}="—",{bad},IF({category}="{key}",IF(ISNUMBER({sanction}),'
                            f"ROUND(Aantal_schijven*{sanction},2),{bad}),0))", municipal(value), "euro_whole")
