"""The workbook model (bso_xl.workbook.model) for the four branch workbooks, in the fast suite.

test_workbook_branches.py proves in LibreOffice that the formulas give these numbers; here the
engine side that the workbook caches (build_model) is pinned to the same hand computations, so a
bug in model.py fails without a spreadsheet too (issue 13: planted bugs in model.py were caught
only by the recalculation).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from bso_xl.figures import read_figures
from bso_xl.workbook.guards import NOT_COMPUTED
from bso_xl.workbook.model import DECIDED_NOTHING, DECIDED_WHOLE_BSO, build_model
from test_workbook_branches import (
    INPUTS, NIS, SHORTFALL_A, SHORTFALL_B, SHORTFALL_C, SHORTFALL_D, WITH_TOTALS, WITHOUT_TOTALS,
)

YEARS = (2028, 2031, 2034, 2037, 2040)


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    root = tmp_path_factory.mktemp("model")
    (root / "met.csv").write_text(WITH_TOTALS, encoding="utf-8")
    (root / "zonder.csv").write_text(WITHOUT_TOTALS, encoding="utf-8")
    files = {"A": root / "met.csv", "C": root / "met.csv", "B": root / "zonder.csv", "D": root / "zonder.csv"}
    result = {}
    for key, inputs in INPUTS.items():
        figures = read_figures(files[key])
        result[key] = build_model(figures.rows[NIS[key]], figures, inputs)
    return result


def per_test(model, attribute):
    return [getattr(t, attribute) for t in model.tests]


@pytest.mark.parametrize("key, expected", [("A", SHORTFALL_A), ("B", SHORTFALL_B), ("C", SHORTFALL_C),
                                           ("D", SHORTFALL_D)])
def test_shortfall_from_the_projects(models, key, expected):
    assert per_test(models[key], "shortfall") == [expected[y] for y in YEARS]


def test_a(models):
    a = models["A"]
    assert a.raised is True and a.index_rate.value == Decimal("0.02")
    assert per_test(a, "shortfall_used") == [3, 8, a.tests[2].shortfall_used, 78, a.tests[4].shortfall_used]
    assert all(isinstance(a.tests[i].shortfall_used, str) for i in (2, 4))  # 2.5 and "veel" refused
    assert per_test(a, "category") == ["2b", "2a", "—", "2b", "—"]
    # 2028: 3 × 4000 × 25% = 3,000; 2037: 78 × 5,139.73 = 400,898.94 (see test_workbook_branches)
    assert a.tests[0].sanction == Decimal("3000.00") and a.tests[3].sanction == Decimal("400898.94")
    assert per_test(a, "expected") == [Decimal("9000.00"), 0, NOT_COMPUTED, Decimal("1202696.82"), NOT_COMPUTED]
    assert per_test(a, "risk") == [0, 0, NOT_COMPUTED, 0, NOT_COMPUTED]
    assert per_test(a, "in_budget") == [Decimal("3000.00"), 0, NOT_COMPUTED, Decimal("400898.94"), NOT_COMPUTED]
    # 2040: gaps MJP 184, KTP 192 → the KTP decides
    assert per_test(a, "deciding") == [DECIDED_NOTHING, "MJP", "MJP", "MJP", "KTP"]
    assert [b.budget for b in a.budget][:6] == [Decimal("3000.00")] * 3 + [0] * 3
    assert [b.budget for b in a.budget][6:9] == [NOT_COMPUTED] * 3
    assert a.exemption.status == "nee" and a.projects.flagged == 14
    assert (a.provisional.pot, a.provisional.model_final, a.provisional.unexplained) == (1200, 245, -5)


def test_b(models):
    b = models["B"]
    assert b.raised is True and b.raised_message and b.index_rate.refused
    assert per_test(b, "category") == ["—", "1", "2b", "2", "2"]
    assert b.tests[2].sanction == Decimal("69000.00") and b.tests[2].expected == Decimal("207000.00")
    assert per_test(b, "risk")[1:] == [0, 0, NOT_COMPUTED, NOT_COMPUTED]
    assert [y.budget for y in b.budget] == [NOT_COMPUTED] * 3 + [0] * 3 + [Decimal("69000.00")] * 3 + [
        NOT_COMPUTED] * 6
    assert b.exemption.status == "niet te berekenen" and not b.provisional_known and b.provisional is None


def test_c(models):
    c = models["C"]
    assert c.raised is False and c.index_rate.value == Decimal("-0.05")
    assert per_test(c, "category") == ["2", "2b", "2a", "2", "2b"]
    # 2028: 367 × 3,158.78 × 25% = 289,818.07, a risk over three instalments
    assert c.tests[0].sanction == Decimal("289818.07") and c.tests[0].risk == 3 * Decimal("289818.07")
    assert c.tests[0].expected == 0 and c.tests[1].risk == 0 and c.tests[2].in_budget == 0
    assert c.exemption.status == "niet van toepassing"
    assert (c.official.test_year, c.official.shortfall) == (2031, 17)
    assert c.provisional is None and c.flemish_pot == 1200


def test_d(models):
    d = models["D"]
    assert (d.objective.bso, d.objective.sib, d.objective.regulier) == (35, 35, 0)
    assert per_test(d, "deciding") == [DECIDED_NOTHING, DECIDED_NOTHING] + [DECIDED_WHOLE_BSO] * 3
    assert per_test(d, "category") == ["1", "1", "2b", "2a", "2"]
    assert per_test(d, "amount_used")[:2] == [Decimal("0"), Decimal("0.5")]
    assert per_test(d, "sanction") == [0, 0, Decimal("10131.60"), Decimal("20263.20"), Decimal("10131.60")]
    assert per_test(d, "expected") == [0, 0, Decimal("30394.80"), 0, 0]
    assert per_test(d, "risk") == [0, 0, 0, 0, Decimal("30394.80")]
    assert [y.budget for y in d.budget] == [0] * 6 + [Decimal("10131.60")] * 3 + [0] * 3 + [Decimal("10131.60")] * 3
    assert d.exemption.status == "ja" and d.projects.flagged == 0
