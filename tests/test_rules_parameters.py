"""Parameters (R1–R10): every record has a source; BSO-RULES interpretations are flagged."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from bso_xl.parameters import load


def records_by_name():
    return {r.name: r for r in load().records}


def test_every_parameter_record_has_a_non_empty_source_and_rule():
    records = load().records
    assert len(records) >= 30
    for r in records:
        assert r.source.strip(), r.name
        assert r.rule.strip().startswith("R"), r.name
        assert r.value.strip(), r.name


def test_record_names_are_unique():
    names = [r.name for r in load().records]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    "name, rule",
    [
        ("aantal schijven", "R8"),             # three equal instalments after the test
        ("eerste schijf na toets", "R8"),      # first instalment the year after the test
        ("indexatie veronderstelling", "R8"),  # assumed index rate, default 0%
        ("vergunningen venster", "R9"),        # permit window, default six years
        ("tussentijdse verdeling", "R4"),      # equal thirds, remainder first
    ],
)
def test_bso_rules_interpretations_are_flagged(name, rule):
    r = records_by_name()[name]
    assert r.interpretation is True
    assert r.rule == rule


@pytest.mark.parametrize(
    "name",
    ["huurpremie 2025 normaal", "sanctiepercentage toets 2037", "personen ten laste",
     "maanden per jaar", "vlaams verplicht totaal", "vrijstelling drempel", "voortgangstoets 2037"],
)
def test_published_facts_are_not_flagged_as_interpretation(name):
    assert records_by_name()[name].interpretation is False


def test_interpretation_values():
    p = load()
    assert p.instalments == 3
    assert p.first_instalment_after == 1
    assert p.default_index_rate == Decimal("0")
    assert p.permit_window_years == 6
    assert records_by_name()["indexatie veronderstelling"].value == "0"


def test_growth_path_interpretations_are_recorded():
    # R6 "one dwelling counts once" and "whole BSO realised passes" are stated in groeipad.yaml.
    texts = load().growth_path_interpretations
    assert len(texts) == 2
    assert any("R6" in t for t in texts)


def test_r8_parameter_values():
    p = load()
    assert p.dependants == 4
    assert p.months == 12
    assert sorted(p.huurpremie) == [2019, 2022, 2024, 2025]
    m = p.huurpremie[2025]
    assert (m.normal_base, m.normal_per_dependant, m.raised_base, m.raised_per_dependant) == (
        Decimal("184.22"), Decimal("30.70"), Decimal("202.64"), Decimal("33.77"))
    assert p.sanction_percentages == {
        2028: Decimal("0.25"), 2031: Decimal("0.50"), 2034: Decimal("0.50"),
        2037: Decimal("1.00"), 2040: Decimal("0.50")}


def test_r8_raised_amount_is_about_ten_percent_more():
    # "verhoogde huurpremie: the +10% amount": 165 = 150 × 1.1; 2025: 184.22 × 1.1 = 202.642 → 202.64.
    for m in load().huurpremie.values():
        assert abs(m.raised_base - m.normal_base * Decimal("1.1")) <= Decimal("0.01")
        assert abs(m.raised_per_dependant - m.normal_per_dependant * Decimal("1.1")) <= Decimal("0.01")


def test_r6_test_coefficients():
    t = load().tests
    assert t[2037].regular == {"KTP": (1, Fraction(1, 2), 0), "MJP": (1, 1, 0)}
    assert (t[2037].catchup_fraction, t[2037].catchup_level) == (Fraction(1, 2), "GEREALISEERD")
    assert (t[2040].catchup_fraction, t[2040].catchup_level) == (Fraction(3, 4), "KTP")
    assert (t[2028].catchup_fraction, t[2028].catchup_level) == (Fraction(1, 4), "MJP")


def test_r4_legislatures():
    assert load().legislatures == {"T1": (2025, 2030), "T2": (2031, 2036), "T3": (2037, 2042)}


def test_r9_dates():
    import datetime as dt
    assert load().exemption_deadline == dt.date(2026, 6, 1)
