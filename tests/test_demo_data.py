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

from bso_xl.demo import demo_projects
from bso_xl.municipalities import municipalities
from bso_xl.rules import Components, Project, identity_bso, provisional_to_final

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

PROJECT_KEYS = {"project", "locatie", "woningen", "gesloopt", "mjp", "ktp", "start", "oplevering", "opmerking"}


def test_demo_projects_antwerpen():
    projects = demo_projects("11002")
    assert [p["woningen"] for p in projects] == [131, 33]
    mjp, ktp = projects
    planning = dt.date(2026, 8, 14)
    assert mjp["project"] == "VMSW-meerjarenplanning FS4 (nieuwbouw)"
    assert (mjp["mjp"], mjp["ktp"], mjp["start"], mjp["oplevering"]) == (planning, None, None, None)
    assert ktp["project"] == "VMSW-kortetermijnplanning FS4 (nieuwbouw)"
    assert (ktp["mjp"], ktp["ktp"], ktp["start"], ktp["oplevering"]) == (planning, planning, None, None)
    for p in projects:
        assert set(p) == PROJECT_KEYS
        assert p["locatie"] == "Antwerpen"
        assert p["gesloopt"] == 0
        assert "illustratief" in p["opmerking"] and "14/08/2026" in p["opmerking"]


def test_demo_projects_shapes_for_every_municipality():
    for nis, gemeente in municipalities().items():
        projects = demo_projects(nis)
        assert 0 <= len(projects) <= 3
        for p in projects:
            assert set(p) == PROJECT_KEYS
            assert p["locatie"] == gemeente.name
            assert isinstance(p["woningen"], int) and p["woningen"] > 0
            for key in ("mjp", "ktp", "start", "oplevering"):
                assert p[key] is None or isinstance(p[key], dt.date)
            # The dicts feed the R5 rules as they are.
            Project(**{k: p[k] for k in ("woningen", "gesloopt", "mjp", "ktp", "start", "oplevering")})


def test_demo_projects_skip_empty_lists():
    assert demo_projects("73028") == []  # Herstappe: nothing on the FS4 planning
    aartselaar = demo_projects("11001")  # 24 on the MJP, 0 on the KTP
    assert [(p["project"], p["woningen"]) for p in aartselaar] == [
        ("VMSW-meerjarenplanning FS4 (nieuwbouw)", 24)
    ]


def test_demo_projects_unknown_nis():
    with pytest.raises(KeyError):
        demo_projects("99999")
