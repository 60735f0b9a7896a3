"""R9: the quantitative test for an exemption from the catch-up (vrijstelling)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..parameters import load


@dataclass(frozen=True)
class ExemptionTest:
    """Both sides of R9 (b): ``left = regulier + SIB`` against ``right = 25% × average permits``."""

    left: int
    right: Decimal
    eligible: bool


def average_permits(permits_per_period: list[int], years: int | None = None) -> Decimal:
    """Average dwellings permitted per year over the window (default: the last six years).

    ``permits_per_period`` are sums over whole periods; ``years`` is the length they cover together.
    """
    window = load().permit_window_years if years is None else years
    if window <= 0:
        raise ValueError("het vergunningenvenster moet minstens één jaar zijn")
    return Decimal(sum(permits_per_period)) / Decimal(window)


def exemption_test(regulier: int, sib: int, average_permits_per_year: Decimal | int | float) -> ExemptionTest:
    """R9 (b): eligible when regulier + SIB > 25% × average number of dwellings permitted per year."""
    if regulier < 0 or sib < 0:
        raise ValueError("regulier objectief en SIB moeten ≥ 0 zijn")
    average = Decimal(str(average_permits_per_year))
    if average < 0:
        raise ValueError("het gemiddeld aantal vergunde woningen moet ≥ 0 zijn")
    left = regulier + sib
    right = load().exemption_threshold * average
    return ExemptionTest(left=left, right=right, eligible=left > right)
