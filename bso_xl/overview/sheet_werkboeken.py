"""Sheet *Werkboeken*: every file found in the folder of returned workbooks and what became of
it (used, two for one municipality, unreadable, …), and every note the reader made — invalid
inputs carried over, formulas in input cells, project rows that need attention."""

from __future__ import annotations

from ..workbook.context import protect
from .book import OverviewBook, intro_height

TITLE = "Werkboeken"
WIDTHS = [30, 6, 16, 7, 40, 40, 8]
LAST_COL = len(WIDTHS) - 1


def write(book: OverviewBook) -> None:
    returned = book.data.returned
    members = {r.nis for r in book.rows}
    files = [f for f in returned.files if not book.wm or f.nis in members]
    s = book.sheet(TITLE, "#7F7F7F")
    ws = s.ws
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    intro = ("Elk bestand in de map met teruggestuurde werkboeken (bso-xl overview --workbooks MAP; submappen zoals "
              "backup/ niet). Een werkboek hoort bij de gemeente die erin staat, niet bij zijn bestandsnaam. Staan er "
              "twee of meer werkboeken van één gemeente in de map, dan gebruikt bso-xl er geen: verwijder of "
              "verplaats wat niet geldt en maak het overzicht opnieuw.")
    s.heading(f"Teruggestuurde werkboeken — {book.scope}", intro, LAST_COL, intro_height(intro, WIDTHS))
    row = 3
    if not book.data.workbooks_given:
        s.text(row, 0, "Geen map opgegeven: dit overzicht gebruikt geen teruggestuurde werkboeken.", "note")
        protect(s)
        return
    s.header_row(row, 0, ["Bestand", "NIS", "Gemeente", "Versie", "Status", "Toelichting", "Meldingen"])
    for f in files:
        row += 1
        s.text(row, 0, f.name)
        s.text(row, 1, f.nis)
        s.text(row, 2, f.gemeente)
        s.text(row, 3, f.version)
        s.text(row, 4, f.status, "bold" if f.status == "gebruikt" else "warning")
        s.wrapped(row, 5, f.detail, WIDTHS[5])
        s.number(row, 6, len(f.notes))
    if not files:
        row += 1
        s.text(row, 0, "Geen werkboeken gevonden.", "note")
    row += 2
    s.text(row, 0, "Meldingen bij het inlezen", "subtitle")
    row += 1
    notes = [(f.name, note) for f in files for note in f.notes]
    if not notes:
        s.text(row, 0, "geen", "note")
    width = sum(WIDTHS[1:])
    for name, note in notes:
        s.text(row, 0, name)
        s.ws.merge_range(row, 1, row, LAST_COL, "", s.styles["wrap"])
        s.text(row, 1, note, "wrap")
        lines = max(1, -(-len(note) // int(width * 1.1)))
        if lines > 1:
            ws.set_row(row, 13.5 * lines)
        row += 1
    ws.freeze_panes(4, 1)
    protect(s)
