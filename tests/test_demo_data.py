"""The demo figures (voorbeeldcijfers) and demo projects: reproducible and keeping their promises.

See bso_xl/data/VOORBEELDCIJFERS.md for the method, scripts/build_demo_figures.py for the code.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pytest

from collections import Counter

from bso_xl import demo
from bso_xl.demo import demo_projects
from bso_xl.municipalities import municipalities
from bso_xl.parameters import load
from bso_xl.rules import Components, Level, identity_bso, phase_on, provisional_to_final
from bso_xl.rules.project_rows import INPUT_COLUMNS, Blocked, check_row

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_demo_figures.py"
COLUMNS = [
    "nis", "gemeente", "aandeel_op_peil", "sib", "wettelijke_doelgroep", "overschrijding",
    "aftopping_9pct", "voorlopig_bso", "gerealiseerd_2024_2025", "gemiddeld_vergunde_woningen",
    "peildatum", "status",
]
COMPONENTS = ("aandeel_op_peil", "sib", "wettelijke_doelgroep", "overschrijding", "aftopping_9pct")


def _load_script():
    spec = importlib.util.spec_from_file_location("build_demo_figures", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=1)
def _committed() -> tuple[list[str], list[dict[str, str]]]:
    """The CSV as shipped in the package (header, rows)."""
    text = resources.files("bso_xl.data").joinpath("voorbeeldcijfers.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(text.splitlines())
    rows = list(reader)
    return list(reader.fieldnames), rows


def _rows() -> list[dict[str, str]]:
    return _committed()[1]


def _components(row: dict[str, str]) -> Components:
    return Components(**{key: int(row[key]) for key in COMPONENTS})


def _bso(row: dict[str, str]) -> int:
    return max(0, identity_bso(_components(row)))


# --- Reproducibility -------------------------------------------------------------------------

def test_committed_csv_is_what_the_script_builds():
    header, rows = _committed()
    built = _load_script().build_rows()
    assert header == COLUMNS
    assert len(rows) == len(built)
    for committed, fresh in zip(rows, built):
        assert committed == fresh, f"rerun scripts/build_demo_figures.py ({committed['nis']})"


def test_build_is_deterministic():
    script = _load_script()
    assert script.build_rows() == script.build_rows()


def test_csv_is_plain_header_first():
    text = resources.files("bso_xl.data").joinpath("voorbeeldcijfers.csv").read_text(encoding="utf-8")
    assert text.startswith("nis,gemeente,")


# --- Shape -----------------------------------------------------------------------------------

def test_one_row_per_known_municipality_in_nis_order():
    known = municipalities()
    nis = [row["nis"] for row in _rows()]
    assert len(nis) == 285
    assert nis == list(known)
    assert all(row["gemeente"] == known[row["nis"]].name for row in _rows())


def test_no_official_looking_columns():
    header = _committed()[0]
    for forbidden in ("bso", "t1", "t2", "t3", "mjp", "ktp", "in_uitvoering", "gerealiseerd"):
        assert forbidden not in header


def test_every_row_is_labelled_demo_with_peildatum():
    for row in _rows():
        assert "voorbeeldcijfers" in row["status"]
        assert row["peildatum"] == "2026-04-30"


def test_components_are_whole_and_not_negative():
    for row in _rows():
        for key in COMPONENTS + ("voorlopig_bso", "gerealiseerd_2024_2025"):
            assert row[key].isdigit(), (row["nis"], key, row[key])


# --- R1 / R2 promises ------------------------------------------------------------------------

def test_flemish_total_is_exactly_45000():
    assert sum(_bso(row) for row in _rows()) == 45000


def test_about_fifteen_municipalities_without_objective():
    zeros = [row["gemeente"] for row in _rows() if _bso(row) == 0]
    assert 14 <= len(zeros) <= 16
    assert "Herstappe" in zeros  # no household figure (SOURCES.md)


def test_sib_is_a_realistic_minority_and_never_above_the_bso():
    with_sib = [row for row in _rows() if int(row["sib"]) > 0]
    assert 0.20 <= len(with_sib) / 285 <= 0.35
    assert all(int(row["sib"]) <= _bso(row) for row in _rows())


def test_a_few_municipalities_have_a_9pct_aftopping():
    count = sum(1 for row in _rows() if int(row["aftopping_9pct"]) > 0)
    assert 1 <= count <= 12


def test_provisional_figures_illustrate_r3():
    rows = _rows()
    provisional = [int(row["voorlopig_bso"]) for row in rows]
    realised = [int(row["gerealiseerd_2024_2025"]) for row in rows]
    assert sum(provisional) == 45000  # R3: the Flemish total is unchanged
    assert 0 < sum(realised) < 1000
    model = provisional_to_final(provisional, realised)
    # The R3 model explains every demo BSO to within one dwelling (a tie can move one).
    assert all(abs(m.final - _bso(row)) <= 1 for m, row in zip(model, rows))


def test_average_permits_six_years_one_decimal():
    base = {}
    text = resources.files("bso_xl.data").joinpath("gemeenten-2025-basiscijfers.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        base[row["nis"]] = row
    for row in _rows():
        src = base[row["nis"]]
        windows = (src["nieuwbouw_woningen_2019sep_2022aug"], src["nieuwbouw_woningen_2022sep_2025aug"])
        if "" in windows:
            assert row["gemiddeld_vergunde_woningen"] == ""
        else:
            value = float(row["gemiddeld_vergunde_woningen"])
            assert value == pytest.approx((int(windows[0]) + int(windows[1])) / 6, abs=0.05)
    assert sum(1 for row in _rows() if row["gemiddeld_vergunde_woningen"] == "") == 12
    antwerpen = next(row for row in _rows() if row["nis"] == "11002")
    assert antwerpen["gemiddeld_vergunde_woningen"] == "1497.3"  # (4444 + 4540) / 6


# --- demo_projects ---------------------------------------------------------------------------

PROJECT_KEYS = set(INPUT_COLUMNS)


def _vmsw_rows() -> list[dict[str, str]]:
    text = (Path(demo.__file__).parent / "data" / "vmsw-ktp-projecten-2026-08-14.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def test_demo_projects_show_the_real_vmsw_ktp_projects():
    """Issue 8: where a municipality has them, the real VMSW kortetermijnplanning projects, labelled."""
    listed = [r for r in _vmsw_rows() if r["nis"] == "11002"]
    projects = demo_projects("11002")
    real = [p for p in projects if p["bron"] == "VMSW-kortetermijnplanning FS4"]
    assert [(p["project"], p["type"], p["woningen"], p["ktp"]) for p in real] == [
        (r["projectomschrijving"], r["type"], int(r["huur"]), dt.date.fromisoformat(r["datum_beslissing"]))
        for r in listed]
    assert len(real) == len(listed) > 0
    assert all(p["gesloopt"] is None for p in real)  # the list does not give demolished dwellings


def test_demo_projects_antwerpen_illustrative_rows():
    projects = demo_projects("11002")
    illustrative = [p for p in projects if p["bron"] == demo.ILLUSTRATIVE_SOURCE]
    # 131 new-build dwellings on the FS4 meerjarenplanning (planning detail file), planned through
    # every phase after the planning date of 14/08/2026
    [planned] = illustrative  # 11002 % 4 = 2 and 11002 % 6 = 4: no realised nor VEP example
    assert planned["woningen"] == 131
    assert planned["mjp"] == dt.date(2026, 8, 14)
    assert planned["mjp"] < planned["ktp"] < planned["start"] < planned["oplevering"] < dt.date(2035, 1, 1)
    assert "illustratief" in planned["project"] and "illustratief" in planned["opmerking"]


def test_demo_projects_shapes_for_every_municipality():
    phases = Counter()
    for nis, gemeente in municipalities().items():
        for p in demo_projects(nis):
            assert set(p) == PROJECT_KEYS
            assert p["locatie"] == gemeente.name
            assert isinstance(p["woningen"], int) and p["woningen"] > 0
            for key in ("mjp", "ktp", "start", "oplevering"):
                assert p[key] is None or isinstance(p[key], dt.date)
            check = check_row(p)
            if check.project is not None:
                for test in load().tests.values():
                    phases[phase_on(check.project, test.measured)] += 1
            phases["VEP zonder gesloopt" if check.blocked == Blocked.DEMOLISHED_MISSING else "ok"] += 1
            phases["netto negatief" if check.adds < 0 else "ok"] += 1
    # Issue 13: the demo exercises every phase, net-negative rebuilds and a flagged VEP row, so the
    # recalculation of all 285 demo workbooks sees those paths.
    for level in Level:
        assert phases[level] > 0, level
    assert phases["netto negatief"] > 0 and phases["VEP zonder gesloopt"] > 0


def test_demo_projects_skip_empty_lists():
    # Herstappe: nothing on the FS4 planning; 73028 % 4 == 0 gives it the realised example only
    assert [p["project"] for p in demo_projects("73028")] == ["Opgeleverd project (illustratief)"]
    aartselaar = demo_projects("11001")  # 24 on the MJP, 0 on the KTP list; 11001 % 6 = 5, % 4 = 1
    assert [(p["project"], p["woningen"]) for p in aartselaar] == [
        ("Nieuwbouw van de VMSW-meerjarenplanning FS4 (illustratief)", 24)
    ]


def test_demo_projects_unknown_nis():
    with pytest.raises(KeyError):
        demo_projects("99999")
