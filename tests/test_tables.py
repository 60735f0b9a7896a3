"""bso_xl.tables: hostile and clumsy input files (issue #9, item 1), through the figures spec.

Each case is checked on CSV and on XLSX where both can hold it, with the exact message (or its
key phrases), the row and the column. XLSX fixtures are built here: XlsxWriter writes shared
strings, openpyxl inline strings and formulas without a cached value, so both string paths of
the streaming reader are exercised.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
import tracemalloc
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from bso_xl import tables
from bso_xl.errors import FiguresError
from bso_xl.figures import SPEC as FIGURES_SPEC, read_figures
from bso_xl.tables import Cell, CellKind

DATA = Path(__file__).parent / "data"
HEADER = ["nis", "gemeente", "aandeel_op_peil", "sib", "wettelijke_doelgroep", "overschrijding", "aftopping_9pct"]
AARTSELAAR = ["11001", "Aartselaar", "60", "20", "10", "5", "0"]
FORMATS = ["csv", "xlsx"]


def write_csv(path: Path, rows: list[list], delimiter: str = ",", first_line: str | None = None) -> Path:
    buffer = io.StringIO()
    if first_line is not None:
        buffer.write(first_line + "\n")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    """Strings stay strings (so '2.000' is text, as typed in a text cell); numbers and dates typed."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Cijfers")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif value is not None:
                sheet.write_number(r, c, value)
    book.close()
    return path


def write_table(tmp_path: Path, fmt: str, rows: list[list]) -> Path:
    if fmt == "csv":
        return write_csv(tmp_path / "cijfers.csv", [["" if v is None else str(v) for v in row] for row in rows])
    return write_xlsx(tmp_path / "cijfers.xlsx", rows)


def problems(path: Path) -> list[str]:
    with pytest.raises(FiguresError) as info:
        read_figures(path)
    return str(info.value).splitlines()


def only_problem(path: Path) -> str:
    lines = problems(path)
    assert len(lines) == 1, "\n".join(lines)
    return lines[0]


# --- 1. separator ambiguity -------------------------------------------------------------------

AMBIGUOUS = "een geheel aantal woningen ≥ 0; een punt of komma voor drie cijfers is dubbelzinnig: "


def test_the_antwerp_line_of_issue_9_is_refused_not_read_as_bso_0(tmp_path):
    # Read as decimals this line gave BSO 2 + 4 − 135 → 0 without a word; read as thousands it
    # is 2000 + 4000 − 135. bso-xl cannot know which was meant, so it asks.
    path = tmp_path / "cijfers.csv"
    path.write_text(";".join(HEADER) + "\n11002;Antwerpen;2.000;0;4.000;0;135\n", encoding="utf-8")
    assert problems(path) == [
        f"{path}, rij 2, kolom 'aandeel_op_peil': gevonden '2.000'; verwacht: {AMBIGUOUS}"
        "schrijf 2000 zonder scheidingsteken (of 2 als u 2 woningen bedoelt)",
        f"{path}, rij 2, kolom 'wettelijke_doelgroep': gevonden '4.000'; verwacht: {AMBIGUOUS}"
        "schrijf 4000 zonder scheidingsteken (of 4 als u 4 woningen bedoelt)",
    ]


def test_quoted_comma_thousands_in_a_comma_csv(tmp_path):
    path = tmp_path / "cijfers.csv"
    path.write_text(",".join(HEADER) + ',bso\n11001,Aartselaar,60,20,10,5,0,"2,000"\n', encoding="utf-8")
    assert only_problem(path) == (f"{path}, rij 2, kolom 'bso': gevonden '2,000'; verwacht: {AMBIGUOUS}"
                                  "schrijf 2000 zonder scheidingsteken (of 2 als u 2 woningen bedoelt)")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("text, expected", [
    ("1.000", "een getal ≥ 0; een punt of komma voor drie cijfers is dubbelzinnig: schrijf 1000 zonder "
              "scheidingsteken (of 1 als u 1 bedoelt)"),
    ("1.497", "een getal ≥ 0; een punt of komma voor drie cijfers is dubbelzinnig: schrijf 1497 zonder "
              "scheidingsteken, of rond af tot 1,50 als u een kommagetal bedoelt"),
    ("1.497,3", "een getal ≥ 0; een scheidingsteken voor duizendtallen is niet toegelaten: schrijf 1497,3 "
                "zonder scheidingsteken"),
    ("1,497.3", "een getal ≥ 0; een scheidingsteken voor duizendtallen is niet toegelaten: schrijf 1497,3 "
                "zonder scheidingsteken"),
])
def test_permit_average_with_a_thousands_like_separator_is_refused(tmp_path, fmt, text, expected):
    # 'gemiddeld_vergunde_woningen 1.000' used to switch the R9 test: 1 or 1000 permits a year.
    path = write_table(tmp_path, fmt, [HEADER + ["gemiddeld_vergunde_woningen"], AARTSELAAR + [text]])
    assert only_problem(path) == f"{path}, rij 2, kolom 'gemiddeld_vergunde_woningen': gevonden '{text}'; verwacht: {expected}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_unambiguous_decimals_stay_valid(tmp_path, fmt):
    path = write_table(tmp_path, fmt, [HEADER + ["gemiddeld_vergunde_woningen"], AARTSELAAR + ["41,5"],
                                       ["11005", "Boom", "30", "0", "12", "2", "1", "0,125"]])
    figures = read_figures(path)
    assert figures.rows["11001"].average_permits == Decimal("41.5")
    assert figures.rows["11005"].average_permits == Decimal("0.125")  # '0,125' cannot be thousands


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_count_with_decimals_stays_refused(tmp_path, fmt):
    path = write_table(tmp_path, fmt, [HEADER, ["11001", "Aartselaar", "60", "20", "12,5", "5", "0"]])
    assert only_problem(path) == (f"{path}, rij 2, kolom 'wettelijke_doelgroep': gevonden '12,5'; verwacht: "
                                  "een geheel aantal woningen ≥ 0 (geen decimalen: hele woningen)")


def test_an_xlsx_number_cell_is_never_ambiguous(tmp_path):
    # 1.497 stored as a number is one and a half dwellings (refused) or 1.497 permits (valid).
    path = write_xlsx(tmp_path / "cijfers.xlsx", [HEADER + ["bso"], [11001, "Aartselaar", 60, 20, 10, 5, 0, 1.497]])
    assert only_problem(path) == (f"{path}, rij 2, kolom 'bso': gevonden '1.497'; verwacht: "
                                  "een geheel aantal woningen ≥ 0 (geen decimalen: hele woningen)")
    path = write_xlsx(tmp_path / "vergund.xlsx", [HEADER + ["gemiddeld_vergunde_woningen"],
                                                   [11001, "Aartselaar", 60, 20, 10, 5, 0, 1.497]])
    assert read_figures(path).rows["11001"].average_permits == Decimal("1.497")


@pytest.mark.parametrize("text, written", [("1.000.000", "1000000"), ("2 000", "2000"), ("2\u00a0000", "2000")])
def test_unambiguous_thousands_separators_say_what_to_write(tmp_path, text, written):
    path = write_table(tmp_path, "csv", [HEADER + ["bso"], AARTSELAAR + [text]])
    assert f"schrijf {written} zonder scheidingsteken" in only_problem(path)


def test_flemish_total_lines_take_the_same_separator_rule(tmp_path):
    path = tmp_path / "cijfers.csv"
    path.write_text("# vlaams_voorlopig_totaal: 45.000\n" + ",".join(HEADER) + "\n" + ",".join(AARTSELAAR) + "\n",
                    encoding="utf-8")
    assert only_problem(path) == (f"{path}, rij 1, kolom 'vlaams_voorlopig_totaal': gevonden '45.000'; verwacht: "
                                  f"{AMBIGUOUS}schrijf 45000 zonder scheidingsteken (of 45 als u 45 woningen bedoelt)")


# --- 2. unknown columns and near misses -----------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_columns_are_one_warning_not_an_error(tmp_path, fmt):
    path = write_table(tmp_path, fmt, [HEADER + ["id", "nr", "Mijn opmerking"], AARTSELAAR + ["7", "8", "zie mail"]])
    figures = read_figures(path)
    assert list(figures.rows) == ["11001"]
    assert figures.warnings == (f"{path}, rij 1: kolommen die bso-xl niet kent worden niet gelezen: "
                                "'id', 'nr', 'Mijn opmerking'",)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("header, meant", [
    ("bsoo", "bso"), ("BSO ", None), ("verhoogd_huurpremie", "verhoogde_huurpremie"),
    ("Verhoogde huurpremie", None), ("peildatun", "peildatum"), ("nis_cod", "nis"),
])
def test_near_miss_columns_are_errors(tmp_path, fmt, header, meant):
    path = write_table(tmp_path, fmt, [HEADER + [header], AARTSELAAR + ["1"]])
    if meant is None:  # the right name in other capitals and spaces: accepted
        read_figures(path)
        return
    assert only_problem(path) == (f"{path}, rij 1, kolom '{header}': gevonden '{header}'; "
                                  f"verwacht: een kolomnaam die bso-xl kent: bedoelt u '{meant}'?")


def test_a_known_alias_is_never_a_near_miss():
    known = tables.spec.known_keys(FIGURES_SPEC.columns)
    assert "niscode" in known and known["niscode"] == "nis"
    assert tables.near_miss("id", known) is None and tables.near_miss("nr", known) is None
    assert tables.near_miss("bsoo", known) == "bso"
    assert tables.levenshtein("verhoogd_huurpremie", "verhoogde_huurpremie") == 1


# --- 3. XLSX error cells, formulas without a cached value ------------------------------------


def test_formula_without_cached_value_and_error_cells(tmp_path):
    path = tmp_path / "cijfers.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Cijfers"
    sheet.append(HEADER + ["bso"])
    sheet.append([11001, "Aartselaar", 60, "=B5*2", 10, "#N/A", 0, "#DIV/0!"])  # openpyxl stores no result
    book.save(path)
    assert problems(path) == [
        f"{path}, rij 2, kolom 'sib': gevonden '=B5*2'; verwacht: een geheel aantal woningen ≥ 0; "
        "formule zonder berekende waarde: open en bewaar het bestand in Excel",
        f"{path}, rij 2, kolom 'overschrijding': gevonden '#N/A'; verwacht: een geheel aantal woningen ≥ 0; "
        "foutwaarde #N/A in de cel: herstel de formule of de waarde",
        f"{path}, rij 2, kolom 'bso': gevonden '#DIV/0!'; verwacht: een geheel aantal woningen ≥ 0; "
        "foutwaarde #DIV/0! in de cel: herstel de formule of de waarde",
    ]


def test_error_values_exported_to_csv_are_error_cells_not_comments(tmp_path):
    # Excel writes a failed lookup as the text #N/A (Dutch Excel: #N/B). In the first column it
    # must not turn the row into a '#' comment line, which would drop the row silently.
    path = tmp_path / "cijfers.csv"
    path.write_text(";".join(HEADER) + "\n#N/B;Aartselaar;60;20;10;5;0\n11005;Boom;30;#WAARDE!;12;2;1\n", encoding="utf-8")
    assert problems(path) == [
        f"{path}, rij 2, kolom 'nis': gevonden '#N/B'; verwacht: een NIS-code van 5 cijfers, bv. 11001; "
        "foutwaarde #N/B in de cel: herstel de formule of de waarde",
        f"{path}, rij 3, kolom 'sib': gevonden '#WAARDE!'; verwacht: een geheel aantal woningen ≥ 0; "
        "foutwaarde #WAARDE! in de cel: herstel de formule of de waarde",
    ]


def test_formula_with_a_cached_value_reads_its_value(tmp_path):
    path = tmp_path / "cijfers.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Cijfers")
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, [11001, "Aartselaar", 60])
    sheet.write_formula(1, 3, "=10+10", None, 20)
    sheet.write_row(1, 4, [10, 5, 0])
    book.close()
    assert read_figures(path).rows["11001"].components.sib == 20


# --- 4. bounded memory ------------------------------------------------------------------------


def test_a_stray_cell_at_xfd1048576_costs_nothing(tmp_path):
    # pandas (and openpyxl's read-only mode) pad every row to the sheet's dimension, A1:XFD1048576
    # here: about 6 GB. The streaming reader keeps only the cells that exist.
    path = tmp_path / "cijfers.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([11001, "Aartselaar", 60, 20, 10, 5, 0])
    sheet["XFD1048576"] = "vergeten"
    book.save(path)
    assert "A1:XFD1048576" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        figures = read_figures(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 50 * 2**20, f"peak {peak / 2**20:.1f} MiB"
    assert list(figures.rows) == ["11001"]
    # the far row is not lost silently either
    assert f"{path}, rij 1048576: deze rij heeft enkel tekst in kolommen die bso-xl niet kent en wordt overgeslagen" in figures.warnings


# --- 5. files that are not what they claim ----------------------------------------------------


def file_problem(path: Path) -> str:
    line = only_problem(path)
    assert line.startswith(f"{path}; verwacht: "), line
    return line.removeprefix(f"{path}; verwacht: ")


@pytest.mark.parametrize("name", ["weg.csv", "weg.xlsx"])
def test_missing_file(tmp_path, name):
    assert file_problem(tmp_path / name) == "een bestaand CSV- of XLSX-bestand (bestand niet gevonden)"


@pytest.mark.parametrize("name", ["map.csv", "map.xlsx"])
def test_a_folder(tmp_path, name):
    (tmp_path / name).mkdir()
    assert file_problem(tmp_path / name) == "een CSV- of XLSX-bestand, geen map"


@pytest.mark.parametrize("name", ["cijfers.csv", "cijfers.xlsx"])
def test_a_file_without_read_permission(tmp_path, monkeypatch, name):
    # The tests run as root, which chmod cannot lock out: the refusal is simulated where the
    # operating system raises it.
    path = write_table(tmp_path, Path(name).suffix[1:], [HEADER, AARTSELAAR])

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert file_problem(path) == "een leesbaar bestand (u hebt geen leesrechten op dit bestand)"


def test_a_pdf_named_xlsx(tmp_path):
    path = tmp_path / "cijfers.xlsx"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    assert file_problem(path) == "een Excel-werkboek (.xlsx); dit bestand is geen werkboek (het begint niet zoals een .xlsx-bestand)"


def test_a_password_protected_workbook(tmp_path):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml", reason="msoffcrypto-tool is a test dependency")
    plain = write_xlsx(tmp_path / "open.xlsx", [HEADER, AARTSELAAR])
    path = tmp_path / "beveiligd.xlsx"
    with plain.open("rb") as source, path.open("wb") as target:
        ooxml.OOXMLFile(source).encrypt("geheim", target)
    assert path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # OLE2, as Excel writes an encrypted .xlsx
    assert file_problem(path) == (
        "een Excel-werkboek (.xlsx) zonder wachtwoord; dit werkboek is met een wachtwoord beveiligd: open het "
        "in Excel, verwijder het wachtwoord (Bestand › Info › Werkmap beveiligen › Versleutelen met wachtwoord) "
        "en bewaar het opnieuw")


@pytest.mark.parametrize("name", ["oud.xls", "oud.xlsx"])
def test_an_old_xls_workbook(tmp_path, name):
    # A real BIFF8 .xls (tests/data/README.md), as it is and renamed .xlsx: OLE2 without an
    # EncryptedPackage stream.
    path = tmp_path / name
    path.write_bytes((DATA / "oud-formaat.xls").read_bytes())
    assert file_problem(path) == ("een Excel-werkboek (.xlsx); dit is een oud .xls-bestand: sla op als .xlsx "
                                  "(Bestand › Opslaan als › Excel-werkmap)")


def test_a_truncated_workbook(tmp_path):
    whole = write_xlsx(tmp_path / "heel.xlsx", [HEADER, AARTSELAAR]).read_bytes()
    path = tmp_path / "cijfers.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    assert file_problem(path) == ("een Excel-werkboek (.xlsx); het bestand is beschadigd (het zip-archief is "
                                  "beschadigd): open het in Excel, laat Excel het herstellen en bewaar het opnieuw")


def test_a_workbook_whose_sheet_is_not_xml(tmp_path):
    whole = write_xlsx(tmp_path / "heel.xlsx", [HEADER, AARTSELAAR])
    path = tmp_path / "cijfers.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:40] if item.filename == "xl/worksheets/sheet1.xml" else data)
    assert "het bestand is beschadigd (een onderdeel van het werkboek is geen leesbare XML)" in file_problem(path)


def test_a_workbook_without_its_sheet_part(tmp_path):
    whole = write_xlsx(tmp_path / "heel.xlsx", [HEADER, AARTSELAAR])
    path = tmp_path / "cijfers.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item, source.read(item))
    assert ("het bestand is beschadigd (het werkblad 'Cijfers' ontbreekt (xl/worksheets/sheet1.xml))"
            in file_problem(path))


def test_a_workbook_renamed_csv_says_it_is_a_workbook(tmp_path):
    path = tmp_path / "cijfers.csv"
    path.write_bytes(write_xlsx(tmp_path / "echt.xlsx", [HEADER, AARTSELAAR]).read_bytes())
    assert file_problem(path) == ("tekst in UTF-8 of Windows-1252 (sla op als 'CSV UTF-8 (door komma's "
                                  "gescheiden)'); dit lijkt een Excel-werkboek: geef het de extensie .xlsx")


# --- 6. CSV details ---------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ","])
def test_sep_line_is_understood_and_not_counted_as_a_row(tmp_path, delimiter):
    # Excel writes 'sep=;' and hides it when it opens the file: the header is row 1 there.
    path = write_csv(tmp_path / "cijfers.csv", [HEADER, AARTSELAAR, ["11005", "Boom", "-1", "0", "0", "0", "0"]],
                     delimiter, first_line=f"sep={delimiter}")
    assert only_problem(path) == (f"{path}, rij 3, kolom 'aandeel_op_peil': gevonden '-1'; verwacht: "
                                  "een geheel aantal woningen ≥ 0 (geen negatief getal)")


def test_sep_line_wins_over_the_header_count(tmp_path):
    # The header has more commas than semicolons, but 'sep=;' says what the file uses.
    path = tmp_path / "cijfers.csv"
    path.write_text("sep=;\n" + ";".join(HEADER) + ";opmerking\n" + ";".join(AARTSELAAR) + ";a, b, c, d, e, f, g\n",
                    encoding="utf-8")
    assert list(read_figures(path).rows) == ["11001"]


def test_rows_are_numbered_as_excel_shows_them(tmp_path):
    # A quoted cell with a line break stays in one row in Excel, so the next row is rij 3.
    path = tmp_path / "cijfers.csv"
    path.write_text(",".join(HEADER) + ",opmerking\n" + ",".join(AARTSELAAR) + ',"twee\nregels"\n'
                    "11005,Boom,x,0,0,0,0,\n", encoding="utf-8")
    assert only_problem(path).startswith(f"{path}, rij 3, kolom 'aandeel_op_peil': gevonden 'x'")


# --- 7. text stays text -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_quote_prefix_and_formula_text(tmp_path, fmt):
    # "'11001" (Excel's text prefix) is the NIS 11001; "'=1+1" and "=1+1" are text, never evaluated.
    path = write_table(tmp_path, fmt, [HEADER, ["'11001", " '=1+1 ", "'60", "20", "10", "5", "0"]])
    assert only_problem(path) == f"{path}, rij 2, kolom 'gemeente': gevonden '=1+1'; verwacht: de naam bij NIS 11001: 'Aartselaar'"


def test_clean_text_keeps_an_apostrophe_that_belongs_to_the_text():
    assert tables.clean_text("  't Hof  ") == "'t Hof"
    assert tables.clean_text("'s-Gravenwezel") == "'s-Gravenwezel"
    assert tables.clean_text("'0123") == "0123"
    assert tables.clean_text("'=SUM(A1)") == "=SUM(A1)"
    assert tables.clean_text("'-5") == "-5"


# --- 8. XLSX types ----------------------------------------------------------------------------


def test_xlsx_dates_and_numbers_are_told_apart(tmp_path):
    path = write_xlsx(tmp_path / "cijfers.xlsx", [
        HEADER + ["peildatum", "bso"],
        [11001, "Aartselaar", 60, 20, 10, 5, 0, dt.datetime(2026, 4, 30), None],
        [11005, "Boom", 30, 0, 12, 2, 1, 46142, dt.datetime(2026, 5, 1)],  # a serial without date format; a date in a count
    ])
    assert problems(path) == [
        f"{path}, rij 3, kolom 'peildatum': gevonden '46142'; verwacht: een datum dd/mm/jjjj of jjjj-mm-dd, "
        "bv. 30/04/2026 (de cel is een getal: geef ze in Excel de opmaak Datum)",
        f"{path}, rij 3, kolom 'bso': gevonden '01/05/2026'; verwacht: een getal: een geheel aantal woningen ≥ 0 "
        "(de cel is een datum: geef ze in Excel de opmaak Getal)",
    ]


def test_xlsx_1904_date_system(tmp_path):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    path = tmp_path / "mac.xlsx"
    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.append(HEADER + ["peildatum"])
    sheet.append([11001, "Aartselaar", 60, 20, 10, 5, 0, dt.datetime(2026, 4, 30)])
    book.save(path)
    assert read_figures(path).rows["11001"].peildatum == dt.date(2026, 4, 30)


def test_rich_text_and_shared_strings(tmp_path):
    path = tmp_path / "cijfers.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Cijfers")
    bold = book.add_format({"bold": True})
    sheet.write_rich_string(0, 0, bold, "N", "IS")
    sheet.write_row(0, 1, HEADER[1:])
    sheet.write_row(1, 0, [11001, "Aartselaar", 60, 20, 10, 5, 0])
    book.close()
    assert list(read_figures(path).rows) == ["11001"]


def test_first_worksheet_when_there_is_no_cijfers_sheet(tmp_path):
    path = tmp_path / "cijfers.xlsx"
    book = xlsxwriter.Workbook(str(path))
    first = book.add_worksheet("Blad1")
    first.write_row(0, 0, HEADER)
    first.write_row(1, 0, [11001, "Aartselaar", 60, 20, 10, 5, 0])
    book.add_worksheet("Blad2").write_string(0, 0, "iets anders")
    book.close()
    assert list(read_figures(path).rows) == ["11001"]


def test_cells_of_a_grid_keep_their_kind(tmp_path):
    path = tmp_path / "soorten.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["tekst", 2.5, True, dt.datetime(2026, 4, 30), "#REF!", "=A1"])
    book.save(path)
    grid = tables.load(path, None, FiguresError)
    assert grid.rows == [(1, {
        0: Cell(CellKind.TEXT, "tekst"),
        1: Cell(CellKind.NUMBER, "2.5", number=Decimal("2.5")),
        2: Cell(CellKind.BOOL, "WAAR", flag=True),
        3: Cell(CellKind.DATE, "30/04/2026", number=Decimal("46142"), when=dt.datetime(2026, 4, 30)),
        4: Cell(CellKind.ERROR, "#REF!"),
        5: Cell(CellKind.NO_VALUE, "=A1"),
    })]



def test_a_header_with_a_line_break_is_matched_and_shown_on_one_line(tmp_path):
    # Alt+Enter in an Excel header: 'Aandeel op<line break>peil' is aandeel_op_peil; a near miss
    # with a line break is still reported on one line.
    path = write_xlsx(tmp_path / "cijfers.xlsx", [
        ["nis", "gemeente", "Aandeel op\npeil", "sib", "wettelijke_doelgroep", "overschrijding", "aftopping_9pct", "verhoogd\nhuurpremie"],
        [11001, "Aartselaar", 60, 20, 10, 5, 0, 1],
    ])
    assert only_problem(path) == (f"{path}, rij 1, kolom 'verhoogd huurpremie': gevonden 'verhoogd\\nhuurpremie'; "
                                  "verwacht: een kolomnaam die bso-xl kent: bedoelt u 'verhoogde_huurpremie'?")


def test_a_formula_whose_result_is_empty_text_is_an_empty_cell(tmp_path):
    # Excel and LibreOffice store a formula's empty-text result as t="str" with an empty <v>;
    # XlsxWriter leaves the type out, so the type is added to its XML here.
    source = tmp_path / "bron.xlsx"
    book = xlsxwriter.Workbook(str(source))
    sheet = book.add_worksheet("Cijfers")
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, [11001, "Aartselaar", 60, 20, 10])
    sheet.write_formula(1, 5, '=IF(1=1,"","x")', None, "")
    sheet.write_number(1, 6, 0)
    book.close()
    path = tmp_path / "cijfers.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as patched:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b'<c r="F2"><f>' in data
                data = data.replace(b'<c r="F2"><f>', b'<c r="F2" t="str"><f>')
            patched.writestr(item, data)
    assert only_problem(path) == (f"{path}, rij 2, kolom 'overschrijding': gevonden ''; verwacht: "
                                  "een geheel aantal woningen ≥ 0 (verplichte kolom, niet leeg)")


def test_an_unclosed_quote_that_swallows_the_file(tmp_path):
    path = tmp_path / "cijfers.csv"
    path.write_text(",".join(HEADER) + "\n" + ",".join(AARTSELAAR) + '\n11005,"Boom' + "x" * 140_000 + "\n",
                    encoding="utf-8")
    assert only_problem(path) == (f"{path}, rij 3; verwacht: geldige CSV vanaf deze rij (een cel van meer dan "
                                  f"{csv.field_size_limit()} tekens: een aanhalingsteken \" dat niet gesloten wordt?)")


def test_a_misspelt_required_column_is_reported_once(tmp_path):
    path = write_table(tmp_path, "csv", [HEADER[:-1] + ["aftoping_9pct"], AARTSELAAR])
    assert problems(path) == [f"{path}, rij 1, kolom 'aftoping_9pct': gevonden 'aftoping_9pct'; verwacht: een "
                              "kolomnaam die bso-xl kent: bedoelt u 'aftopping_9pct'?"]
