"""Benchmark: writing all 285 demo workbooks, against a floor.

The floor is XlsxWriter writing exactly the same cells (values, strings, formulas with their
cached values) with no styling, validation, notes, tables or charts. Target: ratio ≤ 1.3.

    python benchmarks/bench_workbooks.py [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import platform
import time

import openpyxl
import xlsxwriter

from bso_xl.demo import demo_projects
from bso_xl.figures import read_figures
from bso_xl.workbook import write_workbook


def write_all(figures) -> None:
    for fig in figures.rows.values():
        write_workbook(io.BytesIO(), fig, figures, demo_projects(fig.nis))


def cells_of(data: bytes) -> list[tuple[str, list[tuple[int, int, object, object]]]]:
    """(sheet, [(row, col, value or formula, cached value)]) as generated, read back once (not timed)."""
    formulas = openpyxl.load_workbook(io.BytesIO(data))
    values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    sheets = []
    for ws in formulas.worksheets:
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cached = values[ws.title][cell.coordinate].value
                    cells.append((cell.row - 1, cell.column - 1, cell.value, cached))
        sheets.append((ws.title, cells))
    return sheets


def write_floor(all_cells) -> None:
    for sheets in all_cells:
        workbook = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True, "strings_to_formulas": False})
        for title, cells in sheets:
            ws = workbook.add_worksheet(title)
            for row, col, value, cached in cells:
                if isinstance(value, str) and value.startswith("="):
                    ws.write_formula(row, col, value, None, cached if cached is not None else 0)
                elif isinstance(value, str):
                    ws.write_string(row, col, value)
                elif hasattr(value, "year"):
                    ws.write_datetime(row, col, value)
                else:
                    ws.write_number(row, col, value)
        workbook.close()


def best_of(repeat: int, job) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    figures = read_figures(None)
    all_cells = []
    for fig in figures.rows.values():
        buffer = io.BytesIO()
        write_workbook(buffer, fig, figures, demo_projects(fig.nis))
        all_cells.append(cells_of(buffer.getvalue()))
    product = best_of(args.repeat, lambda: write_all(figures))
    floor = best_of(args.repeat, lambda: write_floor(all_cells))
    count = len(figures.rows)
    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, XlsxWriter {xlsxwriter.__version__}")
    print(f"bso-xl: {count} workbooks in {product:.2f} s ({1000 * product / count:.1f} ms each), best of {args.repeat}")
    print(f"floor (same cells, no styling): {floor:.2f} s ({1000 * floor / count:.1f} ms each)")
    print(f"ratio: {product / floor:.2f} (target ≤ 1.3)")


if __name__ == "__main__":
    main()
