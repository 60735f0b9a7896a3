"""Writing cells: formulas always with the engine's value cached, text always as text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from math import ceil
from fractions import Fraction

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

# Added to every cached number when a test asks for deliberately wrong caches: a recalculated
# value can then never be mistaken for a stale cached one.
POISON = 7_654_321


def cached(value, poison: bool = False):
    """Engine value → the cached result XlsxWriter stores with a formula."""
    if isinstance(value, (Decimal, Fraction)):
        value = float(value)
    elif isinstance(value, dt.date):
        value = (value - dt.date(1899, 12, 30)).days
    if poison:
        if isinstance(value, str):
            return f"STALE {value}"
        return value + POISON
    return value


class Sheet:
    """A worksheet plus the workbook's styles and the cache mode; all writes go through here."""

    def __init__(self, worksheet: Worksheet, styles, poison: bool = False):
        self.ws = worksheet
        self.styles = styles
        self.poison = poison

    @property
    def name(self) -> str:
        return self.ws.get_name()

    def ref(self, row: int, col: int, absolute: bool = True) -> str:
        """A reference to a cell of this sheet usable from any sheet (`'Groeipad'!$C$4`)."""
        return f"'{self.name}'!{xl_rowcol_to_cell(row, col, absolute, absolute)}"

    def cell(self, row: int, col: int) -> str:
        """A relative reference within this sheet (`C4`)."""
        return xl_rowcol_to_cell(row, col)

    def formula(self, row: int, col: int, formula: str, value, style: str = "whole") -> None:
        self.ws.write_formula(row, col, formula, self.styles[style], cached(value, self.poison))

    def text(self, row: int, col: int, text: str, style: str = "text") -> None:
        # write_string: text from files or the engine never becomes a formula or a link.
        self.ws.write_string(row, col, "" if text is None else str(text), self.styles[style])

    def number(self, row: int, col: int, value, style: str = "whole") -> None:
        self.ws.write_number(row, col, float(value), self.styles[style])

    def date(self, row: int, col: int, value: dt.date, style: str = "date") -> None:
        self.ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), self.styles[style])

    def typed(self, row: int, col: int, value, style: str) -> None:
        """An input cell with an officer's value kept exactly as typed: text stays text (never a
        formula or a link), dates stay dates, numbers and booleans stay what they are."""
        if value is None or value == "":
            self.blank(row, col, style)
        elif isinstance(value, bool):
            self.ws.write_boolean(row, col, value, self.styles[style])
        elif isinstance(value, (dt.date, dt.datetime)):
            moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
            # a date typed into a number cell keeps the date format: it is what the officer sees
            date_style = style if "date" in style else "input_date"
            self.ws.write_datetime(row, col, moment, self.styles[date_style])
        elif isinstance(value, (int, float, Decimal)):
            self.number(row, col, value, style)
        else:
            self.text(row, col, str(value), style)

    def blank(self, row: int, col: int, style: str) -> None:
        self.ws.write_blank(row, col, None, self.styles[style])

    def merged_text(self, row: int, first_col: int, last_col: int, text: str, style: str = "note_wrap") -> None:
        """Text over several merged cells (still written as a string, never a formula)."""
        self.ws.merge_range(row, first_col, row, last_col, "", self.styles[style])
        self.ws.write_string(row, first_col, text, self.styles[style])

    def heading(self, title: str, intro: str, last_col: int, intro_height: float) -> None:
        """A sheet's title (row 1) and its explanatory paragraph (row 2, merged and wrapped)."""
        self.text(0, 0, title, "title")
        self.merged_text(1, 0, last_col, intro)
        self.ws.set_row(1, intro_height)

    def wrapped(self, row: int, col: int, text: str, width: float, style: str = "wrap") -> None:
        """Wrapped text with a row height to match: spreadsheets do not grow rows when they open a file.

        ``width`` is the cell's (or merged cells') width in characters; about 1.1 characters of 10 pt
        text fit one unit of column width."""
        self.text(row, col, text, style)
        lines = max(1, ceil(len(text) / (width * 1.1)))
        if lines > 1:
            self.ws.set_row(row, 13.5 * lines)

    def header_row(self, row: int, col: int, labels: list[str]) -> None:
        for offset, label in enumerate(labels):
            self.text(row, col + offset, label, "header")
