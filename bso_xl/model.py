"""The figures of one municipality as the rest of bso-xl uses them, once read and validated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal

from .municipalities import Municipality, municipality
from .rules import Components, FinalModelRow, Level, Objective, objective, provisional_to_final

DEMO_LABEL = "voorbeeldcijfers — geen officiële cijfers"


@dataclass(frozen=True)
class MunicipalityFigures:
    """One row of a figures file (see ``figures.py`` for the columns)."""

    nis: str
    components: Components
    official_bso: int | None = None
    interim: tuple[int, int, int] | None = None
    voorlopig_bso: int | None = None
    gerealiseerd_2024_2025: int | None = None
    raised_override: bool | None = None
    average_permits: Decimal | None = None
    official_counts: dict[Level, int] | None = None  # dwellings in exactly each phase
    peildatum: dt.date | None = None
    is_demo: bool = False

    @property
    def municipality(self) -> Municipality:
        return municipality(self.nis)

    @property
    def name(self) -> str:
        return self.municipality.name

    @property
    def raised_huurpremie(self) -> bool:
        """R8: raised (+10%) amount: the file's override, else the reference list."""
        if self.raised_override is not None:
            return self.raised_override
        return self.municipality.raised_huurpremie

    def objective(self) -> Objective:
        """R2 + R4 for this municipality."""
        return objective(self.components, self.official_bso, self.interim)


@dataclass(frozen=True)
class ProvisionalModel:
    """R3 model over every municipality of a file that gives provisional and realised figures."""

    rows: dict[str, FinalModelRow]
    provisional_total: int
    pot: int


@dataclass(frozen=True)
class FiguresFile:
    """A whole validated figures file, keyed by NIS in file order."""

    source: str
    rows: dict[str, MunicipalityFigures] = field(default_factory=dict)
    is_demo: bool = False
    peildatum: dt.date | None = None

    @cached_property
    def provisional_model(self) -> ProvisionalModel:
        """R3 over the whole file, computed once (a batch writes 285 workbooks from one file)."""
        given = [f for f in self.rows.values()
                 if f.voorlopig_bso is not None and f.gerealiseerd_2024_2025 is not None]
        rows = provisional_to_final([f.voorlopig_bso for f in given], [f.gerealiseerd_2024_2025 for f in given])
        return ProvisionalModel(
            rows={f.nis: row for f, row in zip(given, rows)},
            provisional_total=sum(r.provisional for r in rows),
            pot=sum(r.deducted for r in rows),
        )
