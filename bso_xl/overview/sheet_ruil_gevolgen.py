"""Sheets *Ruil gevolgen* and *Wat-als gevolgen*: per municipality and progress test, the growth
path of the objective after the swaps (R6), the projected counts from its returned workbook (R5),
the shortfall now and after, and the sanction if assessed 2b over the three instalments (R8)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..parameters import load
from ..rules import Level, combined_requirement, over_instalments, sanction_for, shortfall
from ..workbook.context import protect
from ..workbook.sheet_groeipad import dwellings_style
from . import formulas
from . import sheet_projectie as P
from . import sheet_ruil as R
from . import swap as S
from .book import NOT_COMPUTED_MUNICIPAL, WHAT_IF_BANNER, OverviewBook, banner, intro_height, municipal

LAW, WHAT_IF = "Ruil gevolgen", "Wat-als gevolgen"
HEADER_ROW = 6
FIRST_ROW = 7
NAME, YEAR, BSO_AFTER = range(3)
REQUIRED = 3  # 3–6
COUNTED = 7  # 7–10
NOW, AFTER, SANCTION_NOW, SANCTION_AFTER, DIFFERENCE = range(11, 16)
LAST_COL = DIFFERENCE
WIDTHS = [18, 6, 8] + [7] * 8 + [8, 8, 14, 14, 14]
NO_WORKBOOK = "geen werkboek"


@dataclass(frozen=True)
class Cells:
    """One row's engine values."""

    required: dict[Level, object]
    counted: dict[Level, int] | None
    now: int | None
    after: object
    sanction_now: object
    sanction_after: object
    difference: object


def _money(missing, amount, year):
    """R8: the sanction if 2b, over the three instalments."""
    return over_instalments(sanction_for(missing, amount, year))


def row_values(member: S.MemberResult, year: int) -> Cells:
    new = member.after
    required = ({level: S.NOT_COMPUTED for level in Level} if new is None
                else combined_requirement(new.t1, new.t2, new.t3, new.sib, year))
    projection = member.row.projection
    if projection is None:
        return Cells(required, None, None, None, None, None, None)
    test = next(t for t in projection.model.tests if t.year == year)
    amount = municipal(test.amount_used)
    after = S.NOT_COMPUTED if new is None else shortfall(new.t1, new.t2, new.t3, new.sib, year,
                                                           projection.in_phase[year])
    numeric = not isinstance(amount, str)
    now_money = _money(test.shortfall, amount, year) if numeric else NOT_COMPUTED_MUNICIPAL
    if isinstance(after, str):
        after_money = S.NOT_COMPUTED
    else:
        after_money = _money(after, amount, year) if numeric else NOT_COMPUTED_MUNICIPAL
    both = isinstance(now_money, Decimal) and isinstance(after_money, Decimal)
    return Cells(required, test.counted, test.shortfall, after, now_money, after_money,
                 after_money - now_money if both else S.NOT_COMPUTED)


def write(book: OverviewBook, model: S.SwapModel) -> None:
    what_if = model.what_if
    title = WHAT_IF if what_if else LAW
    ruil: R.Layout = book.layouts[R.WHAT_IF if what_if else R.LAW]
    proj: P.Layout = book.layouts[P.TITLE]
    years = load().test_years
    s = book.sheet(title, "#C00000" if what_if else "#7030A0")
    ws = s.ws
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    intro = (f"Per gemeente en voortgangstoets: wat het groeipad vraagt met het BSO na de ruil van blad {ruil.title} "
              "(R6), hoeveel woningen haar projecten dan minstens op elk niveau brengen (uit haar teruggestuurde "
              "werkboek, R5), het tekort nu en na de ruil, en de sanctie indien 2b over de drie schijven (R8), los van "
              "een beoordeling. Zonder werkboek is enkel het groeipad gekend. n.b. = niet berekend: de ruil is ongeldig "
             "(zie Status) of het werkboek van de gemeente heeft een ongeldige invoer (blad Werkboeken).")
    s.heading(f"Gevolgen van de {'wat-als-ruil' if what_if else 'ruil'} per toets — {book.wm}", intro, LAST_COL,
              intro_height(intro, WIDTHS))
    if what_if:
        s.merged_text(2, 0, LAST_COL, WHAT_IF_BANNER, "what_if")
        ws.set_row(2, 32)
    banner(book, s, 3, LAST_COL)
    s.text(4, 0, "Status van de ruil", "bold")
    ws.merge_range(4, 2, 4, LAST_COL, "", s.styles["status"])
    s.formula(4, 2, f"={ruil.status_name}", model.status, "status")
    ws.set_row(4, 30)
    s.header_row(HEADER_ROW, 0, ["Gemeente", "Toets", "BSO na ruil"]
                 + [f"Vereist ≥ {p}" for p in P.SHORT[:3]] + ["Vereist gereal."]
                 + [f"Geteld ≥ {p}" for p in P.SHORT[:3]] + ["Geteld gereal."]
                 + ["Tekort nu", "Tekort na ruil", "Sanctie indien 2b nu (3 schijven)",
                    "Sanctie indien 2b na ruil (3 schijven)", "Verschil"])
    ws.set_row(HEADER_ROW, 42)
    nc = S.q(S.NOT_COMPUTED)
    bad = S.q(NOT_COMPUTED_MUNICIPAL)
    row = FIRST_ROW
    values_by_year = {y: [] for y in years}
    for m in model.members:
        nis = m.row.nis
        new_bso = ruil.ref(nis, R.M_BSO_AFTER)
        interim = tuple(ruil.ref(nis, R.M_T1 + i) for i in range(3))
        sib = ruil.ref(nis, R.M_SIB_AFTER)
        for y in years:
            v = row_values(m, y)
            values_by_year[y].append(v)
            s.text(row, NAME, m.row.name)
            s.number(row, YEAR, y, "text")
            s.formula(row, BSO_AFTER, f"={new_bso}", m.after.bso if m.after else S.NOT_COMPUTED, "whole_bold")
            required = []
            for level in Level:
                value = v.required[level]
                s.formula(row, REQUIRED + level, f"=IF(ISNUMBER({s.cell(row, BSO_AFTER)}),"
                                                 f"{formulas.requirement(level, y, interim, sib)},{nc})",
                          value, "whole" if isinstance(value, str) else dwellings_style(value))
                required.append(s.cell(row, REQUIRED + level))
            if v.counted is None:
                s.text(row, COUNTED, NO_WORKBOOK, "note")
                row += 1
                continue
            counted = []
            for level in Level:
                s.number(row, COUNTED + level, v.counted[level])
                counted.append(s.cell(row, COUNTED + level))
            s.formula(row, NOW, "=" + proj.ref(nis, y, P.SHORTFALL), v.now)
            whole = "(" + "+".join(interim + (sib,)) + ")"
            s.formula(row, AFTER, f"=IF(ISNUMBER({required[0]}),{formulas.shortfall(counted, required, whole)},{nc})",
                      v.after, "whole_bold")
            amount = proj.ref(nis, y, P.AMOUNT)
            now, after = s.cell(row, NOW), s.cell(row, AFTER)

            def money(missing: str) -> str:
                return f"ROUND(Aantal_schijven*ROUND({missing}*{amount}*Percentage_{y},2),2)"

            s.formula(row, SANCTION_NOW, f"=IF(ISNUMBER({amount}),{money(now)},{bad})", v.sanction_now, "euro")
            s.formula(row, SANCTION_AFTER, f"=IF(ISNUMBER({after}),IF(ISNUMBER({amount}),{money(after)},{bad}),{nc})",
                      v.sanction_after, "euro")
            s_now, s_after = s.cell(row, SANCTION_NOW), s.cell(row, SANCTION_AFTER)
            s.formula(row, DIFFERENCE, f"=IF(AND(ISNUMBER({s_now}),ISNUMBER({s_after})),{s_after}-{s_now},{nc})",
                      v.difference, "euro_bold")
            row += 1
    last = max(FIRST_ROW, row - 1)
    ws.conditional_format(FIRST_ROW, DIFFERENCE, last, DIFFERENCE,
                          {"type": "cell", "criteria": ">", "value": 0, "format": s.styles["bad"]})
    ws.conditional_format(FIRST_ROW, DIFFERENCE, last, DIFFERENCE,
                          {"type": "cell", "criteria": "<", "value": 0, "format": s.styles["good"]})
    _totals(s, last + 2, last, values_by_year, years)
    ws.freeze_panes(FIRST_ROW, 2)
    if what_if:
        ws.repeat_rows(2, HEADER_ROW)  # the what-if banner on every printed page
    else:
        ws.repeat_rows(HEADER_ROW)
    protect(s)


def _totals(s, row: int, last: int, values_by_year, years) -> None:
    """Per test over the municipalities with a workbook; a message when a cell holds one."""
    s.text(row, 0, "Som over de gemeenten met een werkboek", "subtitle")
    years_range = f"${'B'}${FIRST_ROW + 1}:$B${last + 1}"
    for index, y in enumerate(years):
        r = row + 1 + index
        s.number(r, YEAR, y, "bold")
        s.text(r, 0, f"Toets {y}", "bold")
        for col, attr in ((NOW, "now"), (AFTER, "after"), (SANCTION_NOW, "sanction_now"),
                          (SANCTION_AFTER, "sanction_after"), (DIFFERENCE, "difference")):
            values = [getattr(v, attr) for v in values_by_year[y] if v.counted is not None]
            if any(isinstance(v, str) for v in values):
                value = S.NOT_COMPUTED
            else:
                value = sum(values)
            letter = s.cell(0, col)[:-1]
            values_range = f"${letter}${FIRST_ROW + 1}:${letter}${last + 1}"
            year = s.cell(r, YEAR)
            formula = (f"=IF(SUMPRODUCT(({years_range}={year})*ISTEXT({values_range}))>0,{S.q(S.NOT_COMPUTED)},"
                       f"SUMIFS({values_range},{years_range},{year}))")
            s.formula(r, col, formula, value, "whole_bold" if col in (NOW, AFTER) else "euro_bold")
