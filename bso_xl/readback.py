"""Read a municipal workbook back: who it is for, and everything the officer typed into it.

Officers send workbooks back under any file name, re-saved by Excel or LibreOffice, with tables
grown past the prepared rows, sorted or filtered. A workbook is identified by what is inside it:
its custom document properties (layout 2 and later), else the NIS code on Overzicht (bso-xl 0.1.0
wrote no properties). Inputs are found by defined name (layout 2) or, for 0.1.0, by the column
headers and row labels that workbook had — never by a file name.

Every value is carried exactly as found (:class:`~bso_xl.workbook.inputs.WorkbookInputs`): text
stays text (a project named "=HYPERLINK(…)" stays a string), dates stay dates, numbers numbers.
What is invalid is still carried (it is the officer's) and reported, with sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import warnings
import zipfile
from xml.etree import ElementTree
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter, range_boundaries

from .errors import Problem, UserError
from .index_rate import parse_index_rate
from .municipalities import municipalities
from .parameters import load
from .rules.progress import NOT_ASSESSED
from .rules.project_rows import INPUT_COLUMNS, check_row
from .workbook import PROPERTY_KEY_FIGURES, PROPERTY_LAYOUT, PROPERTY_NIS, PROPERTY_VERSION
from .workbook.guards import amount_used, assessment_used, index_rate_used, permits_used, shortfall_used
from .workbook.inputs import (
    NAME_INDEX_RATE, NAME_PERMITS, NAME_RAISED_CHOICE, PROJECTS_TABLE, WorkbookInputs, name_amount,
    name_assessment, name_shortfall,
)
from .workbook.project_status import KEY, status_text

LAYOUT_010 = 1
# 0.1.0's labels, used to find its inputs (it gave them no names).
V010_SANCTIE_HEADERS = {"Tekort: eigen invoer": "shortfall", "Bedrag: eigen invoer": "amount",
                        "Beoordeling plan van aanpak": "assessment"}
V010_RAISED_LABEL = "Eigen keuze (leeg = volgens de lijst)"
V010_PERMITS_LABEL = "Gemiddeld aantal vergunde woningen per jaar (invoer)"


class ReadbackError(UserError):
    """A workbook that cannot be read back (corrupt, not a bso-xl workbook, unknown municipality)."""


@dataclass(frozen=True)
class WorkbookIdentity:
    path: Path
    nis: str
    gemeente: str
    version: str  # "0.1.0" for workbooks without properties
    layout: int
    peildatum: str = ""


@dataclass
class ReturnedWorkbook:
    identity: WorkbookIdentity
    inputs: WorkbookInputs
    notes: list[str] = field(default_factory=list)  # invalid inputs, formulas replaced by values, flagged rows
    rows_below_table: int = 0  # filled rows found below the Projecten table (now part of the inputs)

    @property
    def messages(self) -> list[str]:
        """Everything worth telling the officer about this workbook, one line each."""
        below = ([f"{self.identity.path.name}: {self.rows_below_table} ingevulde rij(en) stonden onder de tabel "
                  "Projecten; ze zijn in de nieuwe tabel opgenomen"] if self.rows_below_table else [])
        return below + self.notes


# --- opening --------------------------------------------------------------------------------------


#: Spreadsheet formats an officer may save a returned workbook in that bso-xl does not read
#: (LibreOffice's own, Excel 97-2003, macro-enabled, binary, templates, Numbers): such a file is
#: reported with what to do, never passed over without a word (its inputs would be lost).
OTHER_SPREADSHEETS = frozenset({".ods", ".fods", ".xls", ".xlsm", ".xlsb", ".xltx", ".xltm", ".numbers"})
OFFICE_TEMPORARY = re.compile(r"^(~\$|\.~lock\.)")  # Excel's and LibreOffice's owner files, not workbooks


def spreadsheet_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The workbooks directly in ``folder`` (.xlsx in any case: ``GENT.XLSX`` is one) and the
    spreadsheets saved in another format, each by name; office owner files are neither."""
    files = sorted((p for p in folder.iterdir() if p.is_file() and not OFFICE_TEMPORARY.match(p.name)),
                   key=lambda p: p.name)
    return ([p for p in files if p.suffix.lower() == ".xlsx"],
            [p for p in files if p.suffix.lower() in OTHER_SPREADSHEETS])


def other_format_problem(path: Path) -> str:
    """Why a spreadsheet in another format is not read, and what the officer can do."""
    return (f"niet gelezen: een {path.suffix}-bestand, geen Excel-werkmap (.xlsx); open het in Excel of "
            "LibreOffice en bewaar het als Excel-werkmap (.xlsx)")


def _open(path: Path, data_only: bool = False, read_only: bool = False):
    """openpyxl workbook; any failure to open is the user's file problem, said in one line.

    ``read_only`` parses a sheet only when it is read: the key figures never touch the large
    Projecten sheet (5× faster), the inputs need its table (which read-only mode does not give)."""
    if not path.is_file():
        raise ReadbackError(f"{path}: bestand niet gevonden")
    if not zipfile.is_zipfile(path):
        raise ReadbackError(f"{path}: geen Excel-werkboek (.xlsx): het bestand is geen zip-archief "
                            "(beschadigd, met een wachtwoord beveiligd of een ander formaat)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "Print area cannot be set to Defined name"
            return openpyxl.load_workbook(path, data_only=data_only, read_only=read_only)
    except Exception as error:  # noqa: BLE001 — any failure to open is a bad input file
        raise ReadbackError(f"{path}: kan niet gelezen worden als Excel-werkboek ({type(error).__name__})") from None


def identify(path: str | Path, book=None) -> WorkbookIdentity:
    """Who the workbook is for: the document properties, else the NIS code on Overzicht (0.1.0)."""
    path = Path(path)
    if book is None:
        book = _open(path, read_only=True)
        try:
            return identify(path, book)
        finally:
            book.close()
    props = {p.name: p.value for p in getattr(book, "custom_doc_props", None) or []}
    nis = str(props.get(PROPERTY_NIS) or "").strip()
    layout = int(float(props.get(PROPERTY_LAYOUT) or 0))
    version = str(props.get(PROPERTY_VERSION) or "")
    if not nis and "Overzicht" in book.sheetnames:
        nis = _overzicht_nis(book["Overzicht"])
    if nis not in municipalities():
        raise ReadbackError(f"{path}: geen bso-xl-werkboek van een Vlaamse gemeente "
                            f"(geen NIS-code in de documenteigenschappen of op het blad Overzicht)")
    if not layout:
        layout, version = LAYOUT_010, version or "0.1.0"
    peildatum = str(props.get("bso_xl_peildatum") or "")
    return WorkbookIdentity(path, nis, municipalities()[nis].name, version, layout, peildatum)


def _overzicht_nis(ws) -> str:
    """0.1.0 (and later): the value next to the label "NIS-code" on Overzicht."""
    for row in ws.iter_rows(min_row=1, max_row=15, max_col=2):
        if row[0].value == "NIS-code" and row[1].value is not None:
            return str(row[1].value).strip()
    return ""


# --- reading the inputs ---------------------------------------------------------------------------


def read_workbook(path: str | Path) -> ReturnedWorkbook:
    """The identity and every input of a returned workbook, by name (layout 2) or by label (0.1.0)."""
    path = Path(path)
    reader = _Reader(path, _open(path, read_only=True))
    try:
        identity = identify(path, reader.book)
        projects = reader.projects()
        if identity.layout >= 2:
            inputs = reader.named_inputs(projects)
        else:
            inputs = reader.v010_inputs(projects)
        reader.check(inputs, identity)
    finally:
        reader.close()
    return ReturnedWorkbook(identity, inputs, reader.notes, reader.rows_below)


def _index_rate_expected(value) -> str:
    """What the index-rate cell needs, said with the one index-rate parser (bso_xl.index_rate): text
    such as "2%" means 2% but the cell's formulas read numbers only, so it is typed again as one."""
    try:
        rate = parse_index_rate(value)
    except ValueError as error:
        return str(error)
    return f"een getal, geen tekst: typ {format(rate * 100, 'f').rstrip('0').rstrip('.').replace('.', ',')}% opnieuw in de cel"


class _Sheet:
    """One worksheet read once (openpyxl's read-only reader), its cells kept by position.

    Read-only mode parses a sheet only when it is read and builds no styled cell objects: for a
    returned workbook 3–4 times faster than a full load. Offers the little of openpyxl's worksheet
    interface the reader uses."""

    def __init__(self, ws):
        self.title = ws.title
        self.cells: dict[tuple[int, int], object] = {}
        self.max_row = 0
        for row in ws.iter_rows():
            for cell in row:
                if getattr(cell, "value", None) is not None:
                    self.cells[(cell.row, cell.column)] = cell
                    self.max_row = max(self.max_row, cell.row)

    def cell(self, row: int, column: int):
        return self.cells.get((row, column)) or _EmptyCell(row, column)

    def __getitem__(self, coordinate: str):
        column, row = coordinate_from_string(coordinate)
        return self.cell(row, column_index_from_string(column))


@dataclass(frozen=True)
class _EmptyCell:
    row: int
    column: int
    value: object = None
    data_type: str = "n"

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


def _table_ref(path: Path, sheet_path_by_name: dict[str, str], name: str) -> tuple[str, str] | None:
    """(sheet name, range) of the table called ``name``, from the package's table parts."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/package/2006/relationships"}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for sheet, part in sheet_path_by_name.items():
            rels = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
            if rels not in names:
                continue
            for rel in ElementTree.fromstring(archive.read(rels)).findall("r:Relationship", ns):
                if not rel.get("Type", "").endswith("/table"):
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(part), rel.get("Target")))
                if target.startswith("/"):
                    target = target[1:]
                if target in names:
                    table = ElementTree.fromstring(archive.read(target))
                    if table.get("name") == name or table.get("displayName") == name:
                        return sheet, table.get("ref")
    return None


class _Reader:
    def __init__(self, path: Path, book):
        self.path = path
        self.book = book
        self.notes: list[str] = []
        self.rows_below = 0
        self.project_rows: list[int] = []  # sheet row of each project read
        self._values = None  # the same workbook with cached values, loaded only when a formula is found
        self._sheets: dict[str, _Sheet] = {}
        self.where: dict[tuple[str, int | None], tuple[str, str]] = {}  # input → (sheet, cell), for notes

    def note(self, sheet: str, cell: str | None, value, expected: str) -> None:
        row, column = (None, None)
        if cell:
            match = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", cell)
            column, row = match.group(1), int(match.group(2))
        self.notes.append(str(Problem(f"{self.path.name}, blad {sheet}", row, column, value, expected)))

    # -- one cell, exactly as typed --

    def value(self, ws, cell) -> object:
        """The cell's value as typed: a formula in an input cell becomes its last computed value
        (noted); an error value becomes its text (noted); a date with its time stays a datetime."""
        if cell.data_type == "f":
            cached = self._cached(ws.title, cell.coordinate)
            self.note(ws.title, cell.coordinate, cell.value, "een waarde, geen formule: de laatst berekende "
                      f"waarde ({cached!r}) is overgenomen" if cached is not None else
                      "een waarde, geen formule: de formule had geen berekende waarde en is niet overgenomen")
            return cached
        if cell.data_type == "e":
            self.note(ws.title, cell.coordinate, cell.value, "een waarde, geen foutwaarde: overgenomen als tekst")
            return str(cell.value)
        value = cell.value
        if isinstance(value, str) and value == "":
            return None
        if isinstance(value, dt.time):
            return None
        return value

    def close(self) -> None:
        """Read-only workbooks keep their file open until closed."""
        for book in (self.book, self._values):
            if book is not None:
                book.close()

    def sheet(self, name: str) -> _Sheet:
        if name not in self._sheets:
            self._sheets[name] = _Sheet(self.book[name])
        return self._sheets[name]

    def _cached(self, sheet: str, coordinate: str):
        if self._values is None:
            self._values = _open(self.path, data_only=True, read_only=True)
        return self._values[sheet][coordinate].value

    def _named_cell(self, name: str):
        """(worksheet, cell) a workbook-level defined name points to, or None."""
        defined = self.book.defined_names.get(name)
        if defined is None:
            return None
        try:
            [(sheet, ref)] = list(defined.destinations)
        except ValueError:
            return None
        if sheet not in self.book.sheetnames:
            return None
        ws = self.sheet(sheet)
        return ws, ws[ref.replace("$", "").split(":")[0]]

    def named(self, name: str, key: tuple[str, int | None] | None = None):
        found = self._named_cell(name)
        if found is None:
            return None
        if key is not None:
            self.where[key] = (found[0].title, found[1].coordinate)
        return self.value(*found)

    # -- Projecten --

    def projects(self) -> tuple[dict, ...]:
        """The rows of the table Projecten and any filled rows right below it (a table grown by
        pasting or typing below it); header text decides which column is which (all layouts)."""
        ws, ref = self._table()
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        header = {ws.cell(min_row, col).value: col for col in range(min_col, max_col + 1)}
        columns = {KEY[name]: col for name, col in header.items() if name in KEY}
        if "woningen" not in columns:
            raise ReadbackError(f"{self.path}: de tabel Projecten heeft geen kolom Woningen")
        rows = []
        last = ws.max_row
        for r in range(min_row + 1, last + 1):
            values = {key: self.value(ws, ws.cell(r, col)) for key, col in columns.items()}
            if all(v is None for v in values.values()):
                continue
            if r > max_row:
                self.rows_below += 1
            rows.append({key: values.get(key) for key in INPUT_COLUMNS})
            self.project_rows.append(r)
        return tuple(rows)

    def _table(self):
        parts = {ws.title: ws._worksheet_path.lstrip("/") for ws in self.book.worksheets}  # noqa: SLF001
        found = _table_ref(self.path, parts, PROJECTS_TABLE)
        if found is None:
            raise ReadbackError(f"{self.path}: geen tabel Projecten gevonden (is dit een bso-xl-werkboek?)")
        sheet, ref = found
        return self.sheet(sheet), ref

    # -- the other inputs --

    def named_inputs(self, projects) -> WorkbookInputs:
        years = load().test_years
        return WorkbookInputs(
            projects=projects,
            shortfall=self._per_year("shortfall", name_shortfall, years),
            amount=self._per_year("amount", name_amount, years),
            assessment=self._per_year("assessment", name_assessment, years, skip=NOT_ASSESSED),
            raised_choice=self.named(NAME_RAISED_CHOICE, ("raised", None)),
            index_rate=self.named(NAME_INDEX_RATE, ("index", None)),
            permits=self.named(NAME_PERMITS, ("permits", None)),
        )

    def _per_year(self, kind: str, name, years, skip: str | None = None) -> dict[int, object]:
        found = {}
        for year in years:
            value = self.named(name(year), (kind, year))
            if value is None or (skip and isinstance(value, str) and value.strip().lower() == skip):
                continue
            found[year] = value
        return found

    def v010_inputs(self, projects) -> WorkbookInputs:
        """bso-xl 0.1.0: the Sanctie overrides under their column headers, per test-year row; the
        choice and the permits next to their labels; the index rate had the name Indexatie."""
        sanctie = self.sheet("Sanctie")
        per = {"shortfall": {}, "amount": {}, "assessment": {}}
        header_row, columns = self._v010_headers(sanctie)
        years = set(load().test_years)
        for r in range(header_row + 1, header_row + 1 + len(years)):
            year = sanctie.cell(r, 1).value
            if not isinstance(year, (int, float)) or int(year) not in years:
                continue
            for key, col in columns.items():
                cell = sanctie.cell(r, col)
                self.where[(key, int(year))] = (sanctie.title, cell.coordinate)
                value = self.value(sanctie, cell)
                if value is None or (key == "assessment" and isinstance(value, str)
                                     and value.strip().lower() == NOT_ASSESSED):
                    continue
                per[key][int(year)] = value
        index_rate = self.named(NAME_INDEX_RATE, ("index", None))
        if isinstance(index_rate, (int, float)) and not isinstance(index_rate, bool) and index_rate == 0:
            index_rate = None  # 0.1.0 prefilled the default (0%): not something the officer typed
        return WorkbookInputs(
            projects=projects,
            shortfall=per["shortfall"], amount=per["amount"], assessment=per["assessment"],
            raised_choice=self._next_to(sanctie, V010_RAISED_LABEL, "raised"),
            index_rate=index_rate,
            permits=self._next_to(self.sheet("Berekening"), V010_PERMITS_LABEL, "permits"),
        )

    def _v010_headers(self, ws: _Sheet) -> tuple[int, dict[str, int]]:
        rows: dict[int, dict[str, int]] = {}
        for (r, c), cell in ws.cells.items():
            if r <= 30 and cell.value in V010_SANCTIE_HEADERS:
                rows.setdefault(r, {})[V010_SANCTIE_HEADERS[cell.value]] = c
        for r, labels in sorted(rows.items()):
            if len(labels) == len(V010_SANCTIE_HEADERS):
                return r, labels
        raise ReadbackError(f"{self.path}: het blad Sanctie heeft niet de kolommen van bso-xl 0.1.0")

    def _next_to(self, ws: _Sheet, label: str, kind: str):
        for r in range(1, 81):
            if ws.cell(r, 1).value == label:
                cell = ws.cell(r, 2)
                self.where[(kind, None)] = (ws.title, cell.coordinate)
                return self.value(ws, cell)
        return None

    # -- what is invalid is carried, and said --

    def check(self, inputs: WorkbookInputs, identity: WorkbookIdentity) -> None:
        for sheet_row, row in zip(self.project_rows, inputs.projects):
            check = check_row(row)
            if check.flagged:
                name = f" ({row['project']!r})" if row.get("project") else ""
                self.notes.append(f"{self.path.name}, blad Projecten, rij {sheet_row}{name}: {status_text(check)}")
        for year, value in inputs.shortfall.items():
            if shortfall_used(value, 0).refused:
                self._invalid(("shortfall", year), value, "een geheel aantal woningen ≥ 0 (tekort, eigen invoer)")
        for year, value in inputs.amount.items():
            if amount_used(value, 0).refused:
                self._invalid(("amount", year), value, "een bedrag ≥ 0 (bedrag per woning, eigen invoer)")
        for year, value in inputs.assessment.items():
            if assessment_used(value)[1]:
                self._invalid(("assessment", year), value, "nog niet gekend, 2a of 2b (beoordeling)")
        if index_rate_used(inputs.index_rate).refused:
            self._invalid(("index", None), inputs.index_rate, _index_rate_expected(inputs.index_rate))
        if permits_used(inputs.permits, None).refused:
            self._invalid(("permits", None), inputs.permits, "een aantal vergunde woningen per jaar ≥ 0")

    def _invalid(self, key: tuple[str, int | None], value, expected: str) -> None:
        sheet, cell = self.where.get(key, ("Sanctie", None))
        self.note(sheet, cell, value, f"{expected}; ongeldig, maar overgenomen: het is uw invoer")


# --- the numbers a workbook shows ------------------------------------------------------------------


def generated_key_figures(path: str | Path):
    """The key figures as bso-xl wrote them into the workbook (document property, layout 2), or
    None (bso-xl 0.1.0, or a property lost): read from the package in a millisecond."""
    from .report import KeyFigures  # noqa: PLC0415

    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("docProps/custom.xml"))
    except (KeyError, OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    chunks = {}
    for prop in root:
        name = prop.get("name") or ""
        if name.startswith(PROPERTY_KEY_FIGURES + "_") and len(prop):
            chunks[name] = prop[0].text or ""
    try:
        text = "".join(chunks[f"{PROPERTY_KEY_FIGURES}_{n}"] for n in range(1, len(chunks) + 1))
        return KeyFigures(**json.loads(text)) if text else None
    except (KeyError, ValueError, TypeError):  # a part missing or edited: read the sheets instead
        return None


def read_key_figures(path: str | Path):
    """The key figures a workbook shows, from its cached values by defined name (all layouts).

    0.1.0 has no names for the category and the risk: they are read under their column headers on
    Sanctie. A value the workbook does not hold (never calculated) is left out.
    """
    path = Path(path)
    book = _open(path, data_only=True, read_only=True)
    try:
        return _key_figures(path, book)
    finally:
        book.close()  # read-only mode keeps the file open until closed


def _key_figures(path: Path, book):
    from .report import KeyFigures  # noqa: PLC0415 (report imports nothing from here)

    identity = identify(path, book)  # the values workbook has the properties and Overzicht too

    def named(name):
        defined = book.defined_names.get(name)
        if defined is None:
            return None
        [(sheet, ref)] = list(defined.destinations)
        return book[sheet][ref.replace("$", "")].value

    if named("BSO") is None:
        raise ReadbackError(f"{path}: het werkboek bevat geen berekende waarden (bewaard door een programma "
                            "dat niet rekent): open en bewaar het in Excel of LibreOffice")
    years = [str(y) for y in load().test_years]
    category, risk, expected = {}, {}, {}
    for year in years:
        category[year] = named(f"Categorie_{year}")
        risk[year] = named(f"Risico_{year}")
        expected[year] = named(f"Verwachte_kost_{year}")
    if identity.layout == LAYOUT_010:
        category, risk, expected = _v010_sanction_columns(book["Sanctie"], years)

    def whole(value):
        return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0

    def clean(mapping):
        return {k: v for k, v in mapping.items() if v is not None}

    return KeyFigures(
        bso=whole(named("BSO")), sib=whole(named("SIB")), t1=whole(named("Tussentijds_T1")),
        t2=whole(named("Tussentijds_T2")), t3=whole(named("Tussentijds_T3")),
        shortfall=clean({y: named(f"Tekort_{y}") for y in years}),
        sanction=clean({y: named(f"Sanctie_{y}") for y in years}),
        category=clean({y: str(v) for y, v in category.items() if v is not None}),
        risk=clean(risk), expected=clean(expected), peildatum=identity.peildatum,
        is_demo="voorbeeldcijfers" in str(book.properties.description or book.properties.subject or "")
        or _says_demo(book),
    )


def _v010_sanction_columns(ws, years: list[str]):
    """0.1.0's Sanctie: one row per test, category and risk under their headers."""
    wanted = {"Categorie": "category", "Risico (indien 2b)": "risk", "Verwachte kost": "expected"}
    for row in ws.iter_rows(min_row=1, max_row=30):
        columns = {wanted[c.value]: c.column for c in row if c.value in wanted}
        if len(columns) == len(wanted):
            found = {key: {} for key in wanted.values()}
            for r in range(row[0].row + 1, row[0].row + 1 + len(years)):
                year = ws.cell(r, 1).value
                if isinstance(year, (int, float)) and str(int(year)) in years:
                    for key, col in columns.items():
                        found[key][str(int(year))] = ws.cell(r, col).value
            return found["category"], found["risk"], found["expected"]
    return {}, {}, {}


def _says_demo(book) -> bool:
    """The demo banner on Overzicht (every layout shows it when the figures are voorbeeldcijfers)."""
    ws = book["Overzicht"] if "Overzicht" in book.sheetnames else None
    return ws is not None and any(isinstance(c.value, str) and "VOORBEELDCIJFERS" in c.value
                                  for row in ws.iter_rows(min_row=1, max_row=3) for c in row)
