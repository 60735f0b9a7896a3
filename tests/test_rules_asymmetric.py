"""Asymmetric literal cases for every rule that takes several similar arguments (issue 13).

T1 ≠ T2 ≠ T3 (40/70/100), SIB ≠ 0 and counts in every phase, so that two swapped arguments give
another answer. Each expected value is computed by hand from BSO-RULES.md in the comment above it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from bso_xl.rules import (
    Components, Level, Project, amount_parts, at_least, average_permits, category, combined_requirement,
    envelope_eligible, exemption_test, final_from_flemish_totals, instalment_years, objective, phase_on,
    project_phase_counts, provisional_to_final, sanction_for, sanction_percentage, shortfall, split_interim,
    total_sanction, validate_swap, yearly_amount, yearly_sanction,
)
from bso_xl.rules.sanction import known_amount_year

MJP, KTP, UIT, GER = Level.MJP, Level.KTP, Level.UITVOERING, Level.GEREALISEERD


def phases(mjp=0, ktp=0, uit=0, ger=0):
    return {MJP: mjp, KTP: ktp, UIT: uit, GER: ger}


# --- R6 combined requirement: every coefficient visible -----------------------------------------

# T1 = 40, T2 = 70, T3 = 100, SIB = 20 (R6 tables; catch-up ¼·20 = 5, ½·20 = 10, ¾·20 = 15):
#   2034 MJP: T1 + ½·T2 + ½·SIB = 40 + 35 + 10 = 85
#        with T2, T3 swapped: 40 + 50 + 10 = 100; with T1, T2 swapped: 70 + 20 + 10 = 100
#   2037 KTP: T1 + ½·T2 + ½·SIB = 40 + 35 + 10 = 85; MJP: T1 + T2 + 10 = 120
#   2040 MJP = KTP: T1 + T2 + T3 + ¾·SIB = 210 + 15 = 225
#   SIB swapped with T3 at 2034 MJP: 40 + 35 + ½·100 = 125
def test_r6_requirement_depends_on_each_interim_objective_separately():
    assert combined_requirement(40, 70, 100, 20, 2034)[MJP] == 85
    assert combined_requirement(40, 100, 70, 20, 2034)[MJP] == 100
    assert combined_requirement(70, 40, 100, 20, 2034)[MJP] == 100
    assert combined_requirement(40, 70, 20, 100, 2034)[MJP] == 125
    r2037 = combined_requirement(40, 70, 100, 20, 2037)
    assert (r2037[MJP], r2037[KTP], r2037[UIT], r2037[GER]) == (120, 85, 10, 10)
    assert combined_requirement(40, 70, 100, 20, 2040)[KTP] == 225
    # T3 counts only at 2040: 2037 with T3 = 0 is the same as with T3 = 100
    assert combined_requirement(40, 70, 0, 20, 2037) == r2037


# --- R6 shortfall: counts in every phase ---------------------------------------------------------

# T 40/70/100, SIB 20, test 2037 → R = (MJP 120, KTP 85, UIT 10, GER 10).
# Counts exactly in each phase MJP 50, KTP 40, UIT 12, GER 8 → at least 110, 60, 20, 8
#   → gaps 10, 25, −10, 2 → shortfall 25 (KTP decides)
#   MJP and KTP counts swapped (40, 50, 12, 8): at least 110, 70, 20, 8 → gaps 10, 15, −10, 2 → 15
#   T2 and T3 swapped: R(KTP) = 40 + 50 + 10 = 100 → gap 40 → 40
def test_r6_shortfall_ktp_decides():
    assert shortfall(40, 70, 100, 20, 2037, phases(50, 40, 12, 8)) == 25
    assert shortfall(40, 70, 100, 20, 2037, phases(40, 50, 12, 8)) == 15
    assert shortfall(40, 100, 70, 20, 2037, phases(50, 40, 12, 8)) == 40


# Same test, counts MJP 200, KTP 100, UIT 30, GER 3 → at least 333, 133, 33, 3 →
#   gaps −213, −48, −23, 7 → 7 (gerealiseerd decides: ½·SIB realised)
#   UIT and GER swapped (…, 3, 30): at least GER 30 → every gap < 0 → 0
#   SIB and T1 swapped (20, 70, 100, 40): GER need ½·40 = 20 → 17
def test_r6_shortfall_realised_decides():
    assert shortfall(40, 70, 100, 20, 2037, phases(200, 100, 30, 3)) == 7
    assert shortfall(40, 70, 100, 20, 2037, phases(200, 100, 3, 30)) == 0
    assert shortfall(20, 70, 100, 40, 2037, phases(200, 100, 30, 3)) == 17


# Net-negative rebuild in uitvoering: counts MJP 200, KTP 100, UIT −10, GER 15 →
#   at least 305, 105, 5, 15 → gaps −185, −20, 5, −5 → 5 (in uitvoering decides)
#   UIT and GER swapped (…, 15, −10): at least GER −10 → gap 20 → 20
#   MJP and UIT swapped (−10, 100, 200, 15): at least 305, 315, 215, 15 → 0
def test_r6_shortfall_in_uitvoering_decides_with_a_negative_rebuild():
    assert shortfall(40, 70, 100, 20, 2037, phases(200, 100, -10, 15)) == 5
    assert shortfall(40, 70, 100, 20, 2037, phases(200, 100, 15, -10)) == 20
    assert shortfall(40, 70, 100, 20, 2037, phases(-10, 100, 200, 15)) == 0


# The whole-BSO bound (R6: realising the rest of the BSO always passes), deterministic:
#   T 40/70/100, SIB 20 (BSO 230); 225 realised and a rebuild on the MJP with net −100, 2040:
#   at least MJP = KTP = 125 against 225 → gap 100; the rest of the BSO is 230 − 225 = 5 → 5.
#   Without the bound it would be 100.
def test_r6_whole_bso_bound_decides_deterministically():
    assert shortfall(40, 70, 100, 20, 2040, phases(mjp=-100, ger=225)) == 5
    # one more realised dwelling than the rest: bound 4
    assert shortfall(40, 70, 100, 20, 2040, phases(mjp=-100, ger=226)) == 4
    # at 2034 the same pipeline: R(MJP) = 85, at least MJP 125 → no gap, the bound does not matter
    assert shortfall(40, 70, 100, 20, 2034, phases(mjp=-100, ger=225)) == 0


# Per test year with the same pipeline (MJP 30, KTP 20, UIT 10, GER 5 → at least 65, 35, 15, 5),
# T 40/70/100, SIB 20:
#   2028: R(MJP) = 20 + 5 = 25 → 0
#   2031: R(MJP) = 40 + 5 = 45, R(KTP) = 20 + 5 = 25 → gaps −20, −10 → 0
#   2034: R(MJP) 85, R(KTP) 50 → gaps 20, 15 → 20
#   2037: R 120, 85, 10, 10 → gaps 55, 50, −5, 5 → 55
#   2040: R 225, 225 → gaps 160, 190 → 190
@pytest.mark.parametrize("year, expected", [(2028, 0), (2031, 0), (2034, 20), (2037, 55), (2040, 190)])
def test_r6_shortfall_per_test_year(year, expected):
    assert shortfall(40, 70, 100, 20, year, phases(30, 20, 10, 5)) == expected


# --- R2, R4 objective ------------------------------------------------------------------------------

# Components 100, 20, 30, 10, 5 → 100 + 20 + 30 − 10 − 5 = 135; SIB 20 → regulier 115 → 39, 38, 38.
# SIB swapped with the overschrijding (100, 10, 30, 20, 5) → 100 + 10 + 30 − 20 − 5 = 115.
def test_r2_each_component_has_its_sign():
    obj = objective(Components(100, 20, 30, 10, 5))
    assert (obj.identity, obj.bso, obj.sib, obj.regulier, obj.interim) == (135, 135, 20, 115, (39, 38, 38))
    assert objective(Components(100, 10, 30, 20, 5)).bso == 115
    # the SIB counted follows the sib component, not the aandeel op peil (100, 20 swapped → SIB 100)
    swapped = objective(Components(20, 100, 30, 10, 5))
    assert (swapped.sib, swapped.regulier) == (100, 35)


def test_r4_official_split_order_is_kept():
    # T1 40, T2 70, T3 100 as given (bijlage 35), never re-sorted or re-split
    obj = objective(Components(150, 30, 70, 10, 0), official_bso=240, interim=(40, 70, 100))
    assert obj.interim == (40, 70, 100)
    assert (obj.t1, obj.t2, obj.t3) == (40, 70, 100)
    # 2 → 1, 1, 0 and 5 → 2, 2, 1: the remainder to the earliest legislatures
    assert split_interim(2) == (1, 1, 0)
    assert split_interim(5) == (2, 2, 1)


# --- R3 --------------------------------------------------------------------------------------------

# Provisional 60, 30, 10 (Σ 100); realised 6, 1, 3 (pot 10):
#   shares 0.6, 0.3, 0.1 → exact 60 − 6 + 6 = 60, 30 − 1 + 3 = 32, 10 − 3 + 1 = 8 → 60, 32, 8
#   realised and provisional swapped per municipality would give other numbers.
def test_r3_each_municipality_keeps_its_own_realised():
    rows = provisional_to_final([60, 30, 10], [6, 1, 3])
    assert [r.final for r in rows] == [60, 32, 8]
    assert [r.pot_share for r in rows] == [6, 3, 1]
    rows = provisional_to_final([60, 30, 10], [1, 6, 3])
    # 60 − 1 + 6 = 65, 30 − 6 + 3 = 27, 8 → 65, 27, 8
    assert [r.final for r in rows] == [65, 27, 8]


# One municipality against the Flemish totals: provisional 250, realised 12, Σ provisional 45,000,
# pot 1,200 → 250 − 12 + 250/45,000 × 1,200 = 238 + 20/3 = 734/3 = 244.67 → 245.
#   realised and pot swapped (250, 1200, 45000, 12): deducted min(1200, 250) = 250 → 0 + 250/45,000 ×
#   12 = 1/15 → 0.
def test_r3_final_from_flemish_totals():
    row = final_from_flemish_totals(250, 12, 45000, 1200)
    assert (row.provisional, row.realised, row.deducted, row.exact, row.final) == (250, 12, 12, Fraction(734, 3), 245)
    assert row.pot_share == Fraction(20, 3)
    assert final_from_flemish_totals(250, 1200, 45000, 12).final == 0
    # an exact half rounds up: 10 − 0 + 10/40 × 2 = 10.5 → 11
    assert final_from_flemish_totals(10, 0, 40, 2).final == 11


# --- R5 phases -------------------------------------------------------------------------------------

ON = dt.date(2030, 12, 31)


@pytest.mark.parametrize("dates, level", [
    ((dt.date(2030, 1, 1), None, None, None), MJP),
    ((None, dt.date(2030, 1, 1), None, None), KTP),
    ((None, None, dt.date(2030, 1, 1), None), UIT),
    ((None, None, None, dt.date(2030, 1, 1)), GER),
    # a later phase dated on time but an earlier one after the date: the later phase counts
    ((dt.date(2031, 1, 1), dt.date(2030, 6, 1), None, None), KTP),
    ((dt.date(2029, 1, 1), dt.date(2029, 6, 1), dt.date(2031, 1, 1), None), KTP),
])
def test_r5_each_date_gives_its_own_phase(dates, level):
    assert phase_on(Project(10, 0, *dates), ON) is level


def test_r5_counts_go_to_each_phase_and_accumulate():
    # 10 on MJP, 20 on KTP, 30 − 5 in uitvoering, 7 realised on 31/12/2030:
    # exactly (10, 20, 25, 7); at least (62, 52, 32, 7)
    projects = [
        Project(10, 0, mjp=dt.date(2030, 1, 1)),
        Project(20, 0, mjp=dt.date(2029, 1, 1), ktp=dt.date(2030, 2, 1)),
        Project(30, 5, start=dt.date(2030, 3, 1)),
        Project(7, 0, oplevering=dt.date(2030, 12, 31)),
        Project(99, 0, mjp=dt.date(2031, 1, 1)),  # after the measurement day: not counted
    ]
    exact = project_phase_counts(projects, ON)
    assert exact == {MJP: 10, KTP: 20, UIT: 25, GER: 7}
    assert at_least(exact) == {MJP: 62, KTP: 52, UIT: 32, GER: 7}


# --- R7 --------------------------------------------------------------------------------------------

def test_r7_category_takes_the_shortfall_first_and_the_assessment_second():
    assert category(3, "2a") == "2a"
    assert category(0, "2b") == "1"
    assert category(3, None) == "2"
    assert category(3, " 2B ") == "2b"
    with pytest.raises(ValueError):
        category(0, "2c")


# --- R8 sanction -------------------------------------------------------------------------------

# The five test-year percentages are all different from their neighbours' where it matters:
#   2037 100% and 2040 50%; 7 missing, normal amount 3,684.24:
#   2037: 7 × 3,684.24 × 100% = 25,789.68; 2040: 7 × 3,684.24 × 50% = 12,894.84
#   2028: 7 × 3,684.24 × 25% = 6,447.42; 2031 = 2034 = 12,894.84
def test_r8_each_test_year_has_its_own_percentage():
    assert [sanction_percentage(y) for y in (2028, 2031, 2034, 2037, 2040)] == [
        Decimal("0.25"), Decimal("0.50"), Decimal("0.50"), Decimal("1.00"), Decimal("0.50")]
    assert yearly_sanction(7, 2037) == Decimal("25789.68")
    assert yearly_sanction(7, 2040) == Decimal("12894.84")
    assert yearly_sanction(7, 2028) == Decimal("6447.42")
    assert total_sanction(7, 2040) == Decimal("38684.52")
    assert total_sanction(7, 2037) == Decimal("77369.04")


# amount_year ≠ test_year: 3 missing, test 2031, raised, amounts of 2024 (3,910.80):
#   3 × 3,910.80 × 50% = 5,866.20. The 2022 normal amount (3,157.32) at test 2040:
#   7 × 3,157.32 × 50% = 11,050.62. Swapped test_year and amount_year: 2024 is no test year.
def test_r8_amount_year_and_test_year_are_not_interchangeable():
    assert yearly_sanction(3, 2031, True, 2024) == Decimal("5866.20")
    assert yearly_sanction(7, 2040, False, 2022) == Decimal("11050.62")
    with pytest.raises(ValueError):
        yearly_sanction(3, 2024, True, 2031)


# Index projection: (1 + rate)^(year − 2025) after the last known amount (2025):
#   2031 at 2%: 1.02^6 = 1.126162419264; 3,684.24 × 1.126162419264 = 4,149.05 (to the cent)
#   2026 at 2%: 1.02^1; 3,684.24 × 1.02 = 3,757.92
#   2024 (known): no projection, 3,555.36, whatever the rate
#   2023 (between 2022 and 2024): the 2022 amount 3,157.32 as is
def test_r8_index_projection_counts_years_since_the_last_known_amount():
    assert amount_parts(2031, False, "0.02") == (2025, Decimal("1.02") ** 6, Decimal("4149.05"))
    assert yearly_amount(2026, False, "0.02") == Decimal("3757.92")
    assert yearly_amount(2024, False, "0.02") == Decimal("3555.36")
    assert yearly_amount(2023, False, "0.02") == Decimal("3157.32")
    assert known_amount_year(2023) == 2022
    # raised at −5% for 2028: 4,052.64 × 0.857375 = 3,474.630… → 3,474.63
    assert yearly_amount(2028, True, "-0.05") == Decimal("3474.63")


def test_r8_sanction_for_uses_its_own_amount_and_year():
    # 4 missing × 1,000.10 × 25% (2028) = 1,000.10; × 100% (2037) = 4,000.40
    assert sanction_for(4, Decimal("1000.10"), 2028) == Decimal("1000.10")
    assert sanction_for(4, Decimal("1000.10"), 2037) == Decimal("4000.40")
    assert instalment_years(2040) == (2041, 2042, 2043)


# --- R9 ---------------------------------------------------------------------------------------------

# regulier 100, SIB 70, permits 30: (100 + 70) / 17 = 10 > 25% × 30 = 7.5 → eligible.
#   regulier and SIB swapped (70, 100): the same total, still eligible; SIB 0 → not applicable.
#   SIB and permits swapped (100, 30, 70): 130 / 17 = 7.65 < 17.5 → not eligible.
def test_r9_sib_decides_applicability_and_permits_the_threshold():
    t = exemption_test(100, 70, 30)
    assert (t.applicable, t.objective_total, t.left, t.right, t.eligible) == (True, 170, 10, Decimal("7.50"), True)
    assert exemption_test(100, 0, 30).status == "niet van toepassing"
    assert exemption_test(0, 100, 30).status == "nee"  # 100 / 17 = 5.88 < 7.5
    assert exemption_test(100, 30, 70).eligible is False
    # the literal reading: 170 > 7.5 (eligible), 100 + 30 = 130 > 17.5 too
    assert exemption_test(100, 30, 70).literal_eligible is True


def test_r9_average_permits_over_the_window():
    # 213 + 81 over 6 years = 49; over 3 years = 98
    assert average_permits([213, 81]) == 49
    assert average_permits([213, 81], 3) == 98


# --- R10 -------------------------------------------------------------------------------------------

def test_r10_swap_moves_from_the_giver_to_the_taker():
    bso = {"A": 50, "B": 20, "C": 10}
    area = {"A": "x", "B": "x", "C": "y"}
    result = validate_swap(bso, area, {"A": -15, "B": 15})
    assert result.valid and result.new_bso == {"A": 35, "B": 35}
    # B cannot give 25 (20 − 25 < 0)
    assert not validate_swap(bso, area, {"A": 25, "B": -25}).valid


def test_r10_envelope_bso_realised_planned_are_different_arguments():
    # BSO 100: 100 realised → yes; 60 realised and 100 planned → yes; 60 and 99 → no;
    # swapped (bso 60, realised 100) → yes, but (bso 100, realised 60, planned 60) → no
    assert envelope_eligible(100, 100, 100)
    assert envelope_eligible(100, 60, 100)
    assert not envelope_eligible(100, 60, 99)
    assert not envelope_eligible(100, 99, 60)


# --- boundaries and checks that mutation testing found untested (benchmarks/mutation.py) --------------

def test_r9_one_year_window_and_literal_boundary():
    # a window of one year is allowed: 10 permits in 1 year → 10 per year; 0 years is an error
    assert average_permits([10], 1) == 10
    with pytest.raises(ValueError):
        average_permits([10], 0)
    # literal reading "greater than": regulier 6 + SIB 1 = 7 against 25% × 28 = 7 → not eligible
    assert exemption_test(6, 1, 28).literal_eligible is False
    assert exemption_test(6, 2, 28).literal_eligible is True


def test_r9_bad_inputs_are_errors():
    for args in ((-1, 5, 10), (5, -1, 10), (5, 5, -0.5), (5, 5, float("nan"))):
        with pytest.raises(ValueError):
            exemption_test(*args)


def test_r5_at_least_treats_a_missing_phase_as_zero():
    # only the KTP given (7): at least MJP = KTP = 7, in uitvoering = gerealiseerd = 0
    assert at_least({KTP: 7}) == {MJP: 7, KTP: 7, UIT: 0, GER: 0}


def test_r5_project_type_and_tenure_default_for_an_empty_cell():
    from bso_xl.rules import project_type, tenure
    assert project_type(None).name == "nieuwbouw" and project_type("").name == "nieuwbouw"
    assert tenure(None).name == "huur"
    with pytest.raises(ValueError, match="nieuwbouw.*VEP"):
        project_type("villa")
    with pytest.raises(ValueError, match="huur, koop, kavel"):
        tenure("huurkoop")


def test_r4_split_mismatch_message_names_the_sum():
    # T 40 + 70 + 99 = 209 against regulier 210: the message shows both
    with pytest.raises(ValueError, match=r"T1\+T2\+T3 = 209 .* = 210"):
        objective(Components(150, 30, 70, 10, 0), official_bso=240, interim=(40, 70, 99))


def test_r8_total_sanction_passes_amount_year_and_index_rate():
    # 3 × (3 × 3,910.80 × 50%) = 3 × 5,866.20 = 17,598.60 with the 2024 raised amount
    assert total_sanction(3, 2031, True, 2024) == Decimal("17598.60")
    # 1 missing, 2031, index 2%: 3,684.24 × 1.02^6 = 4,149.05; × 50% = 2,074.525 → 2,074.53; × 3 = 6,223.59
    assert total_sanction(1, 2031, False, None, "0.02") == Decimal("6223.59")


def test_r3_flemish_totals_checks():
    # Σ provisional equal to the municipality's own provisional is allowed (a file of one); 0 or less is not
    assert final_from_flemish_totals(10, 0, 10, 4).final == 14
    for args in ((10, 0, 9, 4), (10, 0, 0, 4), (0, 0, 0, 0), (-1, 0, 10, 0), (10, -1, 10, 0), (10, 0, 10, -1)):
        with pytest.raises(ValueError):
            final_from_flemish_totals(*args)
    # nothing realised and no pot: the final model is the provisional figure
    assert final_from_flemish_totals(1, 0, 1, 0).final == 1
    # realised above the provisional figure deducts only the provisional (0 − 0 + 0 pot share)
    assert final_from_flemish_totals(5, 9, 100, 0).final == 0


def test_r3_all_zero_provisional_has_no_share():
    # Σ provisional 0: every share 0, the pot (3, realised by a municipality with no objective) goes nowhere
    rows = provisional_to_final([0, 0], [3, 0])
    assert [r.pot_share for r in rows] == [0, 0] and [r.final for r in rows] == [0, 0]


def test_r10_envelope_boundaries():
    # exactly the BSO realised, nothing planned beyond it → eligible; exactly planned → eligible
    assert envelope_eligible(100, 100, 0)
    assert envelope_eligible(100, 0, 100)
    assert not envelope_eligible(100, 99, 99)


def test_r6_shortfall_checks_each_objective_for_negative_values():
    for args, name in (((-1, 0, 0, 0), "T1"), ((0, -1, 0, 0), "T2"), ((0, 0, -1, 0), "T3"), ((0, 0, 0, -1), "SIB")):
        with pytest.raises(ValueError, match=f"^{name} moet"):
            shortfall(*args, 2028, phases())
