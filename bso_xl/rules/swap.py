"""R10: swaps between municipalities (driepartijenovereenkomst) and the voluntary envelope."""

from __future__ import annotations

from dataclasses import dataclass


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


def envelope_eligible(bso: int, realised: int, planned_at_least_mjp: int) -> bool:
    """R10: a municipality may take from the envelope once it has reached its BSO or will with its planning.

    ``planned_at_least_mjp`` counts every dwelling on the planning (MJP or later, realised included).
    """
    return realised >= bso or planned_at_least_mjp >= bso
