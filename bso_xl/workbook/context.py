"""What every sheet builder gets: the workbook, its styles, the engine's model, the cache mode."""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.utility import xl_range_abs
from xlsxwriter.workbook import Workbook

from .cells import Sheet
from .model import WorkbookModel
from .styles import Styles
from .worksheet import MemoisedWorksheet

PAPER_A4 = 9  # XlsxWriter paper code for A4


@dataclass
class Book:
    workbook: Workbook
    styles: Styles
    model: WorkbookModel | None
    poison: bool = False
    # Who the footer names: the municipality of ``model`` when empty; an overview workbook (no
    # municipal model) names itself ("Vlaanderen", a woonmaatschappij).
    footer_name: str = ""

    def sheet(self, name: str, tab_color: str | None = None) -> Sheet:
        ws = self.workbook.add_worksheet(name, worksheet_class=MemoisedWorksheet)
        ws.set_landscape()
        ws.set_paper(PAPER_A4)
        ws.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        # "&&" is a literal ampersand in a header/footer; a municipality name never has one, but a
        # sheet builder's own text could.
        owner = self.footer_name or self.model.figures.name
        label = f"{owner} — {name}".replace("&", "&&")
        ws.set_footer(f"&L{label}&RPagina &P van &N")
        ws.hide_gridlines(2)
        if tab_color:
            ws.set_tab_color(tab_color)
        return Sheet(ws, self.styles, self.poison)

    def name(self, name: str, sheet: Sheet, row: int, col: int, last_row: int | None = None,
             last_col: int | None = None) -> None:
        """A workbook-level defined name for one cell or a range."""
        if last_row is None:
            ref = sheet.ref(row, col)
        else:
            ref = f"'{sheet.name}'!" + xl_range_abs(row, col, last_row, last_col)
        self.workbook.define_name(name, "=" + ref)


def protect(sheet: Sheet) -> None:
    """Lock every cell that is not an input; no password (documented in the Toelichting).

    Inserting and deleting rows is allowed where Excel allows it on a protected sheet; a table
    that must grow beyond its prepared rows needs the protection lifted (Toelichting, Projecten).
    """
    sheet.ws.protect("", {
        "format_columns": True,
        "format_rows": True,
        "insert_rows": True,
        "delete_rows": True,
        "autofilter": True,
        "sort": True,
        "select_locked_cells": True,
        "select_unlocked_cells": True,
    })
