"""The figures of one municipality as the rest of bso-xl uses them, once read and validated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal

from .municipalities import Municipality, municipalities, municipality
from .parameters import load
from .rules import (
    Components, FinalModelRow, Level, Objective, final_from_flemish_totals, objective, provisional_to_final,
)

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
    """R3 model for the municipalities of a file that gives provisional and realised figures.

    ``provisional_total`` and ``pot`` are Flemish: summed over a file that covers all 285
    municipalities (``over_flanders``, whole dwellings by the largest remainder over Flanders), or
    the totals the file states in its ``# vlaams_…`` lines (each municipality rounded on its own).
    """

    rows: dict[str, FinalModelRow]
    provisional_total: int
    pot: int
    over_flanders: bool


@dataclass(frozen=True)
class FiguresFile:
    """A whole validated figures file, keyed by NIS in file order.

    ``stated_provisional_total`` and ``stated_realised_total`` are the file-level lines
    ``# vlaams_voorlopig_totaal: 45000`` and ``# vlaams_gerealiseerd_2024_2025: N`` (R3).
    ``warnings`` are problems that do not stop the file from being used (shown by ``check``).
    """

    source: str
    rows: dict[str, MunicipalityFigures] = field(default_factory=dict)
    is_demo: bool = False
    peildatum: dt.date | None = None
    stated_provisional_total: int | None = None
    stated_realised_total: int | None = None
    warnings: tuple[str, ...] = ()

    @property
    def covers_flanders(self) -> bool:
        """R3: every one of the 285 municipalities gives both the provisional and the realised figure."""
        given = {nis for nis, f in self.rows.items()
                 if f.voorlopig_bso is not None and f.gerealiseerd_2024_2025 is not None}
        return given == set(municipalities())

    @cached_property
    def provisional_model(self) -> ProvisionalModel | None:
        """R3 for the file's municipalities, computed once; None when the Flemish pot is unknown.

        A file that covers only some municipalities and states no Flemish totals cannot explain
        the pot: a share of a partial sum is never presented as if it were Flanders.
        """
        given = [f for f in self.rows.values()
                 if f.voorlopig_bso is not None and f.gerealiseerd_2024_2025 is not None]
        if self.covers_flanders:
            rows = provisional_to_final([f.voorlopig_bso for f in given], [f.gerealiseerd_2024_2025 for f in given])
            return ProvisionalModel(
                rows={f.nis: row for f, row in zip(given, rows)},
                provisional_total=sum(r.provisional for r in rows),
                pot=sum(r.deducted for r in rows),
                over_flanders=True,
            )
        if self.stated_realised_total is None:
            return None
        # R3/R1: Σ provisional is 45,000 unless the file states otherwise; Σ realised must be given.
        total = self.stated_provisional_total if self.stated_provisional_total is not None else load().flemish_total
        pot = self.stated_realised_total
        return ProvisionalModel(
            rows={f.nis: final_from_flemish_totals(f.voorlopig_bso, f.gerealiseerd_2024_2025, total, pot)
                  for f in given},
            provisional_total=total,
            pot=pot,
            over_flanders=False,
        )
