"""Every kind of file bso-xl writes is valid OOXML (issue 12 item 3).

Two checks over each file: openxml-audit (PyPI; the Open XML SDK's schema data) must report
nothing, and tests/ooxml_check.py (ours: what Excel's repair dialog objects to and
openxml-audit does not see) must find nothing. A corpus of deliberately broken copies of a good
workbook, each made by editing one part of the zip, proves every structural check can fail, and
one schema error proves openxml-audit is really consulted.

WRITERS is the registry of what bso-xl writes: add one function per new kind of file (the
overview workbooks, the change report) with ``@writes("…")``; it gets an empty folder and
returns the files it wrote.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from ooxml_check import check
from openxml_audit.errors import FileFormat
from openxml_audit.validator import OpenXmlValidator

from bso_xl.cli import main as cli_main
from bso_xl.demo import demo_projects
from bso_xl.figures import read_figures
from bso_xl.template import write_template
from bso_xl.workbook import write_workbook


@dataclass(frozen=True)
class Writer:
    name: str
    write: Callable[[Path], list[Path]]


WRITERS: list[Writer] = []


def writes(name: str):
    def register(function: Callable[[Path], list[Path]]):
        WRITERS.append(Writer(name, function))
        return function
    return register


def _municipalities(figures) -> dict[str, str]:
    """A few demo municipalities that take different paths through the workbook."""
    rows = figures.rows.values()
    return {
        "met projecten": next(f.nis for f in rows if demo_projects(f.nis)),
        "zonder projecten": next(f.nis for f in rows if not demo_projects(f.nis)),
        "BSO 0": next(f.nis for f in rows if f.objective().bso == 0),
        "met SIB": next(f.nis for f in rows if f.objective().sib > 0),
        "Gent": "44021",
    }


# Projects in every phase, one a rebuild with demolitions (R5), for the workbook's fullest paths.
EVERY_PHASE = [
    {"project": "Nieuwbouw Kerkstraat", "locatie": "centrum", "woningen": 24, "gesloopt": 0,
     "mjp": dt.date(2025, 3, 1), "ktp": None, "start": None, "oplevering": None, "opmerking": ""},
    {"project": "Sociale huur Molenwijk", "locatie": "", "woningen": 18, "gesloopt": 0,
     "mjp": dt.date(2024, 1, 15), "ktp": dt.date(2026, 6, 1), "start": None, "oplevering": None,
     "opmerking": ""},
    {"project": "Vervangingsbouw Heide", "locatie": "Heide", "woningen": 30, "gesloopt": 12,
     "mjp": dt.date(2023, 5, 1), "ktp": dt.date(2025, 2, 1), "start": dt.date(2027, 9, 1),
     "oplevering": None, "opmerking": "12 oude woningen gesloopt"},
    {"project": "Aankoop Stationsplein", "locatie": "", "woningen": 6, "gesloopt": 0,
     "mjp": dt.date(2022, 1, 1), "ktp": dt.date(2023, 1, 1), "start": dt.date(2024, 1, 1),
     "oplevering": dt.date(2026, 10, 1), "opmerking": ""},
]


@writes("gemeentewerkboek (bso_xl.workbook.write_workbook), voorbeeldcijfers")
def municipal_workbooks(folder: Path) -> list[Path]:
    figures = read_figures(None)
    paths = []
    for label, nis in _municipalities(figures).items():
        path = folder / f"{nis}.xlsx"
        write_workbook(path, figures.rows[nis], figures, demo_projects(nis))
        paths.append(path)
    path = folder / "alle-fases.xlsx"
    write_workbook(path, figures.rows["11002"], figures, EVERY_PHASE)
    return paths + [path]


@writes("bso-xl generate: werkboeken en het wijzigingsrapport rapport.xlsx")
def generate_run(folder: Path) -> list[Path]:
    assert cli_main(["generate", "--out", str(folder), "--only", "11001,44021"]) == 0
    return sorted(folder.glob("*.xlsx"))


@writes("overzichten (bso_xl.overview): Vlaanderen.xlsx en WM_<naam>.xlsx, met teruggestuurde werkboeken en ruilen")
def overview_workbooks(folder: Path) -> list[Path]:
    from overview_helpers import VALID_SWAPS, WHAT_IF_VALID, WM, small_case

    from bso_xl.figures import read_figures
    from bso_xl.overview import build_overview, write_flanders, write_woonmaatschappij

    figures, returned = small_case(folder)
    data = build_overview(figures, str(returned))
    paths = [folder / "Vlaanderen.xlsx", folder / "WM.xlsx", folder / "Vlaanderen-demo.xlsx"]
    write_flanders(paths[0], data)
    write_woonmaatschappij(paths[1], data, WM, VALID_SWAPS, WHAT_IF_VALID)
    write_flanders(paths[2], build_overview(read_figures(None)))
    return paths


@writes("leeg cijferbestand (bso-xl template)")
def figures_template(folder: Path) -> list[Path]:
    return [write_template(folder / "cijfers.xlsx")]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, list[Path]]:
    out = {}
    for index, writer in enumerate(WRITERS):
        folder = tmp_path_factory.mktemp(f"writer{index}")
        out[writer.name] = writer.write(folder)
        assert out[writer.name] and all(p.exists() for p in out[writer.name]), writer.name
    return out


@pytest.fixture(scope="module")
def validator() -> OpenXmlValidator:
    # Microsoft 365: the newest schema set; max_errors=0: report every finding, not the first.
    return OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=0)


def audit(validator: OpenXmlValidator, path: Path) -> list[str]:
    return [f"{e.part_uri or ''}: {e.description}" for e in validator.validate(path).errors]


@pytest.mark.parametrize("name", [w.name for w in WRITERS])
def test_openxml_audit_finds_nothing(written, validator, name):
    assert {p.name: audit(validator, p) for p in written[name]} == {
        p.name: [] for p in written[name]}


@pytest.mark.parametrize("name", [w.name for w in WRITERS])
def test_the_structural_check_finds_nothing(written, name):
    assert {p.name: check(p) for p in written[name]} == {p.name: [] for p in written[name]}


def test_the_registry_covers_the_writers_of_today(written):
    assert len(WRITERS) >= 4
    assert "rapport.xlsx" in {p.name for paths in written.values() for p in paths}


# --- broken files: each check can fail ---------------------------------------------------------


@pytest.fixture(scope="module")
def good(written) -> Path:
    """The workbook with projects in every phase: it has a table, lists, formats and names."""
    [path] = [p for p in written[WRITERS[0].name] if p.name == "alle-fases.xlsx"]
    assert check(path) == []
    return path


def broken_copy(good: Path, target: Path, part: str, edit: Callable[[str], str]) -> Path:
    """A copy of ``good`` with one part edited (the edit must change something)."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                text = data.decode("utf-8")
                edited = edit(text)
                assert edited != text, f"the edit of {part} changed nothing"
                data = edited.encode("utf-8")
            out.writestr(item, data)
    return target


def once(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


def first(pattern: str, replacement: str) -> Callable[[str], str]:
    return lambda text: re.sub(pattern, replacement, text, count=1)


LONG_LIST = '"' + ",".join(f"keuze{i:03d}" for i in range(30)) + '"'  # 239 + 30 > 255 characters
SHEET1, SANCTIE, PROJECTEN = "xl/worksheets/sheet1.xml", "xl/worksheets/sheet6.xml", \
    "xl/worksheets/sheet4.xml"
WORKBOOK, TABLE = "xl/workbook.xml", "xl/tables/table1.xml"

CORPUS = {  # name: (part, edit, what the check must say)
    "not well-formed XML": (SHEET1, lambda t: t[:-40], "sheet1.xml: geen geldige XML"),
    "two sheets with one name": (WORKBOOK, once('name="Berekening"', 'name="Overzicht"'),
                                 "bladnaam 'Overzicht' komt twee keer voor"),
    "reserved character in a sheet name": (WORKBOOK, once('name="Groeipad"', 'name="Groei:pad"'),
                                           "bladnaam 'Groei:pad': geen"),
    "sheet name over 31 characters": (WORKBOOK, once('name="Groeipad"', 'name="' + "G" * 32 + '"'),
                                      "1 tot 31 tekens"),
    "a defined name that is a cell address": (WORKBOOK, once('name="BSO"', 'name="T1"'),
                                              "naam 'T1' is geen geldige Excel-naam"),
    "an R1C1 defined name": (WORKBOOK, once('name="BSO"', 'name="R1C1"'),
                             "naam 'R1C1' is geen geldige Excel-naam"),
    "a defined name twice": (WORKBOOK, once('name="Indexatie_standaard"', 'name="INDEXATIE"'),
                             "naam 'INDEXATIE' komt twee keer voor"),
    "a defined name outside the grid": (WORKBOOK, first(r"'Sanctie'!\$B\$[0-9]+",
                                                        "'Sanctie'!$B$1048577"),
                                        "$B$1048577 ligt buiten het raster"),
    "a defined name on a missing sheet": (WORKBOOK, first(r"'Sanctie'!", "'Sanktie'!"),
                                          "blad 'Sanktie' bestaat niet"),
    "a table name that is a cell address": (
        TABLE, once('name="Projecten" displayName="Projecten"', 'name="T1" displayName="T1"'),
        "tabel-naam 'T1' is geen geldige Excel-naam"),
    "a table name that is also a defined name": (
        TABLE, once('name="Projecten" displayName="Projecten"', 'name="BSO" displayName="BSO"'),
        "tabelnaam 'BSO' is ook een gedefinieerde naam"),
    "a table header unlike its cell": (TABLE, once('name="Woningen"', 'name="Aantal woningen"'),
                                       "kolom 'Aantal woningen' maar cel"),
    "a cell outside the grid": (SHEET1, first(r'<c r="[A-Z]+1"', '<c r="XFE1"'),
                                "XFE1 ligt buiten het raster"),
    "a formula reference outside the grid": (SHEET1, once("<f>", "<f>A1048577+"),
                                             "A1048577 ligt buiten het raster"),
    "a formula on a missing sheet": (SHEET1, once("<f>", "<f>'Nergens'!A1+"),
                                     "blad 'Nergens' bestaat niet"),
    "a validation range outside the grid": (
        PROJECTEN, first(r'(<dataValidation [^>]*sqref="[A-Z]+[0-9]+:[A-Z]+)[0-9]+"',
                         r'\g<1>1048577"'),
        "1048577 ligt buiten het raster"),
    "a style index out of range": (SHEET1, first(r' s="[0-9]+"', ' s="999"'),
                                   "stijl 999 van c"),
    "a shared-string index out of range": (SHEET1, first(r't="s"><v>[0-9]+</v>', 't="s"><v>99999</v>'),
                                           "gedeelde tekst 99999, die bestaat niet"),
    "a conditional-format style out of range": (SHEET1, once('dxfId="0"', 'dxfId="99"'),
                                                "dxfId 99 bestaat niet"),
    "a validation list over 255 characters": (
        SANCTIE, first(r'<formula1>"[^"<]*"</formula1>', f"<formula1>{LONG_LIST}</formula1>"),
        f"is {len(LONG_LIST) - 2} tekens (Excel: hoogstens 255)"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_structural_check_can_fail(good, tmp_path, name):
    part, edit, message = CORPUS[name]
    findings = check(broken_copy(good, tmp_path / "broken.xlsx", part, edit))
    assert any(message in f for f in findings), findings


def test_a_broken_part_is_not_seen_by_openxml_audit_but_by_ours(good, validator, tmp_path):
    """Why our check exists: openxml-audit passes a part that is not even XML."""
    part, edit, _ = CORPUS["not well-formed XML"]
    broken = broken_copy(good, tmp_path / "broken.xlsx", part, edit)
    assert audit(validator, broken) == []
    assert check(broken) != []


def test_openxml_audit_is_really_consulted(good, validator, tmp_path):
    broken = broken_copy(good, tmp_path / "schema.xlsx", SHEET1,
                         once("<sheetData>", "<sheetData><bogus/>"))
    assert any("bogus" in finding for finding in audit(validator, broken))
