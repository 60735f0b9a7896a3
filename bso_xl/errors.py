"""Errors meant for the user: their message is all they see (no traceback)."""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A problem the user can fix (bad file, bad option); ``str()`` is the whole message."""


@dataclass(frozen=True)
class Problem:
    """One problem in an input file, located precisely enough to fix it."""

    file: str
    row: int | None  # spreadsheet row number: the header is row 1
    column: str | None
    value: object
    expected: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column is not None:
            where.append(f"kolom '{self.column}'")
        found = "" if self.value is None else f": gevonden {self.value!r}"
        return f"{', '.join(where)}{found}; verwacht: {self.expected}"


class FiguresError(UserError):
    """Every problem found in a figures file, reported at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
