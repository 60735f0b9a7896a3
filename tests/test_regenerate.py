"""Regeneration keeps every input (issue 8): carry-over, archive, atomic writes, one run per folder.

The officer's loop: a workbook is generated → filled (projects with text that looks like a
formula, dates, overrides, assessments; the table grown beyond its prepared rows) → sent back,
re-saved by LibreOffice under another name → new figures arrive → regenerated with --previous.
Every input must be present and unchanged in type, every formula right after LibreOffice
recalculates, and the old files archived.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from bso_xl.figures import read_figures
from bso_xl.readback import read_workbook
from bso_xl.regenerate import Options, generate
from bso_xl.regenerate.files import TEMP_PREFIX
from bso_xl.regenerate.projects_merge import merge
from bso_xl.report import read_report
from bso_xl.rules.project_rows import check_row
from bso_xl.workbook.model import build_model
from recalc import convert
from regen_helpers import fill, officer_projects, resave_with_libreoffice
from workbook_helpers import defined_value, mismatches

QUIET = dict(jobs=1, progress=False)
ROOT = Path(__file__).resolve().parent.parent
V010 = ROOT / "tests" / "fixtures" / "v0.1.0"


def run(**options):
    lines = []
    result = generate(Options(**{**QUIET, **options}), say=lines.append)
    return result, lines


def by_nis(report):
    return {c.nis: c for c in report.gemeenten}


def official_figures(path: Path, nis_codes: list[str], bump: int = 0) -> Path:
    """The demo figures of some municipalities as an 'official' file (no status column), with
    ``aandeel_op_peil`` raised by ``bump`` (new figures arrived)."""
    demo = Path(read_figures(None).source)
    rows = [r for r in csv.DictReader(demo.read_text(encoding="utf-8").splitlines()) if r["nis"] in nis_codes]
    columns = [c for c in rows[0] if c != "status"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "aandeel_op_peil": int(row["aandeel_op_peil"]) + bump})
    return path


def comparable(row: dict) -> dict:
    """A project row's values with their types, blanks dropped (openpyxl gives datetimes for dates)."""
    return {k: (type(v).__name__, v) for k, v in row.items() if v is not None}


# --- the whole loop, through LibreOffice ------------------------------------------------------


@pytest.mark.libreoffice
def test_generate_fill_resave_regenerate_keeps_every_input(tmp_path):
    out, returned = tmp_path / "werkboeken", tmp_path / "teruggestuurd"
    returned.mkdir()
    run(out=out, only=["44021", "11002"])
    gent = out / "44021_Gent.xlsx"
    typed = officer_projects(62)
    pasted_below = [{"project": "Geplakt onder de tabel", "woningen": 5, "ktp": dt.datetime(2029, 1, 1)}]
    names = {"Tekort_invoer_2031": 12, "Bedrag_invoer_2034": 3000.5, "Beoordeling_2028": "2B ",
             "Beoordeling_2031": "2a", "Verhoogd_keuze": "nee", "Indexatie": 0.015, "Vergunde_woningen_invoer": 777.7}
    # typed on the shared drive, in place, and saved by an office suite (which stores computed values)
    resave_with_libreoffice(fill(gent, typed, names, below=pasted_below, target=tmp_path / "gent.xlsx"), gent)
    antwerpen = fill(out / "11002_Antwerpen.xlsx", typed[:3], {"Beoordeling_2037": "2b"},
                     target=tmp_path / "ingevuld.xlsx")
    resave_with_libreoffice(antwerpen, returned / "Antwerpen - teruggestuurd door de stad.xlsx")
    before_gent, before_antwerpen = gent.read_bytes(), (out / "11002_Antwerpen.xlsx").read_bytes()

    figures_file = official_figures(tmp_path / "cijfers-2027.csv", ["44021", "11002"], bump=50)
    result, _ = run(figures=str(figures_file), out=out, previous=returned, jobs=2)

    changes = by_nis(result.report)
    assert changes["44021"].status == changes["11002"].status == "gewijzigd"
    assert any("BSO" in w for w in changes["44021"].wijzigingen)  # the new figures raised it by 50
    # the previous files are archived, byte for byte
    [archive] = list((out / "backup").iterdir())
    assert (archive / "44021_Gent.xlsx").read_bytes() == before_gent
    assert (archive / "11002_Antwerpen.xlsx").read_bytes() == before_antwerpen
    # every input is there, unchanged in value and type; the row pasted below the table is in it now
    new_gent = read_workbook(gent)
    officer_rows = [r for r in new_gent.inputs.projects if not str(r.get("bron") or "").startswith("VMSW")]
    assert [comparable(r) for r in officer_rows] == [comparable(r) for r in typed + pasted_below]
    assert officer_rows[0]["project"] == '=HYPERLINK("http://example.com","klik")'
    assert new_gent.inputs.shortfall == {2031: 12} and new_gent.inputs.amount == {2034: 3000.5}
    assert new_gent.inputs.assessment == {2028: "2B ", 2031: "2a"}
    assert (new_gent.inputs.raised_choice, new_gent.inputs.index_rate, new_gent.inputs.permits) == ("nee", 0.015, 777.7)
    new_antwerpen = read_workbook(out / "11002_Antwerpen.xlsx")
    assert new_antwerpen.inputs.assessment == {2037: "2b"}
    assert [r["project"] for r in new_antwerpen.inputs.projects if r.get("bron") != "VMSW-kortetermijnplanning FS4"] \
        == [r["project"] for r in typed[:3]]
    assert "teruggestuurd door de stad" in " ".join(changes["11002"].waarschuwingen)
    # illustrative demo rows never stay in a workbook with official figures
    assert not any("illustratief" in str(r.get("project")) for r in new_gent.inputs.projects)
    # every formula is right after LibreOffice recalculates (recalculation forced, every cell compared)
    recalculated = convert([gent, out / "11002_Antwerpen.xlsx"], tmp_path / "lo")
    problems = []
    for original, lo in zip([gent, out / "11002_Antwerpen.xlsx"], recalculated):
        problems += mismatches(original, lo)
    assert problems == []
    # and the names equal the engine computed from first principles with those inputs
    figures = read_figures(figures_file)
    model = build_model(figures.rows["44021"], figures, new_gent.inputs)
    book = openpyxl.load_workbook(recalculated[0], data_only=True)
    for test in model.tests:
        assert defined_value(book, f"Tekort_{test.year}") == test.shortfall
        assert defined_value(book, f"Categorie_{test.year}") == test.category
    assert defined_value(book, "Categorie_2028") in ("1", "2b")  # "2B " typed: counts as 2b when short


@pytest.mark.libreoffice
def test_regenerate_from_010_workbooks(tmp_path):
    """bso-xl 0.1.0 workbooks (no properties, no input names) carry over too."""
    out = tmp_path / "werkboeken"
    result, _ = run(out=out, only=["44021", "11002", "11001"], previous=V010)
    changes = by_nis(result.report)
    gent = read_workbook(out / "44021_Gent.xlsx")
    assert gent.identity.layout == 2  # the new workbook has the new layout
    fixture = read_workbook(V010 / "44021_Gent_ingevuld_libreoffice.xlsx")
    officer = [r for r in gent.inputs.projects if r.get("bron") is None]
    assert [comparable(r) for r in officer] == [comparable(r) for r in fixture.inputs.projects]
    assert len(officer) == 60  # 52 in the 0.1.0 table and 8 typed below it
    assert officer[4]["mjp"] == dt.datetime(1905, 7, 22)  # the bare year 2030 stays what was typed…
    assert "jaartal" in " ".join(changes["44021"].waarschuwingen)  # …and is reported
    assert (gent.inputs.shortfall, gent.inputs.amount) == ({2031: 500}, {2034: 4000.5})
    assert (gent.inputs.raised_choice, gent.inputs.index_rate, gent.inputs.permits) == ("ja", 0.02, 1234.5)
    antwerpen = read_workbook(out / "11002_Antwerpen.xlsx")
    assert antwerpen.inputs.shortfall == {2028: -3}  # invalid, but the officer's: carried …
    warnings = " ".join(changes["11002"].waarschuwingen)
    assert "blad Sanctie, rij 11, kolom 'C': gevonden -3" in warnings  # … and reported with sheet, row, column
    assert antwerpen.inputs.permits is None  # 0.1.0 prefilled the source's average: not an input
    recalculated = convert([out / "44021_Gent.xlsx", out / "11002_Antwerpen.xlsx"], tmp_path / "lo")
    assert mismatches(out / "44021_Gent.xlsx", recalculated[0]) == []
    assert mismatches(out / "11002_Antwerpen.xlsx", recalculated[1]) == []
    # the negative override gives no sanction: the cell shows why
    book = openpyxl.load_workbook(recalculated[1], data_only=True)
    assert isinstance(defined_value(book, "Sanctie_2028"), str)


# --- archive, unchanged files, parallel ---------------------------------------------------------


def test_unchanged_workbooks_keep_their_bytes_and_nothing_is_archived(tmp_path):
    run(out=tmp_path, only=["11001", "44021"])
    stamps = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.glob("*_*.xlsx")}
    result, _ = run(out=tmp_path, only=["11001", "44021"])
    assert [c.status for c in result.report.gemeenten] == ["ongewijzigd", "ongewijzigd"]
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.glob("*_*.xlsx")} == stamps
    assert not (tmp_path / "backup").exists()
    assert result.written == []


def test_archive_names_never_collide_within_or_across_runs(tmp_path):
    run(out=tmp_path, only=["11001"])
    path = tmp_path / "11001_Aartselaar.xlsx"
    versions = []
    for i in range(3):  # three runs within one second each replace a changed file
        fill(path, [{"project": f"Project {i}", "woningen": i + 1, "mjp": dt.datetime(2026, 1, 1)}], {})
        versions.append(path.read_bytes())
        run(out=tmp_path, only=["11001"], figures=None)
    archived = sorted((tmp_path / "backup").glob("*/11001_Aartselaar.xlsx"))
    assert len(archived) == 3 and len({p.parent for p in archived}) == 3
    assert sorted(p.read_bytes() for p in archived) == sorted(versions)


def test_parallel_output_is_byte_identical_to_one_process(tmp_path):
    nis = ["11001", "11002", "44021", "71066", "23062"]
    run(out=tmp_path / "een", only=nis, jobs=1)
    run(out=tmp_path / "twee", only=nis, jobs=2)
    for path in sorted((tmp_path / "een").glob("*_*.xlsx")):
        assert path.read_bytes() == (tmp_path / "twee" / path.name).read_bytes(), path.name


def test_report_json_and_workbook(tmp_path):
    run(out=tmp_path, only=["11001"])
    report = read_report(tmp_path)
    [change] = report.gemeenten
    assert (change.nis, change.status, change.nieuw.bso) == ("11001", "nieuw", read_figures(None).rows["11001"].objective().bso)
    book = openpyxl.load_workbook(tmp_path / "rapport.xlsx")
    assert book.active["A6"].value == "11001" and book.active["C6"].value == "nieuw"


# --- what goes wrong ------------------------------------------------------------------------------


def test_corrupt_previous_workbook_is_reported_and_the_rest_completes(tmp_path):
    corrupt = tmp_path / "44021_Gent.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 dit is geen echt werkboek meer")
    result, _ = run(out=tmp_path, only=["44021", "11001"])
    changes = by_nis(result.report)
    assert changes["44021"].status == "overgeslagen"
    assert "44021_Gent.xlsx" in changes["44021"].waarschuwingen[0] and "--force" in changes["44021"].waarschuwingen[0]
    assert corrupt.read_bytes() == b"PK\x03\x04 dit is geen echt werkboek meer"  # left untouched
    assert changes["11001"].status == "nieuw" and (tmp_path / "11001_Aartselaar.xlsx").exists()
    result, _ = run(out=tmp_path, only=["44021"], force=True)
    assert by_nis(result.report)["44021"].status == "gewijzigd"
    [kept] = list((tmp_path / "backup").glob("*/44021_Gent.xlsx"))
    assert kept.read_bytes() == b"PK\x03\x04 dit is geen echt werkboek meer"
    read_workbook(corrupt)  # the new one reads


def test_two_returned_workbooks_for_one_municipality_are_not_guessed(tmp_path):
    out, returned = tmp_path / "uit", tmp_path / "terug"
    run(out=out, only=["11001"])
    returned.mkdir()
    first = fill(out / "11001_Aartselaar.xlsx", [{"project": "A", "woningen": 1}], {}, target=returned / "versie 1.xlsx")
    second = fill(out / "11001_Aartselaar.xlsx", [{"project": "B", "woningen": 2}], {}, target=returned / "versie 2.xlsx")
    before = (out / "11001_Aartselaar.xlsx").read_bytes()
    result, _ = run(out=out, previous=returned, only=["11001"])
    [change] = result.report.gemeenten
    assert change.status == "overgeslagen"
    assert "versie 1.xlsx" in change.waarschuwingen[0] and "versie 2.xlsx" in change.waarschuwingen[0]
    assert (out / "11001_Aartselaar.xlsx").read_bytes() == before
    result, _ = run(out=out, previous=returned, only=["11001"], use=[second])
    assert result.report.gemeenten[0].status == "gewijzigd"
    projects = [r["project"] for r in read_workbook(out / "11001_Aartselaar.xlsx").inputs.projects]
    assert "B" in projects and "A" not in projects
    assert first.exists() and second.exists()  # returned files are read, never moved


def test_a_returned_workbook_is_matched_by_the_nis_inside_not_its_name(tmp_path):
    out, returned = tmp_path / "uit", tmp_path / "terug"
    run(out=out, only=["11001", "44021"])
    returned.mkdir()
    # Gent's workbook sent back under Aartselaar's file name
    fill(out / "44021_Gent.xlsx", [{"project": "Gents project", "woningen": 3}], {}, target=returned / "11001_Aartselaar.xlsx")
    run(out=out, previous=returned, only=["11001", "44021"])
    gent = [r["project"] for r in read_workbook(out / "44021_Gent.xlsx").inputs.projects]
    aartselaar = [r["project"] for r in read_workbook(out / "11001_Aartselaar.xlsx").inputs.projects]
    assert "Gents project" in gent and "Gents project" not in aartselaar


def test_typed_text_that_looks_like_a_formula_is_carried_as_text(tmp_path):
    """Fast (no LibreOffice): every text an officer typed is a string cell in the regenerated
    workbook, never a formula or a link, whatever it starts with (planted bug: write() for text)."""
    run(out=tmp_path, only=["11001"])
    path = tmp_path / "11001_Aartselaar.xlsx"
    texts = {"project": '=HYPERLINK("http://example.com","klik")', "locatie": "=1+1", "opmerking": "@SOM(A1)",
             "bron": "+32 9 123 45 67"}
    fill(path, [{**texts, "woningen": 4, "mjp": dt.datetime(2026, 1, 1)}], {})
    result, _ = run(out=tmp_path, only=["11001"])  # carried over from the output folder
    assert result.report.gemeenten[0].status == "gewijzigd"
    ws = openpyxl.load_workbook(path)["Projecten"]  # formulas read as formulas, not as their values
    cells = {cell.value: cell for row in ws.iter_rows() for cell in row if cell.value in texts.values()}
    assert set(cells) == set(texts.values())
    assert {value: cell.data_type for value, cell in cells.items()} == dict.fromkeys(texts.values(), "s")


def test_a_workbook_saved_in_another_format_is_reported_never_passed_over(tmp_path):
    """An officer who kept LibreOffice's .ods (or Excel 97's .xls) sent inputs back that bso-xl cannot
    read: the municipality is skipped like one with an unreadable workbook, not regenerated without
    them; an .XLSX in capitals is an .xlsx."""
    out, returned = tmp_path / "uit", tmp_path / "terug"
    run(out=out, only=["11001", "44021"])
    returned.mkdir()
    fill(out / "44021_Gent.xlsx", [{"project": "Gents project", "woningen": 3}], {}, target=returned / "GENT.XLSX")
    (returned / "11001_Aartselaar.ods").write_bytes(b"PK\x03\x04 LibreOffice Calc")
    (returned / "bijlage.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (returned / "~$GENT.XLSX").write_bytes(b"owner")  # Excel's owner file: not a workbook
    before = (out / "11001_Aartselaar.xlsx").read_bytes()
    result, lines = run(out=out, previous=returned, only=["11001", "44021"])
    changes = by_nis(result.report)
    assert changes["11001"].status == "overgeslagen"
    assert ("11001_Aartselaar.ods: niet gelezen: een .ods-bestand, geen Excel-werkmap (.xlsx); open het in "
            "Excel of LibreOffice en bewaar het als Excel-werkmap (.xlsx)") in changes["11001"].waarschuwingen[0]
    assert (out / "11001_Aartselaar.xlsx").read_bytes() == before
    assert [line for line in lines if "bijlage.xls" in line] == [
        f"niet te lezen en aan geen gemeente toe te wijzen: {returned / 'bijlage.xls'}: niet gelezen: een "
        ".xls-bestand, geen Excel-werkmap (.xlsx); open het in Excel of LibreOffice en bewaar het als "
        "Excel-werkmap (.xlsx)"]
    assert "Gents project" in [r["project"] for r in read_workbook(out / "44021_Gent.xlsx").inputs.projects]


# --- projects from a file ----------------------------------------------------------------------------


def test_vmsw_list_imports_into_every_municipality(tmp_path):
    """Every row with a NIS lands in its municipality's table; per municipality the dwellings its
    NB, GW, VVP and RVP rows add at KTP equal ktp_huur_nieuwbouw of the planning detail file
    (REP adds 0; VEP rows, whose demolished dwellings the list does not give, are flagged)."""
    vmsw = ROOT / "bso_xl" / "data" / "vmsw-ktp-projecten-2026-08-14.csv"
    listed = [r for r in csv.DictReader(vmsw.read_text(encoding="utf-8").splitlines()) if r["nis"]]
    nis_codes = sorted({r["nis"] for r in listed})[:12]  # a sample keeps the test fast; the rule is per municipality
    figures_file = official_figures(tmp_path / "cijfers.csv", nis_codes)
    planning = {r["nis"]: r for r in csv.DictReader(
        (ROOT / "bso_xl" / "data" / "gemeenten-2025-planning-fs4-detail.csv").read_text(encoding="utf-8").splitlines())}
    run(figures=str(figures_file), out=tmp_path / "uit", projects=[vmsw], jobs=2)
    for nis in nis_codes:
        [path] = list((tmp_path / "uit").glob(f"{nis}_*.xlsx"))
        rows = read_workbook(path).inputs.projects
        mine = [r for r in listed if r["nis"] == nis]
        assert sorted(r["project"] for r in rows) == sorted(r["projectomschrijving"] for r in mine), nis
        checks = [(row, check_row(row)) for row in rows]
        new = sum(c.adds for row, c in checks if row["type"] in ("NB", "GW", "VVP", "RVP"))
        assert new == int(planning[nis]["ktp_huur_nieuwbouw"]), nis
        assert all(c.adds == 0 for row, c in checks if row["type"] == "REP")
        assert all(c.flagged for row, c in checks if row["type"] == "VEP")


def test_a_newer_list_replaces_its_source_and_keeps_what_officers_typed():
    officer = {"project": "Eigen project", "woningen": 4, "bron": None}
    v1 = [{"project": "Kiel", "woningen": 20, "bron": "lijst"}, {"project": "Dok", "woningen": 8, "bron": "lijst"}]
    carried = [officer, {**v1[0], "start": dt.date(2028, 3, 1), "gesloopt": 5, "opmerking": "afspraak 12/5"}, v1[1]]
    v2 = [{"project": "Kiel", "woningen": 24, "bron": "lijst", "opmerking": "update"},
          {"project": "Nieuw", "woningen": 6, "bron": "lijst"}]
    result = merge(carried, v2)
    assert [r["project"] for r in result.rows] == ["Eigen project", "Kiel", "Nieuw"]  # Dok left the list
    kiel = result.rows[1]
    assert kiel["woningen"] == 24  # what the list knows is updated
    assert (kiel["start"], kiel["gesloopt"], kiel["opmerking"]) == (dt.date(2028, 3, 1), 5, "afspraak 12/5")
    assert (result.replaced, result.added) == (2, 2)


# --- two runs, a killed run, Ctrl-C ---------------------------------------------------------------


def _cli(*args, **popen):
    return subprocess.Popen([sys.executable, "-m", "bso_xl.cli", "generate", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **popen)


def _wait_for_files(folder: Path, count: int, process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while len(list(folder.glob("*_*.xlsx"))) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)


def _all_complete(folder: Path) -> None:
    for path in folder.glob("*.xlsx"):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path


def test_a_second_run_on_the_same_folder_stops_and_loses_nothing(tmp_path):
    first = _cli("--out", str(tmp_path), "--jobs", "1")
    _wait_for_files(tmp_path, 1, first)
    second = _cli("--out", str(tmp_path), "--jobs", "1")
    out, err = second.communicate(timeout=120)
    assert second.returncode == 2
    assert "een andere bso-xl-opdracht (generate, overview of mail) werkt al in deze map" in err and "Traceback" not in err
    first.kill()
    first.wait()
    _all_complete(tmp_path)
    waiting = _cli("--out", str(tmp_path), "--jobs", "2", "--only", "11001,11002,44021", "--wacht")
    blocking = _cli("--out", str(tmp_path), "--jobs", "2", "--only", "11001,11002,44021", "--wacht")
    for process in (waiting, blocking):
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    _all_complete(tmp_path)


def test_a_run_killed_mid_write_leaves_only_complete_workbooks(tmp_path):
    process = _cli("--out", str(tmp_path), "--jobs", "1")
    _wait_for_files(tmp_path, 3, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _all_complete(tmp_path)  # every file under a final name is whole
    result, lines = run(out=tmp_path, only=["11001"])
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))


def test_ctrl_c_stops_cleanly(tmp_path):
    process = _cli("--out", str(tmp_path), "--jobs", "2", start_new_session=True)
    _wait_for_files(tmp_path, 2, process)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal sends it: to the whole process group
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "Traceback" not in err and "onderbroken" in out + err
    assert not list(tmp_path.glob(f"{TEMP_PREFIX}*"))
    _all_complete(tmp_path)


def test_the_generated_key_figures_are_stored_in_the_workbook(tmp_path):
    """The next run's "old" numbers come from the document properties (each ≤ 255 characters, as
    Excel allows) and equal what the sheets show."""
    from bso_xl.readback import generated_key_figures, read_key_figures

    run(out=tmp_path, only=["44021"])
    path = tmp_path / "44021_Gent.xlsx"
    stored = generated_key_figures(path)
    assert stored is not None and stored == read_key_figures(path)
    assert stored.bso == read_figures(None).rows["44021"].objective().bso
    with zipfile.ZipFile(path) as archive:
        custom = archive.read("docProps/custom.xml").decode("utf-8")
    import re

    assert all(len(value) <= 255 for value in re.findall(r"<vt:lpwstr>([^<]*)</vt:lpwstr>", custom))
    assert generated_key_figures(V010 / "11001_Aartselaar.xlsx") is None  # 0.1.0: read from the sheets


def test_an_index_rate_typed_as_text_is_carried_and_explained(tmp_path):
    """Issue 9: one index-rate parser everywhere. "2%" pasted as text is the officer's: carried as
    typed, and the report says what it means and what the cell needs (its formulas read numbers)."""
    run(out=tmp_path, only=["11001"])
    fill(tmp_path / "11001_Aartselaar.xlsx", [], {"Indexatie": "2%"})
    result, _ = run(out=tmp_path, only=["11001"])
    assert read_workbook(tmp_path / "11001_Aartselaar.xlsx").inputs.index_rate == "2%"
    warnings = " ".join(result.report.gemeenten[0].waarschuwingen)
    assert "blad Sanctie, rij 7, kolom 'B': gevonden '2%'" in warnings
    assert "een getal, geen tekst: typ 2% opnieuw in de cel" in warnings


def test_the_archive_keeps_two_files_of_the_same_name_side_by_side(tmp_path):
    """Archive's contract: a name already in this run's archive folder is never replaced."""
    from bso_xl.regenerate.files import Archive
    archive = Archive(tmp_path / "uit", dt.datetime(2026, 12, 2, 9, 30))
    first, second = tmp_path / "a" / "11001_Aartselaar.xlsx", tmp_path / "b" / "11001_Aartselaar.xlsx"
    for path, data in ((first, b"eerste"), (second, b"tweede")):
        path.parent.mkdir()
        path.write_bytes(data)
    kept = [archive.keep(first), archive.keep_copy(second)]
    assert [p.name for p in kept] == ["11001_Aartselaar.xlsx", "11001_Aartselaar-1.xlsx"]
    assert [p.read_bytes() for p in kept] == [b"eerste", b"tweede"] and kept[0].parent == kept[1].parent
