"""Cells as a file holds them, before any column means anything.

CSV cells are text. XLSX cells keep the type Excel stored, so a real number cell is never read
as text (no separator ambiguity), a date cell is a date, and an error value or a formula saved
without its result is told apart from an empty cell.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class CellKind(Enum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    BOOL = "bool"
    ERROR = "error"  # an XLSX error value such as #N/A
    NO_VALUE = "no_value"  # an XLSX formula saved without its result (not calculated)


@dataclass(frozen=True, slots=True)
class Cell:
    """One non-empty cell. ``text`` is what a message shows; typed XLSX cells also keep their value."""

    kind: CellKind
    text: str
    number: Decimal | None = None  # NUMBER; for DATE the serial number Excel stores
    when: dt.datetime | None = None  # DATE
    flag: bool | None = None  # BOOL

    @classmethod
    def of_text(cls, raw: str) -> "Cell":
        """A text cell (CSV, or an XLSX string); an Excel error value written as text is an error cell."""
        text = clean_text(raw)
        return cls(CellKind.ERROR if text.upper() in ERROR_VALUES else CellKind.TEXT, text)


# Excel's error values, English and Dutch: a CSV export writes them as text, and a cell
# "#N/A" in the first column must never turn its row into a '#' comment line.
ERROR_VALUES = frozenset((
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!", "#GETTING_DATA",
    "#LEEG!", "#DEEL/0!", "#WAARDE!", "#VERW!", "#NAAM?", "#GETAL!", "#N/B", "#OVERLOOP!", "#BEREKENEN!",
))


def is_comment(text: str) -> bool:
    """A cell that makes its row a comment: it starts with '#' and is no Excel error value."""
    return text.startswith("#") and text.upper() not in ERROR_VALUES


_QUOTE_PREFIXED = re.compile(r"'(?=[=+\-@0-9])")


def clean_text(raw: str) -> str:
    """Strip spaces and Excel's quote prefix (``'0123`` → ``0123``, ``'=A1`` → ``=A1``)."""
    text = raw.strip()
    if _QUOTE_PREFIXED.match(text):
        text = text[1:].strip()
    return text


@dataclass
class Grid:
    """A file's non-empty rows before validation: (row number as Excel shows it, column → cell)."""

    source: str
    rows: list[tuple[int, dict[int, Cell]]] = field(default_factory=list)
