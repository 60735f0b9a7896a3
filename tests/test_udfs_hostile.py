"""Issue 9: nothing Excel can send makes a function raise or answer a wrong number.

Hypothesis feeds the eleven functions hostile cells — huge and tiny numbers, NaN, ±inf,
booleans, text, blanks, error values, dates as serial numbers — through xlwings' real Office.js
dispatch (``custom_functions_call`` in a child interpreter, as Excel reaches it). Every answer
must be exactly what ``expected_answer`` derives from the engine (udf_conftest_helpers: the
README's conventions plus the engine rule), error values included; an exception fails the test.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from udf_conftest_helpers import SPECS, Dispatcher, error_cell, excel_error, expected_answer

TEST_YEARS = (2028, 2031, 2034, 2037, 2040)
# Values at and just past every bound, and what a careless cell holds: 1E23 (issue 9), a date
# (46023 = 1/1/2026 as a serial number), 2^53, the smallest subnormal, negative zero.
EDGES = [0, 1, -1, 2, 12.5, 1e23, -1e23, 1e300, 1.7e308, 5e-324, -0.0, 2.0 ** 53, 10 ** 30,
         1999, 2000, 2018, 2019, 2100, 2101, 10_000_000, 10_000_001, -10_000_000, -10_000_001,
         46023.0, 45658.5, 11001, 11001.0, 99999]
TEXTS = ["", " ", "\u00a0", "12", "2031", "abc", "#N/A", "#n/a", "#VALUE!", "#DIV/0!", "#REF!",
         "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "MJP", "ktp", " in uitvoering ", "BOUW",
         "2a", " 2B ", "2c", "nog niet gekend", " Nog Niet Gekend ", "garbage", "naam", "raised",
         "opmerking", "inwoners", "11001", " 44021 "]

hostile = st.one_of(
    st.sampled_from(EDGES), st.floats(), st.integers(), st.booleans(), st.none(),
    st.sampled_from(TEXTS), st.text(max_size=6),
    st.sampled_from(["#N/A", "#VALUE!", "#DIV/0!", "#REF!"]).map(error_cell),
)
# Plausible values too, so the engine paths behind the checks are reached as often.
plausible = {
    # distinct typical sizes first (hypothesis favours 0 and equal values, which hide swaps)
    "dwellings": st.sampled_from((40, 70, 100, 20, 7, 91, 13.0)) | st.integers(0, 400),
    "dwellings_or_zero": st.integers(0, 400),
    "net": st.integers(-50, 400),
    "year": st.sampled_from(TEST_YEARS) | st.sampled_from((2019, 2022, 2024, 2025, 2026, 2030)),
    "optional_year": st.sampled_from((2019, 2023, 2025, 2027, 2031)),
    "flag": st.sampled_from((True, False, 0, 1, 1.0)),
    "number": st.floats(0, 2000, allow_nan=False),
    "level": st.sampled_from(("MJP", "KTP", "UITVOERING", "GEREALISEERD", "in uitvoering")),
    "field": st.sampled_from(("naam", "provincie", "woonmaatschappij", "werkingsgebied",
                              "verhoogde_huurpremie", "opmerking")),
    "optional_text": st.sampled_from(("2a", "2b", "nog niet gekend")),
    "nis": st.sampled_from((11001, "11002", 44021.0, 71072, 23002)),
}


def value_for(kind: str):
    return st.one_of(plausible[kind], hostile)


@st.composite
def single_calls(draw):
    """Plausible arguments with none, one or a few of them hostile: a call with every argument
    drawn at random would almost never reach the engine with six valid arguments."""
    name = draw(st.sampled_from(sorted(SPECS)))
    kinds, _ = SPECS[name]
    values = [draw(plausible[kind]) for kind in kinds]
    spoiled = draw(st.sets(st.integers(0, len(kinds) - 1), max_size=min(2, len(kinds))))
    for position in spoiled:
        values[position] = draw(hostile)
    return name, tuple(values)


@pytest.fixture(scope="module")
def excel():
    dispatcher = Dispatcher("bso_xl.udfs")
    yield dispatcher
    dispatcher.close()


def _mismatches(calls, answers):
    return [(name, values, got, expected_answer(name, values))
            for (name, values), got in zip(calls, answers)
            if got != expected_answer(name, values)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(single_calls(), min_size=1, max_size=40))
def test_any_cell_gives_the_engine_answer_or_an_error_value(excel, calls):
    answers = excel.call_many(calls)
    exceptions = [a for a in answers if isinstance(a, str) and a.startswith("exception:")]
    assert exceptions == []
    assert _mismatches(calls, answers) == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SPECS)), st.data())
def test_one_bad_cell_never_fails_the_rest_of_a_spilled_range(excel, name, data):
    """A column of hostile and plausible cells in one argument, single cells elsewhere: every row
    is what that cell alone would give."""
    kinds, _ = SPECS[name]
    position = data.draw(st.integers(0, len(kinds) - 1))
    values = [data.draw(plausible[kind]) for kind in kinds]
    column = data.draw(st.lists(value_for(kinds[position]), min_size=2, max_size=12))
    args = [[[v]] for v in values]
    args[position] = [[v] for v in column]
    got = excel.call(name, *args)
    expected = [expected_answer(name, values[:position] + [v] + values[position + 1:])[0]
                for v in column]
    assert got == expected


@pytest.mark.parametrize("shape", [[], [[]], [[1, 2], [3]], [[1], [2, 3], []]])
def test_empty_and_ragged_ranges_give_one_error(excel, shape):
    assert excel.call("bso_sanction", shape, [[2031]], None, None) == [[excel_error("#VALUE!")]]


def test_mismatched_ranges_give_one_error_for_every_function(excel):
    for name, (kinds, _) in SPECS.items():
        if len(kinds) == 1:
            continue  # one argument cannot disagree with itself
        args = [[[1], [2]] if i == 0 else [[1], [2], [3]] for i in range(len(kinds))]
        assert excel.call(name, *args) == [[excel_error("#VALUE!")]], name


# --- the cases of issue 9, by hand (each was an exception or a wrong number before) ------------

VALUE, NUM = excel_error("#VALUE!"), excel_error("#NUM!")


@pytest.mark.parametrize(("name", "values"), [
    ("bso_sanction", (1e23, 2031, None, None)),  # was decimal.InvalidOperation
    ("bso_required", (1.7e308, 70, 100, 20, 2034, "MJP")),  # was OverflowError / 8.5E307
    ("bso_amount", (1e300, None)),  # was 4,052.64 (the last known amount) for year 1E300
    ("bso_amount", (2101, None)), ("bso_amount", (1999, None)),
    ("bso_split", (1e300,)), ("bso_objective", (1e300, 1, 1, 1, 1)),
    ("bso_shortfall", (40, 70, 100, 20, 2034, -1e300, 0, 0, 0)),
    ("bso_exemption", (100, 70, 1.7e308)),
    ("bso_sanction", (10_000_001, 2031, None, None)),
    ("bso_sanction", (10, 46023.0, None, None)),  # a date is not a test year
])
def test_issue_9_cases_are_value_errors(excel, name, values):
    width = 3 if name == "bso_split" else 1
    assert excel.call_cells(name, *values) == [[VALUE] * width]


def test_a_huge_cell_in_a_column_leaves_its_neighbours(excel):
    # 1 × 3,684.24 × 50% = 1,842.12 and 3 × … = 5,526.36 (R8, test 2031); the middle is 1E23
    assert excel.call("bso_sanction", [[1], [1e23], [3]], [[2031]], None, None) == [
        [1842.12], [VALUE], [5526.36]]


def test_the_largest_allowed_count_still_answers_exactly(excel):
    # 10,000,000 × 3,684.24 × 50% = 18,421,200,000.00 (R8): the bound is not an approximation
    assert excel.call_cells("bso_sanction", 10_000_000, 2031, None, None) == [[18_421_200_000.0]]
    assert NUM != VALUE


# --- the bounds themselves, in process (mutation testing: the dispatch child is not traced) -----

def test_every_bound_is_inclusive_and_one_step_past_it_is_an_error():
    from bso_xl import udfs
    last_known = udfs.bso_amount(2026, None)  # 12 × (base + 4 × per dependant), R8; 0% index
    assert udfs.bso_amount(2100, None) == last_known  # the last sane year still answers
    assert str(udfs.bso_amount(2101, None)).startswith("#VALUE!")
    # R9 permits: an average, 0 … 10,000,000 inclusive; (100 + 70) / 17 = 10 > 25% × 10,000,000
    # is false, so the answer is FALSE (a value, not an error)
    assert udfs.bso_exemption(100, 70, udfs.MAX_DWELLINGS) is False
    assert str(udfs.bso_exemption(100, 70, udfs.MAX_DWELLINGS + 0.5)).startswith("#VALUE!")
    assert str(udfs.bso_exemption(100, 70, -0.5)).startswith("#VALUE!")
    assert udfs.to_dwellings(udfs.MAX_DWELLINGS) == udfs.MAX_DWELLINGS


def test_a_list_as_index_rate_setting_is_one_error_that_shows_it(monkeypatch):
    """Lite: ``INDEX_RATE = [0.02]`` must not become a range that spills; the cell says why."""
    from bso_xl import udfs
    monkeypatch.setattr(udfs, "INDEX_RATE", [0.02])
    monkeypatch.setattr(udfs.xw, "on_server", False, raising=False)  # classic: errors are text
    answer = udfs.bso_sanction(10, 2031)
    assert answer == ("#VALUE! indexatie '[0.02]': verwacht een getal zoals 0,02 of 2% "
                      "(tussen -10% en 20% per jaar)")
