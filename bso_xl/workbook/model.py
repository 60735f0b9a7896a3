"""Every number a municipality's workbook shows, computed by the engine.

The workbook writes each of these as a native Excel formula *and* stores the value below as the
formula's cached result, so previews show the engine's numbers and the recalculation tests can
compare Excel/LibreOffice's answer with the engine's, cell by cell. The officer's inputs
(:class:`~bso_xl.workbook.inputs.WorkbookInputs`) go through the same guards as the formulas
(:mod:`bso_xl.workbook.guards`): a refused input gives a message, never a number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import ceil

from ..basedata import PERMIT_SOURCE, average_permits_per_year
from ..model import FiguresFile, MunicipalityFigures
from ..parameters import load
from ..rules import (
    ExemptionTest, Level, Objective, Project, amount_parts, at_least, catchup_need, combined_requirement,
    exemption_test, instalment_years, over_instalments, project_phase_counts, regular_need, sanction_for,
    sanction_percentage, shortfall,
)
from ..rules.project_rows import check_row
from ..rules.sanction import known_amount_year
from . import guards
from .guards import NOT_COMPUTED, Used
from .inputs import WorkbookInputs

LEVEL_LABELS = ("MJP", "KTP", "in uitvoering", "gerealiseerd")
DECIDED_NOTHING = "—"          # no shortfall: no level decides
DECIDED_WHOLE_BSO = "rest van het BSO"  # the whole-BSO bound (R6) decides


@dataclass(frozen=True)
class TestResult:
    """One progress test (R6–R8) as the workbook shows it.

    Money and counts that depend on the officer's inputs are numbers, or the message of
    :mod:`guards` when an input was refused (``str``).
    """

    year: int
    measured: dt.date
    regular: dict[Level, Fraction]
    catchup: dict[Level, Fraction]
    required: dict[Level, Fraction]
    counted: dict[Level, int]  # at least each level, from the Projecten table
    gaps: dict[Level, int]  # missing per level: max(0, ceil(required − counted)) (R6)
    shortfall: int  # from the projects (Tekort_J)
    deciding: str  # the level whose gap is the shortfall, or "—"
    shortfall_used: int | str  # the officer's override if valid, else from the projects
    percentage: Decimal
    amount_base_year: int
    index_factor: Decimal | str
    amount_computed: Decimal | str  # 12 × (base + 4 × per dependant), indexed
    amount_used: Decimal | str
    sanction: Decimal | str  # per year, if 2b (Sanctie_J)
    sanction_total: Decimal | str
    assessment: str | None  # "2a", "2b" or None
    assessment_message: str
    category: str  # "1", "2", "2a", "2b" or "—" (shortfall refused)
    in_budget: Decimal | str  # per year in the budget: 0 for 1 and 2a, else the sanction
    expected: Decimal | str  # over the instalments, assessed 2b
    risk: Decimal | str  # over the instalments, not yet assessed ("indien 2b")
    instalments: tuple[int, ...]


@dataclass(frozen=True)
class ProvisionalExplanation:
    """R3: how the provisional figure becomes the final one for this municipality.

    ``over_flanders`` False: the Flemish totals come from the figures file's stated lines (the
    model's whole number is then the exact value rounded, not the largest remainder over Flanders).
    """

    provisional: int
    realised: int
    deducted: int
    provisional_total: int
    pot: int
    share: Fraction
    exact: Fraction
    model_final: int
    unexplained: int  # BSO − model
    over_flanders: bool


@dataclass(frozen=True)
class OfficialProgress:
    """Official counts at the last measurement and the shortfall they give at the next test."""

    counts: dict[Level, int]  # in exactly each phase
    test_year: int
    shortfall: int


@dataclass(frozen=True)
class Exemption:
    """R9 as the Berekening sheet shows it."""

    permits_source_value: Decimal | None  # the figures file's or the base figures' average
    permits_source: str
    permits_used: Decimal | None | str  # str: refused input
    test: ExemptionTest | None  # None when the permits are unknown or refused
    status: str  # Vrijstelling_toets: ja, nee, niet van toepassing, niet te berekenen


@dataclass(frozen=True)
class BudgetYear:
    """R8: one calendar year of the meerjarenplan."""

    year: int
    per_test: dict[int, Decimal | str]  # test year → instalment due this year (0 when none)
    expected: Decimal | str  # tests assessed 2b
    risk: Decimal | str  # tests not yet assessed
    budget: Decimal | str  # Budget_J: every test not assessed 2a


@dataclass(frozen=True)
class ProjectsSummary:
    rows: int
    flagged: int  # Projecten_problemen
    outside_table: int  # filled cells below the table (a new workbook has none)


@dataclass(frozen=True)
class WorkbookModel:
    figures: MunicipalityFigures
    objective: Objective
    inputs: WorkbookInputs
    raised_listed: bool
    raised: bool
    raised_message: str
    index_rate: Used  # the rate used, or refused
    tests: tuple[TestResult, ...]
    budget: tuple[BudgetYear, ...]
    exemption: Exemption
    provisional: ProvisionalExplanation | None
    provisional_known: bool  # False: a partial file without Flemish totals (R3)
    flemish_pot: int | None  # R3: Σ realised 2024–2025 over Flanders, when the file makes it known
    official: OfficialProgress | None
    projects: ProjectsSummary

    @property
    def index_rate_value(self) -> Decimal | None:
        return self.index_rate.value


def _deciding(gaps: dict[Level, int], missing: int) -> str:
    """Which level decides the shortfall: the first with the largest gap, or the whole-BSO bound."""
    if missing == 0:
        return DECIDED_NOTHING
    largest = max(gaps.values())
    if missing < largest:
        return DECIDED_WHOLE_BSO
    return LEVEL_LABELS[next(level for level in Level if gaps[level] == largest)]


def _amount(year: int, raised: bool, rate: Used) -> tuple[int, Decimal | str, Decimal | str]:
    """R8: base year, index factor and the (indexed) yearly amount per missing dwelling."""
    if rate.refused:
        return known_amount_year(year), NOT_COMPUTED, NOT_COMPUTED
    return amount_parts(year, raised, rate.value)


def _test_result(obj: Objective, year: int, projects: list[Project], raised: bool, rate: Used,
                 inputs: WorkbookInputs) -> TestResult:
    p = load()
    test = p.tests[year]
    in_phase = project_phase_counts(projects, test.measured)
    counted = at_least(in_phase)
    required = combined_requirement(obj.t1, obj.t2, obj.t3, obj.sib, year)
    missing = shortfall(obj.t1, obj.t2, obj.t3, obj.sib, year, in_phase)
    gaps = {level: max(0, ceil(required[level] - counted[level])) for level in Level}
    used = guards.shortfall_used(inputs.shortfall.get(year), missing)
    percentage = sanction_percentage(year)
    base_year, factor, computed = _amount(year, raised, rate)
    amount = guards.amount_used(inputs.amount.get(year), Used(None, computed) if isinstance(computed, str)
                                else Used(computed))
    amount_value = amount.value if not amount.refused else amount.message
    shortfall_value = used.value if not used.refused else used.message
    if used.refused or amount.refused:
        sanction = total = NOT_COMPUTED
    else:
        sanction = sanction_for(used.value, amount.value, year)
        total = over_instalments(sanction)
    assessment, message = guards.assessment_used(inputs.assessment.get(year))
    if used.refused:
        category = DECIDED_NOTHING
    elif used.value == 0:
        category = "1"
    else:
        category = assessment or "2"
    in_budget = 0 if category in ("1", "2a") else (sanction if category != DECIDED_NOTHING else NOT_COMPUTED)
    if category == DECIDED_NOTHING:
        expected = risk = NOT_COMPUTED
    else:
        expected = total if category == "2b" else Decimal(0)
        risk = total if category == "2" else Decimal(0)
    return TestResult(
        year=year, measured=test.measured,
        regular=regular_need(obj.t1, obj.t2, obj.t3, year), catchup=catchup_need(obj.sib, year),
        required=required, counted=counted, gaps=gaps, shortfall=missing, deciding=_deciding(gaps, missing),
        shortfall_used=shortfall_value, percentage=percentage, amount_base_year=base_year,
        index_factor=factor, amount_computed=computed, amount_used=amount_value, sanction=sanction,
        sanction_total=total, assessment=assessment, assessment_message=message, category=category,
        in_budget=in_budget, expected=expected, risk=risk, instalments=instalment_years(year),
    )


def budget_years() -> range:
    """R8: the calendar years instalments can fall in (2029 … 2043 with the default parameters)."""
    years = [y for t in load().test_years for y in instalment_years(t)]
    return range(min(years), max(years) + 1)


def _budget(tests: tuple[TestResult, ...]) -> tuple[BudgetYear, ...]:
    """R8 budget years: per calendar year the instalments due; a refused input in a test whose
    instalment falls in the year makes that year's totals a message (never a partial sum)."""
    result = []
    for year in budget_years():
        per_test = {t.year: (t.in_budget if year in t.instalments else Decimal(0)) for t in tests}
        if any(isinstance(v, str) for v in per_test.values()):
            expected = risk = budget = NOT_COMPUTED
        else:
            expected = sum((v for t in tests if t.category == "2b" for v in [per_test[t.year]]), Decimal(0))
            risk = sum((v for t in tests if t.category == "2" for v in [per_test[t.year]]), Decimal(0))
            budget = sum(per_test.values(), Decimal(0))
        result.append(BudgetYear(year, per_test, expected, risk, budget))
    return tuple(result)


def _provisional(fig: MunicipalityFigures, figures: FiguresFile, obj: Objective) -> ProvisionalExplanation | None:
    """R3: this municipality's line of the model, and what the model does not explain."""
    table = figures.provisional_model
    if table is None or fig.nis not in table.rows:
        return None
    mine = table.rows[fig.nis]
    return ProvisionalExplanation(
        provisional=mine.provisional,
        realised=mine.realised,
        deducted=mine.deducted,
        provisional_total=table.provisional_total,
        pot=table.pot,
        share=Fraction(mine.provisional, table.provisional_total) if table.provisional_total else Fraction(0),
        exact=mine.exact,
        model_final=mine.final,
        unexplained=obj.bso - mine.final,
        over_flanders=table.over_flanders,
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


def _exemption(fig: MunicipalityFigures, obj: Objective, inputs: WorkbookInputs) -> Exemption:
    """R9 with the officer's own permit average when typed, else the figures file's or base figures'."""
    source_value, source = fig.average_permits, "cijferbestand"
    if source_value is None:
        source_value, source = average_permits_per_year(fig.nis), PERMIT_SOURCE
    used = guards.permits_used(inputs.permits, source_value)
    test = None if used.value is None else exemption_test(obj.regulier, obj.sib, used.value)
    if obj.sib == 0:
        status = "niet van toepassing"
    elif test is None:
        status = "niet te berekenen"
    else:
        status = test.status
    return Exemption(
        permits_source_value=source_value,
        permits_source=source if source_value is not None else "",
        permits_used=used.message if used.refused and used.message else used.value,
        test=test,
        status=status,
    )


def build_model(fig: MunicipalityFigures, figures: FiguresFile, inputs: WorkbookInputs | None = None) -> WorkbookModel:
    inputs = inputs or WorkbookInputs()
    obj = fig.objective()
    p = load()
    checks = [check_row(row) for row in inputs.projects]
    projects = [c.project for c in checks if c.project is not None]
    raised, raised_message = guards.raised_used(inputs.raised_choice, fig.raised_huurpremie)
    rate = guards.index_rate_used(inputs.index_rate)
    tests = tuple(_test_result(obj, y, projects, raised, rate, inputs) for y in p.test_years)
    return WorkbookModel(
        figures=fig,
        objective=obj,
        inputs=inputs,
        raised_listed=fig.raised_huurpremie,
        raised=raised,
        raised_message=raised_message,
        index_rate=rate,
        tests=tests,
        budget=_budget(tests),
        exemption=_exemption(fig, obj, inputs),
        provisional=_provisional(fig, figures, obj),
        provisional_known=figures.provisional_model is not None,
        flemish_pot=None if figures.provisional_model is None else figures.provisional_model.pot,
        official=_official(fig, obj),
        projects=ProjectsSummary(rows=len(inputs.projects), flagged=sum(c.flagged for c in checks),
                                 outside_table=0),
    )
