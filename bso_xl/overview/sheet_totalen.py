"""Sheets *Provincies*, *Woonmaatschappijen* and *Sanctierisico* of the Flemish overview.

*Provincies* and *Woonmaatschappijen*: per group the objectives and official counts, summed over
the sheet *Gemeenten* (the province sheet with the chart of the objectives per province).
*Sanctierisico*: per province and per woonmaatschappij and per test the shortfall and the
sanction risk, summed over the sheet *Projectie*, with the chart of the risk per woonmaatschappij
and test year.
"""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from ..parameters import load
from ..rules import Level
from ..workbook.context import protect
from . import sheet_gemeenten as G
from . import sheet_projectie as P
from .book import NOT_COMPUTED_MUNICIPAL, NOT_COMPUTED_NOTE, OverviewBook, banner, intro_height, municipal
from .model import WITH_WORKBOOK

PROVINCES = "Provincies"
WOONMAATSCHAPPIJEN = "Woonmaatschappijen"
RISK = "Sanctierisico"
HEADER_ROW = 4
FIRST_ROW = 5
FLANDERS = "Vlaanderen"


def _key(kind: str):
    if kind == PROVINCES:
        return lambda r: r.fig.municipality.province
    return lambda r: r.fig.municipality.woonmaatschappij


def risk_of(rows, year: int):
    """Expected cost (2b) + risk (not yet assessed) at one test over the rows with a workbook."""
    values = [municipal(v) for r in rows if r.projection is not None
              for t in r.projection.model.tests if t.year == year for v in (t.risk, t.expected)]
    return NOT_COMPUTED_MUNICIPAL if any(isinstance(v, str) for v in values) else sum(values)


def shortfall_of(rows, year: int) -> int:
    return sum(t.shortfall for r in rows if r.projection is not None for t in r.projection.model.tests
               if t.year == year)


def _groups(book: OverviewBook, kind: str):
    groups = book.data.provinces if kind == PROVINCES else book.data.woonmaatschappijen
    key = _key(kind)
    return groups, {g: [r for r in book.rows if key(r) == g] for g in groups}


def write(book: OverviewBook, kind: str) -> None:
    """Table 1 (objectives, official counts) per province or per woonmaatschappij."""
    groups, members = _groups(book, kind)
    gem: G.Layout = book.layouts[G.TITLE]
    is_wm = kind == WOONMAATSCHAPPIJEN
    label = "Woonmaatschappij" if is_wm else "Provincie"
    s = book.sheet(kind, "#BF9000" if is_wm else "#548235")
    ws = s.ws
    widths = [30] + ([26] if is_wm else []) + [9, 9, 9, 8, 9, 8, 8, 8] + [9] * 4
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    last_col = len(widths) - 1
    intro = (f"Per {label.lower()}: het aantal gemeenten, hoeveel er een werkboek terugstuurden, de som van de BSO's "
             "en hun delen (R2, R4) en van de officiële tellingen per fase uit het cijferbestand (R5). Het tekort en "
             "het sanctierisico per toets staan op blad Sanctierisico.")
    s.heading(f"Totalen per {label.lower()} — Vlaanderen", intro, last_col, intro_height(intro, widths))
    banner(book, s, 2, last_col)
    extra = 1 if is_wm else 0
    s.header_row(HEADER_ROW, 0, [label] + (["Werkingsgebied(en)"] if is_wm else []) + [
        "Gemeenten", "Met werkboek", "BSO", "SIB", "Regulier", "T1", "T2", "T3",
        "Officieel MJP", "Officieel KTP", "Officieel in uitv.", "Officieel gereal."])
    ws.set_row(HEADER_ROW, 30)
    gcol = gem.column(G.WM if is_wm else G.PROVINCE)
    row = FIRST_ROW
    for g in groups:
        rows = members[g]
        crit = xl_rowcol_to_cell(row, 0, False, True)
        s.text(row, 0, g, "bold")
        if is_wm:
            areas = ", ".join(sorted({r.fig.municipality.werkingsgebied for r in rows}))
            s.wrapped(row, 1, areas, widths[1])
        c = extra + 1
        s.formula(row, c, f"=COUNTIF({gcol},{crit})", len(rows))
        s.formula(row, c + 1, f'=COUNTIFS({gcol},{crit},{gem.column(G.WORKBOOK)},"{WITH_WORKBOOK}")',
                  sum(1 for r in rows if r.projection is not None))
        objs = [r.objective for r in rows]
        s.formula(row, c + 2, f"=SUMIFS({gem.column(G.BSO)},{gcol},{crit})", sum(o.bso for o in objs), "whole_bold")
        s.formula(row, c + 3, f"=SUMIFS({gem.column(G.SIB)},{gcol},{crit})", sum(o.sib for o in objs))
        s.formula(row, c + 4, f"={s.cell(row, c + 2)}-{s.cell(row, c + 3)}", sum(o.regulier for o in objs))
        for offset, (col, attr) in enumerate(((G.T1, "t1"), (G.T2, "t2"), (G.T3, "t3"))):
            s.formula(row, c + 5 + offset, f"=SUMIFS({gem.column(col)},{gcol},{crit})",
                      sum(getattr(o, attr) for o in objs))
        for level in Level:
            value = sum(r.fig.official_counts.get(level, 0) for r in rows if r.fig.official_counts)
            s.formula(row, c + 8 + level, f"=SUMIFS({gem.column(G.OFFICIAL + level)},{gcol},{crit})", value)
        row += 1
    _flanders_row(book, s, row, extra, FIRST_ROW, row - 1)
    if not is_wm:
        _objectives_chart(book, s, FIRST_ROW, row - 1, row + 2)
    ws.freeze_panes(FIRST_ROW, 1)
    ws.repeat_rows(HEADER_ROW)
    protect(s)


def _flanders_row(book, s, row: int, extra: int, first: int, last: int) -> None:
    rows = book.rows
    s.text(row, 0, FLANDERS, "total_label")
    if extra:
        s.blank(row, 1, "total_blank")
    objs = [r.objective for r in rows]
    values = [len(rows), sum(1 for r in rows if r.projection is not None), sum(o.bso for o in objs),
              sum(o.sib for o in objs), sum(o.regulier for o in objs), sum(o.t1 for o in objs),
              sum(o.t2 for o in objs), sum(o.t3 for o in objs)]
    values += [sum(r.fig.official_counts.get(level, 0) for r in rows if r.fig.official_counts) for level in Level]
    for offset, value in enumerate(values):
        col = extra + 1 + offset
        s.formula(row, col, f"=SUM({xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(last, col)})", value,
                  "total_whole")


def _objectives_chart(book, s, first: int, last: int, at_row: int) -> None:
    """Objectives per province: the catch-up (SIB) and the regular part, stacked."""
    chart = book.workbook.add_chart({"type": "column", "subtype": "stacked"})
    for col, colour in ((4, "#C55A11"), (5, "#1F4E79")):  # SIB, Regulier
        chart.add_series({"name": [s.name, HEADER_ROW, col], "categories": [s.name, first, 0, last, 0],
                          "values": [s.name, first, col, last, col], "fill": {"color": colour},
                          "data_labels": {"value": True, "num_format": "#,##0", "font": {"size": 9}}})
    chart.set_title({"name": "BSO per provincie: inhaalbeweging (SIB) en regulier", "name_font": {"size": 11}})
    chart.set_y_axis({"name": "woningen", "num_format": "#,##0", "min": 0})
    chart.set_legend({"position": "bottom", "font": {"size": 9}})
    chart.set_size({"width": 900, "height": 320})
    s.ws.insert_chart(at_row, 0, chart)


RISK_WIDTHS = [30] + [8] * 5 + [14] * 5 + [15]


def write_risk(book: OverviewBook) -> None:
    """Shortfall and sanction risk per test, per province and per woonmaatschappij, with the chart."""
    proj: P.Layout = book.layouts[P.TITLE]
    s = book.sheet(RISK, "#C55A11")
    ws = s.ws
    for col, width in enumerate(RISK_WIDTHS):
        ws.set_column(col, col, width)
    last_col = len(RISK_WIDTHS) - 1
    intro = ("Per provincie en per woonmaatschappij en per voortgangstoets: de som van de tekorten volgens de "
             "projecten (R6) en het sanctierisico: verwachte kost (beoordeeld 2b) + risico (nog niet beoordeeld, "
             "het bedrag indien 2b), over de drie schijven (R7, R8). Enkel gemeenten met een teruggestuurd werkboek "
             "tellen mee. " + NOT_COMPUTED_NOTE)
    s.heading("Tekort en sanctierisico per toets — Vlaanderen", intro, last_col, intro_height(intro, RISK_WIDTHS))
    banner(book, s, 2, last_col)
    row = _risk_table(book, s, HEADER_ROW, PROVINCES, proj, P.PROVINCE, "Provincie")
    first_wm = row + 2
    end = _risk_table(book, s, first_wm, WOONMAATSCHAPPIJEN, proj, P.WM, "Woonmaatschappij")
    groups = book.data.woonmaatschappijen
    ws.set_h_pagebreaks([end + 2])  # the chart prints on a page of its own, never cut in two
    _risk_chart(book, s, first_wm + 1, first_wm + len(groups), end + 2)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    protect(s)


def _risk_table(book, s, header: int, kind: str, proj, group_col: int, label: str) -> int:
    """One table; returns the row after it."""
    groups, members = _groups(book, kind)
    years = load().test_years
    s.header_row(header, 0, [label] + [f"Tekort {y}" for y in years] + [f"Sanctierisico {y}" for y in years]
                 + ["Sanctierisico alle toetsen"])
    s.ws.set_row(header, 30)
    gcol, ycol = proj.column(group_col), proj.column(P.YEAR)
    first = header + 1
    r = first
    for g in list(groups) + [FLANDERS]:
        total = g == FLANDERS
        rows = book.rows if total else members[g]
        crit = xl_rowcol_to_cell(r, 0, False, True)
        s.text(r, 0, g, "total_label" if total else "bold")
        for index, y in enumerate(years):
            col = 1 + index
            if total:
                formula = f"=SUM({xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(r - 1, col)})"
            else:
                formula = f"=SUMIFS({proj.column(P.SHORTFALL)},{gcol},{crit},{ycol},{y})"
            s.formula(r, col, formula, shortfall_of(rows, y), "total_whole" if total else "whole")
            col = 1 + len(years) + index
            if total:
                span = f"{xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(r - 1, col)}"
                formula = f'=IF(COUNT({span})={len(groups)},SUM({span}),"{NOT_COMPUTED_MUNICIPAL}")'
            else:
                texts = (f"SUMPRODUCT(({gcol}={crit})*({ycol}={y})*(ISTEXT({proj.column(P.RISK)})"
                         f"+ISTEXT({proj.column(P.EXPECTED)})))")
                sums = "+".join(f"SUMIFS({proj.column(c)},{gcol},{crit},{ycol},{y})" for c in (P.RISK, P.EXPECTED))
                formula = f'=IF({texts}>0,"{NOT_COMPUTED_MUNICIPAL}",{sums})'
            s.formula(r, col, formula, risk_of(rows, y), "total_euro_whole" if total else "euro_whole")
        span = f"{xl_rowcol_to_cell(r, 1 + len(years))}:{xl_rowcol_to_cell(r, 2 * len(years))}"
        values = [risk_of(rows, y) for y in years]
        value = NOT_COMPUTED_MUNICIPAL if any(isinstance(v, str) for v in values) else sum(values)
        s.formula(r, 1 + 2 * len(years), f'=IF(COUNT({span})={len(years)},SUM({span}),"{NOT_COMPUTED_MUNICIPAL}")',
                  value, "total_euro_whole" if total else "euro_whole_bold")
        r += 1
    s.ws.conditional_format(first, 1, r - 1, len(years), {"type": "cell", "criteria": ">", "value": 0,
                                                           "format": s.styles["bad"]})
    return r


def _risk_chart(book, s, first: int, last: int, at_row: int) -> None:
    """Sanction risk per woonmaatschappij (categories) and test year (stacked series)."""
    years = load().test_years
    chart = book.workbook.add_chart({"type": "bar", "subtype": "stacked"})
    colours = ["#FFE699", "#F4B183", "#C55A11", "#843C0C", "#7F7F7F"]
    for index, year in enumerate(years):
        col = 1 + len(years) + index
        chart.add_series({"name": str(year), "categories": [s.name, first, 0, last, 0],
                          "values": [s.name, first, col, last, col], "fill": {"color": colours[index % 5]},
                          "gap": 40})
    chart.set_title({"name": "Sanctierisico per woonmaatschappij en per toetsjaar", "name_font": {"size": 11}})
    chart.set_x_axis({"num_format": "€ #,##0", "min": 0, "major_gridlines": {"visible": True},
                      "num_font": {"size": 10}})
    chart.set_y_axis({"reverse": True, "num_font": {"size": 10}})
    chart.set_legend({"position": "bottom", "font": {"size": 10}})
    chart.set_size({"width": 1000, "height": min(740, max(320, 15 * (last - first + 1) + 110))})
    s.ws.insert_chart(at_row, 0, chart)
