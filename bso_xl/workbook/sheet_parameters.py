"""Sheet *Parameters*: every parameter the formulas use, one readable row per value, with its source.

Formulas refer to these cells by name (``Percentage_2031``, ``Jaarbedrag_normaal``,
``Projecttype_spelling``, …). Values are numbers and dates with Belgian formats (Excel shows
0,25 and 31/12/2025 with the user's separators), never Python text; sources are documents an
officer can find, or "interpretatie van bso-xl" (explained on the Toelichting sheet). Eight
columns, so the sheet prints on A4 at a legible size: A (labels), B–G (values), H (sources).
"""

from __future__ import annotations

from ..parameters import LEVELS, load
from ..rules import yearly_amount
from ..rules.project_rows import MAX_DWELLINGS
from .context import Book, protect
from .project_status import type_spellings

TITLE = "Parameters"
LEVEL_NAMES = {"MJP": "MJP", "KTP": "KTP", "UITVOERING": "in uitvoering", "GEREALISEERD": "gerealiseerd"}
WIDTHS = (36, 11, 11, 11, 11, 11, 11, 46)
SOURCE_COL = 7
SOURCE_WIDTH = WIDTHS[SOURCE_COL]
ALL_WIDTH = sum(WIDTHS)


def _records():
    return {r.key: r for r in load().records if r.key}


def write(book: Book) -> None:
    s = book.sheet(TITLE, "#7F7F7F")
    ws = s.ws
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    s.heading("Parameters van de BSO-regels",
              "Alle formules in dit werkboek rekenen met deze cellen, via hun naam (bv. Percentage_2031). "
              "Kolom 'Interpretatie' zegt of bso-xl een keuze maakte waar de teksten iets open laten (uitleg: "
              "blad Toelichting). Bedragen en data verschijnen in de notatie van uw Excel.", SOURCE_COL, 30)
    row = _scalars(book, s, 3)
    row = _huurpremie(book, s, row + 2)
    row = _tests(book, s, row + 2)
    row = _project_types(book, s, row + 2)
    _tenures(book, s, row + 2)
    protect(s)


def _source_line(s, row: int, text: str) -> None:
    """A table's source under it, over the full width."""
    s.merged_text(row, 0, SOURCE_COL, "Bron: " + text, "note_wrap")
    lines = max(1, -(-len(text) // int(ALL_WIDTH * 1.1)))
    s.ws.set_row(row, 13.5 * lines)


def _scalar_row(book: Book, s, row: int, label: str, value, style: str, unit: str, rule: str,
                interpretation: bool, name: str, source: str) -> None:
    s.text(row, 0, label)
    if style == "date":
        s.date(row, 1, value)
    elif style == "text":
        s.text(row, 1, value)
    else:
        s.number(row, 1, value, style)
    s.text(row, 2, unit)
    s.text(row, 3, rule)
    s.text(row, 4, "ja" if interpretation else "nee")
    s.text(row, 5, name)  # overflows into the empty column G
    s.wrapped(row, SOURCE_COL, source, SOURCE_WIDTH, "note_wrap")
    if name:
        book.name(name, s, row, 1)


def _scalars(book: Book, s, row: int) -> int:
    """One row per single value: what it is, the value, unit, rule, name in formulas, source."""
    p, rec = load(), _records()
    s.text(row, 0, "Vaste waarden", "subtitle")
    row += 1
    s.header_row(row, 0, ["Parameter", "Waarde", "Eenheid", "Regel", "Interpretatie", "Naam in formules", "",
                          "Bron"])
    scalars = [
        ("Maanden per jaar", p.months, "whole", "maanden", "Maanden_per_jaar", "maanden_per_jaar"),
        ("Personen ten laste (maximale verhoging)", p.dependants, "whole", "personen", "Personen_ten_laste",
         "personen_ten_laste"),
        ("Aantal jaarlijkse schijven van de sanctie", p.instalments, "whole", "jaren", "Aantal_schijven",
         "aantal_schijven"),
        ("Eerste schijf … jaar na de toets", p.first_instalment_after, "whole", "jaren", "Eerste_schijf_na_toets",
         "eerste_schijf_na_toets"),
        ("Veronderstelde indexatie (standaard)", p.default_index_rate, "percent_decimal", "per jaar",
         "Indexatie_standaard", "indexatie_veronderstelling"),
        ("Laagste aanvaarde indexatie", p.index_rate_min, "percent_decimal", "per jaar", "Indexatie_minimum",
         "indexatie_minimum"),
        ("Hoogste aanvaarde indexatie", p.index_rate_max, "percent_decimal", "per jaar", "Indexatie_maximum",
         "indexatie_maximum"),
        ("Vrijstelling: drempel (deel van de vergunningen)", p.exemption_threshold, "percent", "", "Vrijstelling_drempel",
         "vrijstelling_drempel"),
        ("Vrijstelling: looptijd van het objectief", p.exemption_years, "whole", "jaren", "Vrijstelling_jaren",
         "vrijstelling_jaren"),
        ("Vrijstelling: venster vergunde woningen", p.permit_window_years, "whole", "jaren", "Vergunningen_venster",
         "vergunningen_venster"),
        ("Vrijstelling: aanvraag uiterlijk", p.exemption_deadline, "date", "datum", "",
         "vrijstelling_aanvraag_uiterlijk"),
        ("Verplicht totaal voor Vlaanderen", p.flemish_total, "whole", "woningen", "Vlaams_totaal",
         "vlaams_verplicht_totaal"),
        ("Vrijwillige enveloppe (basis)", p.envelope_min, "whole", "woningen", "Enveloppe_minimum", "enveloppe_minimum"),
        ("Vrijwillige enveloppe (opschaalbaar tot)", p.envelope_max, "whole", "woningen", "Enveloppe_maximum",
         "enveloppe_maximum"),
        ("Nulmeting", p.nulmeting_date, "date", "datum", "", "nulmeting_datum"),
        ("Beslissing over de definitieve cijfers", p.final_figures_date, "date", "datum", "", "definitieve_cijfers_datum"),
    ]
    for label, value, style, unit, name, key in scalars:
        row += 1
        r = rec[key]
        _scalar_row(book, s, row, label, value, style, unit, r.rule, r.interpretation, name, r.source)
    for term, (first, last) in p.legislatures.items():
        row += 1
        _scalar_row(book, s, row, f"Legislatuur {term}", f"{first}–{last}", "text", "jaren", "R4", False, "",
                    rec["legislaturen"].source)
    row += 1
    _scalar_row(book, s, row, "Verdeling zonder officiële T1, T2, T3", "gelijke derden, rest vooraan (100 → 34, 33, 33)",
                "text", "", "R4", True, "", rec["tussentijdse_verdeling"].source)
    why = "interpretatie van bso-xl: een jaartal alleen (2030) is geen datum; meer woningen in één rij is een tikfout"
    for label, value, name, style in (("Projecten: geldige datums vanaf", p.date_min, "Datum_min", "date"),
                                      ("Projecten: geldige datums tot en met", p.date_max, "Datum_max", "date"),
                                      ("Projecten: hoogste aantal woningen per rij", MAX_DWELLINGS, "Max_woningen",
                                       "whole")):
        row += 1
        _scalar_row(book, s, row, label, value, style, "", "R5", True, name, why)
    return row


def _huurpremie(book: Book, s, row: int) -> int:
    p, rec = load(), _records()
    s.text(row, 0, "Maximale huurpremie per maand (R8)", "subtitle")
    row += 1
    s.header_row(row, 0, ["Jaar (vanaf 1 januari)", "Normaal: basis", "Normaal: per persoon ten laste",
                          "Verhoogd: basis", "Verhoogd: per persoon ten laste",
                          "Jaarbedrag normaal", "Jaarbedrag verhoogd"])
    s.ws.set_row(row, 42)
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
    row += 1
    s.text(row, 0, "Jaarbedrag = 12 × (basis + 4 × per persoon ten laste), per ontbrekende woning, vóór het "
                   "sanctiepercentage.", "note")
    row += 1
    _source_line(s, row, rec["huurpremie_2025_normaal"].source)
    return row


def _tests(book: Book, s, row: int) -> int:
    """One column per progress test, one row per quantity (fits the page's eight columns)."""
    p, rec = load(), _records()
    years = list(p.tests)
    s.text(row, 0, "Voortgangstoetsen en groeipaden (R6, R8)", "subtitle")
    row += 1
    s.header_row(row, 0, ["Voortgangstoets"] + [str(y) for y in years])
    lines = [("Meetdatum", None), ("Sanctiepercentage", None)] + [
        (f"Regulier pad, minstens {level}: deel van {term}", (level, i))
        for level in ("KTP", "MJP") for i, term in enumerate(("T1", "T2", "T3"))
    ] + [("Inhaalpad: deel van de SIB", None), ("Inhaalpad: niveau (1 = MJP … 4 = gerealiseerd)", None),
         ("Inhaalpad: niveau", None)]
    first = row + 1
    for offset, (label, _) in enumerate(lines):
        s.text(first + offset, 0, label)
    for col, year in enumerate(years, start=1):
        test = p.tests[year]
        r = first
        s.date(r, col, test.measured)
        book.name(f"Meetdatum_{year}", s, r, col)
        s.number(r + 1, col, p.sanction_percentages[year], "percent")
        book.name(f"Percentage_{year}", s, r + 1, col)
        for block, level in enumerate(("KTP", "MJP")):
            top = r + 2 + 3 * block
            for i, c in enumerate(test.regular.get(level, (0, 0, 0))):
                s.number(top + i, col, c, "decimal")
            book.name(f"Regulier_{level}_{year}", s, top, col, top + 2, col)
        s.number(r + 8, col, test.catchup_fraction, "decimal")
        book.name(f"Inhaal_fractie_{year}", s, r + 8, col)
        s.number(r + 9, col, LEVELS.index(test.catchup_level) + 1)
        book.name(f"Inhaal_niveau_{year}", s, r + 9, col)
        s.text(r + 10, col, LEVEL_NAMES[test.catchup_level])
    row = first + len(lines)
    _source_line(s, row, rec["sanctie_percentage_2028"].source)
    return row


def _project_types(book: Book, s, row: int) -> int:
    """R5: what a project row adds per type; every accepted spelling (Dutch name or VMSW code)."""
    p = load()
    s.text(row, 0, "Projecttypes: wat een project telt (R5)", "subtitle")
    row += 1
    s.text(row, 0, "Een rij telt (× woningen) · Woningen − (× gesloopt) · Gesloopt zodra ze een fase bereikt; "
                   "hoofdletters en spaties in kolom Type tellen niet mee.", "note")
    row += 1
    s.header_row(row, 0, ["Schrijfwijze in kolom Type", "× woningen", "× gesloopt", "Gesloopt verplicht", "Nr",
                          "Type", "", "Omschrijving"])
    s.ws.set_row(row, 30)
    first = row + 1
    for position, (spelling, kind) in enumerate(type_spellings(), start=1):
        row += 1
        s.text(row, 0, spelling)
        s.number(row, 1, kind.dwellings_factor)
        s.number(row, 2, kind.demolished_factor)
        s.number(row, 3, 1 if kind.demolished_required else 0, "yes_no")
        s.number(row, 4, position)
        s.text(row, 5, kind.name)  # overflows into the empty column G
        s.wrapped(row, SOURCE_COL, kind.description, SOURCE_WIDTH, "wrap")
    for name, col in (("spelling", 0), ("woningen", 1), ("gesloopt", 2), ("verplicht", 3), ("positie", 4),
                      ("naam", 5), ("omschrijving", SOURCE_COL)):
        book.name(f"Projecttype_{name}", s, first, col, row, col)
    row += 1
    default = next(i for i, (sp, _) in enumerate(type_spellings(), start=1) if sp == p.default_project_type)
    s.text(row, 0, "Leeg Type telt als")
    s.number(row, 4, default)
    s.text(row, 5, p.default_project_type)
    book.name("Projecttype_standaard", s, row, 4)
    row += 1
    _source_line(s, row, p.project_types_source)
    return row


def _tenures(book: Book, s, row: int) -> int:
    p = load()
    s.text(row, 0, "Huur of koop (R5): enkel sociale huurwoningen tellen", "subtitle")
    row += 1
    s.header_row(row, 0, ["Huur/koop", "Telt (1 = ja)", "Nr", "", "", "", "", "Omschrijving"])
    first = row + 1
    for position, kind in enumerate(p.tenures, start=1):
        row += 1
        s.text(row, 0, kind.name)
        s.number(row, 1, kind.factor)
        s.number(row, 2, position)
        s.text(row, SOURCE_COL, kind.description)
    for name, col in (("naam", 0), ("telt", 1), ("positie", 2)):
        book.name(f"Huurkoop_{name}", s, first, col, row, col)
    row += 1
    s.text(row, 0, "Lege Huur/koop telt als")
    s.number(row, 2, next(i for i, k in enumerate(p.tenures, start=1) if k.name == p.default_tenure))
    s.text(row, SOURCE_COL, p.default_tenure)
    book.name("Huurkoop_standaard", s, row, 2)
    return row
