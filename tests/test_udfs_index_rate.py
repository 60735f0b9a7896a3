"""Issue 9 item 2: the assumed index rate (R8) is read by one parser everywhere, and a bad setting
is said once and never becomes a number.

Expected amounts by hand from R8 (2025 amounts, 12 × (184.22 + 4 × 30.70) = 3,684.24):
2027 at 2%: 3,684.24 × 1.02² = 3,833.083296 → 3,833.08; 2026 at −10%: 3,315.816 → 3,315.82;
2026 at 20%: 4,421.088 → 4,421.09.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest
from udf_conftest_helpers import REPO, Dispatcher, excel_error

from bso_xl import udfs
from bso_xl.index_rate import parse_index_rate
from bso_xl.parameters import load

RANGE = "(tussen -10% en 20% per jaar)"


def refused(shown: str, hint: str = "") -> str:
    return f"indexatie '{shown}': verwacht een getal zoals 0,02 of 2% {RANGE}{hint}"


# --- the parser ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("0.02", "0.02"), ("0,02", "0.02"), ("2%", "0.02"), ("2 %", "0.02"), (" 0.02 ", "0.02"),
    (0.02, "0.02"), (Decimal("0.02"), "0.02"), (0, "0"), ("-1,5%", "-0.015"), ("+0,5 %", "0.005"),
    ("\u22121%", "-0.01"),  # the typographic minus sign
    ("2e-2", "0.02"), (".5%", "0.005"),
    ("-10%", "-0.10"), ("20%", "0.20"), (-0.1, "-0.1"), (0.2, "0.2"),  # the bounds are allowed
])
def test_accepted_forms(value, expected):
    assert parse_index_rate(value) == Decimal(expected)


@pytest.mark.parametrize(("value", "message"), [
    ("abc", refused("abc")),
    ("", refused("")), (None, refused("")), (True, refused("True")),
    (float("nan"), refused("nan")), ("nan", refused("nan")), (float("inf"), refused("inf")),
    (Decimal("sNaN"), refused("sNaN")), ("1e999", refused("1e999")),
    ("1.000,5", refused("1.000,5")),  # two separators: never guessed
    ("0_02", refused("0_02")), ("2%%", refused("2%%")), ([0.02], refused("[0.02]")),
    # out of range: a whole number without "%" is probably a percentage
    (2, refused("2", "; bedoelt u 2%? schrijf 0,02 of 2%")),
    ("2", refused("2", "; bedoelt u 2%? schrijf 0,02 of 2%")),
    ("2,5", refused("2,5", "; bedoelt u 2,5%? schrijf 0,025 of 2,5%")),
    (-2, refused("-2", "; bedoelt u -2%? schrijf -0,02 of -2%")),
    ("-1", refused("-1", "; bedoelt u -1%? schrijf -0,01 of -1%")),
    (21, refused("21")),  # 0.21 is out of range as well: no suggestion
    ("0.21", refused("0.21")), ("-0.11", refused("-0.11")),  # fractions just too far
    ("200%", refused("200%")),  # "%" was written: no second guess
])
def test_refused_forms_say_why_in_one_line(value, message):
    with pytest.raises(ValueError) as error:
        parse_index_rate(value)
    assert str(error.value) == message
    assert "\n" not in message


def test_the_range_is_a_dated_parameter_with_its_source():
    p = load()
    assert (p.index_rate_min, p.index_rate_max) == (Decimal("-0.10"), Decimal("0.20"))
    records = {r.name: r for r in p.records}
    for name in ("indexatie minimum", "indexatie maximum"):
        assert records[name].rule == "R8" and records[name].interpretation is True
        assert records[name].source.startswith("interpretatie van bso-xl")


# --- the functions with a setting ------------------------------------------------------------------


@pytest.mark.parametrize("setting", ["0.02", "0,02", "2%", "2 %", 0.02, Decimal("0.02")])
def test_every_accepted_form_projects_the_same(monkeypatch, setting):
    monkeypatch.setattr(udfs, "INDEX_RATE", setting)
    assert udfs.bso_amount(2027) == 3833.08
    assert udfs.bso_sanction(10, 2031, False, 2027) == 19165.40  # 10 × 3,833.08 × 50%
    assert udfs.bso_sanction_total(10, 2031, False, 2027) == 57496.20  # × 3 instalments
    assert udfs.bso_amount(2025) == 3684.24  # a known year is never projected


@pytest.mark.parametrize(("setting", "expected"), [("-10%", 3315.82), ("20%", 4421.09)])
def test_the_bounds_themselves_are_used(monkeypatch, setting, expected):
    monkeypatch.setattr(udfs, "INDEX_RATE", setting)
    assert udfs.bso_amount(2026) == expected


@pytest.mark.parametrize("setting", [float("nan"), "nan", "-2", -1, 2, "abc", "0,02.1", True])
def test_a_bad_setting_is_an_error_never_a_number(monkeypatch, setting):
    # before: nan gave NaN, −2 gave −3,684.24, −1 a sanction of 0, 2 meant 200% a year
    monkeypatch.setattr(udfs, "INDEX_RATE", setting)
    assert udfs.bso_amount(2025) == "#VALUE!"  # this process runs as Office.js: the bare code
    assert udfs.bso_sanction(10, 2031) == "#VALUE!"
    assert udfs.bso_sanction_total([[10], [1]], 2031) == [["#VALUE!"], ["#VALUE!"]]
    # the functions that do not use the rate keep answering
    assert udfs.bso_split(100) == [[34, 33, 33]]
    assert udfs.bso_shortfall(40, 70, 100, 20, 2037, 30, 40, 12, 8) == 30


def test_where_errors_are_text_the_message_comes_along(monkeypatch):
    """The classic add-in shows error answers as text anyway: there the cell says why."""
    monkeypatch.setattr(udfs, "INDEX_RATE", "2")
    monkeypatch.setattr(udfs.xw, "on_server", False)
    assert udfs.bso_amount(2025) == "#VALUE! " + refused("2", "; bedoelt u 2%? schrijf 0,02 of 2%")
    assert udfs.bso_sanction("tien", 2031) == "#VALUE!"  # a bad cell comes first, a plain code


def test_empty_setting_is_the_default(monkeypatch):
    for setting in (None, "", "  "):
        monkeypatch.setattr(udfs, "INDEX_RATE", setting)
        assert udfs.bso_amount(2027) == 3684.24  # default 0%: the last known amount


def test_report_settings_says_it_in_one_line(monkeypatch, capsys):
    monkeypatch.setattr(udfs, "INDEX_RATE", "abc")
    line = udfs.report_settings("INDEX_RATE")
    assert capsys.readouterr().err == line + "\n"
    assert line == (f"bso-xl: instelling INDEX_RATE ongeldig: {refused('abc')}; BSO_SANCTION, "
                    "BSO_SANCTION_TOTAL en BSO_AMOUNT geven #WAARDE! tot ze verbeterd is")
    # the classic add-in and the server read the environment variable: the line names it
    assert udfs.report_settings().startswith("bso-xl: instelling BSO_XL_INDEXATIE ongeldig: ")
    capsys.readouterr()
    monkeypatch.setattr(udfs, "INDEX_RATE", "2%")
    assert udfs.report_settings() is None and capsys.readouterr().err == ""


def _classic(setting: str, code: str) -> subprocess.CompletedProcess:
    """A fresh interpreter as the classic add-in has it: no Office.js, BSO_XL_INDEXATIE set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_")}
    env.update(BSO_XL_INDEXATIE=setting, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=60)


def test_the_environment_variable_sets_the_rate():
    run = _classic("0,02", "from bso_xl import udfs; print(udfs.bso_amount(2027))")
    assert (run.returncode, run.stdout, run.stderr) == (0, "3833.08\n", "")


def test_a_bad_environment_variable_is_said_at_import_and_hides_no_function():
    run = _classic("2", "from bso_xl import udfs; print(udfs.bso_amount(2025)); "
                        "print(udfs.bso_split(100))")
    assert run.returncode == 0
    assert run.stderr.splitlines() == [
        "bso-xl: instelling BSO_XL_INDEXATIE ongeldig: "
        + refused("2", "; bedoelt u 2%? schrijf 0,02 of 2%")
        + "; BSO_SANCTION, BSO_SANCTION_TOTAL en BSO_AMOUNT geven #WAARDE! tot ze verbeterd is"]
    assert run.stdout.splitlines() == [
        "#VALUE! " + refused("2", "; bedoelt u 2%? schrijf 0,02 of 2%"), "[[34, 33, 33]]"]


def test_through_the_dispatch_a_bad_setting_is_a_real_error_cell():
    excel = Dispatcher("bso_xl.udfs")
    try:
        excel.set("INDEX_RATE", "2")
        assert excel.call_cells("bso_amount", 2025, None) == [[excel_error("#VALUE!")]]
        assert excel.call("bso_sanction", [[1], [2]], [[2031]], None, None) == [
            [excel_error("#VALUE!")], [excel_error("#VALUE!")]]
        assert excel.call_cells("bso_percentage", 2031) == [[0.5]]
        excel.set("INDEX_RATE", "2%")
        assert excel.call_cells("bso_amount", 2027, None) == [[3833.08]]
    finally:
        excel.close()
