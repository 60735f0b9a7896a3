"""Grid + Spec → Table: columns mapped, cells typed, every problem collected with its place.

- The header is the first row that is not a comment. Rows whose cell in column A starts with
  ``#`` (and is no Excel error value such as ``#N/A``) are comments; ``# name: value`` (the value in the same cell or the next one) sets a file-level
  line the spec declares (``# peildatum: 2026-04-30``).
- Unknown columns are the user's own notes: one warning lists them. Near misses are errors.
- Empty rows are skipped; a row with text only in unknown columns is skipped with a warning,
  never silently.
- Error values (``#N/A``) and formulas saved without a result are reported as such, not as
  empty cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, located
from .cells import Cell, CellKind, Grid, is_comment
from .files import load
from .spec import Invalid, Kind, Spec, enumerate_names, header_key, known_keys, near_miss, shorten


@dataclass
class Row:
    """One data row: the typed value of every column the file has (None when empty or invalid)."""

    number: int
    values: dict[str, object]
    cells: dict[str, Cell]  # the non-empty cells of known columns, as found
    invalid: set[str] = field(default_factory=set)
    failed: bool = False  # some problem was reported on this row

    def __getitem__(self, name: str) -> object:
        return self.values.get(name)

    def has(self, name: str) -> bool:
        """The file has this column."""
        return name in self.values

    def filled(self, name: str) -> bool:
        return name in self.cells

    def text(self, name: str) -> str:
        cell = self.cells.get(name)
        return "" if cell is None else cell.text


@dataclass
class Table:
    """A validated file: typed rows, file-level lines, the problems and warnings found so far."""

    source: str
    spec: Spec
    header_row: int | None = None
    headers: dict[str, str] = field(default_factory=dict)  # canonical name → header as written
    rows: list[Row] = field(default_factory=list)
    lines: dict[str, tuple[int, object]] = field(default_factory=dict)  # name → (row, value)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def problem(self, where: Row | int | None, column: str | None, value: object, expected: str) -> None:
        """Report a problem; ``column`` is a canonical name, shown as the file writes it."""
        if isinstance(where, Row):
            where.failed = True
            where = where.number
        header = None if column is None else self.headers.get(column, column)
        self.problems.append(Problem(self.source, where, header, shorten(value), expected))

    def header_problem(self, written: str, expected: str) -> None:
        """A problem with a header cell, named as written (two headers may map to one name)."""
        self.problems.append(Problem(self.source, self.header_row, shorten(written, 40), shorten(written), expected))

    def warn(self, row: int | None, column: str | None, text: str) -> None:
        header = None if column is None else self.headers.get(column, column)
        self.warnings.append(f"{located(self.source, row, header)}: {text}")

    def line(self, name: str) -> object:
        """The value of a file-level line ``# name: value`` (None when absent or invalid)."""
        return self.lines.get(name, (None, None))[1]

    def raise_if_problems(self) -> None:
        """Raise every problem at once: the file's own first, then row by row as the file reads."""
        if self.problems:
            ordered = sorted(self.problems, key=lambda p: p.row or 0)  # stable: a row's problems keep their order
            raise self.spec.error(ordered, self.warnings)


def read(path: str | Path, spec: Spec) -> Table:
    """Load and validate a file; the caller adds its cross-row checks, then ``raise_if_problems``."""
    return validate(load(path, spec.sheet, spec.error), spec)


def header_keys(grid: Grid) -> set[str]:
    """The normalised names of a grid's header row, to tell one layout of a file from another."""
    header = next((cells for _, cells in grid.rows if not _is_comment(cells)), {})
    return {header_key(cell.text) for cell in header.values()}


def validate(grid: Grid, spec: Spec) -> Table:
    table = Table(grid.source, spec)
    comments = [(n, cells) for n, cells in grid.rows if _is_comment(cells)]
    data = [(n, cells) for n, cells in grid.rows if not _is_comment(cells)]
    _read_lines(table, comments)
    if data:
        table.header_row, header = data.pop(0)
        mapping = _map_columns(table, header)
    else:
        mapping = {}
    if not data:
        table.problem(None, None, None, f"minstens één rij met {spec.rows_hold} onder de kolomnamen (het bestand is leeg)")
    for number, cells in data:
        known = {name: cells[col] for name, col in mapping.items() if col in cells}
        if not known:
            # Text under the table, or in the user's own columns only: it holds nothing bso-xl reads.
            table.warn(number, None, "deze rij heeft enkel tekst in kolommen die bso-xl niet kent en wordt overgeslagen")
            continue
        table.rows.append(_typed_row(table, number, known, mapping))
    return table


def _is_comment(cells: dict[int, Cell]) -> bool:
    """Only column A makes a comment: a row whose first filled cell is further right and starts
    with '#' (a project '#12 Kerkstraat' with an empty NIS) is data, checked, never dropped."""
    first = cells.get(0)
    return first is not None and first.kind is CellKind.TEXT and is_comment(first.text)


def _map_columns(table: Table, header: dict[int, Cell]) -> dict[str, int]:
    """Canonical name → column index; reports duplicates and near misses, warns about the rest."""
    spec, row = table.spec, table.header_row
    known = known_keys(spec.columns)
    mapping: dict[str, int] = {}
    unknown, guessed = [], set()
    for index in sorted(header):
        written = header[index].text
        key = header_key(written)
        name = known.get(key)
        if name is None:
            guess = near_miss(key, known) if key else None
            if guess is not None:
                guessed.add(guess)
                table.header_problem(written, f"een kolomnaam die bso-xl kent: bedoelt u '{guess}'?")
            else:
                unknown.append(written)
        elif name in mapping:
            first = table.headers[name]
            table.header_problem(written, f"elke kolom één keer (zelfde kolom als '{first}')")
        else:
            mapping[name], table.headers[name] = index, written
    if unknown:
        listed = ", ".join(f"'{shorten(' '.join(u.split()), 40)}'" for u in unknown)
        table.warn(row, None, f"kolommen die bso-xl niet kent worden niet gelezen: {listed}")
    # A column the user misspelt is reported once, as the near miss, not again as missing.
    for name in spec.required:
        if name not in mapping and name not in guessed:
            table.problem(None, name, None, f"een verplichte kolom '{name}'")
    for group in spec.groups:
        if any(n in mapping for n in group):
            for name in group:
                if name not in mapping and name not in guessed:
                    table.problem(None, name, None, f"de kolommen {enumerate_names(group)} samen, of geen ervan")
    return mapping


# -- file-level lines -----------------------------------------------------------------------------

_LINE = re.compile(r"#\s*([^\s:=]+)\s*[:=]\s*(.*)", re.DOTALL)


def _read_lines(table: Table, comments: list[tuple[int, dict[int, Cell]]]) -> None:
    """``# name: value`` lines the spec declares; other comments are the user's own."""
    spec = table.spec
    if not spec.lines:
        return
    known = known_keys(spec.lines)
    for number, cells in comments:
        columns = sorted(cells)
        match = _LINE.fullmatch(cells[columns[0]].text)
        if not match:
            continue
        name = known.get(header_key(match.group(1)))
        if name is None:
            guess = near_miss(header_key(match.group(1)), known)
            if guess is not None:
                table.problem(number, None, cells[columns[0]].text, f"een regel die bso-xl kent: bedoelt u '# {guess}'?")
            continue
        text = match.group(2).strip()
        cell = Cell.of_text(text) if text else (cells[columns[1]] if len(columns) > 1 else None)
        kind = next(c.kind for c in spec.lines if c.name == name)
        if name in table.lines:
            found = text if cell is None else cell.text
            table.problem(number, name, found, f"de regel '# {name}' één keer (ook op rij {table.lines[name][0]})")
        elif cell is None:
            table.problem(number, name, "", f"{kind.expected} na '# {name}:'")
        else:
            value = _parse(table, number, name, kind, cell)
            if value is not None:
                table.lines[name] = (number, value)


# -- cells → values -------------------------------------------------------------------------------


def _typed_row(table: Table, number: int, known: dict[str, Cell], mapping: dict[str, int]) -> Row:
    spec = table.spec
    row = Row(number, {}, known)
    for name in mapping:
        column = spec.column(name)
        cell = known.get(name)
        if cell is None:
            if column.required:
                table.problem(row, name, "", f"{column.kind.expected} (verplichte kolom, niet leeg)")
                row.invalid.add(name)
            row.values[name] = None
            continue
        before = len(table.problems)
        row.values[name] = _parse(table, number, name, column.kind, cell)
        if len(table.problems) > before:
            row.invalid.add(name)
            row.failed = True
    for group in spec.groups:
        if all(n in mapping for n in group):
            filled = [n for n in group if row.filled(n)]
            if filled and len(filled) < len(group):
                empty = next(n for n in group if not row.filled(n))
                table.problem(row, empty, "", f"{enumerate_names(group)} allemaal ingevuld of allemaal leeg")
    return row


def _parse(table: Table, number: int, name: str, kind: Kind, cell: Cell) -> object:
    """One cell's value, or None with the problem reported (error cells get their own message)."""
    if cell.kind is CellKind.ERROR:
        table.problem(number, name, cell.text, f"{kind.expected}; foutwaarde {cell.text} in de cel: herstel de formule of de waarde")
        return None
    if cell.kind is CellKind.NO_VALUE:
        table.problem(number, name, cell.text, f"{kind.expected}; formule zonder berekende waarde: open en bewaar het bestand in Excel")
        return None
    try:
        return kind.parse(cell)
    except Invalid as invalid:
        table.problem(number, name, cell.text, invalid.expected)
        return None

