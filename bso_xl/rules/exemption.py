"""R9: the quantitative test for an exemption from the catch-up (vrijstelling)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..parameters import load

NOT_APPLICABLE = "niet van toepassing"


@dataclass(frozen=True)
class ExemptionTest:
    """Both sides of R9 (b), per year, and what the literal reading would say.

    ``objective_total`` is regulier + SIB (the whole 2026–2042 effort); ``left`` is that per year
    (``objective_total / years``); ``right`` is 25% × the average dwellings permitted per year.
    Without a SIB there is no catch-up to be exempted from: ``applicable`` is False and
    ``eligible`` None (R9).
    """

    applicable: bool
    objective_total: int
    years: int
    left: Fraction
    right: Decimal
    eligible: bool | None
    literal_eligible: bool

    @property
    def status(self) -> str:
        """"ja", "nee" or "niet van toepassing", as the workbook's name Vrijstelling_toets."""
        if not self.applicable:
            return NOT_APPLICABLE
        return "ja" if self.eligible else "nee"


def average_permits(permits_per_period: list[int], years: int | None = None) -> Decimal:
    """Average dwellings permitted per year over the window (default: the last six years).

    ``permits_per_period`` are sums over whole periods; ``years`` is the length they cover together.
    """
    window = load().permit_window_years if years is None else years
    if window <= 0:
        raise ValueError("het vergunningenvenster moet minstens één jaar zijn")
    return Decimal(sum(permits_per_period)) / Decimal(window)


def exemption_test(regulier: int, sib: int, average_permits_per_year: Decimal | int | float) -> ExemptionTest:
    """R9 (b) as revised: ``(regulier + SIB) / 17 > 25% × average dwellings permitted per year``.

    - The exemption is from the catch-up: with SIB 0 it does not apply, whatever the numbers.
    - Interpretation (per year): the objective is a 17-year effort while the permits are "op
      jaarbasis", so both sides are yearly; the number of years is a parameter. The comparison
      is exact (Fraction), strict as the text says ("groter dan").
    - ``literal_eligible`` is the literal reading (the whole objective against one year's permits),
      which the workbook explains in one sentence.
    """
    if regulier < 0 or sib < 0:
        raise ValueError("regulier objectief en SIB moeten ≥ 0 zijn")
    average = Decimal(str(average_permits_per_year))
    if not average.is_finite() or average < 0:
        raise ValueError("het gemiddeld aantal vergunde woningen moet een getal ≥ 0 zijn")
    p = load()
    total = regulier + sib
    years = p.exemption_years
    left = Fraction(total, years)
    right = p.exemption_threshold * average
    applicable = sib > 0
    return ExemptionTest(
        applicable=applicable,
        objective_total=total,
        years=years,
        left=left,
        right=right,
        eligible=(left > Fraction(right)) if applicable else None,
        literal_eligible=total > right,
    )
