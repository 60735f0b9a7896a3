"""R2 (the municipal objective) and R4 (interim objectives T1, T2, T3)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Components:
    """The five published components of a municipality's BSO (R2), in whole dwellings."""

    aandeel_op_peil: int
    sib: int
    wettelijke_doelgroep: int
    overschrijding: int
    aftopping_9pct: int


@dataclass(frozen=True)
class Objective:
    """A municipality's objective after R2 and R4.

    ``identity`` is the raw identity (may be negative); ``bso`` is what counts: the official
    figure when one is given, else the identity floored at 0. ``sib`` is the catch-up counted
    (never above the BSO).
    """

    identity: int
    bso: int
    sib: int
    regulier: int
    t1: int
    t2: int
    t3: int
    official_bso: int | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def from_components(self) -> int:
        """R2: the objective the components give (before any official figure)."""
        return bso_from_identity(self.identity)

    @property
    def interim(self) -> tuple[int, int, int]:
        return (self.t1, self.t2, self.t3)


def identity_bso(c: Components) -> int:
    """R2: aandeel op peil + SIB + wettelijke doelgroep − overschrijding − 9%-aftopping (raw)."""
    return c.aandeel_op_peil + c.sib + c.wettelijke_doelgroep - c.overschrijding - c.aftopping_9pct


def bso_from_identity(identity: int) -> int:
    """R2 interpretation: a negative identity is an objective of 0 (15 municipalities get none)."""
    return max(0, identity)


def split_interim(regulier: int) -> tuple[int, int, int]:
    """R4 interpretation: equal thirds in whole dwellings, remainder to the earliest (100 → 34, 33, 33)."""
    if regulier < 0:
        raise ValueError(f"regulier objectief moet ≥ 0 zijn, niet {regulier}")
    base, rest = divmod(regulier, 3)
    return tuple(base + (1 if i < rest else 0) for i in range(3))  # type: ignore[return-value]


def objective(
    components: Components,
    official_bso: int | None = None,
    interim: tuple[int, int, int] | None = None,
) -> Objective:
    """R2 + R4: the objective, the catch-up counted, the regular part and its interim split.

    - A negative identity is an objective of 0 (R2 interpretation).
    - An official BSO wins; a difference with the identity becomes a warning, never a fix.
    - The SIB counted never exceeds the BSO (R2 interpretation).
    - ``interim`` (T1, T2, T3 from bijlage 35) must sum to the regular part, else ValueError.
    """
    identity = identity_bso(components)
    computed = bso_from_identity(identity)
    warnings: list[str] = []
    if official_bso is not None:
        bso = official_bso
        if official_bso != computed:
            warnings.append(
                f"officieel BSO {official_bso} verschilt van de som van de componenten {computed}"
            )
    else:
        bso = computed
    sib = min(components.sib, bso)
    if sib < components.sib:
        warnings.append(f"SIB {components.sib} begrensd tot het BSO {bso} (R2)")
    regulier = bso - sib
    if interim is None:
        t1, t2, t3 = split_interim(regulier)
    else:
        t1, t2, t3 = interim
        if t1 + t2 + t3 != regulier:
            raise ValueError(
                f"T1+T2+T3 = {t1 + t2 + t3} moet gelijk zijn aan BSO − SIB = {regulier}"
            )
    return Objective(identity, bso, sib, regulier, t1, t2, t3, official_bso, tuple(warnings))
