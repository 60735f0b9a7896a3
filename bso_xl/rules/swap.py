"""R10: swaps between municipalities (driepartijenovereenkomst) and the voluntary envelope."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .objective import Objective, split_interim


@dataclass(frozen=True)
class SwapResult:
    valid: bool
    new_bso: dict[str, int]
    errors: tuple[str, ...]
    what_if: bool


def validate_swap(
    bso: dict[str, int],
    werkingsgebied: dict[str, str],
    changes: dict[str, int],
    allow_outside_werkingsgebied: bool = False,
) -> SwapResult:
    """R10: move part of the BSO between municipalities of one werkingsgebied.

    ``changes`` maps NIS → change in BSO (+ takes over, − hands over). Valid when the changes sum
    to 0, every municipality stays ≥ 0 and all are in the same werkingsgebied.
    ``allow_outside_werkingsgebied`` is the VVSG what-if (adjacent municipalities elsewhere): the
    result is then marked ``what_if`` and is not a swap the current rules allow.
    """
    errors = []
    unknown = [nis for nis in changes if nis not in bso]
    if unknown:
        errors.append(f"onbekende NIS-code(s): {', '.join(unknown)}")
    if sum(changes.values()) != 0:
        errors.append(f"de som van de wijzigingen moet 0 zijn, niet {sum(changes.values())}")
    # R10: "same werkingsgebied" cannot be checked for a municipality whose werkingsgebied is
    # unknown; without this two such municipalities would pass as one werkingsgebied (None).
    no_area = [nis for nis in changes if not werkingsgebied.get(nis)]
    if no_area:
        errors.append(f"werkingsgebied onbekend voor: {', '.join(no_area)}")
    areas = {werkingsgebied.get(nis) for nis in changes}
    outside = len(areas) > 1
    if outside and not allow_outside_werkingsgebied:
        errors.append("alle gemeenten moeten tot hetzelfde werkingsgebied behoren")
    new_bso = {nis: bso[nis] + changes.get(nis, 0) for nis in bso if nis in changes}
    for nis, value in new_bso.items():
        if value < 0:
            errors.append(f"{nis}: BSO zou {value} worden; geen gemeente gaat onder 0")
    return SwapResult(not errors, new_bso, tuple(errors), what_if=outside and allow_outside_werkingsgebied)


def _whole_number(value) -> bool:
    """An int, or a float without a fraction; not a bool, not text (int("x") would raise its own,
    English, message instead of the rule's)."""
    return (not isinstance(value, bool) and isinstance(value, (int, float))
            and math.isfinite(value) and int(value) == value)


def envelope_eligible(bso: int, realised: int, planned_at_least_mjp: int) -> bool:
    """R10: a municipality may take from the envelope once it has reached its BSO or will with its planning.

    ``planned_at_least_mjp`` counts every dwelling on the planning (MJP or later, realised included).
    """
    return realised >= bso or planned_at_least_mjp >= bso


def objective_after_swap(obj: Objective, change: int) -> Objective:
    """R10 (with R2 and R4): a municipality's objective after a swap changes its BSO by ``change``.

    ``change`` is what it takes over (+) or hands over (−), summed over every swap it is part of.
    - No change: the objective is unchanged (an official T1–T3 split stays).
    - The new BSO is ``bso + change``; below 0 is an error (R10: no municipality goes below 0).
    - **Interpretation:** the catch-up stays with the municipality that missed the old objective,
      and, as in R2, never exceeds the objective: SIB after = min(SIB, new BSO). A municipality that
      hands over therefore loses regular objective first; one that takes over gains regular objective.
    - **Interpretation:** the new regular objective is split into T1, T2, T3 by R4 (equal thirds,
      remainder to the earliest legislatures); an official split (bijlage 35) belongs to the
      objective before the swap.
    """
    if not _whole_number(change):
        raise ValueError(f"wijziging van het BSO moet een geheel aantal woningen zijn, niet {change!r}")
    change = int(change)
    if change == 0:
        return obj
    bso = obj.bso + change
    if bso < 0:
        raise ValueError(f"BSO {obj.bso} {change:+d} = {bso}: geen gemeente gaat onder 0 (R10)")
    sib = min(obj.sib, bso)
    regulier = bso - sib
    t1, t2, t3 = split_interim(regulier)
    note = f"ruil: BSO {obj.bso} → {bso} (R10)"
    return replace(obj, bso=bso, sib=sib, regulier=regulier, t1=t1, t2=t2, t3=t3,
                   warnings=obj.warnings + (note,))


def envelope_room(bso: int, realised: int, planned_at_least_mjp: int) -> int:
    """R10 interpretation: the extra dwellings a municipality could take from the voluntary envelope.

    The rules say who may take from the envelope (:func:`envelope_eligible`), not how much. bso-xl
    shows what the municipality's own figures support: the dwellings on its planning (MJP or later,
    realised included) beyond its BSO, when it is eligible; 0 when it is not.
    """
    for name, value in (("BSO", bso), ("gerealiseerd", realised), ("planning", planned_at_least_mjp)):
        if not _whole_number(value):
            raise ValueError(f"{name} moet een geheel aantal woningen zijn, niet {value!r}")
    if bso < 0:
        raise ValueError(f"BSO moet ≥ 0 zijn, niet {bso}")
    if not envelope_eligible(bso, realised, planned_at_least_mjp):
        return 0
    return max(0, max(realised, planned_at_least_mjp) - bso)
