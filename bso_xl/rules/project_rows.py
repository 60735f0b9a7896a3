"""R5: one Projecten row as an officer typed (or pasted) it → what it counts, and what is wrong.

R5: "A project row whose dwellings cannot be counted (no phase date, a date that is text, dates out
of order, demolished > dwellings without saying so) is never dropped silently: it is counted as far
as it can be and flagged." This module decides, cell by cell, exactly as the workbook's Telt and
Status formulas do (``bso_xl/workbook/project_status.py`` writes them), so the engine and the
workbook agree on every row, also on rows read back from a returned workbook.

A cell is what a spreadsheet holds: ``None`` (blank), a number, a date or datetime, text, or a
boolean. A date cell counts only when it holds a real date (a number) between the parameters
``date_min`` and ``date_max``: text such as "15/03/2026" and a bare year (2030, i.e. 22/07/1905)
are flagged and do not count; the row still counts on its other dates.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from enum import Enum, IntEnum
from fractions import Fraction

from ..parameters import ProjectType, Tenure, load
from .phases import Level, Project

DATE_COLUMNS = ("mjp", "ktp", "start", "oplevering")  # in phase order (R5)
INPUT_COLUMNS = ("project", "locatie", "type", "huur_koop", "woningen", "gesloopt", *DATE_COLUMNS,
                 "opmerking", "bron")
MAX_DWELLINGS = 10_000  # more in one project is a typing error (or a date pasted), never a count
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


class Blocked(Enum):
    """Why a row adds nothing at all (checked in this order)."""

    DWELLINGS = "woningen"          # Woningen empty, text, negative, fractional or absurd
    DEMOLISHED = "gesloopt"         # Gesloopt text, negative or fractional
    TYPE = "type"                   # a Type the parameters do not know
    TENURE = "huur_koop"            # a Huur/koop the parameters do not know
    NOT_RENTAL = "koop"             # koop or kavel: only social rental dwellings count (flagged)
    DEMOLISHED_MISSING = "sloop"    # a type that counts net needs Gesloopt (VEP), left empty (flagged)
    ADDS_NOTHING = "nul"            # a type that adds no dwellings (REP) — not a problem


class DateProblem(Enum):
    """What is wrong with the phase dates of a countable row (the first that applies)."""

    TEXT = "tekst"          # a date cell holds text (or a boolean)
    INVALID = "ongeldig"    # a number outside the valid date range (a bare year)
    NONE = "geen"           # no valid phase date at all
    ORDER = "volgorde"      # a later phase dated before an earlier one


@dataclass(frozen=True)
class RowCheck:
    """What one row counts and why.

    ``adds`` is what the Telt column shows (0 when blocked); ``project`` is the engine project that
    is counted (None when the row counts nowhere). ``highest`` is the latest phase with a valid date
    and the day it shows. ``flagged`` rows are what the workbook's name Projecten_problemen counts.
    """

    empty: bool
    adds: int
    project: Project | None
    blocked: Blocked | None = None
    kind: ProjectType | None = None
    tenure: Tenure | None = None
    date_problem: DateProblem | None = None
    date_column: str | None = None  # the first date column with a TEXT or INVALID problem
    highest: tuple[Level, dt.date] | None = None
    demolished_more: bool = False

    @property
    def flagged(self) -> bool:
        if self.empty or self.blocked is Blocked.ADDS_NOTHING:
            return False
        return self.blocked is not None or self.date_problem is not None or self.demolished_more


# --- one cell ---------------------------------------------------------------------------------


def is_blank(value) -> bool:
    """A blank cell; the workbook writer never writes an empty string, so "" is blank too."""
    return value is None or (isinstance(value, str) and value == "")


def _is_number(value) -> bool:
    """ISNUMBER: numbers and dates; not booleans (Excel's TRUE is not a number), not text."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, Fraction)):
        return math.isfinite(value)
    return isinstance(value, (dt.date, dt.datetime))


def serial(value) -> float:
    """A number or a date as Excel's day number (1 = 1/1/1900, with the 1900 leap-year quirk).

    Excel counts a 29/02/1900 that never was (day 60): from 1/3/1900 on (day 61) the days since
    30/12/1899 are its day numbers; before, they are one more than Excel's (1/1/1900 is day 1)."""
    if isinstance(value, dt.datetime):
        days = (value - EXCEL_EPOCH).total_seconds() / 86400
    elif isinstance(value, dt.date):
        days = float((value - EXCEL_EPOCH.date()).days)
    else:
        return float(value)
    return days if days >= 61 else days - 1


def from_serial(number: float) -> dt.datetime:
    return EXCEL_EPOCH + dt.timedelta(days=number)


def whole_count(value) -> int | None:
    """Woningen/Gesloopt: a whole number 0 … 10,000, else None (text, negative, 12.5, TRUE).

    A date is a number to Excel (its day number), and so it is here."""
    if not _is_number(value):
        return None
    number = serial(value)
    if number < 0 or number > MAX_DWELLINGS or number != int(number):
        return None
    return int(number)


def text_key(value) -> str:
    """LOWER(TRIM(cell)) as Excel computes it: TRIM removes spaces at both ends and collapses runs
    of spaces inside (only the space character, as Excel)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    return re.sub(" +", " ", text.strip(" ")).lower()


def lookup_type(value) -> ProjectType | None:
    """The project type a Type cell names; blank is the default type; unknown is None."""
    p = load()
    key = text_key(value) or p.default_project_type
    return next((kind for kind in p.project_types if key in kind.spellings), None)


def lookup_tenure(value) -> Tenure | None:
    p = load()
    key = text_key(value) or p.default_tenure
    return next((kind for kind in p.tenures if key == kind.name), None)


def _valid_date(value) -> dt.date | None:
    """A phase date that counts: a number within [date_min, date_max] (as a day number).

    Returned as the first whole day on or after the moment, so that ``date ≤ measurement day``
    holds exactly when Excel's ``cell ≤ measurement day`` does (a time of day counts from the next
    day on).
    """
    if not _is_number(value):
        return None
    p = load()
    number = serial(value)
    if number < serial(p.date_min) or number > serial(p.date_max):
        return None
    return from_serial(math.ceil(number)).date()


class DateCell(IntEnum):
    """What a phase-date cell holds, as the workbook's hidden "… datum" columns code it."""

    BLANK = 0
    VALID = 1  # a real date in the valid range: it counts
    TEXT = 2  # text (or a boolean): flagged, does not count
    INVALID = 3  # a number outside the valid range (a bare year): flagged, does not count


def date_cell(value) -> DateCell:
    if is_blank(value):
        return DateCell.BLANK
    if not _is_number(value):
        return DateCell.TEXT
    return DateCell.VALID if _valid_date(value) is not None else DateCell.INVALID


def shown_date(value) -> dt.date:
    """The day a date cell shows (DAY/MONTH/YEAR of the number, its time of day dropped)."""
    return from_serial(math.floor(serial(value))).date()


# --- one row ----------------------------------------------------------------------------------


def _date_issue(row) -> tuple[DateProblem | None, str | None]:
    codes = {column: date_cell(row.get(column)) for column in DATE_COLUMNS}
    for kind, problem in ((DateCell.TEXT, DateProblem.TEXT), (DateCell.INVALID, DateProblem.INVALID)):
        for column in DATE_COLUMNS:
            if codes[column] is kind:
                return problem, column
    return None, None


def _out_of_order(values: list) -> bool:
    """A later phase dated before an earlier one (comparing the valid dates as numbers)."""
    numbers = [serial(v) if _valid_date(v) is not None else None for v in values]
    return any(a is not None and b is not None and b < a
               for i, a in enumerate(numbers) for b in numbers[i + 1:])


def check_row(row: dict) -> RowCheck:
    """R5: what one Projecten row adds, the project the engine counts, and what is flagged.

    ``row`` maps the lower-case column keys (``INPUT_COLUMNS``) to cell values; missing keys are
    blank. Checked in the order the Status column reports them: Woningen, Gesloopt, Type,
    Huur/koop, koop/kavel, a missing Gesloopt where the type needs it, a type that adds nothing;
    then, for a row that counts, the dates (text, invalid, none, order) and demolished > built.
    """
    values = [row.get(column) for column in DATE_COLUMNS]
    dates = [_valid_date(v) for v in values]
    highest = next(((Level(i), shown_date(values[i])) for i in reversed(range(4)) if dates[i] is not None), None)
    if all(is_blank(row.get(column)) for column in INPUT_COLUMNS):
        return RowCheck(empty=True, adds=0, project=None)
    woningen = whole_count(row.get("woningen"))
    gesloopt_cell = row.get("gesloopt")
    gesloopt = 0 if is_blank(gesloopt_cell) else whole_count(gesloopt_cell)
    kind, tenure = lookup_type(row.get("type")), lookup_tenure(row.get("huur_koop"))
    blocked = None
    if woningen is None:
        blocked = Blocked.DWELLINGS
    elif gesloopt is None:
        blocked = Blocked.DEMOLISHED
    elif kind is None:
        blocked = Blocked.TYPE
    elif tenure is None:
        blocked = Blocked.TENURE
    elif tenure.factor == 0:
        blocked = Blocked.NOT_RENTAL
    elif kind.demolished_required and is_blank(gesloopt_cell):
        blocked = Blocked.DEMOLISHED_MISSING
    elif kind.dwellings_factor == 0 and kind.demolished_factor == 0:
        blocked = Blocked.ADDS_NOTHING
    if blocked is not None:
        return RowCheck(empty=False, adds=0, project=None, blocked=blocked, kind=kind, tenure=tenure,
                        highest=highest)

    project = Project(woningen, gesloopt, *dates, type=kind.name, tenure=tenure.name,
                      gesloopt_known=not is_blank(gesloopt_cell))
    problem, column = _date_issue(row)
    if problem is None and highest is None:
        problem = DateProblem.NONE
    elif problem is None and _out_of_order(values):
        problem = DateProblem.ORDER
    return RowCheck(
        empty=False,
        adds=project.adds,
        project=project,
        kind=kind,
        tenure=tenure,
        date_problem=problem,
        date_column=column,
        highest=highest,
        demolished_more=gesloopt > woningen and not kind.demolished_required,
    )


def counted_projects(rows: list[dict]) -> list[Project]:
    """R5: the engine projects of a Projecten table (rows that count nowhere are left out)."""
    return [check.project for check in map(check_row, rows) if check.project is not None]
