"""Run Excel functions through xlwings' Office.js dispatch path, in a child interpreter.

xlwings decides at its first import whether ``@xw.func`` registers Office.js custom functions
(``XLWINGS_ON_SERVER=true``). A child process sets that before anything imports xlwings, so the
dispatch tests do not depend on import order in the pytest process. The same child loads either
the package module (``bso_xl.udfs``) or a generated Lite ``main.py`` with a clean sys.path and
bso_xl blocked, which proves main.py is self-contained.

Protocol: one JSON request per line on stdin, one JSON reply per line on stdout.

Also here, shared by the dispatch, hostile-input, Lite and Pyodide tests: ``expected_answer``
(what a call must answer, from the README's conventions and a direct engine call, never from
bso_xl.udfs) and ``grid_calls`` (the dispatch cases: every function, normal, edge and bad input).
"""

from __future__ import annotations

import itertools
import json
import math
import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from fractions import Fraction
from importlib.metadata import version
from pathlib import Path

from bso_xl.municipalities import municipality
from bso_xl.rules import (
    Components, Level, category, combined_requirement, exemption_test, objective,
    sanction_percentage, shortfall, split_interim, total_sanction, yearly_amount, yearly_sanction,
)

REPO = Path(__file__).resolve().parents[1]

_CHILD = r'''
import asyncio, importlib, importlib.util, json, sys, traceback

kind, target, loader = sys.argv[1], sys.argv[2], sys.argv[3]
if kind == "file":
    class BlockBsoXl:
        """main.py must not need the bso_xl package (it is installed in this venv)."""
        def find_spec(self, name, path=None, target=None):
            if name == "bso_xl" or name.startswith("bso_xl."):
                raise ImportError(f"{name} is geblokkeerd: main.py moet zelfstandig zijn")
            return None
    sys.meta_path.insert(0, BlockBsoXl())

import xlwings
import xlwings.server

if kind == "file" and loader == "registered-first":  # as import does
    spec = importlib.util.spec_from_file_location("main", target)
    module = importlib.util.module_from_spec(spec)
    sys.modules["main"] = module
    spec.loader.exec_module(module)
elif kind == "file":  # run first, register after: xlwings Server's Wasm create_module_from_string
    spec = importlib.util.spec_from_loader("main", loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(open(target, encoding="utf-8").read(), module.__dict__)
    sys.modules["main"] = module
else:
    module = importlib.import_module(target)

reply_to = sys.stdout
sys.stdout = sys.stderr  # anything the code prints must not corrupt the replies

for line in sys.stdin:
    request = json.loads(line)
    try:
        if request["op"] == "meta":
            result = xlwings.server.custom_functions_meta(module)
        elif request["op"] == "call":
            result = asyncio.run(xlwings.server.custom_functions_call(request["data"], module))
        elif request["op"] == "batch":  # many calls in one round trip; an exception per call
            async def run_all(calls):
                results = []
                for data in calls:
                    try:
                        results.append(await xlwings.server.custom_functions_call(data, module))
                    except Exception as error:
                        results.append(f"exception: {type(error).__name__}: {error}")
                return results
            result = asyncio.run(run_all(request["calls"]))
        elif request["op"] == "set":
            setattr(module, request["name"], request["value"])
            result = None
        else:
            result = {
                "module_file": getattr(module, "__file__", None),  # none when run from a string
                "registered": sys.modules.get(module.__name__) is module,
                "bso_xl_modules": sorted(m for m in sys.modules
                                         if m == "bso_xl" or m.startswith("bso_xl.")),
                "xlwings_on_server": xlwings.on_server,
            }
        reply = {"ok": result}
    except Exception as error:
        reply = {"exception": f"{type(error).__name__}: {error}",
                 "traceback": traceback.format_exc()}
    reply_to.write(json.dumps(reply) + "\n")
    reply_to.flush()
'''


def call_data(func_name: str, args: list) -> dict:
    """A custom-function call as Office.js sends it (ENGINEERING-NOTES): every argument a 2-D
    list, an omitted optional one None; Belgian culture."""
    return {
        "func_name": func_name,
        "args": args,
        "version": version("xlwings"),
        "client": "Office.js",
        "runtime": "1.4",
        "culture_info_name": "nl-BE",
        "date_format": "d/m/yyyy",
        "caller_address": "[Boek1.xlsx]Blad1!A1",
    }


def cell(value) -> list:
    """One cell as a dispatch argument; None stays None (an omitted optional argument)."""
    return None if value is None else [[value]]


def error_cell(code: str) -> dict:
    """An error cell as Office.js passes it in an argument (allowErrorForDataTypeAny)."""
    return {"type": "Error", "basicValue": code, "errorType": ERROR_TYPES[code]}


def excel_error(code: str) -> dict:
    """What the dispatch returns for an error cell (xlwings ``errorstr_to_errortype``)."""
    return {"type": "Error", "errorType": ERROR_TYPES[code]}


class Dispatcher:
    """A child interpreter serving custom-function metadata and calls for one module."""

    def __init__(self, target: str | Path, *, cwd: Path | None = None,
                 loader: str = "registered-first"):
        """``loader`` (for a file): "registered-first" puts the module in sys.modules before
        its code runs, as ``import`` does; "run-first" runs it and registers it afterwards."""
        kind = "file" if str(target).endswith(".py") else "module"
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "BSO_XL_INDEXATIE") and not k.startswith("XLWINGS_")}
        env.update(XLWINGS_ON_SERVER="true", XLWINGS_LICENSE_KEY="noncommercial",
                   PYTHONIOENCODING="utf-8")
        if kind == "module":
            env["PYTHONPATH"] = str(REPO)  # the working tree, not some other installed copy
        # -I (isolated): no PYTHONPATH from outside, no user site, no cwd on sys.path.
        flags = ["-I"] if kind == "file" else []
        # stderr to a file: a chatty child can never block on a full pipe.
        self.stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, *flags, "-c", _CHILD, kind, str(target), loader],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
            cwd=cwd or REPO, env=env, text=True, encoding="utf-8",
        )

    def _request(self, request: dict):
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            self.stderr.seek(0)
            raise RuntimeError(f"dispatch child stopped:\n{self.stderr.read()}")
        reply = json.loads(line)
        if "exception" in reply:
            raise DispatchException(reply["exception"], reply["traceback"])
        return reply["ok"]

    def stderr_text(self) -> str:
        """What the child wrote to stderr so far (its load-time messages)."""
        self.stderr.flush()
        self.stderr.seek(0)
        return self.stderr.read()

    def meta(self) -> dict:
        return self._request({"op": "meta"})

    def info(self) -> dict:
        return self._request({"op": "info"})

    def set(self, name: str, value) -> None:
        """Set a module-level setting in the child (e.g. INDEX_RATE)."""
        self._request({"op": "set", "name": name, "value": value})

    def call(self, func_name: str, *args):
        """Call with arguments already in dispatch form (2-D lists or None)."""
        return self._request({"op": "call", "data": call_data(func_name, list(args))})

    def call_many(self, calls: list[tuple[str, tuple]]) -> list:
        """Many calls ``(func_name, one value per argument)`` in one round trip."""
        data = [call_data(name, [cell(v) for v in values]) for name, values in calls]
        return self._request({"op": "batch", "calls": data})

    def call_data_many(self, calls: list[dict]) -> list:
        """Many calls already in dispatch form (``call_data``), in one round trip."""
        return self._request({"op": "batch", "calls": calls})

    def call_cells(self, func_name: str, *values):
        """Call with one value per argument, each sent as a single cell."""
        return self.call(func_name, *(cell(v) for v in values))

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()
        self.stderr.close()


class DispatchException(Exception):
    """The dispatch raised (Excel would show #VALUE!); the child's traceback is attached."""

    def __init__(self, message: str, child_traceback: str):
        super().__init__(message)
        self.child_traceback = child_traceback


# --- what every function should answer, from the engine (the Lite, Pyodide and property tests) ---
#
# An independent statement of the README's input conventions ("Lege cellen en fouten") and of
# the sane bounds of issue 9, applied to one cell, followed by a direct call of the engine rule.
# The tests compare the dispatch's answers with this, so a wrong adapter (swapped arguments, a
# dropped bound, a changed default) makes them fail; it never calls bso_xl.udfs.

ERROR_TYPES = {"#DIV/0!": "Div0", "#N/A": "NotAvailable", "#NAME?": "Name", "#NULL!": "Null",
               "#NUM!": "Num", "#REF!": "Ref", "#VALUE!": "Value"}
MAX_DWELLINGS = 10_000_000  # issue 9: a count above this is a typo, #VALUE!
FIRST_YEAR, LAST_YEAR = 2000, 2100  # issue 9: a year outside is #VALUE!


class Refused(Exception):
    """This cell's answer is the error ``code``."""

    def __init__(self, code: str = "#VALUE!"):
        super().__init__(code)
        self.code = code


def _as_received(value):
    """What the function receives for a cell: Office.js error cells as their text, "" as empty."""
    if isinstance(value, dict) and value.get("type") == "Error":
        return value["basicValue"]
    return None if value == "" else value


def _error_text(value) -> None:
    if isinstance(value, str) and value.upper() in ERROR_TYPES:
        raise Refused(value.upper())  # an error in the input is the answer


def _whole(value, low: int, high: int) -> int:
    _error_text(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Refused()
    if isinstance(value, float) and not (math.isfinite(value) and value == int(value)):
        raise Refused()
    if not low <= value <= high:
        raise Refused()
    return int(value)


def _text(value) -> str:
    _error_text(value)
    if not isinstance(value, str) or not value.strip():
        raise Refused()
    return value.strip()


KINDS = {
    "dwellings": lambda v: _whole(v, 0, MAX_DWELLINGS),
    "dwellings_or_zero": lambda v: 0 if v is None else _whole(v, 0, MAX_DWELLINGS),
    "net": lambda v: 0 if v is None else _whole(v, -MAX_DWELLINGS, MAX_DWELLINGS),
    "year": lambda v: _whole(v, FIRST_YEAR, LAST_YEAR),
    "optional_year": lambda v: None if v is None else _whole(v, FIRST_YEAR, LAST_YEAR),
    "flag": lambda v: _flag(v),
    "number": lambda v: _number(v),
    "level": _text,
    "field": _text,
    "optional_text": lambda v: None if v is None or (isinstance(v, str) and not v.strip())
    else _text(v),
    "nis": lambda v: _text(v) if isinstance(v, str) and v.strip() else str(_whole(v, -math.inf, math.inf)),
}


def _flag(value) -> bool:
    _error_text(value)
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    raise Refused()


def _number(value) -> Decimal:
    _error_text(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Refused()
    if not (math.isfinite(value) and 0 <= value <= MAX_DWELLINGS):
        raise Refused()
    return Decimal(str(value))


FIELDS = {"naam": "name", "name": "name", "gemeente": "name", "provincie": "province",
          "province": "province", "woonmaatschappij": "woonmaatschappij",
          "werkingsgebied": "werkingsgebied", "verhoogde_huurpremie": "raised_huurpremie",
          "raised": "raised_huurpremie", "opmerking": "remark", "remark": "remark"}


def _municipality(nis: str, field: str):
    attribute = FIELDS.get(field.lower().replace(" ", "_"))
    if attribute is None:
        raise Refused()
    try:
        return getattr(municipality(nis), attribute)
    except KeyError:
        raise Refused("#N/A") from None


def _exemption(regulier, sib, permits):
    test = exemption_test(regulier, sib, permits)
    return test.eligible if test.applicable else test.status


# Each function: the kind of every argument (README order) and the engine rule it calls.
SPECS = {
    "bso_sanction": (("dwellings", "year", "flag", "optional_year"), yearly_sanction),
    "bso_sanction_total": (("dwellings", "year", "flag", "optional_year"), total_sanction),
    "bso_percentage": (("year",), sanction_percentage),
    "bso_amount": (("year", "flag"), yearly_amount),
    "bso_objective": (("dwellings", "dwellings", "dwellings", "dwellings_or_zero",
                       "dwellings_or_zero"), lambda *c: objective(Components(*c)).bso),
    "bso_split": (("dwellings",), split_interim),
    "bso_required": (("dwellings",) * 4 + ("year", "level"),
                     lambda t1, t2, t3, sib, year, level:
                     combined_requirement(t1, t2, t3, sib, year)[Level.parse(level)]),
    "bso_shortfall": (("dwellings",) * 4 + ("year",) + ("net",) * 4,
                      lambda t1, t2, t3, sib, year, m, k, u, g: shortfall(
                          t1, t2, t3, sib, year, {Level.MJP: m, Level.KTP: k, Level.UITVOERING: u,
                                                  Level.GEREALISEERD: g})),
    "bso_category": (("dwellings", "optional_text"), category),
    "bso_exemption": (("dwellings", "dwellings", "number"), _exemption),
    "bso_municipality": (("nis", "field"), _municipality),
}


def expected_answer(func_name: str, values) -> list:
    """The dispatch's answer for one cell per argument, as the engine gives it."""
    kinds, rule = SPECS[func_name]
    width = 3 if func_name == "bso_split" else 1
    try:
        parsed = [KINDS[kind](_as_received(v)) for kind, v in zip(kinds, values)]
        try:
            answer = rule(*parsed)
        except KeyError:
            raise Refused("#N/A") from None
        except ValueError:
            raise Refused() from None
    except Refused as refused:
        return [[excel_error(refused.code)] * width]
    cells = answer if isinstance(answer, tuple) else (answer,)
    return [[float(c) if isinstance(c, (Decimal, Fraction)) else c for c in cells]]


def grid_calls() -> list[tuple[str, tuple]]:
    """The dispatch cases: calls (function, one value per argument) covering normal, edge and
    bad input for every function; the interim objectives are asymmetric (T1 ≠ T2 ≠ T3,
    SIB ≠ 0) so a swapped argument shows. Used by the Lite and Pyodide tests."""
    years = [2028, 2031, 2034, 2037, 2040, 2029, 2031.0, None, 1999, 2101]
    calls = []
    for missing, year, raised, amount_year in itertools.product(
            [0, 1, 7, 10, 12.0, 12.5, -1, None, "#N/A", 1e23], years, [None, True, False, 1],
            [None, 2019, 2023, 2025, 2030, 2018]):
        calls.append(("bso_sanction", (missing, year, raised, amount_year)))
    calls += [("bso_sanction_total", (m, y, r, None))
              for m, y, r in itertools.product([0, 3, 10], years, [None, True])]
    calls += [("bso_percentage", (y,)) for y in years]
    calls += [("bso_amount", (y, r)) for y, r in itertools.product(
        [2018, 2019, 2022, 2023, 2024, 2025, 2030, 2040, 1e300], [None, True])]
    calls += [("bso_objective", c) for c in itertools.product([0, 100], [0, 20], [30], [None, 10],
                                                              [None, 200])]
    calls += [("bso_split", (r,)) for r in [0, 1, 2, 99, 100, 101, -3, 2.5]]
    levels = ["MJP", "ktp", "in uitvoering", "GEREALISEERD", "BOUW"]
    calls += [("bso_required", (t, 70, 100, s, y, lvl))
              for t, s, y, lvl in itertools.product([40, 91], [20, 61], years, levels)]
    calls += [("bso_shortfall", (40, 70, 100, 20, y, m, k, u, g))
              for y, m, k, u, g in itertools.product(years, [None, 0, 30, 400, -5], [40, 100],
                                                     [None, 12], [8, 25])]
    calls += [("bso_category", c) for c in itertools.product(
        [0, 1, 5, -1], [None, "2a", "2B", " nog niet gekend ", "x", ""])]
    calls += [("bso_exemption", c)
              for c in itertools.product([0, 10, 100], [0, 5, 70], [0, 30, 59.9, 60, 1000])]
    calls += [("bso_municipality", (nis, field)) for nis, field in itertools.product(
        [11001, "11002", 44021.0, 71072, 99999],
        ["naam", "province", "woonmaatschappij", "werkingsgebied", "raised", "opmerking", "x"])]
    return calls
