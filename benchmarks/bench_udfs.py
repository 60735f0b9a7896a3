"""Benchmark of the Excel functions: what one BSO_SANCTION costs, alone and over 10,000 rows.

Targets (issue): one call ≤ 20 µs; one call over a 10,000-row range ≤ 50 ms. Both are measured
as plain Python calls of :mod:`bso_xl.udfs` (adapter + engine, what every runtime pays), with
the engine alone beside them so the adapter's share is visible. The xlwings Office.js dispatch
layer is shown for information: outside Pyodide it is dominated by xlwings' own per-argument
``import pyodide.ffi`` attempt, which fails (and is not cached) on a normal Python.

Run: ``python benchmarks/bench_udfs.py`` (``--strict`` exits 1 when a target is missed).
"""

from __future__ import annotations

import os

# Before xlwings is first imported: register the functions for the Office.js dispatch.
os.environ.setdefault("XLWINGS_ON_SERVER", "true")
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import asyncio  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import timeit  # noqa: E402
import types  # noqa: E402
from contextlib import contextmanager  # noqa: E402

import xlwings  # noqa: E402
import xlwings.server  # noqa: E402

from bso_xl import udfs  # noqa: E402
from bso_xl.rules import yearly_sanction  # noqa: E402

ROWS = 10_000
TARGET_ONE_US = 20.0
TARGET_RANGE_MS = 50.0


def best_and_median(stmt, number: int, repeat: int = 7) -> tuple[float, float]:
    """Seconds per call: best and median of ``repeat`` runs of ``number`` calls."""
    runs = [t / number for t in timeit.repeat(stmt, number=number, repeat=repeat)]
    return min(runs), statistics.median(runs)


def dispatch_data(args: list) -> dict:
    return {"func_name": "bso_sanction", "args": args, "version": xlwings.__version__,
            "client": "Office.js", "runtime": "1.4", "culture_info_name": "nl-BE",
            "date_format": "d/m/yyyy", "caller_address": "[Boek1.xlsx]Blad1!A1"}


def dispatch(args: list):
    return asyncio.run(xlwings.server.custom_functions_call(dispatch_data(args), udfs))


@contextmanager
def pyodide_stand_in():
    """A cached ``pyodide.ffi`` module, as inside Pyodide, so xlwings' per-cell import of it
    succeeds from sys.modules instead of searching sys.path and failing every time."""
    ffi = types.ModuleType("pyodide.ffi")
    ffi.JsNull = type("JsNull", (), {})
    package = types.ModuleType("pyodide")
    package.ffi = ffi
    sys.modules.update({"pyodide": package, "pyodide.ffi": ffi})
    try:
        yield
    finally:
        del sys.modules["pyodide"], sys.modules["pyodide.ffi"]


def main() -> int:
    # Classic Excel passes floats; every row a different number of missing dwellings (no reuse).
    distinct = [[float(i)] for i in range(ROWS)]
    repeating = [[float(i % 50)] for i in range(ROWS)]  # a realistic sheet repeats values
    ints = list(range(ROWS))

    one, one_med = best_and_median(lambda: udfs.bso_sanction(10.0, 2031.0, True, 2025.0), 20_000)
    engine, engine_med = best_and_median(lambda: yearly_sanction(10, 2031, True, 2025), 20_000)
    rng, rng_med = best_and_median(lambda: udfs.bso_sanction(distinct, 2031.0, True), 1)
    rep, rep_med = best_and_median(lambda: udfs.bso_sanction(repeating, 2031.0, True), 1)
    engine_rng, _ = best_and_median(lambda: [yearly_sanction(m, 2031, True) for m in ints], 1)
    disp_one, _ = best_and_median(lambda: dispatch([[[10]], [[2031]], [[True]], None]), 200, 5)
    disp_rng, _ = best_and_median(lambda: dispatch([distinct, [[2031]], [[True]], None]), 1, 3)
    with pyodide_stand_in():
        pyo_one, _ = best_and_median(lambda: dispatch([[[10]], [[2031]], [[True]], None]), 200, 5)
        pyo_rng, _ = best_and_median(lambda: dispatch([distinct, [[2031]], [[True]], None]), 1, 3)

    def verdict(ok: bool) -> str:
        return "OK" if ok else "TE TRAAG"

    print("bso-xl Excel-functies: benchmark")
    print(f"  machine: {platform.platform()} ({platform.machine()}, {os.cpu_count()} CPU's)")
    print(f"  python : {sys.version.split()[0]} ({platform.python_implementation()}), "
          f"xlwings {xlwings.__version__}")
    print("  (best of 7 runs; median in brackets)")
    print()
    print(f"  BSO_SANCTION, one call                  {one * 1e6:8.2f} µs ({one_med * 1e6:.2f})"
          f"   target <= {TARGET_ONE_US:.0f} µs: {verdict(one * 1e6 <= TARGET_ONE_US)}")
    print(f"    engine alone (yearly_sanction)        {engine * 1e6:8.2f} µs "
          f"({engine_med * 1e6:.2f})")
    print(f"  BSO_SANCTION, {ROWS:,} rows, all distinct {rng * 1e3:8.1f} ms ({rng_med * 1e3:.1f})"
          f"   target <= {TARGET_RANGE_MS:.0f} ms: {verdict(rng * 1e3 <= TARGET_RANGE_MS)}")
    print(f"    engine alone over the same rows       {engine_rng * 1e3:8.1f} ms"
          f"   (adapter {(rng - engine_rng) / ROWS * 1e6:.2f} µs/row)")
    print(f"  BSO_SANCTION, {ROWS:,} rows, 50 values    {rep * 1e3:8.1f} ms ({rep_med * 1e3:.1f})"
          "   (equal rows computed once)")
    print("  xlwings Office.js dispatch around it, for information:")
    print(f"    plain CPython                         {disp_one * 1e6:8.1f} µs per call, "
          f"{disp_rng * 1e3:.1f} ms for {ROWS:,} rows")
    print(f"    pyodide.ffi import cached (as Lite)   {pyo_one * 1e6:8.1f} µs per call, "
          f"{pyo_rng * 1e3:.1f} ms for {ROWS:,} rows")
    met = one * 1e6 <= TARGET_ONE_US and rng * 1e3 <= TARGET_RANGE_MS
    return 0 if met or "--strict" not in sys.argv else 1


if __name__ == "__main__":
    sys.exit(main())
