"""The Excel functions through xlwings' production dispatch (Office.js: xlwings Lite / Server).

``custom_functions_meta`` is what Excel registers; ``custom_functions_call`` converts what Excel
sends, calls the function and converts the answer back. Both run in a child interpreter that
sets XLWINGS_ON_SERVER before importing xlwings (see udf_conftest_helpers.py).
"""

from __future__ import annotations

import pytest
from udf_conftest_helpers import Dispatcher, error_cell, excel_error

VALUE, NA = excel_error("#VALUE!"), excel_error("#N/A")

NAMES = ["BSO_AMOUNT", "BSO_CATEGORY", "BSO_EXEMPTION", "BSO_MUNICIPALITY", "BSO_OBJECTIVE",
         "BSO_PERCENTAGE", "BSO_REQUIRED", "BSO_SANCTION", "BSO_SANCTION_TOTAL", "BSO_SHORTFALL",
         "BSO_SPLIT"]


@pytest.fixture(scope="module")
def excel():
    dispatcher = Dispatcher("bso_xl.udfs")
    yield dispatcher
    dispatcher.close()


@pytest.fixture(scope="module")
def meta(excel):
    return {f["name"]: f for f in excel.meta()["functions"]}


# --- registration ---------------------------------------------------------------------------


def test_the_child_runs_the_officejs_decorators(excel):
    assert excel.info()["xlwings_on_server"] is True


def test_every_function_is_registered_under_its_excel_name(meta):
    assert sorted(meta) == NAMES
    assert all(f["id"] == name for name, f in meta.items())


@pytest.mark.parametrize(("name", "arguments", "optional"), [
    ("BSO_SANCTION", ["missing", "test_year", "raised", "amount_year"], ["raised", "amount_year"]),
    ("BSO_SANCTION_TOTAL", ["missing", "test_year", "raised", "amount_year"],
     ["raised", "amount_year"]),
    ("BSO_PERCENTAGE", ["test_year"], []),
    ("BSO_AMOUNT", ["year", "raised"], ["raised"]),
    ("BSO_OBJECTIVE", ["aandeel_op_peil", "sib", "wettelijke_doelgroep", "overschrijding",
                       "aftopping_9pct"], []),
    ("BSO_SPLIT", ["regulier"], []),
    ("BSO_REQUIRED", ["t1", "t2", "t3", "sib", "test_year", "level"], []),
    ("BSO_SHORTFALL", ["t1", "t2", "t3", "sib", "test_year", "mjp", "ktp", "in_uitvoering",
                       "gerealiseerd"], []),
    ("BSO_CATEGORY", ["shortfall", "assessment"], ["assessment"]),
    ("BSO_EXEMPTION", ["regulier", "sib", "average_permits"], []),
    ("BSO_MUNICIPALITY", ["nis", "field"], []),
])
def test_arguments_in_order_with_optional_ones_marked(meta, name, arguments, optional):
    parameters = meta[name]["parameters"]
    assert [p["name"] for p in parameters] == arguments
    assert [p["name"] for p in parameters if p.get("optional")] == optional
    # every argument accepts a range
    assert all(p["dimensionality"] == "matrix" for p in parameters)


@pytest.mark.parametrize("name", NAMES)
def test_help_text_in_dutch_with_the_rule(meta, name):
    function = meta[name]
    assert any(f"R{n}" in function["description"] for n in range(1, 11))
    assert len(function["description"]) <= 255
    for parameter in function["parameters"]:
        assert not parameter["description"].startswith("Positional argument")


def test_help_text_says_where_an_empty_cell_counts_as_zero(meta):
    described = {p["name"]: p["description"] for p in meta["BSO_SHORTFALL"]["parameters"]}
    assert "leeg = 0" in described["mjp"]
    assert "leeg = fout" in {p["name"]: p["description"]
                             for p in meta["BSO_SANCTION"]["parameters"]}["missing"]


# --- calls: conversion of arguments and results ------------------------------------------------


def test_worked_examples_through_the_dispatch(excel):
    assert excel.call_cells("bso_sanction", 10, 2031, None, None) == [[18421.20]]
    assert excel.call_cells("bso_sanction", 1, 2028, True, None) == [[1013.16]]
    assert excel.call_cells("bso_sanction", 7, 2037, True, None) == [[28368.48]]
    assert excel.call_cells("bso_sanction_total", 10, 2031, None, None) == [[55263.60]]
    assert excel.call_cells("bso_shortfall", 90, 90, 90, 60, 2037, 40, 100, 20, 25) == [[25]]


def test_numbers_arrive_as_floats_from_classic_excel(excel):
    assert excel.call_cells("bso_sanction", 10.0, 2031.0, None, None) == [[18421.20]]
    assert excel.call_cells("bso_sanction", 12.5, 2031.0, None, None) == [[VALUE]]


def test_each_function_answers(excel):
    assert excel.call_cells("bso_percentage", 2037) == [[1.0]]
    assert excel.call_cells("bso_amount", 2025, True) == [[4052.64]]
    assert excel.call_cells("bso_objective", 100, 20, 30, 10, 5) == [[135]]
    assert excel.call_cells("bso_required", 90, 90, 90, 60, 2037, "KTP") == [[165.0]]
    assert excel.call_cells("bso_category", 3, "2b") == [["2b"]]
    assert excel.call_cells("bso_exemption", 100, 70, 30) == [[True]]  # 170 / 17 = 10 > 25% × 30
    assert excel.call_cells("bso_exemption", 200, 0, 1) == [["niet van toepassing"]]
    assert excel.call_cells("bso_municipality", 11001, "naam") == [["Aartselaar"]]
    assert excel.call_cells("bso_municipality", 11001, "verhoogde_huurpremie") == [[True]]


def test_split_spills_as_a_row(excel):
    assert excel.call_cells("bso_split", 100) == [[34, 33, 33]]
    assert excel.call("bso_split", [[100], [5]]) == [[34, 33, 33], [2, 2, 1]]


def test_a_range_spills_with_the_broadcast_shape(excel):
    result = excel.call("bso_sanction", [[1], [2], [3]], [[2028, 2031]], None, None)
    assert result == [[921.06, 1842.12], [1842.12, 3684.24], [2763.18, 5526.36]]
    assert excel.call("bso_percentage", [[2028, 2031, 2034, 2037, 2040]]) == [
        [0.25, 0.5, 0.5, 1.0, 0.5]]


def test_mismatched_ranges_give_one_error_cell(excel):
    assert excel.call("bso_sanction", [[1], [2]], [[2028], [2031], [2034]], None, None) == [[VALUE]]


# --- empty cells ---------------------------------------------------------------------------------


def test_an_omitted_optional_argument_takes_its_default(excel):
    assert excel.call("bso_sanction", [[10]], [[2031]]) == [[18421.20]]  # not even sent
    assert excel.call("bso_sanction", [[10]], [[2031]], None, None) == [[18421.20]]


def test_an_empty_optional_cell_takes_its_default(excel):
    assert excel.call("bso_sanction", [[10]], [[2031]], [[""]], [[""]]) == [[18421.20]]


def test_empty_phase_counts_are_zero(excel):
    empty = [[""]]
    assert excel.call("bso_shortfall", [[90]], [[90]], [[90]], [[60]], [[2037]], empty, empty,
                      empty, empty) == [[210]]


def test_empty_cells_inside_a_range(excel):
    assert excel.call("bso_sanction", [[10], [""], [1]], [[2031]], None, None) == [
        [18421.20], [VALUE], [1842.12]]


@pytest.mark.parametrize("position", [0, 1])
def test_empty_missing_or_test_year_is_an_error(excel, position):
    args = [[[10]], [[2031]], None, None]
    args[position] = [[""]]
    assert excel.call("bso_sanction", *args) == [[VALUE]]


# --- error cells ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("function", "values"), [
    ("bso_sanction", (-1, 2031, None, None)),
    ("bso_sanction", ("tien", 2031, None, None)),
    ("bso_sanction", (10, 2030, None, None)),
    ("bso_sanction", (10, 2031, "ja", None)),
    ("bso_percentage", (2029,)),
    ("bso_required", (90, 90, 90, 60, 2037, "BOUW")),
    ("bso_category", (3, "2c")),
    ("bso_municipality", (11001, "inwoners")),
])
def test_bad_input_gives_a_value_error_cell(excel, function, values):
    assert excel.call_cells(function, *values) == [[VALUE]]


def test_a_bad_split_fills_its_three_cells_with_the_error(excel):
    assert excel.call_cells("bso_split", 2.5) == [[VALUE, VALUE, VALUE]]


def test_unknown_nis_gives_na(excel):
    assert excel.call_cells("bso_municipality", 99999, "naam") == [[NA]]


def test_an_input_error_cell_is_passed_on(excel):
    assert excel.call("bso_sanction", [[error_cell("#N/A")]], [[2031]], None, None) == [[NA]]
    assert excel.call("bso_sanction", [[10], [error_cell("#DIV/0!")]], [[2031]], None, None) == [
        [18421.20], [excel_error("#DIV/0!")]]


def test_index_rate_setting_reaches_the_dispatch(excel):
    excel.set("INDEX_RATE", "0.02")
    try:
        assert excel.call_cells("bso_amount", 2027, None) == [[3833.08]]
    finally:
        excel.set("INDEX_RATE", None)
    assert excel.call_cells("bso_amount", 2027, None) == [[3684.24]]
