"""The Python side of the workbook's input guards (bso_xl.workbook.guards), in the fast suite.

The formulas are proven equal to these in LibreOffice (test_workbook_branches.py); here each
guard's branches are pinned to what the workbook promises: a refused value gives a message, never
a number (R7, R8, R9).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bso_xl.rules import Project
from bso_xl.workbook import guards
from bso_xl.workbook.guards import (
    REFUSED_AMOUNT, REFUSED_INDEX, REFUSED_PERMITS, REFUSED_SHORTFALL, UNKNOWN_ASSESSMENT, UNKNOWN_CHOICE, Used,
)


@pytest.mark.parametrize("typed, expected", [
    (None, Used(8)), ("", Used(8)), (3, Used(3)), (3.0, Used(3)), (0, Used(0)), (1_000_000, Used(1_000_000)),
    (2.5, Used(None, REFUSED_SHORTFALL)), (-1, Used(None, REFUSED_SHORTFALL)),
    (1_000_001, Used(None, REFUSED_SHORTFALL)), ("veel", Used(None, REFUSED_SHORTFALL)),
    (True, Used(None, REFUSED_SHORTFALL)), (float("nan"), Used(None, REFUSED_SHORTFALL)),
])
def test_shortfall_override(typed, expected):
    # blank: the 8 from the projects; a whole number 0 … 1,000,000: that; anything else refused
    assert guards.shortfall_used(typed, 8) == expected


@pytest.mark.parametrize("typed, expected", [
    (None, Used(Decimal("3684.24"))), (4000, Used(Decimal("4000"))), (0, Used(Decimal("0"))),
    (12.5, Used(Decimal("12.5"))), (-1, Used(None, REFUSED_AMOUNT)), ("duur", Used(None, REFUSED_AMOUNT)),
])
def test_amount_override(typed, expected):
    assert guards.amount_used(typed, Decimal("3684.24")) == expected


def test_amount_override_blank_keeps_a_refused_computed_amount():
    refused = Used(None, "niet berekend")
    assert guards.amount_used(None, refused) is refused
    assert guards.amount_used(100, refused) == Used(Decimal("100"))


@pytest.mark.parametrize("typed, expected", [
    (None, Used(Decimal("0"))), (0.02, Used(Decimal("0.02"))), (-0.1, Used(Decimal("-0.1"))),
    (0.2, Used(Decimal("0.2"))), (0.21, Used(None, REFUSED_INDEX)), (-0.11, Used(None, REFUSED_INDEX)),
    ("2%", Used(None, REFUSED_INDEX)),
])
def test_index_rate(typed, expected):
    assert guards.index_rate_used(typed) == expected


@pytest.mark.parametrize("typed, source, expected", [
    (None, Decimal("49"), Used(Decimal("49"))), (None, None, Used(None)), (120, Decimal("49"), Used(Decimal("120"))),
    (0, None, Used(Decimal("0"))), (-3, Decimal("49"), Used(None, REFUSED_PERMITS)),
    ("veel", None, Used(None, REFUSED_PERMITS)),
])
def test_permits(typed, source, expected):
    assert guards.permits_used(typed, source) == expected


@pytest.mark.parametrize("choice, listed, expected", [
    (None, True, (True, "")), (None, False, (False, "")), ("ja", False, (True, "")), (" JA ", False, (True, "")),
    ("nee", True, (False, "")), ("Nee", True, (False, "")), ("misschien", True, (True, UNKNOWN_CHOICE)),
    ("misschien", False, (False, UNKNOWN_CHOICE)), ("   ", True, (True, "")),
])
def test_raised_choice(choice, listed, expected):
    assert guards.raised_used(choice, listed) == expected


@pytest.mark.parametrize("typed, expected", [
    (None, (None, "")), ("", (None, "")), ("nog niet gekend", (None, "")), (" Nog niet gekend ", (None, "")),
    ("2a", ("2a", "")), ("2B ", ("2b", "")), ("2c", (None, UNKNOWN_ASSESSMENT)), (2, (None, UNKNOWN_ASSESSMENT)),
])
def test_assessment(typed, expected):
    assert guards.assessment_used(typed) == expected


def test_a_date_typed_as_a_number_is_its_day_number():
    # 10/01/1900 is day 10 to Excel: as a shortfall override it is 10
    assert guards.shortfall_used(dt.date(1900, 1, 10), 0) == Used(10)


def test_project_adds_nothing_for_koop_or_a_vep_without_demolitions():
    # R5: only social rental counts; a VEP counts only once its demolished dwellings are entered
    assert Project(10, 0, type="nieuwbouw", tenure="koop").adds == 0
    assert Project(10, 0, type="VEP", gesloopt_known=False).adds == 0
    assert Project(10, 3, type="VEP").adds == 7
