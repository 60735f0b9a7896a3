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
        return cls(CellKind.TEXT, clean_text(raw))


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
