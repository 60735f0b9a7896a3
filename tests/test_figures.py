"""read_figures (bso_xl/figures.py) and write_template (bso_xl/template.py).

Bad files are built in tmp_path; every bad-file test checks that the message names the file, the
row, the column and what was expected (the project's standard for user messages).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from bso_xl.errors import FiguresError, UserError
from bso_xl.figures import OPTIONAL, REQUIRED, read_figures
from bso_xl.model import DEMO_LABEL
from bso_xl.rules import Level
from bso_xl.template import HELP, TEMPLATE_COLUMNS, write_template

HEADER = "nis,gemeente,aandeel_op_peil,sib,wettelijke_doelgroep,overschrijding,aftopping_9pct"
AARTSELAAR = "11001,Aartselaar,60,20,10,5,0"
BOOM = "11005,Boom,30,0,12,2,1"


def write(tmp_path: Path, text: str, name: str = "cijfers.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(tmp_path: Path, rows: list[list], name: str = "cijfers.xlsx", sheet: str = "Cijfers") -> Path:
    path = tmp_path / name
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    ws = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, date_format)
            elif value is not None:
                ws.write(r, c, value)
    book.close()
    return path


def problems_of(path: Path) -> FiguresError:
    with pytest.raises(FiguresError) as info:
        read_figures(path)
    return info.value


def assert_reported(error: FiguresError, path: Path, row: int | None, column: str | None, expected: str) -> None:
    """One line of the message names this row and column, with the file and the expectation."""
    def at(line: str) -> bool:
        return ((row is None or re.search(rf"\brij {row}[,:;]", line) is not None)
                and (column is None or f"kolom '{column}'" in line))

    lines = [line for line in str(error).splitlines() if at(line)]
    assert lines, f"no problem at rij {row}, kolom {column!r} in:\n{error}"
    assert str(path) in lines[0]
    assert expected in lines[0], lines[0]


# --- valid files -------------------------------------------------------------------------------


def test_minimal_csv_reads_in_file_order(tmp_path):
    path = write(tmp_path, f"{HEADER}\n{BOOM}\n{AARTSELAAR}\n")
    figures = read_figures(path)
    assert figures.source == str(path)
    assert list(figures.rows) == ["11005", "11001"]
    aartselaar = figures.rows["11001"]
    assert (aartselaar.components.aandeel_op_peil, aartselaar.components.sib) == (60, 20)
    assert aartselaar.objective().bso == 85  # 60 + 20 + 10 − 5 − 0 (R2)
    assert aartselaar.official_bso is None and aartselaar.interim is None
    assert aartselaar.official_counts is None and aartselaar.raised_override is None
    assert not figures.is_demo and figures.peildatum is None


def test_header_variants_are_accepted(tmp_path):
    header = ("  NIS-code ,Gemeente,Aandeel op peil houden,SIB,Wettelijke-Doelgroep,OVERSCHRIJDING,"
              "Aftopping 9%,MJP,KTP,In uitvoering,Gerealiseerd,Gerealiseerd 2024-2025")
    path = write(tmp_path, f"{header}\n{AARTSELAAR},1,2,3,4,7\n")
    row = read_figures(path).rows["11001"]
    assert row.components.aftopping_9pct == 0
    assert row.official_counts == {Level.MJP: 1, Level.KTP: 2, Level.UITVOERING: 3, Level.GEREALISEERD: 4}
    assert row.gerealiseerd_2024_2025 == 7


@pytest.mark.parametrize("nis_header", ["niscode", "nis code", "NIS_code"])
@pytest.mark.parametrize("aftopping_header", ["aftopping_9%", "aftopping_9pct"])
def test_nis_and_aftopping_aliases(tmp_path, nis_header, aftopping_header):
    header = f"{nis_header},aandeel_op_peil,sib,wettelijke_doelgroep,overschrijding,{aftopping_header}"
    path = write(tmp_path, f"{header}\n11001,1,2,3,0,1\n")
    assert read_figures(path).rows["11001"].components.aftopping_9pct == 1


def test_semicolon_csv_with_decimal_comma(tmp_path):
    path = write(tmp_path, f"{HEADER.replace(',', ';')};gemiddeld_vergunde_woningen\n"
                           f"{AARTSELAAR.replace(',', ';')};41,5\n")
    assert read_figures(path).rows["11001"].average_permits == Decimal("41.5")


def test_decimal_point_also_accepted_for_permits(tmp_path):
    path = write(tmp_path, f"{HEADER},gemiddeld_vergunde_woningen\n{AARTSELAAR},12.25\n")
    assert read_figures(path).rows["11001"].average_permits == Decimal("12.25")


def test_xlsx_input_with_excel_types(tmp_path):
    path = write_xlsx(tmp_path, [
        ["NIS", "Gemeente", "Aandeel op peil", "SIB", "Wettelijke doelgroep", "Overschrijding",
         "Aftopping 9%", "bso", "verhoogde_huurpremie", "peildatum", "eigen notitie"],
        [11001.0, "Aartselaar", 60.0, 20, 10, 5, 0, 85, True, dt.datetime(2026, 4, 30), "mag"],
        [11005, "Boom", 30, 0, 12, 2, 1, None, False, dt.datetime(2026, 4, 30), None],
    ])
    figures = read_figures(path)
    assert list(figures.rows) == ["11001", "11005"]
    assert figures.rows["11001"].components.aandeel_op_peil == 60
    assert figures.rows["11001"].raised_override is True
    assert figures.rows["11005"].raised_override is False
    assert figures.peildatum == dt.date(2026, 4, 30)


def test_xlsx_prefers_the_cijfers_sheet(tmp_path):
    path = tmp_path / "twee.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Uitleg").write_string(0, 0, "lees mij")
    sheet = book.add_worksheet("Cijfers")
    for c, v in enumerate(HEADER.split(",")):
        sheet.write_string(0, c, v)
    for c, v in enumerate(AARTSELAAR.split(",")):
        sheet.write(1, c, int(v) if v.isdigit() else v)
    book.close()
    assert list(read_figures(path).rows) == ["11001"]


def test_xlsx_row_numbers_count_blank_rows(tmp_path):
    path = write_xlsx(tmp_path, [HEADER.split(","), [11001, "Aartselaar", 1, 1, 1, 1, 1], [], [11005, "Boom", -1, 1, 1, 1, 1]])
    assert_reported(problems_of(path), path, 4, "aandeel_op_peil", "geen negatief getal")


def test_utf8_bom_and_windows_1252(tmp_path):
    text = f"{HEADER},opmerking\n{AARTSELAAR},één\n"
    assert "11001" in read_figures(write(tmp_path, "\ufeff" + text, "bom.csv")).rows
    assert "11001" in read_figures(write(tmp_path, text, "ansi.csv", encoding="cp1252")).rows


def test_whole_numbers_written_as_decimals(tmp_path):
    path = write(tmp_path, f"{HEADER}\n11001.0,Aartselaar,60.0,20,10,5,0\n")
    assert read_figures(path).rows["11001"].components.aandeel_op_peil == 60


def test_name_is_compared_without_case_spaces_or_hyphens(tmp_path):
    path = write(tmp_path, f"{HEADER}\n46021, sint niklaas ,1,1,1,1,1\n")
    assert read_figures(path).rows["46021"].name == "Sint-Niklaas"


def test_empty_rows_are_skipped_and_row_numbers_stay_physical(tmp_path):
    path = write(tmp_path, f"{HEADER}\n{AARTSELAAR}\n\n,,,,,,\n11005,Boom,abc,0,0,0,0\n")
    assert_reported(problems_of(path), path, 5, "aandeel_op_peil", "een getal")


def test_official_figures_interim_and_optional_columns(tmp_path):
    header = (f"{HEADER},bso,t1,t2,t3,voorlopig_bso,gerealiseerd_2024_2025,verhoogde_huurpremie,"
              "gemiddeld_vergunde_woningen")
    # BSO 85 official, SIB 20 → regulier 65 = 30 + 20 + 15 (R4)
    path = write(tmp_path, f"{header}\n{AARTSELAAR},85,30,20,15,90,4,0,12\n11005,Boom,30,0,12,2,1,,,,,,,,\n")
    figures = read_figures(path)
    row = figures.rows["11001"]
    assert row.interim == (30, 20, 15) and row.objective().interim == (30, 20, 15)
    assert (row.official_bso, row.voorlopig_bso, row.gerealiseerd_2024_2025) == (85, 90, 4)
    assert row.raised_override is False and row.raised_huurpremie is False
    assert row.average_permits == Decimal(12)
    boom = figures.rows["11005"]
    assert boom.interim is None and boom.official_bso is None and boom.average_permits is None


@pytest.mark.parametrize("text, value", [
    ("1", True), ("ja", True), ("JA", True), ("true", True), ("WAAR", True),
    ("0", False), ("nee", False), ("False", False), ("", None),
])
def test_raised_huurpremie_spellings(tmp_path, text, value):
    path = write(tmp_path, f"{HEADER},verhoogde_huurpremie\n{AARTSELAAR},{text}\n")
    assert read_figures(path).rows["11001"].raised_override is value


def test_peildatum_comment_line(tmp_path):
    path = write(tmp_path, f"# peildatum: 2026-04-30\n# andere opmerking, met komma\n{HEADER}\n{AARTSELAAR}\n")
    figures = read_figures(path)
    assert figures.peildatum == dt.date(2026, 4, 30)
    assert figures.rows["11001"].peildatum == dt.date(2026, 4, 30)


def test_peildatum_column_per_row(tmp_path):
    path = write(tmp_path, f"{HEADER},peildatum\n{AARTSELAAR},30/04/2026\n{BOOM},2025-12-31\n")
    figures = read_figures(path)
    assert figures.rows["11001"].peildatum == dt.date(2026, 4, 30)
    assert figures.rows["11005"].peildatum == dt.date(2025, 12, 31)
    assert figures.peildatum is None  # rows differ: no single file date


def test_peildatum_column_all_equal_is_the_file_date(tmp_path):
    path = write(tmp_path, f"{HEADER},peildatum\n{AARTSELAAR},30/04/2026\n{BOOM},2026-04-30\n")
    assert read_figures(path).peildatum == dt.date(2026, 4, 30)


def test_status_marks_the_whole_file_as_demo(tmp_path):
    path = write(tmp_path, f"{HEADER},status\n{AARTSELAAR},{DEMO_LABEL}\n{BOOM},\n")
    figures = read_figures(path)
    assert figures.is_demo
    assert all(row.is_demo for row in figures.rows.values())


def test_unknown_columns_are_ignored(tmp_path):
    path = write(tmp_path, f"{HEADER},opmerking,,x\n{AARTSELAAR},=SUM(A1),,\n")
    assert list(read_figures(path).rows) == ["11001"]


def test_rows_with_only_notes_are_skipped(tmp_path):
    path = write(tmp_path, f"{HEADER},opmerking\n{AARTSELAAR},\n,,,,,,,bron: VVSG\n")
    assert list(read_figures(path).rows) == ["11001"]


def test_wrong_separator_reports_missing_columns_not_an_empty_file(tmp_path):
    path = write(tmp_path, "nis|sib\n11001|2\n")
    error = problems_of(path)
    assert_reported(error, path, None, "sib", "een verplichte kolom 'sib'")
    assert "leeg" not in str(error)


def test_builtin_demo_file():
    demo = Path(__file__).parent.parent / "bso_xl" / "data" / "voorbeeldcijfers.csv"
    if not demo.exists():
        pytest.skip("bso_xl/data/voorbeeldcijfers.csv is not there yet")
    figures = read_figures(None)
    assert figures.source.endswith("voorbeeldcijfers.csv")
    assert figures.is_demo
    assert len(figures.rows) == 285
    assert all(row.is_demo for row in figures.rows.values())


# --- bad files: one test per case ------------------------------------------------------------


def test_missing_required_column(tmp_path):
    path = write(tmp_path, "nis,aandeel_op_peil,wettelijke_doelgroep,overschrijding,aftopping_9pct\n11001,1,1,1,1\n")
    error = problems_of(path)
    assert_reported(error, path, None, "sib", "een verplichte kolom 'sib'")
    assert "rij" not in str(error)  # a column problem has no row


def test_text_in_number_column(tmp_path):
    path = write(tmp_path, f"{HEADER}\n11001,Aartselaar,zestig,20,10,5,0\n")
    assert_reported(problems_of(path), path, 2, "aandeel_op_peil", "een getal: een geheel aantal woningen ≥ 0")
    assert "'zestig'" in str(problems_of(path))


def test_negative_count(tmp_path):
    path = write(tmp_path, f"{HEADER}\n11001,Aartselaar,60,-3,10,5,0\n")
    assert_reported(problems_of(path), path, 2, "sib", "geen negatief getal")


def test_fractional_dwellings(tmp_path):
    path = write(tmp_path, f"{HEADER}\n11001,Aartselaar,60,20,12.5,5,0\n")
    assert_reported(problems_of(path), path, 2, "wettelijke_doelgroep", "geen decimalen")


def test_fractional_dwellings_in_xlsx(tmp_path):
    path = write_xlsx(tmp_path, [HEADER.split(","), [11001, "Aartselaar", 60, 20, 10, 5, 0.5]])
    assert_reported(problems_of(path), path, 2, "aftopping_9pct", "geen decimalen")


def test_empty_required_cell(tmp_path):
    path = write(tmp_path, f"{HEADER}\n11001,Aartselaar,60,20,10,,0\n")
    assert_reported(problems_of(path), path, 2, "overschrijding", "verplichte kolom, niet leeg")


def test_absurdly_large_count(tmp_path):
    path = write(tmp_path, f"{HEADER}\n11001,Aartselaar,60,20,10,5,{'9' * 12}\n")
    assert_reported(problems_of(path), path, 2, "aftopping_9pct", "hoogstens 1000000")


def test_duplicate_nis_names_both_rows(tmp_path):
    path = write(tmp_path, f"{HEADER}\n{AARTSELAAR}\n{BOOM}\n{AARTSELAAR}\n")
    assert_reported(problems_of(path), path, 4, "nis", "staat ook op rij 2")


def test_unknown_nis(tmp_path):
    path = write(tmp_path, f"{HEADER}\n21004,Brussel,1,1,1,1,1\n")
    assert_reported(problems_of(path), path, 2, "nis", "een van de 285 Vlaamse gemeenten")


@pytest.mark.parametrize("nis", ["1101", "abc", "110011", "", "11001.5"])
def test_malformed_or_unknown_nis(tmp_path, nis):
    path = write(tmp_path, f"{HEADER}\n{nis},Aartselaar,1,1,1,1,1\n")
    assert_reported(problems_of(path), path, 2, "nis", "NIS-code")


def test_name_not_matching_nis(tmp_path):
    path = write(tmp_path, f"{HEADER}\n11001,Boom,1,1,1,1,1\n")
    assert_reported(problems_of(path), path, 2, "gemeente", "de naam bij NIS 11001: 'Aartselaar'")


def test_formula_text_in_name_is_a_mismatch_reported_as_text(tmp_path):
    path = write(tmp_path, f'{HEADER}\n11001,"=HYPERLINK(""http://x"",""klik"")",1,1,1,1,1\n')
    error = problems_of(path)
    assert_reported(error, path, 2, "gemeente", "'Aartselaar'")
    assert '=HYPERLINK("http://x","klik")' in str(error)


def test_interim_not_summing_to_regulier(tmp_path):
    # components 60, 20, 10, 5, 0 → BSO 85, SIB 20, regulier 65; 30 + 20 + 10 = 60
    path = write(tmp_path, f"{HEADER},t1,t2,t3\n{AARTSELAAR},30,20,10\n")
    error = problems_of(path)
    assert_reported(error, path, 2, "t1", "BSO − SIB = 65")
    assert "30+20+10 = 60" in str(error)


def test_interim_checked_against_the_official_bso(tmp_path):
    # official BSO 90 wins (R2): regulier 90 − 20 = 70, not 65
    path = write(tmp_path, f"{HEADER},bso,t1,t2,t3\n{AARTSELAAR},90,22,22,21\n")
    assert_reported(problems_of(path), path, 2, "t1", "BSO − SIB = 70")


def test_interim_partly_filled_in(tmp_path):
    path = write(tmp_path, f"{HEADER},t1,t2,t3\n{AARTSELAAR},30,,\n")
    assert_reported(problems_of(path), path, 2, "t2", "allemaal ingevuld of allemaal leeg")


def test_interim_column_missing(tmp_path):
    path = write(tmp_path, f"{HEADER},t1,t2\n{AARTSELAAR},30,35\n")
    assert_reported(problems_of(path), path, None, "t3", "t1, t2 en t3 samen")


def test_phase_columns_all_or_none(tmp_path):
    path = write(tmp_path, f"{HEADER},mjp,ktp,in uitvoering\n{AARTSELAAR},1,2,3\n")
    assert_reported(problems_of(path), path, None, "gerealiseerd", "mjp, ktp, in_uitvoering en gerealiseerd samen")


def test_duplicate_column(tmp_path):
    path = write(tmp_path, f"{HEADER},NIS-code\n{AARTSELAAR},11001\n")
    assert_reported(problems_of(path), path, 1, "NIS-code", "elke kolom één keer")


@pytest.mark.parametrize("column, value, expected", [
    ("verhoogde_huurpremie", "misschien", "1 of 0"),
    ("gemiddeld_vergunde_woningen", "veel", "een getal ≥ 0"),
    ("gemiddeld_vergunde_woningen", "-4,5", "geen negatief getal"),
    ("peildatum", "31/02/2026", "een datum dd/mm/jjjj"),
    ("peildatum", "april", "een datum dd/mm/jjjj"),
    ("voorlopig_bso", "1.5", "geen decimalen"),
])
def test_bad_optional_values(tmp_path, column, value, expected):
    path = write(tmp_path, f"{HEADER},{column}\n{AARTSELAAR},{value}\n")
    assert_reported(problems_of(path), path, 2, column, expected)


def test_bad_peildatum_comment(tmp_path):
    path = write(tmp_path, f"# peildatum: morgen\n{HEADER}\n{AARTSELAAR}\n")
    assert_reported(problems_of(path), path, 1, "peildatum", "een datum")


def test_header_only_is_an_empty_file(tmp_path):
    path = write(tmp_path, f"{HEADER}\n\n")
    assert_reported(problems_of(path), path, None, None, "het bestand is leeg")


def test_zero_byte_file_is_an_empty_file(tmp_path):
    path = write(tmp_path, "")
    error = problems_of(path)
    assert len(error.problems) == 1  # no "missing column" noise on top
    assert_reported(error, path, None, None, "het bestand is leeg")


@pytest.mark.parametrize("name", ["cijfers.xls", "cijfers.ods", "cijfers.txt", "cijfers"])
def test_not_csv_or_xlsx(tmp_path, name):
    path = write(tmp_path, f"{HEADER}\n{AARTSELAAR}\n", name)
    assert_reported(problems_of(path), path, None, None, "een .csv- of .xlsx-bestand")


def test_xlsx_that_is_not_a_zip(tmp_path):
    # A CSV renamed .xlsx: say it is text, and how to fix the name (issue #9: no more
    # "beschadigd of beveiligd" for every file that is not a workbook).
    path = write(tmp_path, f"{HEADER}\n{AARTSELAAR}\n", "cijfers.xlsx")
    assert_reported(problems_of(path), path, None, None,
                    "een Excel-werkboek (.xlsx); dit bestand is tekst, geen werkboek (een CSV-bestand? "
                    "geef het dan de extensie .csv)")


def test_xlsx_that_is_a_zip_but_no_workbook(tmp_path):
    path = tmp_path / "cijfers.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hallo.txt", "geen werkboek")
    assert_reported(problems_of(path), path, None, None,
                    "een Excel-werkboek (.xlsx); het bestand is beschadigd (het onderdeel xl/workbook.xml ontbreekt)")


def test_workbook_renamed_to_csv(tmp_path):
    xlsx = write_xlsx(tmp_path, [HEADER.split(",")])
    path = tmp_path / "cijfers.csv"
    xlsx.rename(path)
    assert_reported(problems_of(path), path, None, None, "tekst in UTF-8 of Windows-1252")


def test_utf16_csv_is_refused(tmp_path):
    path = write(tmp_path, f"{HEADER}\n{AARTSELAAR}\n", encoding="utf-16")
    assert_reported(problems_of(path), path, None, None, "UTF-16")


def test_undecodable_csv(tmp_path):
    path = tmp_path / "cijfers.csv"
    path.write_bytes(f"{HEADER}\n{AARTSELAAR}\n".encode() + b"\x81\x8d\x90\n")  # invalid in both
    assert_reported(problems_of(path), path, None, None, "tekst in UTF-8 of Windows-1252")


def test_missing_file(tmp_path):
    path = tmp_path / "bestaat-niet.csv"
    assert_reported(problems_of(path), path, None, None, "bestand niet gevonden")


def test_all_problems_are_collected(tmp_path):
    path = write(tmp_path, f"{HEADER}\n11001,Boom,x,-1,1.5,1,1\n99999,,1,1,1,1,1\n")
    error = problems_of(path)
    assert len(error.problems) == 5
    assert [p.row for p in error.problems] == [2, 2, 2, 2, 3]


def test_long_values_are_shortened_in_messages(tmp_path):
    path = write(tmp_path, f"{HEADER}\n11001,{'x' * 500},1,1,1,1,1\n")
    assert len(str(problems_of(path))) < 300


def test_figures_error_is_a_user_error(tmp_path):
    with pytest.raises(UserError):
        read_figures(tmp_path / "nergens.csv")


# --- template ----------------------------------------------------------------------------------


def test_template_columns_and_help_cover_everything():
    assert TEMPLATE_COLUMNS[:len(REQUIRED)] == REQUIRED
    assert set(TEMPLATE_COLUMNS) == (set(REQUIRED) | set(OPTIONAL)) - {"status"}
    assert "peildatum" in TEMPLATE_COLUMNS
    assert set(HELP) == set(TEMPLATE_COLUMNS)


def test_template_sheets(tmp_path):
    path = write_template(tmp_path / "leeg.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Cijfers", "Instructies"]
    sheet = book["Cijfers"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == list(TEMPLATE_COLUMNS)
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.max_row == 1
    texts = [c.value for row in book["Instructies"].iter_rows() for c in row if c.value]
    for name in TEMPLATE_COLUMNS:
        assert name in texts
    assert any("R4" == t for t in texts) and any("R9" == t for t in texts)


def test_empty_template_is_an_empty_file(tmp_path):
    path = write_template(tmp_path / "leeg.xlsx")
    assert_reported(problems_of(path), path, None, None, "het bestand is leeg")


def test_filled_template_round_trips(tmp_path):
    path = write_template(tmp_path / "ingevuld.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Cijfers"]
    values = {"nis": "11001", "gemeente": "Aartselaar", "aandeel_op_peil": 60, "sib": 20,
              "wettelijke_doelgroep": 10, "overschrijding": 5, "aftopping_9pct": 0, "bso": 85,
              "t1": 22, "t2": 22, "t3": 21, "mjp": 5, "ktp": 4, "in_uitvoering": 3, "gerealiseerd": 2,
              "gemiddeld_vergunde_woningen": 41.5, "verhoogde_huurpremie": "ja",
              "peildatum": dt.datetime(2026, 4, 30)}
    for col, name in enumerate(TEMPLATE_COLUMNS, start=1):
        sheet.cell(row=2, column=col, value=values.get(name))
    book.save(path)
    figures = read_figures(path)
    row = figures.rows["11001"]
    assert row.objective().interim == (22, 22, 21)
    assert row.official_counts[Level.GEREALISEERD] == 2
    assert row.average_permits == Decimal("41.5")
    assert row.peildatum == dt.date(2026, 4, 30)


def test_template_refuses_to_overwrite(tmp_path):
    path = write(tmp_path, "mijn cijfers", "cijfers.xlsx")
    with pytest.raises(UserError, match="bestaat al"):
        write_template(path)
    assert path.read_text() == "mijn cijfers"
    write_template(path, overwrite=True)
    assert openpyxl.load_workbook(path).sheetnames == ["Cijfers", "Instructies"]


def test_template_needs_xlsx_suffix(tmp_path):
    with pytest.raises(UserError, match=".xlsx"):
        write_template(tmp_path / "cijfers.csv")


# --- R3: the Flemish totals (issue #7) ---------------------------------------------------------

R3_HEADER = f"{HEADER},voorlopig_bso,gerealiseerd_2024_2025"
TOTALS = "# vlaams_voorlopig_totaal: 45000\n# vlaams_gerealiseerd_2024_2025: 1234\n"


def flanders_csv(tmp_path: Path, lines: str = "") -> Path:
    """All 285 municipalities: voorlopig 100 and gerealiseerd 1 each, except Aartselaar with
    voorlopig 0 and gerealiseerd 5, so Σ voorlopig = 28400, Σ gerealiseerd = 289 and
    Σ min(gerealiseerd, voorlopig) = 284 (what the R3 model deducts)."""
    from bso_xl.municipalities import municipalities

    rows = [f"{nis},,1,0,0,0,0,{0 if nis == '11001' else 100},{5 if nis == '11001' else 1}" for nis in municipalities()]
    return write(tmp_path, lines + R3_HEADER + "\n" + "\n".join(rows) + "\n", "vlaanderen.csv")


def test_flemish_totals_are_read_from_comment_lines(tmp_path):
    path = write(tmp_path, f"{TOTALS}{R3_HEADER}\n{AARTSELAAR},80,3\n")
    figures = read_figures(path)
    assert (figures.stated_provisional_total, figures.stated_realised_total) == (45000, 1234)
    model = figures.provisional_model
    assert model is not None and (model.provisional_total, model.pot, model.over_flanders) == (45000, 1234, False)
    assert figures.warnings == ()


def test_flemish_totals_in_xlsx_in_one_cell_or_the_next(tmp_path):
    path = write_xlsx(tmp_path, [
        ["# vlaams_voorlopig_totaal:", 45000],
        ["# vlaams_gerealiseerd_2024_2025: 1234"],
        R3_HEADER.split(","),
        [11001, "Aartselaar", 60, 20, 10, 5, 0, 80, 3],
    ])
    figures = read_figures(path)
    assert (figures.stated_provisional_total, figures.stated_realised_total) == (45000, 1234)


@pytest.mark.parametrize("value, expected", [
    ("veel", "een getal: een geheel aantal woningen ≥ 0"),
    ("-5", "een geheel aantal woningen ≥ 0 (geen negatief getal)"),
    ("1.234", "schrijf 1234 zonder scheidingsteken"),
    ("", "een geheel aantal woningen ≥ 0 na '# vlaams_gerealiseerd_2024_2025:'"),
])
def test_bad_flemish_total(tmp_path, value, expected):
    path = write(tmp_path, f"# vlaams_voorlopig_totaal: 45000\n# vlaams_gerealiseerd_2024_2025: {value}\n"
                           f"{R3_HEADER}\n{AARTSELAAR},80,3\n")
    assert_reported(problems_of(path), path, 2, "vlaams_gerealiseerd_2024_2025", expected)


def test_misspelt_or_repeated_flemish_total_line(tmp_path):
    path = write(tmp_path, "# vlaams_voorlopig_totaall: 45000\n# vlaams_gerealiseerd_2024_2025: 1\n"
                           f"# vlaams_gerealiseerd_2024_2025: 2\n{R3_HEADER}\n{AARTSELAAR},80,3\n")
    error = problems_of(path)
    assert str(error).splitlines() == [
        f"{path}, rij 1: gevonden '# vlaams_voorlopig_totaall: 45000'; verwacht: een regel die bso-xl kent: "
        "bedoelt u '# vlaams_voorlopig_totaal'?",
        f"{path}, rij 3, kolom 'vlaams_gerealiseerd_2024_2025': gevonden '2'; verwacht: de regel "
        "'# vlaams_gerealiseerd_2024_2025' één keer (ook op rij 2)",
    ]


def test_complete_file_with_matching_totals(tmp_path):
    for realised in (284, 289):  # Σ min(gerealiseerd, voorlopig) and the plain Σ are both accepted
        path = flanders_csv(tmp_path, f"# vlaams_voorlopig_totaal: 28400\n# vlaams_gerealiseerd_2024_2025: {realised}\n")
        figures = read_figures(path)
        assert figures.provisional_model.over_flanders and figures.warnings == ()


def test_complete_file_with_a_provisional_total_that_is_not_its_sum(tmp_path):
    path = flanders_csv(tmp_path, "# vlaams_voorlopig_totaal: 45000\n")
    assert str(problems_of(path)) == (
        f"{path}, rij 1, kolom 'vlaams_voorlopig_totaal': gevonden 45000; verwacht: de som van voorlopig_bso over "
        "de 285 gemeenten van dit bestand: 28400 (R3)")


def test_complete_file_with_a_realised_total_that_is_neither_sum(tmp_path):
    path = flanders_csv(tmp_path, "# vlaams_gerealiseerd_2024_2025: 290\n")
    assert str(problems_of(path)) == (
        f"{path}, rij 1, kolom 'vlaams_gerealiseerd_2024_2025': gevonden 290; verwacht: de som van "
        "gerealiseerd_2024_2025 over de 285 gemeenten van dit bestand: 289, of 284 als elke gemeente hoogstens "
        "haar voorlopig BSO aftrekt (R3)")


def test_partial_file_whose_sums_exceed_the_stated_totals(tmp_path):
    path = write(tmp_path, f"# vlaams_voorlopig_totaal: 100\n# vlaams_gerealiseerd_2024_2025: 2\n{R3_HEADER}\n"
                           f"{AARTSELAAR},80,3\n{BOOM},70,1\n")
    assert str(problems_of(path)).splitlines() == [
        f"{path}, rij 1, kolom 'vlaams_voorlopig_totaal': gevonden 100; verwacht: minstens de som van voorlopig_bso "
        "van de gemeenten in dit bestand: 150 (R3)",
        f"{path}, rij 2, kolom 'vlaams_gerealiseerd_2024_2025': gevonden 2; verwacht: minstens de som van "
        "gerealiseerd_2024_2025 van de gemeenten in dit bestand: 4 (R3)",
    ]


def test_a_pot_larger_than_the_flemish_objective(tmp_path):
    path = write(tmp_path, f"# vlaams_gerealiseerd_2024_2025: 50000\n{R3_HEADER}\n{AARTSELAAR},80,3\n")
    assert_reported(problems_of(path), path, 1, "vlaams_gerealiseerd_2024_2025",
                    "hoogstens het Vlaamse voorlopige totaal 45000 (# vlaams_voorlopig_totaal, R1, R3)")


def test_partial_file_without_totals_warns_that_the_pot_is_unknown(tmp_path):
    path = write(tmp_path, f"{R3_HEADER}\n{AARTSELAAR},80,3\n{BOOM},,\n")
    figures = read_figures(path)
    assert figures.provisional_model is None
    assert figures.warnings == (
        "R3: dit bestand dekt niet alle 285 gemeenten en vermeldt geen Vlaamse totalen (# vlaams_voorlopig_totaal, "
        "# vlaams_gerealiseerd_2024_2025): de pot kan niet verklaard worden (voorlopig_bso en "
        "gerealiseerd_2024_2025 ingevuld voor 1 gemeente)",)


def test_partial_file_with_only_the_provisional_total_names_the_missing_line(tmp_path):
    path = write(tmp_path, f"# vlaams_voorlopig_totaal: 45000\n{R3_HEADER}\n{AARTSELAAR},80,3\n")
    (warning,) = read_figures(path).warnings
    assert "vermeldt geen # vlaams_gerealiseerd_2024_2025: de pot kan niet verklaard worden" in warning


def test_the_demo_file_covers_flanders_and_needs_no_totals():
    figures = read_figures(None)
    assert figures.covers_flanders and figures.provisional_model.over_flanders
    assert figures.warnings == ()


def test_template_instructions_document_the_file_level_lines(tmp_path):
    path = write_template(tmp_path / "leeg.xlsx")
    texts = [c.value for row in openpyxl.load_workbook(path)["Instructies"].iter_rows() for c in row if c.value]
    for line in ("# peildatum: 30/04/2026", "# vlaams_voorlopig_totaal: 45000", "# vlaams_gerealiseerd_2024_2025: 1234"):
        assert any(t.strip().startswith(line) for t in texts), line


def test_template_example_lines_read_back_as_documented(tmp_path):
    # The examples the Instructies sheet gives must be what read_figures accepts.
    path = write_template(tmp_path / "ingevuld.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["Cijfers"]
    sheet.insert_rows(1, 3)
    sheet["A1"], sheet["A2"], sheet["A3"] = ("# peildatum: 30/04/2026", "# vlaams_voorlopig_totaal: 45000",
                                             "# vlaams_gerealiseerd_2024_2025: 1234")
    for col, value in enumerate(["11001", 60, 20, 10, 5, 0], start=1):
        sheet.cell(row=5, column=col, value=value)
    book.save(path)
    figures = read_figures(path)
    assert (figures.peildatum, figures.stated_provisional_total, figures.stated_realised_total) == (
        dt.date(2026, 4, 30), 45000, 1234)
