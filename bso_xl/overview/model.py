"""Every number the overview workbooks show, computed by the engine.

Per municipality: its objective (R2, R4), and — when exactly one returned workbook of it was
found — the municipal workbook's own model (:func:`bso_xl.workbook.model.build_model`: projected
counts, shortfall, category, sanction, risk per test), the net dwellings in exactly each phase
at each measurement date (for the swap what-ifs) and on the planning at the end date (for the
envelope, R10). Nothing here re-derives a rule: the overview's formulas are checked against
these values after an independent recalculation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..model import FiguresFile, MunicipalityFigures
from ..parameters import load
from ..rules import Level, Objective, at_least, envelope_eligible, envelope_room, project_phase_counts
from ..rules.project_rows import counted_projects
from ..workbook.model import WorkbookModel, build_model
from .returned import ReturnedWorkbooks, read_folder

WITH_WORKBOOK = "ja"
WITHOUT_WORKBOOK = "geen"


def several(count: int) -> str:
    return f"{count} werkboeken"


@dataclass(frozen=True)
class Projection:
    """What a returned workbook says about the future (its projects' planned dates, R5)."""

    model: WorkbookModel
    in_phase: dict[int, dict[Level, int]]  # test year → net dwellings in exactly each phase at its measurement
    planning: dict[Level, int]  # at least each level on the end date (31/12/2042)


@dataclass(frozen=True)
class EnvelopeBasis:
    """R10: what decides whether a municipality may take from the envelope, and how much."""

    source: str  # where realised / planned come from, in Dutch
    realised: int | None  # None: no figures
    planned: int | None  # at least MJP (realised included)
    eligible: bool | None
    room: int | None


@dataclass(frozen=True)
class Row:
    """One municipality of the figures file, as the overviews show it."""

    fig: MunicipalityFigures
    objective: Objective
    files: tuple[str, ...]  # every returned workbook found for it (file names)
    projection: Projection | None  # None: no workbook, or more than one
    envelope: EnvelopeBasis

    @property
    def nis(self) -> str:
        return self.fig.nis

    @property
    def name(self) -> str:
        return self.fig.name

    @property
    def workbook_status(self) -> str:
        """ja / geen / "2 werkboeken" (then none is used: bso-xl does not guess)."""
        if len(self.files) > 1:
            return several(len(self.files))
        return WITH_WORKBOOK if self.projection is not None else WITHOUT_WORKBOOK


def _projection(fig: MunicipalityFigures, figures: FiguresFile, returned) -> Projection:
    p = load()
    model = build_model(fig, figures, returned.inputs)
    projects = counted_projects(list(returned.inputs.projects))
    in_phase = {year: project_phase_counts(projects, p.tests[year].measured) for year in p.test_years}
    for test in model.tests:  # the same counts the municipal workbook shows (R5)
        assert at_least(in_phase[test.year]) == test.counted, (fig.nis, test.year)
    planning = at_least(project_phase_counts(projects, p.end_date))
    return Projection(model, in_phase, planning)


def _envelope(fig: MunicipalityFigures, obj: Objective, projection: Projection | None) -> EnvelopeBasis:
    """R10 from the workbook's planning up to the end date, else the official counts, else unknown."""
    if projection is not None:
        realised, planned = projection.planning[Level.GEREALISEERD], projection.planning[Level.MJP]
        source = f"werkboek: planning tot {load().end_date:%d/%m/%Y}"
    elif fig.official_counts is not None:
        counts = at_least(fig.official_counts)
        realised, planned = counts[Level.GEREALISEERD], counts[Level.MJP]
        when = f" op {fig.peildatum:%d/%m/%Y}" if fig.peildatum else ""
        source = f"officiële tellingen{when}"
    elif obj.bso == 0:
        # R10: an objective of 0 is reached whatever is planned; what it could take is not known
        return EnvelopeBasis("geen gegevens (BSO 0 is bereikt)", None, None, True, 0)
    else:
        return EnvelopeBasis("geen gegevens", None, None, None, None)
    return EnvelopeBasis(source, realised, planned, envelope_eligible(obj.bso, realised, planned),
                         envelope_room(obj.bso, realised, planned))


@dataclass(frozen=True)
class OverviewData:
    figures: FiguresFile
    rows: dict[str, Row]  # NIS → row, in the figures file's order
    returned: ReturnedWorkbooks
    workbooks_given: bool

    @property
    def is_demo(self) -> bool:
        return self.figures.is_demo

    @cached_property
    def provinces(self) -> tuple[str, ...]:
        return tuple(sorted({r.fig.municipality.province for r in self.rows.values()}))

    @cached_property
    def woonmaatschappijen(self) -> tuple[str, ...]:
        return tuple(sorted({r.fig.municipality.woonmaatschappij for r in self.rows.values()}, key=str.casefold))

    def of_woonmaatschappij(self, wm: str) -> list[Row]:
        return [r for r in self.rows.values() if r.fig.municipality.woonmaatschappij == wm]

    def of_province(self, province: str) -> list[Row]:
        return [r for r in self.rows.values() if r.fig.municipality.province == province]


def build_overview(figures: FiguresFile, workbooks: str | None = None) -> OverviewData:
    """The figures file plus the returned workbooks in the folder ``workbooks`` (None: none)."""
    returned = read_folder(workbooks, figures)
    rows = {}
    for nis, fig in figures.rows.items():
        obj = fig.objective()
        used = returned.used.get(nis)
        projection = None if used is None else _projection(fig, figures, used)
        rows[nis] = Row(fig, obj, returned.by_nis.get(nis, ()), projection, _envelope(fig, obj, projection))
    return OverviewData(figures, rows, returned, workbooks is not None)
