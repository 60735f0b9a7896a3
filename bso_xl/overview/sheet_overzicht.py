"""Sheet *Overzicht*: what a province officer or a woonmaatschappij director looks at first.

For Vlaanderen: where the figures come from, how many municipalities sent their workbook back,
the sum of the BSO's against the 45,000 of R1 (``Totaal_BSO``), and per progress test the
shortfall and sanction risk over the municipalities with a workbook, with a chart. For a
woonmaatschappij: its werkingsgebied(en), the same key figures over its municipalities and which
of them sent no workbook. One A4 page: the figures block (columns A–B) and the objectives block
(columns D–E) stand side by side.
"""

from __future__ import annotations

from ..municipalities import municipalities
from ..parameters import load
from ..workbook.context import protect
from . import sheet_gemeenten as G
from . import sheet_projectie as P
from .book import NOT_COMPUTED_MUNICIPAL, NOT_COMPUTED_NOTE, OverviewBook, banner, source_label
from .model import WITH_WORKBOOK, WITHOUT_WORKBOOK
from .sheet_totalen import risk_of, shortfall_of

TITLE = "Overzicht"
LAST_COL = 5
WIDTHS = [44, 14, 14, 36, 18, 30]
RIGHT = 3  # the objectives block: labels in D, values in E
CHECK_OK = "gelijk aan het verplichte totaal (R1)"


def _start(book: OverviewBook, title: str):
    s = book.sheet(TITLE, "#1F4E79")
    for col, width in enumerate(WIDTHS):
        s.ws.set_column(col, col, width)
    s.text(0, 0, title, "title")
    banner(book, s, 1, LAST_COL)
    return s


def _figures_block(book: OverviewBook, s, row: int) -> tuple[int, tuple[str, str]]:
    """Where the figures and the workbooks come from (columns A–B); returns the next row and the
    cells holding the number of municipalities here and in Flanders."""
    gem: G.Layout = book.layouts[G.TITLE]
    figures = book.data.figures
    rows = book.rows
    s.text(row, 0, "Cijfers en teruggestuurde werkboeken", "subtitle")
    s.text(row + 1, 0, "Cijferbestand")
    s.text(row + 1, 1, source_label(book), "bold")
    s.text(row + 2, 0, "Peildatum van de cijfers")
    if figures.peildatum:
        s.date(row + 2, 1, figures.peildatum, "date")
    else:
        s.text(row + 2, 1, "niet opgegeven")
    s.text(row + 3, 0, "Gemeenten in dit overzicht")
    s.number(row + 3, 1, len(rows), "whole_bold")
    s.text(row + 4, 0, "Vlaamse gemeenten")
    s.number(row + 4, 1, len(municipalities()))
    status = gem.column(G.WORKBOOK)
    used = sum(1 for r in rows if r.projection is not None)
    without = sum(1 for r in rows if r.workbook_status == WITHOUT_WORKBOOK)
    s.text(row + 5, 0, "met een teruggestuurd werkboek (gebruikt)")
    s.formula(row + 5, 1, f'=COUNTIF({status},"{WITH_WORKBOOK}")', used, "whole_bold")
    s.text(row + 6, 0, "zonder werkboek")
    s.formula(row + 6, 1, f'=COUNTIF({status},"{WITHOUT_WORKBOOK}")', without, "whole_bold")
    s.text(row + 7, 0, "met meer dan één werkboek (niet gebruikt)")
    s.formula(row + 7, 1, f"={s.cell(row + 3, 1)}-{s.cell(row + 5, 1)}-{s.cell(row + 6, 1)}",
              len(rows) - used - without, "whole_bold")
    s.ws.conditional_format(row + 6, 1, row + 7, 1, {"type": "cell", "criteria": ">", "value": 0,
                                                      "format": s.styles["bad"]})
    return row + 8, (s.cell(row + 3, 1), s.cell(row + 4, 1))


def _objective_block(book: OverviewBook, s, row: int, flanders: bool, counts) -> int:
    """The objectives (columns D–E); for Flanders against the 45,000 of R1."""
    gem: G.Layout = book.layouts[G.TITLE]
    objs = [r.objective for r in book.rows]
    p = load()
    label, value = RIGHT, RIGHT + 1
    s.text(row, label, "Objectieven (R1, R2, R4)", "subtitle")
    row += 1
    total = sum(o.bso for o in objs)
    if flanders:
        s.text(row, label, "Verplicht totaal voor Vlaanderen (R1)")
        s.formula(row, value, "=Vlaams_totaal", p.flemish_total, "whole_bold")
        row += 1
    s.text(row, label, "Som van de BSO's" + (" (Totaal_BSO)" if flanders else ""), "bold")
    s.formula(row, value, f"=SUM({gem.column(G.BSO)})", total, "whole_bold")
    if flanders:
        book.name("Totaal_BSO", s, row, value)
        bso_cell = s.cell(row, value)
        row += 1
        s.text(row, label, "Verschil met het verplichte totaal")
        s.formula(row, value, f"={bso_cell}-Vlaams_totaal", total - p.flemish_total, "whole_bold")
        diff = s.cell(row, value)
        row += 1
        covered, flemish = len(book.rows), len(municipalities())
        if total == p.flemish_total:
            check = CHECK_OK
        elif covered < flemish:
            check = f"het cijferbestand dekt {covered} van de {flemish} gemeenten: de som is geen Vlaams totaal"
        else:
            check = "verschilt van het verplichte totaal: controleer het cijferbestand (R1)"
        n, of = counts
        s.text(row, label, "Controle")
        s.formula(row, value, f'=IF({diff}=0,"{CHECK_OK}",IF({n}<{of},"het cijferbestand dekt "&{n}&" van de "&'
                              f'{of}&" gemeenten: de som is geen Vlaams totaal","verschilt van het verplichte totaal: '
                              f'controleer het cijferbestand (R1)"))', check, "bold")
        for criteria, style in (("==", "good"), ("!=", "bad")):
            s.ws.conditional_format(row, value, row, value, {"type": "cell", "criteria": criteria,
                                                             "value": f'"{CHECK_OK}"', "format": s.styles[style]})
        row += 1
    for text, col, attr, name in (("waarvan inhaalbeweging (SIB)", G.SIB, "sib", "Totaal_SIB"),
                                  ("T1 (2025–2030)", G.T1, "t1", "Totaal_T1"),
                                  ("T2 (2031–2036)", G.T2, "t2", "Totaal_T2"),
                                  ("T3 (2037–2042)", G.T3, "t3", "Totaal_T3")):
        s.text(row, label, text)
        s.formula(row, value, f"=SUM({gem.column(col)})", sum(getattr(o, attr) for o in objs), "whole")
        if flanders:
            book.name(name, s, row, value)
        row += 1
    return row


def _tests_block(book: OverviewBook, s, row: int) -> tuple[int, int, int]:
    """Per test: municipalities with a workbook, how many fall short, the shortfall and the risk."""
    proj: P.Layout = book.layouts[P.TITLE]
    p = load()
    s.text(row, 0, "Per voortgangstoets, volgens de projecten in de teruggestuurde werkboeken (R6–R8)", "subtitle")
    header = row + 1
    s.header_row(header, 0, ["Toets (meting op 31/12 van het jaar ervoor)", "Gemeenten met werkboek",
                             "Met tekort (categorie 2)", "Som van de tekorten (woningen)",
                             "Sanctierisico (drie schijven)"])
    s.ws.set_row(header, 30)
    ycol = proj.column(P.YEAR)
    used = [r for r in book.rows if r.projection is not None]
    for index, y in enumerate(p.test_years):
        r = header + 1 + index
        s.text(r, 0, f"{y} (meting {p.tests[y].measured:%d/%m/%Y})", "bold")
        s.formula(r, 1, f"=COUNTIF({ycol},{y})", len(used))
        s.formula(r, 2, f'=COUNTIFS({ycol},{y},{proj.column(P.SHORTFALL)},">0")',
                  sum(1 for x in used for t in x.projection.model.tests if t.year == y and t.shortfall > 0))
        s.formula(r, 3, f"=SUMIFS({proj.column(P.SHORTFALL)},{ycol},{y})", shortfall_of(used, y), "whole_bold")
        texts = f"SUMPRODUCT(({ycol}={y})*(ISTEXT({proj.column(P.RISK)})+ISTEXT({proj.column(P.EXPECTED)})))"
        sums = "+".join(f"SUMIFS({proj.column(c)},{ycol},{y})" for c in (P.RISK, P.EXPECTED))
        s.formula(r, 4, f'=IF({texts}>0,"{NOT_COMPUTED_MUNICIPAL}",{sums})', risk_of(used, y), "euro_whole_bold")
        if not book.wm:
            book.name(f"Totaal_sanctierisico_{y}", s, r, 4)
    last = header + len(p.test_years)
    s.ws.conditional_format(header + 1, 3, last, 3, {"type": "cell", "criteria": ">", "value": 0,
                                                     "format": s.styles["bad"]})
    note = last + 1
    s.merged_text(note, 0, LAST_COL, "Sanctierisico = verwachte kost (plan van aanpak beoordeeld als 2b) + risico "
                                     "(nog niet beoordeeld: het bedrag indien 2b), over de drie jaarlijkse schijven "
                                     "(R8); 0 bij categorie 1 en 2a. Gemeenten zonder werkboek tellen niet mee: hun "
                                     "projecten zijn niet gekend. " + NOT_COMPUTED_NOTE)
    s.ws.set_row(note, 30)
    return header, last, note + 2


def _risk_chart(book: OverviewBook, s, header: int, last: int, at_row: int, height: int) -> None:
    chart = book.workbook.add_chart({"type": "column"})
    chart.add_series({"name": "Sanctierisico", "categories": [s.name, header + 1, 0, last, 0],
                      "values": [s.name, header + 1, 4, last, 4], "fill": {"color": "#C55A11"},
                      "data_labels": {"value": True, "num_format": "€ #,##0", "font": {"size": 10}}})
    chart.set_title({"name": f"Sanctierisico per toetsjaar — {book.scope}", "name_font": {"size": 11}})
    chart.set_x_axis({"num_font": {"size": 10}})
    chart.set_y_axis({"num_format": "€ #,##0", "min": 0, "major_gridlines": {"visible": True},
                      "num_font": {"size": 10}})
    chart.set_legend({"none": True})
    chart.set_size({"width": 1080, "height": height})
    s.ws.insert_chart(at_row, 0, chart)


def _without_workbook(book: OverviewBook, s, row: int) -> int:
    rows = book.rows
    if book.data.workbooks_given or book.wm:
        missing = [r.name for r in rows if r.projection is None]
        if book.wm:
            text = ", ".join(missing) if missing else "geen: alle gemeenten stuurden hun werkboek terug"
            s.text(row, 0, "Gemeenten zonder gebruikt werkboek", "bold")
            s.merged_text(row, 1, LAST_COL, text, "wrap")
            s.ws.set_row(row, 13.5 * max(1, -(-len(text) // 115)))
            return row + 2
        return row + 1
    s.merged_text(row, 0, LAST_COL, "Geen map met teruggestuurde werkboeken opgegeven (bso-xl overview --workbooks "
                                    "MAP): er is nog geen projectie per gemeente.", "note")
    return row + 2


def write_flanders(book: OverviewBook) -> None:
    s = _start(book, "Bindend sociaal objectief 2026–2042 — overzicht Vlaanderen")
    left, counts = _figures_block(book, s, 3)
    right = _objective_block(book, s, 3, flanders=True, counts=counts)
    row = _without_workbook(book, s, max(left, right) + 1)
    header, last, row = _tests_block(book, s, row)
    _risk_chart(book, s, header, last, row, 230)
    s.ws.fit_to_pages(1, 1)
    protect(s)


def write_woonmaatschappij(book: OverviewBook) -> None:
    s = _start(book, f"Bindend sociaal objectief 2026–2042 — {book.wm}")
    refs = [r.fig.municipality for r in book.rows]
    areas = sorted({m.werkingsgebied for m in refs})
    for offset, (text, value) in enumerate((("Woonmaatschappij", book.wm),
                                            ("Werkingsgebied(en)", ", ".join(areas)),
                                            ("Provincie(s)", ", ".join(sorted({m.province for m in refs}))))):
        s.text(3 + offset, 0, text)
        s.text(3 + offset, 1, value, "bold")
    left, _ = _figures_block(book, s, 7)
    right = _objective_block(book, s, 7, flanders=False, counts=None)
    row = _without_workbook(book, s, max(left, right) + 1)
    header, last, row = _tests_block(book, s, row)
    text = ("Ruil (R10): blad Ruil simuleert een driepartijenovereenkomst tussen gemeenten van hetzelfde "
            "werkingsgebied (geldend recht); blad Wat-als VVSG laat een partner buiten het werkingsgebied toe (een "
            "voorstel, geen geldend recht); de gevolgen per toets staan op Ruil gevolgen en Wat-als gevolgen. Blad "
            "Enveloppe: wie extra woningen uit de vrijwillige enveloppe kan nemen (R10).")
    if len(areas) > 1:
        text += " Deze woonmaatschappij bedient meer dan één werkingsgebied: een ruil mag enkel binnen één ervan."
    s.merged_text(row, 0, LAST_COL, text, "note_wrap")
    s.ws.set_row(row, 42 if len(areas) > 1 else 30)
    _risk_chart(book, s, header, last, row + 1, 200)
    s.ws.fit_to_pages(1, 1)
    protect(s)
