"""Sheet *Voortgang*: per progress test, the dwellings counted from the Projecten table at the
measurement date (R5) and the shortfall against the growth path (R6)."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from ..rules import Level, at_least
from .context import LEVEL_LABELS, Book, protect
from .sheet_groeipad import required_ref
from .sheet_projecten import DATE_COLUMNS, TABLE
from .sheet_sanctie import category_ref

TITLE = "Voortgang"
FIRST_TEST_ROW = 4
SHORTFALL_COL = 6


def counted_formula(level: Level, on: str) -> str:
    """Net dwellings at ``level`` or later on date ``on`` (R5).

    A project counts when any of its dates for that level or a later phase is filled in and on or
    before the date, which is the same as "the earliest of those dates is on or before the date".
    """
    reached = "+".join(f"({TABLE}[{col}]>0)*({TABLE}[{col}]<={on})" for col in DATE_COLUMNS[level:])
    return f"=SUMPRODUCT(({TABLE}[Woningen]-{TABLE}[Gesloopt])*(({reached})>0))"


def shortfall_formula(required: dict[Level, str], counted: dict[Level, str]) -> str:
    """R6: max over levels of ceil(required − counted), never below 0.

    Realising the rest of the whole BSO always passes, so the shortfall is never more than that
    (it can be, with a negative net rebuild in an earlier phase, without this bound).
    """
    gaps = ",".join(f"ROUNDUP({required[level]}-{counted[level]},0)" for level in Level)
    realised = counted[Level.GEREALISEERD]
    whole_bso = "(Tussentijds_T1+Tussentijds_T2+Tussentijds_T3+SIB)"
    return f"=IF({realised}>={whole_bso},0,MIN({whole_bso}-{realised},MAX(0,{gaps})))"


def counted_ref(test_index: int, level: Level) -> str:
    """Where the count at least at a level stands for a test (for other sheets)."""
    return f"'{TITLE}'!" + xl_rowcol_to_cell(FIRST_TEST_ROW + test_index, 2 + level, True, True)


def write(book: Book) -> None:
    s = book.sheet(TITLE, "#C00000")
    ws = s.ws
    ws.set_column(0, 1, 11)
    ws.set_column(2, 6, 13)
    ws.set_column(7, 8, 22)
    s.heading(f"Voortgang volgens de projecten — {book.model.figures.name}",
              "Woningen minstens op elk niveau op de meetdatum, geteld uit de tabel Projecten "
              "(netto, R5), en het tekort: het kleinste aantal extra woningen waarmee de toets "
              "slaagt (R6).", 8, 30)
    s.header_row(3, 0, ["Toetsjaar", "Meetdatum"] + [f"≥ {label}" for label in LEVEL_LABELS[:3]]
                 + ["gerealiseerd", "Tekort (woningen)", "Status", "Categorie (R7, blad Sanctie)"])
    ws.set_row(3, 30)
    for index, test in enumerate(book.model.tests):
        row = FIRST_TEST_ROW + index
        y = test.year
        s.number(row, 0, y, "bold")
        s.formula(row, 1, f"=Meetdatum_{y}", test.measured, "date")
        counted = {}
        for level in Level:
            s.formula(row, 2 + level, counted_formula(level, f"Meetdatum_{y}"), test.counted[level])
            counted[level] = s.cell(row, 2 + level)
        required = {level: required_ref(index, level) for level in Level}
        s.formula(row, SHORTFALL_COL, shortfall_formula(required, counted), test.shortfall, "whole_bold")
        book.name(f"Tekort_{y}", s, row, SHORTFALL_COL)
        s.ws.write_comment(row, SHORTFALL_COL, f"R6: tekort bij de toets {y} (meting {test.measured:%d/%m/%Y}); "
                                               "0 = categorie 1, meer dan 0 = categorie 2 (R7).")
        status = "op schema" if test.shortfall == 0 else "achter op het groeipad"
        s.formula(row, 7, f'=IF({s.cell(row, SHORTFALL_COL)}=0,"op schema","achter op het groeipad")', status)
        s.formula(row, 8, "=" + category_ref(index), test.category, "bold")
    last = FIRST_TEST_ROW + len(book.model.tests) - 1
    ws.conditional_format(FIRST_TEST_ROW, SHORTFALL_COL, last, SHORTFALL_COL,
                          {"type": "cell", "criteria": "==", "value": 0, "format": s.styles["good"]})
    ws.conditional_format(FIRST_TEST_ROW, SHORTFALL_COL, last, SHORTFALL_COL,
                          {"type": "cell", "criteria": ">", "value": 0, "format": s.styles["bad"]})
    _write_official(book, s, last + 3)
    ws.freeze_panes(FIRST_TEST_ROW, 1)
    protect(s)


def _write_official(book: Book, s, row: int) -> None:
    """Official counts at the last measurement, judged against the next test's requirement."""
    official = book.model.official
    s.text(row, 0, "Officiële tellingen (laatste meting)", "subtitle")
    if official is None:
        s.text(row + 1, 0, "Het cijferbestand geeft (nog) geen officiële tellingen; de eerste meting is op "
                           "31/12/2027.", "note")
        return
    index = [t.year for t in book.model.tests].index(official.test_year)
    s.header_row(row + 1, 0, ["Niveau", "Precies in fase", "Minstens op niveau", "Vereist bij toets "
                              f"{official.test_year}"])
    at_least_counts = at_least(official.counts)  # R5, as the engine counts
    counted = {}
    for level in Level:
        r = row + 2 + level
        s.text(r, 0, LEVEL_LABELS[level])
        s.number(r, 1, official.counts.get(level, 0))
        s.formula(r, 2, f"=SUM({s.cell(r, 1)}:{s.cell(row + 5, 1)})",
                  at_least_counts[level])
        counted[level] = s.cell(r, 2)
        s.formula(r, 3, "=" + required_ref(index, level), book.model.tests[index].required[level], "decimal")
    r = row + 6
    s.text(r, 0, f"Tekort volgens de officiële tellingen bij de toets {official.test_year}", "bold")
    required = {level: s.cell(row + 2 + level, 3) for level in Level}
    s.formula(r, 2, shortfall_formula(required, counted), official.shortfall, "whole_bold")
