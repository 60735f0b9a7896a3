"""Runs inside Pyodide (see run_main.mjs): load main.py as a host would, call every function.

JOBS (a JSON text, set by the Node script) holds the dispatch calls and the modules to load:
each with its source, a module name and a loader. The answer is one JSON text: per module the
registered metadata and every call's result, or why it did not load.
"""

import importlib.util
import json
import sys
import traceback

import xlwings
import xlwings.server


def registered_first(source: str, name: str):
    """As ``import`` does: the module is in sys.modules before its code runs."""
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader=None))
    sys.modules[name] = module
    exec(compile(source, "main.py", "exec"), module.__dict__)
    return module


def run_first(source: str, name: str):
    """xlwings Server's Wasm runtime (xlwings-server 1.20, wasm_runtime.create_module_from_string):
    the code runs first, the module is registered afterwards."""
    spec = importlib.util.spec_from_loader(name, loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(source, module.__dict__)
    sys.modules[name] = module
    return module


LOADERS = {"registered-first": registered_first, "run-first": run_first}


async def run(jobs: dict) -> dict:
    report = {"python": sys.version.split()[0], "xlwings": xlwings.__version__, "modules": {}}
    for job in jobs["modules"]:
        try:
            module = LOADERS[job["loader"]](job["source"], job["module_name"])
        except Exception as error:  # the negative control expects exactly this
            report["modules"][job["label"]] = {"load_error": f"{type(error).__name__}: {error}",
                                               "traceback": traceback.format_exc()}
            continue
        results = []
        for data in jobs["calls"]:
            try:
                results.append(await xlwings.server.custom_functions_call(data, module))
            except Exception as error:
                results.append(f"exception: {type(error).__name__}: {error}")
        report["modules"][job["label"]] = {
            "meta": xlwings.server.custom_functions_meta(module), "results": results}
    return report


json.dumps(await run(json.loads(JOBS)))  # noqa: F704 - Pyodide runs this with top-level await
