"""Kinds of cell shared by the input files: counts, decimals, booleans, dates, NIS codes, text.

Numbers written as text have no thousands separators and take a decimal comma or point. A
single ``.`` or ``,`` before exactly three digits is refused: ``2.000`` is two thousand in
Belgium and two elsewhere, and a wrong guess silently changes an objective (R2) or the R9
exemption test. A real XLSX number cell is never ambiguous.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from .cells import Cell, CellKind
from .spec import Column, Invalid, Kind

MAX_COUNT = 1_000_000  # more dwellings than this in one municipality is a typing error
EXPECT_COUNT = "een geheel aantal woningen ≥ 0"
EXPECT_DECIMAL = "een getal ≥ 0, bv. 41,5 (zonder scheidingsteken voor duizendtallen)"
EXPECT_DATE = "een datum dd/mm/jjjj of jjjj-mm-dd, bv. 30/04/2026"
EXPECT_NIS = "een NIS-code van 5 cijfers, bv. 11001"
_PLAIN_NUMBER = re.compile(r"-?[0-9]{1,15}(?:[.,][0-9]{1,15})?")  # no exponents, no thousands separators
# thousands groups with ".", ",", a space, a no-break space or a narrow no-break space
_GROUPED_NUMBER = re.compile(r"(-?)([1-9][0-9]{0,2})((?:[.,\u0020\u00a0\u202f][0-9]{3})+)(?:([.,])([0-9]{1,15}))?")


def _separator_hint(text: str, whole: bool) -> str | None:
    """Why '2.000', '1.000.000' or '1.497,3' is refused, and what to write instead.

    A single '.' or ',' before exactly three digits is ambiguous: '2.000' is two thousand in
    Belgian notation and two in English notation, so bso-xl never guesses.
    """
    match = _GROUPED_NUMBER.fullmatch(text)
    if not match:
        return None
    sign, lead, groups, decimal_mark, decimals = match.groups()
    separators = set(groups[::4])
    if len(separators) > 1 or decimal_mark in separators:
        return None  # '1.000,000.5' is no number at all: "een getal" says so
    digits = sign + lead + re.sub(r"\D", "", groups)
    if decimal_mark is None and len(groups) == 4 and groups[0] in ".,":
        return ("een punt of komma voor drie cijfers is dubbelzinnig: schrijf "
                f"{digits} zonder scheidingsteken{_other_reading(Decimal(f'{sign}{lead}.{groups[1:]}'), whole)}")
    written = digits + ("," + decimals if decimal_mark else "")
    return f"een scheidingsteken voor duizendtallen is niet toegelaten: schrijf {written} zonder scheidingsteken"


def _other_reading(reading: Decimal, whole: bool) -> str:
    """The unambiguous way to write the other reading of '2.000' (two), if it is a valid value."""
    if whole:
        return f" (of {int(reading)} als u {int(reading)} woningen bedoelt)" if reading == reading.to_integral_value() else ""
    short = reading.normalize()
    if short.as_tuple().exponent >= -2:  # 2.000 → 2, 1.500 → 1,5: short enough to be unambiguous
        written = f"{short:f}".replace(".", ",")
        return f" (of {written} als u {written} bedoelt)"
    rounded = f"{reading.quantize(Decimal('0.01'), ROUND_HALF_UP):f}".replace(".", ",")
    return f", of rond af tot {rounded} als u een kommagetal bedoelt"


def _number(cell: Cell, expected: str, not_a_number: str, whole: bool) -> Decimal:
    """A cell's number: an XLSX number as it is, text without thousands separators."""
    if cell.kind is CellKind.NUMBER:
        return cell.number
    if cell.kind is CellKind.DATE:
        raise Invalid(f"{not_a_number} (de cel is een datum: geef ze in Excel de opmaak Getal)")
    if cell.kind is not CellKind.TEXT:
        raise Invalid(not_a_number)
    hint = _separator_hint(cell.text, whole)
    if hint:
        raise Invalid(f"{expected}; {hint}")
    if not _PLAIN_NUMBER.fullmatch(cell.text):
        raise Invalid(not_a_number)
    return Decimal(cell.text.replace(",", "."))


def _count(cell: Cell) -> int:
    """A whole number of dwellings ≥ 0; '12.0' (Excel) is 12, '12.5' and '2.000' are refused."""
    value = _number(cell, EXPECT_COUNT, f"een getal: {EXPECT_COUNT}", whole=True)
    if value < 0:
        raise Invalid(f"{EXPECT_COUNT} (geen negatief getal)")
    if value != value.to_integral_value():
        raise Invalid(f"{EXPECT_COUNT} (geen decimalen: hele woningen)")
    if value > MAX_COUNT:
        raise Invalid(f"{EXPECT_COUNT}, hoogstens {MAX_COUNT}")
    return int(value)


def _decimal(cell: Cell) -> Decimal:
    """A number ≥ 0 with decimals (R9 average permits): '41,5' and '41.5', not '1.497'."""
    value = _number(cell, "een getal ≥ 0", EXPECT_DECIMAL, whole=False)
    if value < 0:
        raise Invalid("een getal ≥ 0 (geen negatief getal)")
    return value


_TRUE = ("1", "1.0", "ja", "true", "waar")
_FALSE = ("0", "0.0", "nee", "false", "onwaar")


def _boolean(cell: Cell) -> bool:
    if cell.kind is CellKind.BOOL:
        return bool(cell.flag)
    key = cell.text.casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise Invalid("1 of 0 (ja of nee)")


def _date(cell: Cell) -> dt.date:
    """dd/mm/jjjj (also with - or .), jjjj-mm-dd, or an Excel date cell, within the parameters' range."""
    from ..parameters import load as parameters

    low, high = parameters().date_min, parameters().date_max
    if cell.kind is CellKind.DATE:
        value = cell.when.date()
    elif cell.kind is CellKind.NUMBER:
        if cell.number == cell.number.to_integral_value() and 1000 <= cell.number <= 9999:
            raise Invalid(f"een datum dd/mm/jjjj, geen jaartal (bv. 01/01/{cell.text})")
        raise Invalid(f"{EXPECT_DATE} (de cel is een getal: geef ze in Excel de opmaak Datum)")
    elif cell.kind is CellKind.TEXT:
        value = _date_text(cell.text)
    else:
        raise Invalid(EXPECT_DATE)
    if not low <= value <= high:
        hint = ""
        if cell.kind is CellKind.DATE and 1900 <= (cell.number or 0) <= 2100:
            hint = f" (Excel las het getal {cell.number} als een datum: een jaartal in een datumcel? typ de volledige datum)"
        raise Invalid(f"een datum tussen {low:%d/%m/%Y} en {high:%d/%m/%Y}{hint}")
    return value


def _date_text(text: str) -> dt.date:
    if re.fullmatch(r"[0-9]{4}", text):
        raise Invalid(f"een datum dd/mm/jjjj, geen jaartal (bv. 01/01/{text})")
    parts = None
    if m := re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?: 00:00:00)?", text):
        parts = (m.group(1), m.group(2), m.group(3))
    elif m := re.fullmatch(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})", text):
        parts = (m.group(3), m.group(2), m.group(1))
    try:
        if parts is not None:
            return dt.date(*map(int, parts))
    except ValueError:
        pass
    raise Invalid(EXPECT_DATE)


def _nis(cell: Cell) -> str:
    """The 5-digit NIS code of one of the 285 Flemish municipalities (2025); 11001.0 from Excel is fine."""
    from ..municipalities import municipalities

    match = re.fullmatch(r"([0-9]{1,5})(?:\.0+)?", cell.text)
    if not match:
        raise Invalid(EXPECT_NIS)
    code = match.group(1).zfill(5)
    if code not in municipalities():
        raise Invalid("de NIS-code van een van de 285 Vlaamse gemeenten (2025)")
    return code


TEXT = Kind("tekst", lambda cell: cell.text)
COUNT = Kind(EXPECT_COUNT, _count)
DECIMAL = Kind(EXPECT_DECIMAL, _decimal)
BOOLEAN = Kind("1 of 0 (ja of nee)", _boolean)
DATE = Kind(EXPECT_DATE, _date)
NIS = Kind(EXPECT_NIS, _nis)
NIS_ALIASES = ("nis_code", "niscode", "nis_gemeente", "refnis")


def nis_column(required: bool = True) -> Column:
    return Column("nis", NIS, required=required, aliases=NIS_ALIASES)

