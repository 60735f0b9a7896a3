"""Sheet *Sanctie*: the sanction calculator per progress test (R7, R8)."""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from .context import Book, protect

TITLE = "Sanctie"
ASSESSMENTS = ["nog niet gekend", "2a", "2b"]
FIRST_TEST_ROW = 10
HEADERS = ["Toetsjaar", "Tekort volgens projecten", "Tekort: eigen invoer", "Tekort gebruikt", "Percentage",
           "Bedrag per woning per jaar", "Bedrag: eigen invoer", "Bedrag gebruikt", "Sanctie per jaar (indien 2b)",
           "Totaal over de schijven", "Schijven in", "Beoordeling plan van aanpak", "Categorie",
           "Verwachte kost", "Risico (indien 2b)"]
COL = {name: i for i, name in enumerate(HEADERS)}


def category_ref(test_index: int) -> str:
    """Where the category of a test stands (for other sheets)."""
    return f"'{TITLE}'!" + xl_rowcol_to_cell(FIRST_TEST_ROW + test_index, COL["Categorie"], True, True)


def write(book: Book) -> None:
    m = book.model
    s = book.sheet(TITLE, "#7030A0")
    ws = s.ws
    ws.set_column(0, 0, 30)
    ws.set_column(1, len(HEADERS) - 1, 13)
    s.heading(f"Sanctieberekening — {m.figures.name}",
              "Een gemeente met een tekort (categorie 2) dient een plan van aanpak in. Enkel als "
              "Wonen in Vlaanderen dat onvoldoende vindt (2b) volgt een sanctie: per ontbrekende "
              "woning de maximale jaarlijkse huurpremie (met 4 personen ten laste) × het percentage "
              "van het toetsjaar, drie jaar lang (R7, R8). Gele cellen mag u wijzigen.", 10, 42)

    s.text(3, 0, "Verhoogde huurpremie volgens de lijst")
    s.number(3, 1, 1 if m.figures.raised_huurpremie else 0, "yes_no")
    listed = s.cell(3, 1)
    s.text(4, 0, "Eigen keuze (leeg = volgens de lijst)")
    s.blank(4, 1, "input_text")
    s.ws.data_validation(4, 1, 4, 1, {"validate": "list", "source": ["ja", "nee"],
                                      "error_message": "Kies ja, nee of laat leeg."})
    choice = s.cell(4, 1)
    s.text(5, 0, "Verhoogde huurpremie toegepast", "bold")
    s.formula(5, 1, f'=IF({choice}="ja",1,IF({choice}="nee",0,{listed}))', 1 if m.raised else 0, "yes_no_bold")
    book.name("Verhoogd", s, 5, 1)
    s.text(6, 0, "Veronderstelde indexatie per jaar (na laatst gekend bedrag)")
    s.number(6, 1, m.index_rate, "input_percent")
    s.ws.data_validation(6, 1, 6, 1, {"validate": "decimal", "criteria": "between", "minimum": -0.1,
                                      "maximum": 0.2, "error_message": "Geef een percentage tussen -10% en 20%."})
    book.name("Indexatie", s, 6, 1)
    s.text(6, 2, "veronderstelling, geen officieel cijfer (standaard: Indexatie_standaard)", "note")

    s.header_row(FIRST_TEST_ROW - 1, 0, HEADERS)
    ws.set_row(FIRST_TEST_ROW - 1, 42)
    for index, test in enumerate(m.tests):
        _write_test(book, s, FIRST_TEST_ROW + index, test)
    last = FIRST_TEST_ROW + len(m.tests) - 1
    total_row = last + 1
    s.text(total_row, 0, "Totaal", "bold")
    for name in ("Verwachte kost", "Risico (indien 2b)"):
        col = COL[name]
        expected = sum((_expected(t) if name == "Verwachte kost" else _risk(t)) for t in m.tests)
        s.formula(total_row, col, f"=SUM({s.cell(FIRST_TEST_ROW, col)}:{s.cell(last, col)})", expected, "euro_bold")
    ws.conditional_format(FIRST_TEST_ROW, COL["Categorie"], last, COL["Categorie"],
                          {"type": "cell", "criteria": "==", "value": '"1"', "format": s.styles["good"]})
    ws.conditional_format(FIRST_TEST_ROW, COL["Categorie"], last, COL["Categorie"],
                          {"type": "cell", "criteria": "!=", "value": '"1"', "format": s.styles["bad"]})
    ws.freeze_panes(FIRST_TEST_ROW, 1)
    protect(s)


def _expected(test) -> float:
    return 0  # the assessment is "nog niet gekend" when the workbook is written: no 2b yet


def _risk(test) -> float:
    return test.sanction_total if test.category == "2" else 0


def _write_test(book: Book, s, row: int, test) -> None:
    y = test.year
    c = {name: s.cell(row, col) for name, col in COL.items()}
    s.number(row, 0, y, "bold")
    s.formula(row, COL["Tekort volgens projecten"], f"=Tekort_{y}", test.shortfall)
    s.blank(row, COL["Tekort: eigen invoer"], "input_whole")
    s.ws.data_validation(row, COL["Tekort: eigen invoer"], row, COL["Tekort: eigen invoer"], {
        "validate": "integer", "criteria": ">=", "value": 0, "error_message": "Geheel aantal woningen ≥ 0."})
    s.formula(row, COL["Tekort gebruikt"],
              f'=IF(ISNUMBER({c["Tekort: eigen invoer"]}),{c["Tekort: eigen invoer"]},{c["Tekort volgens projecten"]})',
              test.shortfall)
    s.formula(row, COL["Percentage"], f"=Percentage_{y}", test.percentage, "percent")
    year = c["Toetsjaar"]
    known = f"LOOKUP({year},Huurpremie_jaar)"
    amount = (f"=ROUND(IF(Verhoogd=1,LOOKUP({year},Huurpremie_jaar,Jaarbedrag_verhoogd),"
              f"LOOKUP({year},Huurpremie_jaar,Jaarbedrag_normaal))*(1+Indexatie)^({year}-{known}),2)")
    s.formula(row, COL["Bedrag per woning per jaar"], amount, test.amount, "euro")
    s.ws.write_comment(row, COL["Bedrag per woning per jaar"],
                       "R8: 12 × (maximale huurpremie + 4 × verhoging per persoon ten laste) van het laatst "
                       "gekende jaar, eventueel geïndexeerd.")
    s.blank(row, COL["Bedrag: eigen invoer"], "input_euro")
    s.ws.data_validation(row, COL["Bedrag: eigen invoer"], row, COL["Bedrag: eigen invoer"], {
        "validate": "decimal", "criteria": ">=", "value": 0, "error_message": "Geef een bedrag ≥ 0."})
    s.formula(row, COL["Bedrag gebruikt"],
              f'=IF(ISNUMBER({c["Bedrag: eigen invoer"]}),{c["Bedrag: eigen invoer"]},{c["Bedrag per woning per jaar"]})',
              test.amount, "euro")
    s.formula(row, COL["Sanctie per jaar (indien 2b)"],
              f'=ROUND({c["Tekort gebruikt"]}*{c["Bedrag gebruikt"]}*{c["Percentage"]},2)', test.sanction, "euro_bold")
    book.name(f"Sanctie_{y}", s, row, COL["Sanctie per jaar (indien 2b)"])
    s.ws.write_comment(row, COL["Sanctie per jaar (indien 2b)"],
                       f"R8: tekort × bedrag per woning × {test.percentage:.0%}, afgerond op de cent.")
    s.formula(row, COL["Totaal over de schijven"],
              f'=ROUND(Aantal_schijven*{c["Sanctie per jaar (indien 2b)"]},2)', test.sanction_total, "euro")
    first, last_year = test.instalments[0], test.instalments[-1]
    s.formula(row, COL["Schijven in"],
              f'=({year}+Eerste_schijf_na_toets)&"–"&({year}+Eerste_schijf_na_toets+Aantal_schijven-1)',
              f"{first}–{last_year}", "text")
    s.text(row, COL["Beoordeling plan van aanpak"], ASSESSMENTS[0], "input_text")
    s.ws.data_validation(row, COL["Beoordeling plan van aanpak"], row, COL["Beoordeling plan van aanpak"], {
        "validate": "list", "source": ASSESSMENTS, "error_message": "Kies: nog niet gekend, 2a of 2b."})
    assessment = c["Beoordeling plan van aanpak"]
    s.formula(row, COL["Categorie"],
              f'=IF({c["Tekort gebruikt"]}=0,"1",IF({assessment}="2a","2a",IF({assessment}="2b","2b","2")))',
              test.category, "bold")
    s.ws.write_comment(row, COL["Categorie"], "R7: 1 = op schema; 2 = tekort, plan van aanpak nog niet beoordeeld; "
                                              "2a = voldoende inspanning (geen sanctie); 2b = sanctie.")
    s.formula(row, COL["Verwachte kost"], f'=IF({c["Categorie"]}="2b",{c["Totaal over de schijven"]},0)',
              _expected(test), "euro")
    s.formula(row, COL["Risico (indien 2b)"], f'=IF({c["Categorie"]}="2",{c["Totaal over de schijven"]},0)',
              _risk(test), "euro")
