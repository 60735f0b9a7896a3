"""R3: from provisional (31/12/2023) to final (nulmeting 31/12/2025) objectives, as a model."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import floor


@dataclass(frozen=True)
class FinalModelRow:
    provisional: int
    realised: int
    deducted: int
    pot_share: Fraction
    exact: Fraction
    final: int


def _largest_remainder(quotas: list[Fraction], total: int) -> list[int]:
    """Whole numbers with the given sum, each the floor or ceil of its quota (ties: earliest first)."""
    floors = [floor(q) for q in quotas]
    missing = total - sum(floors)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += 1
    return floors


def provisional_to_final(provisional: list[int], realised: list[int]) -> list[FinalModelRow]:
    """R3 model: ``final_i = max(0, provisional_i − realised_i + share_i × Σ realised)``.

    ``share_i = provisional_i / Σ provisional``; whole dwellings by the largest-remainder method,
    so the Flemish total is unchanged.

    Interpretation: a municipality can only put in the pot what it deducts from its own objective,
    so the deduction is ``min(realised_i, provisional_i)``. Whenever nobody realised more than its
    own provisional objective this is exactly the formula above; otherwise it keeps both the floor
    at 0 and the Flemish total.
    """
    if len(provisional) != len(realised):
        raise ValueError("voorlopige en gerealiseerde aantallen hebben niet dezelfde lengte")
    if any(v < 0 for v in provisional) or any(v < 0 for v in realised):
        raise ValueError("aantallen woningen moeten ≥ 0 zijn")
    total = sum(provisional)
    deducted = [min(r, p) for p, r in zip(provisional, realised)]
    pot = sum(deducted)
    shares = [Fraction(p, total) if total else Fraction(0) for p in provisional]
    exact = [p - d + s * pot for p, d, s in zip(provisional, deducted, shares)]
    final = _largest_remainder(exact, total)
    return [
        FinalModelRow(p, r, d, s * pot, e, f)
        for p, r, d, s, e, f in zip(provisional, realised, deducted, shares, exact, final)
    ]


def final_from_flemish_totals(provisional: int, realised: int, provisional_total: int, pot: int) -> FinalModelRow:
    """R3 model for one municipality when only the Flemish totals are known (a partial file).

    The pot and Σ provisional are Flemish quantities (R3): here they come from the figures file's
    stated totals, never from a partial sum. The share and the exact value are as in
    :func:`provisional_to_final`; the whole number is the exact value rounded half up, because the
    largest-remainder method needs every municipality's remainder (it can differ by one dwelling).
    """
    if min(provisional, realised, pot) < 0:
        raise ValueError("aantallen woningen moeten ≥ 0 zijn")
    if provisional_total <= 0 or provisional_total < provisional:
        raise ValueError(f"som van de voorlopige BSO's {provisional_total} moet ≥ het voorlopige BSO "
                         f"{provisional} en > 0 zijn")
    deducted = min(realised, provisional)
    share = Fraction(provisional, provisional_total)
    exact = provisional - deducted + share * pot
    return FinalModelRow(provisional, realised, deducted, share * pot, exact, floor(exact + Fraction(1, 2)))
