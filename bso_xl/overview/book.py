"""What every overview sheet builder gets: the municipal :class:`~bso_xl.workbook.context.Book`
(workbook, styles, cache mode, A4 page set-up, footers) plus the overview's data and its scope."""

from __future__ import annotations

from dataclasses import dataclass, field

from xlsxwriter.workbook import Workbook

from ..model import DEMO_LABEL
from ..workbook.cells import Sheet
from ..workbook.context import Book
from ..workbook.styles import BAD_FILL, BAD_FONT, Styles
from .model import OverviewData, Row

# A value taken from a returned workbook whose officer's input was refused there (the municipal
# workbook shows a message instead of a number, :mod:`bso_xl.workbook.guards`).
# Cells show the short mark; each sheet where it can appear says what it means.
NOT_COMPUTED_MUNICIPAL = "n.b."
NOT_COMPUTED = "n.b."
NOT_COMPUTED_NOTE = ("n.b. = niet berekend: het werkboek van de gemeente heeft een ongeldige invoer (blad Werkboeken); "
                     "een som met zo'n cel is ook n.b., nooit een gedeeltelijke som.")
REFUSED_INPUT = "ongeldig"  # a refused input of a returned workbook (its own sheet says why)
DEMO_BANNER = ("VOORBEELDCIJFERS — GEEN OFFICIËLE CIJFERS. Dit overzicht toont de werking van bso-xl op "
               "voorbeeldcijfers; gebruik het niet voor beslissingen.")
WHAT_IF_BANNER = ("WAT-ALS — VOORSTEL VAN DE VVSG, GEEN GELDEND RECHT. Vandaag mogen enkel gemeenten van "
                  "hetzelfde werkingsgebied ruilen (R10); hier mag een partner erbuiten.")


class OverviewStyles(Styles):
    """The municipal workbook's formats plus the few an overview needs."""

    def __init__(self, workbook: Workbook):
        super().__init__(workbook)
        add = workbook.add_format
        base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
        self._formats.update({
            "what_if": add({**base, "bold": True, "font_size": 12, "font_color": BAD_FONT, "bg_color": BAD_FILL,
                            "border": 2, "text_wrap": True}),
            "status": add({**base, "bold": True, "text_wrap": True, "border": 1}),
            "warning_wrap": add({**base, "bold": True, "font_color": BAD_FONT, "text_wrap": True}),
            "total_label": add({**base, "bold": True, "top": 1}),
            "total_whole": add({**base, "bold": True, "top": 1, "num_format": "#,##0"}),
            "total_euro": add({**base, "bold": True, "top": 1, "num_format": "€ #,##0.00"}),
            "total_blank": add({**base, "top": 1}),
            "muted": add({"bg_color": "#EDEDED", "font_color": "#595959"}),
            "input_general": add({**base, "locked": False, "bg_color": "#FFF2CC", "border": 1,
                                  "border_color": "#BF9000", "num_format": "General"}),
            "whole_no_zero": add({**base, "num_format": '#,##0;-#,##0;""'}),
            "euro_whole": add({**base, "num_format": "€ #,##0"}),
            "euro_whole_bold": add({**base, "num_format": "€ #,##0", "bold": True}),
            "total_euro_whole": add({**base, "bold": True, "top": 1, "num_format": "€ #,##0"}),
        })


@dataclass
class OverviewBook(Book):
    data: OverviewData | None = None
    rows: list[Row] = field(default_factory=list)  # this workbook's municipalities, in the figures' order
    wm: str = ""  # the woonmaatschappij; "" for Vlaanderen
    layouts: dict = field(default_factory=dict)  # sheet title → where its cells stand (filled in up front)

    @property
    def scope(self) -> str:
        return self.wm or "Vlaanderen"


def banner(book: OverviewBook, s: Sheet, row: int, last_col: int) -> None:
    """The demo banner on every sheet that shows figures (nothing when the figures are official)."""
    if book.data.is_demo:
        s.merged_text(row, 0, last_col, DEMO_BANNER, "demo_wrap")
        s.ws.set_row(row, 30)


def source_label(book: OverviewBook) -> str:
    from pathlib import Path

    figures = book.data.figures
    return DEMO_LABEL if figures.is_demo else Path(figures.source).name


def municipal(value):
    """A value of a returned workbook's model; its messages become the overview's short marks."""
    if not isinstance(value, str):
        return value
    return NOT_COMPUTED_MUNICIPAL if value.startswith("niet berekend") else REFUSED_INPUT


def intro_height(text: str, widths) -> float:
    """Row height for a wrapped paragraph over columns of these widths (13.5 pt a line)."""
    from math import ceil

    return 13.5 * max(1, ceil(len(text) / (sum(widths) * 1.05))) + 2
