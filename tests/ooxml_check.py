"""A structural check of .xlsx files: what Excel's repair dialog objects to and openxml-audit
does not see (ENGINEERING-NOTES, "OOXML validation").

``check(path)`` returns a list of findings (``"part: what is wrong"``), empty for a good file:

- every XML part is well-formed (openxml-audit skips a part that is not, silently);
- sheet, table and defined names are valid and unique (Excel's rules: no cell-address-like
  names such as T1 or R1C1, no reserved characters in sheet names, 31 characters at most);
- every table header equals the text of its header cell;
- every cell and range reference — cell addresses, sqref, merged cells, table refs, and the
  references inside formulas, validations, conditional formats and defined names — lies inside
  Excel's grid (1,048,576 rows × 16,384 columns) and names a sheet that exists;
- style indexes (cells, rows, columns, formats, dxf) and shared-string indexes are in range;
- a data-validation list written out in the formula is at most 255 characters.

Standard library plus openpyxl's formula tokenizer (the project's reader already).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_ROWS, MAX_COLS = 1_048_576, 16_384
SHEET_NAME_FORBIDDEN = set('[]:*?/\\')
LIST_LIMIT = 255  # characters of a data-validation list typed into the formula

_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")
_COLUMN = re.compile(r"\$?([A-Za-z]{1,3})")
_ROW = re.compile(r"\$?([0-9]+)")
_R1C1 = re.compile(r"[Rr][0-9]*[Cc][0-9]*|[Rr][0-9]+|[Cc][0-9]+")
_XML_PART = (".xml", ".rels", ".vml")


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def looks_like_a_cell(name: str) -> bool:
    """Excel refuses a name that is also a cell address (T1, XFD1048576) or R1C1 (R1C1, R, C2)."""
    match = _CELL.fullmatch(name)
    if match and "$" not in name and column_number(match[1]) <= MAX_COLS \
            and 1 <= int(match[2]) <= MAX_ROWS:
        return True
    return bool(_R1C1.fullmatch(name))


def valid_name(name: str) -> bool:
    """Excel's rules for a defined or table name."""
    if not 1 <= len(name) <= 255 or looks_like_a_cell(name):
        return False
    first, rest = name[0], name[1:]
    return (first.isalpha() or first in "_\\") and all(c.isalnum() or c in "_.\\" for c in rest)


def sheet_name_problem(name: str) -> str | None:
    if not 1 <= len(name) <= 31:
        return "1 tot 31 tekens"
    if SHEET_NAME_FORBIDDEN & set(name):
        return "geen [ ] : * ? / \\"
    if name.startswith("'") or name.endswith("'"):
        return "begint of eindigt niet met '"
    if name.lower() == "history":
        return "'History' is voorbehouden"
    return None


class Package:
    """The parts of one .xlsx, parsed, with the workbook's sheets, tables and shared strings."""

    def __init__(self, path: Path):
        self.findings: list[str] = []
        self.xml: dict[str, ElementTree.Element] = {}
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith(_XML_PART):
                    try:
                        self.xml[name] = ElementTree.fromstring(archive.read(name))
                    except ElementTree.ParseError as error:
                        self.findings.append(f"{name}: geen geldige XML ({error})")
        self.workbook = self.xml.get("xl/workbook.xml")
        self.sheets = self._sheets()  # [(name, part)]
        self.sheet_names = {name.lower() for name, _ in self.sheets}
        self.tables = [(part, self.xml[part]) for _, sheet in self.sheets
                       for part in self._targets(sheet, "/table") if part in self.xml]
        sst = self.xml.get("xl/sharedStrings.xml")
        self.strings = [] if sst is None else [
            "".join(t.text or "" for t in si.iter(f"{MAIN}t")) for si in sst.findall(f"{MAIN}si")]

    def _targets(self, part: str, type_suffix: str) -> list[str]:
        """Parts that ``part`` relates to with a relationship type ending in ``type_suffix``."""
        folder, name = posixpath.split(part)
        rels = self.xml.get(posixpath.join(folder, "_rels", name + ".rels"))
        if rels is None:
            return []
        return [posixpath.normpath(posixpath.join(folder, r.get("Target")))
                for r in rels.findall(f"{PKG_REL}Relationship") if r.get("Type").endswith(type_suffix)]

    def _sheets(self) -> list[tuple[str, str]]:
        if self.workbook is None:
            return []
        rels = self.xml.get("xl/_rels/workbook.xml.rels")
        by_id = {} if rels is None else {
            r.get("Id"): posixpath.normpath(posixpath.join("xl", r.get("Target")))
            for r in rels.findall(f"{PKG_REL}Relationship")}
        return [(s.get("name"), by_id.get(s.get(f"{REL}id"), "?"))
                for s in self.workbook.iter(f"{MAIN}sheet")]

    def cell_text(self, sheet: ElementTree.Element, address: str) -> str | None:
        for c in sheet.iter(f"{MAIN}c"):
            if c.get("r") == address:
                v = c.find(f"{MAIN}v")
                if c.get("t") == "s" and v is not None and int(v.text) < len(self.strings):
                    return self.strings[int(v.text)]
                if c.get("t") == "inlineStr":
                    return "".join(t.text or "" for t in c.iter(f"{MAIN}t"))
                return None if v is None else v.text
        return None


# --- references ------------------------------------------------------------------------------------


def area_problem(area: str) -> str | None:
    """Why ``A1``, ``$A$1:$B$2``, ``A:A`` or ``1:1`` is outside the grid; None if inside (or if it
    is not a reference at all: a name, a structured reference)."""
    for part in area.split(":"):
        if cell := _CELL.fullmatch(part):
            column, row = column_number(cell[1]), int(cell[2])
        elif column_match := _COLUMN.fullmatch(part):
            column, row = column_number(column_match[1]), 1
        elif row_match := _ROW.fullmatch(part):
            column, row = 1, int(row_match[1])
        else:
            return None
        if not (1 <= column <= MAX_COLS and 1 <= row <= MAX_ROWS):
            return f"{area} ligt buiten het raster van Excel"
    return None


_STRING_LITERAL = re.compile(r'"(?:[^"]|"")*"')
# What a reference outside the grid must contain: a row of 7 digits or more (> 1,048,576), row 0,
# or a three-letter column from XFE on (its first letter X, Y or Z).
_SUSPECT = re.compile(r"[0-9]{7}|[A-Za-z$]0(?![0-9])|(?<![0-9])0:|[X-Zx-z][A-Za-z]{2}\$?[0-9:]")


def _worth_tokenizing(text: str) -> bool:
    """Whether a formula can hold a problem at all: a sheet-qualified reference, or something
    that could be a reference outside the grid. The tokenizer (slow on the long formulas with
    structured references: up to 7 ms each) then decides; most formulas need neither."""
    bare = _STRING_LITERAL.sub('""', text)
    return "!" in bare or _SUSPECT.search(bare) is not None


def reference_problems(text: str, sheets: set[str], formula: bool = True) -> list[str]:
    """Problems with the references in a formula (or, ``formula=False``, a space-separated sqref)."""
    if not formula:
        return [p for area in text.split() if (p := area_problem(area))]
    # A workbook repeats few distinct formulas many times (423 distinct of ~3,000 cells).
    return list(_formula_problems(text, frozenset(sheets)))


@lru_cache(maxsize=4096)
def _formula_problems(text: str, sheets: frozenset[str]) -> tuple[str, ...]:
    if not _worth_tokenizing(text):
        return ()
    problems = []
    try:
        tokens = Tokenizer(text if text.startswith("=") else "=" + text).items
    except TokenizerError as error:
        return (f"formule niet leesbaar ({error})",)
    for token in tokens:
        if token.type != Token.OPERAND or token.subtype != Token.RANGE or token.value.startswith("["):
            continue
        sheet, _, area = token.value.rpartition("!")
        if sheet:
            name = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
            if name.lower() not in sheets:
                problems.append(f"{token.value}: blad {name!r} bestaat niet")
        if problem := area_problem(area):
            problems.append(problem)
    return tuple(problems)


# --- the checks -------------------------------------------------------------------------------------


def _names(package: Package) -> list[str]:
    findings, seen = [], {}
    for name, part in package.sheets:
        if problem := sheet_name_problem(name):
            findings.append(f"xl/workbook.xml: bladnaam {name!r}: {problem}")
        if name.lower() in seen:
            findings.append(f"xl/workbook.xml: bladnaam {name!r} komt twee keer voor")
        seen[name.lower()] = part
    defined: dict[tuple[str | None, str], int] = {}
    for dn in [] if package.workbook is None else package.workbook.iter(f"{MAIN}definedName"):
        name, scope = dn.get("name"), dn.get("localSheetId")
        key = (scope, name.lower())
        defined[key] = defined.get(key, 0) + 1
        if defined[key] == 2:
            findings.append(f"xl/workbook.xml: naam {name!r} komt twee keer voor")
        if not name.startswith("_xlnm.") and not valid_name(name):
            findings.append(f"xl/workbook.xml: naam {name!r} is geen geldige Excel-naam")
        if scope is not None and not int(scope) < len(package.sheets):
            findings.append(f"xl/workbook.xml: naam {name!r} hoort bij blad {scope}, dat bestaat niet")
        findings += [f"xl/workbook.xml: naam {name!r}: {p}"
                     for p in reference_problems(dn.text or "", package.sheet_names)]
    global_names = {name for scope, name in defined if scope is None}
    tables: set[str] = set()
    for part, table in package.tables:
        name = table.get("name")
        for label, value in (("naam", name), ("displayName", table.get("displayName"))):
            if not valid_name(value or ""):
                findings.append(f"{part}: tabel-{label} {value!r} is geen geldige Excel-naam")
        if name.lower() in tables:
            findings.append(f"{part}: tabelnaam {name!r} komt twee keer voor")
        if name.lower() in global_names:
            findings.append(f"{part}: tabelnaam {name!r} is ook een gedefinieerde naam")
        tables.add(name.lower())
    return findings


def _table_headers(package: Package) -> list[str]:
    findings = []
    sheet_of = {table: sheet for _, sheet in package.sheets
                for table in package._targets(sheet, "/table")}
    for part, table in package.tables:
        columns = [c.get("name") for c in table.iter(f"{MAIN}tableColumn")]
        if len({c.lower() for c in columns}) != len(columns):
            findings.append(f"{part}: twee kolommen met dezelfde naam")
        if table.get("headerRowCount") == "0" or sheet_of.get(part) not in package.xml:
            continue
        first = _CELL.fullmatch(table.get("ref").split(":")[0])
        column, row = column_number(first[1]), int(first[2])
        sheet = package.xml[sheet_of[part]]
        for offset, name in enumerate(columns):
            address = f"{letters(column + offset)}{row}"
            text = package.cell_text(sheet, address)
            if text != name:
                findings.append(f"{part}: kolom {name!r} maar cel {address} bevat {text!r}")
    return findings


def letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


_REF_ATTRIBUTES = {"c": "r", "dimension": "ref", "mergeCell": "ref", "hyperlink": "ref",
                   "autoFilter": "ref", "table": "ref", "selection": "sqref",
                   "dataValidation": "sqref", "conditionalFormatting": "sqref",
                   "ignoredError": "sqref", "pane": "topLeftCell", "f": "ref"}
_FORMULA_ELEMENTS = ("f", "formula", "formula1", "formula2")


def _references(package: Package) -> list[str]:
    findings = []
    parts = [part for _, part in package.sheets] + [part for part, _ in package.tables]
    for part in parts:
        root = package.xml.get(part)
        if root is None:
            continue
        for element in root.iter():
            tag = element.tag.removeprefix(MAIN)
            if (attribute := _REF_ATTRIBUTES.get(tag)) and element.get(attribute):
                findings += [f"{part}: {tag} {p}" for p in
                             reference_problems(element.get(attribute), set(), formula=False)]
            if tag == "row" and not 1 <= int(element.get("r", 1)) <= MAX_ROWS:
                findings.append(f"{part}: rij {element.get('r')} ligt buiten het raster")
            if tag == "col" and not int(element.get("max", 1)) <= MAX_COLS:
                findings.append(f"{part}: kolom {element.get('max')} ligt buiten het raster")
            if tag in _FORMULA_ELEMENTS and element.text:
                findings += [f"{part}: formule {element.text[:60]!r}: {p}"
                             for p in reference_problems(element.text, package.sheet_names)]
    return findings


def _count(root: ElementTree.Element | None, container: str, item: str) -> int:
    found = None if root is None else root.find(f"{MAIN}{container}")
    return 0 if found is None else len(found.findall(f"{MAIN}{item}"))


def _indexes(package: Package) -> list[str]:
    findings = []
    styles = package.xml.get("xl/styles.xml")
    xfs = _count(styles, "cellXfs", "xf")
    dxfs = _count(styles, "dxfs", "dxf")
    if styles is not None:
        limits = {"fontId": _count(styles, "fonts", "font"), "fillId": _count(styles, "fills", "fill"),
                  "borderId": _count(styles, "borders", "border")}
        formats = {int(f.get("numFmtId")) for f in styles.iter(f"{MAIN}numFmt")}
        for xf in styles.iter(f"{MAIN}xf"):
            for attribute, limit in limits.items():
                if int(xf.get(attribute, 0)) >= limit:
                    findings.append(f"xl/styles.xml: {attribute} {xf.get(attribute)} bestaat niet")
            number_format = int(xf.get("numFmtId", 0))
            if number_format >= 164 and number_format not in formats:  # < 164: built in
                findings.append(f"xl/styles.xml: numFmtId {number_format} bestaat niet")
    for _, part in package.sheets:
        root = package.xml.get(part)
        if root is None:
            continue
        for element in root.iter():
            tag = element.tag.removeprefix(MAIN)
            style = element.get("style" if tag == "col" else "s") if tag in ("c", "row", "col") else None
            if style is not None and int(style) >= xfs:
                findings.append(f"{part}: stijl {style} van {tag} {element.get('r', '')} bestaat "
                                f"niet ({xfs} stijlen)")
            if tag == "cfRule" and element.get("dxfId") and int(element.get("dxfId")) >= dxfs:
                findings.append(f"{part}: dxfId {element.get('dxfId')} bestaat niet")
            if tag == "c" and element.get("t") == "s":
                value = element.find(f"{MAIN}v")
                if value is None or not value.text.isdigit() or int(value.text) >= len(package.strings):
                    findings.append(f"{part}: cel {element.get('r')} verwijst naar gedeelde tekst "
                                    f"{None if value is None else value.text}, die bestaat niet "
                                    f"({len(package.strings)} teksten)")
    for part, table in package.tables:
        for column in table.iter(f"{MAIN}tableColumn"):
            if column.get("dataDxfId") and int(column.get("dataDxfId")) >= dxfs:
                findings.append(f"{part}: dataDxfId {column.get('dataDxfId')} bestaat niet")
    return findings


def _validation_lists(package: Package) -> list[str]:
    findings = []
    for _, part in package.sheets:
        root = package.xml.get(part)
        for validation in [] if root is None else root.iter(f"{MAIN}dataValidation"):
            formula = validation.find(f"{MAIN}formula1")
            text = "" if formula is None or formula.text is None else formula.text
            if validation.get("type") == "list" and text.startswith('"') \
                    and len(text) - 2 > LIST_LIMIT:
                findings.append(f"{part}: keuzelijst in {validation.get('sqref')} is "
                                f"{len(text) - 2} tekens (Excel: hoogstens {LIST_LIMIT})")
    return findings


CHECKS = (_names, _table_headers, _references, _indexes, _validation_lists)


def check(path: Path) -> list[str]:
    """Every structural problem found in the .xlsx at ``path`` (empty: none)."""
    package = Package(Path(path))
    findings = list(package.findings)
    if package.workbook is None:
        return findings + ["xl/workbook.xml ontbreekt of is onleesbaar"]
    for each in CHECKS:
        findings += each(package)
    return findings
