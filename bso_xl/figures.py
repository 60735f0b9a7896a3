"""Read and validate a figures file (CSV or XLSX): one row per municipality.

Columns (Dutch, lower case; capitals, spaces, hyphens and a few obvious synonyms are accepted):

- required: ``nis``, ``aandeel_op_peil``, ``sib``, ``wettelijke_doelgroep``, ``overschrijding``,
  ``aftopping_9pct`` — the five R2 components, whole dwellings ≥ 0;
- optional: ``gemeente`` (checked against the reference name), ``bso`` (official objective, R2),
  ``t1``/``t2``/``t3`` (R4, all three or none), ``voorlopig_bso`` and ``gerealiseerd_2024_2025``
  (R3), ``verhoogde_huurpremie`` (R8, 0/1), ``gemiddeld_vergunde_woningen`` (R9),
  ``mjp``/``ktp``/``in_uitvoering``/``gerealiseerd`` (R5, dwellings in exactly each phase, all four
  or none), ``peildatum``, ``status`` (``voorbeeldcijfers`` marks the demo file).

Every problem is collected and reported at once as a :class:`FiguresError`, each located by file,
spreadsheet row (the header is row 1 in a file that starts with it), column, value found and what
was expected.

Decisions where the brief left room:

- CSV is decoded as UTF-8 (with or without BOM), else as Windows-1252, because that is what
  "CSV (gescheiden door lijstscheidingsteken)" in Belgian Excel writes. A file with NUL bytes
  (UTF-16, a renamed workbook, binary data) or bytes undefined in Windows-1252 is refused.
- CSV is split with the standard ``csv`` module, not pandas: it gives the physical line of every
  record (for the row numbers in messages) and tolerates rows with too many or too few cells.
  XLSX is read with pandas (``dtype=str``, ``keep_default_na=False``): the sheet "Cijfers" if there
  is one, else the first sheet.
- The header is the first non-empty, non-comment row. Rows that are entirely empty are skipped
  (Excel exports often end with ``;;;;`` lines). Lines starting with ``#`` are comments;
  ``# peildatum: 2026-04-30`` sets the file-level peildatum (in XLSX: a first cell starting with #).
- Numbers: no thousands separators; a decimal comma is accepted; a dwelling count may be written
  ``12.0`` (Excel) but not ``12.5``.
- Names are compared ignoring case, spaces and hyphens ("sint niklaas" = "Sint-Niklaas").
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from importlib import resources
from pathlib import Path

from .errors import FiguresError, Problem
from .model import FiguresFile, MunicipalityFigures
from .municipalities import municipalities
from .rules import Components, Level, objective

DEMO_FILE = "voorbeeldcijfers.csv"

REQUIRED = ("nis", "aandeel_op_peil", "sib", "wettelijke_doelgroep", "overschrijding", "aftopping_9pct")
OPTIONAL = (
    "gemeente", "bso", "t1", "t2", "t3", "voorlopig_bso", "gerealiseerd_2024_2025",
    "verhoogde_huurpremie", "gemiddeld_vergunde_woningen",
    "mjp", "ktp", "in_uitvoering", "gerealiseerd", "peildatum", "status",
)
# Columns that only make sense together: all of them or none (as columns and per row).
GROUPS = (("t1", "t2", "t3"), ("mjp", "ktp", "in_uitvoering", "gerealiseerd"))
PHASE_COLUMNS = {"mjp": Level.MJP, "ktp": Level.KTP, "in_uitvoering": Level.UITVOERING,
                 "gerealiseerd": Level.GEREALISEERD}
COUNT_COLUMNS = REQUIRED[1:] + (
    "bso", "t1", "t2", "t3", "voorlopig_bso", "gerealiseerd_2024_2025", *PHASE_COLUMNS,
)

# Header spellings seen in practice, after _header_key() (lower case, underscores).
ALIASES = {
    "nis_code": "nis", "niscode": "nis", "nis_gemeente": "nis", "refnis": "nis",
    "aandeel_op_peil_houden": "aandeel_op_peil",
    "specifieke_inhaalbeweging": "sib",
    "aftopping_9%": "aftopping_9pct", "aftopping_9_%": "aftopping_9pct", "9%_aftopping": "aftopping_9pct",
    "aftopping": "aftopping_9pct", "aftopping_9_pct": "aftopping_9pct",
    "officieel_bso": "bso", "bindend_sociaal_objectief": "bso",
    "uitvoering": "in_uitvoering", "naam": "gemeente",
}

MAX_COUNT = 1_000_000  # more dwellings than this in one municipality is a typing error
EXPECT_COUNT = "een geheel aantal woningen ≥ 0"
NUMBER = re.compile(r"-?[0-9]{1,15}(?:[.,][0-9]{1,15})?")  # no exponents, no thousands separators
ENCODING_HINT = "tekst in UTF-8 of Windows-1252 (sla op als 'CSV UTF-8 (door komma's gescheiden)')"


@dataclass
class _Table:
    """A file's cells as text, before validation: the header and the data rows with their row numbers."""

    header_row: int | None = None
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Public entry point


def read_figures(path: str | Path | None = None) -> FiguresFile:
    """Read and validate a figures file; ``None`` means the built-in demo figures.

    Raises :class:`FiguresError` listing every problem found (never a partial result).
    """
    if path is None:
        path = _demo_path()
    source = str(path)
    table = _load(Path(path), source)
    checker = _Checker(source)
    columns = checker.map_columns(table)
    file_date = checker.file_peildatum(table.comments)
    if not any(any(cells) for _, cells in table.rows):
        checker.problem(None, None, None, "minstens één rij met cijfers onder de kolomnamen (het bestand is leeg)")
    # A row with text only in columns bso-xl does not know (notes, a title under the table)
    # carries no figures: skip it, as the unknown columns themselves are skipped.
    rows = [row for row in (_RowCells(n, cells, columns) for n, cells in table.rows) if row.filled()]
    figures = checker.rows(rows, columns, file_date)
    if checker.problems:
        raise FiguresError(checker.problems)
    return _figures_file(source, figures, file_date)


def _demo_path() -> Path:
    return Path(str(resources.files("bso_xl.data").joinpath(DEMO_FILE)))


def _figures_file(source: str, figures: list[MunicipalityFigures], file_date: dt.date | None) -> FiguresFile:
    """Assemble the result; one demo row makes the whole file demo (so no row passes as official)."""
    is_demo = any(f.is_demo for f in figures)
    if is_demo:
        figures = [replace(f, is_demo=True) for f in figures]
    if file_date is None:
        dates = {f.peildatum for f in figures}
        file_date = dates.pop() if len(dates) == 1 else None
    return FiguresFile(source=source, rows={f.nis: f for f in figures}, is_demo=is_demo, peildatum=file_date)


# ---------------------------------------------------------------------------------------------
# Loading: file → _Table of text cells


def _fail(source: str, expected: str, value: object = None) -> FiguresError:
    return FiguresError([Problem(source, None, None, value, expected)])


def _load(path: Path, source: str) -> _Table:
    if not path.is_file():
        raise _fail(source, "een bestaand CSV- of XLSX-bestand (bestand niet gevonden)")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _load_csv(path, source)
    if suffix in (".xlsx", ".xlsm"):
        return _load_xlsx(path, source)
    raise _fail(source, "een .csv- of .xlsx-bestand (sla een .xls of .ods op als .xlsx)", path.suffix or path.name)


def _decode(data: bytes, source: str) -> str:
    # NUL bytes never occur in a text CSV: this catches UTF-16 exports and renamed workbooks,
    # which Windows-1252 would otherwise "decode" into garbage column names.
    if b"\x00" in data:
        raise _fail(source, ENCODING_HINT + "; dit lijkt een binair bestand of UTF-16")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _fail(source, ENCODING_HINT + "; het bestand bevat tekens die in geen van beide geldig zijn")


def _read_bytes(path: Path, source: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise _fail(source, f"een leesbaar bestand ({error.strerror or error})") from None


def _load_csv(path: Path, source: str) -> _Table:
    text = _decode(_read_bytes(path, source), source)
    table = _Table()
    # Split on line ends only (str.splitlines also splits on \x0c, \u2028, … inside cells).
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Blank out comment lines (keeping the line count) so csv never splits them on their commas.
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("#"):
            table.comments.append((number, line.lstrip()[1:].strip()))
            lines[number - 1] = ""
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=_delimiter(lines))
    start = 1
    try:
        for record in reader:
            _add_record(table, start, [cell.strip() for cell in record])
            start = reader.line_num + 1
    except csv.Error as error:
        raise FiguresError([Problem(source, start, None, None, f"geldige CSV vanaf deze rij ({error})")]) from None
    return table


def _delimiter(lines: list[str]) -> str:
    """Belgian Excel writes ';', most tools ','; decide on the header line, which holds no data."""
    header = next((line for line in lines if line.strip()), "")
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _add_record(table: _Table, number: int, cells: list[str]) -> None:
    if table.header_row is None:
        if any(cells):
            table.header_row, table.header = number, cells
        return
    table.rows.append((number, cells))


def _load_xlsx(path: Path, source: str) -> _Table:
    import pandas as pd  # only here: pandas is slow to import and a CSV does not need it

    try:
        with pd.ExcelFile(path, engine="openpyxl") as book:
            sheet = next((s for s in book.sheet_names if str(s).strip().lower() == "cijfers"), 0)
            frame = pd.read_excel(book, sheet_name=sheet, header=None, dtype=str, keep_default_na=False)
    except Exception:  # noqa: BLE001 — any failure to open a workbook is a bad input file
        raise _fail(source, "een geldig Excel-werkboek (.xlsx); dit bestand kan niet geopend worden "
                            "(beschadigd, met een wachtwoord beveiligd of geen .xlsx)") from None
    table = _Table()
    # Blank rows are kept by pandas, so position i is spreadsheet row i + 1.
    for index, values in enumerate(frame.itertuples(index=False, name=None)):
        cells = [_excel_text(v) for v in values]
        if cells and cells[0].startswith("#"):
            table.comments.append((index + 1, cells[0][1:].strip()))
            continue
        _add_record(table, index + 1, cells)
    return table


def _excel_text(value: object) -> str:
    return "" if value is None or value != value else str(value).strip()  # value != value: NaN


# ---------------------------------------------------------------------------------------------
# Columns


def _header_key(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", name.strip().casefold())
    key = re.sub(r"_+", "_", key).strip("_")
    return ALIASES.get(key, key)


@dataclass(frozen=True)
class _Column:
    name: str  # canonical
    index: int
    header: str  # as written in the file


class _RowCells:
    """The text cells of one data row, addressed by canonical column name."""

    def __init__(self, number: int, cells: list[str], columns: dict[str, _Column]):
        self.number = number
        self.cells = {name: (cells[c.index] if c.index < len(cells) else "") for name, c in columns.items()}

    def __getitem__(self, name: str) -> str:
        return self.cells.get(name, "")

    def has(self, name: str) -> bool:
        return name in self.cells

    def filled(self) -> bool:
        return any(self.cells.values())


# ---------------------------------------------------------------------------------------------
# Validation


class _Checker:
    """Collects problems while turning text cells into typed values."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, row: int | None, column: str | None, value: object, expected: str) -> None:
        self.problems.append(Problem(self.source, row, column, _shorten(value), expected))

    # -- header -------------------------------------------------------------------------------

    def map_columns(self, table: _Table) -> dict[str, _Column]:
        columns: dict[str, _Column] = {}
        for index, header in enumerate(table.header):
            name = _header_key(header)
            if name not in REQUIRED and name not in OPTIONAL:
                continue  # unknown extra columns are the user's own notes
            if name in columns:
                first = columns[name].header
                self.problem(table.header_row, header, header, f"elke kolom één keer (zelfde kolom als '{first}')")
                continue
            columns[name] = _Column(name, index, header)
        if table.header_row is not None:  # an empty file is reported once, as empty
            self._check_present(columns)
        return columns

    def _check_present(self, columns: dict[str, _Column]) -> None:
        for name in REQUIRED:
            if name not in columns:
                self.problem(None, name, None, f"een verplichte kolom '{name}'")
        for group in GROUPS:
            present = [n for n in group if n in columns]
            for name in group:
                if present and name not in columns:
                    self.problem(None, name, None, f"de kolommen {_enumerate(group)} samen, of geen ervan")

    def file_peildatum(self, comments: list[tuple[int, str]]) -> dt.date | None:
        found = None
        for number, text in comments:
            match = re.fullmatch(r"peildatum\s*[:=]\s*(.*)", text, re.IGNORECASE)
            if match:
                found = self.date(number, "peildatum", match.group(1).strip())
        return found

    # -- rows ---------------------------------------------------------------------------------

    def rows(self, rows: list[_RowCells], columns: dict[str, _Column], file_date: dt.date | None) -> list[MunicipalityFigures]:
        names = {name: c.header for name, c in columns.items()}
        seen: dict[str, int] = {}
        result = []
        for row in rows:
            before = len(self.problems)
            figures = self.row(row, names, seen, file_date)
            if figures is not None and len(self.problems) == before:
                result.append(figures)
        return result

    def row(self, row: _RowCells, names: dict[str, str], seen: dict[str, int], file_date) -> MunicipalityFigures | None:
        """Validate one row; returns None when a required column is missing (reported elsewhere)."""
        n = row.number
        nis = self.nis(n, names, row, seen)
        counts = {c: self.count(n, names[c], row[c], c in REQUIRED) for c in COUNT_COLUMNS if row.has(c)}
        interim = self.group(n, names, row, ("t1", "t2", "t3"), counts)
        phases = self.group(n, names, row, tuple(PHASE_COLUMNS), counts)
        raised = self.boolean(n, names.get("verhoogde_huurpremie"), row["verhoogde_huurpremie"])
        permits = self.decimal(n, names.get("gemiddeld_vergunde_woningen"), row["gemiddeld_vergunde_woningen"])
        date = self.date(n, names.get("peildatum"), row["peildatum"]) if row["peildatum"] else file_date
        if nis is None or any(counts.get(c) is None for c in REQUIRED[1:]):
            return None
        components = Components(*(counts[c] for c in REQUIRED[1:]))
        bso_valid = not row["bso"] or counts.get("bso") is not None
        if interim is not None and bso_valid:
            self.check_interim(n, names["t1"], components, counts.get("bso"), interim)
        return MunicipalityFigures(
            nis=nis,
            components=components,
            official_bso=counts.get("bso"),
            interim=interim,
            voorlopig_bso=counts.get("voorlopig_bso"),
            gerealiseerd_2024_2025=counts.get("gerealiseerd_2024_2025"),
            raised_override=raised,
            average_permits=permits,
            official_counts=None if phases is None else dict(zip(PHASE_COLUMNS.values(), phases)),
            peildatum=date,
            is_demo="voorbeeldcijfers" in row["status"].casefold(),
        )

    def nis(self, n: int, names: dict[str, str], row: _RowCells, seen: dict[str, int]) -> str | None:
        if "nis" not in names:
            return None
        column, text = names["nis"], row["nis"]
        match = re.fullmatch(r"([0-9]{1,5})(?:\.0+)?", text)  # Excel may hand over 11001.0
        if not match:
            self.problem(n, column, text, "een NIS-code van 5 cijfers, bv. 11001")
            return None
        code = match.group(1).zfill(5)
        if code not in municipalities():
            self.problem(n, column, text, "de NIS-code van een van de 285 Vlaamse gemeenten (2025)")
            return None
        if code in seen:
            self.problem(n, column, text, f"elke gemeente één keer (NIS {code} staat ook op rij {seen[code]})")
            return None
        seen[code] = n
        self.name_matches(n, names.get("gemeente"), row["gemeente"], code)
        return code

    def name_matches(self, n: int, column: str | None, text: str, code: str) -> None:
        if column is None or not text:
            return
        reference = municipalities()[code].name
        if _name_key(text) != _name_key(reference):
            self.problem(n, column, text, f"de naam bij NIS {code}: '{reference}'")

    def group(self, n: int, names: dict[str, str], row: _RowCells, group: tuple[str, ...], counts: dict) -> tuple[int, ...] | None:
        """All-or-none columns: a tuple when every cell is filled in and valid, else None."""
        if not all(c in names for c in group):
            return None
        filled = [c for c in group if row[c]]
        if filled and len(filled) < len(group):
            empty = next(c for c in group if not row[c])
            self.problem(n, names[empty], "", f"{_enumerate(group)} allemaal ingevuld of allemaal leeg")
            return None
        values = tuple(counts.get(c) for c in group)
        return values if filled and None not in values else None

    def check_interim(self, n: int, column: str, components: Components, bso: int | None, interim: tuple[int, ...]) -> None:
        # R4: T1+T2+T3 must equal the regular part as the engine computes it (official BSO wins,
        # SIB counted at most the BSO); checked here so the engine never raises on user input.
        regulier = objective(components, bso).regulier
        total = sum(interim)
        if total != regulier:
            found = f"t1+t2+t3 = {'+'.join(map(str, interim))} = {total}"
            self.problem(n, column, found, f"t1+t2+t3 = BSO − SIB = {regulier} (R4)")

    # -- single cells -------------------------------------------------------------------------

    def count(self, n: int, column: str, text: str, required: bool) -> int | None:
        """A whole number of dwellings ≥ 0; '12.0' (Excel) is 12, '12.5' is refused."""
        if not text:
            if required:
                self.problem(n, column, text, f"{EXPECT_COUNT} (verplichte kolom, niet leeg)")
            return None
        if not NUMBER.fullmatch(text):
            self.problem(n, column, text, f"een getal: {EXPECT_COUNT}")
            return None
        value = Decimal(text.replace(",", "."))
        if value < 0:
            self.problem(n, column, text, f"{EXPECT_COUNT} (geen negatief getal)")
        elif value != value.to_integral_value():
            self.problem(n, column, text, f"{EXPECT_COUNT} (geen decimalen: hele woningen)")
        elif value > MAX_COUNT:
            self.problem(n, column, text, f"{EXPECT_COUNT}, hoogstens {MAX_COUNT}")
        else:
            return int(value)
        return None

    def decimal(self, n: int, column: str | None, text: str) -> Decimal | None:
        """A number ≥ 0, decimals allowed with a point or a comma (R9 average permits)."""
        if column is None or not text:
            return None
        if not NUMBER.fullmatch(text):
            self.problem(n, column, text, "een getal ≥ 0, bv. 41,5 (zonder scheidingsteken voor duizendtallen)")
            return None
        value = Decimal(text.replace(",", "."))
        if value < 0:
            self.problem(n, column, text, "een getal ≥ 0 (geen negatief getal)")
            return None
        return value

    def boolean(self, n: int, column: str | None, text: str) -> bool | None:
        if column is None or not text:
            return None
        key = text.casefold()
        if key in ("1", "1.0", "ja", "true", "waar"):
            return True
        if key in ("0", "0.0", "nee", "false", "onwaar"):
            return False
        self.problem(n, column, text, "1 of 0 (ja of nee)")
        return None

    def date(self, n: int, column: str | None, text: str) -> dt.date | None:
        """dd/mm/yyyy (also with - or .), yyyy-mm-dd, or an Excel date cell."""
        if column is None or not text:
            return None
        parts = None
        if m := re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?: 00:00:00)?", text):
            parts = (m.group(1), m.group(2), m.group(3))
        elif m := re.fullmatch(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})", text):
            parts = (m.group(3), m.group(2), m.group(1))
        try:
            if parts is not None:
                return dt.date(*map(int, parts))
        except ValueError:
            pass
        self.problem(n, column, text, "een datum dd/mm/jjjj of jjjj-mm-dd, bv. 30/04/2026")
        return None


# ---------------------------------------------------------------------------------------------
# Small helpers


def _name_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "", name.casefold())


def _enumerate(names: tuple[str, ...]) -> str:
    return ", ".join(names[:-1]) + " en " + names[-1]


def _shorten(value: object, limit: int = 80) -> object:
    """Keep messages readable when a cell holds a whole paragraph."""
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "…"
    return value
