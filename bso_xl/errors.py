"""Errors meant for the user: their message is all they see (no traceback).

Users are municipal financial officers working in Excel: every message is Dutch and says where
(file, row, column), what was found and what was expected, so it can be fixed without help.
"""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A problem the user can fix (bad file, bad option); ``str()`` is the whole message."""


def located(file: str, row: int | None = None, column: str | None = None) -> str:
    """'cijfers.csv, rij 3, kolom 'sib'': the place a problem or a warning refers to."""
    where = [file]
    if row is not None:
        where.append(f"rij {row}")
    if column is not None:  # a header may hold a line break (Alt+Enter): one line per message
        where.append(f"kolom '{' '.join(column.split())}'")
    return ", ".join(where)


@dataclass(frozen=True)
class Problem:
    """One problem in an input file, located precisely enough to fix it."""

    file: str
    row: int | None  # spreadsheet row number, as Excel shows it: the header is row 1
    column: str | None  # the column as its header is written in the file
    value: object  # what the cell holds, as text (None: nothing to show)
    expected: str

    def __str__(self) -> str:
        found = "" if self.value is None else f": gevonden {self.value!r}"
        return f"{located(self.file, self.row, self.column)}{found}; verwacht: {self.expected}"


class TableError(UserError):
    """Every problem found in one input file, reported at once (never the first one only).

    ``warnings`` are the file's problems that would not have stopped it; they are kept for
    callers that want to show them too, but are not part of the message.
    """

    def __init__(self, problems: list[Problem], warnings: list[str] | tuple[str, ...] = ()):
        self.problems = list(problems)
        self.warnings = tuple(warnings)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def of_file(cls, file: str, expected: str, value: object = None) -> "TableError":
        """The file as a whole cannot be read (missing, not a workbook, damaged …)."""
        return cls([Problem(file, None, None, value, expected)])


class FiguresError(TableError):
    """Every problem found in a figures file (one row per municipality)."""


class ProjectsError(TableError):
    """Every problem found in a projects file (many rows per municipality)."""


class ContactsError(TableError):
    """Every problem found in a contacts file (e-mail recipients per municipality)."""
