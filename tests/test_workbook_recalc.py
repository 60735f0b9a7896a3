"""The workbook's formulas agree with the engine after an independent recalculation (LibreOffice).

Each workbook is written twice: once normally (cached values = the engine's numbers) and once
with deliberately wrong cached values. LibreOffice recalculates the wrong copy; every formula
cell must then equal the engine's value, and the contract names must equal direct engine calls.
"""

from __future__ import annotations

import datetime as dt
import random

import openpyxl
import pytest

from bso_xl.demo import demo_projects
from bso_xl.parameters import load
from bso_xl.rules import Level, project_phase_counts, shortfall, yearly_sanction
from bso_xl.workbook import engine_projects, write_workbook
from conftest import slow_enabled
from recalc import convert
from workbook_helpers import defined_value, mismatches

pytestmark = pytest.mark.libreoffice
TEST_YEARS = (2028, 2031, 2034, 2037, 2040)


def sample_nis(figures) -> list[str]:
    """Every 12th municipality plus the edge cases: zero BSO, SIB, raised premium, no permits."""
    all_nis = list(figures.rows)
    if slow_enabled():
        return all_nis
    chosen = set(all_nis[::12])
    rows = list(figures.rows.values())
    chosen.add(next(f.nis for f in rows if f.objective().bso == 0))
    chosen.add(next(f.nis for f in rows if f.objective().sib > 0))
    chosen.add(next(f.nis for f in rows if f.average_permits is None))
    chosen.add(next(f.nis for f in rows if demo_projects(f.nis)))
    chosen.add("11002")  # Antwerpen: raised premium, largest BSO, 9%-aftopping
    return sorted(chosen)


@pytest.fixture(scope="module")
def demo_recalculated(tmp_path_factory, demo_figures):
    root = tmp_path_factory.mktemp("demo")
    pairs = []
    for nis in sample_nis(demo_figures):
        fig = demo_figures.rows[nis]
        reference, poisoned = root / "ref" / f"{nis}.xlsx", root / "poison" / f"{nis}.xlsx"
        reference.parent.mkdir(exist_ok=True)
        poisoned.parent.mkdir(exist_ok=True)
        write_workbook(reference, fig, demo_figures, demo_projects(nis))
        write_workbook(poisoned, fig, demo_figures, demo_projects(nis), poison=True)
        pairs.append((fig, reference, poisoned))
    recalculated = convert([p for _, _, p in pairs], root / "lo")
    return [(fig, ref, lo) for (fig, ref, _), lo in zip(pairs, recalculated)]


def test_the_sample_holds_every_edge_case_it_was_chosen_for(demo_recalculated, demo_figures):
    """The sample is what sample_nis promises (every 12th municipality plus the edge cases), so a
    change to it cannot silently drop the cases the cell-by-cell comparison relies on."""
    chosen = [fig for fig, _, _ in demo_recalculated]
    nis = {fig.nis for fig in chosen}
    assert set(list(demo_figures.rows)[::12]) <= nis
    assert any(fig.objective().bso == 0 for fig in chosen)
    assert any(fig.objective().sib > 0 for fig in chosen)
    assert any(fig.average_permits is None for fig in chosen)
    assert any(demo_projects(fig.nis) for fig in chosen)
    assert "11002" in nis and demo_figures.rows["11002"].raised_huurpremie


def test_every_formula_cell_equals_the_engine(demo_recalculated):
    problems = []
    for _, reference, recalculated in demo_recalculated:
        problems += mismatches(reference, recalculated)
    assert problems == []


def test_contract_names_equal_direct_engine_calls(demo_recalculated):
    """BSO, SIB, Regulier, Tussentijds_T1..3, Tekort_Y, Sanctie_Y against the engine, not the writer."""
    for fig, _, recalculated in demo_recalculated:
        book = openpyxl.load_workbook(recalculated, data_only=True)
        obj = fig.objective()
        assert defined_value(book, "BSO") == obj.bso, fig.nis
        assert defined_value(book, "SIB") == obj.sib, fig.nis
        assert defined_value(book, "Regulier") == obj.regulier, fig.nis
        for i, t in enumerate(obj.interim, start=1):
            assert defined_value(book, f"Tussentijds_T{i}") == t, fig.nis
        projects = engine_projects(demo_projects(fig.nis))
        for year in TEST_YEARS:
            counts = project_phase_counts(projects, load().tests[year].measured)
            missing = shortfall(obj.t1, obj.t2, obj.t3, obj.sib, year, counts)
            assert defined_value(book, f"Tekort_{year}") == missing, (fig.nis, year)
            sanction = yearly_sanction(missing, year, fig.raised_huurpremie)
            assert defined_value(book, f"Sanctie_{year}") == pytest.approx(float(sanction), abs=0.005), (fig.nis, year)


MEASURED = [load().tests[y].measured for y in TEST_YEARS]


def random_date(rng: random.Random) -> dt.date | None:
    """Blank, a measurement day itself, the day after one, or any day of 2020–2045."""
    pick = rng.random()
    if pick < 0.3:
        return None
    if pick < 0.45:
        return rng.choice(MEASURED)
    if pick < 0.55:
        return rng.choice(MEASURED) + dt.timedelta(days=1)
    return dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(26 * 365))


def random_projects(rng: random.Random) -> list[dict]:
    projects = []
    for i in range(rng.randint(0, 12)):
        woningen = rng.randint(0, 80)
        projects.append({
            "project": f"Project {i}", "locatie": "", "woningen": woningen,
            "gesloopt": rng.choice([0, 0, 0, rng.randint(0, woningen + 5)]),
            "mjp": random_date(rng), "ktp": random_date(rng), "start": random_date(rng),
            "oplevering": random_date(rng), "opmerking": "",
        })
    return projects


def test_random_project_sets_give_engine_shortfall_and_sanction(tmp_path, demo_figures):
    rng = random.Random(20261126)
    candidates = [f for f in demo_figures.rows.values() if f.objective().bso > 0]
    cases = []
    for i in range(200):
        fig = rng.choice(candidates)
        projects = random_projects(rng)
        path = tmp_path / "poison" / f"case{i:03d}.xlsx"
        path.parent.mkdir(exist_ok=True)
        write_workbook(path, fig, demo_figures, projects, poison=True)
        cases.append((fig, projects, path))
    recalculated = convert([p for _, _, p in cases], tmp_path / "lo")
    failures = []
    for (fig, projects, _), result in zip(cases, recalculated):
        book = openpyxl.load_workbook(result, data_only=True)
        obj = fig.objective()
        for year, measured in zip(TEST_YEARS, MEASURED):
            # engine from first principles: phases on the measurement day (R5), shortfall (R6), sanction (R8)
            counts = project_phase_counts(engine_projects(projects), measured)
            missing = shortfall(obj.t1, obj.t2, obj.t3, obj.sib, year, counts)
            sanction = float(yearly_sanction(missing, year, fig.raised_huurpremie))
            got_missing = defined_value(book, f"Tekort_{year}")
            got_sanction = defined_value(book, f"Sanctie_{year}")
            if got_missing != missing or abs(got_sanction - sanction) >= 0.005:
                failures.append((result.name, fig.nis, year, missing, got_missing, sanction, got_sanction))
    assert failures == []


def test_excel_functions_equal_recalculated_names(demo_recalculated):
    """Issue 4: =BSO_SHORTFALL and =BSO_SANCTION give what LibreOffice computed in the workbook."""
    from bso_xl import udfs

    for fig, _, recalculated in demo_recalculated:
        book = openpyxl.load_workbook(recalculated, data_only=True)
        obj = fig.objective()
        projects = engine_projects(demo_projects(fig.nis))
        for year in TEST_YEARS:
            c = project_phase_counts(projects, load().tests[year].measured)
            missing = udfs.bso_shortfall(obj.t1, obj.t2, obj.t3, obj.sib, year, c[Level.MJP], c[Level.KTP],
                                         c[Level.UITVOERING], c[Level.GEREALISEERD])
            assert missing == defined_value(book, f"Tekort_{year}"), (fig.nis, year)
            sanction = udfs.bso_sanction(missing, year, fig.raised_huurpremie)
            assert sanction == pytest.approx(defined_value(book, f"Sanctie_{year}"), abs=0.005), (fig.nis, year)


OFFICIAL_FIGURES = """nis,gemeente,aandeel_op_peil,sib,wettelijke_doelgroep,overschrijding,aftopping_9pct,bso,t1,t2,t3,mjp,ktp,in_uitvoering,gerealiseerd,gemiddeld_vergunde_woningen,peildatum
11001,Aartselaar,60,20,10,5,0,90,24,23,23,30,10,3,2,41.5,31/12/2030
11002,Antwerpen,1000,300,2000,0,100,,,,,500,400,100,50,,31/12/2027
11004,Boechout,10,5,0,40,0,,,,,0,0,0,0,12,
44021,Gent,700,0,1500,0,0,2185,729,728,728,,,,,,
"""


def test_official_figures_paths_recalculate_to_the_engine(tmp_path):
    """The parts the demo does not exercise: official BSO (with a mismatch), official T1–T3,
    official phase counts judged at the next test, a zero objective, permits from the file."""
    from bso_xl.figures import read_figures

    source = tmp_path / "officieel.csv"
    source.write_text(OFFICIAL_FIGURES, encoding="utf-8")
    figures = read_figures(source)
    pairs = []
    for nis, fig in figures.rows.items():
        reference, poisoned = tmp_path / f"ref{nis}.xlsx", tmp_path / f"poison{nis}.xlsx"
        write_workbook(reference, fig, figures)
        write_workbook(poisoned, fig, figures, poison=True)
        pairs.append((reference, poisoned))
    recalculated = convert([p for _, p in pairs], tmp_path / "lo")
    problems = []
    for (reference, _), result in zip(pairs, recalculated):
        problems += mismatches(reference, result)
    assert problems == []
    # the official counts block is there: Aartselaar's counts (peildatum 31/12/2030) meet the 2031 test
    book = openpyxl.load_workbook(recalculated[0], data_only=True)
    texts = [c.value for row in book["Voortgang"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any("officiële tellingen bij de toets 2031" in t for t in texts)
