"""Every number a municipality's workbook shows, computed by the engine.

The workbook writes each of these as a native Excel formula *and* stores the value below as the
formula's cached result, so previews show the engine's numbers and the recalculation tests can
compare Excel/LibreOffice's answer with the engine's, cell by cell.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..basedata import PERMIT_SOURCE, average_permits_per_year
from ..model import FiguresFile, MunicipalityFigures
from ..parameters import load
from ..rules import (
    ExemptionTest, Level, Objective, Project, at_least, catchup_need, category, combined_requirement,
    exemption_test, instalment_years, project_phase_counts, regular_need,
    sanction_percentage, shortfall, total_sanction, yearly_amount, yearly_sanction,
)


@dataclass(frozen=True)
class TestResult:
    """One progress test (R6–R8) as the workbook shows it."""

    year: int
    measured: dt.date
    regular: dict[Level, Fraction]
    catchup: dict[Level, Fraction]
    required: dict[Level, Fraction]
    counted: dict[Level, int]  # at least each level, from the Projecten table
    shortfall: int
    category: str
    percentage: Decimal
    amount: Decimal  # yearly amount per missing dwelling
    sanction: Decimal  # per year, if 2b
    sanction_total: Decimal
    instalments: tuple[int, ...]


@dataclass(frozen=True)
class ProvisionalExplanation:
    """R3: how the provisional figure becomes the final one for this municipality."""

    provisional: int
    realised: int
    deducted: int
    provisional_total: int
    pot: int
    exact: Fraction
    model_final: int
    unexplained: int  # official final BSO − model


@dataclass(frozen=True)
class OfficialProgress:
    """Official counts at the last measurement and the shortfall they give at the next test."""

    counts: dict[Level, int]  # in exactly each phase
    test_year: int
    shortfall: int


@dataclass(frozen=True)
class WorkbookModel:
    figures: MunicipalityFigures
    objective: Objective
    raised: bool
    index_rate: Decimal
    tests: tuple[TestResult, ...]
    exemption: ExemptionTest | None
    average_permits: Decimal | None  # R9 input: the figures file's, else the base figures'
    average_permits_source: str
    provisional: ProvisionalExplanation | None
    official: OfficialProgress | None


def _test_result(obj: Objective, year: int, projects: list[Project], raised: bool, rate: Decimal) -> TestResult:
    test = load().tests[year]
    in_phase = project_phase_counts(projects, test.measured)
    counted = at_least(in_phase)
    missing = shortfall(obj.t1, obj.t2, obj.t3, obj.sib, year, in_phase)
    return TestResult(
        year=year,
        measured=test.measured,
        regular=regular_need(obj.t1, obj.t2, obj.t3, year),
        catchup=catchup_need(obj.sib, year),
        required=combined_requirement(obj.t1, obj.t2, obj.t3, obj.sib, year),
        counted=counted,
        shortfall=missing,
        category=category(missing),
        percentage=sanction_percentage(year),
        amount=yearly_amount(year, raised, rate),
        sanction=yearly_sanction(missing, year, raised, index_rate=rate),
        sanction_total=total_sanction(missing, year, raised, index_rate=rate),
        instalments=instalment_years(year),
    )


def _provisional(fig: MunicipalityFigures, figures: FiguresFile, obj: Objective) -> ProvisionalExplanation | None:
    """R3: this municipality's line of the model, and what the model does not explain."""
    if fig.voorlopig_bso is None or fig.gerealiseerd_2024_2025 is None:
        return None
    table = figures.provisional_model
    mine = table.rows[fig.nis]
    return ProvisionalExplanation(
        provisional=mine.provisional,
        realised=mine.realised,
        deducted=mine.deducted,
        provisional_total=table.provisional_total,
        pot=table.pot,
        exact=mine.exact,
        model_final=mine.final,
        unexplained=obj.bso - mine.final,
    )


def _official(fig: MunicipalityFigures, obj: Objective) -> OfficialProgress | None:
    """Official counts are judged against the first test measured on or after their peildatum."""
    if fig.official_counts is None:
        return None
    tests = load().tests
    year = min(tests)
    if fig.peildatum is not None:
        later = [y for y, t in tests.items() if t.measured >= fig.peildatum]
        year = min(later) if later else max(tests)
    missing = shortfall(obj.t1, obj.t2, obj.t3, obj.sib, year, fig.official_counts)
    return OfficialProgress(dict(fig.official_counts), year, missing)


def build_model(fig: MunicipalityFigures, figures: FiguresFile, projects: list[Project]) -> WorkbookModel:
    obj = fig.objective()
    p = load()
    rate = p.default_index_rate
    raised = fig.raised_huurpremie
    permits, permits_source = fig.average_permits, "cijferbestand"
    if permits is None:
        permits, permits_source = average_permits_per_year(fig.nis), PERMIT_SOURCE
    exemption = None if permits is None else exemption_test(obj.regulier, obj.sib, permits)
    return WorkbookModel(
        figures=fig,
        objective=obj,
        raised=raised,
        index_rate=rate,
        tests=tuple(_test_result(obj, y, projects, raised, rate) for y in p.test_years),
        exemption=exemption,
        average_permits=permits,
        average_permits_source=permits_source if permits is not None else "",
        provisional=_provisional(fig, figures, obj),
        official=_official(fig, obj),
    )
