"""Benchmark: ``bso-xl generate`` for all 285 demo municipalities, against the raw-writer floor.

Measured in one run, on this machine:

- **fresh**: ``generate`` of the 285 demo workbooks into an empty folder, with the default pool of
  processes (``--jobs`` = number of CPUs): figures read, workbooks built and written, change report.
- **floor**: XlsxWriter writing exactly the same cells (values, strings, formulas with their cached
  values) with no styling, validation, notes, tables or charts, in one process — stock XlsxWriter,
  as the issue defines it. Stock XlsxWriter spends ~1.5 ms per long formula preparing it, which
  makes the full floor take ~20 minutes; it is therefore measured on every ``--floor-step``-th
  workbook and scaled to 285 (said in the output). Also shown: the same floor with XlsxWriter's
  formula preparation memoised, as bso-xl does (``bso_xl/workbook/worksheet.py``).
- **regeneration**: 285 filled workbooks (each with 40 projects and overrides, written once, not
  timed) regenerated with carry-over into the same folder (every workbook read back and replaced).

Targets (issue 8): fresh / floor ≤ 0.8 on 2 cores; regeneration ≤ 2 × fresh.

    python benchmarks/bench_generate.py [--jobs N] [--floor-step K]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import tempfile
import time
from pathlib import Path

import openpyxl
import xlsxwriter
import xlsxwriter.worksheet

from bso_xl.demo import demo_projects
from bso_xl.figures import read_figures
from bso_xl.regenerate import Options, generate
from bso_xl.workbook import write_workbook
from bso_xl.workbook import worksheet as memo
from bso_xl.workbook.inputs import WorkbookInputs


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
                    cells.append((cell.row - 1, cell.column - 1, cell.value, cached, cell.data_type))
        sheets.append((ws.title, cells))
    return sheets


def write_floor(all_cells, worksheet_class=None) -> None:
    for sheets in all_cells:
        workbook = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True, "strings_to_formulas": False})
        for title, cells in sheets:
            ws = workbook.add_worksheet(title, worksheet_class=worksheet_class)
            for row, col, value, cached, kind in cells:
                if kind == "f":
                    ws.write_formula(row, col, value, None, cached if cached is not None else 0)
                elif isinstance(value, str):
                    ws.write_string(row, col, value)
                elif hasattr(value, "year"):
                    ws.write_datetime(row, col, value)
                elif isinstance(value, bool):
                    ws.write_boolean(row, col, value)
                else:
                    ws.write_number(row, col, value)
        workbook.close()


def timed(job) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def filled_inputs(nis: str) -> WorkbookInputs:
    """What an officer typed: 40 projects of every kind and some overrides (for the carry-over run)."""
    projects = list(demo_projects(nis)) + [
        {"project": f"Project {i}", "woningen": 5 + i % 7, "gesloopt": i % 3, "type": ("nieuwbouw", "VEP", "aankoop")[i % 3],
         "mjp": dt.datetime(2025, 1 + i % 12, 1), "ktp": dt.datetime(2027, 1 + i % 12, 1) if i % 2 else None,
         "opmerking": "=getypt" if i == 0 else None}
        for i in range(40)]
    return WorkbookInputs(projects=tuple(projects), shortfall={2031: 7}, assessment={2028: "2b"}, index_rate=0.02)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--floor-step", type=int, default=10)
    args = parser.parse_args()
    figures = read_figures(None)
    count = len(figures.rows)
    jobs = args.jobs or os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        fresh_dir, regen_dir = Path(tmp) / "vers", Path(tmp) / "regeneratie"
        fresh = timed(lambda: generate(Options(out=fresh_dir, jobs=jobs, progress=False), say=lambda _: None))
        sample = sorted(fresh_dir.glob("*_*.xlsx"))[::args.floor_step]
        all_cells = [cells_of(path.read_bytes()) for path in sample]
        floor = timed(lambda: write_floor(all_cells)) * count / len(sample)
        floor_memo = timed(lambda: write_floor(all_cells, memo.MemoisedWorksheet)) * count / len(sample)
        regen_dir.mkdir()
        for fig in figures.rows.values():
            write_workbook(regen_dir / f"{fig.nis}_{fig.name.replace('/', '_')}.xlsx", fig, figures,
                           inputs=filled_inputs(fig.nis))
        # new figures arrive (a later peildatum): every workbook is read back, rebuilt and replaced
        later = Path(tmp) / "cijfers-later.csv"
        later.write_text(Path(figures.source).read_text(encoding="utf-8").replace("2026-04-30", "2027-04-30"),
                         encoding="utf-8")
        regen = timed(lambda: generate(Options(figures=str(later), out=regen_dir, jobs=jobs, progress=False),
                                       say=lambda _: None))
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"XlsxWriter {xlsxwriter.__version__}; generate --jobs {jobs}")
    print(f"fresh:  {count} workbooks in {fresh:.1f} s ({1000 * fresh / count:.0f} ms each, wall)")
    print(f"floor:  {floor:.1f} s (stock XlsxWriter, same cells unstyled, one process; measured on "
          f"{len(sample)} workbooks and scaled to {count})")
    print(f"        {floor_memo:.1f} s with XlsxWriter's formula preparation memoised as bso-xl does")
    print(f"ratio fresh / floor: {fresh / floor:.2f} (target ≤ 0.8); against the memoised floor: {fresh / floor_memo:.2f}")
    print(f"regeneration with carry-over of {count} filled workbooks: {regen:.1f} s = {regen / fresh:.2f} × fresh "
          "(target ≤ 2)")


if __name__ == "__main__":
    main()
