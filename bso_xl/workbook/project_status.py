"""The Projecten table's computed columns, Telt and Status: the Excel formula and the same text in Python.

Both sides implement :func:`bso_xl.rules.project_rows.check_row` (R5). They sit side by side here so
that a change to one is a change to the other; the LibreOffice recalculation tests compare every
Telt and Status cell with :func:`status_text` / ``check_row(...).adds``.

Formulas address the row's own cells as ``Projecten[[#This Row],[Woningen]]``: the same text on
every row (sorting or inserting rows keeps them right, and a table that grows in Excel fills
them in as a calculated column). Dates become text with DAY/MONTH/YEAR, never with TEXT(), whose
format codes depend on the language of Excel ("jjjj" in Dutch).
"""

from __future__ import annotations

from ..parameters import ProjectType, load
from ..rules import Level
from ..rules.project_rows import Blocked, DateProblem, RowCheck, check_row, text_key

TABLE = "Projecten"
# Column headers in table order. Inputs first (Project … Oplevering), then the two computed
# columns, then the notes, so that the printed page (Project … Status) holds what counts.
INPUTS_BEFORE = ("Project", "Locatie", "Type", "Huur/koop", "Woningen", "Gesloopt", "MJP", "KTP", "Start",
                 "Oplevering")
COMPUTED = ("Telt", "Status")
INPUTS_AFTER = ("Opmerking", "Bron")
# Hidden helper columns (computed once per row, so Telt and Status stay within Excel's 8,192
# characters per formula): the Type's and Huur/koop's position in the Parameters tables.
HELPERS = ("Typenr", "Huurnr")
COLUMNS = INPUTS_BEFORE + COMPUTED + INPUTS_AFTER + HELPERS
DATE_HEADERS = ("MJP", "KTP", "Start", "Oplevering")  # Level order
KEY = {"Project": "project", "Locatie": "locatie", "Type": "type", "Huur/koop": "huur_koop",
       "Woningen": "woningen", "Gesloopt": "gesloopt", "MJP": "mjp", "KTP": "ktp", "Start": "start",
       "Oplevering": "oplevering", "Opmerking": "opmerking", "Bron": "bron"}
PHRASE = {Level.MJP: "als MJP", Level.KTP: "als KTP", Level.UITVOERING: "in uitvoering",
          Level.GEREALISEERD: "gerealiseerd"}
FLAG = "let op: "  # every flagged status starts with this; Projecten_problemen counts them

# Short enough for the printed Status column (about 50 characters); a flagged row's count is in
# its Telt column, as far as it can be counted (R5).
MSG_DWELLINGS = FLAG + "Woningen geen geheel getal — telt niet"
MSG_DEMOLISHED = FLAG + "Gesloopt geen geheel getal — telt niet"
MSG_TYPE = FLAG + "onbekend Type — telt niet"
MSG_TENURE = FLAG + "Huur/koop onbekend — telt niet"
MSG_NOT_RENTAL = " telt niet (enkel huur, R5)"
MSG_DEMOLISHED_MISSING = FLAG + "vul Gesloopt in — telt nog niet"
MSG_ADDS_NOTHING = " voegt niets toe (R5)"
MSG_NO_DATE = FLAG + "geen datum — telt nog niet"
MSG_ORDER = FLAG + "datums niet in volgorde"
MSG_MORE_DEMOLISHED = FLAG + "meer gesloopt dan gebouwd"
MSG_TEXT_DATE = " is tekst, geen datum"
MSG_INVALID_DATE = " is geen datum (jaartal?)"
NOT_YET = "nog niet (geen geldige datum)"


# --- Python: what the computed columns show ----------------------------------------------------


def type_spellings() -> list[tuple[str, ProjectType]]:
    """Every accepted Type spelling in the order of the Parameters table (its position is Typenr)."""
    return [(spelling, kind) for kind in load().project_types for spelling in kind.spellings]


def type_position(value) -> int:
    key = text_key(value) or load().default_project_type
    return next((i for i, (spelling, _) in enumerate(type_spellings(), start=1) if spelling == key), 0)


def tenure_position(value) -> int:
    key = text_key(value) or load().default_tenure
    return next((i for i, kind in enumerate(load().tenures, start=1) if kind.name == key), 0)


def computed_values(row: dict) -> dict[str, object]:
    """The engine's value of every computed column of a row (the formulas' cached results)."""
    check = check_row(row)
    return {"Telt": check.adds, "Status": status_text(check), "Typenr": type_position(row.get("type")),
            "Huurnr": tenure_position(row.get("huur_koop"))}


def _dwellings(n: int) -> str:
    return f"{n} {'woning' if abs(n) == 1 else 'woningen'}"


def _phrase(check: RowCheck) -> str:
    """'als KTP vanaf 01/03/2028': the latest phase with a valid date."""
    if check.highest is None:
        return NOT_YET
    level, day = check.highest
    return f"{PHRASE[level]} vanaf {day:%d/%m/%Y}"


def _header(column: str | None) -> str:
    return next(h for h, k in KEY.items() if k == column)


def status_text(check: RowCheck) -> str:
    """What the Status cell of a row shows (R5): what it adds and from when, or what is wrong."""
    if check.empty:
        return ""
    blocked = {
        Blocked.DWELLINGS: MSG_DWELLINGS,
        Blocked.DEMOLISHED: MSG_DEMOLISHED,
        Blocked.TYPE: MSG_TYPE,
        Blocked.TENURE: MSG_TENURE,
    }
    if check.blocked in blocked:
        return blocked[check.blocked]
    if check.blocked is Blocked.NOT_RENTAL:
        return f"{FLAG}{check.tenure.name}{MSG_NOT_RENTAL}"
    if check.blocked is Blocked.DEMOLISHED_MISSING:
        return MSG_DEMOLISHED_MISSING
    if check.blocked is Blocked.ADDS_NOTHING:
        return f"{check.kind.name}{MSG_ADDS_NOTHING}"
    if check.date_problem is DateProblem.TEXT:
        return f"{FLAG}{_header(check.date_column)}{MSG_TEXT_DATE}"
    if check.date_problem is DateProblem.INVALID:
        return f"{FLAG}{_header(check.date_column)}{MSG_INVALID_DATE}"
    if check.date_problem is DateProblem.NONE:
        return MSG_NO_DATE
    if check.date_problem is DateProblem.ORDER:
        return MSG_ORDER
    if check.demolished_more:
        return MSG_MORE_DEMOLISHED
    return f"telt {_dwellings(check.adds)} {_phrase(check)}"


# --- Excel: the same as formulas ----------------------------------------------------------------


def cell(column: str) -> str:
    """This row's cell of a column (structured reference)."""
    return f"{TABLE}[[#This Row],[{column}]]"


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _is_whole(ref: str, maximum: str) -> str:
    # IF first: comparisons and INT on text would be errors inside AND (it does not short-circuit).
    return f"IF(ISNUMBER({ref}),AND({ref}>=0,{ref}<={maximum},{ref}=INT({ref})),FALSE)"


def _valid_date(ref: str) -> str:
    return f"IF(ISNUMBER({ref}),AND({ref}>=Datum_min,{ref}<=Datum_max),FALSE)"


def _text_date(ref: str) -> str:
    return f"AND(NOT(ISBLANK({ref})),NOT(ISNUMBER({ref})))"


def _invalid_date(ref: str) -> str:
    return f"IF(ISNUMBER({ref}),OR({ref}<Datum_min,{ref}>Datum_max),FALSE)"


def _day_text(ref: str) -> str:
    return f'RIGHT("0"&DAY({ref}),2)&"/"&RIGHT("0"&MONTH({ref}),2)&"/"&YEAR({ref})'


def type_position_formula() -> str:
    """Typenr: position of the Type among the accepted spellings (Parameters); 0 when unknown.

    Compared with "=" inside SUMPRODUCT rather than MATCH: MATCH treats * and ? as wildcards."""
    t = cell("Type")
    return (f"=IF(LEN(TRIM({t}))=0,Projecttype_standaard,"
            f"SUMPRODUCT((LOWER(TRIM({t}))=Projecttype_spelling)*Projecttype_positie))")


def tenure_position_formula() -> str:
    """Huurnr: position of Huur/koop among huur, koop, kavel (Parameters); 0 when unknown."""
    h = cell("Huur/koop")
    return (f"=IF(LEN(TRIM({h}))=0,Huurkoop_standaard,"
            f"SUMPRODUCT((LOWER(TRIM({h}))=Huurkoop_naam)*Huurkoop_positie))")


def _empty() -> str:
    return (f"COUNTA({TABLE}[[#This Row],[{INPUTS_BEFORE[0]}]:[{INPUTS_BEFORE[-1]}]],"
            f"{TABLE}[[#This Row],[{INPUTS_AFTER[0]}]:[{INPUTS_AFTER[-1]}]])=0")


def _blocked_conditions() -> list[tuple[str, str]]:
    """(condition, status) for every reason a row adds nothing, in check_row's order."""
    w, g = cell("Woningen"), cell("Gesloopt")
    typ, ten = cell("Typenr"), cell("Huurnr")
    return [
        (f"NOT({_is_whole(w, 'Max_woningen')})", _q(MSG_DWELLINGS)),
        (f"NOT(OR(ISBLANK({g}),{_is_whole(g, 'Max_woningen')}))", _q(MSG_DEMOLISHED)),
        (f"{typ}=0", _q(MSG_TYPE)),
        (f"{ten}=0", _q(MSG_TENURE)),
        (f"INDEX(Huurkoop_telt,{ten})=0", f'{_q(FLAG)}&INDEX(Huurkoop_naam,{ten})&{_q(MSG_NOT_RENTAL)}'),
        (f"AND(INDEX(Projecttype_verplicht,{typ})=1,ISBLANK({g}))", _q(MSG_DEMOLISHED_MISSING)),
        (f"AND(INDEX(Projecttype_woningen,{typ})=0,INDEX(Projecttype_gesloopt,{typ})=0)",
         f'INDEX(Projecttype_naam,{typ})&{_q(MSG_ADDS_NOTHING)}'),
    ]


def telt_formula() -> str:
    """Telt (R5): what the row adds when it reaches a phase: 0 when it cannot count, else
    tenure factor × (type's dwellings factor × Woningen − type's demolished factor × Gesloopt).

    Nested IFs, not OR(): IF evaluates only the branch it takes, so INDEX(…, 0) of an unknown type
    is never evaluated (it would be an error or another row's value)."""
    w, g = cell("Woningen"), cell("Gesloopt")
    typ, ten = cell("Typenr"), cell("Huurnr")
    formula = (f"INDEX(Huurkoop_telt,{ten})*(INDEX(Projecttype_woningen,{typ})*{w}"
               f"-INDEX(Projecttype_gesloopt,{typ})*N({g}))")
    for condition, _ in reversed([(_empty(), None), *_blocked_conditions()[:6]]):
        formula = f"IF({condition},0,{formula})"
    return "=" + formula


def _phrase_formula() -> str:
    """'als KTP vanaf 01/03/2028': the latest phase with a valid date."""
    phrase = _q(NOT_YET)
    for level, header in zip(Level, DATE_HEADERS):  # from MJP up: the outermost IF is the latest phase
        ref = cell(header)
        phrase = f'IF({_valid_date(ref)},{_q(PHRASE[level] + " vanaf ")}&{_day_text(ref)},{phrase})'
    return phrase


def _first_column(condition, message: str) -> str:
    """Message naming the first date column for which ``condition(ref)`` holds."""
    text = _q(DATE_HEADERS[-1])
    for header in reversed(DATE_HEADERS[:-1]):
        text = f"IF({condition(cell(header))},{_q(header)},{text})"
    return f'{_q(FLAG)}&{text}&{_q(message)}'


def _out_of_order() -> str:
    """A valid date before the latest valid date of an earlier phase."""
    dates = [cell(h) for h in DATE_HEADERS]
    valued = [f"IF({_valid_date(d)},{d},0)" for d in dates]
    checks = [f"AND({_valid_date(dates[j])},{dates[j]}<MAX({','.join(valued[:j])}))" for j in range(1, 4)]
    return "OR(" + ",".join(checks) + ")"


def status_formula() -> str:
    """Status (R5): the Dutch sentence :func:`status_text` gives, as one nested IF."""
    dates = [cell(h) for h in DATE_HEADERS]
    phrase, telt = _phrase_formula(), cell("Telt")
    any_text = "OR(" + ",".join(_text_date(d) for d in dates) + ")"
    any_invalid = "OR(" + ",".join(_invalid_date(d) for d in dates) + ")"
    none_valid = "NOT(OR(" + ",".join(_valid_date(d) for d in dates) + "))"
    w, g = cell("Woningen"), cell("Gesloopt")
    demolished_more = f"AND(N({g})>{w},INDEX(Projecttype_verplicht,{cell('Typenr')})=0)"
    counted = (f'"telt "&{telt}&IF(ABS({telt})=1," woning "," woningen ")&{phrase}')
    branches = [(_empty(), '""'), *_blocked_conditions(),
                (any_text, _first_column(_text_date, MSG_TEXT_DATE)),
                (any_invalid, _first_column(_invalid_date, MSG_INVALID_DATE)),
                (none_valid, _q(MSG_NO_DATE)),
                (_out_of_order(), _q(MSG_ORDER)),
                (demolished_more, _q(MSG_MORE_DEMOLISHED))]
    formula = counted
    for condition, result in reversed(branches):
        formula = f"IF({condition},{result},{formula})"
    return "=" + formula


def problems_formula() -> str:
    """Projecten_problemen: flagged rows, plus filled rows whose Telt formula is missing (a row added
    to the table by a tool that does not copy calculated columns: it would not be counted)."""
    return (f'=COUNTIF({TABLE}[Status],"{FLAG}*")'
            f"+SUMPRODUCT((LEN({TABLE}[Woningen])>0)*(ISNUMBER({TABLE}[Telt])=FALSE))")
