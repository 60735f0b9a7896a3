"""Issue 7: numbers an officer can trust — checked after LibreOffice recalculates each workbook.

Every workbook here is written with deliberately wrong cached values (poison), recalculated by
LibreOffice, and then (1) every formula cell must equal the engine's value and (2) the contract
names must equal what the rules give, computed here from first principles (BSO-RULES R3, R5, R8,
R9), not read from the writer.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from math import floor

import openpyxl
import pytest

from bso_xl.figures import read_figures
from bso_xl.parameters import load
from bso_xl.rules import (
    instalment_years, project_phase_counts, shortfall, yearly_sanction,
)
from bso_xl.rules.project_rows import check_row
from bso_xl.workbook import write_workbook
from bso_xl.workbook.inputs import WorkbookInputs
from recalc import convert
from workbook_helpers import defined_value, mismatches

pytestmark = pytest.mark.libreoffice
D = dt.date
YEARS = (2028, 2031, 2034, 2037, 2040)

# Two municipalities only, with provisional figures: a partial file (R3).
PARTIAL = """nis,gemeente,aandeel_op_peil,sib,wettelijke_doelgroep,overschrijding,aftopping_9pct,voorlopig_bso,gerealiseerd_2024_2025,gemiddeld_vergunde_woningen,peildatum
11001,Aartselaar,60,20,10,5,0,90,4,41.5,30/04/2026
44021,Gent,700,0,1500,0,0,2300,60,,30/04/2026
"""
TOTALS = "# vlaams_voorlopig_totaal: 45000\n# vlaams_gerealiseerd_2024_2025: 980\n"

FLAGGED_PROJECTS = [
    {"project": "Tekstdatum", "woningen": 10, "mjp": "15/03/2026"},                      # flagged: text date
    {"project": "Jaartal", "woningen": 11, "mjp": dt.datetime(1905, 7, 22)},             # flagged: bare year 2030
    {"project": "Geen datum", "woningen": 12},                                           # flagged: no date
    {"project": "Koop", "woningen": 13, "huur_koop": "Koop ", "mjp": D(2026, 1, 1)},     # flagged: koop adds 0
    {"project": "VEP zonder sloop", "woningen": 14, "type": "VEP", "mjp": D(2026, 1, 1)},  # flagged: adds 0
    {"project": "Volgorde", "woningen": 15, "mjp": D(2028, 1, 1), "ktp": D(2026, 1, 1)},  # flagged, counts
    {"project": "Meer gesloopt", "woningen": 5, "gesloopt": 9, "mjp": D(2026, 1, 1)},     # flagged, counts −4
    {"project": "Renovatie", "woningen": 200, "type": "rep", "ktp": D(2026, 1, 1)},       # not flagged, adds 0
    {"project": "VEP netto", "woningen": 30, "gesloopt": 40, "type": "VEP", "start": D(2026, 6, 1)},  # not flagged, −10
    {"project": "Inhuur", "woningen": 7, "gesloopt": 3, "type": "inhuur", "oplevering": D(2027, 6, 30)},  # adds 7
    {"project": "Gewoon", "woningen": 40, "ktp": D(2028, 3, 1)},                         # adds 40 from KTP 01/03/2028
]
FLAGGED = 7


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """(name, figures, inputs, reference, recalculated) for every case, in one LibreOffice run."""
    tmp = tmp_path_factory.mktemp("trust")
    (tmp / "partial.csv").write_text(PARTIAL, encoding="utf-8")
    (tmp / "totals.csv").write_text(TOTALS + PARTIAL, encoding="utf-8")
    partial, totals, demo = read_figures(tmp / "partial.csv"), read_figures(tmp / "totals.csv"), read_figures(None)
    many = [{"project": f"P{i}", "woningen": 1 + i % 9, "gesloopt": i % 4 if i % 7 == 0 else None,
             "mjp": D(2025 + i % 8, 1 + i % 12, 1), "ktp": D(2028 + i % 9, 1 + i % 12, 1) if i % 3 else None,
             "start": D(2031 + i % 7, 1 + i % 12, 1) if i % 5 == 0 else None,
             "oplevering": D(2033 + i % 6, 6, 30) if i % 10 == 0 else None} for i in range(500)]
    hostile = WorkbookInputs(
        projects=tuple(FLAGGED_PROJECTS),
        shortfall={2028: -3, 2031: 2.5, 2034: "veel", 2037: 4},
        amount={2037: -100.0, 2040: 1000.0},
        assessment={2028: "2B ", 2031: "2a", 2040: " 2b"},
    )
    assessed = WorkbookInputs(projects=tuple(FLAGGED_PROJECTS), assessment={2031: "2b", 2034: "2a"}, index_rate=0.02)
    cases = [
        ("partial", partial, "11001", WorkbookInputs()),
        ("totals", totals, "11001", WorkbookInputs()),
        ("totals_gent", totals, "44021", WorkbookInputs()),
        ("flags", demo, "71066", WorkbookInputs(projects=tuple(FLAGGED_PROJECTS))),
        ("many", demo, "44021", WorkbookInputs(projects=tuple(many))),
        ("hostile", demo, "11002", hostile),
        ("assessed", demo, "11002", assessed),
    ]
    written = []
    for name, figures, nis, inputs in cases:
        reference, poisoned = tmp / f"{name}.xlsx", tmp / "poison" / f"{name}.xlsx"
        poisoned.parent.mkdir(exist_ok=True)
        write_workbook(reference, figures.rows[nis], figures, inputs=inputs)
        write_workbook(poisoned, figures.rows[nis], figures, inputs=inputs, poison=True)
        written.append((name, figures, nis, inputs, reference, poisoned))
    results = convert([w[-1] for w in written], tmp / "lo")
    return {name: (figures, nis, inputs, reference, result)
            for (name, figures, nis, inputs, reference, _), result in zip(written, results)}


def book_of(case):
    return openpyxl.load_workbook(case[4], data_only=True)


def texts(book, sheet):
    return [c.value for row in book[sheet].iter_rows() for c in row if isinstance(c.value, str)]


def test_every_formula_cell_equals_the_engine(recalculated):
    problems = []
    for name, (_, _, _, reference, result) in recalculated.items():
        problems += mismatches(reference, result)
    assert problems == []


def test_r3_partial_file_explains_no_pot(recalculated):
    """R3: the pot is Flemish; a file with 2 of 285 municipalities and no totals cannot explain it."""
    book = book_of(recalculated["partial"])
    assert defined_value(book, "Pot_Vlaanderen") == "niet te berekenen"
    assert defined_value(book, "Model_definitief") == "niet te berekenen"
    shown = " ".join(texts(book, "Berekening"))
    assert "kan hij niet verklaard worden" in shown
    assert "Aandeel van de gemeente in de pot" not in shown  # no share of a partial sum


def test_r3_with_stated_flemish_totals_gives_the_model(recalculated):
    """R3 with '# vlaams_voorlopig_totaal: 45000' and '# vlaams_gerealiseerd_2024_2025: 980':
    Aartselaar 90 − min(4, 90) + 90/45000 × 980 = 86 + 1.96 = 87.96 → 88 whole dwellings;
    Gent 2300 − 60 + 2300/45000 × 980 = 2240 + 50.09 = 2290.09 → 2290."""
    book = book_of(recalculated["totals"])
    assert defined_value(book, "Pot_Vlaanderen") == 980
    assert defined_value(book, "Model_definitief") == floor(Fraction(86) + Fraction(90 * 980, 45000) + Fraction(1, 2)) == 88
    gent = book_of(recalculated["totals_gent"])
    assert defined_value(gent, "Model_definitief") == 2290


def test_r9_vrijstelling(recalculated):
    """R9: Gent has no SIB → 'niet van toepassing'. Aartselaar (official components 60+20+10−5 = 85,
    SIB 20, regulier 65): (65 + 20) / 17 = 5 per year against 25% × 41.5 = 10.375 → 'nee'."""
    assert defined_value(book_of(recalculated["totals_gent"]), "Vrijstelling_toets") == "niet van toepassing"
    assert defined_value(book_of(recalculated["totals"]), "Vrijstelling_toets") == "nee"


def test_projects_are_counted_or_flagged(recalculated):
    """R5: seven of the rows are flagged, none is dropped silently; what each row adds (Telt)."""
    book = book_of(recalculated["flags"])
    assert defined_value(book, "Projecten_problemen") == FLAGGED
    ws = book["Projecten"]
    header = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == "Project")
    column = {name: i for i, name in enumerate(header)}
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r and r[0] in {p["project"] for p in FLAGGED_PROJECTS}}
    telt = {name: row[column["Telt"]] for name, row in rows.items()}
    assert telt == {"Tekstdatum": 10, "Jaartal": 11, "Geen datum": 12, "Koop": 0, "VEP zonder sloop": 0,
                    "Volgorde": 15, "Meer gesloopt": -4, "Renovatie": 0, "VEP netto": -10, "Inhuur": 7, "Gewoon": 40}
    status = {name: row[column["Status"]] for name, row in rows.items()}
    assert status["Gewoon"] == "telt 40 woningen als KTP vanaf 01/03/2028"
    assert status["Tekstdatum"].startswith("let op: MJP is tekst")
    assert status["Jaartal"].startswith("let op: MJP is geen datum (jaartal?)")
    assert status["Renovatie"] == "renovatie voegt niets toe (R5)"
    flagged = [name for name, text in status.items() if text.startswith("let op")]
    assert len(flagged) == FLAGGED
    # the Overzicht says so
    assert any("7 projectrij(en)" in t for t in texts(book, "Overzicht"))


def _engine_shortfalls(figures, nis, projects):
    obj = figures.rows[nis].objective()
    engine = [check.project for check in map(check_row, projects) if check.project is not None]
    return {y: shortfall(obj.t1, obj.t2, obj.t3, obj.sib, y, project_phase_counts(engine, load().tests[y].measured))
            for y in YEARS}


def test_500_projects_every_tekort_equals_the_engine(recalculated):
    figures, nis, inputs, _, result = recalculated["many"]
    book = openpyxl.load_workbook(result, data_only=True)
    expected = _engine_shortfalls(figures, nis, inputs.projects)
    assert {y: defined_value(book, f"Tekort_{y}") for y in YEARS} == expected
    assert len(inputs.projects) == 500 and all(isinstance(v, int) for v in expected.values())


def test_hostile_overrides_never_yield_a_sanction(recalculated):
    """−3, 2.5 and 'veel' as shortfall, −100 as amount: those tests show a message, never a number."""
    book = book_of(recalculated["hostile"])
    for year in (2028, 2031, 2034, 2037):
        assert isinstance(defined_value(book, f"Sanctie_{year}"), str), year
    # 2040: no shortfall override, amount 1000 typed, assessed " 2b": a real sanction
    figures, nis, inputs, _, _ = recalculated["hostile"]
    missing = _engine_shortfalls(figures, nis, inputs.projects)[2040]
    assert defined_value(book, "Sanctie_2040") == pytest.approx(float(missing * Decimal(1000) * Decimal("0.5")), abs=0.005)
    assert defined_value(book, "Categorie_2040") == ("2b" if missing else "1")
    formulas = openpyxl.load_workbook(recalculated["hostile"][3])["Sanctie"]
    computed = [book["Sanctie"][c.coordinate].value for row in formulas.iter_rows() for c in row if c.data_type == "f"]
    numbers = [v for v in computed if isinstance(v, (int, float)) and not isinstance(v, bool)]
    assert len(numbers) > 40 and min(numbers) >= 0  # no computed amount is negative (−100 stays the input)
    # budget years of the refused tests say so instead of a partial sum
    assert isinstance(defined_value(book, "Budget_2029"), str)  # 2028's instalments: refused −3


def test_budget_per_year_equals_the_engine(recalculated):
    """R8: Budget_J = the instalments due in year J of the tests not assessed 2a (2031 assessed 2b,
    2034 assessed 2a), each the yearly sanction at 2% assumed indexation, in the three years after."""
    figures, nis, inputs, _, result = recalculated["assessed"]
    book = openpyxl.load_workbook(result, data_only=True)
    fig = figures.rows[nis]
    missing = _engine_shortfalls(figures, nis, inputs.projects)
    expected = {year: Decimal(0) for year in range(2029, 2044)}
    for test in YEARS:
        if test == 2034 or missing[test] == 0:  # assessed 2a: no sanction; no shortfall: none
            continue
        for year in instalment_years(test):
            expected[year] += yearly_sanction(missing[test], test, fig.raised_huurpremie, index_rate=Decimal("0.02"))
    for year, amount in expected.items():
        assert defined_value(book, f"Budget_{year}") == pytest.approx(float(amount), abs=0.005), year
    assert sum(expected.values()) > 0
    assert defined_value(book, "Categorie_2034") in ("1", "2a")
