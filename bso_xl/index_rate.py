"""R8: the assumed yearly index rate of the huurpremie, read the same way wherever it is set.

One parser for every place an officer or IT sets the rate: the environment variable
BSO_XL_INDEXATIE (classic add-in), ``INDEX_RATE`` at the bottom of xlwings Lite's main.py, and
the workbook's Indexatie cell when workbooks are read back. Only the standard library and a
relative import, so :mod:`bso_xl.lite` can paste it into main.py.

Accepted: a number (``0.02``, ``0,02``, ``-0.01``, ``2e-2``, a float, int or Decimal) or a
percentage (``2%``, ``2 %``, ``2,5%``), spaces around allowed. Refused, with a one-line Dutch
message: anything else, anything not finite, and anything outside the range in sanctie.yaml
(indexatie_minimum … indexatie_maximum, both included). So ``2`` is never a silent 200% a year:
it is refused with "bedoelt u 2%?".
"""

from __future__ import annotations

import re
from decimal import Decimal

from .parameters import load

# One optional sign, digits with at most one decimal separator ("." or ","), an optional short
# exponent, an optional "%". No thousands separators: "1.000,5" is refused, not guessed.
_RATE_TEXT = re.compile(
    r"(?P<number>[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]{1,3})?)\s*(?P<percent>%?)")
_HUNDRED = Decimal(100)


def _comma_percent(rate: Decimal) -> str:
    """0.025 → "2,5%" (Belgian decimal comma)."""
    return f"{(rate * _HUNDRED).normalize():f}".replace(".", ",") + "%"


def _comma_fraction(rate: Decimal) -> str:
    """0.025 → "0,025"."""
    return f"{rate.normalize():f}".replace(".", ",")


def _rate_of(value) -> tuple[Decimal | None, bool]:
    """The number the value stands for (a percentage already divided by 100), or None; and
    whether it was written as a percentage."""
    if isinstance(value, bool):  # True is not a rate (bool is an int subclass)
        return None, False
    if isinstance(value, (int, float)):
        return Decimal(str(value)), False
    if isinstance(value, Decimal):
        return value, False
    if not isinstance(value, str):
        return None, False
    match = _RATE_TEXT.fullmatch(value.strip().replace("\u2212", "-"))  # U+2212: typographic minus
    if match is None:
        return None, False
    number = Decimal(match["number"].replace(",", "."))
    return (number / _HUNDRED, True) if match["percent"] else (number, False)


def parse_index_rate(value) -> Decimal:
    """The yearly index rate as a Decimal fraction (0.02 for 2%), or a ValueError saying why not.

    The message is one line, in Dutch, and names the value as given, e.g.
    ``indexatie 'abc': verwacht een getal zoals 0,02 of 2% (tussen -10% en 20% per jaar)``.
    An empty value is refused too: callers decide what "not set" means (the default, 0%).
    """
    p = load()
    low, high = p.index_rate_min, p.index_rate_max
    shown = "" if value is None else str(value).strip()
    message = (f"indexatie '{shown}': verwacht een getal zoals 0,02 of 2% "
               f"(tussen {_comma_percent(low)} en {_comma_percent(high)} per jaar)")
    rate, as_percentage = _rate_of(value)
    if rate is None or not rate.is_finite():
        raise ValueError(message)
    if low <= rate <= high:
        return rate
    # Out of range. A percentage typed without "%" (2 for 2%) is the likely slip: say so. Not
    # for 0.3 (a fraction, 30%, just too high) nor for "200%" (the "%" was written).
    meant = rate / _HUNDRED
    if not as_percentage and abs(rate) >= 1 and low <= meant <= high:
        message += f"; bedoelt u {_comma_percent(meant)}? schrijf {_comma_fraction(meant)} of {_comma_percent(meant)}"
    raise ValueError(message)
