"""XLSX in bounded memory: the sheet XML is streamed, only cells that exist are kept.

A stray cell at XFD1048576 must cost nothing: pandas and openpyxl's read-only mode pad every row
to the sheet's dimension (gigabytes for one far cell), so the sheet is read here with
``xml.etree.ElementTree.iterparse``, each row dropped once read. openpyxl's helpers are reused
for what they do well: which number formats are dates (``is_date_format``), serial → datetime
(``from_excel``, ``date1904`` honoured) and ``_xHHHH_`` escapes in strings.

The sheet read is the one asked for (case and spaces ignored), else the first worksheet.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from decimal import Decimal
from xml.etree import ElementTree as ET

from ..errors import TableError
from .cells import Cell, CellKind, Grid

WORKBOOK = "een Excel-werkboek (.xlsx)"


class _Damaged(Exception):
    """The zip opens but does not hold a readable workbook; the argument says what is wrong."""


def load_xlsx(data: bytes, source: str, sheet: str | None, error: type[TableError]) -> Grid:
    """The sheet ``sheet`` (else the first worksheet) of a zip that should be an XLSX workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            book = _Book(archive)
            name, part = book.sheet_part(sheet)
            return Grid(source, list(book.rows(part, name)))
    except _Damaged as damage:
        detail = str(damage)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError):
        detail = "het zip-archief is beschadigd"
    except ET.ParseError:
        detail = "een onderdeel van het werkboek is geen leesbare XML"
    except ValueError:  # a row number, style or format id that is not a number
        detail = "een onderdeel van het werkboek heeft een ongeldige waarde"
    raise error.of_file(source, f"{WORKBOOK}; het bestand is beschadigd ({detail}): open het in Excel, "
                               "laat Excel het herstellen en bewaar het opnieuw")


def _local(tag: str) -> str:
    """Element or attribute name without its namespace (transitional and strict OOXML alike)."""
    return tag.rsplit("}", 1)[-1]


def _rel_id(element: ET.Element) -> str | None:
    return next((v for k, v in element.attrib.items() if k.endswith("}id")), None)


class _Book:
    """The parts of an XLSX needed to read one sheet: sheet list, shared strings, date styles."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        main = self._relations("")
        self.part = next((t for kind, t in main.values() if kind == "officeDocument"), "xl/workbook.xml")
        workbook = self._xml(self.part)
        relations = self._relations(self.part)
        self.sheets = []  # (name, part) of the worksheets, in workbook order
        for element in workbook.iter():
            if _local(element.tag) == "sheet":
                kind, target = relations.get(_rel_id(element), (None, None))
                if kind == "worksheet":
                    self.sheets.append((element.get("name", ""), target))
        pr = next((e for e in workbook.iter() if _local(e.tag) == "workbookPr"), None)
        self.date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        parts = {kind: target for kind, target in relations.values()}
        self.strings = self._shared_strings(parts.get("sharedStrings"))
        self.date_styles = self._date_styles(parts.get("styles"))

    def _xml(self, part: str) -> ET.Element:
        try:
            return ET.fromstring(self.archive.read(part))
        except KeyError:
            raise _Damaged(f"het onderdeel {part} ontbreekt") from None

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, e.g. 'worksheet'; target part name) of a part ('' = the package)."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.archive.namelist():
            if not part:
                return {}
            raise _Damaged(f"het onderdeel {rels} ontbreekt")
        result = {}
        for element in self._xml(rels):
            target = element.get("Target", "")
            if element.get("TargetMode") == "External":
                continue
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            result[element.get("Id")] = (element.get("Type", "").rsplit("/", 1)[-1], target)
        return result

    def sheet_part(self, wanted: str | None) -> tuple[str, str]:
        if not self.sheets:
            raise _Damaged("het werkboek heeft geen werkblad")
        key = (wanted or "").casefold()
        return next((s for s in self.sheets if s[0].strip().casefold() == key), self.sheets[0])

    def _shared_strings(self, part: str | None) -> list[str]:
        if part is None or part not in self.archive.namelist():
            return []
        strings = []
        with self.archive.open(part) as stream:
            for _, element in ET.iterparse(stream):
                if _local(element.tag) == "si":
                    strings.append(_string_text(element))
                    element.clear()
        return strings

    def _date_styles(self, part: str | None) -> frozenset[int]:
        """Indexes of the cell styles whose number format shows a date."""
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

        if part is None or part not in self.archive.namelist():
            return frozenset()
        styles = self._xml(part)
        custom = {int(e.get("numFmtId", -1)): e.get("formatCode", "")
                  for e in styles.iter() if _local(e.tag) == "numFmt"}
        cell_xfs = next((e for e in styles.iter() if _local(e.tag) == "cellXfs"), [])
        dates = set()
        for index, xf in enumerate(x for x in cell_xfs if _local(x.tag) == "xf"):
            number_format = int(xf.get("numFmtId", 0))
            code = custom.get(number_format, BUILTIN_FORMATS.get(number_format, ""))
            if is_date_format(code):
                dates.add(index)
        return frozenset(dates)

    def rows(self, part: str, name: str) -> Iterator[tuple[int, dict[int, Cell]]]:
        """Stream the sheet: only rows and cells that exist are ever held in memory."""
        if part not in self.archive.namelist():
            raise _Damaged(f"het werkblad '{name}' ontbreekt ({part})")
        number, sheet_data = 0, None
        with self.archive.open(part) as stream:
            for event, element in ET.iterparse(stream, events=("start", "end")):
                tag = _local(element.tag)
                if event == "start":
                    if tag == "sheetData":
                        sheet_data = element
                    continue
                if tag != "row":
                    continue
                number = int(element.get("r") or number + 1)
                cells, column = {}, -1
                for c in element:
                    if _local(c.tag) == "c":
                        column = _column_index(c.get("r")) if c.get("r") else column + 1
                        cell = self._cell(c)
                        if cell is not None:
                            cells[column] = cell
                if cells:
                    yield number, cells
                (sheet_data if sheet_data is not None else element).clear()

    def _cell(self, c: ET.Element) -> Cell | None:
        kind = c.get("t", "n")
        children = {_local(child.tag): child for child in c}
        value = children["v"].text if "v" in children else None
        formula = children.get("f")
        if kind == "inlineStr":
            return _text_cell(_string_text(children.get("is")))
        if kind == "e":
            return Cell(CellKind.ERROR, value or "#N/A")
        if not value:
            if formula is not None and kind != "str":
                return Cell(CellKind.NO_VALUE, f"={formula.text}" if formula.text else "=…")
            return None  # an empty cell, or a formula whose result is empty text
        if kind == "s":
            try:
                return _text_cell(self.strings[int(value)])
            except (ValueError, IndexError):
                raise _Damaged("een cel verwijst naar een tekst die niet bestaat") from None
        if kind == "str":
            return _text_cell(value)
        if kind == "b":
            flag = value.strip() in ("1", "true")
            return Cell(CellKind.BOOL, "WAAR" if flag else "ONWAAR", flag=flag)
        if kind == "d":
            try:
                when = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                return _text_cell(value)
            return Cell(CellKind.DATE, f"{when:%d/%m/%Y}", when=when)
        return self._number_cell(value, int(c.get("s") or 0))

    def _number_cell(self, value: str, style: int) -> Cell:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        try:
            number = float(value)
        except ValueError:
            raise _Damaged(f"een getalcel bevat {value[:20]!r}") from None
        if not math.isfinite(number):
            raise _Damaged(f"een getalcel bevat {value[:20]!r}")
        text = str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
        if style in self.date_styles:
            try:
                when = from_excel(number, CALENDAR_MAC_1904 if self.date1904 else CALENDAR_WINDOWS_1900)
            except (ValueError, OverflowError):
                when = None
            if isinstance(when, dt.datetime):
                return Cell(CellKind.DATE, f"{when:%d/%m/%Y}", number=Decimal(text), when=when)
        return Cell(CellKind.NUMBER, text, number=Decimal(text))


def _text_cell(raw: str) -> Cell | None:
    cell = Cell.of_text(raw)
    return cell if cell.text else None


def _string_text(node: ET.Element | None) -> str:
    """A shared or inline string: its text runs joined (phonetic runs left out), _xHHHH_ decoded."""
    from openpyxl.utils.escape import unescape

    if node is None:
        return ""
    parts = []
    for child in node:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return unescape("".join(parts))


def _column_index(ref: str) -> int:
    """'B7' → 1 (columns count from 0)."""
    index = 0
    for char in ref:
        if not char.isalpha():
            break
        index = index * 26 + ord(char.upper()) - ord("A") + 1
    if index == 0:
        raise _Damaged(f"een cel heeft een ongeldige verwijzing {ref[:12]!r}")
    return index - 1

