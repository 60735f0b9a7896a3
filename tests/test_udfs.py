"""Excel functions called as plain Python: worked examples of BSO-RULES.md, ranges, errors.

The dispatch path (what Excel really sends and receives) is in test_udfs_dispatch.py.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bso_xl import udfs
from bso_xl.rules import yearly_sanction

VALUE, NA = "#VALUE!", "#N/A"
TEST_YEARS = (2028, 2031, 2034, 2037, 2040)


# --- R8 sanction: the worked examples -----------------------------------------------------------


def test_sanction_worked_examples():
    assert udfs.bso_sanction(10, 2031) == 18421.20
    assert udfs.bso_sanction(1, 2028, True) == 1013.16
    assert udfs.bso_sanction(7, 2037, True) == 28368.48


def test_sanction_total_is_three_instalments():
    assert udfs.bso_sanction_total(10, 2031) == 55263.60
    assert udfs.bso_sanction_total(1, 2028, True) == 3039.48


def test_sanction_returns_a_float_rounded_to_the_cent():
    result = udfs.bso_sanction(3, 2028)  # 3 × 3,684.24 × 25% = 2,763.18
    assert type(result) is float and result == 2763.18


def test_classic_excel_floats_are_accepted():
    assert udfs.bso_sanction(10.0, 2031.0, 1.0, 2025.0) == udfs.bso_sanction(10, 2031, True, 2025)
    assert udfs.bso_sanction(10.0, 2031.0, 0.0) == 18421.20


def test_amount_year_takes_the_latest_known_amount():
    # 2024 amounts: 12 × (177.76 + 4 × 29.63) = 3,555.36; × 25% = 888.84
    assert udfs.bso_sanction(1, 2028, False, 2024) == 888.84
    # 2023 has no amount of its own: the 2022 one (3,157.32) applies; × 50% = 1,578.66
    assert udfs.bso_sanction(1, 2031, False, 2023) == 1578.66
    # after 2025 the last known amount, not projected by default
    assert udfs.bso_sanction(1, 2031, False, 2031) == udfs.bso_sanction(1, 2031, False, 2025)


def test_empty_optional_arguments_take_their_defaults():
    assert udfs.bso_sanction(10, 2031, None, None) == 18421.20


def test_index_rate_projects_after_the_last_known_amount(monkeypatch):
    monkeypatch.setattr(udfs, "INDEX_RATE", "0.02")
    # 3,684.24 × 1.02² = 3,833.083296 → 3,833.08
    assert udfs.bso_amount(2027) == 3833.08
    assert udfs.bso_sanction(10, 2031, False, 2027) == 19165.40  # 10 × 3,833.08 × 50%
    assert udfs.bso_amount(2025) == 3684.24  # a known year is never projected


def test_percentage_per_test_year():
    assert [udfs.bso_percentage(y) for y in TEST_YEARS] == [0.25, 0.5, 0.5, 1.0, 0.5]
    assert udfs.bso_percentage(2029) == VALUE


@pytest.mark.parametrize(("year", "raised", "expected"), [
    (2019, False, 3000.00), (2019, True, 3300.00),
    (2022, False, 3157.32), (2022, True, 3473.04),
    (2024, False, 3555.36), (2024, True, 3910.80),
    (2025, False, 3684.24), (2025, True, 4052.64),
    (2030, False, 3684.24),
])
def test_amount_table_of_r8(year, raised, expected):
    assert udfs.bso_amount(year, raised) == expected


def test_amount_before_the_first_known_year_is_an_error():
    assert udfs.bso_amount(2018) == VALUE


# --- R2, R4, R6, R7, R9 -----------------------------------------------------------------------


def test_objective_identity_and_floor():
    assert udfs.bso_objective(100, 20, 30, 10, 5) == 135
    assert udfs.bso_objective(10, 0, 0, 50, 0) == 0  # negative → 0 (R2 interpretation)


def test_objective_empty_deductions_count_as_zero_but_components_do_not():
    assert udfs.bso_objective(100, 20, 30, None, None) == 150
    assert udfs.bso_objective(None, 20, 30, 0, 0) == VALUE


@pytest.mark.parametrize(("regulier", "expected"), [
    (100, [[34, 33, 33]]), (0, [[0, 0, 0]]), (2, [[1, 1, 0]]), (99, [[33, 33, 33]]),
])
def test_split_spills_as_a_row(regulier, expected):
    assert udfs.bso_split(regulier) == expected


def test_split_of_a_column_gives_one_row_each():
    assert udfs.bso_split([[100], [5], [-1]]) == [[34, 33, 33], [2, 2, 1], [VALUE] * 3]


@pytest.mark.parametrize(("level", "expected"), [
    ("MJP", 210.0), ("ktp", 165.0), ("UITVOERING", 30.0), ("in uitvoering", 30.0),
    ("Gerealiseerd", 30.0),
])
def test_required_worked_example_r6(level, expected):
    assert udfs.bso_required(90, 90, 90, 60, 2037, level) == expected


# Asymmetric T1 = 40, T2 = 70, T3 = 100, SIB = 20 (issue 13): a swapped argument changes the answer.
# R6 tables by hand: regular need + catch-up need at each level.
@pytest.mark.parametrize(("year", "level", "expected"), [
    (2028, "MJP", 25.0),  # ½·T1 = 20 + ¼·SIB = 5
    (2028, "KTP", 0.0),  # the 2028 catch-up is on the MJP only
    (2031, "MJP", 45.0),  # T1 = 40 + ¼·SIB = 5
    (2031, "KTP", 25.0),  # ½·T1 = 20 + 5
    (2034, "MJP", 85.0),  # T1 + ½·T2 = 75 + ½·SIB = 10
    (2034, "KTP", 50.0),  # T1 = 40 + 10
    (2037, "MJP", 120.0),  # T1 + T2 = 110 + ½·SIB realised = 10
    (2037, "KTP", 85.0),  # T1 + ½·T2 = 75 + 10
    (2037, "GEREALISEERD", 10.0),  # ½·SIB realised
    (2040, "KTP", 225.0),  # T1 + T2 + T3 = 210 + ¾·SIB = 15
    (2040, "GEREALISEERD", 0.0),
])
def test_required_asymmetric_interim_objectives(year, level, expected):
    assert udfs.bso_required(40, 70, 100, 20, year, level) == expected


@pytest.mark.parametrize(("phases", "expected"), [
    # exactly in MJP, KTP, in uitvoering, gerealiseerd → at least: MJP 90, KTP 60, U 20, G 8;
    # R(2037) = 120, 85, 10, 10 → gaps 30, 25, −10, 2 → 30 (swapping MJP and KTP gives 35)
    ((30, 40, 12, 8), 30),
    # at least: 310, 110, 10, 1 → gaps −190, −25, 0, 9 → 9 (swapping U and G gives 1)
    ((200, 100, 9, 1), 9),
])
def test_shortfall_asymmetric_2037(phases, expected):
    assert udfs.bso_shortfall(40, 70, 100, 20, 2037, *phases) == expected


def test_shortfall_is_bounded_by_what_is_left_to_realise():
    # 2040: R(MJP) = R(KTP) = 225. A rebuild net −50 on the MJP, 200 realised → at least MJP 150,
    # KTP 200 → largest gap 75; but 230 − 200 = 30 more realised dwellings finish the BSO (R6)
    assert udfs.bso_shortfall(40, 70, 100, 20, 2040, -50, 0, 0, 200) == 30


def test_required_may_be_fractional():
    assert udfs.bso_required(91, 0, 0, 0, 2028, "MJP") == 45.5  # ½·T1
    assert udfs.bso_required(0, 0, 0, 6, 2028, "MJP") == 1.5  # ¼·SIB


def test_required_unknown_level_or_year():
    assert udfs.bso_required(90, 90, 90, 60, 2037, "OPLEVERING") == VALUE
    assert udfs.bso_required(90, 90, 90, 60, 2037, 2) == VALUE
    assert udfs.bso_required(90, 90, 90, 60, 2036, "MJP") == VALUE


def test_shortfall_worked_example_r6():
    assert udfs.bso_shortfall(90, 90, 90, 60, 2037, 40, 100, 20, 25) == 25


def test_shortfall_empty_phase_counts_are_zero():
    assert udfs.bso_shortfall(90, 90, 90, 60, 2037, None, None, None, None) == 210
    assert udfs.bso_shortfall(91, 0, 0, 0, 2028, None, None, None, None) == 46  # ceil(45.5)


def test_shortfall_accepts_a_net_negative_phase_count():
    # R5: counts are net; a rebuild can be net negative in its phase (the engine handles it)
    assert udfs.bso_shortfall(10, 0, 0, 0, 2028, -2, 0, 0, 0) == 7  # ceil(5 − (−2))


def test_shortfall_required_arguments_may_not_be_empty():
    assert udfs.bso_shortfall(90, 90, 90, None, 2037, 40, 100, 20, 25) == VALUE
    assert udfs.bso_shortfall(90, 90, 90, 60, None, 40, 100, 20, 25) == VALUE


@pytest.mark.parametrize(("shortfall", "assessment", "expected"), [
    (0, None, "1"), (0, "2b", "1"), (3, None, "2"), (3, "", "2"), (3, "2a", "2a"),
    (3, "2B", "2b"), (3, " 2b ", "2b"), (3, "3", VALUE), (3, 2, VALUE), (-1, None, VALUE),
    # the workbook's own dropdown value, in any case; garbage is an error even without a shortfall
    (3, "nog niet gekend", "2"), (3, " Nog Niet Gekend ", "2"), (0, "nog niet gekend", "1"),
    (0, "garbage", VALUE), (3, "garbage", VALUE),
])
def test_category_r7(shortfall, assessment, expected):
    assert udfs.bso_category(shortfall, assessment) == expected


@pytest.mark.parametrize(("regulier", "sib", "permits", "expected"), [
    # R9 per year: (regulier + SIB) / 17 > 25% × permits per year
    (100, 70, 30, True),  # 170 / 17 = 10 > 7.5
    (100, 70, 40, False),  # 10 > 10? no: strictly greater
    (100, 70, 39.9, True),  # 10 > 9.975
    (10, 5, 59.9, False),  # 15 / 17 ≈ 0.88 < 14.975 (the literal reading would say yes)
    (0, 1, 0, True),  # 1/17 > 0
    (200, 0, 1, "niet van toepassing"),  # no SIB: no catch-up to be exempted from
    (0, 0, 0, "niet van toepassing"),
    (10, 5, -1, VALUE), (10, 5, None, VALUE), (10.5, 5, 60, VALUE),
])
def test_exemption_r9(regulier, sib, permits, expected):
    assert udfs.bso_exemption(regulier, sib, permits) == expected


# --- municipalities -------------------------------------------------------------------------


@pytest.mark.parametrize(("nis", "field", "expected"), [
    (11001, "naam", "Aartselaar"), ("11001", "name", "Aartselaar"), (11001.0, "Naam", "Aartselaar"),
    (44021, "provincie", "Oost-Vlaanderen"), (44021, "province", "Oost-Vlaanderen"),
    (11005, "woonmaatschappij", "Woonkade Rupelstreek"),
    (11005, "werkingsgebied", "Antwerpen-Rupel"),
    (11005, "verhoogde_huurpremie", False), (11001, "raised", True),
    (11001, "verhoogde huurpremie", True),
    (71072, "opmerking", "ONZEKER: Kortessem (gefuseerd in Hasselt) stond niet op lijst"),
])
def test_municipality_fields(nis, field, expected):
    assert udfs.bso_municipality(nis, field) == expected


@pytest.mark.parametrize(("nis", "field", "expected"), [
    (99999, "naam", NA), ("abc", "naam", NA), (11001, "inwoners", VALUE), (11001.5, "naam", VALUE),
    (None, "naam", VALUE), (11001, None, VALUE), (True, "naam", VALUE),
])
def test_municipality_errors(nis, field, expected):
    assert udfs.bso_municipality(nis, field) == expected


def test_municipality_raised_status_feeds_the_sanction():
    raised = udfs.bso_municipality(11001, "verhoogde_huurpremie")
    assert udfs.bso_sanction(1, 2028, raised) == 1013.16


# --- bad input: an error value, never a number ---------------------------------------------------


@pytest.mark.parametrize("missing", [12.5, -1, None, "12", True, float("nan"), float("inf")])
def test_bad_missing_is_an_error(missing):
    assert udfs.bso_sanction(missing, 2031) == VALUE


@pytest.mark.parametrize("test_year", [2029, 2031.5, None, "2031", 2042])
def test_bad_test_year_is_an_error(test_year):
    assert udfs.bso_sanction(10, test_year) == VALUE


@pytest.mark.parametrize("raised", [2, "ja", 0.5])
def test_bad_raised_is_an_error(raised):
    assert udfs.bso_sanction(10, 2031, raised) == VALUE


def test_input_error_cells_are_passed_on():
    assert udfs.bso_sanction("#N/A", 2031) == NA
    assert udfs.bso_sanction(10, "#DIV/0!") == "#DIV/0!"
    assert udfs.bso_shortfall(90, 90, 90, 60, 2037, "#REF!", 0, 0, 0) == "#REF!"
    assert udfs.bso_sanction("#SPILL!", 2031) == VALUE  # not one xlwings can write back


# --- ranges ---------------------------------------------------------------------------------------


def test_column_and_row_broadcast_to_a_table():
    table = udfs.bso_sanction([[1], [2], [3]], [[2028, 2031]])
    assert table == [[921.06, 1842.12], [1842.12, 3684.24], [2763.18, 5526.36]]


def test_a_scalar_broadcasts_over_a_range():
    assert udfs.bso_sanction([[10], [1]], 2031, True) == [[20263.20], [2026.32]]
    assert udfs.bso_percentage([list(TEST_YEARS)]) == [[0.25, 0.5, 0.5, 1.0, 0.5]]


def test_a_flat_list_is_one_row():
    assert udfs.bso_percentage([2028, 2037]) == [[0.25, 1.0]]


def test_errors_stay_in_their_own_cell():
    assert udfs.bso_sanction([[10], [12.5], [None], [1]], 2031) == [[18421.20], [VALUE], [VALUE],
                                                                    [1842.12]]


def test_mismatched_shapes_are_one_error():
    assert udfs.bso_sanction([[1], [2]], [[2028], [2031], [2034]]) == VALUE
    assert udfs.bso_sanction([[1, 2]], [[2028, 2031, 2034]]) == VALUE
    assert udfs.bso_sanction([[1, 2], [3]], 2031) == VALUE  # ragged
    assert udfs.bso_sanction([], 2031) == VALUE


def test_shortfall_over_a_range_of_municipalities():
    t = [[90], [30]]
    result = udfs.bso_shortfall(t, t, t, [[60], [0]], 2037, [[40], [0]], [[100], [0]], [[20], [0]],
                                [[25], [0]])
    assert result == [[25], [60]]  # second: R(MJP) = T1 + T2 = 60, nothing on the planning


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=30), st.sampled_from(TEST_YEARS),
       st.booleans())
def test_a_range_gives_the_same_answers_as_single_cells(missing, test_year, raised):
    column = [[float(m)] for m in missing]
    spilled = udfs.bso_sanction(column, test_year, raised)
    assert spilled == [[udfs.bso_sanction(m, test_year, raised)] for m in missing]
    assert spilled == [[float(yearly_sanction(m, test_year, raised))] for m in missing]


# --- registration -------------------------------------------------------------------------------

FUNCTIONS = [udfs.bso_sanction, udfs.bso_sanction_total, udfs.bso_percentage, udfs.bso_amount,
             udfs.bso_objective, udfs.bso_split, udfs.bso_required, udfs.bso_shortfall,
             udfs.bso_category, udfs.bso_exemption, udfs.bso_municipality]


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_help_text_is_one_line_with_a_rule_id(function):
    doc = function.__doc__
    assert "\n" not in doc and len(doc) <= 255  # classic Excel's limit for a description
    assert any(f"R{n}" in doc for n in range(1, 11))
