"""R8: the sanction for categorie 2b, in euro, from the huurpremie maxima."""

from __future__ import annotations

from decimal import Decimal

from ..parameters import load
from .money import round_cents


def known_amount_year(year: int) -> int:
    """R8: the latest year with a known huurpremie amount at or before ``year``."""
    known = [y for y in load().huurpremie if y <= year]
    if not known:
        raise ValueError(f"geen huurpremiebedrag gekend vóór of in {year} (eerste: {min(load().huurpremie)})")
    return max(known)


def amount_parts(year: int, raised: bool = False,
                 index_rate: Decimal | float | str | None = None) -> tuple[int, Decimal, Decimal]:
    """R8: (known year, index factor, amount) for ``year``: the amount is
    round(12 × (maximum base + 4 × increase per dependant) of the known year × factor, 2).

    For a year after the last known amount, the last known amount is projected with the assumed
    yearly index rate: factor = (1 + rate)^(year − known year); otherwise the factor is 1.
    """
    p = load()
    rate = p.default_index_rate if index_rate is None else Decimal(str(index_rate))
    known_year = known_amount_year(year)
    m = p.huurpremie[known_year]
    base, per = (m.raised_base, m.raised_per_dependant) if raised else (m.normal_base, m.normal_per_dependant)
    amount = p.months * (base + p.dependants * per)
    # R8: only "a year after the last known amount" is projected with the assumed index rate;
    # a year between two known years (e.g. 2023) uses the amount of the year before it as is.
    years_projected = year - known_year if known_year == max(p.huurpremie) else 0
    factor = (1 + rate) ** years_projected
    return known_year, factor, round_cents(amount * factor)


def yearly_amount(year: int, raised: bool = False, index_rate: Decimal | float | str | None = None) -> Decimal:
    """R8: 12 × (maximum base + 4 × increase per dependant) for ``year``, to the cent (see amount_parts)."""
    return amount_parts(year, raised, index_rate)[2]


def sanction_percentage(test_year: int) -> Decimal:
    """R8: the test-year percentage (25%, 50%, 50%, 100%, 50%); another year is an error."""
    percentages = load().sanction_percentages
    if test_year not in percentages:
        years = ", ".join(str(y) for y in percentages)
        raise ValueError(f"{test_year} is geen toetsjaar; toetsjaren zijn {years}")
    return percentages[test_year]


def _check_missing(missing: int) -> None:
    if isinstance(missing, bool) or int(missing) != missing or missing < 0:
        raise ValueError(f"ontbrekende woningen moeten een geheel getal ≥ 0 zijn, niet {missing!r}")


def sanction_for(missing: int, amount: Decimal, test_year: int) -> Decimal:
    """R8: missing × yearly amount per dwelling × test-year percentage, to the cent (one instalment)."""
    _check_missing(missing)
    return round_cents(int(missing) * Decimal(amount) * sanction_percentage(test_year))


def yearly_sanction(
    missing: int,
    test_year: int,
    raised: bool = False,
    amount_year: int | None = None,
    index_rate: Decimal | float | str | None = None,
) -> Decimal:
    """R8: missing × yearly amount × test-year percentage, to the cent (one instalment)."""
    _check_missing(missing)
    sanction_percentage(test_year)  # a year that is not a test year is an error first
    amount = yearly_amount(test_year if amount_year is None else amount_year, raised, index_rate)
    return sanction_for(missing, amount, test_year)


def over_instalments(sanction_per_year: Decimal) -> Decimal:
    """R8: the instalments together (three equal instalments at the amount of the test year)."""
    return load().instalments * sanction_per_year


def total_sanction(
    missing: int,
    test_year: int,
    raised: bool = False,
    amount_year: int | None = None,
    index_rate: Decimal | float | str | None = None,
) -> Decimal:
    """R8: the three equal instalments together."""
    return over_instalments(yearly_sanction(missing, test_year, raised, amount_year, index_rate))


def instalment_years(test_year: int) -> tuple[int, ...]:
    """R8 interpretation: the instalments fall in the years right after the test."""
    sanction_percentage(test_year)
    p = load()
    first = test_year + p.first_instalment_after
    return tuple(range(first, first + p.instalments))
