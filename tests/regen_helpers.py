"""Filling a generated workbook as an officer would, for the regeneration tests.

openpyxl stands in for Excel here: it writes into the cells the defined names point to and into
the table Projecten (rows inside it, and rows pasted below it), keeps text as text (an
"=HYPERLINK(…)" project name is a string) and saves the file. It keeps no cached values, exactly
like a tool that does not calculate; re-saving through LibreOffice gives a file with them.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import openpyxl
from openpyxl.utils import range_boundaries

from bso_xl.workbook.project_status import KEY

HEADER_OF = {key: header for header, key in KEY.items()}


def named_cell(book, name: str):
    [(sheet, ref)] = list(book.defined_names[name].destinations)
    return book[sheet][ref.replace("$", "")]


def set_cell(cell, value) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # typed text stays text, also "=HYPERLINK(…)"


def fill(path: Path, projects: list[dict], names: dict[str, object], below: list[dict] = (),
         target: Path | None = None) -> Path:
    """Type ``projects`` into the first empty rows of the table, ``below`` right under the table
    (outside it, as pasted), and ``names`` into the named input cells; save to ``target``."""
    book = openpyxl.load_workbook(path)
    ws = book["Projecten"]
    min_col, min_row, max_col, max_row = range_boundaries(ws.tables["Projecten"].ref)
    columns = {ws.cell(min_row, c).value: c for c in range(min_col, max_col + 1)}
    first_empty = next(r for r in range(min_row + 1, max_row + 1)
                       if all(ws.cell(r, columns[h]).value is None for h in ("Project", "Woningen")))
    for offset, project in enumerate(projects):
        for key, value in project.items():
            if value is not None:
                set_cell(ws.cell(first_empty + offset, columns[HEADER_OF[key]]), value)
    for offset, project in enumerate(below):
        for key, value in project.items():
            if value is not None:
                set_cell(ws.cell(max_row + 1 + offset, columns[HEADER_OF[key]]), value)
    for name, value in names.items():
        set_cell(named_cell(book, name), value)
    target = target or path
    book.save(target)
    return target


def resave_with_libreoffice(source: Path, target: Path) -> Path:
    """The file as LibreOffice saves it (with cached values), under another name."""
    sys.path.insert(0, str(Path(__file__).parent))
    from recalc import convert  # noqa: PLC0415

    out = target.parent / ".lo-resave"
    [saved] = convert([source], out)
    shutil.move(saved, target)
    shutil.rmtree(out, ignore_errors=True)
    return target


def officer_projects(count: int) -> list[dict]:
    """Rows an officer types: every kind of value the carry-over must keep exactly."""
    rows = [
        {"project": '=HYPERLINK("http://example.com","klik")', "locatie": "Sint-Amandsberg", "type": "nieuwbouw",
         "woningen": 40, "gesloopt": 0, "mjp": dt.datetime(2025, 3, 1), "ktp": dt.datetime(2027, 6, 30),
         "opmerking": "tekst die op een formule lijkt", "bron": "eigen invoer"},
        {"project": "Vervangingsbouw Nieuwland", "type": "VEP", "woningen": 24, "gesloopt": 30,
         "mjp": dt.datetime(2024, 1, 15), "ktp": dt.datetime(2026, 9, 1), "start": dt.datetime(2028, 2, 1)},
        {"project": "Koopwoningen Dok", "type": "nieuwbouw", "huur_koop": "koop", "woningen": 12,
         "mjp": dt.datetime(2026, 5, 1)},
        {"project": "Datum als tekst", "woningen": 8, "mjp": "15/03/2026"},
        {"project": "Opgeleverd", "woningen": 10, "mjp": dt.datetime(2022, 5, 1), "oplevering": dt.datetime(2026, 11, 30)},
    ]
    rows += [{"project": f"Inbreiding {i}", "locatie": "Gent", "woningen": 4 + i % 5,
              "mjp": dt.datetime(2026, 1 + i % 12, 1)} for i in range(count - len(rows))]
    return rows
