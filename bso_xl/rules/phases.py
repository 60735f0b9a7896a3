"""R5: project phases, what a project adds (type, tenure, net of demolitions) and cumulative counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum

from ..parameters import ProjectType, Tenure, load


class Level(IntEnum):
    """Project phases in order (R5); a later phase counts at every earlier level."""

    MJP = 0
    KTP = 1
    UITVOERING = 2
    GEREALISEERD = 3

    @classmethod
    def parse(cls, text: str) -> "Level":
        key = str(text).strip().upper().replace(" ", "_")
        aliases = {"IN_UITVOERING": "UITVOERING", "REALISATIE": "GEREALISEERD"}
        key = aliases.get(key, key)
        try:
            return cls[key]
        except KeyError:
            raise ValueError(
                f"onbekend niveau {text!r}; toegelaten: MJP, KTP, UITVOERING, GEREALISEERD"
            ) from None


def _key(text) -> str:
    return "" if text is None else str(text).strip().lower()


def project_type(text: str | None) -> ProjectType:
    """R5: the type a Type cell names: a Dutch name or a VMSW code, any case, spaces around
    ignored; empty is the default type (nieuwbouw). Unknown text is a ValueError."""
    p = load()
    key = _key(text) or p.default_project_type
    for kind in p.project_types:
        if key in kind.spellings:
            return kind
    names = ", ".join(k.name for k in p.project_types)
    codes = ", ".join(c for k in p.project_types for c in k.codes)
    raise ValueError(f"onbekend projecttype {text!r}; toegelaten: {names} of een VMSW-code ({codes})")


def tenure(text: str | None) -> Tenure:
    """R5: huur, koop or kavel (any case, spaces around ignored); empty is huur."""
    p = load()
    key = _key(text) or p.default_tenure
    for kind in p.tenures:
        if key == kind.name:
            return kind
    raise ValueError(f"onbekende waarde {text!r} voor huur/koop; toegelaten: "
                     + ", ".join(k.name for k in p.tenures))


@dataclass(frozen=True)
class Project:
    """A social housing project as entered in the Projecten table.

    The four dates are when the project reached each phase (None when not, or not known).
    ``type`` and ``tenure`` are as typed (empty: nieuwbouw, huur); ``gesloopt_known`` is False when
    the Gesloopt cell was left empty, which matters only for types that require it (VEP).
    """

    woningen: int
    gesloopt: int = 0
    mjp: dt.date | None = None
    ktp: dt.date | None = None
    start: dt.date | None = None
    oplevering: dt.date | None = None
    type: str = ""
    tenure: str = ""
    gesloopt_known: bool = True

    @property
    def net(self) -> int:
        """R5: counts are net: dwellings demolished for the project are subtracted."""
        return self.woningen - self.gesloopt

    @property
    def adds(self) -> int:
        """R5: what the project adds when it reaches a phase.

        Only social rental dwellings count (koop and kavel add 0); the type says how dwellings and
        demolished dwellings count (renovatie of own dwellings adds 0, inhuur its dwellings); a type
        that requires the demolished dwellings (VEP) adds 0 until they are entered.
        """
        kind = project_type(self.type)
        if tenure(self.tenure).factor == 0:
            return 0
        if kind.demolished_required and not self.gesloopt_known:
            return 0
        return kind.dwellings_factor * self.woningen - kind.demolished_factor * self.gesloopt


def phase_on(project: Project, on: dt.date) -> Level | None:
    """R5: the latest phase the project has reached on a date.

    A project is at a level when the earliest of its dates for that level and all later phases
    is on or before the date (so a completed project is on the KTP even with no KTP date).
    """
    dates = (project.mjp, project.ktp, project.start, project.oplevering)
    for level in reversed(Level):
        reached = [d for d in dates[level:] if d is not None]
        if reached and min(reached) <= on:
            return level
    return None


def project_phase_counts(projects: list[Project], on: dt.date) -> dict[Level, int]:
    """R5: dwellings in exactly each phase on a date, as each project adds them (net)."""
    counts = {level: 0 for level in Level}
    for project in projects:
        level = phase_on(project, on)
        if level is not None:
            counts[level] += project.adds
    return counts


def at_least(in_phase: dict[Level, int]) -> dict[Level, int]:
    """R5: cumulative counts: at least MJP = MJP + KTP + in uitvoering + gerealiseerd, etc."""
    result, running = {}, 0
    for level in reversed(Level):
        running += in_phase.get(level, 0)
        result[level] = running
    return {level: result[level] for level in Level}
