"""Opening an input file: path → :class:`~bso_xl.tables.cells.Grid`, or one clear problem.

The file's first bytes decide what it is, not only its name, so each way a file can be wrong
gets its own message: missing, a folder, not readable, text or another file named ``.xlsx``, a
password-protected workbook (an OLE2 compound file with an ``EncryptedPackage`` stream), an old
``.xls`` (OLE2 without it), a damaged zip (see ``xlsx.py``).

CSV: decoded as UTF-8 (with or without BOM), else Windows-1252, which is what Belgian Excel's
"CSV (gescheiden door lijstscheidingsteken)" writes; NUL bytes mean UTF-16 or a binary file and
are refused. The separator is the one a first line ``sep=;`` names (Excel writes it), else the
one the header line uses most of ``;``, ``,`` and tab. Row numbers are the rows Excel shows:
Excel hides the ``sep=`` line and keeps a quoted cell with a line break in one row, so neither
adds a row. Split with the standard ``csv`` module (it tolerates rows of unequal length).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..errors import Problem, TableError
from .cells import Cell, Grid, clean_text, is_comment
from .xlsx import WORKBOOK, load_xlsx

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
ENCODING_HINT = "tekst in UTF-8 of Windows-1252 (sla op als 'CSV UTF-8 (door komma's gescheiden)')"
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def load(path: str | Path, sheet: str | None, error: type[TableError]) -> Grid:
    """Read a CSV or XLSX file into a :class:`Grid`; anything else raises ``error`` with one problem."""
    path, source = Path(path), str(path)
    if path.is_dir():
        raise error.of_file(source, "een CSV- of XLSX-bestand, geen map")
    if not path.exists():
        raise error.of_file(source, "een bestaand CSV- of XLSX-bestand (bestand niet gevonden)")
    data = _read_bytes(path, source, error)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _load_csv(data, source, error)
    if suffix in (*XLSX_SUFFIXES, ".xls"):
        if data.startswith(OLE2_MAGIC):
            raise error.of_file(source, _ole2_verdict(data))
        if data.startswith(ZIP_MAGIC):
            return load_xlsx(data, source, sheet, error)
        if suffix in XLSX_SUFFIXES:
            raise error.of_file(source, _not_a_workbook(data))
    raise error.of_file(source, "een .csv- of .xlsx-bestand (sla een .xls of .ods op als .xlsx)", path.suffix or path.name)


def _read_bytes(path: Path, source: str, error: type[TableError]) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise error.of_file(source, "een leesbaar bestand (u hebt geen leesrechten op dit bestand)") from None
    except OSError as problem:
        raise error.of_file(source, f"een leesbaar bestand (het kan niet gelezen worden, foutcode {problem.errno})") from None


def _not_a_workbook(data: bytes) -> str:
    if b"\x00" not in data[:4096]:
        return f"{WORKBOOK}; dit bestand is tekst, geen werkboek (een CSV-bestand? geef het dan de extensie .csv)"
    return f"{WORKBOOK}; dit bestand is geen werkboek (het begint niet zoals een .xlsx-bestand)"


def _ole2_verdict(data: bytes) -> str:
    """An OLE2 compound file is a password-protected workbook (EncryptedPackage) or an old .xls."""
    import olefile  # only here: most files are not OLE2

    try:
        ole = olefile.OleFileIO(data)
        try:
            encrypted = ole.exists("EncryptedPackage")
        finally:
            ole.close()
    except Exception:  # noqa: BLE001 — olefile raises several types for damaged files
        return f"{WORKBOOK}; het bestand is beschadigd (een onleesbaar Office-bestand)"
    if encrypted:
        return (f"{WORKBOOK} zonder wachtwoord; dit werkboek is met een wachtwoord beveiligd: open het in "
                "Excel, verwijder het wachtwoord (Bestand › Info › Werkmap beveiligen › Versleutelen met "
                "wachtwoord) en bewaar het opnieuw")
    return f"{WORKBOOK}; dit is een oud .xls-bestand: sla op als .xlsx (Bestand › Opslaan als › Excel-werkmap)"


# -- CSV ------------------------------------------------------------------------------------------

_SEP_LINE = re.compile(r'"?sep=(.)"?[,;\t]*', re.IGNORECASE)


def _decode(data: bytes, source: str, error: type[TableError]) -> str:
    # NUL bytes never occur in a text CSV: this catches UTF-16 exports and renamed workbooks,
    # which Windows-1252 would otherwise "decode" into garbage column names.
    if b"\x00" in data:
        what = ("dit lijkt een Excel-werkboek: geef het de extensie .xlsx"
                if data.startswith((*ZIP_MAGIC, OLE2_MAGIC)) else "dit lijkt een binair bestand of UTF-16")
        raise error.of_file(source, f"{ENCODING_HINT}; {what}")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise error.of_file(source, ENCODING_HINT + "; het bestand bevat tekens die in geen van beide geldig zijn")


def _load_csv(data: bytes, source: str, error: type[TableError]) -> Grid:
    # Split on line ends only (str.splitlines also splits on \x0c, \u2028, … inside cells).
    lines = _decode(data, source, error).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    sep_line = _SEP_LINE.fullmatch(lines[0].strip())
    if sep_line:
        lines[0] = ""
    # Comment lines are blanked (keeping the line count) so csv never joins them to the next
    # line through an unbalanced quote; they are split on their own below.
    comments = {}
    delimiter = sep_line.group(1) if sep_line else _delimiter(lines)
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("#") and is_comment(clean_text(_split_line(line, delimiter)[0])):
            comments[number], lines[number - 1] = line, ""
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    grid, row, next_line = Grid(source), -1 if sep_line else 0, 1
    try:
        for record in reader:
            row += 1
            if next_line in comments:
                record = _split_line(comments[next_line], delimiter)
            next_line = reader.line_num + 1
            cells = {i: Cell.of_text(v) for i, v in enumerate(record)}
            cells = {i: c for i, c in cells.items() if c.text}
            if cells:
                grid.rows.append((row, cells))
    except csv.Error:  # in practice a cell over csv's size limit: a quote " that is never closed
        raise error([Problem(source, row + 1, None, None, "geldige CSV vanaf deze rij (een cel van meer dan "
                             f"{csv.field_size_limit()} tekens: een aanhalingsteken \" dat niet gesloten wordt?)")]) from None
    return grid


def _split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [line])
    except csv.Error:
        return [line]


def _delimiter(lines: list[str]) -> str:
    """Belgian Excel writes ';', most tools ','; decide on the header line, which holds no data."""
    header = next((line for line in lines if line.strip() and not line.lstrip().startswith("#")), "")
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","

