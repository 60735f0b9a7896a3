"""R5 row by row: what one Projecten row counts and why (``bso_xl.rules.project_rows``), fast.

The workbook's Telt and Status formulas are proven equal to ``check_row`` in LibreOffice
(test_workbook_branches.py); these tests pin ``check_row`` itself to BSO-RULES R5 without a
spreadsheet, one branch at a time, so a change to it fails in the fast suite too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bso_xl.rules import Level
from bso_xl.rules.project_rows import (
    Blocked, DateProblem, check_row, counted_projects, is_blank, lookup_tenure, lookup_type, serial,
    shown_date, text_key, whole_count,
)
from bso_xl.workbook import project_status as ps
from bso_xl.workbook.project_status import status_text, tenure_position, type_position

D = dt.date


def row(woningen=10, gesloopt=None, mjp=None, ktp=None, start=None, oplevering=None, type=None, huur_koop=None,
        **other):
    return {"project": "P", "type": type, "huur_koop": huur_koop, "woningen": woningen, "gesloopt": gesloopt,
            "mjp": mjp, "ktp": ktp, "start": start, "oplevering": oplevering, **other}


# --- one cell ------------------------------------------------------------------------------------

def test_blank_cells():
    assert is_blank(None) and is_blank("")
    assert not is_blank(" ") and not is_blank(0) and not is_blank(False)


@pytest.mark.parametrize("value, expected", [
    (12, 12), (12.0, 12), (0, 0), (10_000, 10_000),
    (10_001, None), (-1, None), (12.5, None), ("12", None), (True, None), (None, None),
    (D(1900, 1, 10), 10),  # a date is its day number (10 January 1900 = day 10)
])
def test_whole_count(value, expected):
    assert whole_count(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("  Nieuw   bouw ", "nieuw bouw"), ("VEP", "vep"), (None, ""), (True, "true"), (False, "false"),
    (2.0, "2"), (2.5, "2.5"), (7, "7"), ("\tx", "\tx"),  # TRIM removes spaces only
    ("XL ", "xl"), ("  X  X  ", "x x"),
])
def test_text_key_is_lower_trim(value, expected):
    assert text_key(value) == expected


def test_serial_and_shown_date():
    # Excel day numbers: 1/1/1900 is day 1 (with the 1900 leap-year quirk, 1/3/1900 is day 61)
    assert serial(D(1900, 3, 1)) == 61
    assert serial(D(1900, 2, 28)) == 59 and serial(D(1900, 1, 1)) == 1
    assert serial(D(2030, 12, 31)) == 47848
    assert serial(dt.datetime(2030, 12, 31, 12)) == 47848.5
    assert serial(2030) == 2030.0
    assert shown_date(dt.datetime(2033, 12, 31, 23, 59)) == D(2033, 12, 31)


@pytest.mark.parametrize("text, name", [
    (None, "nieuwbouw"), ("", "nieuwbouw"), ("NB", "nieuwbouw"), (" gw ", "aankoop"), ("VEP", "vervangingsbouw"),
    ("vervangingsbouw", "vervangingsbouw"), ("REP", "renovatie"), ("Inhuur", "inhuur"),
    ("RVP", "renovatie aangekocht"), ("VVP", "vervanging aangekocht"),
])
def test_lookup_type(text, name):
    assert lookup_type(text).name == name


def test_lookup_unknown_type_and_tenure():
    assert lookup_type("villa") is None
    assert lookup_tenure("huurkoop") is None
    assert [lookup_tenure(t).name for t in (None, "", " KOOP ", "kavel")] == ["huur", "huur", "koop", "kavel"]


def test_type_and_tenure_positions_are_their_place_in_the_parameters():
    # Parameters order: nieuwbouw, NB, aankoop, GW, … (name then codes); huur 1, koop 2, kavel 3
    assert type_position("nieuwbouw") == 1 and type_position("NB") == 2 and type_position("aankoop") == 3
    assert type_position("villa") == 0 and type_position(None) == 1
    assert [tenure_position(t) for t in ("huur", "koop", "kavel", "x", None)] == [1, 2, 3, 0, 1]


# --- one row: what it adds -----------------------------------------------------------------------

def test_empty_row():
    check = check_row({})
    assert check.empty and check.adds == 0 and check.project is None and not check.flagged
    assert status_text(check) == ""
    # a row with only a remark is not empty: Woningen is missing
    assert check_row({"opmerking": "x"}).blocked is Blocked.DWELLINGS


@pytest.mark.parametrize("cells, adds", [
    (dict(woningen=10), 10),                                    # nieuwbouw (default)
    (dict(woningen=10, gesloopt=3), 7),                         # net of demolitions
    (dict(woningen=10, gesloopt=3, type="VEP"), 7),             # VEP counts net
    (dict(woningen=10, gesloopt=30, type="VEP"), -20),          # a net-negative rebuild
    (dict(woningen=10, gesloopt=3, type="inhuur"), 10),         # inhuur: its dwellings, no demolitions
    (dict(woningen=10, gesloopt=3, type="GW"), 7),              # aankoop
])
def test_adds(cells, adds):
    check = check_row(row(mjp=D(2026, 1, 1), **cells))
    assert check.adds == adds and check.project.adds == adds and check.blocked is None
    assert check.empty is False and check.tenure.name == "huur"
    assert check.kind.name == check.project.type == {None: "nieuwbouw", "VEP": "vervangingsbouw", "inhuur": "inhuur",
                                                     "GW": "aankoop"}[cells.get("type")]


@pytest.mark.parametrize("cells, blocked, flagged", [
    (dict(woningen=None), Blocked.DWELLINGS, True),
    (dict(woningen=12.5), Blocked.DWELLINGS, True),
    (dict(woningen="twaalf"), Blocked.DWELLINGS, True),
    (dict(woningen=-1), Blocked.DWELLINGS, True),
    (dict(woningen=10, gesloopt=-2), Blocked.DEMOLISHED, True),
    (dict(woningen=10, gesloopt=1.5), Blocked.DEMOLISHED, True),
    (dict(woningen=10, type="villa"), Blocked.TYPE, True),
    (dict(woningen=10, huur_koop="huurkoop"), Blocked.TENURE, True),
    (dict(woningen=10, huur_koop="koop"), Blocked.NOT_RENTAL, True),
    (dict(woningen=10, huur_koop="kavel"), Blocked.NOT_RENTAL, True),
    (dict(woningen=10, type="VEP"), Blocked.DEMOLISHED_MISSING, True),
    (dict(woningen=10, type="REP"), Blocked.ADDS_NOTHING, False),
    # checked in order: bad dwellings before a bad type, a bad type before koop
    (dict(woningen=12.5, type="villa"), Blocked.DWELLINGS, True),
    (dict(woningen=10, type="villa", huur_koop="koop"), Blocked.TYPE, True),
    (dict(woningen=10, type="VEP", huur_koop="koop"), Blocked.NOT_RENTAL, True),
])
def test_blocked_rows_add_nothing(cells, blocked, flagged):
    check = check_row(row(mjp=D(2026, 1, 1), **cells))
    assert (check.blocked, check.adds, check.project, check.flagged) == (blocked, 0, None, flagged)


def test_blocked_rows_say_why():
    kavel = check_row(row(huur_koop="Kavel"))
    assert (kavel.tenure.name, status_text(kavel)) == ("kavel", ps.FLAG + "kavel" + ps.MSG_NOT_RENTAL)
    assert status_text(check_row(row(type="VEP"))) == ps.MSG_DEMOLISHED_MISSING
    assert status_text(check_row(row(woningen=-1))) == ps.MSG_DWELLINGS
    assert status_text(check_row(row(gesloopt="x"))) == ps.MSG_DEMOLISHED
    assert status_text(check_row(row(huur_koop="x"))) == ps.MSG_TENURE


def test_blocked_row_still_shows_its_latest_date():
    check = check_row(row(woningen=10, huur_koop="koop", mjp=D(2026, 1, 1), ktp=D(2027, 2, 3)))
    assert check.highest == (Level.KTP, D(2027, 2, 3))
    assert ps._phrase(check) == "als KTP vanaf 03/02/2027"


# --- one row: its dates --------------------------------------------------------------------------

@pytest.mark.parametrize("dates, level", [
    (dict(mjp=D(2026, 1, 1)), Level.MJP),
    (dict(ktp=D(2026, 1, 1)), Level.KTP),
    (dict(start=D(2026, 1, 1)), Level.UITVOERING),
    (dict(oplevering=D(2026, 1, 1)), Level.GEREALISEERD),
    (dict(mjp=D(2026, 1, 1), start=D(2027, 5, 6)), Level.UITVOERING),
])
def test_each_date_column_is_its_own_phase(dates, level):
    check = check_row(row(**dates))
    assert check.highest[0] is level
    project = check.project
    assert [project.mjp, project.ktp, project.start, project.oplevering] == [
        dates.get(k) for k in ("mjp", "ktp", "start", "oplevering")]


def test_text_date_is_flagged_and_the_row_counts_on_its_other_dates():
    check = check_row(row(mjp=D(2026, 1, 1), ktp="15/03/2029"))
    assert (check.date_problem, check.date_column, check.adds, check.flagged) == (DateProblem.TEXT, "ktp", 10, True)
    assert check.project.ktp is None and check.project.mjp == D(2026, 1, 1)
    assert status_text(check) == ps.FLAG + "KTP" + ps.MSG_TEXT_DATE


def test_boolean_in_a_date_cell_is_text():
    assert check_row(row(start=True, mjp=D(2026, 1, 1))).date_problem is DateProblem.TEXT


def test_bare_year_is_an_invalid_date():
    check = check_row(row(mjp=2030, ktp=D(2032, 5, 1)))
    assert (check.date_problem, check.date_column) == (DateProblem.INVALID, "mjp")
    assert check.project.mjp is None and check.highest == (Level.KTP, D(2032, 5, 1))
    assert status_text(check) == ps.FLAG + "MJP" + ps.MSG_INVALID_DATE


def test_text_is_reported_before_an_invalid_date():
    # the first TEXT column wins over an earlier INVALID one (Status reports text first)
    check = check_row(row(mjp=2030, start="morgen", oplevering=D(2031, 1, 1)))
    assert (check.date_problem, check.date_column) == (DateProblem.TEXT, "start")


@pytest.mark.parametrize("value, valid", [
    (D(2000, 1, 1), True), (D(2100, 12, 31), True), (D(1999, 12, 31), False), (D(2101, 1, 1), False)])
def test_date_range_is_inclusive(value, valid):
    assert (check_row(row(mjp=value)).project.mjp is not None) is valid


def test_time_of_day_counts_from_the_next_day():
    check = check_row(row(ktp=dt.datetime(2033, 12, 31, 12)))
    assert check.project.ktp == D(2034, 1, 1)  # counted from the next whole day
    assert check.highest == (Level.KTP, D(2033, 12, 31))  # shown as the day it is


def test_no_date():
    check = check_row(row())
    assert (check.date_problem, check.adds, check.flagged) == (DateProblem.NONE, 10, True)
    assert status_text(check) == ps.MSG_NO_DATE


@pytest.mark.parametrize("dates, out_of_order", [
    (dict(mjp=D(2030, 1, 1), ktp=D(2029, 1, 1)), True),
    (dict(mjp=D(2029, 1, 1), oplevering=D(2028, 1, 1)), True),
    (dict(ktp=D(2030, 1, 1), start=D(2029, 12, 31)), True),
    (dict(mjp=D(2029, 1, 1), ktp=D(2029, 1, 1), start=D(2030, 1, 1)), False),  # equal dates are in order
    (dict(mjp=D(2029, 1, 1), oplevering=D(2031, 1, 1)), False),
    (dict(mjp=2031, ktp=D(2030, 1, 1)), False),  # an invalid date takes no part in the order
])
def test_dates_out_of_order(dates, out_of_order):
    check = check_row(row(**dates))
    assert (check.date_problem is DateProblem.ORDER) is out_of_order or check.date_problem is DateProblem.INVALID
    if out_of_order:
        assert check.flagged and check.adds == 10


def test_more_demolished_than_built_is_flagged_but_not_for_vep():
    nb = check_row(row(woningen=4, gesloopt=6, mjp=D(2026, 3, 1)))
    assert (nb.adds, nb.demolished_more, nb.flagged) == (-2, True, True)
    assert status_text(nb) == ps.MSG_MORE_DEMOLISHED
    vep = check_row(row(woningen=4, gesloopt=6, mjp=D(2026, 3, 1), type="VEP"))
    assert (vep.adds, vep.demolished_more, vep.flagged) == (-2, False, False)
    equal = check_row(row(woningen=6, gesloopt=6, mjp=D(2026, 3, 1)))
    assert (equal.adds, equal.demolished_more) == (0, False)


def test_counted_status_texts():
    assert status_text(check_row(row(woningen=1, oplevering=D(2027, 11, 30)))) == \
        "telt 1 woning gerealiseerd vanaf 30/11/2027"
    assert status_text(check_row(row(woningen=12, gesloopt=30, start=D(2029, 6, 1), type="VEP"))) == \
        "telt -18 woningen in uitvoering vanaf 01/06/2029"
    assert status_text(check_row(row(woningen=10, type="villa"))) == \
        ps.MSG_TYPE
    assert status_text(check_row(row(woningen=10, type="REP", mjp=D(2026, 1, 1)))) == \
        "renovatie" + ps.MSG_ADDS_NOTHING


def test_counted_projects_keeps_rows_that_count_and_drops_the_rest():
    rows = [row(mjp=D(2026, 1, 1)), row(woningen=None), {}, row(type="REP"), row(woningen=3, ktp="x", mjp=D(2027, 1, 1)),
            row(woningen=5)]
    projects = counted_projects(rows)
    # the first row, the text-date row (on its MJP) and the row without dates (counted nowhere yet)
    assert [p.woningen for p in projects] == [10, 3, 5]
    assert projects[1].ktp is None and projects[1].mjp == D(2027, 1, 1)


def test_a_counted_row_carries_its_type_tenure_and_whether_gesloopt_was_typed():
    # R5: Project.adds depends on the kind and on a typed Gesloopt (VEP needs it), so the project
    # the engine counts must carry what the row said, not the defaults
    typed = check_row(row(gesloopt=2, type="aankoop", huur_koop="huur", mjp=D(2026, 1, 1)))
    assert (typed.project.type, typed.project.tenure, typed.project.gesloopt_known) == ("aankoop", "huur", True)
    left_empty = check_row(row(type="NB", mjp=D(2026, 1, 1)))
    assert (left_empty.project.type, left_empty.project.gesloopt_known) == ("nieuwbouw", False)
    assert check_row(row(woningen="tien")).empty is False  # blocked, but not an empty row


def test_r8_amount_parts_default_is_the_normal_amount():
    from bso_xl.rules.sanction import amount_parts
    # R8 2026: the last known amount (2025: 12 × (normal base + 4 × per dependant) = 3,684.24),
    # index factor 1 at the default 0%; raised only when asked
    assert amount_parts(2026) == amount_parts(2026, raised=False) == (2025, 1, Decimal("3684.24"))
    assert amount_parts(2026, raised=True)[2] > Decimal("3684.24")
