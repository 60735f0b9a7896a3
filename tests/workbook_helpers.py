"""Reading generated workbooks back (openpyxl) for the workbook tests."""

from __future__ import annotations

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
    """Numbers agree to the cent (LibreOffice keeps 15 significant digits); text exactly."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected == actual
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return abs(expected - actual) < 0.005
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
