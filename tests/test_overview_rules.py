"""R10 functions the overview workbooks need: the objective after a swap, the envelope room."""

from __future__ import annotations

import pytest

from bso_xl.rules import Components, envelope_eligible, envelope_room, objective, objective_after_swap


def obj(bso_components: int, sib: int, interim=None):
    # aandeel_op_peil = BSO − SIB, so the identity (R2) is exactly the BSO asked for
    return objective(Components(bso_components - sib, sib, 0, 0, 0), interim=interim)


# --- R10 swap: the new objective ---------------------------------------------------------------

def test_r10_no_change_keeps_the_objective_and_an_official_split():
    # official T1–T3 (bijlage 35) = 50, 30, 20 for regulier 100: kept when nothing moves
    before = obj(130, 30, interim=(50, 30, 20))
    assert objective_after_swap(before, 0) is before


def test_r10_taking_over_adds_to_the_regular_part_split_by_r4():
    # BSO 160 = SIB 60 + regulier 100; takes over 9 → BSO 169, SIB 60, regulier 109 = 37 + 36 + 36 (R4)
    after = objective_after_swap(obj(160, 60), 9)
    assert (after.bso, after.sib, after.regulier, after.interim) == (169, 60, 109, (37, 36, 36))


def test_r10_handing_over_loses_regular_objective_first():
    # BSO 160 (SIB 60) hands over 50 → BSO 110, SIB 60, regulier 50 = 17 + 17 + 16
    after = objective_after_swap(obj(160, 60), -50)
    assert (after.bso, after.sib, after.regulier, after.interim) == (110, 60, 50, (17, 17, 16))


def test_r10_sib_never_exceeds_the_new_bso_r2():
    # BSO 100 (SIB 60) hands over 70 → BSO 30: SIB counted 30 (R2 interpretation), regulier 0
    after = objective_after_swap(obj(100, 60), -70)
    assert (after.bso, after.sib, after.regulier, after.interim) == (30, 30, 0, (0, 0, 0))


def test_r10_exactly_zero_is_allowed_below_is_not():
    assert objective_after_swap(obj(20, 0), -20).bso == 0
    with pytest.raises(ValueError, match="onder 0"):
        objective_after_swap(obj(20, 0), -21)


@pytest.mark.parametrize("change", [2.5, "3", True])
def test_r10_change_must_be_whole_dwellings(change):
    with pytest.raises(ValueError):
        objective_after_swap(obj(20, 0), change)


def test_r10_the_sum_of_two_swapped_objectives_is_kept():
    a, b = obj(100, 20), obj(50, 0)
    assert objective_after_swap(a, -30).bso + objective_after_swap(b, 30).bso == 150


# --- R10 envelope: how many dwellings --------------------------------------------------------

def test_r10_envelope_room_is_the_planning_beyond_the_bso():
    # BSO 50, 70 dwellings at least on MJP (30 realised): eligible, 70 − 50 = 20 extra
    assert envelope_eligible(50, 30, 70) is True
    assert envelope_room(50, 30, 70) == 20


def test_r10_envelope_room_zero_when_the_planning_just_covers_the_bso():
    assert envelope_room(50, 10, 50) == 0


def test_r10_envelope_room_zero_when_not_eligible():
    # 49 planned < BSO 50: not eligible, so nothing from the envelope (not −1, not 0 by luck)
    assert envelope_eligible(50, 30, 49) is False
    assert envelope_room(50, 30, 49) == 0


def test_r10_envelope_room_with_a_zero_objective():
    # BSO 0 (15 municipalities): eligible; everything on the planning is extra
    assert envelope_room(0, 0, 12) == 12


def test_r10_envelope_room_counts_realised_when_the_net_planning_is_lower():
    # a net-negative rebuild on the planning (R5) can make "at least MJP" lower than realised
    assert envelope_room(40, 45, 43) == 5


@pytest.mark.parametrize("args", [(-1, 0, 0), (10, 2.5, 20), (10, 0, "20")])
def test_r10_envelope_room_rejects_bad_input(args):
    with pytest.raises(ValueError):
        envelope_room(*args)
