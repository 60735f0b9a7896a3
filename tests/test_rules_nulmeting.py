"""R3: the provisional (31/12/2023) → final (nulmeting 31/12/2025) model, on hand-sized examples.

final_i = max(0, provisional_i − realised_i + share_i × Σ realised), share_i = provisional_i / Σ
provisional, whole dwellings by the largest-remainder method (the Flemish total is unchanged).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction as F

import pytest

from bso_xl.parameters import load
from bso_xl.rules import provisional_to_final


def test_r3_dates():
    assert load().nulmeting_date == dt.date(2025, 12, 31)
    assert load().final_figures_date == dt.date(2026, 4, 30)


def test_r3_small_example_whole_numbers():
    # provisional [10, 20, 70] (Σ 100), realised [2, 0, 8] (pot 10), shares 1/10, 2/10, 7/10:
    # 10 − 2 + 1 = 9; 20 − 0 + 2 = 22; 70 − 8 + 7 = 69 → Σ 100.
    rows = provisional_to_final([10, 20, 70], [2, 0, 8])
    assert [r.deducted for r in rows] == [2, 0, 8]
    assert [r.pot_share for r in rows] == [1, 2, 7]
    assert [r.exact for r in rows] == [9, 22, 69]
    assert [r.final for r in rows] == [9, 22, 69]
    assert all(isinstance(r.final, int) for r in rows)
    assert sum(r.final for r in rows) == 100


def test_r3_small_example_largest_remainder():
    # provisional [10, 20, 70], realised [3, 0, 0]: pot 3 → shares 0.3, 0.6, 2.1;
    # exact 7.3, 20.6, 72.1 (Σ 100); floors 7, 20, 72 (Σ 99); the one missing dwelling goes to the
    # largest remainder 0.6 → final 7, 21, 72.
    rows = provisional_to_final([10, 20, 70], [3, 0, 0])
    assert [r.exact for r in rows] == [F(73, 10), F(103, 5), F(721, 10)]
    assert [r.pot_share for r in rows] == [F(3, 10), F(3, 5), F(21, 10)]
    assert [r.final for r in rows] == [7, 21, 72]


def test_r3_largest_remainder_ties_go_to_the_earliest():
    # [1, 1, 1], realised [1, 0, 0]: pot 1, shares 1/3 → exact 1/3, 4/3, 4/3; floors 0, 1, 1 (Σ 2);
    # all remainders 1/3 → the first gets the dwelling → 1, 1, 1.
    assert [r.final for r in provisional_to_final([1, 1, 1], [1, 0, 0])] == [1, 1, 1]
    # [5, 5], realised [5, 0]: exact 2.5, 7.5 → floors 2, 7; tie ½ → first → 3, 7.
    assert [r.final for r in provisional_to_final([5, 5], [5, 0])] == [3, 7]


def test_r3_realised_above_own_provisional_deducts_only_the_provisional():
    # [4, 96], realised [10, 0]. Engine interpretation: deducted = min(10, 4) = 4, pot 4,
    # shares 0.04, 0.96 → exact 0.16, 99.84 → floors 0, 99 → +1 to 0.84 → 0, 100 (Σ 100).
    # (The literal R3 formula would give max(0, 4 − 10 + 0.4) = 0 and 96 + 9.6 = 105.6: Σ ≠ 100.)
    rows = provisional_to_final([4, 96], [10, 0])
    assert [r.deducted for r in rows] == [4, 0]
    assert [r.exact for r in rows] == [F(4, 25), F(2496, 25)]
    assert [r.final for r in rows] == [0, 100]


def test_r3_municipality_with_provisional_0():
    # [0, 100], realised [10, 0]: nothing to deduct from 0 → pot 0 → 0, 100.
    rows = provisional_to_final([0, 100], [10, 0])
    assert [r.final for r in rows] == [0, 100]
    assert [r.deducted for r in rows] == [0, 0]


def test_r3_all_zero():
    assert [r.final for r in provisional_to_final([0, 0], [0, 3])] == [0, 0]
    assert provisional_to_final([], []) == []


def test_r3_length_mismatch_is_an_error():
    with pytest.raises(ValueError):
        provisional_to_final([1, 2], [0])


@pytest.mark.parametrize("provisional, realised", [([-1, 2], [0, 0]), ([1, 2], [0, -1])])
def test_r3_negative_counts_are_errors(provisional, realised):
    with pytest.raises(ValueError):
        provisional_to_final(provisional, realised)
