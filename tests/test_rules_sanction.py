"""R8: the sanction for categorie 2b, in euro, from the huurpremie maxima."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bso_xl.parameters import load
from bso_xl.rules import instalment_years, sanction_percentage, total_sanction, yearly_amount, yearly_sanction
from bso_xl.rules.money import round_cents
from bso_xl.rules.sanction import known_amount_year

D = Decimal


# --- the huurpremie table -------------------------------------------------------------------

# BSO-RULES R8 table, last two columns: 12 × (base + 4 × per dependant), e.g.
# 2022 normal 12 × (157.87 + 4 × 26.31) = 12 × 263.11 = 3,157.32;
# 2025 raised 12 × (202.64 + 4 × 33.77) = 12 × 337.72 = 4,052.64.
@pytest.mark.parametrize(
    "year, normal, raised",
    [
        (2019, "3000.00", "3300.00"),
        (2022, "3157.32", "3473.04"),
        (2024, "3555.36", "3910.80"),
        (2025, "3684.24", "4052.64"),
    ],
)
def test_r8_huurpremie_table_yearly_amounts(year, normal, raised):
    assert yearly_amount(year) == D(normal)
    assert yearly_amount(year, raised=True) == D(raised)
    assert yearly_amount(year).as_tuple().exponent == -2


@pytest.mark.parametrize(
    "year, known",
    [(2019, 2019), (2020, 2019), (2021, 2019), (2022, 2022), (2023, 2022), (2024, 2024),
     (2025, 2025), (2026, 2025), (2031, 2025), (2042, 2025)],
)
def test_r8_amount_year_for_years_between_and_after_known_years(year, known):
    assert known_amount_year(year) == known


def test_r8_years_between_known_years_use_the_earlier_amount():
    # 2023 has no amount in the table → the 2022 amounts; 2026 and 2031 → the 2025 amounts.
    assert yearly_amount(2023) == D("3157.32")
    assert yearly_amount(2023, raised=True) == D("3473.04")
    assert yearly_amount(2026) == D("3684.24")
    assert yearly_amount(2031) == D("3684.24")
    assert yearly_amount(2031, raised=True) == D("4052.64")


@pytest.mark.parametrize("year", [2018, 2000])
def test_r8_year_before_2019_is_an_error(year):
    with pytest.raises(ValueError):
        yearly_amount(year)


def test_r8_index_projection_2pct_2025_to_2027():
    # round(3684.24 × 1.02², 2): 1.02² = 1.0404; 3684.24 × 1.0404 = 3684.24 + 148.843296
    # = 3833.083296 → 3833.08.
    assert yearly_amount(2027, index_rate=D("0.02")) == D("3833.08")
    # raised: 4052.64 × 1.0404 = 4052.64 + 163.726656 = 4216.366656 → 4216.37
    assert yearly_amount(2027, raised=True, index_rate="0.02") == D("4216.37")
    # a float rate is read through its decimal text (0.02, not 0.0200000000000000004…)
    assert yearly_amount(2027, index_rate=0.02) == D("3833.08")


def test_r8_index_projection_only_after_the_last_known_amount():
    # The known year itself is never projected: 2025 with 2% is still 3684.24.
    assert yearly_amount(2025, index_rate="0.02") == D("3684.24")
    # R8: "For a year after the last known amount ... optionally projected". 2023 lies between
    # known years: the 2022 amount as is (engine fix: it used to project 3157.32 × 1.02 = 3220.47).
    assert yearly_amount(2023, index_rate="0.02") == D("3157.32")
    assert yearly_amount(2021, index_rate="0.10") == D("3000.00")


def test_r8_default_index_rate_is_the_parameter_0():
    assert load().default_index_rate == 0
    assert yearly_amount(2040) == D("3684.24")
    assert yearly_amount(2040, index_rate=None) == yearly_amount(2040, index_rate="0")


# --- percentages ----------------------------------------------------------------------------

def test_r8_percentages_per_test_year():
    # R8: 2028 25%, 2031 50%, 2034 50%, 2037 100%, 2040 50%.
    assert {y: sanction_percentage(y) for y in (2028, 2031, 2034, 2037, 2040)} == {
        2028: D("0.25"), 2031: D("0.50"), 2034: D("0.50"), 2037: D("1.00"), 2040: D("0.50"),
    }


@pytest.mark.parametrize("year", [2027, 2029, 2030, 2042, 2025])
def test_r8_non_test_year_is_an_error(year):
    with pytest.raises(ValueError):
        sanction_percentage(year)
    with pytest.raises(ValueError):
        yearly_sanction(1, year)
    with pytest.raises(ValueError):
        yearly_sanction(0, year)
    with pytest.raises(ValueError):
        total_sanction(1, year)
    with pytest.raises(ValueError):
        instalment_years(year)


# --- worked examples ------------------------------------------------------------------------

def test_r8_worked_example_10_missing_2031_normal():
    # BSO-RULES R8 worked example: 10 × 3,684.24 × 50% = 18,421.20 per year, 55,263.60 over three years.
    assert yearly_sanction(10, 2031) == D("18421.20")
    assert total_sanction(10, 2031) == D("55263.60")


def test_r8_worked_example_1_missing_2028_raised():
    # BSO-RULES R8 worked example: 4,052.64 × 25% = 1,013.16 per year.
    assert yearly_sanction(1, 2028, raised=True) == D("1013.16")
    assert total_sanction(1, 2028, raised=True) == D("3039.48")  # 3 × 1,013.16


def test_r8_worked_example_7_missing_2037_raised():
    # BSO-RULES R8 worked example: 7 × 4,052.64 × 100% = 28,368.48 per year.
    assert yearly_sanction(7, 2037, raised=True) == D("28368.48")


def test_r8_other_test_years_hand_computed():
    # 2034 normal: 3 × 3,684.24 × 0.5 = 5,526.36; 2040 raised: 2 × 4,052.64 × 0.5 = 4,052.64.
    assert yearly_sanction(3, 2034) == D("5526.36")
    assert yearly_sanction(2, 2040, raised=True) == D("4052.64")
    # an explicit amount year: 2028 test at 2019 amounts: 4 × 3,000 × 0.25 = 3,000.00
    assert yearly_sanction(4, 2028, amount_year=2019) == D("3000.00")


def test_r8_zero_missing_is_zero():
    assert yearly_sanction(0, 2037, raised=True) == D("0.00")
    assert total_sanction(0, 2031) == D("0.00")
    assert str(yearly_sanction(0, 2031)) == "0.00"


@pytest.mark.parametrize("missing", [1.5, -1, -0.5, True, "3"])
def test_r8_fractional_negative_or_non_number_missing_is_an_error(missing):
    with pytest.raises(ValueError):
        yearly_sanction(missing, 2031)
    with pytest.raises(ValueError):
        total_sanction(missing, 2031)


def test_r8_whole_float_missing_is_accepted():
    # 2.0 is a whole number of dwellings: 2 × 3,684.24 × 0.5 = 3,684.24
    assert yearly_sanction(2.0, 2031) == D("3684.24")


# --- rounding: half away from zero, to the cent ---------------------------------------------

@pytest.mark.parametrize(
    "value, expected",
    [("0.005", "0.01"), ("2.675", "2.68"), ("-0.005", "-0.01"), ("-2.675", "-2.68"),
     ("0.004", "0.00"), ("1033.525", "1033.53"), ("2074.525", "2074.53"), ("0.015", "0.02"),
     ("0.025", "0.03"), ("12", "12.00")],
)
def test_r8_round_cents_half_away_from_zero(value, expected):
    # 0.025 → 0.03 and 1033.525 → 1033.53 would be 0.02 / 1033.52 with banker's rounding.
    result = round_cents(D(value))
    assert result == D(expected)
    assert str(result) == expected


def test_r8_sanction_rounding_half_cent_matters():
    # The table amounts are 12 × (whole cents), i.e. a multiple of 12 cents, so × 25% / 50% /
    # 100% never leaves a fraction of a cent. A projected amount can:
    # test 2031, normal, 2% a year from 2025: 1.02⁶ = 1.126162419264;
    # 3684.24 × 1.126162419264 = 4149.0526… → 4149.05; × 0.5 = 2074.525 → 2074.53 (half away
    # from zero; half-even would give 2074.52).
    assert yearly_amount(2031, index_rate="0.02") == D("4149.05")
    assert yearly_sanction(1, 2031, index_rate="0.02") == D("2074.53")
    # raised, test 2028 at the amount of 2027, 1% a year: 4052.64 × 1.0201 = 4134.098064 → 4134.10;
    # × 0.25 = 1033.525 → 1033.53.
    assert yearly_sanction(1, 2028, raised=True, amount_year=2027, index_rate="0.01") == D("1033.53")


def test_r8_sanction_rounded_per_total_not_per_dwelling():
    # test 2028, normal, 2%: 1.02³ = 1.061208; 3684.24 × 1.061208 = 3909.74496192 → 3909.74.
    # 1 missing: 3909.74 × 0.25 = 977.435 → 977.44; 2 missing: 1954.87 exactly — not 2 × 977.44.
    assert yearly_amount(2028, index_rate="0.02") == D("3909.74")
    assert yearly_sanction(1, 2028, index_rate="0.02") == D("977.44")
    assert yearly_sanction(2, 2028, index_rate="0.02") == D("1954.87")


# --- instalments ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "test_year, years",
    [(2028, (2029, 2030, 2031)), (2031, (2032, 2033, 2034)), (2034, (2035, 2036, 2037)),
     (2037, (2038, 2039, 2040)), (2040, (2041, 2042, 2043))],
)
def test_r8_instalment_years_are_the_three_years_after_the_test(test_year, years):
    assert instalment_years(test_year) == years


def test_r8_total_is_three_equal_instalments():
    # 5 × 4,052.64 × 0.5 = 10,131.60 per year → 30,394.80 in three instalments.
    assert yearly_sanction(5, 2034, raised=True) == D("10131.60")
    assert total_sanction(5, 2034, raised=True) == D("30394.80")
