"""Sheet *Parameters*: every parameter with its source; the named cells the formulas use."""

from __future__ import annotations

from ..parameters import LEVELS, load
from ..rules import yearly_amount
from .context import Book, protect

TITLE = "Parameters"


def write(book: Book) -> None:
    p = load()
    s = book.sheet(TITLE, "#7F7F7F")
    ws = s.ws
    ws.set_column(0, 0, 34)
    ws.set_column(1, 12, 13)
    s.text(0, 0, "Parameters van de BSO-regels", "title")
    s.text(1, 0, "Alle formules in dit werkboek verwijzen naar deze cellen via hun naam "
                 "(bv. Percentage_2031). Bronnen staan onderaan.", "note")

    row = 3
    s.text(row, 0, "Vaste waarden (R8, R9)", "subtitle")
    row += 1
    s.header_row(row, 0, ["Parameter", "Waarde", "Naam in formules", "Regel"])
    scalars = [
        ("Maanden per jaar", p.months, "Maanden_per_jaar", "R8", "whole"),
        ("Personen ten laste (maximale verhoging)", p.dependants, "Personen_ten_laste", "R8", "whole"),
        ("Aantal schijven van de sanctie", p.instalments, "Aantal_schijven", "R8", "whole"),
        ("Eerste schijf … jaar na de toets", p.first_instalment_after, "Eerste_schijf_na_toets", "R8", "whole"),
        ("Standaard veronderstelde indexatie per jaar", p.default_index_rate, "Indexatie_standaard", "R8",
         "percent_decimal"),
        ("Drempel vrijstelling (aandeel vergunde woningen)", p.exemption_threshold, "Vrijstelling_drempel", "R9",
         "percent"),
        ("Venster vergunde woningen (jaren)", p.permit_window_years, "Vergunningen_venster", "R9", "whole"),
        ("Looptijd van het objectief voor de vrijstellingstoets (jaren)", p.exemption_years, "Vrijstelling_jaren", "R9",
         "whole"),
    ]
    for label, value, name, rule, style in scalars:
        row += 1
        s.text(row, 0, label)
        s.number(row, 1, value, style)
        s.text(row, 2, name)
        s.text(row, 3, rule)
        book.name(name, s, row, 1)

    row += 2
    s.text(row, 0, "Maximale huurpremie per maand (R8)", "subtitle")
    row += 1
    s.header_row(row, 0, ["Jaar (vanaf 1 januari)", "Normaal basis", "Normaal per persoon ten laste",
                          "Verhoogd basis", "Verhoogd per persoon ten laste",
                          "Jaarbedrag normaal (12 × (basis + 4 × per persoon))", "Jaarbedrag verhoogd"])
    first = row + 1
    for year, m in p.huurpremie.items():
        row += 1
        s.number(row, 0, year, "text")
        for col, amount in enumerate((m.normal_base, m.normal_per_dependant, m.raised_base,
                                      m.raised_per_dependant), start=1):
            s.number(row, col, amount, "euro")
        for col, raised, base_col in ((5, False, 1), (6, True, 3)):
            base, per = s.cell(row, base_col), s.cell(row, base_col + 1)
            s.formula(row, col, f"=ROUND(Maanden_per_jaar*({base}+Personen_ten_laste*{per}),2)",
                      yearly_amount(year, raised, index_rate=0), "euro")
    book.name("Huurpremie_jaar", s, first, 0, row, 0)
    book.name("Jaarbedrag_normaal", s, first, 5, row, 5)
    book.name("Jaarbedrag_verhoogd", s, first, 6, row, 6)

    row += 2
    s.text(row, 0, "Voortgangstoetsen en groeipaden (R6, R8)", "subtitle")
    row += 1
    s.text(row, 0, "Niveaus: 1 = MJP, 2 = KTP, 3 = in uitvoering, 4 = gerealiseerd. "
                   "Coëfficiënten: het aandeel van T1, T2, T3 dat minstens op dat niveau moet staan.", "note")
    row += 1
    s.header_row(row, 0, ["Toetsjaar", "Meetdatum", "Sanctie-percentage",
                          "Regulier KTP × T1", "× T2", "× T3", "Regulier MJP × T1", "× T2", "× T3",
                          "Inhaal: fractie SIB", "Inhaal: niveau (nr)", "Inhaal: niveau"])
    for year, test in p.tests.items():
        row += 1
        s.number(row, 0, year, "text")
        s.date(row, 1, test.measured)
        s.number(row, 2, p.sanction_percentages[year], "percent")
        book.name(f"Meetdatum_{year}", s, row, 1)
        book.name(f"Percentage_{year}", s, row, 2)
        for first_col, level in ((3, "KTP"), (6, "MJP")):
            coefficients = test.regular.get(level, (0, 0, 0))
            for offset, c in enumerate(coefficients):
                s.number(row, first_col + offset, c, "decimal")
            book.name(f"Regulier_{level}_{year}", s, row, first_col, row, first_col + 2)
        s.number(row, 9, test.catchup_fraction, "decimal")
        s.number(row, 10, LEVELS.index(test.catchup_level) + 1)
        s.text(row, 11, test.catchup_level)
        book.name(f"Inhaal_fractie_{year}", s, row, 9)
        book.name(f"Inhaal_niveau_{year}", s, row, 10)

    row += 2
    s.text(row, 0, "Alle parameters met hun bron", "subtitle")
    row += 1
    s.header_row(row, 0, ["Parameter", "Regel", "Waarde", "Eenheid", "Interpretatie door bso-xl", "Omschrijving",
                          "Bron"])
    ws.set_column(5, 6, 45)
    for record in p.records:
        row += 1
        s.text(row, 0, record.name, "wrap")
        s.text(row, 1, record.rule)
        s.text(row, 2, record.value, "wrap")
        s.text(row, 3, record.unit, "wrap")
        s.text(row, 4, "ja" if record.interpretation else "nee")
        s.text(row, 5, record.description, "wrap")
        s.text(row, 6, record.source, "wrap")
    protect(s)
