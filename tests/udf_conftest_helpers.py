"""Run Excel functions through xlwings' Office.js dispatch path, in a child interpreter.

xlwings decides at its first import whether ``@xw.func`` registers Office.js custom functions
(``XLWINGS_ON_SERVER=true``). A child process sets that before anything imports xlwings, so the
dispatch tests do not depend on import order in the pytest process. The same child loads either
the package module (``bso_xl.udfs``) or a generated Lite ``main.py`` with a clean sys.path and
bso_xl blocked, which proves main.py is self-contained.

Protocol: one JSON request per line on stdin, one JSON reply per line on stdout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_CHILD = r'''
import asyncio, importlib, importlib.util, json, sys, traceback

kind, target = sys.argv[1], sys.argv[2]
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

if kind == "file":
    spec = importlib.util.spec_from_file_location("main", target)
    module = importlib.util.module_from_spec(spec)
    sys.modules["main"] = module
    spec.loader.exec_module(module)
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
                "module_file": module.__file__,
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
    kinds = {"#N/A": "NotAvailable", "#VALUE!": "Value", "#DIV/0!": "Div0", "#REF!": "Ref"}
    return {"type": "Error", "basicValue": code, "errorType": kinds[code]}


def excel_error(code: str) -> dict:
    """What the dispatch returns for an error cell (xlwings ``errorstr_to_errortype``)."""
    kinds = {"#N/A": "NotAvailable", "#VALUE!": "Value", "#NUM!": "Num", "#DIV/0!": "Div0"}
    return {"type": "Error", "errorType": kinds[code]}


class Dispatcher:
    """A child interpreter serving custom-function metadata and calls for one module."""

    def __init__(self, target: str | Path, *, cwd: Path | None = None):
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
            [sys.executable, *flags, "-c", _CHILD, kind, str(target)],
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
