"""Asymmetric literal cases for the Excel functions (issue 13): every argument in its own place.

Each function that takes several similar arguments is called with values that differ (T1 40,
T2 70, T3 100, SIB 20, counts in every phase), so an adapter that passes two of them in the
wrong order to the engine fails. Expected values are computed by hand from BSO-RULES.md in the
comments, not by calling the engine.
"""

from __future__ import annotations

import pytest

from bso_xl import udfs

VALUE = "#VALUE!"


# --- BSO_REQUIRED (R6) -----------------------------------------------------------------------------

# T1 40, T2 70, T3 100, SIB 20 (catch-up ¼·20 = 5, ½·20 = 10, ¾·20 = 15):
@pytest.mark.parametrize("args, expected", [
    ((40, 70, 100, 20, 2028, "MJP"), 25),       # ½·40 + 5
    ((40, 70, 100, 20, 2028, "KTP"), 0),        # nothing on the KTP in 2028
    ((40, 70, 100, 20, 2031, "KTP"), 25),       # ½·40 + 5
    ((40, 70, 100, 20, 2034, "MJP"), 85),       # 40 + ½·70 + 10   (T2, T3 swapped: 40 + 50 + 10 = 100)
    ((40, 70, 100, 20, 2034, "KTP"), 50),       # 40 + 10
    ((40, 70, 100, 20, 2037, "MJP"), 120),      # 40 + 70 + 10     (T2, T3 swapped: 150)
    ((40, 70, 100, 20, 2037, "KTP"), 85),       # 40 + ½·70 + 10   (T2, T3 swapped: 100)
    ((40, 70, 100, 20, 2037, "GEREALISEERD"), 10),  # ½·20 realised
    ((40, 70, 100, 20, 2040, "UITVOERING"), 0),  # ¾·SIB on the KTP: nothing in uitvoering
    ((40, 70, 100, 20, 2040, "KTP"), 225),      # 40 + 70 + 100 + 15
    ((40, 70, 20, 100, 2034, "MJP"), 125),      # SIB and T3 swapped: 40 + 35 + ½·100
    ((70, 40, 100, 20, 2031, "MJP"), 75),       # T1 and T2 swapped: 70 + 5
    ((41, 70, 100, 21, 2028, "MJP"), 25.75),    # ½·41 + ¼·21 = 20.5 + 5.25: a fraction, exact
])
def test_required(args, expected):
    assert udfs.bso_required(*args) == expected


# --- BSO_SHORTFALL (R6) ----------------------------------------------------------------------------

# T 40/70/100, SIB 20, test 2037 → R = MJP 120, KTP 85, in uitvoering 10, gerealiseerd 10.
@pytest.mark.parametrize("counts, expected", [
    # exactly MJP 50, KTP 40, UIT 12, GER 8 → at least 110, 60, 20, 8 → gaps 10, 25, −10, 2 → 25
    ((50, 40, 12, 8), 25),
    # MJP and KTP swapped → at least 110, 70, 20, 8 → gaps 10, 15, −10, 2 → 15
    ((40, 50, 12, 8), 15),
    # 200, 100, 30, 3 → at least 333, 133, 33, 3 → only gerealiseerd short: 10 − 3 = 7
    ((200, 100, 30, 3), 7),
    # in uitvoering and gerealiseerd swapped → at least GER 30 → 0
    ((200, 100, 3, 30), 0),
    # a net-negative rebuild in uitvoering: 200, 100, −10, 15 → at least 305, 105, 5, 15 → 10 − 5 = 5
    ((200, 100, -10, 15), 5),
    # the same, gerealiseerd and in uitvoering swapped → at least GER −10 → 20
    ((200, 100, 15, -10), 20),
])
def test_shortfall_counts_in_every_phase(counts, expected):
    assert udfs.bso_shortfall(40, 70, 100, 20, 2037, *counts) == expected


def test_shortfall_interim_objectives_in_their_places():
    # counts 50, 40, 12, 8 as above; T2 and T3 swapped: R(KTP) = 40 + 50 + 10 = 100 → 100 − 60 = 40
    assert udfs.bso_shortfall(40, 100, 70, 20, 2037, 50, 40, 12, 8) == 40
    # SIB 20 and T1 40 swapped: R(GER) = ½·40 = 20 → with 200, 100, 30, 3: 17
    assert udfs.bso_shortfall(20, 70, 100, 40, 2037, 200, 100, 30, 3) == 17
    # 2034 with the same counts 50, 40, 12, 8: R(MJP) 85, R(KTP) 50 → gaps 85 − 110 < 0, 50 − 60 < 0 → 0
    assert udfs.bso_shortfall(40, 70, 100, 20, 2034, 50, 40, 12, 8) == 0


def test_shortfall_whole_bso_bound():
    # BSO 230 (40 + 70 + 100 + 20); 225 realised, a rebuild on the MJP with net −100; 2040:
    # at least MJP = KTP = 125 against 225 → gap 100, but 5 more realised pass → 5
    assert udfs.bso_shortfall(40, 70, 100, 20, 2040, -100, 0, 0, 225) == 5


# --- BSO_SANCTION, BSO_SANCTION_TOTAL, BSO_PERCENTAGE, BSO_AMOUNT (R8) -------------------------------

def test_percentages_2037_and_2040_differ():
    assert [udfs.bso_percentage(y) for y in (2028, 2031, 2034, 2037, 2040)] == [0.25, 0.5, 0.5, 1.0, 0.5]
    # 7 missing, normal 3,684.24: 2040 7 × 3,684.24 × 50% = 12,894.84; 2037 × 100% = 25,789.68
    assert udfs.bso_sanction(7, 2040) == 12894.84
    assert udfs.bso_sanction(7, 2037) == 25789.68
    # the three instalments of 2040: 3 × 12,894.84 = 38,684.52
    assert udfs.bso_sanction_total(7, 2040) == 38684.52


def test_sanction_arguments_in_their_places():
    # 3 missing, test 2031, raised, 2024 amounts: 3 × 12 × (195.54 + 4 × 32.59) × 50% =
    # 3 × 3,910.80 × 50% = 5,866.20
    assert udfs.bso_sanction(3, 2031, True, 2024) == 5866.20
    # the same, normal: 3 × 3,555.36 × 50% = 5,333.04
    assert udfs.bso_sanction(3, 2031, False, 2024) == 5333.04
    # 7 missing, test 2040, 2022 amounts: 7 × 3,157.32 × 50% = 11,050.62
    assert udfs.bso_sanction(7, 2040, False, 2022) == 11050.62
    # test year and amount year swapped: 2024 and 2022 are no test years
    assert udfs.bso_sanction(3, 2024, True, 2031) == VALUE
    assert udfs.bso_sanction_total(7, 2022, False, 2040) == VALUE
    # total: 3 × 5,866.20 = 17,598.60
    assert udfs.bso_sanction_total(3, 2031, True, 2024) == 17598.60


def test_amount_year_and_raised():
    # 2022: normal 12 × (157.87 + 4 × 26.31) = 3,157.32; raised 12 × (173.66 + 4 × 28.94) = 3,473.04
    assert udfs.bso_amount(2022) == 3157.32
    assert udfs.bso_amount(2022, True) == 3473.04


def test_index_rate_counts_years_after_the_last_known_amount(monkeypatch):
    monkeypatch.setattr(udfs, "INDEX_RATE", "0.02")
    # 2031: 3,684.24 × 1.02^6 = 3,684.24 × 1.126162419264 = 4,149.05 (to the cent)
    assert udfs.bso_amount(2031) == 4149.05
    # 2025 and 2024 are known amounts: no projection
    assert udfs.bso_amount(2025) == 3684.24
    assert udfs.bso_amount(2024, True) == 3910.80
    # 1 missing at 2031 with the 2031 amount: 4,149.05 × 50% = 2,074.525 → 2,074.53
    assert udfs.bso_sanction(1, 2031) == 2074.53


# --- BSO_OBJECTIVE (R2), BSO_SPLIT (R4) --------------------------------------------------------------

def test_objective_components_in_their_places():
    # 100 + 20 + 30 − 10 − 5 = 135 (README example)
    assert udfs.bso_objective(100, 20, 30, 10, 5) == 135
    # a deduction in an added place: 100 + 10 + 30 − 20 − 5 = 115; 10 + 20 + 30 − 100 − 5 → 0
    assert udfs.bso_objective(100, 10, 30, 20, 5) == 115
    assert udfs.bso_objective(10, 20, 30, 100, 5) == 0
    # the two deductions, empty one: 100 + 20 + 30 − 0 − 5 = 145; 100 + 20 + 30 − 10 − 0 = 140
    assert udfs.bso_objective(100, 20, 30, None, 5) == 145
    assert udfs.bso_objective(100, 20, 30, 10, None) == 140


def test_split_remainder_goes_to_the_earliest():
    # 5 → 2, 2, 1; 7 → 3, 2, 2; a column of two → two rows
    assert udfs.bso_split(5) == [[2, 2, 1]]
    assert udfs.bso_split([[7], [2]]) == [[3, 2, 2], [1, 1, 0]]


# --- BSO_EXEMPTION (R9), BSO_CATEGORY (R7) ------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    ((100, 70, 30), True),                   # (100 + 70) / 17 = 10 > 25% × 30 = 7.5
    ((100, 30, 70), False),                  # SIB and permits swapped: 130 / 17 = 7.65 < 17.5
    ((100, 0, 30), "niet van toepassing"),   # no SIB
    ((0, 100, 30), False),                   # regulier and SIB swapped: 100 / 17 = 5.88 < 7.5
    ((0, 170, 30), True),                    # 170 / 17 = 10 > 7.5
])
def test_exemption_arguments_in_their_places(args, expected):
    assert udfs.bso_exemption(*args) == expected


def test_category_arguments_in_their_places():
    assert udfs.bso_category(2, "2a") == "2a"
    assert udfs.bso_category(0, "2a") == "1"
    assert udfs.bso_category(2) == "2"


# --- error cells in every kind of argument (found by mutation testing) --------------------------------

def test_an_error_cell_is_passed_on_from_every_kind_of_argument():
    assert udfs.bso_sanction(10, 2031, "#N/A") == "#N/A"               # a flag
    assert udfs.bso_exemption(10, 5, "#DIV/0!") == "#DIV/0!"            # a number
    assert udfs.bso_required(40, 70, 100, 20, 2034, "#REF!") == "#REF!"  # a text
    assert udfs.bso_municipality("#NAME?", "naam") == "#NAME?"          # a NIS code
    assert udfs.bso_category(3, "#N/A") == "#N/A"                       # an optional text


def test_a_ragged_or_mixed_range_is_one_error():
    assert udfs.bso_sanction([[1], 2], 2031) == VALUE


def test_an_unexpected_engine_exception_is_an_error_value_in_its_cell_only():
    # udfs._answer's last defences (no rule raises these today): an overflow is #NUM!, anything
    # else #VALUE!, never an exception that would turn the whole spilled range into one error
    def overflow(*_):
        raise OverflowError

    def broken(*_):
        raise TypeError

    assert udfs._answer(overflow, (1,)) == "#NUM!"
    assert udfs._answer(broken, (1,)) == VALUE
