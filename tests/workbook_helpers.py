"""Reading generated workbooks back (openpyxl) for the workbook tests."""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl


def defined_value(workbook, name: str):
    """The value of the single cell a workbook-level defined name points to."""
    [(sheet, ref)] = list(workbook.defined_names[name].destinations)
    return workbook[sheet][ref.replace("$", "")].value


def formula_cells(path: Path) -> dict[tuple[str, str], str]:
    """Every formula cell of a workbook: (sheet, coordinate) → formula text.

    By the cell's type, not its text: a project named "=HYPERLINK(…)" is text, not a formula."""
    book = openpyxl.load_workbook(path, data_only=False)
    return {
        (ws.title, cell.coordinate): cell.value
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    }


def same(expected, actual) -> bool:
    """Numbers agree to float precision (LibreOffice keeps 15 significant digits; money is rounded
    to the cent on both sides, so it agrees exactly too); text exactly.

    Not "to the cent" for every number: a share of 0.0056 or an index factor of 1.126 would then
    pass with an error of up to 0.005 (issue 13)."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return math.isclose(expected, actual, rel_tol=1e-12, abs_tol=1e-9)
    return expected == actual


def mismatches(reference: Path, recalculated: Path) -> list[str]:
    """Formula cells whose recalculated value differs from the engine's value cached in ``reference``."""
    formulas = formula_cells(reference)
    cached = openpyxl.load_workbook(reference, data_only=True)
    computed = openpyxl.load_workbook(recalculated, data_only=True)
    problems = []
    for (sheet, coordinate), formula in formulas.items():
        expected = cached[sheet][coordinate].value
        actual = computed[sheet][coordinate].value
        if not same(expected, actual):
            problems.append(f"{reference.name} {sheet}!{coordinate} {formula}: engine {expected!r}, "
                            f"LibreOffice {actual!r}")
    return problems
