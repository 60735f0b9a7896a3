"""Sheet *Vlaamse gemeenten*: every municipality of the figures file, for the swap simulator.

A swap partner may be named by name or NIS code; the formulas on *Ruil* and *Wat-als VVSG* look
it up here (``Lijst_NIS``, ``Lijst_gemeente``, ``Lijst_werkingsgebied``, ``Lijst_BSO``), also for a
partner outside the woonmaatschappij (the VVSG what-if).
"""

from __future__ import annotations

from ..workbook.context import protect
from .book import OverviewBook, banner

TITLE = "Vlaamse gemeenten"
HEADER_ROW = 4
FIRST_ROW = 5
COLUMNS = (("NIS", 6, "Lijst_NIS"), ("Gemeente", 20, "Lijst_gemeente"), ("Provincie", 14, ""),
           ("Werkingsgebied", 24, "Lijst_werkingsgebied"), ("Woonmaatschappij", 26, ""), ("BSO", 7, "Lijst_BSO"))


def write(book: OverviewBook) -> None:
    rows = list(book.data.rows.values())
    s = book.sheet(TITLE, "#A6A6A6")
    ws = s.ws
    ws.set_portrait()  # a long, narrow list: more rows on a page
    for col, (_, width, _) in enumerate(COLUMNS):
        ws.set_column(col, col, width)
    last_col = len(COLUMNS) - 1
    s.heading("Vlaamse gemeenten (naslag voor de ruil)",
              "Alle gemeenten van het cijferbestand met hun werkingsgebied, woonmaatschappij en BSO. De bladen Ruil "
              "en Wat-als VVSG zoeken hier de gemeente op die u bij van of naar invult (naam of NIS-code).",
              last_col, 30)
    banner(book, s, 2, last_col)
    s.header_row(HEADER_ROW, 0, [c[0] for c in COLUMNS])
    for i, r in enumerate(rows):
        row = FIRST_ROW + i
        m = r.fig.municipality
        for col, value in enumerate((r.nis, r.name, m.province, m.werkingsgebied, m.woonmaatschappij)):
            s.text(row, col, value)
        s.number(row, 5, r.objective.bso)
    last = FIRST_ROW + max(len(rows), 1) - 1
    for col, (_, _, name) in enumerate(COLUMNS):
        if name:
            book.name(name, s, FIRST_ROW, col, last, col)
    ws.autofilter(HEADER_ROW, 0, last, last_col)
    ws.freeze_panes(FIRST_ROW, 2)
    ws.repeat_rows(HEADER_ROW)
    protect(s)
