"""The overview workbooks' contract: sheets, names, protection, validated inputs, text stays
text, byte-identical output, the demo label, and the ``bso-xl overview`` command (fast)."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from bso_xl.cli import main
from bso_xl.figures import read_figures
from bso_xl.overview import build_overview, write_flanders, write_woonmaatschappij
from bso_xl.overview.batch import wm_file
from overview_helpers import VALID_SWAPS, WM, small_case, write_figures
from workbook_helpers import defined_value, formula_cells

FLANDERS_SHEETS = ["Overzicht", "Provincies", "Woonmaatschappijen", "Sanctierisico", "Gemeenten", "Projectie",
                   "Enveloppe", "Werkboeken", "Parameters", "Toelichting"]
WM_SHEETS = ["Overzicht", "Gemeenten", "Projectie", "Ruil", "Ruil gevolgen", "Wat-als VVSG", "Wat-als gevolgen",
             "Enveloppe", "Werkboeken", "Vlaamse gemeenten", "Parameters", "Toelichting"]


def written(write, *args, **kwargs) -> bytes:
    buffer = io.BytesIO()
    write(buffer, *args, **kwargs)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def demo():
    return build_overview(read_figures(None))


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    figures, folder = small_case(tmp_path_factory.mktemp("small"))
    return build_overview(figures, str(folder))


@pytest.fixture(scope="module")
def flanders(demo):
    data = written(write_flanders, demo)
    return data, openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def wm(small):
    data = written(write_woonmaatschappij, small, WM, VALID_SWAPS)
    return data, openpyxl.load_workbook(io.BytesIO(data))


def test_sheets_in_reading_order(flanders, wm):
    assert flanders[1].sheetnames == FLANDERS_SHEETS
    assert wm[1].sheetnames == WM_SHEETS


def test_defined_names(flanders, wm):
    names = set(flanders[1].defined_names.keys())
    assert {"Totaal_BSO", "Totaal_SIB", "Enveloppe_invoer", "Enveloppe_gebruikt", "Enveloppe_vraag",
            "Vlaams_totaal", "Enveloppe_minimum", "Enveloppe_maximum"} <= names
    assert {f"Totaal_sanctierisico_{y}" for y in (2028, 2031, 2034, 2037, 2040)} <= names
    values = openpyxl.load_workbook(io.BytesIO(flanders[0]), data_only=True)
    assert defined_value(values, "Totaal_BSO") == 45000  # cached: the engine's sum of the demo BSO's (R1)
    wm_names = set(wm[1].defined_names.keys())
    for pre in ("Ruil", "Watals"):
        assert {f"{pre}_van", f"{pre}_naar", f"{pre}_aantal", f"{pre}_status", f"{pre}_geldig"} <= wm_names


def test_every_sheet_protected_and_only_inputs_unlocked(flanders, wm):
    for book in (flanders[1], wm[1]):
        for ws in book.worksheets:
            assert ws.protection.sheet, ws.title
    ruil = wm[1]["Ruil"]
    for col in "ABC":
        assert ruil[f"{col}12"].protection.locked is False and ruil[f"{col}21"].protection.locked is False
    assert ruil["D12"].protection.locked is True and ruil["K12"].protection.locked is True
    [(sheet, ref)] = list(flanders[1].defined_names["Enveloppe_invoer"].destinations)
    assert flanders[1][sheet][ref.replace("$", "")].protection.locked is False
    assert flanders[1][sheet][ref.replace("$", "")].fill.fgColor.rgb.endswith("FFF2CC")  # yellow


def test_inputs_are_validated(flanders, wm):
    kinds = {(v.type, str(v.sqref)) for v in wm[1]["Ruil"].data_validations.dataValidation}
    assert kinds == {("list", "A12:B21"), ("whole", "C12:C21")}
    what_if = [v for v in wm[1]["Wat-als VVSG"].data_validations.dataValidation if v.type == "list"]
    assert what_if[0].formula1 == "Lijst_gemeente"  # any Flemish municipality may be the partner
    [envelope] = flanders[1]["Enveloppe"].data_validations.dataValidation
    assert envelope.type == "whole" and envelope.formula1 == "Enveloppe_minimum"


def test_same_inputs_give_byte_identical_files(demo, small):
    assert written(write_flanders, demo) == written(write_flanders, demo)
    assert written(write_woonmaatschappij, small, WM, VALID_SWAPS) == \
        written(write_woonmaatschappij, small, WM, VALID_SWAPS)


def test_typed_text_stays_text(small):
    book = openpyxl.load_workbook(io.BytesIO(written(write_woonmaatschappij, small, WM,
                                                     [('=HYPERLINK("http://x","y")', "Herzele", 1)])))
    cell = book["Ruil"]["A12"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_the_demo_label_is_on_every_sheet_with_figures(flanders, wm):
    for title in ("Overzicht", "Provincies", "Gemeenten", "Projectie", "Enveloppe", "Toelichting"):
        texts = [c.value for row in flanders[1][title].iter_rows() for c in row if isinstance(c.value, str)]
        assert any("VOORBEELDCIJFERS" in t for t in texts), title
    texts = [c.value for row in wm[1]["Ruil"].iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("VOORBEELDCIJFERS" in t for t in texts)  # the small case's figures are a real file


def test_formulas_take_amounts_and_fractions_from_named_parameters(wm):
    """No euro amount, percentage or fraction typed into a formula (as in the municipal workbook)."""
    typed_number = re.compile(r"(?<![A-Za-z_$])\d+\.\d+|\d+\s*%")
    formulas = formula_cells(io.BytesIO(wm[0]))
    assert len(formulas) > 500
    offenders = {cell: f for cell, f in formulas.items() if typed_number.search(re.sub(r'"[^"]*"', '""', f))}
    assert offenders == {}


def test_no_macros(wm):
    assert not any("vba" in n.lower() for n in zipfile.ZipFile(io.BytesIO(wm[0])).namelist())


# --- bso-xl overview ------------------------------------------------------------------------


def test_the_command_writes_flanders_and_one_workbook_per_woonmaatschappij(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    figures, folder = small_case(tmp_path / "in")
    out = tmp_path / "uit"
    assert main(["overview", "--figures", str(tmp_path / "in" / "cijfers.csv"), "--workbooks", str(folder),
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert sorted(p.name for p in out.glob("*.xlsx")) == ["Vlaanderen.xlsx", "WM_SW+.xlsx", "WM_Thuispunt Gent.xlsx",
                                                     "WM_WM Vlaamse Ardennen.xlsx"]
    assert "45035_Oudenaarde.xlsx: niet gebruikt: meer dan één werkboek" in printed
    assert "kapot.xlsx: niet gelezen" in printed
    assert "werkboek gebruikt voor 3 van de 7 gemeenten" in printed
    # the same inputs again: the same bytes, so nothing goes to backup/
    main(["overview", "--figures", str(tmp_path / "in" / "cijfers.csv"), "--workbooks", str(folder),
          "--out", str(out)])
    assert not (out / "backup").exists()


def test_typed_swaps_are_carried_into_the_next_overview(tmp_path):
    figures_path = write_figures(tmp_path)
    out = tmp_path / "uit"
    main(["overview", "--figures", str(figures_path), "--out", str(out)])
    path = out / wm_file(WM)
    book = openpyxl.load_workbook(path)  # the director types a swap and an envelope, and saves
    book["Ruil"]["A12"], book["Ruil"]["B12"], book["Ruil"]["C12"] = "Zottegem", "Herzele", 20
    book["Enveloppe"]["C7"] = 8000
    book.save(path)
    main(["overview", "--figures", str(figures_path), "--out", str(out)])
    [kept] = list((out / "backup").glob(f"*/{path.name}"))  # what was typed is kept as it was
    again = openpyxl.load_workbook(path, data_only=True)
    assert [again["Ruil"][c].value for c in ("A12", "B12", "C12")] == ["Zottegem", "Herzele", 20]
    assert again["Ruil"]["K12"].value in (None, "")  # cached: the engine found the row valid (no message)
    assert defined_value(again, "Ruil_status") == "1 ruil(en) geldig: de nieuwe objectieven staan hieronder."
    assert defined_value(again, "Enveloppe_gebruikt") == 8000
    assert kept.exists()


def test_a_missing_workbooks_folder_is_a_user_error(tmp_path, capsys):
    assert main(["overview", "--workbooks", str(tmp_path / "nergens"), "--out", str(tmp_path)]) == 2
    assert "--workbooks: map niet gevonden" in capsys.readouterr().err
