"""R9 (exemption from the catch-up) and R10 (swaps, envelope)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from bso_xl.municipalities import municipalities
from bso_xl.parameters import load
from bso_xl.rules import average_permits, envelope_eligible, exemption_test, validate_swap

D = Decimal


# --- R9 ---------------------------------------------------------------------------------------

def test_r9_threshold_parameter_is_25pct():
    assert load().exemption_threshold == D("0.25")


def test_r9_years_parameter_is_17():
    # R9 interpretation: the objective runs 2026–2042, 17 years.
    assert load().exemption_years == 17


def test_r9_eligible_shows_both_sides_per_year():
    # regulier 100 + SIB 70 = 170 over 17 years = 10 per year > 25% × 30 = 7.5 → eligible.
    t = exemption_test(100, 70, 30)
    assert (t.objective_total, t.years, t.left, t.right) == (170, 17, 10, D("7.5"))
    assert t.eligible is True and t.status == "ja"


def test_r9_equal_sides_are_not_eligible_strict_inequality():
    # 170 / 17 = 10 and 25% × 40 = 10: "groter dan" is strict → not eligible.
    t = exemption_test(100, 70, 40)
    assert (t.left, t.right, t.eligible, t.status) == (10, D("10"), False, "nee")


def test_r9_per_year_reading_differs_from_the_literal_one():
    # regulier 30 + SIB 10 = 40: per year 40/17 ≈ 2.35 < 25% × 150 = 37.5 → not eligible;
    # read literally (the whole 40 against one year's 37.5) it would be eligible.
    t = exemption_test(30, 10, 150)
    assert t.left == Fraction(40, 17)
    assert t.eligible is False and t.literal_eligible is True


def test_r9_without_sib_not_applicable_whatever_the_numbers():
    # R9: an exemption from the catch-up; SIB 0 → "niet van toepassing" even with no permits at all.
    for regulier, permits in ((200, 1), (0, 0), (5000, 0)):
        t = exemption_test(regulier, 0, permits)
        assert (t.applicable, t.eligible, t.status) == (False, None, "niet van toepassing")


def test_r9_exact_at_the_boundary():
    # 16 + 1 = 17 per 17 years = 1 per year; 25% × 4 = 1 → not eligible (strict);
    # 25% × 3.99 = 0.9975 < 1 → eligible. Exact fractions, no float rounding.
    assert exemption_test(16, 1, 4).eligible is False
    assert exemption_test(16, 1, D("3.99")).eligible is True
    assert exemption_test(16, 1, 3.99).eligible is True
    # no permits at all: 1/17 > 0 → eligible.
    assert exemption_test(0, 1, 0).eligible is True


@pytest.mark.parametrize("args", [(-1, 0, 100), (0, -1, 100), (0, 0, -1)])
def test_r9_negative_inputs_are_errors(args):
    with pytest.raises(ValueError):
        exemption_test(*args)


def test_r9_average_permits_default_window_six_years():
    # R9 interpretation: default window = last six years. 60+90+150+120+180+300 = 900 / 6 = 150.
    assert load().permit_window_years == 6
    assert average_permits([60, 90, 150, 120, 180, 300]) == D("150")
    # periods summed over a 3-year window: (100 + 50) / 3 = 50
    assert average_permits([100, 50], years=3) == D("50")


def test_r9_average_permits_window_must_be_positive():
    with pytest.raises(ValueError):
        average_permits([10], years=0)


def test_r9_end_to_end_average_then_test():
    # 900 over 6 years = 150 per year → threshold 37.5; (600 + 90) / 17 ≈ 40.6 > 37.5 → eligible.
    assert exemption_test(600, 90, average_permits([60, 90, 150, 120, 180, 300])).eligible is True
    # (550 + 85) / 17 ≈ 37.35 < 37.5 → not eligible.
    assert exemption_test(550, 85, average_permits([60, 90, 150, 120, 180, 300])).eligible is False


# --- R10 swaps --------------------------------------------------------------------------------

BSO = {"A": 100, "B": 50, "C": 20, "X": 40}
AREA = {"A": "WG1", "B": "WG1", "C": "WG1", "X": "WG2"}


def test_r10_valid_swap_within_werkingsgebied_keeps_the_sum():
    # A hands 30 to B: 100 − 30 = 70, 50 + 30 = 80; 70 + 80 = 150 = 100 + 50.
    r = validate_swap(BSO, AREA, {"A": -30, "B": 30})
    assert r.valid is True
    assert r.errors == ()
    assert r.new_bso == {"A": 70, "B": 80}
    assert r.what_if is False


def test_r10_three_municipalities():
    # A −20, B +5, C +15: sum 0 → 80, 55, 35
    r = validate_swap(BSO, AREA, {"A": -20, "B": 5, "C": 15})
    assert r.valid and r.new_bso == {"A": 80, "B": 55, "C": 35}


def test_r10_swap_outside_werkingsgebied_is_invalid():
    r = validate_swap(BSO, AREA, {"A": -10, "X": 10})
    assert r.valid is False
    assert len(r.errors) == 1
    assert r.what_if is False


def test_r10_swap_outside_werkingsgebied_as_labelled_what_if():
    # VVSG asks to allow adjacent municipalities outside the werkingsgebied: a what-if only.
    r = validate_swap(BSO, AREA, {"A": -10, "X": 10}, allow_outside_werkingsgebied=True)
    assert r.valid is True
    assert r.what_if is True
    assert r.new_bso == {"A": 90, "X": 50}


def test_r10_sum_not_zero_is_invalid():
    # −10 + 11 = 1 ≠ 0
    r = validate_swap(BSO, AREA, {"A": -10, "B": 11})
    assert r.valid is False
    assert len(r.errors) == 1
    assert r.new_bso == {"A": 90, "B": 61}


def test_r10_below_zero_is_invalid():
    # C has 20; handing over 21 → −1.
    r = validate_swap(BSO, AREA, {"C": -21, "B": 21})
    assert r.valid is False
    assert r.new_bso["C"] == -1
    assert any("-1" in e for e in r.errors)


def test_r10_exactly_zero_is_allowed():
    r = validate_swap(BSO, AREA, {"C": -20, "B": 20})
    assert r.valid is True and r.new_bso == {"C": 0, "B": 70}


def test_r10_unknown_municipality_is_invalid():
    r = validate_swap(BSO, {**AREA, "Z": "WG1"}, {"A": -5, "Z": 5})
    assert r.valid is False


def test_r10_unknown_werkingsgebied_is_invalid():
    # Engine fix in swap.py: two municipalities with no werkingsgebied in the mapping used to pass
    # as "the same werkingsgebied" (both None). The rule cannot be checked → invalid.
    r = validate_swap({"P": 10, "Q": 10}, {}, {"P": -5, "Q": 5})
    assert r.valid is False
    assert r.errors


def test_r10_real_werkingsgebied_from_reference_data():
    # Two municipalities that share a werkingsgebied in data/gemeenten-2025.csv, and one that doesn't.
    munis = list(municipalities().values())
    a = munis[0]
    b = next(m for m in munis[1:] if m.werkingsgebied_code == a.werkingsgebied_code)
    c = next(m for m in munis if m.werkingsgebied_code != a.werkingsgebied_code)
    area = {m.nis: m.werkingsgebied_code for m in munis}
    bso = {a.nis: 10, b.nis: 10, c.nis: 10}
    assert validate_swap(bso, area, {a.nis: -4, b.nis: 4}).valid is True
    assert validate_swap(bso, area, {a.nis: -4, c.nis: 4}).valid is False


# --- R10 envelope -----------------------------------------------------------------------------

def test_r10_envelope_bso_reached():
    assert envelope_eligible(bso=50, realised=50, planned_at_least_mjp=50) is True


def test_r10_envelope_reached_with_planning():
    # 30 realised, 55 at least on MJP (realised included) ≥ 50 → eligible.
    assert envelope_eligible(bso=50, realised=30, planned_at_least_mjp=55) is True


def test_r10_envelope_not_reached():
    assert envelope_eligible(bso=50, realised=30, planned_at_least_mjp=49) is False


def test_r10_envelope_zero_objective():
    assert envelope_eligible(bso=0, realised=0, planned_at_least_mjp=0) is True


def test_r10_envelope_parameters():
    # R1/R10: 5,000 scalable to 11,000; 45,000 mandatory.
    p = load()
    assert (p.envelope_min, p.envelope_max, p.flemish_total) == (5000, 11000, 45000)
