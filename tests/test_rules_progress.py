"""R5 (phases, net counts), R6 (shortfall at a progress test) and R7 (categories)."""

from __future__ import annotations

import datetime as dt

import pytest

from bso_xl.parameters import load
from bso_xl.rules import Level, Project, at_least, category, phase_on, project_phase_counts, shortfall

MJP, KTP, UIT, GER = Level.MJP, Level.KTP, Level.UITVOERING, Level.GEREALISEERD


def phases(mjp=0, ktp=0, uit=0, ger=0):
    """Dwellings in exactly each phase."""
    return {MJP: mjp, KTP: ktp, UIT: uit, GER: ger}


# --- R6 worked example ----------------------------------------------------------------------

def test_r6_worked_example_shortfall_25():
    # BSO-RULES R6 worked example: T1 = T2 = T3 = 90, SIB = 60, test 2037; 40 on MJP only,
    # 100 on KTP, 20 in uitvoering, 25 realised → at least MJP 185, KTP 145, in uitvoering 45,
    # realised 25; R = 210, 165, 30, 30 → gaps 25, 20, −15, 5 → shortfall 25.
    in_phase = phases(mjp=40, ktp=100, uit=20, ger=25)
    assert at_least(in_phase) == {MJP: 185, KTP: 145, UIT: 45, GER: 25}
    assert shortfall(90, 90, 90, 60, 2037, in_phase) == 25


# --- R6 odd halves and small fractions (exact until the ceil) -------------------------------

def test_r6_odd_t1_half_is_exact_45_at_ktp_is_one_short():
    # T1 = 91, test 2031: R(KTP) = ½·91 = 45.5, R(MJP) = 91. 45 on KTP + 46 on MJP:
    # at least MJP 91 → gap 0; at least KTP 45 → gap 0.5 → ceil 1. Shortfall 1.
    assert shortfall(91, 90, 90, 0, 2031, phases(mjp=46, ktp=45)) == 1


def test_r6_odd_t1_half_is_exact_46_at_ktp_passes():
    # Same, 46 on KTP + 45 on MJP: MJP 91 − 91 = 0; KTP 45.5 − 46 = −0.5 → ceil 0. Shortfall 0.
    assert shortfall(91, 90, 90, 0, 2031, phases(mjp=45, ktp=46)) == 0


@pytest.mark.parametrize(
    "year, in_phase, expected",
    [
        # T = 0, SIB = 1 (BSO 1):
        (2028, phases(), 1),          # ¼ on MJP, 0 there → ceil(¼) = 1
        (2028, phases(mjp=1), 0),     # ¼ − 1 < 0
        (2031, phases(mjp=1), 1),     # ¼ on KTP, 0 at KTP or later → 1
        (2031, phases(ktp=1), 0),
        (2034, phases(mjp=5), 1),     # ½ on KTP → 1
        (2037, phases(uit=1), 1),     # ½ realised, 0 realised → 1
        (2037, phases(ger=1), 0),     # whole BSO (1) realised
        (2040, phases(mjp=1), 1),     # ¾ on KTP → 1
        (2040, phases(uit=1), 0),     # in uitvoering is "at least KTP"
    ],
)
def test_r6_sib_1_quarter_and_half_fractions(year, in_phase, expected):
    assert shortfall(0, 0, 0, 1, year, in_phase) == expected


def test_r6_fractions_add_before_the_ceil():
    # T1 = 1, SIB = 1, 2028: R(MJP) = ½ + ¼ = ¾ → shortfall ceil(¾) = 1 (not ceil ½ + ceil ¼ = 2).
    assert shortfall(1, 0, 0, 1, 2028, phases()) == 1
    # T1 = 3, SIB = 2, 2028: R(MJP) = 3/2 + 2/4 = 2 → 2 (separate ceils would give 2 + 1 = 3).
    assert shortfall(3, 0, 0, 2, 2028, phases()) == 2
    # SIB = 6, 2028: ¼·6 = 1.5 → with 1 on MJP 0.5 → 1; with 2 on MJP 0.
    assert shortfall(0, 0, 0, 6, 2028, phases(mjp=1)) == 1
    assert shortfall(0, 0, 0, 6, 2028, phases(mjp=2)) == 0


# --- R6 catch-up levels ---------------------------------------------------------------------

def test_r6_2037_catchup_needs_half_sib_realised():
    # T = 0, SIB = 60, 2037: R(ℓ) = 30 at every level including GEREALISEERD.
    # 30 in uitvoering, 0 realised → GER gap 30 → 30.
    assert shortfall(0, 0, 0, 60, 2037, phases(uit=30)) == 30
    # 29 realised + 100 in uitvoering: GER gap 30 − 29 = 1; others negative → 1.
    assert shortfall(0, 0, 0, 60, 2037, phases(uit=100, ger=29)) == 1
    # 30 realised (BSO 60 not reached, so no early pass): every gap 0 → 0.
    assert shortfall(0, 0, 0, 60, 2037, phases(ger=30)) == 0


def test_r6_2040_catchup_needs_nothing_realised():
    # T = 0, SIB = 60, 2040: R(MJP) = R(KTP) = ¾·60 = 45, R(UIT) = R(GER) = 0.
    assert shortfall(0, 0, 0, 60, 2040, phases(ktp=45)) == 0
    # 44 on KTP + 100 on MJP: KTP gap 1 → 1.
    assert shortfall(0, 0, 0, 60, 2040, phases(mjp=100, ktp=44)) == 1


def test_r6_2028_ktp_requirement_is_0():
    # 2028: regular 0 on KTP, catch-up only on MJP: everything on MJP is enough.
    # T = 90 each, SIB = 60: R(MJP) = 45 + 15 = 60. 60 on MJP → 0; 59 → 1.
    assert shortfall(90, 90, 90, 60, 2028, phases(mjp=60)) == 0
    assert shortfall(90, 90, 90, 60, 2028, phases(mjp=59)) == 1


# --- R6 "whole BSO realised passes every later test" ----------------------------------------

@pytest.mark.parametrize("year", [2028, 2031, 2034, 2037, 2040])
def test_r6_whole_bso_realised_passes_even_with_demolitions_elsewhere(year):
    # T = 30 each, SIB = 10 → BSO 100, all 100 realised; a rebuild project on MJP has net −20.
    # At 2040 the gaps alone would be R(MJP) 90 + 7.5 = 97.5 − (100 − 20) = 17.5 → 18, but
    # R6 says a municipality whose whole BSO is realised passes: shortfall 0.
    assert shortfall(30, 30, 30, 10, year, phases(mjp=-20, ger=100)) == 0
    assert shortfall(30, 30, 30, 10, year, phases(mjp=-20, ger=150)) == 0


def test_r6_one_short_of_whole_bso_without_demolitions():
    # T = 30 each, SIB = 10 (BSO 100), 99 realised and nothing else, 2040:
    # R(MJP) = R(KTP) = 90 + 7.5 = 97.5 ≤ 99 at every level → 0 (the gaps pass, not the early rule).
    assert shortfall(30, 30, 30, 10, 2040, phases(ger=99)) == 0
    # 80 realised, 2040: gaps 97.5 − 80 = 17.5 → 18, and 18 ≤ BSO − realised = 20 → 18.
    assert shortfall(30, 30, 30, 10, 2040, phases(ger=80)) == 18


def test_r6_shortfall_with_a_rebuild_is_capped_at_what_is_left_to_realise():
    # Engine fix in progress.py. T = 30 each, SIB = 10 (BSO 100); 95 realised and a rebuild in
    # uitvoering with 30 new and 40 demolished dwellings (net −10). 2040: at least MJP = KTP = UIT
    # = 85, GER 95; R(MJP) = R(KTP) = 97.5 → largest gap 12.5 → 13. But 5 extra realised
    # dwellings make the whole BSO realised, which passes (R6), so the smallest number of extra
    # dwellings that passes — the shortfall — is 5 (the engine used to say 13).
    assert shortfall(30, 30, 30, 10, 2040, phases(uit=-10, ger=95)) == 5
    # with a demolition of 20 on MJP and 99 realised: gaps 97.5 − 79 → 19, but 1 more realised passes.
    assert shortfall(30, 30, 30, 10, 2040, phases(mjp=-20, ger=99)) == 1
    # SIB 1 alone, −1 in uitvoering, 2028: gap ¼ − (−1) = 1.25 → 2, BSO − realised = 1 → 1.
    assert shortfall(0, 0, 0, 1, 2028, phases(uit=-1)) == 1


def test_r6_zero_objective_shortfall_is_0():
    # BSO 0: R(ℓ) = 0 everywhere; an empty pipeline passes every test.
    for year in load().test_years:
        assert shortfall(0, 0, 0, 0, year, phases()) == 0


# --- R6 errors ------------------------------------------------------------------------------

@pytest.mark.parametrize("year", [2027, 2029, 2042])
def test_r6_shortfall_in_a_non_test_year_is_an_error(year):
    with pytest.raises(ValueError):
        shortfall(30, 30, 30, 10, year, phases(mjp=50))


@pytest.mark.parametrize("year", [2027, 2029, 2042])
def test_r6_shortfall_in_a_non_test_year_is_an_error_even_when_all_realised(year):
    # Engine bug fixed in progress.py: the "whole BSO realised" early return used to answer 0
    # for any year, also for years that are not test years.
    with pytest.raises(ValueError):
        shortfall(0, 0, 0, 0, year, phases())
    with pytest.raises(ValueError):
        shortfall(30, 30, 30, 10, year, phases(ger=100))


@pytest.mark.parametrize("args", [(-1, 0, 0, 0), (0, -1, 0, 0), (0, 0, -1, 0), (0, 0, 0, -1)])
def test_r6_negative_objectives_are_errors(args):
    with pytest.raises(ValueError):
        shortfall(*args, 2028, phases())


# --- R7 categories --------------------------------------------------------------------------

def test_r7_shortfall_0_is_category_1_whatever_the_assessment():
    assert category(0) == "1"
    assert category(0, "2b") == "1"


def test_r7_shortfall_positive_is_category_2_until_assessed():
    assert category(3) == "2"
    assert category(3, None) == "2"
    assert category(3, "") == "2"
    assert category(3, "   ") == "2"


@pytest.mark.parametrize("assessment, expected", [("2a", "2a"), ("2b", "2b"), ("2A", "2a"), (" 2B ", "2b")])
def test_r7_assessed_category(assessment, expected):
    assert category(1, assessment) == expected


@pytest.mark.parametrize("assessment", ["2c", "1", "2", "b", "ja"])
def test_r7_bad_assessment_is_an_error(assessment):
    with pytest.raises(ValueError):
        category(5, assessment)


def test_r7_negative_shortfall_is_an_error():
    with pytest.raises(ValueError):
        category(-1)


# --- R5 phases and counting -----------------------------------------------------------------

MEASURED_2028 = dt.date(2027, 12, 31)


def test_r5_parameters_give_the_measurement_day_used_below():
    assert load().tests[2028].measured == MEASURED_2028


def test_r5_level_order():
    assert MJP < KTP < UIT < GER


@pytest.mark.parametrize(
    "text, level",
    [("MJP", MJP), ("ktp", KTP), ("in uitvoering", UIT), ("Uitvoering", UIT),
     ("gerealiseerd", GER), (" realisatie ", GER)],
)
def test_r5_level_parse(text, level):
    assert Level.parse(text) is level


def test_r5_level_parse_unknown_is_an_error():
    with pytest.raises(ValueError):
        Level.parse("vergund")


def test_r5_date_on_the_measurement_day_counts():
    # KTP reached on 31/12/2027 = the 2028 measurement day → on KTP that day.
    p = Project(woningen=12, mjp=dt.date(2026, 3, 1), ktp=MEASURED_2028)
    assert phase_on(p, MEASURED_2028) is KTP
    # a day earlier it was still on MJP
    assert phase_on(p, dt.date(2027, 12, 30)) is MJP


def test_r5_date_the_day_after_the_measurement_does_not_count():
    # KTP on 1/1/2028: on 31/12/2027 still MJP; MJP on 1/1/2028: not counted at all.
    p = Project(woningen=12, mjp=dt.date(2026, 3, 1), ktp=dt.date(2028, 1, 1))
    assert phase_on(p, MEASURED_2028) is MJP
    q = Project(woningen=12, mjp=dt.date(2028, 1, 1))
    assert phase_on(q, MEASURED_2028) is None
    assert project_phase_counts([p, q], MEASURED_2028) == phases(mjp=12)


def test_r5_completed_project_with_blank_ktp_date_counts_at_ktp():
    # MJP 2026, no KTP date, no start date, completed 30/06/2030. On 31/12/2030 it is realised
    # and therefore also "at least KTP" (R5); before completion it is only on MJP.
    p = Project(woningen=20, mjp=dt.date(2026, 1, 1), oplevering=dt.date(2030, 6, 30))
    assert phase_on(p, dt.date(2030, 12, 31)) is GER
    assert phase_on(p, dt.date(2029, 12, 31)) is MJP
    counts = at_least(project_phase_counts([p], dt.date(2030, 12, 31)))
    assert counts == {MJP: 20, KTP: 20, UIT: 20, GER: 20}


def test_r5_started_project_without_earlier_dates_is_at_least_mjp_and_ktp():
    p = Project(woningen=8, start=dt.date(2027, 5, 1))
    assert phase_on(p, MEASURED_2028) is UIT
    assert at_least(project_phase_counts([p], MEASURED_2028)) == {MJP: 8, KTP: 8, UIT: 8, GER: 0}


def test_r5_project_without_dates_is_not_counted():
    assert phase_on(Project(woningen=5), MEASURED_2028) is None
    assert project_phase_counts([Project(woningen=5)], MEASURED_2028) == phases()


def test_r5_counts_are_net_of_demolitions():
    # 30 − 10 = 20 on KTP; 12 − 0 = 12 on MJP; 5 − 15 = −10 realised (rebuild with fewer dwellings).
    projects = [
        Project(woningen=30, gesloopt=10, mjp=dt.date(2026, 1, 1), ktp=dt.date(2027, 1, 1)),
        Project(woningen=12, mjp=dt.date(2026, 1, 1)),
        Project(woningen=5, gesloopt=15, oplevering=dt.date(2027, 6, 1)),
    ]
    assert [p.net for p in projects] == [20, 12, -10]
    in_phase = project_phase_counts(projects, MEASURED_2028)
    assert in_phase == phases(mjp=12, ktp=20, ger=-10)
    # at least: GER −10; UIT −10; KTP 20 − 10 = 10; MJP 12 + 10 = 22
    assert at_least(in_phase) == {MJP: 22, KTP: 10, UIT: -10, GER: -10}


def test_r5_r6_projects_to_shortfall_at_2031():
    # T1 = 20 (T2 = T3 = 20), SIB = 8, test 2031 measured 31/12/2030:
    # R(MJP) = 20 + 2 = 22, R(KTP) = 10 + 2 = 12, R(UIT) = R(GER) = 0.
    measured = load().tests[2031].measured
    projects = [
        Project(woningen=10, mjp=dt.date(2028, 1, 1), ktp=measured),          # KTP on the day → counts
        Project(woningen=6, gesloopt=2, mjp=dt.date(2029, 1, 1)),              # MJP, net 4
        Project(woningen=9, mjp=dt.date(2029, 1, 1), ktp=dt.date(2031, 1, 1)),  # KTP the day after → MJP
    ]
    in_phase = project_phase_counts(projects, measured)
    assert in_phase == phases(mjp=13, ktp=10)
    # at least MJP 23 ≥ 22; at least KTP 10 < 12 → shortfall 2.
    assert shortfall(20, 20, 20, 8, 2031, in_phase) == 2
