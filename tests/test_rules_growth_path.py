"""R6: what the regular and the catch-up growth paths require at each progress test.

The tables in BSO-RULES R6 are restated here as numbers; a requirement "x at level ℓ" means at
least x dwellings at ℓ or later.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from bso_xl.parameters import load
from bso_xl.rules import Level, catchup_need, combined_requirement, regular_need

MJP, KTP, UIT, GER = Level.MJP, Level.KTP, Level.UITVOERING, Level.GEREALISEERD


def as_tuple(need):
    """(MJP, KTP, in uitvoering, gerealiseerd)."""
    return tuple(need[level] for level in (MJP, KTP, UIT, GER))


def test_r6_test_years_and_measurement_dates():
    # R6: measured 31/12 of 2027, 2030, 2033, 2036, 2039; tests held the following year.
    tests = load().tests
    assert load().test_years == (2028, 2031, 2034, 2037, 2040)
    assert {y: t.measured for y, t in tests.items()} == {
        2028: dt.date(2027, 12, 31),
        2031: dt.date(2030, 12, 31),
        2034: dt.date(2033, 12, 31),
        2037: dt.date(2036, 12, 31),
        2040: dt.date(2039, 12, 31),
    }
    # the SIB end target (no test): 31/12/2042
    assert load().end_date == dt.date(2042, 12, 31)


# Regular path, T1 = T2 = T3 = 90 (R6 table "at least KTP / at least MJP"):
#   2028: KTP 0,            MJP ½·90 = 45
#   2031: KTP ½·90 = 45,    MJP 90
#   2034: KTP 90,           MJP 90 + 45 = 135
#   2037: KTP 90 + 45 = 135, MJP 180
#   2040: KTP 270,          MJP 270
# in uitvoering and gerealiseerd: 0 on the regular path.
@pytest.mark.parametrize(
    "year, expected",
    [
        (2028, (45, 0, 0, 0)),
        (2031, (90, 45, 0, 0)),
        (2034, (135, 90, 0, 0)),
        (2037, (180, 135, 0, 0)),
        (2040, (270, 270, 0, 0)),
    ],
)
def test_r6_regular_path_table_equal_thirds(year, expected):
    assert as_tuple(regular_need(90, 90, 90, year)) == expected


# Regular path, unequal T1 = 40, T2 = 70, T3 = 100 (so each coefficient is visible):
#   2028: KTP 0,              MJP 20
#   2031: KTP 20,             MJP 40
#   2034: KTP 40,             MJP 40 + 35 = 75
#   2037: KTP 40 + 35 = 75,   MJP 110
#   2040: KTP 210,            MJP 210
@pytest.mark.parametrize(
    "year, expected",
    [
        (2028, (20, 0, 0, 0)),
        (2031, (40, 20, 0, 0)),
        (2034, (75, 40, 0, 0)),
        (2037, (110, 75, 0, 0)),
        (2040, (210, 210, 0, 0)),
    ],
)
def test_r6_regular_path_table_unequal_interims(year, expected):
    assert as_tuple(regular_need(40, 70, 100, year)) == expected


# Catch-up path, SIB = 60 (R6 catch-up table; the fraction applies at its level and every
# earlier level, 0 at later ones):
#   2028: ¼·60 = 15 on MJP          → (15, 0, 0, 0)
#   2031: ¼·60 = 15 on KTP          → (15, 15, 0, 0)
#   2034: ½·60 = 30 on KTP          → (30, 30, 0, 0)
#   2037: ½·60 = 30 realised        → (30, 30, 30, 30)   (every level incl. GEREALISEERD)
#   2040: ¾·60 = 45 on KTP          → (45, 45, 0, 0)     (0 at GEREALISEERD from the SIB path)
@pytest.mark.parametrize(
    "year, expected",
    [
        (2028, (15, 0, 0, 0)),
        (2031, (15, 15, 0, 0)),
        (2034, (30, 30, 0, 0)),
        (2037, (30, 30, 30, 30)),
        (2040, (45, 45, 0, 0)),
    ],
)
def test_r6_catchup_path_table(year, expected):
    assert as_tuple(catchup_need(60, year)) == expected


def test_r6_catchup_2037_needs_half_sib_realised_at_every_level():
    # 2037: "½·SIB realised" → at least ½·SIB at GEREALISEERD, hence also at every earlier level.
    need = catchup_need(61, 2037)
    assert all(need[level] == Fraction(61, 2) for level in Level)


def test_r6_catchup_2040_needs_nothing_realised():
    # 2040: "¾·SIB at least on KTP": nothing is required at in uitvoering or gerealiseerd.
    need = catchup_need(60, 2040)
    assert need[GER] == 0 and need[UIT] == 0 and need[KTP] == 45


def test_r6_worked_example_combined_requirement_2037():
    # BSO-RULES R6 worked example: T1 = T2 = T3 = 90, SIB = 60, test 2037 →
    # R(MJP) = 180 + 30 = 210, R(KTP) = 135 + 30 = 165, R(in uitvoering) = R(gerealiseerd) = 30.
    assert as_tuple(combined_requirement(90, 90, 90, 60, 2037)) == (210, 165, 30, 30)


# Combined requirement, T1 = 40, T2 = 70, T3 = 100, SIB = 20 (sum of the two tables above,
# catch-up: ¼·20 = 5, ½·20 = 10, ¾·20 = 15):
#   2028: MJP 20 + 5 = 25;  KTP 0
#   2031: MJP 40 + 5 = 45;  KTP 20 + 5 = 25
#   2034: MJP 75 + 10 = 85; KTP 40 + 10 = 50
#   2037: MJP 110 + 10 = 120; KTP 75 + 10 = 85; UIT 10; GER 10
#   2040: MJP 210 + 15 = 225; KTP 225
@pytest.mark.parametrize(
    "year, expected",
    [
        (2028, (25, 0, 0, 0)),
        (2031, (45, 25, 0, 0)),
        (2034, (85, 50, 0, 0)),
        (2037, (120, 85, 10, 10)),
        (2040, (225, 225, 0, 0)),
    ],
)
def test_r6_combined_requirement_table(year, expected):
    assert as_tuple(combined_requirement(40, 70, 100, 20, year)) == expected


def test_r6_fractions_stay_exact_odd_t1():
    # T1 = 91 odd: ½·T1 = 91/2 exactly, not 45 or 46 (R6: "Fractions are kept exact until this ceil").
    assert regular_need(91, 0, 0, 2028)[MJP] == Fraction(91, 2)
    assert regular_need(91, 0, 0, 2031)[KTP] == Fraction(91, 2)
    # SIB = 1: ¼ and ¾ stay exact and add to the regular half: ½ + ¼ = ¾ at MJP in 2028.
    assert combined_requirement(1, 0, 0, 1, 2028)[MJP] == Fraction(3, 4)
    assert catchup_need(1, 2040)[KTP] == Fraction(3, 4)
    assert all(isinstance(v, Fraction) for v in combined_requirement(91, 3, 5, 1, 2034).values())


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2029, 2030, 2039, 2041, 2042])
def test_r6_non_test_years_are_errors(year):
    # R6/R8: only 2028, 2031, 2034, 2037 and 2040 are test years; 2027/2030/... are measurement
    # years and 2042 is the end target without a test.
    with pytest.raises(ValueError):
        regular_need(90, 90, 90, year)
    with pytest.raises(ValueError):
        catchup_need(60, year)
    with pytest.raises(ValueError):
        combined_requirement(90, 90, 90, 60, year)
