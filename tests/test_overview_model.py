"""The overview's data: returned workbooks found by what is inside them, the municipal model as
the projection, and the swap checks (R10) — without a spreadsheet engine (fast)."""

from __future__ import annotations

import pytest

from bso_xl.overview import build_overview, swap_model, write_woonmaatschappij
from bso_xl.overview import swap as S
from bso_xl.overview.returned import DUPLICATE, OVERVIEW, UNREADABLE, USED
from overview_helpers import (
    HERZELE_RISK, HERZELE_SHORTFALL, INVALID_SWAPS, VALID_SWAPS, WHAT_IF_INVALID, WHAT_IF_VALID, WM, small_case,
)


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    figures, folder = small_case(tmp_path_factory.mktemp("case"))
    return figures, folder, build_overview(figures, str(folder))


def test_each_file_in_the_folder_is_accounted_for(case):
    _, folder, data = case
    status = {f.name: (f.nis, f.status) for f in data.returned.files}
    assert status == {
        "41081_Zottegem.xlsx": ("41081", USED),
        "45035_Oudenaarde.xlsx": ("45035", DUPLICATE),
        "Herzele ingevuld.xlsx": ("41027", USED),  # identified by what is inside, not by its name
        "Oudenaarde (2).xlsx": ("45035", DUPLICATE),
        "gent.xlsx": ("44021", USED),  # bso-xl 0.1.0: the NIS code on Overzicht
        "kapot.xlsx": ("", UNREADABLE),
        "41063_Ronse.ods": ("", UNREADABLE),  # not passed over: listed, with what to do
    }  # backup/41027_Herzele.xlsx is in a subfolder: not a returned workbook
    [gent] = [f for f in data.returned.files if f.name == "gent.xlsx"]
    assert gent.version == "0.1.0" and gent.notes  # the fixture's invalid inputs are reported
    [broken] = [f for f in data.returned.files if f.name == "kapot.xlsx"]
    assert str(folder) not in broken.detail and "geen zip-archief" in broken.detail
    [ods] = [f for f in data.returned.files if f.name == "41063_Ronse.ods"]
    assert ods.detail == ("niet gelezen: een .ods-bestand, geen Excel-werkmap (.xlsx); open het in Excel of "
                          "LibreOffice en bewaar het als Excel-werkmap (.xlsx)")


def test_two_workbooks_for_one_municipality_leave_its_projection_empty(case):
    _, _, data = case
    row = data.rows["45035"]
    assert row.projection is None and row.workbook_status == "2 werkboeken"
    assert row.files == ("45035_Oudenaarde.xlsx", "Oudenaarde (2).xlsx")
    [first] = [f for f in data.returned.files if f.name == "45035_Oudenaarde.xlsx"]
    assert first.detail == "ook: Oudenaarde (2).xlsx"


def test_the_projection_is_the_municipal_workbooks_own_model(case):
    """Herzele's shortfall and risk per test, computed by hand in overview_helpers (R6, R8)."""
    _, _, data = case
    tests = data.rows["41027"].projection.model.tests
    assert {t.year: t.shortfall for t in tests} == HERZELE_SHORTFALL
    assert {t.year: float(t.risk) for t in tests} == HERZELE_RISK
    assert data.rows["41063"].workbook_status == "geen"


def test_envelope_from_the_planning_or_the_official_counts(case):
    """R10: Oudenaarde (two workbooks, so none) falls back to its official counts: 120 at least on
    MJP ≥ BSO 100 → eligible, 20 extra. Herzele plans 60 of 100: not eligible. Ronse: no figures;
    Sint-Lievens-Houtem (BSO 0) has no figures either but has reached its objective."""
    _, _, data = case
    oudenaarde, herzele, ronse = (data.rows[n].envelope for n in ("45035", "41027", "45041"))
    assert (oudenaarde.eligible, oudenaarde.room, oudenaarde.realised, oudenaarde.planned) == (True, 20, 30, 120)
    assert (herzele.eligible, herzele.room, herzele.planned) == (False, 0, 60)
    assert (ronse.eligible, ronse.room) == (None, None)
    zero = data.rows["41063"].envelope  # BSO 0 (R2): reached, whatever is planned
    assert (zero.eligible, zero.room) == (True, 0)


def test_an_overview_in_the_folder_is_skipped(tmp_path, case):
    figures, folder, data = case
    write_woonmaatschappij(folder / "WM_test.xlsx", data, WM)
    try:
        again = build_overview(figures, str(folder))
        assert {f.name: f.status for f in again.returned.files}["WM_test.xlsx"] == OVERVIEW
    finally:
        (folder / "WM_test.xlsx").unlink()


# --- R10 swaps -------------------------------------------------------------------------------


def test_valid_swaps_in_two_werkingsgebieden(case):
    """Zottegem → Herzele 20 (Oost) and Oudenaarde (typed as NIS 45035) → ' ronse ' 10 (West).

    Herzele 100 + 20 = 120, SIB 30 stays, regulier 90 = 30 + 30 + 30 (R4); Zottegem 120 − 20 = 100
    = 34 + 33 + 33; Oudenaarde 100 − 10 = 90, SIB 20, regulier 70 = 24 + 23 + 23; Ronse 60 = 20 × 3.
    Sums per werkingsgebied kept: Oost 220 → 220, West 150 → 150.
    """
    _, _, data = case
    model = swap_model(data, WM, VALID_SWAPS)
    assert model.valid and model.counted_swaps == 2 and model.status.startswith("2 ruil(en) geldig")
    after = {m.row.name: (m.after.bso, m.after.sib, m.after.interim) for m in model.members}
    assert after == {"Herzele": (120, 30, (30, 30, 30)), "Zottegem": (100, 0, (34, 33, 33)),
                     "Sint-Lievens-Houtem": (0, 0, (0, 0, 0)), "Oudenaarde": (90, 20, (24, 23, 23)),
                     "Ronse": (60, 0, (20, 20, 20))}
    for area, total in (("Vlaamse Ardennen-Oost", 220), ("Vlaamse Ardennen-West", 150)):
        part = [m for m in model.members if m.row.fig.municipality.werkingsgebied == area]
        assert sum(m.row.objective.bso for m in part) == sum(m.after.bso for m in part) == total


def test_every_kind_of_invalid_swap_has_its_message_and_nothing_is_computed(case):
    _, _, data = case
    model = swap_model(data, WM, INVALID_SWAPS)
    messages = [line.error or line.below_zero for line in model.lines]
    assert messages == ["", S.OTHER_AREA, S.BELOW_ZERO_FROM.format(-1), S.UNKNOWN_FROM, S.BAD_AMOUNT,
                        S.BAD_AMOUNT, S.OTHER_AREA, S.BAD_AMOUNT, S.INCOMPLETE, S.SAME]
    assert not model.valid and model.rows_with_message == 9
    # the one valid row counts in its row, but no objective is changed: never a partial total
    assert model.lines[0].counted == 20
    assert all(m.after is None for m in model.members)
    assert model.engine_errors  # the engine also refuses Sint-Lievens-Houtem at −1


def test_what_if_allows_a_partner_outside_the_werkingsgebied(case):
    """VVSG what-if: Herzele → Kortrijk (Kortrijk-regio, SW+) 10: Herzele 90, Kortrijk 310."""
    _, _, data = case
    model = swap_model(data, WM, WHAT_IF_VALID, what_if=True)
    assert model.valid and model.what_if
    assert model.member("41027").after.bso == 90
    assert (model.lines[0].from_after, model.lines[0].to_after) == (90, 310)
    assert not swap_model(data, WM, WHAT_IF_VALID).valid  # under current law: refused (R10)


def test_what_if_still_needs_one_municipality_of_this_woonmaatschappij(case):
    _, _, data = case
    model = swap_model(data, WM, WHAT_IF_INVALID, what_if=True)
    assert [line.error for line in model.lines[:3]] == [S.NO_WM_SIDE, S.UNKNOWN_FROM, ""]
    assert model.lines[2].counted == 10  # 41027 → 34022 typed as NIS codes


@pytest.mark.parametrize("typed, nis", [
    ("Herzele", "41027"), ("  herzele ", "41027"), ("HERZELE", "41027"), (41027, "41027"), (41027.0, "41027"),
    ("41027", "41027"), ("Herz*", ""), ("4102?", ""), ("Herzle", ""), (None, ""), ("", ""), (99999, ""),
])
def test_a_typed_municipality_is_resolved_like_the_sheet_does(case, typed, nis):
    _, _, data = case
    ref = S.Reference.of(list(data.rows.values()))
    assert ref.resolve(typed) == nis
