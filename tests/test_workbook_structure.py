"""The workbook's contract and its use: names, table, protection, formats, text stays text."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from bso_xl.demo import demo_projects
from bso_xl.workbook import write_workbook
from bso_xl.regenerate import Options, generate
from bso_xl.workbook.batch import workbook_name
from bso_xl.workbook.project_status import INPUTS_AFTER, INPUTS_BEFORE
from bso_xl.workbook.sheet_projecten import COLUMNS, EMPTY_ROWS

INPUTS = INPUTS_BEFORE + INPUTS_AFTER

SHEETS = ["Overzicht", "Berekening", "Groeipad", "Projecten", "Voortgang", "Sanctie", "Parameters", "Toelichting"]
TEST_YEARS = (2028, 2031, 2034, 2037, 2040)


def workbook_bytes(fig, figures, projects=None) -> bytes:
    buffer = io.BytesIO()
    write_workbook(buffer, fig, figures, projects)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def antwerpen(demo_figures):
    data = workbook_bytes(demo_figures.rows["11002"], demo_figures, demo_projects("11002"))
    return data, openpyxl.load_workbook(io.BytesIO(data))


def test_sheets_in_reading_order(antwerpen):
    assert antwerpen[1].sheetnames == SHEETS


def test_contract_names_exist(antwerpen):
    names = set(antwerpen[1].defined_names.keys())
    expected = {"BSO", "SIB", "Regulier", "Tussentijds_T1", "Tussentijds_T2", "Tussentijds_T3"}
    expected |= {f"Tekort_{y}" for y in TEST_YEARS} | {f"Sanctie_{y}" for y in TEST_YEARS}
    assert expected <= names


def test_projecten_table_has_the_columns_and_500_empty_rows(antwerpen):
    """Issue 7: at least 500 project rows work; the table holds 500 empty rows after the projects."""
    ws = antwerpen[1]["Projecten"]
    table = ws.tables["Projecten"]
    header = [c.value for c in ws[table.ref.split(":")[0]:table.ref.split(":")[1]][0]]
    assert header == list(COLUMNS)
    rows = ws[table.ref]
    projects = demo_projects("11002")
    assert EMPTY_ROWS == 500
    assert len(rows) - 1 == len(projects) + 500
    inputs = [i for i, name in enumerate(COLUMNS) if name in INPUTS]
    empty = [r for r in rows[1:] if all(r[i].value is None for i in inputs)]
    assert len(empty) == 500
    # every row, empty or not, has the computed columns as formulas (calculated columns)
    for name in ("Telt", "Status"):
        col = COLUMNS.index(name)
        assert all(r[col].data_type == "f" for r in rows[1:]), name


def test_same_inputs_give_byte_identical_files(demo_figures):
    fig = demo_figures.rows["44021"]
    assert workbook_bytes(fig, demo_figures, demo_projects("44021")) == \
        workbook_bytes(fig, demo_figures, demo_projects("44021"))


def test_project_text_that_looks_like_a_formula_stays_text(demo_figures):
    evil = '=HYPERLINK("http://example.com","klik")'
    projects = [{"project": evil, "locatie": "@SUM(A1)", "woningen": 10, "gesloopt": 0,
                 "mjp": dt.date(2026, 1, 1), "ktp": None, "start": None, "oplevering": None,
                 "opmerking": "+cmd|' /C calc'!A0"}]
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(demo_figures.rows["11001"], demo_figures, projects)))
    ws = book["Projecten"]
    first = ws.tables["Projecten"].ref.split(":")[0]
    row = ws[first].row + 1
    cells = {ws.cell(row=row, column=i + 1).value: ws.cell(row=row, column=i + 1) for i in range(len(COLUMNS))}
    for text in (evil, "@SUM(A1)", "+cmd|' /C calc'!A0"):
        assert cells[text].data_type == "s"


def test_every_sheet_protected_and_inputs_unlocked(antwerpen):
    book = antwerpen[1]
    for ws in book.worksheets:
        assert ws.protection.sheet, ws.title
    projecten = book["Projecten"]
    first = projecten.tables["Projecten"].ref.split(":")[0]
    row = projecten[first].row + 1
    for col, name in enumerate(COLUMNS, start=1):
        locked = projecten.cell(row=row + 10, column=col).protection.locked
        assert locked is (name not in INPUTS), name  # inputs unlocked, Telt/Status/helpers locked
    # a result cell stays locked
    [(sheet, ref)] = list(book.defined_names["Tekort_2031"].destinations)
    assert book[sheet][ref.replace("$", "")].protection.locked is True


def test_inputs_are_validated(antwerpen):
    validations = antwerpen[1]["Projecten"].data_validations.dataValidation
    kinds = sorted({v.type for v in validations})
    assert kinds == ["date", "list", "whole"]  # dates, Type and Huur/koop, Woningen and Gesloopt
    sanctie = antwerpen[1]["Sanctie"].data_validations.dataValidation
    lists = [v for v in sanctie if v.type == "list"]
    assert any("2b" in (v.formula1 or "") for v in lists)


def test_belgian_number_and_date_formats(antwerpen):
    book = antwerpen[1]
    [(sheet, ref)] = list(book.defined_names["Sanctie_2031"].destinations)
    assert book[sheet][ref.replace("$", "")].number_format == "€ #,##0.00"
    assert book["Groeipad"]["B6"].number_format == "dd/mm/yyyy"


def test_no_macros(antwerpen):
    names = zipfile.ZipFile(io.BytesIO(antwerpen[0])).namelist()
    assert not any("vba" in n.lower() for n in names)


def test_demo_banner_everywhere_the_figures_show(antwerpen):
    book = antwerpen[1]
    for title in ("Overzicht", "Berekening", "Toelichting"):
        texts = [c.value for row in book[title].iter_rows() for c in row if isinstance(c.value, str)]
        assert any("VOORBEELDCIJFERS" in t.upper() for t in texts), title


def test_generate_writes_named_files(tmp_path):
    result = generate(Options(out=tmp_path, only=["11002", "44021"], jobs=1, progress=False), say=lambda _: None)
    assert [p.name for p in result.written] == ["11002_Antwerpen.xlsx", "44021_Gent.xlsx"]
    assert workbook_name("12345", 'A/B:C*"') == "12345_A_B_C__.xlsx"


def test_memoised_formulas_give_byte_identical_files(demo_figures, monkeypatch):
    """workbook/worksheet.py memoises XlsxWriter's private formula preparation: same bytes as without."""
    import xlsxwriter.worksheet

    from bso_xl.workbook import worksheet

    fig = demo_figures.rows["44021"]
    memoised = workbook_bytes(fig, demo_figures, demo_projects("44021"))
    monkeypatch.setattr(worksheet.MemoisedWorksheet, "_prepare_formula", xlsxwriter.worksheet.Worksheet._prepare_formula)
    monkeypatch.setattr(xlsxwriter.worksheet, "re_dynamic_function", xlsxwriter.worksheet.re_dynamic_function.pattern)
    assert workbook_bytes(fig, demo_figures, demo_projects("44021")) == memoised


def test_formulas_reference_parameters_by_name(antwerpen):
    """No euro amount, percentage or fraction is typed into a formula: they come from Parameters."""
    import re

    from workbook_helpers import formula_cells

    typed_number = re.compile(r"(?<![A-Za-z_$])\d+\.\d+|\d+\s*%")  # 0.5, 3684.24, 25%
    path = io.BytesIO(antwerpen[0])
    formulas = formula_cells(path)
    assert len(formulas) > 200
    # numbers inside quoted texts ("25% van één jaar") are words for the reader, not computations
    offenders = {cell: f for cell, f in formulas.items() if typed_number.search(re.sub(r'"[^"]*"', '""', f))}
    assert offenders == {}
    # the sanction chain uses the named parameters
    text = " ".join(formulas.values())
    for name in ("Percentage_2031", "Jaarbedrag_verhoogd", "Maanden_per_jaar", "Personen_ten_laste",
                 "Aantal_schijven", "Indexatie", "Vrijstelling_drempel", "Inhaal_fractie_2037", "Regulier_KTP_2034"):
        assert name in text, name


def test_no_machine_paths_in_the_workbook(tmp_path):
    """Issue 7: the figures file appears by its name only, never as a path on the sender's machine."""
    from bso_xl.figures import read_figures

    folder = tmp_path / "geheim" / "pad"
    folder.mkdir(parents=True)
    source = folder / "cijfers-officieel.csv"
    source.write_text("nis,aandeel_op_peil,sib,wettelijke_doelgroep,overschrijding,aftopping_9pct\n"
                      "11001,60,20,10,5,0\n", encoding="utf-8")
    figures = read_figures(source)
    data = workbook_bytes(figures.rows["11001"], figures)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        text = " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    assert "cijfers-officieel.csv" in text  # the name is there (Toelichting, document properties)…
    assert "geheim" not in text and str(tmp_path) not in text  # …the folders are not
