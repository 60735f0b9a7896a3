"""Sheet *Groeipad*: per progress test, what each path requires at each level (R6)."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from ..rules import Level
from .context import Book, protect
from .model import LEVEL_LABELS

TITLE = "Groeipad"
FIRST_TEST_ROW = 5
# Column of the combined requirement at each level; Voortgang and Overzicht refer to these.
REQUIRED_COL = {level: 10 + level for level in Level}


def dwellings_style(value) -> str:
    """Whole dwellings shown whole (364), a real half with its decimal (364,5)."""
    return "whole" if value == int(value) else "half"


def required_ref(test_index: int, level: Level) -> str:
    """Where the combined requirement of a test at a level stands (for other sheets)."""
    return f"'{TITLE}'!" + xl_rowcol_to_cell(FIRST_TEST_ROW + test_index, REQUIRED_COL[level], True, True)


def write(book: Book) -> None:
    s = book.sheet(TITLE, "#548235")
    ws = s.ws
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 10)
    ws.set_column(2, 13, 9.5)
    s.heading(f"Groeipad per voortgangstoets — {book.model.figures.name}",
              "Aantal woningen dat op de meetdatum minstens op elk niveau moet staan (R6). "
              "Eén woning telt één keer: vereist = regulier pad + inhaalpad. Halve woningen blijven exact; "
              "het tekort rondt pas op het einde naar boven af.", 13, 30)
    s.text(3, 2, "Regulier pad (T1, T2, T3)", "subtitle")
    s.text(3, 6, "Inhaalpad (SIB)", "subtitle")
    s.text(3, 10, "Vereist samen", "subtitle")
    s.header_row(4, 0, ["Toetsjaar", "Meetdatum"] + [f"≥ {label}" for label in LEVEL_LABELS] * 3)
    for index, test in enumerate(book.model.tests):
        row = FIRST_TEST_ROW + index
        y = test.year
        s.number(row, 0, y, "bold")
        s.formula(row, 1, f"=Meetdatum_{y}", test.measured, "date")
        for level in Level:
            col = 2 + level
            if level.name in ("MJP", "KTP"):
                # the coefficients of T1, T2, T3 at this level (Parameters, one column per test)
                weighted = "+".join(f"INDEX(Regulier_{level.name}_{y},{i})*Tussentijds_T{i}" for i in (1, 2, 3))
                s.formula(row, col, f"={weighted}",
                          test.regular[level], dwellings_style(test.regular[level]))
            else:
                s.number(row, col, 0)  # the regular path asks nothing at these levels
            # level numbers 1–4 (MJP … gerealiseerd) against the test's catch-up level (Parameters)
            s.formula(row, 6 + level, f"=IF({level + 1}<=Inhaal_niveau_{y},Inhaal_fractie_{y}*SIB,0)",
                      test.catchup[level], dwellings_style(test.catchup[level]))
            s.formula(row, REQUIRED_COL[level], f"={s.cell(row, col)}+{s.cell(row, 6 + level)}",
                      test.required[level], dwellings_style(test.required[level]))
    last = FIRST_TEST_ROW + len(book.model.tests)
    explanation = ("Regulier pad: bij halve legislatuur de vorige legislaturen op KTP en de helft van de "
                        "huidige op MJP; op het einde van een legislatuur de vorige plus de helft van de huidige "
                        "op KTP en de rest op MJP; bij de laatste toets alles op KTP. Inhaalpad: ¼ SIB op MJP "
                        "(2028), ¼ op KTP (2031), ½ op KTP (2034), ½ gerealiseerd (2037), ¾ op KTP (2040), "
                        "alles gerealiseerd tegen 2042.")
    ws.set_row(last + 1, 42)
    s.merged_text(last + 1, 0, 13, explanation)
    ws.freeze_panes(FIRST_TEST_ROW, 2)
    protect(s)
