"""read_projects (bso_xl/projects.py): projects files and the real VMSW kortetermijnplanning (issue #8)."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from importlib import resources
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from bso_xl.errors import ProjectsError
from bso_xl.municipalities import municipalities
from bso_xl.projects import ROW_KEYS, VMSW_SOURCE, read_projects, vmsw_path

HEADER = ["nis", "project", "locatie", "type", "huur/koop", "woningen", "gesloopt", "mjp", "ktp", "start",
          "oplevering", "opmerking", "bron"]


def write_csv(tmp_path: Path, rows: list[list], name: str = "projecten-2026.csv") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def write_xlsx(tmp_path: Path, rows: list[list], name: str = "projecten-2026.xlsx", sheet: str = "Projecten") -> Path:
    path = tmp_path / name
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, date_format)
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            elif value is not None:
                ws.write_number(r, c, value)
    book.close()
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ProjectsError) as info:
        read_projects(path)
    return str(info.value).splitlines()


# --- the VMSW kortetermijnplanning, as published -----------------------------------------------


@pytest.fixture(scope="module")
def vmsw():
    return read_projects(vmsw_path())


@pytest.fixture(scope="module")
def vmsw_lines() -> list[dict]:
    with vmsw_path().open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_packaged_list_is_the_shared_one():
    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "vmsw-ktp-projecten-2026-08-14.csv"
    if not shared.exists():
        pytest.skip("shared data not on this machine")
    assert vmsw_path().read_bytes() == shared.read_bytes()


def test_every_vmsw_row_with_a_nis_lands_in_its_municipality(vmsw, vmsw_lines):
    expected = defaultdict(list)
    for line in vmsw_lines:
        if line["nis"]:
            expected[line["nis"]].append(line["projectomschrijving"])
    assert {nis: [row["project"] for row in rows] for nis, rows in vmsw.rows.items()} == dict(expected)
    assert sum(map(len, vmsw.rows.values())) == len(vmsw_lines) - 3 == 139


def test_vmsw_new_build_dwellings_equal_the_planning_detail_file(vmsw):
    # SOURCES.md promises: per municipality, huur of the new-build types (NB, GW, VVP, RVP) summed
    # equals ktp_huur_nieuwbouw of the planning detail file, for all 285 municipalities.
    text = resources.files("bso_xl.data").joinpath("gemeenten-2025-planning-fs4-detail.csv").read_text(encoding="utf-8")
    detail = {row["nis"]: int(row["ktp_huur_nieuwbouw"]) for row in csv.DictReader(text.splitlines())}
    assert set(detail) == set(municipalities())
    summed = {nis: sum(row["woningen"] for row in vmsw.rows.get(nis, []) if row["type"] in ("NB", "GW", "VVP", "RVP"))
              for nis in municipalities()}
    assert summed == detail
    assert sum(summed.values()) > 0  # the check compares real numbers, not only zeros


def test_a_vmsw_row_is_mapped_as_documented(vmsw, vmsw_lines):
    line = next(l for l in vmsw_lines if l["nis"] == "42028" and l["projectomschrijving"] == "Dakrenovatie Acacialaan 49")
    row = next(r for r in vmsw.rows["42028"] if r["project"] == "Dakrenovatie Acacialaan 49")
    assert line["procedure"] == "Beperkte renovatie" and line["datum_beslissing"] == "2025-04-11"
    assert row == {
        "project": "Dakrenovatie Acacialaan 49", "locatie": municipalities()["42028"].name, "type": "REP",
        "huur_koop": "huur", "woningen": 8, "gesloopt": None, "mjp": None, "ktp": dt.date(2025, 4, 11),
        "start": None, "oplevering": None, "opmerking": "VMSW-kortetermijnplanning, renovatie, Beperkte renovatie",
        "bron": VMSW_SOURCE,
    }
    assert all(tuple(r) == ROW_KEYS for rows in vmsw.rows.values() for r in rows)
    assert vmsw.sources == (VMSW_SOURCE,)


def test_vmsw_rows_without_a_nis_are_warnings(vmsw):
    path = vmsw_path()
    assert vmsw.warnings == tuple(
        f"{path}, rij {row}, kolom 'nis': geen NIS-code maar '{label}' (project '{project}'): dit project kan "
        "aan geen gemeente toegewezen worden en wordt niet ingelezen"
        for row, label, project in [
            (85, "Meerdere gemeenten", "Kantoor Maaseik - Preventieve ketelrenovaties 2025-2027"),
            (105, "Gemeente niet gespecificeerd", "Raamcontract Keukens 2025"),
            (106, "Gemeente niet gespecificeerd", "Raamcontract collectieve stookplaatsen 2026"),
        ])


def test_a_later_vmsw_list_with_an_extra_column_is_still_recognised(tmp_path, vmsw_lines):
    columns = list(vmsw_lines[0]) + ["nieuwe_kolom"]
    path = tmp_path / "vmsw-ktp-projecten-2027-01-01.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows({**line, "nieuwe_kolom": "x"} for line in vmsw_lines[:5])
    projects = read_projects(path)
    assert projects.sources == (VMSW_SOURCE,)  # the same source: a newer list replaces the older one
    assert projects.warnings == (f"{path}, rij 1: kolommen die bso-xl niet kent worden niet gelezen: 'nieuwe_kolom'",)


# --- a projects file -------------------------------------------------------------------------


def test_csv_projects_file_with_every_column(tmp_path):
    path = write_csv(tmp_path, [
        HEADER,
        ["11001", " Kerkplein ", "Kerkstraat 1", "", "", "12", "", "01/02/2026", "2027-03-01", "", "", "", ""],
        ["11001", "Vervanging Hof", "", "VEP", "HUUR", "20", "8", "", "", "15/09/2027", "", "fase 2", "woonmaatschappij"],
        ["11005", "'t Pleintje", "", "aankoop", "koop", "4", "0", "", "", "", "30/06/2028", "", ""],
    ])
    projects = read_projects(path)
    assert list(projects.rows) == ["11001", "11005"]
    assert projects.rows["11001"] == [
        {"project": "Kerkplein", "locatie": "Kerkstraat 1", "type": None, "huur_koop": None, "woningen": 12,
         "gesloopt": None, "mjp": dt.date(2026, 2, 1), "ktp": dt.date(2027, 3, 1), "start": None,
         "oplevering": None, "opmerking": None, "bron": "projecten-2026"},
        {"project": "Vervanging Hof", "locatie": None, "type": "VEP", "huur_koop": "HUUR", "woningen": 20,
         "gesloopt": 8, "mjp": None, "ktp": None, "start": dt.date(2027, 9, 15), "oplevering": None,
         "opmerking": "fase 2", "bron": "woonmaatschappij"},
    ]
    assert projects.rows["11005"][0]["project"] == "'t Pleintje"  # an apostrophe that belongs to the name
    assert projects.sources == ("projecten-2026", "woonmaatschappij")
    assert projects.warnings == ()


def test_xlsx_projects_file_with_real_dates_and_the_workbook_headers(tmp_path):
    # The headers of the workbook's Projecten table (Project, Woningen, MJP, …) are accepted as they are.
    path = write_xlsx(tmp_path, [
        ["NIS", "Project", "Locatie", "Woningen", "Gesloopt", "MJP", "KTP", "Start", "Oplevering", "Opmerking",
         "Huur of koop"],
        [11001.0, "Kerkplein", "Kerkstraat 1", 12.0, None, dt.datetime(2026, 2, 1), None, None, None, None, "huur"],
    ])
    (row,) = read_projects(path).rows["11001"]
    assert (row["woningen"], row["gesloopt"], row["mjp"], row["huur_koop"], row["bron"]) == (
        12, None, dt.date(2026, 2, 1), "huur", "projecten-2026")


@pytest.mark.parametrize("header", ["huur_koop", "huurkoop", "Huur/Koop", "huur of koop"])
def test_tenure_header_spellings(tmp_path, header):
    path = write_csv(tmp_path, [["nis", "project", "woningen", header], ["11001", "A", "1", "koop"]])
    assert read_projects(path).rows["11001"][0]["huur_koop"] == "koop"


def test_xlsx_prefers_the_projecten_sheet(tmp_path):
    path = tmp_path / "twee.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Uitleg"
    book.active["A1"] = "lees mij"
    sheet = book.create_sheet("Projecten")
    sheet.append(["nis", "project", "woningen"])
    sheet.append([11001, "A", 3])
    book.save(path)
    assert read_projects(path).rows["11001"][0]["woningen"] == 3


def test_every_problem_at_once_with_row_and_column(tmp_path):
    path = write_csv(tmp_path, [
        ["nis", "project", "type", "huur/koop", "woningen", "gesloopt", "mjp", "ktp", "oplevering"],
        ["21004", "Brussel", "", "", "5", "", "", "", ""],
        ["11001", "", "villa", "huurkoop", "1.000", "-1", "2030", "31/02/2027", "1999-12-31"],
        ["11001", "B", "NB", "huur", "12,5", "", "", "", ""],
    ])
    assert problems(path) == [
        f"{path}, rij 2, kolom 'nis': gevonden '21004'; verwacht: de NIS-code van een van de 285 Vlaamse gemeenten (2025)",
        f"{path}, rij 3, kolom 'project': gevonden ''; verwacht: tekst (verplichte kolom, niet leeg)",
        f"{path}, rij 3, kolom 'type': gevonden 'villa'; verwacht: een projecttype: nieuwbouw, aankoop, renovatie "
        "aangekocht, vervanging aangekocht, vervangingsbouw, renovatie, inhuur, of een VMSW-code (NB, GW, RVP, "
        "VVP, VEP, REP); leeg = nieuwbouw (R5)",
        f"{path}, rij 3, kolom 'huur/koop': gevonden 'huurkoop'; verwacht: huur, koop of kavel; leeg = huur (R5)",
        f"{path}, rij 3, kolom 'woningen': gevonden '1.000'; verwacht: een geheel aantal woningen ≥ 0; een punt of "
        "komma voor drie cijfers is dubbelzinnig: schrijf 1000 zonder scheidingsteken (of 1 als u 1 woningen bedoelt)",
        f"{path}, rij 3, kolom 'gesloopt': gevonden '-1'; verwacht: een geheel aantal woningen ≥ 0 (geen negatief getal)",
        f"{path}, rij 3, kolom 'mjp': gevonden '2030'; verwacht: een datum dd/mm/jjjj, geen jaartal (bv. 01/01/2030)",
        f"{path}, rij 3, kolom 'ktp': gevonden '31/02/2027'; verwacht: een datum dd/mm/jjjj of jjjj-mm-dd, bv. 30/04/2026",
        f"{path}, rij 3, kolom 'oplevering': gevonden '1999-12-31'; verwacht: een datum tussen 01/01/2000 en 31/12/2100",
        f"{path}, rij 4, kolom 'woningen': gevonden '12,5'; verwacht: een geheel aantal woningen ≥ 0 (geen decimalen: hele woningen)",
    ]


def test_a_year_in_an_xlsx_date_cell(tmp_path):
    # 2030 typed into a date-formatted cell is day 2030 after 1/1/1900: 22/07/1905 (projecten.yaml).
    path = tmp_path / "projecten.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Projecten")
    sheet.write_row(0, 0, ["nis", "project", "woningen", "mjp", "ktp"])
    sheet.write_row(1, 0, [11001, "A", 3])
    sheet.write_number(1, 3, 2030, book.add_format({"num_format": "dd/mm/yyyy"}))
    sheet.write_number(1, 4, 2030)  # a plain number in a date column
    book.close()
    assert problems(path) == [
        f"{path}, rij 2, kolom 'mjp': gevonden '22/07/1905'; verwacht: een datum tussen 01/01/2000 en 31/12/2100 "
        "(Excel las het getal 2030 als een datum: een jaartal in een datumcel? typ de volledige datum)",
        f"{path}, rij 2, kolom 'ktp': gevonden '2030'; verwacht: een datum dd/mm/jjjj, geen jaartal (bv. 01/01/2030)",
    ]


def test_missing_required_columns(tmp_path):
    path = write_csv(tmp_path, [["nis", "locatie"], ["11001", "x"]])
    assert problems(path) == [
        f"{path}, kolom 'project'; verwacht: een verplichte kolom 'project'",
        f"{path}, kolom 'woningen'; verwacht: een verplichte kolom 'woningen'",
    ]


def test_near_miss_in_a_projects_file(tmp_path):
    path = write_csv(tmp_path, [["nis", "project", "woningen", "opleverng"], ["11001", "A", "1", "01/01/2030"]])
    assert problems(path) == [f"{path}, rij 1, kolom 'opleverng': gevonden 'opleverng'; verwacht: een kolomnaam "
                              "die bso-xl kent: bedoelt u 'oplevering'?"]


def test_an_empty_projects_file(tmp_path):
    path = write_csv(tmp_path, [["nis", "project", "woningen"]])
    assert problems(path) == [f"{path}; verwacht: minstens één rij met projecten onder de kolomnamen (het bestand is leeg)"]


def test_a_hash_in_a_later_column_is_data_not_a_comment(tmp_path):
    # Only column A makes a '#' comment row: this row (NIS forgotten) must be reported, not dropped.
    path = write_csv(tmp_path, [["nis", "project", "woningen"], ["11001", "A", "1"], ["", "#12 Kerkstraat", "4"]])
    assert problems(path) == [f"{path}, rij 3, kolom 'nis': gevonden ''; verwacht: een NIS-code van 5 cijfers, "
                              "bv. 11001 (verplichte kolom, niet leeg)"]
