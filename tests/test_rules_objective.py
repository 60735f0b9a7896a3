"""R2 (the municipal objective) and R4 (interim objectives T1, T2, T3).

Every expected number is computed by hand in a comment; BSO-RULES.md is the spec.
"""

from __future__ import annotations

import pytest

from bso_xl.rules import Components, Level, category, identity_bso, objective, shortfall, split_interim
from bso_xl.parameters import load


# --- R4 -------------------------------------------------------------------------------------

def test_r4_worked_example_100_splits_34_33_33():
    # BSO-RULES R4 interpretation: "equal thirds in whole dwellings, the remainder going to the
    # earliest legislatures (100 → 34, 33, 33)".
    assert split_interim(100) == (34, 33, 33)


@pytest.mark.parametrize(
    "regulier, expected",
    [
        (0, (0, 0, 0)),
        (1, (1, 0, 0)),      # 1 = 3·0 + 1 → remainder 1 to T1
        (2, (1, 1, 0)),      # 2 = 3·0 + 2 → remainder to T1 and T2
        (3, (1, 1, 1)),
        (101, (34, 34, 33)),  # 101 = 3·33 + 2
        (270, (90, 90, 90)),  # the R6 worked example's T1 = T2 = T3 = 90
        (272, (91, 91, 90)),  # 272 = 3·90 + 2
    ],
)
def test_r4_split_interim_remainder_to_earliest(regulier, expected):
    assert split_interim(regulier) == expected
    assert sum(split_interim(regulier)) == regulier


def test_r4_split_interim_negative_is_an_error():
    with pytest.raises(ValueError):
        split_interim(-1)


# --- R2 identity ----------------------------------------------------------------------------

def test_r2_identity_recomputed_from_the_five_components():
    # 100 aandeel op peil + 20 SIB + 30 wettelijke doelgroep − 10 overschrijding − 5 aftopping = 135
    c = Components(aandeel_op_peil=100, sib=20, wettelijke_doelgroep=30, overschrijding=10, aftopping_9pct=5)
    assert identity_bso(c) == 135


def test_r2_r4_objective_without_official_figure():
    # BSO = 135 (above), SIB 20 ≤ 135 so counted in full, regulier = 135 − 20 = 115,
    # R4: 115 = 3·38 + 1 → (39, 38, 38).
    c = Components(100, 20, 30, 10, 5)
    o = objective(c)
    assert (o.identity, o.bso, o.sib, o.regulier) == (135, 135, 20, 115)
    assert o.interim == (39, 38, 38)
    assert o.official_bso is None
    assert o.warnings == ()


def test_r2_negative_identity_is_an_objective_of_0():
    # 10 + 5 + 0 − 30 − 0 = −15 → R2 interpretation: objective 0; SIB counted min(5, 0) = 0.
    c = Components(10, 5, 0, 30, 0)
    o = objective(c)
    assert o.identity == -15
    assert (o.bso, o.sib, o.regulier, o.interim) == (0, 0, 0, (0, 0, 0))
    # the SIB 5 → 0 cap is reported, not silent
    assert len(o.warnings) == 1 and "SIB 5" in o.warnings[0]


def test_r2_zero_objective_has_no_catch_up_and_passes_every_test():
    # BSO 0 (identity 0: 40 + 10 + 0 − 30 − 20 = 0) → SIB counted 0 (R2: "a municipality with
    # BSO 0 has no catch-up either"), regulier 0; with nothing at all in the pipeline every
    # requirement R(ℓ) is 0, so every shortfall is 0 and the category is "1" (R6, R7).
    o = objective(Components(40, 10, 0, 30, 20))
    assert (o.identity, o.bso, o.sib, o.regulier) == (0, 0, 0, 0)
    for year in load().test_years:
        s = shortfall(o.t1, o.t2, o.t3, o.sib, year, {level: 0 for level in Level})
        assert s == 0
        assert category(s) == "1"


def test_r2_sib_above_bso_is_capped_and_regular_part_is_0():
    # 0 + 50 + 0 − 20 − 0 = 30 < SIB 50 → SIB counted 30, regulier 0 (R2 interpretation).
    o = objective(Components(0, 50, 0, 20, 0))
    assert (o.bso, o.sib, o.regulier, o.interim) == (30, 30, 0, (0, 0, 0))
    assert len(o.warnings) == 1
    assert "50" in o.warnings[0] and "30" in o.warnings[0]


def test_r2_sib_equal_to_bso_is_not_capped():
    # 0 + 30 + 0 − 0 − 0 = 30 = SIB: nothing capped, no warning.
    o = objective(Components(0, 30, 0, 0, 0))
    assert (o.bso, o.sib, o.regulier) == (30, 30, 0)
    assert o.warnings == ()


def test_r2_official_bso_wins_and_mismatch_is_a_warning_with_both_values():
    # identity 135 (see above) but the official BSO is 140: 140 counts, regulier 140 − 20 = 120
    # → (40, 40, 40); the mismatch is reported with both values, never silently fixed.
    o = objective(Components(100, 20, 30, 10, 5), official_bso=140)
    assert (o.identity, o.bso, o.official_bso, o.sib, o.regulier) == (135, 140, 140, 20, 120)
    assert o.interim == (40, 40, 40)
    assert len(o.warnings) == 1
    assert "140" in o.warnings[0] and "135" in o.warnings[0]


def test_r2_official_bso_lower_than_identity_also_wins():
    # identity 135, official 100 → BSO 100, regulier 80 → R4 (27, 27, 26).
    o = objective(Components(100, 20, 30, 10, 5), official_bso=100)
    assert (o.bso, o.regulier, o.interim) == (100, 80, (27, 27, 26))
    assert len(o.warnings) == 1


def test_r2_official_bso_equal_to_identity_gives_no_warning():
    o = objective(Components(100, 20, 30, 10, 5), official_bso=135)
    assert o.bso == 135
    assert o.warnings == ()


def test_r2_official_bso_below_sib_caps_the_sib_too():
    # official 15 < SIB 20 → SIB counted 15, regulier 0; two warnings (mismatch + cap).
    o = objective(Components(100, 20, 30, 10, 5), official_bso=15)
    assert (o.bso, o.sib, o.regulier) == (15, 15, 0)
    assert len(o.warnings) == 2


def test_r4_given_interim_split_is_used_as_is():
    # regulier 115 (above); bijlage 35 may split it unevenly: 15 + 40 + 60 = 115.
    o = objective(Components(100, 20, 30, 10, 5), interim=(15, 40, 60))
    assert o.interim == (15, 40, 60)
    assert (o.t1, o.t2, o.t3) == (15, 40, 60)


@pytest.mark.parametrize("interim", [(39, 38, 37), (40, 38, 38), (0, 0, 0)])
def test_r4_interim_split_not_summing_to_regulier_is_an_error(interim):
    # regulier is 115; 114, 116 and 0 must be rejected.
    with pytest.raises(ValueError):
        objective(Components(100, 20, 30, 10, 5), interim=interim)
