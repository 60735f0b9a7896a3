"""Sheet *Sanctie*: the sanction per progress test (R7, R8) and the budget per calendar year.

One column per test (2028 … 2040), one row per step of the calculation, so the sheet prints on
A4 and reads top-down: shortfall → percentage → amount (with its base year and index factor) →
sanction → assessment → expected cost or risk. Below it the budget table 2029–2043 for the
meerjarenplan (R8). Every yellow cell is guarded (:mod:`bso_xl.workbook.guards`).
"""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from ..rules import progress
from . import guards
from .context import Book, protect
from .inputs import NAME_INDEX_RATE, NAME_RAISED_CHOICE, name_amount, name_assessment, name_shortfall

TITLE = "Sanctie"
ASSESSMENTS = list(progress.ASSESSMENTS)  # the dropdown offers exactly what R7 accepts
FIRST_TEST_COL = 1
HEADER_ROW = 10
# The calculation's rows, in reading order (label, key).
STEPS = [
    ("Meetdatum", "measured"),
    ("Tekort volgens de projecten (blad Voortgang)", "shortfall"),
    ("Tekort: eigen invoer (leeg = volgens de projecten)", "shortfall_input"),
    ("Tekort gebruikt", "shortfall_used"),
    ("Sanctiepercentage van de toets", "percentage"),
    ("Basisjaar van het huurpremiebedrag", "base_year"),
    ("Indexfactor (veronderstelde indexatie)", "factor"),
    ("Bedrag per ontbrekende woning per jaar", "amount"),
    ("Bedrag: eigen invoer (leeg = berekend)", "amount_input"),
    ("Bedrag gebruikt", "amount_used"),
    ("Sanctie per jaar (indien 2b)", "sanction"),
    ("Over de drie jaarlijkse schijven", "total"),
    ("Schijven betaald in", "years"),
    ("Beoordeling plan van aanpak (nog niet gekend, 2a of 2b)", "assessment"),
    ("Controle beoordeling", "assessment_check"),
    ("Categorie (R7)", "category"),
    ("Per jaar in het budget (0 bij categorie 1 of 2a)", "in_budget"),
    ("Verwachte kost (beoordeeld 2b)", "expected"),
    ("Risico (indien 2b; nog niet beoordeeld)", "risk"),
]
ROW = {key: HEADER_ROW + 1 + i for i, (_, key) in enumerate(STEPS)}
TOTAL_COL_OFFSET = 5  # the Totaal column after the five tests


def test_col(test_index: int) -> int:
    return FIRST_TEST_COL + test_index


def category_ref(test_index: int) -> str:
    """Where the category of a test stands (for other sheets)."""
    return f"'{TITLE}'!" + xl_rowcol_to_cell(ROW["category"], test_col(test_index), True, True)


def cell_ref(key: str, test_index: int) -> str:
    return f"'{TITLE}'!" + xl_rowcol_to_cell(ROW[key], test_col(test_index), True, True)


def write(book: Book) -> None:
    m = book.model
    s = book.sheet(TITLE, "#7030A0")
    ws = s.ws
    # one A4 landscape page wide at a legible size: ≤ 148 characters of column width
    ws.set_column(0, 0, 40)
    ws.set_column(1, 8, 12.5)
    s.heading(f"Sanctieberekening — {m.figures.name}",
              "Een gemeente met een tekort (categorie 2) dient een plan van aanpak in. Enkel als Wonen in "
              "Vlaanderen dat onvoldoende vindt (2b) volgt een sanctie: per ontbrekende woning de maximale "
              "jaarlijkse huurpremie (met 4 personen ten laste) × het percentage van de toets, drie jaar lang "
              "(R7, R8). Gele cellen mag u wijzigen; een ongeldige invoer geeft geen bedrag maar een melding.",
              8, 42)
    _write_choices(book, s)
    s.header_row(HEADER_ROW, 0, ["Voortgangstoets"] + [str(t.year) for t in m.tests] + ["Totaal"])
    for label, key in STEPS:
        s.text(ROW[key], 0, label, "bold" if key in ("sanction", "category", "expected", "risk") else "text")
    for index, test in enumerate(m.tests):
        _write_test(book, s, index, test)
    _write_totals(book, s)
    budget_row = ROW["risk"] + 3
    _write_budget(book, s, budget_row)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    ws.repeat_rows(HEADER_ROW)
    protect(s)


def _write_choices(book: Book, s) -> None:
    """Raised huurpremie (list, own choice, used) and the assumed index rate (R8)."""
    m = book.model
    s.text(3, 0, "Verhoogde huurpremie volgens de lijst")
    s.number(3, 1, 1 if m.raised_listed else 0, "yes_no")
    listed = s.cell(3, 1)
    s.text(4, 0, "Eigen keuze: ja of nee (leeg = volgens de lijst)")
    choice_value = m.inputs.raised_choice
    s.typed(4, 1, choice_value, "input_text")
    book.name(NAME_RAISED_CHOICE, s, 4, 1)
    s.ws.data_validation(4, 1, 4, 1, {"validate": "list", "source": ["ja", "nee"],
                                      "error_message": "Kies ja, nee of laat leeg."})
    choice = s.cell(4, 1)
    s.formula(4, 2, guards.raised_message_formula(choice), m.raised_message, "warning")
    s.text(5, 0, "Verhoogde huurpremie toegepast", "bold")
    s.formula(5, 1, guards.raised_used_formula(choice, listed), 1 if m.raised else 0, "yes_no_bold")
    book.name("Verhoogd", s, 5, 1)
    s.text(6, 0, "Veronderstelde indexatie per jaar (leeg = standaard 0%)")
    s.typed(6, 1, m.inputs.index_rate, "input_percent")
    book.name(NAME_INDEX_RATE, s, 6, 1)
    s.ws.data_validation(6, 1, 6, 1, {"validate": "decimal", "criteria": "between", "minimum": -0.1,
                                      "maximum": 0.2, "error_message": "Geef een percentage tussen -10% en 20%."})
    s.text(7, 0, "Indexatie gebruikt", "bold")
    rate = m.index_rate
    s.formula(7, 1, guards.index_rate_used_formula(s.cell(6, 1)), rate.value if not rate.refused else rate.message,
              "percent_decimal")
    book.name("Indexatie_gebruikt", s, 7, 1)
    s.text(7, 2, "een veronderstelling, geen officieel cijfer: de huurpremie wordt elk jaar in januari "
                 "geïndexeerd; bekend is het bedrag van 2025", "note")


def _write_test(book: Book, s, index: int, test) -> None:
    m = book.model
    y, col = test.year, test_col(index)
    c = {key: s.cell(row, col) for key, row in ROW.items()}

    def put(key, formula, value, style="whole"):
        s.formula(ROW[key], col, formula, value, style)

    put("measured", f"=Meetdatum_{y}", test.measured, "date")
    put("shortfall", f"=Tekort_{y}", test.shortfall, "whole")
    s.typed(ROW["shortfall_input"], col, m.inputs.shortfall.get(y), "input_whole")
    book.name(name_shortfall(y), s, ROW["shortfall_input"], col)
    s.ws.data_validation(ROW["shortfall_input"], col, ROW["shortfall_input"], col, {
        "validate": "integer", "criteria": ">=", "value": 0, "error_message": "Geheel aantal woningen ≥ 0."})
    put("shortfall_used", guards.shortfall_used_formula(c["shortfall_input"], c["shortfall"]),
        test.shortfall_used, "whole_bold")
    put("percentage", f"=Percentage_{y}", test.percentage, "percent")
    year = str(y)
    put("base_year", f"=LOOKUP({year},Huurpremie_jaar)", test.amount_base_year, "text")
    put("factor", f'=IF(ISNUMBER(Indexatie_gebruikt),(1+Indexatie_gebruikt)^({year}-{c["base_year"]}),'
                  f'"{guards.NOT_COMPUTED}")', test.index_factor, "factor")
    base_amount = (f"IF(Verhoogd=1,LOOKUP({year},Huurpremie_jaar,Jaarbedrag_verhoogd),"
                   f"LOOKUP({year},Huurpremie_jaar,Jaarbedrag_normaal))")
    put("amount", f'=IF(ISNUMBER({c["factor"]}),ROUND({base_amount}*{c["factor"]},2),"{guards.NOT_COMPUTED}")',
        test.amount_computed, "euro")
    s.ws.write_comment(ROW["amount"], col, "R8: 12 × (maximale huurpremie + 4 × verhoging per persoon ten laste) "
                                           "van het basisjaar × de indexfactor, afgerond op de cent.")
    s.typed(ROW["amount_input"], col, m.inputs.amount.get(y), "input_euro")
    book.name(name_amount(y), s, ROW["amount_input"], col)
    s.ws.data_validation(ROW["amount_input"], col, ROW["amount_input"], col, {
        "validate": "decimal", "criteria": ">=", "value": 0, "error_message": "Geef een bedrag ≥ 0."})
    put("amount_used", guards.amount_used_formula(c["amount_input"], c["amount"]), test.amount_used, "euro")
    put("sanction", f'=IF(AND(ISNUMBER({c["shortfall_used"]}),ISNUMBER({c["amount_used"]})),'
                    f'ROUND({c["shortfall_used"]}*{c["amount_used"]}*{c["percentage"]},2),"{guards.NOT_COMPUTED}")',
        test.sanction, "euro_bold")
    book.name(f"Sanctie_{y}", s, ROW["sanction"], col)
    s.ws.write_comment(ROW["sanction"], col, f"R8: tekort × bedrag per woning × {test.percentage:.0%}, "
                                             "afgerond op de cent.")
    put("total", f'=IF(ISNUMBER({c["sanction"]}),ROUND(Aantal_schijven*{c["sanction"]},2),"{guards.NOT_COMPUTED}")',
        test.sanction_total, "euro")
    first, last_year = test.instalments[0], test.instalments[-1]
    put("years", f'=({year}+Eerste_schijf_na_toets)&"–"&({year}+Eerste_schijf_na_toets+Aantal_schijven-1)',
        f"{first}–{last_year}", "text")
    typed = m.inputs.assessment.get(y)
    s.typed(ROW["assessment"], col, ASSESSMENTS[0] if typed is None else typed, "input_text")
    book.name(name_assessment(y), s, ROW["assessment"], col)
    s.ws.data_validation(ROW["assessment"], col, ROW["assessment"], col, {
        "validate": "list", "source": ASSESSMENTS, "error_message": "Kies: nog niet gekend, 2a of 2b."})
    put("assessment_check", guards.assessment_message_formula(c["assessment"]), test.assessment_message, "warning")
    put("category", guards.category_formula(c["shortfall_used"], c["assessment"]), test.category, "bold")
    book.name(f"Categorie_{y}", s, ROW["category"], col)
    s.ws.write_comment(ROW["category"], col, "R7: 1 = op schema; 2 = tekort, plan van aanpak nog niet beoordeeld; "
                                             "2a = voldoende inspanning (geen sanctie); 2b = sanctie.")
    cat = c["category"]
    put("in_budget", f'=IF(OR({cat}="1",{cat}="2a"),0,IF(ISNUMBER({c["sanction"]}),{c["sanction"]},'
                     f'"{guards.NOT_COMPUTED}"))', test.in_budget, "euro")
    put("expected", f'=IF({cat}="—","{guards.NOT_COMPUTED}",IF({cat}="2b",{c["total"]},0))', test.expected, "euro")
    put("risk", f'=IF({cat}="—","{guards.NOT_COMPUTED}",IF({cat}="2",{c["total"]},0))', test.risk, "euro")
    book.name(f"Verwachte_kost_{y}", s, ROW["expected"], col)
    book.name(f"Risico_{y}", s, ROW["risk"], col)


def _guarded_sum(cells: str, count: int) -> str:
    """A sum that is a message, not a partial number, when one of its cells is a message."""
    return f'=IF(COUNT({cells})={count},SUM({cells}),"{guards.NOT_COMPUTED}")'


def _write_totals(book: Book, s) -> None:
    m = book.model
    col = FIRST_TEST_COL + TOTAL_COL_OFFSET
    n = len(m.tests)
    for key, attr in (("expected", "expected"), ("risk", "risk")):
        cells = f"{s.cell(ROW[key], FIRST_TEST_COL)}:{s.cell(ROW[key], FIRST_TEST_COL + n - 1)}"
        values = [getattr(t, attr) for t in m.tests]
        total = guards.NOT_COMPUTED if any(isinstance(v, str) for v in values) else sum(values)
        s.formula(ROW[key], col, _guarded_sum(cells, n), total, "euro_bold")
    last = FIRST_TEST_COL + n - 1
    s.ws.conditional_format(ROW["category"], FIRST_TEST_COL, ROW["category"], last,
                            {"type": "cell", "criteria": "==", "value": '"1"', "format": s.styles["good"]})
    s.ws.conditional_format(ROW["category"], FIRST_TEST_COL, ROW["category"], last,
                            {"type": "cell", "criteria": "!=", "value": '"1"', "format": s.styles["bad"]})


def _write_budget(book: Book, s, row: int) -> None:
    """R8 budget years: per calendar year the instalments due, as expected cost (2b) and as risk."""
    m = book.model
    n = len(m.tests)
    s.text(row, 0, "Budget per kalenderjaar voor het meerjarenplan (R8)", "subtitle")
    s.merged_text(row + 1, 0, 8, "Per jaar de schijven die dan vervallen: als verwachte kost bij beoordeling 2b, als "
                                 "risico zolang het plan van aanpak niet beoordeeld is; 0 bij categorie 1 of 2a. "
                                 "Bedragen na 2025 rekenen met de veronderstelde indexatie (basisjaar × indexfactor "
                                 "hieronder), geen officieel cijfer.")
    s.ws.set_row(row + 1, 30)
    header = row + 2
    s.header_row(header, 0, ["Kalenderjaar"] + [f"Schijf toets {t.year}" for t in m.tests]
                 + ["Verwachte kost (2b)", "Risico (indien 2b)", "Budget (alle toetsen behalve 2a)"])
    s.ws.set_row(header, 30)
    s.text(header + 1, 0, "Bedrag: basisjaar", "note")
    s.text(header + 2, 0, "Bedrag: indexfactor", "note")
    for index, test in enumerate(m.tests):
        col = test_col(index)
        s.formula(header + 1, col, f"={s.cell(ROW['base_year'], col)}", test.amount_base_year, "text")
        s.formula(header + 2, col, f"={s.cell(ROW['factor'], col)}", test.index_factor, "factor")
    first_year_row = header + 3
    for offset, year in enumerate(m.budget):
        r = first_year_row + offset
        s.number(r, 0, year.year, "bold_left")
        for index, test in enumerate(m.tests):
            col = test_col(index)
            years = f"{test.year}+Eerste_schijf_na_toets"
            due = f"AND($A{r + 1}>={years},$A{r + 1}<={years}+Aantal_schijven-1)"
            s.formula(r, col, f"=IF({due},{s.cell(ROW['in_budget'], col)},0)", year.per_test[test.year], "euro")
        cells = f"{s.cell(r, FIRST_TEST_COL)}:{s.cell(r, FIRST_TEST_COL + n - 1)}"
        cats_abs = (xl_rowcol_to_cell(ROW["category"], FIRST_TEST_COL, True, True) + ":"
                    + xl_rowcol_to_cell(ROW["category"], FIRST_TEST_COL + n - 1, True, True))
        ok = f"COUNT({cells})={n}"
        bad = f'"{guards.NOT_COMPUTED}"'
        s.formula(r, FIRST_TEST_COL + n, f'=IF({ok},SUMIF({cats_abs},"2b",{cells}),{bad})', year.expected, "euro")
        s.formula(r, FIRST_TEST_COL + n + 1, f'=IF({ok},SUMIF({cats_abs},"2",{cells}),{bad})', year.risk, "euro")
        s.formula(r, FIRST_TEST_COL + n + 2, f"=IF({ok},SUM({cells}),{bad})", year.budget, "euro_bold")
        book.name(f"Budget_{year.year}", s, r, FIRST_TEST_COL + n + 2)
