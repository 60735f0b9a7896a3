"""`bso-xl lite`: the generated main.py is self-contained and answers exactly as the package.

The generated file runs in a fresh interpreter (isolated mode, cwd = the output directory, no
PYTHONPATH, the installed bso_xl blocked) through the same xlwings dispatch as Excel uses, and
its answers are compared with the package's for a grid of inputs.
"""

from __future__ import annotations

import ast
import itertools
from importlib import resources
from pathlib import Path

import pytest
from udf_conftest_helpers import Dispatcher

from bso_xl import lite
from bso_xl.cli import main as cli_main


@pytest.fixture(scope="module")
def lite_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("lite")
    written = lite.write_lite(directory)
    assert written == [directory / "main.py", directory / "requirements.txt"]
    return directory


@pytest.fixture(scope="module")
def generated(lite_dir):
    dispatcher = Dispatcher(lite_dir / "main.py", cwd=lite_dir)
    yield dispatcher
    dispatcher.close()


@pytest.fixture(scope="module")
def package():
    dispatcher = Dispatcher("bso_xl.udfs")
    yield dispatcher
    dispatcher.close()


# --- the files -----------------------------------------------------------------------------------


def test_requirements_are_what_lite_must_install(lite_dir):
    assert (lite_dir / "requirements.txt").read_text().split() == ["pyyaml", "xlwings"]


def test_main_py_does_not_import_bso_xl(lite_dir):
    tree = ast.parse((lite_dir / "main.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert all(not a.name.startswith("bso_xl") for a in node.names)
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and not (node.module or "").startswith("bso_xl")


def test_parameters_and_data_are_the_package_files_verbatim(lite_dir):
    """The values are embedded from the package's YAML/CSV, never retyped."""
    namespace: dict = {}
    tree = ast.parse((lite_dir / "main.py").read_text(encoding="utf-8"))
    embedded = next(n for n in tree.body if isinstance(n, ast.Assign)
                    and getattr(n.targets[0], "id", None) == "EMBEDDED_FILES")
    exec(compile(ast.Module([embedded], []), "main.py", "exec"), namespace)
    files = namespace["EMBEDDED_FILES"]
    parameters = resources.files("bso_xl.parameters")
    for name in ("huurpremie.yaml", "sanctie.yaml", "groeipad.yaml", "objectief.yaml"):
        assert files[name] == parameters.joinpath(name).read_text(encoding="utf-8")
    data = resources.files("bso_xl.data").joinpath("gemeenten-2025.csv")
    assert files["gemeenten-2025.csv"] == data.read_text(encoding="utf-8")


def test_the_engine_source_is_copied_unchanged(lite_dir):
    text = (lite_dir / "main.py").read_text(encoding="utf-8")
    sanction = resources.files("bso_xl.rules").joinpath("sanction.py").read_text(encoding="utf-8")
    body = sanction.split("from .money import round_cents\n", 1)[1]
    assert body in text


def test_the_cli_writes_the_same_files(tmp_path, lite_dir, capsys):
    assert cli_main(["lite", str(tmp_path / "out")]) == 0
    for name in ("main.py", "requirements.txt"):
        assert (tmp_path / "out" / name).read_bytes() == (lite_dir / name).read_bytes()
    assert "main.py" in capsys.readouterr().out


# --- a fresh interpreter, the dispatch path ----------------------------------------------------


def test_runs_without_the_package(generated, lite_dir):
    info = generated.info()
    assert Path(info["module_file"]) == lite_dir / "main.py"
    assert info["bso_xl_modules"] == []
    assert info["xlwings_on_server"] is True


def test_registers_the_same_functions(generated, package):
    assert generated.meta() == package.meta()


def _grid() -> list[tuple[str, tuple]]:
    """Calls (function, one value per argument) covering normal, edge and bad input."""
    years = [2028, 2031, 2034, 2037, 2040, 2029, 2031.0, None]
    calls = []
    for missing, year, raised, amount_year in itertools.product(
            [0, 1, 7, 10, 12.0, 12.5, -1, None, "#N/A"], years, [None, True, False, 1],
            [None, 2019, 2023, 2025, 2030, 2018]):
        calls.append(("bso_sanction", (missing, year, raised, amount_year)))
    calls += [("bso_sanction_total", (m, y, r, None))
              for m, y, r in itertools.product([0, 3, 10], years, [None, True])]
    calls += [("bso_percentage", (y,)) for y in years]
    calls += [("bso_amount", (y, r)) for y, r in itertools.product(
        [2018, 2019, 2022, 2023, 2024, 2025, 2030, 2040], [None, True])]
    calls += [("bso_objective", c) for c in itertools.product([0, 100], [0, 20], [30], [None, 10],
                                                              [None, 200])]
    calls += [("bso_split", (r,)) for r in [0, 1, 2, 99, 100, 101, -3, 2.5]]
    levels = ["MJP", "ktp", "in uitvoering", "GEREALISEERD", "BOUW"]
    calls += [("bso_required", (91, 90, 89, 61, y, lvl))
              for y, lvl in itertools.product(years, levels)]
    calls += [("bso_shortfall", (90, 90, 90, 60, y, m, 100, u, 25))
              for y, m, u in itertools.product(years, [None, 0, 40, 400, -5], [None, 20])]
    calls += [("bso_category", c)
              for c in itertools.product([0, 1, 5, -1], [None, "2a", "2B", "x"])]
    calls += [("bso_exemption", c)
              for c in itertools.product([0, 10], [0, 5], [0, 59.9, 60, 1000])]
    calls += [("bso_municipality", (nis, field)) for nis, field in itertools.product(
        [11001, "11002", 44021.0, 71072, 99999],
        ["naam", "province", "woonmaatschappij", "werkingsgebied", "raised", "opmerking", "x"])]
    return calls


def test_answers_match_the_package_on_a_grid(generated, package):
    calls = _grid()
    assert len(calls) > 1500
    ours, theirs = generated.call_many(calls), package.call_many(calls)
    mismatches = [(call, a, b) for call, a, b in zip(calls, ours, theirs) if a != b]
    assert mismatches == []
    # the grid really reaches answers and errors alike
    assert {"Value", "NotAvailable"} <= {r[0][0].get("errorType") for r in ours
                                         if isinstance(r[0][0], dict)}
    assert any(isinstance(r[0][0], float) for r in ours)


def test_ranges_match_the_package(generated, package):
    column = [[m] for m in range(0, 40)]
    row = [[2028, 2031, 2034, 2037, 2040]]
    assert generated.call("bso_sanction", column, row, [[True]], None) == \
        package.call("bso_sanction", column, row, [[True]], None)


def test_index_rate_setting_at_the_bottom_of_main_py(generated, lite_dir):
    text = (lite_dir / "main.py").read_text(encoding="utf-8")
    assert text.rstrip().endswith("INDEX_RATE = None")
    generated.set("INDEX_RATE", "0.02")
    try:
        assert generated.call_cells("bso_amount", 2027, None) == [[3833.08]]
    finally:
        generated.set("INDEX_RATE", None)


# --- the build refuses what one file cannot hold ------------------------------------------------


def _module(name: str, source: str) -> lite._Module:
    return lite._Module(name, Path(f"{name}.py"), source, ast.parse(source))


def test_a_name_defined_in_two_modules_is_refused():
    a = _module("bso_xl.a", "def helper():\n    return 1\n")
    b = _module("bso_xl.b", "def helper():\n    return 2\n")
    with pytest.raises(lite.LiteError, match="helper"):
        lite._check_one_namespace([a, b])


def test_the_same_import_in_two_modules_is_fine():
    a = _module("bso_xl.a", "from decimal import Decimal\n")
    b = _module("bso_xl.b", "from decimal import Decimal\nimport os\n")
    lite._check_one_namespace([a, b])
    c = _module("bso_xl.c", "from fractions import Fraction as Decimal\n")
    with pytest.raises(lite.LiteError, match="Decimal"):
        lite._check_one_namespace([a, c])


def test_a_glue_name_in_a_module_is_refused():
    with pytest.raises(lite.LiteError, match="EMBEDDED_FILES"):
        lite._check_one_namespace([_module("bso_xl.a", "EMBEDDED_FILES = {}\n")])


def test_an_unknown_third_party_import_is_refused():
    with pytest.raises(lite.LiteError, match="pandas"):
        lite._third_party([_module("bso_xl.a", "import pandas as pd\n")])
    with pytest.raises(lite.LiteError, match="bso_xl"):
        lite._third_party([_module("bso_xl.a", "from bso_xl.rules import load\n")])


@pytest.mark.parametrize("text", ["plain\n", "a '''quoted''' bit", "back\\slash\\", "é ≥ €\n"])
def test_embedded_text_round_trips(text):
    assert ast.literal_eval(lite._literal(text)) == text


def test_flattening_keeps_aliases_and_drops_relative_imports():
    module = _module("bso_xl.rules.x", "from __future__ import annotations\n"
                                       "from .phases import (\n    Level as L,\n    at_least,\n)\n"
                                       "VALUE = L.MJP\n")
    flat = lite._flattened(module)
    assert "from .phases" not in flat.replace("# [in dit bestand] from .phases", "")
    assert "L = Level\n" in flat and flat.endswith("VALUE = L.MJP\n")
