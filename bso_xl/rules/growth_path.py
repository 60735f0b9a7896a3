"""R6: what the two growth paths require at each progress test, per level."""

from __future__ import annotations

from fractions import Fraction

from ..parameters import load
from .phases import Level


def _test(test_year: int):
    tests = load().tests
    if test_year not in tests:
        years = ", ".join(str(y) for y in tests)
        raise ValueError(f"{test_year} is geen toetsjaar; toetsjaren zijn {years}")
    return tests[test_year]


def regular_need(t1: int, t2: int, t3: int, test_year: int) -> dict[Level, Fraction]:
    """R6 regular path: dwellings needed at each level or later (0 for in uitvoering, gerealiseerd)."""
    test = _test(test_year)
    need = {level: Fraction(0) for level in Level}
    for level_name, (c1, c2, c3) in test.regular.items():
        need[Level[level_name]] = c1 * t1 + c2 * t2 + c3 * t3
    return need


def catchup_need(sib: int, test_year: int) -> dict[Level, Fraction]:
    """R6 catch-up path: its fraction of the SIB at its level and every earlier level, 0 later."""
    test = _test(test_year)
    level_of_test = Level[test.catchup_level]
    amount = test.catchup_fraction * sib
    return {level: amount if level <= level_of_test else Fraction(0) for level in Level}


def combined_requirement(t1: int, t2: int, t3: int, sib: int, test_year: int) -> dict[Level, Fraction]:
    """R6: R(ℓ) = need_regular(ℓ) + need_SIB(ℓ), exact (one dwelling counts once)."""
    regular = regular_need(t1, t2, t3, test_year)
    catchup = catchup_need(sib, test_year)
    return {level: regular[level] + catchup[level] for level in Level}
