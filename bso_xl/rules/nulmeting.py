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
