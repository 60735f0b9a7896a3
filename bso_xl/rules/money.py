"""Rounding money exactly as Excel and LibreOffice's ROUND(x; 2) do: half away from zero."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_cents(amount: Decimal) -> Decimal:
    """Round to the cent, half away from zero (Decimal's ROUND_HALF_UP is away from zero)."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
