"""The overview workbooks agree with the engine after an independent recalculation (LibreOffice).

Each workbook is written twice: normally (cached values = the engine's) and with deliberately
wrong cached values (``poison``). LibreOffice recalculates the wrong copy; every formula cell must
then equal the engine's value, and the totals, shortfalls and swap results must equal numbers
stated here (computed by hand in ``overview_helpers`` or summed directly from the engine).
"""

from __future__ import annotations

import openpyxl
import pytest

from bso_xl.figures import read_figures
from bso_xl.overview import build_overview, write_flanders, write_woonmaatschappij
from bso_xl.overview import swap as S
from bso_xl.parameters import load
from overview_helpers import (
    HERZELE_RISK, HERZELE_SHORTFALL, INVALID_SWAPS, VALID_SWAPS, WHAT_IF_INVALID, WHAT_IF_VALID, WM, small_case,
)
from recalc import convert
from workbook_helpers import defined_value, mismatches

pytestmark = pytest.mark.libreoffice
YEARS = (2028, 2031, 2034, 2037, 2040)


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """Four workbooks, one LibreOffice run: the demo Flanders (285 municipalities, no workbooks),
    the small case's Flanders with its returned workbooks, and its woonmaatschappij with valid
    and with invalid swaps."""
    root = tmp_path_factory.mktemp("overview")
    demo = build_overview(read_figures(None))
    figures, folder = small_case(root)
    small = build_overview(figures, str(folder))
    writers = {
        "demo-Vlaanderen": lambda target, poison: write_flanders(target, demo, poison=poison),
        "Vlaanderen": lambda target, poison: write_flanders(target, small, envelope=6000, poison=poison),
        "WM-geldig": lambda target, poison: write_woonmaatschappij(target, small, WM, VALID_SWAPS, WHAT_IF_VALID,
                                                                  poison=poison),
        "WM-ongeldig": lambda target, poison: write_woonmaatschappij(target, small, WM, INVALID_SWAPS,
                                                                    WHAT_IF_INVALID, envelope=4999, poison=poison),
    }
    (root / "ref").mkdir()
    (root / "poison").mkdir()
    for name, write in writers.items():
        write(root / "ref" / f"{name}.xlsx", False)
        write(root / "poison" / f"{name}.xlsx", True)
    out = convert([root / "poison" / f"{name}.xlsx" for name in writers], root / "lo")
    books = {p.stem: openpyxl.load_workbook(p, data_only=True) for p in out}
    return {"root": root, "books": books, "demo": demo, "small": small}


def rows_by_label(ws, col: int = 1) -> dict:
    """Label in a column → its row number (first occurrence)."""
    found = {}
    for row in ws.iter_rows(min_col=col, max_col=col):
        value = row[0].value
        if isinstance(value, str) and value not in found:
            found[value] = row[0].row
    return found


@pytest.mark.parametrize("name", ["demo-Vlaanderen", "Vlaanderen", "WM-geldig", "WM-ongeldig"])
def test_every_formula_cell_equals_the_engine(recalculated, name):
    root = recalculated["root"]
    assert mismatches(root / "ref" / f"{name}.xlsx", root / "lo" / f"{name}.xlsx") == []


def test_flemish_and_province_totals_equal_the_engine(recalculated):
    """R1: the demo BSO's sum to the 45,000 mandatory dwellings; each province's sum is the engine's."""
    book, data = recalculated["books"]["demo-Vlaanderen"], recalculated["demo"]
    engine_total = sum(r.objective.bso for r in data.rows.values())
    assert defined_value(book, "Totaal_BSO") == engine_total == load().flemish_total == 45000
    assert defined_value(book, "Totaal_SIB") == sum(r.objective.sib for r in data.rows.values())
    ws = book["Provincies"]
    rows = rows_by_label(ws)
    for province in data.provinces:
        members = data.of_province(province)
        r = rows[province]
        assert ws.cell(r, 2).value == len(members), province
        assert ws.cell(r, 4).value == sum(m.objective.bso for m in members), province
        assert ws.cell(r, 5).value == sum(m.objective.sib for m in members), province
    assert ws.cell(rows["Vlaanderen"], 4).value == 45000
    wm = book["Woonmaatschappijen"]
    rows = rows_by_label(wm)
    for name in data.woonmaatschappijen:
        assert wm.cell(rows[name], 5).value == sum(m.objective.bso for m in data.of_woonmaatschappij(name)), name
    control = book["Overzicht"]
    assert any(c.value == "gelijk aan het verplichte totaal (R1)" for row in control.iter_rows() for c in row)


def test_a_partial_figures_file_says_its_sum_is_not_flanders(recalculated):
    book = recalculated["books"]["Vlaanderen"]
    assert defined_value(book, "Totaal_BSO") == 100 + 120 + 0 + 100 + 50 + 2185 + 300  # = 2,855
    texts = [c.value for row in book["Overzicht"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "het cijferbestand dekt 7 van de 285 gemeenten: de som is geen Vlaams totaal" in texts


def test_returned_workbooks_show_their_projected_shortfalls(recalculated):
    """Herzele (a layout-2 workbook written with dated projects): shortfall and risk per test as
    computed by hand; Gent (a bso-xl 0.1.0 workbook) as its own municipal model computes them;
    Oudenaarde (two workbooks) and Ronse (none) have no projection, and it shows."""
    book, data = recalculated["books"]["Vlaanderen"], recalculated["small"]
    ws = book["Gemeenten"]
    rows = rows_by_label(ws, col=2)
    herzele = rows["Herzele"]
    assert [ws.cell(herzele, 16 + i).value for i in range(5)] == [HERZELE_SHORTFALL[y] for y in YEARS]
    assert ws.cell(herzele, 21).value == pytest.approx(sum(HERZELE_RISK.values()), abs=0.005)
    assert ws.cell(herzele, 15).value == "ja"
    gent_model = data.rows["44021"].projection.model
    assert [ws.cell(rows["Gent"], 16 + i).value for i in range(5)] == [t.shortfall for t in gent_model.tests]
    # build_model on the fixture's 60 projects and overrides with this file's Gent (BSO 2185, SIB 100)
    assert [t.shortfall for t in gent_model.tests] == [5, 352, 725, 1072, 2114]
    assert ws.cell(rows["Oudenaarde"], 15).value == "2 werkboeken"
    assert ws.cell(rows["Ronse"], 15).value == "geen"
    for name in ("Oudenaarde", "Ronse"):
        assert all(ws.cell(rows[name], 16 + i).value is None for i in range(6)), name
    proj = book["Projectie"]
    herzele_rows = [r for r in range(6, proj.max_row + 1) if proj.cell(r, 1).value == "Herzele"]
    assert [proj.cell(r, 13).value for r in herzele_rows] == [HERZELE_SHORTFALL[y] for y in YEARS]
    assert [proj.cell(r, 18).value for r in herzele_rows] == pytest.approx([HERZELE_RISK[y] for y in YEARS])
    overzicht = book["Overzicht"]
    labels = rows_by_label(overzicht)
    assert overzicht.cell(labels["met een teruggestuurd werkboek (gebruikt)"], 2).value == 3
    assert overzicht.cell(labels["zonder werkboek"], 2).value == 3
    assert overzicht.cell(labels["met meer dan één werkboek (niet gebruikt)"], 2).value == 1


def test_the_envelope_counts_who_qualifies(recalculated):
    """R10: Sint-Lievens-Houtem (BSO 0, nothing planned) and Oudenaarde (official counts, 20 extra)
    qualify; 20 dwellings against the assumed envelope of 6,000 leaves 5,980."""
    book = recalculated["books"]["Vlaanderen"]
    assert defined_value(book, "Enveloppe_gebruikt") == 6000
    assert defined_value(book, "Enveloppe_vraag") == 20
    ws = book["Enveloppe"]
    rows = rows_by_label(ws)
    assert ws.cell(rows["Oudenaarde"], 7).value == "ja" and ws.cell(rows["Oudenaarde"], 8).value == 20
    assert ws.cell(rows["Sint-Lievens-Houtem"], 7).value == "ja"
    assert ws.cell(rows["Herzele"], 9).value == "nog 40 woning(en) te plannen"
    refused = recalculated["books"]["WM-ongeldig"]
    assert defined_value(refused, "Enveloppe_gebruikt").startswith("ongeldig")  # 4,999 < the basis 5,000


def members(ws) -> dict[str, int]:
    """The rows of the table 'Objectieven na de ruil' (below the ten swap rows)."""
    names = ("Herzele", "Zottegem", "Sint-Lievens-Houtem", "Oudenaarde", "Ronse")
    return {ws.cell(r, 1).value: r for r in range(23, ws.max_row + 1) if ws.cell(r, 1).value in names}


def test_valid_swaps_give_the_new_objectives_and_keep_each_werkingsgebied_total(recalculated):
    """Numbers from test_overview_model.test_valid_swaps_in_two_werkingsgebieden (by hand)."""
    book = recalculated["books"]["WM-geldig"]
    assert defined_value(book, "Ruil_geldig") == 1
    assert defined_value(book, "Ruil_status") == "2 ruil(en) geldig: de nieuwe objectieven staan hieronder."
    ws = book["Ruil"]
    rows = members(ws)
    after = {name: (ws.cell(r, 7).value, ws.cell(r, 8).value, tuple(ws.cell(r, 10 + i).value for i in range(3)))
             for name, r in rows.items()}
    assert after == {"Herzele": (120, 30, (30, 30, 30)), "Zottegem": (100, 0, (34, 33, 33)),
                     "Sint-Lievens-Houtem": (0, 0, (0, 0, 0)), "Oudenaarde": (90, 20, (24, 23, 23)),
                     "Ronse": (60, 0, (20, 20, 20))}
    labels = rows_by_label(ws)
    for area, total in (("Vlaamse Ardennen-Oost", 220), ("Vlaamse Ardennen-West", 150)):
        r = max(row for row in range(1, ws.max_row + 1) if ws.cell(row, 1).value == area)
        assert (ws.cell(r, 3).value, ws.cell(r, 4).value, ws.cell(r, 5).value, ws.cell(r, 6).value) == (
            total, total, 0, S.SUM_KEPT), area
    assert labels  # the sheet was read


def test_the_swap_changes_the_growth_path_and_the_shortfall(recalculated):
    """Herzele after taking over 20 (T 30, 30, 30; SIB 30; projects 60/60/20/20 from 2033):
    2037 asks MJP 60 + 15 = 75 → shortfall 75 − 60 = 15 (was 2); 2040 asks 90 + 22.5 = 112.5 on
    KTP → ceil(112.5 − 60) = 53 (was 33). Sanction if 2b, 2040: 53 × 3,684.24 × 50% × 3 = 292,897.08."""
    ws = recalculated["books"]["WM-geldig"]["Ruil gevolgen"]
    herzele = {ws.cell(r, 2).value: r for r in range(8, ws.max_row + 1) if ws.cell(r, 1).value == "Herzele"}
    assert ws.cell(herzele[2037], 4).value == 75  # Vereist ≥ MJP
    assert (ws.cell(herzele[2037], 12).value, ws.cell(herzele[2037], 13).value) == (2, 15)
    assert (ws.cell(herzele[2040], 12).value, ws.cell(herzele[2040], 13).value) == (33, 53)
    assert ws.cell(herzele[2040], 15).value == pytest.approx(292897.08, abs=0.005)
    assert ws.cell(herzele[2040], 16).value == pytest.approx(292897.08 - 182369.88, abs=0.005)
    ronse = [r for r in range(8, ws.max_row + 1) if ws.cell(r, 1).value == "Ronse"]
    assert ws.cell(ronse[0], 8).value == "geen werkboek"


def test_the_what_if_moves_bso_across_the_werkingsgebied_and_says_so(recalculated):
    book = recalculated["books"]["WM-geldig"]
    ws = book["Wat-als VVSG"]
    assert "GEEN GELDEND RECHT" in ws["A3"].value
    assert (ws["I12"].value, ws["J12"].value) == (90, 310)  # Herzele 100 − 10, Kortrijk 300 + 10
    oost = max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Vlaamse Ardennen-Oost")
    assert (ws.cell(oost, 3).value, ws.cell(oost, 4).value, ws.cell(oost, 5).value) == (220, 210, -10)
    assert ws.cell(oost, 6).value == S.WHAT_IF_DIFFERENCE
    assert "GEEN GELDEND RECHT" in book["Wat-als gevolgen"]["A3"].value


def test_invalid_swaps_show_their_message_and_no_total(recalculated):
    """Other werkingsgebied, below 0, unknown, not whole, negative, text, incomplete, the same: each
    row says why; the valid first row alone is not applied; every new objective is n.b."""
    book = recalculated["books"]["WM-ongeldig"]
    ws = book["Ruil"]
    messages = [ws.cell(r, 11).value or ws.cell(r, 12).value for r in range(12, 22)]
    assert messages == [None, S.OTHER_AREA, S.BELOW_ZERO_FROM.format(-1), S.UNKNOWN_FROM, S.BAD_AMOUNT,
                        S.BAD_AMOUNT, S.OTHER_AREA, S.BAD_AMOUNT, S.INCOMPLETE, S.SAME]
    assert defined_value(book, "Ruil_geldig") == 0
    assert defined_value(book, "Ruil_status").startswith("Ongeldige ruil: 9 rij(en) met een melding")
    for name, r in members(ws).items():
        assert [ws.cell(r, c).value for c in range(7, 13)] == [S.NOT_COMPUTED] * 6, name
    for area in ("Vlaamse Ardennen-Oost", "Vlaamse Ardennen-West"):
        r = max(row for row in range(1, ws.max_row + 1) if ws.cell(row, 1).value == area)
        assert ws.cell(r, 4).value == S.NOT_COMPUTED and ws.cell(r, 6).value == S.AREA_NOT_COMPUTED
    gevolgen = book["Ruil gevolgen"]
    assert gevolgen["C5"].value.startswith("Ongeldige ruil")
    herzele = [r for r in range(8, gevolgen.max_row + 1) if gevolgen.cell(r, 1).value == "Herzele"]
    assert {gevolgen.cell(r, 13).value for r in herzele} == {S.NOT_COMPUTED}
    what_if = book["Wat-als VVSG"]
    assert [what_if.cell(r, 11).value for r in (12, 13, 14)] == [S.NO_WM_SIDE, S.UNKNOWN_FROM, None]
