"""Sheet *Enveloppe* (R10): which municipalities may take extra dwellings from the voluntary
envelope — BSO reached, or covered by the projects on their planning — and how many their
planning holds beyond the BSO, against the Flemish envelope of 5,000 (scalable to 11,000, R1).

The planning comes from a returned workbook (projects up to the end date, 31/12/2042), else from
the official counts of the figures file; without either the municipality has no figures here.
"""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from ..parameters import load
from ..workbook.context import protect
from . import sheet_gemeenten as G
from .book import OverviewBook, banner, intro_height

TITLE = "Enveloppe"
NAME, WM, BSO, SOURCE, REALISED, PLANNED, ELIGIBLE, ROOM, REASON = range(9)
LAST_COL = REASON
WIDTHS = [18, 22, 8, 30, 11, 11, 11, 12, 30]
HEADER_ROW = 15
FIRST_ROW = 16
REFUSED = "ongeldig: geef een geheel aantal woningen tussen de basis en het maximum"
NO_DATA = "geen gegevens"
FITS = ("past binnen de basisenveloppe", "past enkel binnen een opgeschaalde enveloppe",
        "groter dan de opgeschaalde enveloppe")


def used_envelope(typed):
    """The envelope the user assumes (yellow cell): a whole number between the basis and the maximum."""
    p = load()
    if isinstance(typed, bool) or not isinstance(typed, (int, float)):
        return REFUSED
    if not (p.envelope_min <= typed <= p.envelope_max) or typed != int(typed):
        return REFUSED
    return int(typed)


def reason(bso: int, basis) -> str:
    if basis.eligible is None:
        return ""
    if basis.eligible:
        if bso == 0:
            return "BSO 0"
        return "BSO gerealiseerd" if basis.realised >= bso else "BSO gedekt door de planning"
    return f"nog {bso - max(basis.realised, basis.planned)} woning(en) te plannen"


def write(book: OverviewBook, typed_envelope=None) -> None:
    p = load()
    gem: G.Layout = book.layouts[G.TITLE]
    typed = p.envelope_min if typed_envelope is None else typed_envelope
    rows = book.rows
    s = book.sheet(TITLE, "#548235")
    ws = s.ws
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    intro = ("Wie zijn BSO gerealiseerd heeft, of zal realiseren met de projecten op zijn planning, kan extra sociale "
              "huurwoningen nemen uit de vrijwillige enveloppe: 5.000 voor heel Vlaanderen, opschaalbaar tot 11.000 "
              "(R1, R10). Hoeveel een gemeente kan nemen, zeggen de regels niet; bso-xl toont wat haar planning boven "
              "haar BSO bevat (interpretatie). Planning: de projecten van het teruggestuurde werkboek tot 31/12/2042, "
              "anders de officiële tellingen van het cijferbestand.")
    s.heading(f"Vrijwillige enveloppe (R10) — {book.scope}", intro, LAST_COL, intro_height(intro, WIDTHS))
    banner(book, s, 2, LAST_COL)
    first, last = FIRST_ROW, FIRST_ROW + max(len(rows), 1) - 1
    eligible_col = f"{xl_rowcol_to_cell(first, ELIGIBLE, True, True)}:{xl_rowcol_to_cell(last, ELIGIBLE, True, True)}"
    room_col = f"{xl_rowcol_to_cell(first, ROOM, True, True)}:{xl_rowcol_to_cell(last, ROOM, True, True)}"
    demand = sum(r.envelope.room or 0 for r in rows)
    used = used_envelope(typed)
    top = 4
    s.text(top, 0, "Vrijwillige enveloppe voor Vlaanderen: basis", "bold")
    s.formula(top, 2, "=Enveloppe_minimum", p.envelope_min, "whole_bold")
    s.text(top + 1, 0, "opschaalbaar tot", "bold")
    s.formula(top + 1, 2, "=Enveloppe_maximum", p.envelope_max, "whole_bold")
    s.text(top + 2, 0, "Enveloppe in deze berekening (invoer)", "bold")
    s.typed(top + 2, 2, typed, "input_whole")
    book.name("Enveloppe_invoer", s, top + 2, 2)
    ws.data_validation(top + 2, 2, top + 2, 2, {
        "validate": "integer", "criteria": "between", "minimum": "=Enveloppe_minimum", "maximum": "=Enveloppe_maximum",
        "error_title": "Enveloppe", "error_message": "Geef een aantal woningen tussen de basis (5.000) en het "
                                                     "maximum (11.000)."})
    x = s.cell(top + 2, 2)
    s.text(top + 2, 3, "tussen de basis en het maximum; een veronderstelling, geen beslissing", "note")
    s.text(top + 3, 0, "Enveloppe gebruikt", "bold")
    s.formula(top + 3, 2, f'=IF(ISNUMBER({x}),IF(AND({x}>=Enveloppe_minimum,{x}<=Enveloppe_maximum,{x}=INT({x})),'
                          f'{x},"{REFUSED}"),"{REFUSED}")', used, "whole_bold")
    book.name("Enveloppe_gebruikt", s, top + 3, 2)
    used_cell = s.cell(top + 3, 2)
    s.text(top + 5, 0, "Gemeenten die in aanmerking komen", "bold")
    s.formula(top + 5, 2, f'=COUNTIF({eligible_col},"ja")', sum(1 for r in rows if r.envelope.eligible), "whole_bold")
    s.text(top + 6, 0, "Extra woningen op hun planning, samen", "bold")
    s.formula(top + 6, 2, f"=SUM({room_col})", demand, "whole_bold")
    book.name("Enveloppe_vraag", s, top + 6, 2)
    d = s.cell(top + 6, 2)
    s.text(top + 7, 0, "Tegenover de Vlaamse enveloppe", "bold")
    fit = FITS[0] if demand <= p.envelope_min else FITS[1] if demand <= p.envelope_max else FITS[2]
    s.formula(top + 7, 2, f'=IF({d}<=Enveloppe_minimum,"{FITS[0]}",IF({d}<=Enveloppe_maximum,"{FITS[1]}",'
                          f'"{FITS[2]}"))', fit, "bold_left")
    s.text(top + 8, 0, "Rest van de enveloppe (< 0: te weinig)", "bold")
    s.formula(top + 8, 2, f"=IF(ISNUMBER({used_cell}),{used_cell}-{d},{used_cell})",
              used - demand if isinstance(used, int) else used, "whole_bold")
    s.text(top + 9, 0, "Deel van de enveloppe", "bold")
    s.formula(top + 9, 2, f"=IF(ISNUMBER({used_cell}),{d}/{used_cell},{used_cell})",
              demand / used if isinstance(used, int) else used, "percent_decimal")
    if book.wm:
        s.text(top + 9, 3, "de enveloppe is Vlaams: dit is het deel dat deze gemeenten samen zouden vragen", "note")
    s.header_row(HEADER_ROW, 0, ["Gemeente", "Woonmaatschappij", "BSO", "Bron van de planning",
                                 "Gerealiseerd", "Minstens MJP (planning)", "Komt in aanmerking",
                                 "Extra woningen op de planning", "Waarom"])
    ws.set_row(HEADER_ROW, 30)
    for i, r in enumerate(rows):
        row = first + i
        basis = r.envelope
        s.text(row, NAME, r.name)
        s.text(row, WM, r.fig.municipality.woonmaatschappij)
        s.formula(row, BSO, "=" + gem.ref(r.nis, G.BSO), r.objective.bso, "whole_bold")
        s.text(row, SOURCE, basis.source)
        if basis.realised is not None:
            s.number(row, REALISED, basis.realised)
            s.number(row, PLANNED, basis.planned)
        bso, real, plan = (s.cell(row, c) for c in (BSO, REALISED, PLANNED))
        eligible = NO_DATA if basis.eligible is None else ("ja" if basis.eligible else "nee")
        s.formula(row, ELIGIBLE, f'=IF(ISNUMBER({plan}),IF(OR({real}>={bso},{plan}>={bso}),"ja","nee"),'
                                 f'IF({bso}=0,"ja","{NO_DATA}"))', eligible, "bold")
        e = s.cell(row, ELIGIBLE)
        s.formula(row, ROOM, f'=IF(AND({e}="ja",ISNUMBER({plan})),MAX(0,MAX({real},{plan})-{bso}),0)',
                  basis.room or 0, "whole")
        s.formula(row, REASON, f'=IF({e}="ja",IF({bso}=0,"BSO 0",IF({real}>={bso},"BSO gerealiseerd",'
                               f'"BSO gedekt door de planning")),IF({e}="nee","nog "&({bso}-MAX({real},{plan}))&'
                               f'" woning(en) te plannen",""))', reason(r.objective.bso, basis), "text")
    ws.conditional_format(first, ELIGIBLE, last, ELIGIBLE, {"type": "cell", "criteria": "==", "value": '"ja"',
                                                            "format": s.styles["good"]})
    ws.autofilter(HEADER_ROW, 0, last, LAST_COL)
    ws.freeze_panes(FIRST_ROW, 1)
    ws.repeat_rows(HEADER_ROW)
    protect(s)
