"""R6 shortfall at a progress test and R7 category."""

from __future__ import annotations

from math import ceil

from .growth_path import combined_requirement
from .phases import Level, at_least

NOT_ASSESSED = "nog niet gekend"
ASSESSMENTS = (NOT_ASSESSED, "2a", "2b")  # what the workbook's dropdown offers


def assessment_key(assessment) -> str | None:
    """R7: the assessment of the plan van aanpak as "2a", "2b" or None (not yet known).

    Accepts exactly the workbook's dropdown values, in any case and with spaces around; empty is
    not yet known. Anything else is a ValueError (never silently "not yet known").
    """
    if assessment is None:
        return None
    key = " ".join(str(assessment).split()).lower()
    if key in ("", NOT_ASSESSED):
        return None
    if key in ASSESSMENTS:
        return key
    raise ValueError(f"beoordeling {assessment!r} onbekend; toegelaten: leeg, {', '.join(ASSESSMENTS)}")


def shortfall(t1: int, t2: int, t3: int, sib: int, test_year: int, in_phase: dict[Level, int]) -> int:
    """R6: the smallest number of extra dwellings that would pass the test.

    ``in_phase`` holds the net dwellings in exactly each phase at the measurement date.
    Shortfall = max over levels of ceil(R(ℓ) − count(at least ℓ)), never below 0; a municipality
    whose whole BSO is realised passes every test.
    """
    for name, value in (("T1", t1), ("T2", t2), ("T3", t3), ("SIB", sib)):
        if value < 0:
            raise ValueError(f"{name} moet ≥ 0 zijn, niet {value}")
    # R6/R8: a year that is not a test year is an error, also when the whole BSO is realised
    # (the requirement is computed first so the early return below cannot hide that error).
    required = combined_requirement(t1, t2, t3, sib, test_year)
    counts = at_least(in_phase)
    if counts[Level.GEREALISEERD] >= t1 + t2 + t3 + sib:
        return 0
    gaps = [ceil(required[level] - counts[level]) for level in Level]
    # R6 "the smallest number of extra dwellings that would pass the test": BSO − realised extra
    # realised dwellings always pass (whole BSO realised), which is fewer than the largest gap when
    # a rebuild with a negative net count sits in an earlier phase.
    return min(max(0, *gaps), t1 + t2 + t3 + sib - counts[Level.GEREALISEERD])


def category(shortfall_dwellings: int, assessment: str | None = None) -> str:
    """R7: "1" when nothing is missing, else "2" until the plan van aanpak is assessed ("2a"/"2b").

    The assessment is checked even when nothing is missing: an unknown value is an error, not "1".
    """
    if shortfall_dwellings < 0:
        raise ValueError(f"tekort moet ≥ 0 zijn, niet {shortfall_dwellings}")
    key = assessment_key(assessment)
    if shortfall_dwellings == 0:
        return "1"
    return "2" if key is None else key
