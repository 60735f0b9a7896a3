"""xlwings Lite's runtime, reproduced: the generated main.py in real Pyodide under Node (issue 12).

Pyodide comes from the npm package pinned in package.json (scripts/install-node-packages), the
xlwings wheel for Pyodide and PyYAML's pure-Python source from PyPI (pip download, cached in
$BSO_XL_DOWNLOADS, default .downloads/); nothing from a CDN. One Node process loads main.py
both ways a host may (registered before its code runs, as ``import`` does; or run first and
registered after, as xlwings Server's Wasm runtime does), calls every function through
``xlwings.server.custom_functions_call`` with the dispatch cases of the Lite test, and the
answers and metadata must equal CPython's for the same main.py. Two negative controls prove the
test can fail: main.py without its self-registration does not load run-first, and a main.py
with one planted parameter change gives different answers, which the comparison reports.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from importlib.metadata import version
from pathlib import Path

import pytest
from udf_conftest_helpers import REPO, Dispatcher, call_data, cell, grid_calls

from bso_xl import lite

PYODIDE_VERSION = "314.0.8"  # as package.json; the Pyodide of the current xlwings Lite
PYODIDE_DIR = REPO / "node_modules" / "pyodide"
RUNNER = REPO / "tests" / "pyodide" / "run_main.mjs"
DOWNLOADS = Path(os.environ.get("BSO_XL_DOWNLOADS") or REPO / ".downloads")


def unavailable(reason: str):
    """Skipped on a developer machine without Node or the packages; never in CI (fails there)."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _pip_download(target: Path, *arguments: str) -> None:
    target.mkdir(parents=True, exist_ok=True)
    run = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                          "--dest", str(target), *arguments], capture_output=True, text=True,
                         timeout=300)
    if run.returncode != 0:
        unavailable(f"pip download {' '.join(arguments)} mislukt:\n{run.stderr[-2000:]}")


@pytest.fixture(scope="module")
def pyodide_packages() -> tuple[Path, Path]:
    """The xlwings wheel for this Pyodide (same version as installed here) and a folder holding
    PyYAML's pure-Python package, from PyPI, downloaded once into DOWNLOADS."""
    if shutil.which("node") is None:
        unavailable("Node.js niet gevonden (scripts/install-node-packages)")
    if not (PYODIDE_DIR / "package.json").exists() or json.loads(
            (PYODIDE_DIR / "package.json").read_text())["version"] != PYODIDE_VERSION:
        unavailable(f"pyodide@{PYODIDE_VERSION} niet in node_modules (scripts/install-node-packages)")
    # The wheel's platform tag and Python version come from the Pyodide release itself.
    info = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text())["info"]
    platform = f"pyemscripten_{info['abi_version']}_{info['arch']}"
    python = ".".join(info["python"].split(".")[:2])
    xlwings_version = version("xlwings")
    wheels = DOWNLOADS / f"xlwings-{xlwings_version}-{platform}"
    if not list(wheels.glob("xlwings-*.whl")):
        _pip_download(wheels, "--only-binary=:all:", "--platform", platform, "--python-version",
                      python, f"xlwings=={xlwings_version}")
    [wheel] = wheels.glob("xlwings-*.whl")

    yaml_version = version("PyYAML")
    lib = DOWNLOADS / f"pyyaml-{yaml_version}-lib"
    if not (lib / "yaml" / "__init__.py").exists():
        sdists = DOWNLOADS / "sdists"
        _pip_download(sdists, "--no-binary=:all:", f"pyyaml=={yaml_version}")
        [sdist] = sdists.glob(f"[Pp]y[Yy][Aa][Mm][Ll]-{yaml_version}.tar.gz")
        with tarfile.open(sdist) as archive:  # only lib/yaml: the pure-Python package
            members = [m for m in archive.getmembers() if "/lib/yaml/" in m.name and m.isfile()]
            for member in members:
                member.name = "yaml/" + member.name.split("/lib/yaml/", 1)[1]
            archive.extractall(lib, members=members, filter="data")
    return wheel, lib


def _planted(text: str) -> str:
    """main.py with one parameter changed: the 2031 percentage 50% → 51% (embedded YAML)."""
    planted = text.replace('2031: "0.50"', '2031: "0.51"')
    assert planted.count('2031: "0.51"') == 1
    return planted


def _calls() -> list[dict]:
    calls = [call_data(name, [cell(v) for v in values]) for name, values in grid_calls()]
    column, row = [[m] for m in range(0, 12)], [[2028, 2031, 2034, 2037, 2040]]
    calls.append(call_data("bso_sanction", [column, row, [[True]], None]))  # a spilled table
    calls.append(call_data("bso_split", [[[100], [5], [2.5]]]))
    return calls


@pytest.fixture(scope="module")
def runs(pyodide_packages, tmp_path_factory):
    wheel, lib = pyodide_packages
    work = tmp_path_factory.mktemp("pyodide")
    lite.write_lite(work)
    text = (work / "main.py").read_text(encoding="utf-8")
    no_registration = text.replace("\n_register_this_module(globals())\n", "\n", 1)
    assert no_registration != text
    calls = _calls()
    modules = [  # the run-first load first, in an interpreter where no other main is loaded yet
        {"label": "run-first", "loader": "run-first", "module_name": "main", "source": text},
        {"label": "registered-first", "loader": "registered-first", "module_name": "main_import",
         "source": text},
        {"label": "control: no self-registration", "loader": "run-first",
         "module_name": "main_control", "source": no_registration},
        {"label": "control: planted change", "loader": "registered-first",
         "module_name": "main_planted", "source": _planted(text)},
    ]
    (work / "jobs.json").write_text(json.dumps({"calls": calls, "modules": modules}),
                                    encoding="utf-8")
    started = time.monotonic()
    node = subprocess.run(["node", str(RUNNER), str(PYODIDE_DIR), str(lib), str(work / "jobs.json"),
                           str(work / "out.json"), str(wheel)], capture_output=True, text=True,
                          timeout=600)
    elapsed = time.monotonic() - started
    assert node.returncode == 0, node.stderr[-3000:]
    output = json.loads((work / "out.json").read_text(encoding="utf-8"))
    cpython = Dispatcher(work / "main.py", cwd=work)
    try:
        expected = {"meta": cpython.meta(), "results": cpython.call_data_many(calls)}
    finally:
        cpython.close()
    print(f"Pyodide: {elapsed:.1f} s in all, {output['seconds']}, {len(calls)} calls per module")
    return output, expected, calls


def differences(got: list, expected: list, calls: list[dict]) -> list:
    return [(c["func_name"], c["args"], g, e) for c, g, e in zip(calls, got, expected) if g != e]


def test_the_runtime_is_the_pinned_pyodide(runs):
    output, _, _ = runs
    assert output["report"]["python"].startswith("3.14.")  # Pyodide 314 = Python 3.14
    assert output["report"]["xlwings"] == version("xlwings")


@pytest.mark.parametrize("loader", ["run-first", "registered-first"])
def test_main_py_in_pyodide_answers_as_in_cpython(runs, loader):
    output, expected, calls = runs
    module = output["report"]["modules"][loader]
    assert "load_error" not in module, module.get("traceback")
    assert module["meta"] == expected["meta"]
    assert len(module["meta"]["functions"]) == 11
    assert not [r for r in module["results"] if isinstance(r, str) and r.startswith("exception")]
    assert differences(module["results"], expected["results"], calls) == []
    assert len(module["results"]) == len(calls) > 2000


def test_control_without_self_registration_the_run_first_loader_fails(runs):
    output, _, _ = runs
    module = output["report"]["modules"]["control: no self-registration"]
    assert "'NoneType' object has no attribute '__dict__'" in module["load_error"]


def test_control_the_comparison_sees_a_planted_change(runs):
    output, expected, calls = runs
    found = differences(output["report"]["modules"]["control: planted change"]["results"],
                        expected["results"], calls)
    assert found  # the comparison can fail ...
    # ... and fails exactly where 51% instead of 50% matters: money of the 2031 test
    assert {name for name, *_ in found} == {"bso_sanction", "bso_sanction_total", "bso_percentage"}
