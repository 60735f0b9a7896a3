"""Sheet *Voortgang*: per progress test, the dwellings counted from the Projecten table at the
measurement date (R5), what is missing at each level, the shortfall and the level that decides it (R6)."""

from __future__ import annotations

from math import ceil

from xlsxwriter.utility import xl_rowcol_to_cell

from ..rules import Level, at_least
from .context import Book, protect
from .model import DECIDED_NOTHING, DECIDED_WHOLE_BSO, LEVEL_LABELS
from .project_status import DATE_HEADERS, TABLE
from .sheet_groeipad import dwellings_style, required_ref
from .sheet_sanctie import category_ref

TITLE = "Voortgang"
FIRST_TEST_ROW = 4
COUNT_COL = 2  # ≥ MJP … gerealiseerd in columns 2–5
GAP_COL = 6  # missing at each level in columns 6–9
SHORTFALL_COL = 10
DECIDING_COL = 11


def counted_formula(level: Level, on: str) -> str:
    """Dwellings at ``level`` or later on date ``on`` (R5): each row's Telt, when any of its valid
    dates for that level or a later phase is on or before the date.

    Only ISNUMBER and comparisons on the date columns (no IF): SUMPRODUCT evaluates them as arrays
    in every Excel version, and text in a date cell counts as no date, never as an error.
    """
    def reached(column: str) -> str:
        ref = f"{TABLE}[{column}]"
        return f"ISNUMBER({ref})*({ref}>=Datum_min)*({ref}<=Datum_max)*({ref}<={on})"

    any_date = "+".join(reached(column) for column in DATE_HEADERS[level:])
    return f"=SUMPRODUCT({TABLE}[Telt]*(({any_date})>0))"


def gap_formula(required: str, counted: str) -> str:
    """R6: dwellings missing at one level, rounded up (ceil, also for exact halves), never below 0."""
    return f"=MAX(0,-INT({counted}-{required}))"


def shortfall_formula(gaps: list[str], counted: dict[Level, str]) -> str:
    """R6: the largest gap; realising the rest of the whole BSO always passes, so the shortfall is
    never more than that (it can be, with a negative net rebuild in an earlier phase)."""
    realised = counted[Level.GEREALISEERD]
    whole_bso = "(Tussentijds_T1+Tussentijds_T2+Tussentijds_T3+SIB)"
    return f"=IF({realised}>={whole_bso},0,MIN({whole_bso}-{realised},MAX({','.join(gaps)})))"


def deciding_formula(gaps: list[str], shortfall: str) -> str:
    """Which level decides the shortfall: the first level with the largest gap."""
    labels = ",".join(f'"{label}"' for label in LEVEL_LABELS)
    span = f"{gaps[0]}:{gaps[-1]}"
    return (f'=IF({shortfall}=0,"{DECIDED_NOTHING}",IF({shortfall}<MAX({span}),"{DECIDED_WHOLE_BSO}",'
            f"INDEX({{{labels}}},MATCH(MAX({span}),{span},0))))")


def counted_ref(test_index: int, level: Level) -> str:
    """Where the count at least at a level stands for a test (for other sheets)."""
    return f"'{TITLE}'!" + xl_rowcol_to_cell(FIRST_TEST_ROW + test_index, COUNT_COL + level, True, True)


def deciding_ref(test_index: int) -> str:
    return f"'{TITLE}'!" + xl_rowcol_to_cell(FIRST_TEST_ROW + test_index, DECIDING_COL, True, True)


def write(book: Book) -> None:
    s = book.sheet(TITLE, "#C00000")
    ws = s.ws
    # one A4 landscape page at a legible size: ≤ 148 characters of column width
    for col, width in enumerate([8, 10] + [9] * 8 + [9, 14, 12, 11]):
        ws.set_column(col, col, width)
    s.heading(f"Voortgang volgens de projecten — {book.model.figures.name}",
              "Woningen minstens op elk niveau op de meetdatum, geteld uit de tabel Projecten (kolom Telt, R5), "
              "wat er op elk niveau ontbreekt tegenover het groeipad, en het tekort: het kleinste aantal extra "
              "woningen waarmee de toets slaagt (R6). Het bepalende niveau is dat met het grootste tekort.", 13, 30)
    s.header_row(3, 0, ["Toetsjaar", "Meetdatum"] + [f"≥ {label}" for label in LEVEL_LABELS[:3]]
                 + ["gerealiseerd"] + [f"Ontbreekt ≥ {label}" for label in LEVEL_LABELS[:3]]
                 + ["Ontbreekt gerealiseerd", "Tekort (woningen)", "Bepalend niveau", "Status",
                    "Categorie (R7, blad Sanctie)"])
    ws.set_row(3, 42)
    for index, test in enumerate(book.model.tests):
        row = FIRST_TEST_ROW + index
        ws.set_row(row, 27)  # "achter op het groeipad" wraps on two lines
        y = test.year
        s.number(row, 0, y, "bold")
        s.formula(row, 1, f"=Meetdatum_{y}", test.measured, "date")
        counted, gaps = {}, []
        for level in Level:
            s.formula(row, COUNT_COL + level, counted_formula(level, f"Meetdatum_{y}"), test.counted[level])
            counted[level] = s.cell(row, COUNT_COL + level)
        for level in Level:
            s.formula(row, GAP_COL + level, gap_formula(required_ref(index, level), counted[level]),
                      test.gaps[level], dwellings_style(test.gaps[level]))
            gaps.append(s.cell(row, GAP_COL + level))
        s.formula(row, SHORTFALL_COL, shortfall_formula(gaps, counted), test.shortfall, "whole_bold")
        book.name(f"Tekort_{y}", s, row, SHORTFALL_COL)
        s.ws.write_comment(row, SHORTFALL_COL, f"R6: tekort bij de toets {y} (meting {test.measured:%d/%m/%Y}); "
                                               "0 = categorie 1, meer dan 0 = categorie 2 (R7).")
        shortfall = s.cell(row, SHORTFALL_COL)
        s.formula(row, DECIDING_COL, deciding_formula(gaps, shortfall), test.deciding, "text")
        status = "op schema" if test.shortfall == 0 else "achter op het groeipad"
        s.formula(row, 12, f'=IF({shortfall}=0,"op schema","achter op het groeipad")', status, "wrap")
        s.formula(row, 13, "=" + category_ref(index), test.category, "bold")
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
                              f"{official.test_year}", "Ontbreekt"])
    s.ws.set_row(row + 1, 30)
    at_least_counts = at_least(official.counts)  # R5, as the engine counts
    counted, gaps = {}, []
    required = book.model.tests[index].required
    for level in Level:
        r = row + 2 + level
        s.text(r, 0, LEVEL_LABELS[level])
        s.number(r, 1, official.counts.get(level, 0))
        s.formula(r, 2, f"=SUM({s.cell(r, 1)}:{s.cell(row + 5, 1)})", at_least_counts[level])
        counted[level] = s.cell(r, 2)
        s.formula(r, 3, "=" + required_ref(index, level), required[level], dwellings_style(required[level]))
        gap = max(0, ceil(required[level] - at_least_counts[level]))
        s.formula(r, 4, gap_formula(s.cell(r, 3), counted[level]), gap)
        gaps.append(s.cell(r, 4))
    r = row + 6
    s.text(r, 0, f"Tekort volgens de officiële tellingen bij de toets {official.test_year}", "bold")
    s.formula(r, 2, shortfall_formula(gaps, counted), official.shortfall, "whole_bold")
