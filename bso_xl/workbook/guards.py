"""What an officer types (or pastes) in the yellow cells of Sanctie and Berekening, and what is used.

Data validation stops wrong typing, not pasting or other tools. So every input is checked again
by its formula, and a value that would give a wrong number is refused: the cell that uses it shows
why instead of a number (a negative or fractional shortfall never yields a sanction). Each guard is
written twice, side by side: as the Excel formula and in Python (the formulas' cached values), so
the LibreOffice recalculation tests prove they agree.

A refused value is never replaced silently by another number: the "gebruikt" cell shows a message,
and every cell computed from it shows :data:`NOT_COMPUTED`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from ..parameters import load
from ..rules.progress import NOT_ASSESSED
from ..rules.project_rows import is_blank, serial, text_key

MAX_SHORTFALL = 1_000_000
REFUSED_SHORTFALL = "eigen invoer ongeldig: geef een geheel aantal woningen ≥ 0"
REFUSED_AMOUNT = "eigen invoer ongeldig: geef een bedrag ≥ 0"
REFUSED_INDEX = "ongeldig: geef een percentage tussen -10% en 20% per jaar"
REFUSED_PERMITS = "eigen invoer ongeldig: geef een aantal ≥ 0"
NOT_COMPUTED = "niet berekend: ongeldige invoer (zie hierboven)"
UNKNOWN_CHOICE = "niet herkend: kies ja of nee (leeg = volgens de lijst); de lijst geldt"
UNKNOWN_ASSESSMENT = "niet herkend: kies nog niet gekend, 2a of 2b; telt als nog niet gekend"


@dataclass(frozen=True)
class Used:
    """The value a guarded input cell leads to (``None`` with a message when refused)."""

    value: object
    message: str = ""

    @property
    def refused(self) -> bool:
        return bool(self.message)


def _number(value) -> float | None:
    """The number Excel sees (ISNUMBER: numbers and dates, not booleans or text)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    number = serial(value) if not isinstance(value, (int, float, Decimal)) else float(value)
    return number if math.isfinite(number) else None


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# --- shortfall override (Sanctie) -------------------------------------------------------------


def shortfall_used(override, from_projects: int) -> Used:
    """Blank: the shortfall from the projects; a whole number 0 … 1,000,000: that; else refused."""
    if is_blank(override):
        return Used(from_projects)
    number = _number(override)
    if number is None or number < 0 or number > MAX_SHORTFALL or number != int(number):
        return Used(None, REFUSED_SHORTFALL)
    return Used(int(number))


def shortfall_used_formula(override: str, from_projects: str) -> str:
    bad = _q(REFUSED_SHORTFALL)
    return (f"=IF(ISBLANK({override}),{from_projects},IF(ISNUMBER({override}),"
            f"IF(AND({override}>=0,{override}<={MAX_SHORTFALL},{override}=INT({override})),{override},{bad}),{bad}))")


# --- amount override (Sanctie) ----------------------------------------------------------------


def amount_used(override, computed) -> Used:
    """Blank: the computed amount (which may itself be refused); a number ≥ 0: that; else refused."""
    if is_blank(override):
        return computed if isinstance(computed, Used) else Used(computed)
    number = _number(override)
    if number is None or number < 0:
        return Used(None, REFUSED_AMOUNT)
    return Used(Decimal(str(number)))


def amount_used_formula(override: str, computed: str) -> str:
    bad = _q(REFUSED_AMOUNT)
    return f"=IF(ISBLANK({override}),{computed},IF(ISNUMBER({override}),IF({override}>=0,{override},{bad}),{bad}))"


# --- index rate (Sanctie) ---------------------------------------------------------------------


def index_rate_used(typed) -> Used:
    """Blank: the default (0%); a number between −10% and +20%: that; else refused (R8 assumption)."""
    p = load()
    if is_blank(typed):
        return Used(p.default_index_rate)
    number = _number(typed)
    if number is None or not (float(p.index_rate_min) <= number <= float(p.index_rate_max)):
        return Used(None, REFUSED_INDEX)
    return Used(Decimal(str(number)))


def index_rate_used_formula(typed: str) -> str:
    bad = _q(REFUSED_INDEX)
    return (f"=IF(ISBLANK({typed}),Indexatie_standaard,IF(ISNUMBER({typed}),"
            f"IF(AND({typed}>=Indexatie_minimum,{typed}<=Indexatie_maximum),{typed},{bad}),{bad}))")


# --- permits (Berekening, R9) -----------------------------------------------------------------


def permits_used(typed, from_source: Decimal | None) -> Used:
    """Blank: the figures file's or the base figures' average (None when unknown); ≥ 0: that."""
    if is_blank(typed):
        return Used(from_source)
    number = _number(typed)
    if number is None or number < 0:
        return Used(None, REFUSED_PERMITS)
    return Used(Decimal(str(number)))


def permits_used_formula(typed: str, from_source: str) -> str:
    bad = _q(REFUSED_PERMITS)
    return f"=IF(ISBLANK({typed}),{from_source},IF(ISNUMBER({typed}),IF({typed}>=0,{typed},{bad}),{bad}))"


# --- raised huurpremie choice (Sanctie) -------------------------------------------------------


def raised_used(choice, listed: bool) -> tuple[bool, str]:
    """ja / nee in any case with spaces; blank or anything else: the list (the latter with a message)."""
    key = text_key(choice)
    if key == "ja":
        return True, ""
    if key == "nee":
        return False, ""
    return listed, "" if is_blank(choice) or key == "" else UNKNOWN_CHOICE


def raised_used_formula(choice: str, listed: str) -> str:
    key = f"LOWER(TRIM({choice}))"
    return f'=IF({key}="ja",1,IF({key}="nee",0,{listed}))'


def raised_message_formula(choice: str) -> str:
    key = f"LOWER(TRIM({choice}))"
    return f'=IF(OR(LEN({key})=0,{key}="ja",{key}="nee"),"",{_q(UNKNOWN_CHOICE)})'


# --- assessment of the plan van aanpak (Sanctie, R7) ------------------------------------------


def assessment_used(typed) -> tuple[str | None, str]:
    """"2a", "2b" or None (not yet known); an unknown text counts as not yet known, with a message."""
    key = text_key(typed)
    if key in ("2a", "2b"):
        return key, ""
    if key in ("", NOT_ASSESSED):
        return None, ""
    return None, UNKNOWN_ASSESSMENT


def assessment_message_formula(typed: str) -> str:
    key = f"LOWER(TRIM({typed}))"
    return (f'=IF(OR(LEN({key})=0,{key}="{NOT_ASSESSED}",{key}="2a",{key}="2b"),"",'
            f"{_q(UNKNOWN_ASSESSMENT)})")


def category_formula(shortfall: str, typed: str) -> str:
    """R7 with the guarded inputs: "—" when the shortfall used is refused."""
    key = f"LOWER(TRIM({typed}))"
    return (f'=IF(ISNUMBER({shortfall}),IF({shortfall}=0,"1",IF({key}="2a","2a",IF({key}="2b","2b","2"))),'
            f'"—")')
