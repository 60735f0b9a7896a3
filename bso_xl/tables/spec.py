"""What a kind of input file holds, declared once: columns, kinds, groups, file-level lines.

Header matching is forgiving where it cannot go wrong (case, spaces, hyphens, slashes, known
aliases) and strict where it can: a header one or two letters from a known name is a typo to
fix (Levenshtein distance ≤ 2, ≤ 1 for names shorter than 5 characters so ``id`` or ``nr`` stay
the user's own notes), never silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import TableError
from .cells import Cell


class Invalid(ValueError):
    """Raised by a :class:`Kind`'s parser: ``expected`` says what the cell should hold."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


@dataclass(frozen=True)
class Kind:
    """How a non-empty cell becomes a value: ``parse`` returns it or raises :class:`Invalid`."""

    expected: str  # what a valid cell holds, in Dutch (used for empty required cells and error cells)
    parse: Callable[[Cell], object]


@dataclass(frozen=True)
class Column:
    name: str  # canonical, lower case, as the documentation spells it
    kind: Kind
    required: bool = False
    aliases: tuple[str, ...] = ()  # other header spellings seen in practice


@dataclass(frozen=True)
class Spec:
    """Everything about one kind of input file that the reader needs to know."""

    error: type[TableError]
    columns: tuple[Column, ...]
    groups: tuple[tuple[str, ...], ...] = ()  # columns that go together: all or none
    lines: tuple[Column, ...] = ()  # file-level lines '# name: value'
    sheet: str | None = None  # preferred XLSX sheet (else the first one)
    rows_hold: str = "gegevens"  # 'minstens één rij met … onder de kolomnamen'

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if not c.required)



def header_key(name: str) -> str:
    """How headers are compared: case, spaces, hyphens and slashes do not matter."""
    key = re.sub(r"[\s\-/]+", "_", name.strip().casefold())
    return re.sub(r"_+", "_", key).strip("_")


def known_keys(columns: tuple[Column, ...]) -> dict[str, str]:
    """Every accepted header spelling (normalised) → canonical name."""
    known = {}
    for column in columns:
        for spelling in (column.name, *column.aliases):
            known[header_key(spelling)] = column.name
    return known


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def near_miss(key: str, known: dict[str, str]) -> str | None:
    """The canonical name a header is a typo of: distance ≤ 2, ≤ 1 for names shorter than 5."""
    best = None
    for spelling, name in known.items():
        distance = levenshtein(key, spelling)
        if distance <= (1 if len(spelling) < 5 else 2) and (best is None or distance < best[0]):
            best = (distance, name)
    return None if best is None else best[1]


def enumerate_names(names: tuple[str, ...]) -> str:
    """('t1', 't2', 't3') → 't1, t2 en t3'."""
    return ", ".join(names[:-1]) + " en " + names[-1]


def shorten(value: object, limit: int = 80) -> object:
    """Keep messages readable when a cell holds a whole paragraph."""
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "…"
    return value
