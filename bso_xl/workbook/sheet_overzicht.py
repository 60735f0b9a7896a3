"""Sheet *Overzicht*: key figures, status per progress test and a chart, on one page."""

from __future__ import annotations

from ..rules import Level
from .context import Book, protect
from .sheet_groeipad import required_ref
from .sheet_sanctie import category_ref
from .sheet_voortgang import counted_ref

TITLE = "Overzicht"
STATUS_ROW = 20
STATUS_HEADERS = ["Toetsjaar", "Meetdatum", "Vereist ≥ MJP", "Geteld ≥ MJP", "Vereist ≥ KTP", "Geteld ≥ KTP",
                  "Vereist gerealiseerd", "Gerealiseerd", "Tekort", "Categorie", "Sanctie per jaar (indien 2b)"]


def write(book: Book) -> None:
    m = book.model
    fig, obj, ref = m.figures, m.objective, m.figures.municipality
    s = book.sheet(TITLE, "#1F4E79")
    ws = s.ws
    ws.set_column(0, 0, 26)
    ws.set_column(1, len(STATUS_HEADERS) - 1, 12.5)
    s.text(0, 0, f"Bindend sociaal objectief 2026–2042 — {fig.name}", "title")
    if fig.is_demo:
        s.merged_text(1, 0, 10, "VOORBEELDCIJFERS — GEEN OFFICIËLE CIJFERS. Dit werkboek toont de werking van "
                                "bso-xl op voorbeeldcijfers; gebruik het niet voor beslissingen.", "demo_wrap")
        ws.set_row(1, 30)

    row = 3
    for label, value in (("Gemeente", fig.name), ("NIS-code", fig.nis), ("Provincie", ref.province),
                         ("Woonmaatschappij", ref.woonmaatschappij), ("Werkingsgebied", ref.werkingsgebied)):
        s.text(row, 0, label)
        s.text(row, 1, value, "bold")
        row += 1
    for label, name, value in (("BSO (R2)", "BSO", obj.bso), ("waarvan inhaalbeweging (SIB)", "SIB", obj.sib),
                               ("waarvan regulier", "Regulier", obj.regulier),
                               ("T1 (2025–2030)", "Tussentijds_T1", obj.t1),
                               ("T2 (2031–2036)", "Tussentijds_T2", obj.t2),
                               ("T3 (2037–2042)", "Tussentijds_T3", obj.t3)):
        s.text(row, 0, label)
        s.formula(row, 1, f"={name}", value, "whole_bold")
        row += 1
    s.text(row, 0, "Verhoogde huurpremie")
    s.formula(row, 1, "=Verhoogd", 1 if m.raised else 0, "yes_no_bold")
    row += 1
    s.text(row, 0, "Peildatum van de cijfers")
    if fig.peildatum is None:
        s.text(row, 1, "niet opgegeven")
    else:
        s.date(row, 1, fig.peildatum)
    row += 1
    s.text(row, 0, "Waarschuwingen")
    s.merged_text(row, 1, 10, "; ".join(obj.warnings) or "geen", "warning" if obj.warnings else "text")

    s.text(STATUS_ROW - 1, 0, "Status per voortgangstoets (volgens de tabel Projecten)", "subtitle")
    s.header_row(STATUS_ROW, 0, STATUS_HEADERS)
    ws.set_row(STATUS_ROW, 30)
    for index, test in enumerate(m.tests):
        row = STATUS_ROW + 1 + index
        y = test.year
        s.number(row, 0, y, "bold")
        s.formula(row, 1, f"=Meetdatum_{y}", test.measured, "date")
        for col, level in ((2, Level.MJP), (4, Level.KTP), (6, Level.GEREALISEERD)):
            s.formula(row, col, "=" + required_ref(index, level), test.required[level], "decimal")
            s.formula(row, col + 1, "=" + counted_ref(index, level), test.counted[level])
        s.formula(row, 8, f"=Tekort_{y}", test.shortfall, "whole_bold")
        s.formula(row, 9, "=" + category_ref(index), test.category, "bold")
        s.formula(row, 10, f"=Sanctie_{y}", test.sanction, "euro")
    last = STATUS_ROW + len(m.tests)
    ws.conditional_format(STATUS_ROW + 1, 8, last, 8,
                          {"type": "cell", "criteria": "==", "value": 0, "format": s.styles["good"]})
    ws.conditional_format(STATUS_ROW + 1, 8, last, 8,
                          {"type": "cell", "criteria": ">", "value": 0, "format": s.styles["bad"]})
    s.merged_text(last + 1, 0, 10, "Groen: op schema (categorie 1). Rood: tekort; plan van aanpak nodig "
                                   "(categorie 2). De sanctie geldt enkel bij beoordeling 2b (blad Sanctie).")
    _chart(book, s, last)
    ws.fit_to_pages(1, 1)  # the summary prints on one page
    protect(s)


def _chart(book: Book, s, last: int) -> None:
    """Required vs counted dwellings per level at each test."""
    chart = book.workbook.add_chart({"type": "column"})
    years = [s.name, STATUS_ROW + 1, 0, last, 0]
    colours = ["#9DC3E6", "#1F4E79", "#F4B183", "#C55A11", "#A9D18E", "#548235"]
    for offset, colour in enumerate(colours):
        col = 2 + offset
        chart.add_series({
            "name": [s.name, STATUS_ROW, col],
            "categories": years,
            "values": [s.name, STATUS_ROW + 1, col, last, col],
            "fill": {"color": colour},
        })
    chart.set_title({"name": "Vereist en geteld per niveau en per toets", "name_font": {"size": 11}})
    chart.set_y_axis({"name": "woningen", "num_format": "#,##0", "min": 0, "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 1000, "height": 280})
    s.ws.insert_chart(last + 3, 0, chart)
