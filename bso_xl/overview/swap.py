"""The swap simulator (R10): what a user types in the yellow cells, checked twice, side by side.

Each check is written as the Excel formula the sheet *Ruil* (or *Wat-als VVSG*) holds and in
Python (the formula's cached value), as :mod:`bso_xl.workbook.guards` does for the municipal
workbook; the LibreOffice recalculation tests prove they agree. The aggregate — same
werkingsgebied, the sum kept, no BSO below 0 — is decided by the engine
(:func:`bso_xl.rules.validate_swap`), and the new objectives by
:func:`bso_xl.rules.objective_after_swap`; a Python check that disagrees with the engine is a bug
and raises.

A swap row is *blank* (ignored), *valid* (it counts) or has a message. When any row has a
message, no new objective is computed at all: a partial swap would give a wrong total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..rules import Objective, objective_after_swap, validate_swap
from ..rules.project_rows import serial, text_key
from .model import Row

SWAP_ROWS = 10  # swaps typed at once

INCOMPLETE = "onvolledig: vul van, naar en aantal in"
UNKNOWN_FROM = "van: onbekende gemeente (naam uit de lijst of NIS-code)"
UNKNOWN_TO = "naar: onbekende gemeente (naam uit de lijst of NIS-code)"
SAME = "van en naar zijn dezelfde gemeente"
BAD_AMOUNT = "aantal: geef een geheel aantal woningen ≥ 1"
OTHER_AREA = "niet toegelaten: niet hetzelfde werkingsgebied (R10)"
NOT_THIS_WM = "geen gemeente van deze woonmaatschappij"
NO_WM_SIDE = "minstens één gemeente van deze woonmaatschappij"
BELOW_ZERO_FROM = "BSO van 'van' zou {} worden: geen BSO onder 0 (R10)"
BELOW_ZERO_TO = "BSO van 'naar' zou {} worden: geen BSO onder 0 (R10)"
BELOW_ZERO = "onder 0: niet toegelaten (R10)"
NOT_COMPUTED = "n.b."  # a cell the swap does not compute while a row has a message
AREA_NOT_COMPUTED = "niet berekend: ongeldige ruil (zie Status)"
SUM_KEPT = "som blijft gelijk (R10)"
SUM_CHANGED = "FOUT: de som verandert"
WHAT_IF_DIFFERENCE = "verschil door ruil met gemeenten buiten het werkingsgebied (wat-als)"


def q(text: str) -> str:
    """A text as an Excel string literal."""
    return '"' + text.replace('"', '""') + '"'


def _blank(value) -> bool:
    """LEN(TRIM(cell))=0."""
    return text_key(value) == ""


def _is_number(value) -> bool:
    """ISNUMBER as Excel sees it: numbers and dates, not booleans, not text."""
    return isinstance(value, (int, float, Decimal, dt.date)) and not isinstance(value, bool)


def _trim(value) -> str:
    """TRIM(cell) as text (Excel removes spaces at both ends and collapses inner runs)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(part for part in str(value).split(" ") if part)


def _nis_key(value) -> str:
    """IF(ISNUMBER(cell),TEXT(cell,"00000"),TRIM(cell)): a typed NIS code as text."""
    if _is_number(value):
        number = Decimal(str(serial(value) if isinstance(value, dt.date) else value))
        return format(int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP)), "05d")
    return _trim(value)


@dataclass(frozen=True)
class Reference:
    """The municipalities a name or NIS code may name (the sheet *Vlaamse gemeenten*), in order."""

    nis: tuple[str, ...]
    names: tuple[str, ...]
    areas: dict[str, str]  # NIS → werkingsgebied
    bso: dict[str, int]
    name_of: dict[str, str]

    @classmethod
    def of(cls, rows: list[Row]) -> "Reference":
        return cls(
            nis=tuple(r.nis for r in rows), names=tuple(r.name for r in rows),
            areas={r.nis: r.fig.municipality.werkingsgebied for r in rows},
            bso={r.nis: r.objective.bso for r in rows}, name_of={r.nis: r.name for r in rows},
        )

    def resolve(self, typed) -> str:
        """The NIS a typed name (any case, spaces around) or NIS code names; "" when none."""
        if _blank(typed):
            return ""
        key = text_key(typed)
        for nis, name in zip(self.nis, self.names):
            if name.lower() == key:
                return nis
        code = _nis_key(typed)
        return code if code in self.bso else ""


def resolve_formula(cell: str, names: str, codes: str) -> str:
    """The sheet's version of :meth:`Reference.resolve` (MATCH ignores case; an exact check after
    each MATCH keeps its wildcards * and ? from matching another municipality)."""
    by_name = f"MATCH(TRIM({cell}),{names},0)"
    key = f'IF(ISNUMBER({cell}),TEXT({cell},"00000"),TRIM({cell}))'
    by_code = f"MATCH({key},{codes},0)"
    return (f'=IF(LEN(TRIM({cell}))=0,"",IF(ISNUMBER({by_name}),'
            f'IF(EXACT(LOWER(INDEX({names},{by_name})),LOWER(TRIM({cell}))),INDEX({codes},{by_name}),""),'
            f'IF(ISNUMBER({by_code}),IF(INDEX({codes},{by_code})={key},INDEX({codes},{by_code}),""),"")))')


def _number(value) -> float:
    return serial(value) if isinstance(value, dt.date) else float(value)


def _whole_at_least_one(value) -> bool:
    if not _is_number(value):
        return False
    number = _number(value)
    return number >= 1 and number == int(number)


def row_error(typed: tuple, from_nis: str, to_nis: str, ref: Reference, members: set[str], what_if: bool) -> str:
    """The message of one swap row ("" when blank or valid)."""
    van, naar, aantal = typed
    blanks = [_blank(v) for v in typed]
    if all(blanks):
        return ""
    if any(blanks):
        return INCOMPLETE
    if not from_nis:
        return UNKNOWN_FROM
    if not to_nis:
        return UNKNOWN_TO
    if from_nis == to_nis:
        return SAME
    if not _whole_at_least_one(aantal):
        return BAD_AMOUNT
    if what_if:
        return "" if from_nis in members or to_nis in members else NO_WM_SIDE
    if ref.areas[from_nis].lower() != ref.areas[to_nis].lower():
        return OTHER_AREA
    return "" if from_nis in members else NOT_THIS_WM


def row_error_formula(van: str, naar: str, aantal: str, from_nis: str, to_nis: str, from_area: str,
                      to_area: str, members: str, what_if: bool) -> str:
    cells = (van, naar, aantal)
    empty = [f"LEN(TRIM({c}))=0" for c in cells]
    member = f"SUMPRODUCT(({members}={from_nis})*1)"
    if what_if:
        rule = f'IF({member}+SUMPRODUCT(({members}={to_nis})*1)=0,{q(NO_WM_SIDE)},"")'
    else:
        rule = f'IF({from_area}<>{to_area},{q(OTHER_AREA)},IF({member}=0,{q(NOT_THIS_WM)},""))'
    amount = f"IF(NOT(ISNUMBER({aantal})),{q(BAD_AMOUNT)},IF(OR({aantal}<1,{aantal}<>INT({aantal})),{q(BAD_AMOUNT)},{rule}))"
    return (f'=IF(AND({",".join(empty)}),"",IF(OR({",".join(empty)}),{q(INCOMPLETE)},'
            f'IF({from_nis}="",{q(UNKNOWN_FROM)},IF({to_nis}="",{q(UNKNOWN_TO)},'
            f"IF({from_nis}={to_nis},{q(SAME)},{amount})))))")


@dataclass(frozen=True)
class SwapLine:
    typed: tuple  # van, naar, aantal as typed
    from_nis: str
    to_nis: str
    from_area: str
    to_area: str
    error: str
    counted: int  # the dwellings this row moves when it counts, else 0
    from_after: int | None  # BSO of van after every counted swap (None: van unknown)
    to_after: int | None
    below_zero: str  # message, or ""


@dataclass(frozen=True)
class MemberResult:
    """One municipality of the woonmaatschappij before and after the swaps."""

    row: Row
    handed: int
    taken: int
    raw_after: int  # BSO − handed + taken (may be below 0)
    after: Objective | None  # None when the swaps are not valid (then nothing is computed)
    below_zero: str


@dataclass(frozen=True)
class SwapModel:
    what_if: bool
    lines: tuple[SwapLine, ...]
    valid: bool
    counted_swaps: int
    rows_with_message: int
    status: str
    members: tuple[MemberResult, ...]
    engine_errors: tuple[str, ...]  # validate_swap's messages for the aggregate (empty when valid)

    def member(self, nis: str) -> MemberResult:
        return next(m for m in self.members if m.row.nis == nis)


def status_text(valid: bool, counted: int, with_message: int) -> str:
    if not valid:
        return (f"Ongeldige ruil: {with_message} rij(en) met een melding (kolommen Controle). Er worden geen "
                "nieuwe objectieven berekend: een gedeeltelijke ruil zou een verkeerd totaal geven.")
    if counted == 0:
        return "Geen ruil ingevuld: de objectieven blijven zoals ze zijn."
    return f"{counted} ruil(en) geldig: de nieuwe objectieven staan hieronder."


def status_formula(valid: str, counted: str, with_message: str) -> str:
    invalid = ("Ongeldige ruil: ", " rij(en) met een melding (kolommen Controle). Er worden geen nieuwe "
               "objectieven berekend: een gedeeltelijke ruil zou een verkeerd totaal geven.")
    return (f'=IF({valid}=1,IF({counted}=0,{q(status_text(True, 0, 0))},{counted}&{q(" ruil(en) geldig: de nieuwe objectieven staan hieronder.")}),'
            f"{q(invalid[0])}&{with_message}&{q(invalid[1])})")


def simulate(members: list[Row], ref: Reference, typed_rows: list[tuple], what_if: bool) -> SwapModel:
    """Check every typed row, apply the counted ones, and let the engine judge the aggregate."""
    member_nis = {r.nis for r in members}
    typed_rows = [tuple(t) + (None,) * (3 - len(t)) for t in typed_rows][:SWAP_ROWS]
    typed_rows += [(None, None, None)] * (SWAP_ROWS - len(typed_rows))
    first = []
    for typed in typed_rows:
        from_nis, to_nis = ref.resolve(typed[0]), ref.resolve(typed[1])
        error = row_error(typed, from_nis, to_nis, ref, member_nis, what_if)
        counted = int(_number(typed[2])) if (not error and from_nis) else 0
        first.append((typed, from_nis, to_nis, error, counted))
    change: dict[str, int] = {}
    for _, from_nis, to_nis, _, counted in first:
        if counted:
            change[from_nis] = change.get(from_nis, 0) - counted
            change[to_nis] = change.get(to_nis, 0) + counted

    def after(nis: str) -> int | None:
        return None if not nis else ref.bso[nis] + change.get(nis, 0)

    lines = []
    for typed, from_nis, to_nis, error, counted in first:
        below = ""
        if counted:
            if after(from_nis) < 0:
                below = BELOW_ZERO_FROM.format(after(from_nis))
            elif after(to_nis) < 0:
                below = BELOW_ZERO_TO.format(after(to_nis))
        lines.append(SwapLine(typed, from_nis, to_nis, ref.areas.get(from_nis, ""), ref.areas.get(to_nis, ""),
                              error, counted, after(from_nis), after(to_nis), below))
    with_message = sum(1 for line in lines if line.error or line.below_zero)
    valid = with_message == 0
    engine_errors = _engine_check(ref, change, what_if)
    # the rows' checks keep other werkingsgebieden out; what is left for the engine is "below 0"
    if bool(engine_errors) != any(line.below_zero for line in lines):
        raise AssertionError(f"swap check and engine disagree: {[l.below_zero for l in lines]} vs {engine_errors}")
    results = []
    for r in members:
        handed = sum(line.counted for line in lines if line.from_nis == r.nis)
        taken = sum(line.counted for line in lines if line.to_nis == r.nis)
        raw = r.objective.bso - handed + taken
        new = objective_after_swap(r.objective, taken - handed) if valid else None
        results.append(MemberResult(r, handed, taken, raw, new, BELOW_ZERO if raw < 0 else ""))
    counted_swaps = sum(1 for line in lines if line.counted)
    return SwapModel(what_if, tuple(lines), valid, counted_swaps, with_message,
                     status_text(valid, counted_swaps, with_message), tuple(results), engine_errors)


def _engine_check(ref: Reference, change: dict[str, int], what_if: bool) -> tuple[str, ...]:
    """R10 by the engine: per werkingsgebied under current law (a woonmaatschappij may serve two),
    all changes together in the what-if (partners outside the werkingsgebied allowed)."""
    if what_if:
        return validate_swap(ref.bso, ref.areas, change, allow_outside_werkingsgebied=True).errors
    errors: list[str] = []
    for area in sorted({ref.areas[nis] for nis in change}):
        part = {nis: c for nis, c in change.items() if ref.areas[nis] == area}
        errors += validate_swap(ref.bso, ref.areas, part).errors
    return tuple(errors)
