"""`bso-xl lite`: the generated main.py is self-contained and answers what the engine says.

The generated file runs in a fresh interpreter (isolated mode, cwd = the output directory, no
PYTHONPATH, the installed bso_xl blocked) through the same xlwings dispatch as Excel uses, loaded
both ways a host may load it (registered before its code runs, or after), and its answers are
compared with the engine's (``expected_answer``: the README's conventions and a direct call of
the rule), never with the package's own functions, of which main.py is a copy. The same calls
run in real Pyodide in test_pyodide.py.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
from importlib import resources
from pathlib import Path

import pytest
from udf_conftest_helpers import Dispatcher, excel_error, expected_answer, grid_calls

from bso_xl import __version__, lite
from bso_xl.cli import main as cli_main


@pytest.fixture(scope="module")
def lite_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("lite")
    result = lite.write_lite(directory)
    assert result.written == [directory / "main.py", directory / "requirements.txt"]
    assert result.notes == []  # a new folder: nothing to keep or carry over
    return directory


@pytest.fixture(scope="module", params=["registered-first", "run-first"])
def generated(request, lite_dir):
    dispatcher = Dispatcher(lite_dir / "main.py", cwd=lite_dir, loader=request.param)
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
    assert info["module_file"] in (str(lite_dir / "main.py"), None)  # None: run from its text
    assert info["registered"] is True  # the host's module, not the stand-in, in the end
    assert info["bso_xl_modules"] == []
    assert info["xlwings_on_server"] is True


def test_registers_the_same_functions(generated):
    package = Dispatcher("bso_xl.udfs")
    try:
        assert generated.meta() == package.meta()  # the registration, not the answers
    finally:
        package.close()


def test_answers_are_the_engines_on_a_grid(generated):
    calls = grid_calls()
    assert len(calls) > 2000
    answers = generated.call_many(calls)
    mismatches = [(call, got, expected_answer(*call)) for call, got in zip(calls, answers)
                  if got != expected_answer(*call)]
    assert mismatches == []
    # the grid really reaches answers and errors of every kind
    kinds = {type(r[0][0]).__name__ if not isinstance(r[0][0], dict) else r[0][0]["errorType"]
             for r in answers}
    assert {"Value", "NotAvailable", "float", "int", "str", "bool"} <= kinds


def test_ranges_are_the_engines(generated):
    column = [[m] for m in range(0, 40)]
    row = [[2028, 2031, 2034, 2037, 2040]]
    assert generated.call("bso_sanction", column, row, [[True]], None) == [
        [expected_answer("bso_sanction", (m, y, True, None))[0][0] for y in row[0]]
        for [m] in column]


def test_index_rate_setting_at_the_bottom_of_main_py(generated, lite_dir):
    text = (lite_dir / "main.py").read_text(encoding="utf-8")
    assert text.rstrip().endswith('INDEX_RATE = None\n\nreport_settings("INDEX_RATE")')
    generated.set("INDEX_RATE", "0,02")  # issue 9: "0,02" made every amount raise in Lite
    try:
        assert generated.call_cells("bso_amount", 2027, None) == [[3833.08]]  # 3,684.24 × 1.02²
        generated.set("INDEX_RATE", 2)  # issue 9: meant 200% a year, silently
        assert generated.call_cells("bso_amount", 2027, None) == [[excel_error("#VALUE!")]]
    finally:
        generated.set("INDEX_RATE", None)


@pytest.mark.parametrize("loader", ["registered-first", "run-first"])
def test_a_bad_index_rate_is_said_at_load_and_hides_no_function(tmp_path, loader):
    lite.write_lite(tmp_path)
    main = tmp_path / "main.py"
    main.write_text(main.read_text(encoding="utf-8").replace("INDEX_RATE = None", "INDEX_RATE = 2"),
                    encoding="utf-8")
    excel = Dispatcher(main, cwd=tmp_path, loader=loader)
    try:
        assert len(excel.meta()["functions"]) == 11
        assert excel.call_cells("bso_sanction", 10, 2031, None, None) == [[excel_error("#VALUE!")]]
        assert excel.call_cells("bso_split", 100) == [[34, 33, 33]]
        assert excel.stderr_text().splitlines() == [
            "bso-xl: instelling INDEX_RATE ongeldig: indexatie '2': verwacht een getal zoals 0,02 "
            "of 2% (tussen -10% en 20% per jaar); bedoelt u 2%? schrijf 0,02 of 2%; BSO_SANCTION, "
            "BSO_SANCTION_TOTAL en BSO_AMOUNT geven #WAARDE! tot ze verbeterd is"]
    finally:
        excel.close()


def test_without_self_registration_the_run_first_loader_fails(tmp_path):
    """Negative control: the line at the top of main.py is what makes the run-first loader work."""
    text, _ = lite.build_main()
    stripped = text.replace("\n_register_this_module(globals())\n", "\n", 1)
    assert stripped != text
    (tmp_path / "main.py").write_text(stripped, encoding="utf-8")
    excel = Dispatcher(tmp_path / "main.py", cwd=tmp_path, loader="run-first")
    try:
        with pytest.raises(RuntimeError, match="'NoneType' object has no attribute '__dict__'"):
            excel.info()
    finally:
        excel.process.kill()
        excel.close()


# --- rewriting a folder never loses an edit -------------------------------------------------------

NOW = dt.datetime(2026, 5, 4, 9, 30, 0)


def _edit_index_rate(directory: Path, source: str) -> None:
    main = directory / "main.py"
    text = main.read_text(encoding="utf-8")
    assert text.count("\nINDEX_RATE = None\n") == 1
    main.write_text(text.replace("\nINDEX_RATE = None\n", f"\nINDEX_RATE = {source}\n"),
                    encoding="utf-8")


def test_a_valid_edited_index_rate_is_carried_over(tmp_path):
    lite.write_lite(tmp_path)
    _edit_index_rate(tmp_path, '"0,02"')
    edited = (tmp_path / "main.py").read_bytes()
    result = lite.write_lite(tmp_path, now=NOW)
    assert result.notes == ['INDEX_RATE = "0,02" overgenomen uit het vorige main.py']
    # the new main.py is what the build writes with that setting: nothing differs, no backup
    assert (tmp_path / "main.py").read_bytes() == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.py", "requirements.txt"]


def test_a_different_main_py_is_kept_as_a_backup(tmp_path):
    lite.write_lite(tmp_path)
    main = tmp_path / "main.py"
    current = f"bso-xl {__version__}"
    old = main.read_text(encoding="utf-8").replace(current, "bso-xl 0.0.9")  # an older build
    assert current not in old
    old = old.replace("\nINDEX_RATE = None\n", "\nINDEX_RATE = '2%'\n")
    main.write_text(old, encoding="utf-8")
    result = lite.write_lite(tmp_path, now=NOW)
    assert result.notes == [
        "main.py verschilde van de nieuwe versie: de vorige is bewaard als "
        "main.py.bak-20260504-093000",
        "INDEX_RATE = '2%' overgenomen uit het vorige main.py"]
    assert (tmp_path / "main.py.bak-20260504-093000").read_text(encoding="utf-8") == old
    assert "\nINDEX_RATE = '2%'\n" in main.read_text(encoding="utf-8")
    assert current in main.read_text(encoding="utf-8")
    # a second backup in the same second gets its own name
    main.write_text(old, encoding="utf-8")
    assert lite.write_lite(tmp_path, now=NOW).notes[0].endswith("main.py.bak-20260504-093000-2")


@pytest.mark.parametrize(("source", "why"), [
    ("2", "indexatie '2': verwacht een getal zoals 0,02 of 2% (tussen -10% en 20% per jaar); "
          "bedoelt u 2%? schrijf 0,02 of 2%"),
    ("float('nan')", "INDEX_RATE = float('nan') is geen vaste waarde"),
])
def test_an_invalid_edited_index_rate_is_not_carried_over(tmp_path, source, why):
    lite.write_lite(tmp_path)
    _edit_index_rate(tmp_path, source)
    result = lite.write_lite(tmp_path, now=NOW)
    assert result.notes == [
        "main.py verschilde van de nieuwe versie: de vorige is bewaard als "
        "main.py.bak-20260504-093000",
        f"INDEX_RATE uit het vorige main.py niet overgenomen ({why}); het nieuwe main.py "
        "gebruikt None (0%)"]
    assert "\nINDEX_RATE = None\n" in (tmp_path / "main.py").read_text(encoding="utf-8")


def test_an_edited_requirements_txt_is_kept_too(tmp_path):
    lite.write_lite(tmp_path)
    (tmp_path / "requirements.txt").write_text("pyyaml\nxlwings==0.33.20\n", encoding="utf-8")
    result = lite.write_lite(tmp_path, now=NOW)
    assert result.notes == ["requirements.txt verschilde van de nieuwe versie: de vorige is "
                            "bewaard als requirements.txt.bak-20260504-093000"]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    lite.write_lite(tmp_path)
    _edit_index_rate(tmp_path, "'1%'")
    (tmp_path / "main.py").write_text("# edited by hand\n", encoding="utf-8")
    before = (tmp_path / "main.py").read_bytes()

    def fail(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        lite.write_lite(tmp_path, now=NOW)
    assert (tmp_path / "main.py").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["main.py", "requirements.txt"]


def test_the_cli_says_what_it_kept(tmp_path, capsys):
    assert cli_main(["lite", str(tmp_path)]) == 0
    (tmp_path / "main.py").write_text("# edited by hand\n", encoding="utf-8")
    assert cli_main(["lite", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "main.py verschilde van de nieuwe versie: de vorige is bewaard als main.py.bak-" in out


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
