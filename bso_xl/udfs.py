"""Excel-functies (xlwings) voor het BSO: dunne adapters over de rekenregels, geen regellogica.

Every function here only converts Excel cells to engine arguments, calls one engine rule and
converts the answer back. The same module serves three runtimes:

- classic xlwings (Windows Excel with a local Python: UDF Modules = ``bso_xl.udfs``);
- xlwings Lite / Server (Office.js custom functions), also through ``bso-xl lite``, which
  pastes this file's source into a self-contained ``main.py`` (see :mod:`bso_xl.lite`);
- plain Python (on other platforms the decorators attach nothing).

Conventions, the same for every function:

- Every argument may be a single cell or a range. Ranges broadcast as in Excel's own array
  formulas: a 1-row or 1-column argument is repeated along the other axis; any other shape
  mismatch gives ``#VALUE!``. The result has the broadcast shape and spills.
- Bad input gives an Excel error value for that cell, never a number: ``#VALUE!`` for a wrong
  value (text instead of a number, 12.5 or −1 dwellings, not a test year, unknown level or
  field), ``#N/A`` for an unknown NIS code. An error cell in the input is passed on as is.
  The one place a negative count is allowed: the net phase counts of BSO_SHORTFALL (R5).
- Classic Excel sends numbers as floats: 12.0 counts as 12, 12.5 is rejected.
- An empty cell counts as 0 only for the four phase counts (BSO_SHORTFALL) and the two
  deductions (BSO_OBJECTIVE); an empty optional argument takes its default; everywhere else
  an empty cell is ``#VALUE!``.
- Nothing Excel can send raises (issue 9): a year outside 2000–2100 or a count beyond
  10,000,000 dwellings is ``#VALUE!`` (so 1E23 is an error, not an arithmetic failure), and a
  cell the engine still cannot answer is an error in that cell only, never in its neighbours.
- The index-rate setting (INDEX_RATE, BSO_XL_INDEXATIE) is read with
  :func:`bso_xl.index_rate.parse_index_rate`. A bad one is reported in one line when the module
  loads and makes the three money functions answer ``#VALUE!`` (with the message, where the
  runtime shows text); the module still loads, so the other functions keep working.
"""

from __future__ import annotations

import math
import os
import sys
from decimal import Decimal
from fractions import Fraction

import xlwings as xw

from .index_rate import parse_index_rate
from .municipalities import municipality
from .rules.exemption import exemption_test
from .rules.growth_path import combined_requirement
from .rules.objective import Components, objective, split_interim
from .rules.phases import Level
from .rules.progress import category, shortfall
from .rules.sanction import sanction_percentage, total_sanction, yearly_amount, yearly_sanction

VALUE = "#VALUE!"
NOT_AVAILABLE = "#N/A"
# Error cells xlwings writes back as real errors; an input error outside this set becomes #VALUE!.
_PASSED_ON_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})


# Sane bounds for a cell (issue 9): far beyond any real BSO figure, well inside what Decimal and
# float arithmetic handle exactly. A typo such as 1E23 dwellings or 1E300 as a year is #VALUE!.
YEARS = range(2000, 2101)
MAX_DWELLINGS = 10_000_000

#: Veronderstelde jaarlijkse indexatie (R8) voor jaren na het laatst gekende huurpremiebedrag,
#: zoals ingesteld: 0,02, "0,02", "2%" (zie bso_xl.index_rate). None = de parameter uit
#: sanctie.yaml (0%). Komt uit de omgevingsvariabele BSO_XL_INDEXATIE; in xlwings Lite staat de
#: regel onderaan main.py. Gelezen bij elke oproep, zodat een wijziging meteen geldt.
INDEX_RATE = os.environ.get("BSO_XL_INDEXATIE") or None


# --- reading one cell -------------------------------------------------------------------------


class CellError(Exception):
    """This cell's answer is an Excel error value; ``code`` is the text xlwings turns into it.

    ``message`` (a bad setting) is added to the answer where errors are text anyway: the classic
    add-in shows "#VALUE! indexatie '2': …". Office.js (Lite, Server) needs the bare code to show
    a real error cell; there the message went to the log when the module loaded.
    """

    def __init__(self, code: str = VALUE, message: str | None = None):
        super().__init__(code)
        self.code = code
        self.message = message

    @property
    def answer(self) -> str:
        if self.message and not getattr(xw, "on_server", False):
            return f"{self.code} {self.message}"
        return self.code


def _pass_on_error(value) -> None:
    """An error cell in the input (read as its text, see excel_function) is the answer too."""
    if isinstance(value, str) and value.startswith("#") and value.upper() in _PASSED_ON_ERRORS:
        raise CellError(value.upper())


def _whole(value) -> int:
    """A whole number; 12.0 (classic Excel) is 12. Booleans are not numbers here."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise CellError(VALUE)


def _bounded(number: int, low: int, high: int) -> int:
    if not low <= number <= high:
        raise CellError(VALUE)
    return number


def to_dwellings(value) -> int:
    """A number of dwellings: whole, 0 … MAX_DWELLINGS; empty is an error."""
    _pass_on_error(value)
    return _bounded(_whole(value), 0, MAX_DWELLINGS)


def to_dwellings_or_zero(value) -> int:
    """As :func:`to_dwellings`, but an empty cell counts as 0 (the deductions of R2)."""
    return 0 if value is None else to_dwellings(value)


def to_net_count(value) -> int:
    """A net phase count (R5): whole, empty is 0, and negative is allowed, since dwellings
    demolished for a rebuild are subtracted (a rebuild can be net negative in its phase)."""
    if value is None:
        return 0
    _pass_on_error(value)
    return _bounded(_whole(value), -MAX_DWELLINGS, MAX_DWELLINGS)


def to_year(value) -> int:
    """A year, whole, in YEARS; whether it is a test year is the engine's check."""
    _pass_on_error(value)
    return _bounded(_whole(value), YEARS.start, YEARS.stop - 1)


def to_optional_year(value) -> int | None:
    """A year, or None when empty (the rule's default applies)."""
    return None if value is None else to_year(value)


def to_flag(value) -> bool:
    """TRUE/FALSE, or 1/0; empty is FALSE."""
    _pass_on_error(value)
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    raise CellError(VALUE)


def to_number(value) -> Decimal:
    """A number 0 … MAX_DWELLINGS, fractions allowed (an average); empty is an error."""
    _pass_on_error(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CellError(VALUE)
    if not math.isfinite(value) or not 0 <= value <= MAX_DWELLINGS:
        raise CellError(VALUE)
    return Decimal(str(value))


def to_text(value) -> str:
    """Text, stripped; empty (or a number) is an error."""
    _pass_on_error(value)
    if not isinstance(value, str) or not value.strip():
        raise CellError(VALUE)
    return value.strip()


def to_optional_text(value) -> str | None:
    """Text, or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return to_text(value)


def to_nis(value) -> str:
    """A NIS code, as text ("11001") or as a whole number (11001 or 11001.0)."""
    _pass_on_error(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return str(_whole(value))


def to_index_rate(value) -> Decimal | None:
    """The INDEX_RATE setting (R8): None or blank is the parameter's default; anything
    parse_index_rate refuses makes every money answer #VALUE!, with its message."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_index_rate(value)
    except ValueError as error:
        raise CellError(VALUE, str(error)) from None


def _index_rate_argument() -> tuple:
    """The setting as one more (scalar) spill argument, read at call time: parsed once per call,
    and a bad setting becomes the error of every cell of the answer. A list is never a setting."""
    setting = INDEX_RATE if not isinstance(INDEX_RATE, (list, tuple)) else repr(INDEX_RATE)
    return (setting, to_index_rate)


def report_settings(source: str = "BSO_XL_INDEXATIE") -> str | None:
    """One line on stderr when the index-rate setting is bad (Lite's console, the server's log);
    never raises, so a typo in a setting cannot hide every function. Returns the line."""
    try:
        to_index_rate(INDEX_RATE)
    except CellError as error:
        line = (f"bso-xl: instelling {source} ongeldig: {error.message}; BSO_SANCTION, "
                "BSO_SANCTION_TOTAL en BSO_AMOUNT geven #WAARDE! tot ze verbeterd is")
        print(line, file=sys.stderr)
        return line
    return None


# --- applying a rule over ranges --------------------------------------------------------------


def _grid(value) -> list[list]:
    """Any argument as a rectangular 2-D list: a scalar is 1×1, a flat list is one row."""
    if not isinstance(value, (list, tuple)):
        return [[value]]
    nested = [isinstance(row, (list, tuple)) for row in value]
    if all(nested):
        rows = [list(row) for row in value]
    elif any(nested):
        raise CellError(VALUE)
    else:
        rows = [list(value)]
    if not rows or not rows[0] or any(len(row) != len(rows[0]) for row in rows):
        raise CellError(VALUE)
    return rows


def _broadcast_shape(grids: list[list[list]]) -> tuple[int, int]:
    """Excel's rule: every argument has 1 row or the common number of rows; same for columns."""
    rows = {len(g) for g in grids} - {1}
    cols = {len(g[0]) for g in grids} - {1}
    if len(rows) > 1 or len(cols) > 1:
        raise CellError(VALUE)
    return (rows.pop() if rows else 1, cols.pop() if cols else 1)


def _parse(grid: list[list], parse) -> list[list]:
    """Parse every cell once; a bad cell holds its CellError instead of a value."""
    parsed = []
    for row in grid:
        out = []
        for value in row:
            try:
                out.append(parse(value))
            except CellError as error:
                out.append(error)
        parsed.append(out)
    return parsed


def _to_excel(result):
    """Engine types to what Excel shows: Decimal (money) and Fraction (requirements) as floats."""
    if isinstance(result, (Decimal, Fraction)):
        return float(result)
    return result


def _answer(rule, values: tuple):
    """One cell: the rule's answer, or the error code of the first bad argument."""
    for value in values:
        if isinstance(value, CellError):
            return value.answer
    try:
        return _to_excel(rule(*values))
    except CellError as error:
        return error.answer
    except KeyError:  # the engine's "not found" (unknown NIS code)
        return NOT_AVAILABLE
    except ValueError:  # the engine's "not allowed" (not a test year, unknown level, …)
        return VALUE
    except ArithmeticError:  # overflow the bounds above should make impossible: still no number
        return "#NUM!"
    except Exception:  # noqa: BLE001 - an exception would turn the whole spilled range into
        return VALUE  # one #VALUE!; this cell alone is the error


def _expand(grid: list[list], rows: int, cols: int) -> list[list]:
    """Broadcast a parsed grid to rows × cols (a 1-row/1-column grid is repeated)."""
    if len(grid[0]) == 1 and cols > 1:
        grid = [row * cols for row in grid]
    return grid * rows if len(grid) == 1 and rows > 1 else grid


def spill(rule, *arguments, width: int = 1):
    """Apply ``rule`` cell by cell over the broadcast ``(value, parser)`` arguments.

    Returns a scalar when every argument is a scalar (plain Python; ``width`` 1), else a 2-D
    list, which spills (xlwings passes even a single cell as a 1×1 list). With ``width`` > 1
    the rule returns that many values per cell, written side by side (BSO_SPLIT); an error
    then fills all of them.
    """
    try:
        grids = [_grid(value) for value, _ in arguments]
        rows, cols = _broadcast_shape(grids)
    except CellError as error:
        return error.answer
    full = [_expand(_parse(grid, parse), rows, cols) for grid, (_, parse) in zip(grids, arguments)]
    # Engine rules are pure, so equal arguments within one call are computed once: a range
    # often repeats them (the same test year, the same status).
    memo: dict = {}
    result = []
    for i in range(rows):
        out = []
        for values in zip(*(f[i] for f in full)):
            if values not in memo:
                memo[values] = _answer(rule, values)
            answer = memo[values]
            if width == 1:
                out.append(answer)
            else:
                out.extend(answer if isinstance(answer, tuple) else (answer,) * width)
        result.append(out)
    if width == 1 and not any(isinstance(value, (list, tuple)) for value, _ in arguments):
        return result[0][0]
    return result


#: The names of the Excel functions below, in order (what xlwings Server imports, bso_xl.server).
EXCEL_FUNCTIONS: list[str] = []


def excel_function(**argument_docs: str):
    """``@xw.func`` with every argument read as a 2-D block and error cells as text.

    ``ndim=2`` keeps a range's shape (a column stays a column); ``err_to_str`` makes an input
    #N/A arrive as "#N/A", which is passed on, instead of as None, which would read as an empty
    cell (and count as 0). The docstring becomes the Excel description, on one line.
    """

    def decorate(function):
        function.__doc__ = " ".join((function.__doc__ or "").split())
        for name, doc in argument_docs.items():
            function = xw.arg(name, ndim=2, err_to_str=True, doc=doc)(function)
        EXCEL_FUNCTIONS.append(function.__name__)
        return xw.func(function)

    return decorate


# --- the functions ------------------------------------------------------------------------------

_MISSING = "aantal ontbrekende woningen (geheel getal ≥ 0; leeg = fout)"
_TEST_YEAR = "toetsjaar: 2028, 2031, 2034, 2037 of 2040"
_RAISED = "WAAR voor een gemeente met verhoogde huurpremie (leeg = ONWAAR)"
_AMOUNT_YEAR = "jaar van het huurpremiebedrag (leeg = het toetsjaar)"
_T = "tussentijdse doelstelling T{} in woningen (geheel getal ≥ 0)"
_SIB = "specifieke inhaalbeweging (SIB) in woningen (geheel getal ≥ 0)"
_PHASE = "netto woningen die nu precies in de fase {} zijn (leeg = 0)"


@excel_function(missing=_MISSING, test_year=_TEST_YEAR, raised=_RAISED, amount_year=_AMOUNT_YEAR)
def bso_sanction(missing, test_year, raised=None, amount_year=None):
    """BSO-sanctie per jaar in euro (R8, categorie 2b): ontbrekende woningen × 12 × maximale
    huurpremie met 4 personen ten laste × percentage van het toetsjaar, afgerond op de cent."""
    return spill(
        yearly_sanction,
        (missing, to_dwellings), (test_year, to_year),
        (raised, to_flag), (amount_year, to_optional_year), _index_rate_argument(),
    )


@excel_function(missing=_MISSING, test_year=_TEST_YEAR, raised=_RAISED, amount_year=_AMOUNT_YEAR)
def bso_sanction_total(missing, test_year, raised=None, amount_year=None):
    """BSO-sanctie over de drie jaarlijkse schijven samen, in euro (R8, categorie 2b)."""
    return spill(
        total_sanction,
        (missing, to_dwellings), (test_year, to_year),
        (raised, to_flag), (amount_year, to_optional_year), _index_rate_argument(),
    )


@excel_function(test_year=_TEST_YEAR)
def bso_percentage(test_year):
    """Sanctiepercentage van een voortgangstoets (R8): 2028 25%, 2031 50%, 2034 50%, 2037 100%,
    2040 50%; een ander jaar geeft #WAARDE!."""
    return spill(sanction_percentage, (test_year, to_year))


@excel_function(year="jaar (vanaf 2019)", raised=_RAISED)
def bso_amount(year, raised=None):
    """Jaarbedrag per ontbrekende woning vóór het percentage (R8): 12 × (maximale huurpremie +
    4 × verhoging per persoon ten laste), afgerond op de cent."""
    return spill(yearly_amount, (year, to_year), (raised, to_flag), _index_rate_argument())


@excel_function(
    aandeel_op_peil="aandeel op peil houden (woningen)",
    sib="specifieke inhaalbeweging (woningen)",
    wettelijke_doelgroep="wettelijke doelgroep (woningen)",
    overschrijding="overschrijding van het vorige objectief (woningen; leeg = 0)",
    aftopping_9pct="9%-aftopping (woningen; leeg = 0)",
)
def bso_objective(aandeel_op_peil, sib, wettelijke_doelgroep, overschrijding, aftopping_9pct):
    """Bindend sociaal objectief (R2): aandeel op peil + SIB + wettelijke doelgroep −
    overschrijding − 9%-aftopping, nooit onder 0."""
    return spill(
        lambda a, s, w, o, f: objective(Components(a, s, w, o, f)).bso,
        (aandeel_op_peil, to_dwellings), (sib, to_dwellings), (wettelijke_doelgroep, to_dwellings),
        (overschrijding, to_dwellings_or_zero), (aftopping_9pct, to_dwellings_or_zero),
    )


@excel_function(regulier="regulier objectief = BSO − SIB (woningen)")
def bso_split(regulier):
    """Verdeling van het reguliere objectief over T1, T2, T3 (R4): gelijke derden, de rest naar
    de vroegste legislaturen (100 → 34, 33, 33). Geeft drie cellen naast elkaar."""
    return spill(split_interim, (regulier, to_dwellings), width=3)


@excel_function(
    t1=_T.format(1), t2=_T.format(2), t3=_T.format(3), sib=_SIB, test_year=_TEST_YEAR,
    level="niveau: MJP, KTP, UITVOERING of GEREALISEERD",
)
def bso_required(t1, t2, t3, sib, test_year, level):
    """Vereist aantal woningen op minstens dit niveau bij een voortgangstoets (R6): regulier pad
    plus inhaalpad; kan een breuk zijn (½·T1)."""
    return spill(
        lambda a, b, c, s, t, lvl: combined_requirement(a, b, c, s, t)[Level.parse(lvl)],
        (t1, to_dwellings), (t2, to_dwellings), (t3, to_dwellings), (sib, to_dwellings),
        (test_year, to_year),
        (level, to_text),
    )


@excel_function(
    t1=_T.format(1), t2=_T.format(2), t3=_T.format(3), sib=_SIB, test_year=_TEST_YEAR,
    mjp=_PHASE.format("MJP"), ktp=_PHASE.format("KTP"),
    in_uitvoering=_PHASE.format("in uitvoering"), gerealiseerd=_PHASE.format("gerealiseerd"),
)
def bso_shortfall(t1, t2, t3, sib, test_year, mjp, ktp, in_uitvoering, gerealiseerd):
    """Tekort bij een voortgangstoets (R6): het kleinste aantal extra woningen waarmee de
    gemeente slaagt. De vier fases tellen woningen die nu precies in die fase zijn."""
    return spill(
        lambda a, b, c, s, t, m, k, u, g: shortfall(a, b, c, s, t, {
            Level.MJP: m, Level.KTP: k, Level.UITVOERING: u, Level.GEREALISEERD: g}),
        (t1, to_dwellings), (t2, to_dwellings), (t3, to_dwellings), (sib, to_dwellings),
        (test_year, to_year),
        (mjp, to_net_count), (ktp, to_net_count),
        (in_uitvoering, to_net_count), (gerealiseerd, to_net_count),
    )


@excel_function(
    shortfall="tekort in woningen (geheel getal ≥ 0)",
    assessment="beoordeling van het plan van aanpak: leeg, 2a of 2b",
)
def bso_category(shortfall, assessment=None):
    """Categorie na een voortgangstoets (R7): "1" zonder tekort; met tekort "2" tot het plan
    van aanpak beoordeeld is, daarna "2a" (geen sanctie) of "2b" (sanctie)."""
    return spill(category, (shortfall, to_dwellings), (assessment, to_optional_text))


@excel_function(
    regulier="regulier objectief in woningen",
    sib=_SIB,
    average_permits="gemiddeld aantal vergunde woningen per jaar",
)
def bso_exemption(regulier, sib, average_permits):
    """Vrijstelling van de inhaalbeweging mogelijk (R9 b)? WAAR als (regulier + SIB) / 17 jaar
    groter is dan 25% van het gemiddeld aantal vergunde woningen per jaar; zonder SIB "niet van
    toepassing"."""
    return spill(
        lambda r, s, a: _exemption_answer(exemption_test(r, s, a)),
        (regulier, to_dwellings), (sib, to_dwellings), (average_permits, to_number),
    )


def _exemption_answer(test):
    """TRUE/FALSE when the test applies; the workbook's text "niet van toepassing" without a SIB."""
    return test.eligible if test.applicable else test.status


# Dutch and English field names → Municipality attribute.
MUNICIPALITY_FIELDS = {
    "naam": "name", "name": "name", "gemeente": "name",
    "provincie": "province", "province": "province",
    "woonmaatschappij": "woonmaatschappij",
    "werkingsgebied": "werkingsgebied",
    "verhoogde_huurpremie": "raised_huurpremie", "raised": "raised_huurpremie",
    "opmerking": "remark", "remark": "remark",
}


def _municipality_field(nis: str, field: str):
    attribute = MUNICIPALITY_FIELDS.get(field.lower().replace(" ", "_"))
    if attribute is None:
        raise CellError(VALUE)
    return getattr(municipality(nis), attribute)


@excel_function(
    nis="NIS-code van de gemeente (bv. 11001)",
    field="naam, provincie, woonmaatschappij, werkingsgebied, verhoogde_huurpremie of opmerking",
)
def bso_municipality(nis, field):
    """Gegevens van een Vlaamse gemeente (2025): naam, provincie, woonmaatschappij,
    werkingsgebied, verhoogde huurpremie (WAAR/ONWAAR, R8) of opmerking; onbekende NIS-code
    geeft #N/B."""
    return spill(_municipality_field, (nis, to_nis), (field, to_text))


# A bad BSO_XL_INDEXATIE is said once, when Excel loads the functions. Not in Lite's main.py
# (no package there): its settings block sets INDEX_RATE last and reports then, once the
# embedded parameter files can be read.
if __package__:
    report_settings()
