"""Sheet *Overzicht*: key figures, status per progress test and a chart, on one A4 page.

What an officer looks at first: the objective, each test's requirement and count per level
(including "in uitvoering"), the shortfall and the level that decides it, the category and the
sanction (or "geen sanctie (2a)"), and anything that needs attention (flagged project rows, an
assumed index rate, a BSO of 0 and why).
"""

from __future__ import annotations

from ..rules import Level
from .context import Book, protect
from .sheet_groeipad import dwellings_style, required_ref
from .sheet_sanctie import category_ref
from .sheet_voortgang import counted_ref, deciding_ref

TITLE = "Overzicht"
LEVEL_COLUMNS = ((Level.MJP, "≥ MJP"), (Level.KTP, "≥ KTP"), (Level.UITVOERING, "≥ in uitvoering"),
                 (Level.GEREALISEERD, "gerealiseerd"))
STATUS_HEADERS = (["Toetsjaar (meting 31/12 van het jaar ervoor)"]
                  + [f"{kind} {label}" for _, label in LEVEL_COLUMNS for kind in ("Vereist", "Geteld")]
                  + ["Tekort", "Bepalend niveau", "Categorie", "Sanctie per jaar (indien 2b)"])
# One A4 landscape page at a legible size: at most ~148 characters of column width.
WIDTHS = [24] + [9] * 8 + [8, 14, 9, 14]
LAST_COL = len(STATUS_HEADERS) - 1
NO_SANCTION_2A = "geen sanctie (2a)"


def write(book: Book) -> None:
    m = book.model
    fig, obj, ref = m.figures, m.objective, m.figures.municipality
    s = book.sheet(TITLE, "#1F4E79")
    ws = s.ws
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    s.text(0, 0, f"Bindend sociaal objectief 2026–2042 — {fig.name}", "title")
    if fig.is_demo:
        s.merged_text(1, 0, LAST_COL, "VOORBEELDCIJFERS — GEEN OFFICIËLE CIJFERS. Dit werkboek toont de werking van "
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
    _right_block(book, s)
    s.text(row, 0, "Waarschuwingen")
    s.merged_text(row, 1, LAST_COL, "; ".join(obj.warnings) or "geen", "warning" if obj.warnings else "text")
    row += 1
    if obj.bso == 0:
        s.merged_text(row, 0, LAST_COL, _zero_bso_text(book), "note_wrap")
        ws.set_row(row, 30)
        row += 1
    s.formula(row, 0, '=IF(Projecten_problemen=0,"","Let op: "&Projecten_problemen&" projectrij(en) op blad '
                      'Projecten vragen aandacht (kolom Status begint met \'let op\').")',
              _problems_text(m.projects.flagged), "warning")
    s.formula(row + 1, 0, '=IF(Projecten_buiten_tabel=0,"","Let op: "&Projecten_buiten_tabel&" ingevulde cel(len) '
                          'onder de tabel Projecten tellen niet mee: neem ze op in de tabel.")',
              _outside_text(m.projects.outside_table), "warning")

    status_row = row + 3
    s.text(status_row - 1, 0, "Status per voortgangstoets (volgens de tabel Projecten)", "subtitle")
    s.header_row(status_row, 0, STATUS_HEADERS)
    ws.set_row(status_row, 42)
    for index, test in enumerate(m.tests):
        _status_row(s, status_row + 1 + index, index, test)
    last = status_row + len(m.tests)
    tekort = 1 + 2 * len(LEVEL_COLUMNS)
    ws.conditional_format(status_row + 1, tekort, last, tekort,
                          {"type": "cell", "criteria": "==", "value": 0, "format": s.styles["good"]})
    ws.conditional_format(status_row + 1, tekort, last, tekort,
                          {"type": "cell", "criteria": ">", "value": 0, "format": s.styles["bad"]})
    ws.set_row(last + 1, 27)
    s.merged_text(last + 1, 0, LAST_COL, "Groen: op schema (categorie 1). Rood: tekort; plan van aanpak nodig "
                                         "(categorie 2). De sanctie geldt enkel bij beoordeling 2b (blad Sanctie). "
                                         "Het bepalende niveau is het niveau met het grootste tekort.")
    s.formula(last + 2, 0, '=IF(Indexatie_gebruikt=0,"Bedragen: laatst gekende huurpremie (2025), zonder '
                           'indexatie.","Bedragen na 2025 met een veronderstelde indexatie (blad Sanctie): een '
                           'veronderstelling, geen officieel cijfer.")', _index_text(m), "note")
    _chart(book, s, status_row, last + 4)
    ws.fit_to_pages(1, 1)  # the summary prints on one page
    protect(s)


def _right_block(book: Book, s) -> None:
    """Raised premium, index rate, figures date and the exemption test, beside the key figures."""
    m = book.model
    fig = m.figures
    label_col, value_col = 5, 8
    rows = 3
    s.text(rows, label_col, "Verhoogde huurpremie (blad Sanctie)")
    s.formula(rows, value_col, "=Verhoogd", 1 if m.raised else 0, "yes_no_bold")
    s.text(rows + 1, label_col, "Veronderstelde indexatie per jaar")
    rate = m.index_rate
    s.formula(rows + 1, value_col, "=Indexatie_gebruikt", rate.value if not rate.refused else rate.message,
              "percent_decimal")
    s.text(rows + 2, label_col, "Peildatum van de cijfers")
    if fig.peildatum is None:
        s.text(rows + 2, value_col, "niet opgegeven")
    else:
        s.date(rows + 2, value_col, fig.peildatum)
    s.text(rows + 3, label_col, "Vrijstelling inhaalbeweging (R9)")
    s.formula(rows + 3, value_col, "=Vrijstelling_toets", m.exemption.status, "bold")
    s.text(rows + 4, label_col, "Projectrijen met 'let op'")
    s.formula(rows + 4, value_col, "=Projecten_problemen", m.projects.flagged, "whole_bold")


def _status_row(s, row: int, index: int, test) -> None:
    y = test.year
    s.number(row, 0, y, "bold_left")
    for offset, (level, _) in enumerate(LEVEL_COLUMNS):
        col = 1 + 2 * offset
        s.formula(row, col, "=" + required_ref(index, level), test.required[level],
                  dwellings_style(test.required[level]))
        s.formula(row, col + 1, "=" + counted_ref(index, level), test.counted[level])
    col = 1 + 2 * len(LEVEL_COLUMNS)
    s.formula(row, col, f"=Tekort_{y}", test.shortfall, "whole_bold")
    s.formula(row, col + 1, "=" + deciding_ref(index), test.deciding, "text")
    category = category_ref(index)
    s.formula(row, col + 2, "=" + category, test.category, "bold")
    shown = NO_SANCTION_2A if test.category == "2a" else test.sanction
    s.formula(row, col + 3, f'=IF({category}="2a","{NO_SANCTION_2A}",Sanctie_{y})', shown, "euro")


def _zero_bso_text(book: Book) -> str:
    """Why the objective is 0 (R2) and what the municipality can still do (the envelope, R10)."""
    obj = book.model.objective
    if obj.official_bso == 0:
        why = "Het officiële BSO van deze gemeente is 0."
    else:
        why = (f"De som van de componenten is {obj.identity} (blad Berekening); een negatieve som of 0 is een BSO "
               "van 0 (R2).")
    return (f"{why} Er is dus geen groeipad en geen sanctie. De gemeente kan wel vrijwillig extra sociale "
            "huurwoningen realiseren via de vrijwillige enveloppe van 5.000 (opschaalbaar tot 11.000) woningen voor "
            "Vlaanderen (R10).")


def _problems_text(flagged: int) -> str:
    if flagged == 0:
        return ""
    return (f"Let op: {flagged} projectrij(en) op blad Projecten vragen aandacht (kolom Status begint met "
            "'let op').")


def _outside_text(cells: int) -> str:
    if cells == 0:
        return ""
    return f"Let op: {cells} ingevulde cel(len) onder de tabel Projecten tellen niet mee: neem ze op in de tabel."


def _index_text(m) -> str:
    rate = m.index_rate
    if not rate.refused and rate.value == 0:
        return "Bedragen: laatst gekende huurpremie (2025), zonder indexatie."
    return ("Bedragen na 2025 met een veronderstelde indexatie (blad Sanctie): een veronderstelling, geen "
            "officieel cijfer.")


def _chart(book: Book, s, status_row: int, first_row: int) -> None:
    """Required vs counted dwellings per level at each test."""
    chart = book.workbook.add_chart({"type": "column"})
    last = status_row + len(book.model.tests)
    years = [s.name, status_row + 1, 0, last, 0]
    colours = ["#9DC3E6", "#1F4E79", "#F4B183", "#C55A11", "#FFE699", "#BF9000", "#A9D18E", "#548235"]
    for offset, colour in enumerate(colours):
        col = 1 + offset
        chart.add_series({
            "name": [s.name, status_row, col],
            "categories": years,
            "values": [s.name, status_row + 1, col, last, col],
            "fill": {"color": colour},
        })
    chart.set_title({"name": "Vereist en geteld per niveau en per toets", "name_font": {"size": 11}})
    chart.set_y_axis({"name": "woningen", "num_format": "#,##0", "min": 0, "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom", "font": {"size": 8}})
    chart.set_size({"width": 1000, "height": 235})
    s.ws.insert_chart(first_row, 0, chart)
