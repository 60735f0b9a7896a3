"""R5: project phases and cumulative ("at least") counts, net of demolitions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum


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


@dataclass(frozen=True)
class Project:
    """A social rental housing project as entered in the Projecten table.

    The four dates are when the project reached each phase (None when not, or not known).
    """

    woningen: int
    gesloopt: int = 0
    mjp: dt.date | None = None
    ktp: dt.date | None = None
    start: dt.date | None = None
    oplevering: dt.date | None = None

    @property
    def net(self) -> int:
        """R5: counts are net: dwellings demolished for the project are subtracted."""
        return self.woningen - self.gesloopt


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
    """R5: net dwellings in exactly each phase on a date."""
    counts = {level: 0 for level in Level}
    for project in projects:
        level = phase_on(project, on)
        if level is not None:
            counts[level] += project.net
    return counts


def at_least(in_phase: dict[Level, int]) -> dict[Level, int]:
    """R5: cumulative counts: at least MJP = MJP + KTP + in uitvoering + gerealiseerd, etc."""
    result, running = {}, 0
    for level in reversed(Level):
        running += in_phase.get(level, 0)
        result[level] = running
    return {level: result[level] for level in Level}
