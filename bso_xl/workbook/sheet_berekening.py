"""Sheet *Berekening*: the objective from its five components (R2), the interim split (R4),
provisional → final (R3) and the exemption test (R9)."""

from __future__ import annotations

from fractions import Fraction

from ..parameters import load
from . import guards
from .context import Book, protect
from .inputs import NAME_PERMITS

TITLE = "Berekening"


def write(book: Book) -> None:
    m = book.model
    obj, fig = m.objective, m.figures
    s = book.sheet(TITLE, "#2F75B5")
    ws = s.ws
    # one A4 page wide at a legible size: ≤ 148 characters of column width
    ws.set_column(0, 0, 50)
    ws.set_column(1, 4, 12)
    ws.set_column(5, 5, 40)
    s.text(0, 0, f"Berekening van het BSO — {fig.name}", "title")
    if fig.is_demo:
        s.text(1, 0, "VOORBEELDCIJFERS — GEEN OFFICIËLE CIJFERS", "demo")

    row = 3
    s.text(row, 0, "Componenten (R2)", "subtitle")
    s.text(row, 5, "Uitleg", "bold")
    components = [
        ("Aandeel op peil houden", fig.components.aandeel_op_peil, "+", "huishoudensgroei bijhouden"),
        ("Specifieke inhaalbeweging (SIB)", fig.components.sib, "+", "inhaalbeweging: het vorige BSO (2009–2025) niet gehaald"),
        ("Wettelijke doelgroep", fig.components.wettelijke_doelgroep, "+", "private huurders met recht op sociale huur"),
        ("Overschrijding", fig.components.overschrijding, "−", "eerdere overrealisatie, afgetrokken"),
        ("9%-aftopping", fig.components.aftopping_9pct, "−", "sociaal huuraandeel niet boven 9%"),
    ]
    cells = []
    for label, value, sign, why in components:
        row += 1
        s.text(row, 0, f"{sign} {label}")
        s.number(row, 1, value)
        s.text(row, 5, why, "note")
        cells.append(s.cell(row, 1))
    sib_component = cells[1]
    row += 1
    identity = f"={cells[0]}+{cells[1]}+{cells[2]}-{cells[3]}-{cells[4]}"
    s.text(row, 0, "= Som van de componenten", "bold")
    s.formula(row, 1, identity, obj.identity, "whole_bold")
    identity_cell = s.cell(row, 1)
    row += 1
    s.text(row, 0, "BSO volgens de componenten (negatief telt als 0)")
    s.formula(row, 1, f"=MAX(0,{identity_cell})", obj.from_components)
    computed_cell = s.cell(row, 1)
    row += 1
    s.text(row, 0, "Officieel BSO (cijferbestand)")
    if obj.official_bso is None:
        s.text(row, 1, "")
        s.text(row, 5, "niet opgegeven: het BSO volgens de componenten geldt", "note")
    else:
        s.number(row, 1, obj.official_bso)
        s.text(row, 5, "het officiële cijfer geldt altijd", "note")
    official_cell = s.cell(row, 1)
    row += 1
    s.text(row, 0, "Verschil officieel − componenten")
    difference = 0 if obj.official_bso is None else obj.official_bso - obj.from_components
    s.formula(row, 1, f"=IF(ISNUMBER({official_cell}),{official_cell}-{computed_cell},0)", difference)
    if difference:
        s.text(row, 5, f"Let op: {obj.warnings[0]}", "warning")
    row += 2
    s.text(row, 0, "BSO (geldend)", "bold")
    s.formula(row, 1, f"=IF(ISNUMBER({official_cell}),{official_cell},{computed_cell})", obj.bso, "whole_bold")
    book.name("BSO", s, row, 1)
    s.ws.write_comment(row, 1, "R2: officieel BSO indien opgegeven, anders de som van de componenten (min. 0).")
    row += 1
    s.text(row, 0, "SIB (geteld: nooit meer dan het BSO)", "bold")
    s.formula(row, 1, f"=MIN({sib_component},BSO)", obj.sib, "whole_bold")
    book.name("SIB", s, row, 1)
    s.ws.write_comment(row, 1, "R2 (interpretatie): de inhaalbeweging overschrijdt het BSO nooit.")
    row += 1
    s.text(row, 0, "Regulier objectief = BSO − SIB", "bold")
    s.formula(row, 1, "=BSO-SIB", obj.regulier, "whole_bold")
    book.name("Regulier", s, row, 1)

    row += 2
    s.text(row, 0, "Tussentijdse doelstellingen (R4)", "subtitle")
    s.text(row, 1, "T1 (2025–2030)", "header")
    s.text(row, 2, "T2 (2031–2036)", "header")
    s.text(row, 3, "T3 (2037–2042)", "header")
    s.text(row, 4, "Controle", "header")
    s.ws.set_row(row, 27)
    row += 1
    if fig.interim is None:
        s.text(row, 0, "Gelijke derden, rest naar de vroegste legislatuur")
        third = "INT(Regulier/3)"
        formulas = [f"={third}+IF(MOD(Regulier,3)>=1,1,0)", f"={third}+IF(MOD(Regulier,3)>=2,1,0)", f"={third}"]
        for col, (formula, value) in enumerate(zip(formulas, obj.interim), start=1):
            s.formula(row, col, formula, value, "whole_bold")
    else:
        s.text(row, 0, "Officiële verdeling (bijlage 35)")
        for col, value in enumerate(obj.interim, start=1):
            s.number(row, col, value, "whole_bold")
    for col, name in enumerate(("Tussentijds_T1", "Tussentijds_T2", "Tussentijds_T3"), start=1):
        book.name(name, s, row, col)
    book.name("Tussentijds", s, row, 1, row, 3)
    s.formula(row, 4, '=IF(SUM(Tussentijds)=Regulier,"in orde","som ≠ regulier")', "in orde")
    s.text(row, 5, "namen: Tussentijds_T1, _T2, _T3 (T1 is een celadres)", "note")

    row = _write_provisional(book, s, row + 2)
    _write_exemption(book, s, row + 2)
    protect(s)


NOT_COMPUTABLE = "niet te berekenen"


def _write_provisional(book: Book, s, row: int) -> int:
    """R3: the model that explains provisional → final, and what it does not explain.

    The pot and the sum of the provisional objectives are Flemish: known from a file that covers
    all 285 municipalities or from its stated Flemish totals, never from a partial sum. Names
    Pot_Vlaanderen and Model_definitief hold the numbers, or "niet te berekenen".
    Returns the last row used.
    """
    m = book.model
    expl = m.provisional
    s.text(row, 0, "Van voorlopig naar definitief BSO (R3, verklarend model)", "subtitle")
    if expl is None:
        if not m.provisional_known:
            why = ("Dit cijferbestand dekt niet alle 285 gemeenten en vermeldt geen Vlaamse totalen "
                   "(# vlaams_voorlopig_totaal, # vlaams_gerealiseerd_2024_2025). De pot is de som over heel "
                   "Vlaanderen van de woningen gerealiseerd in 2024–2025; uit dit bestand kan hij niet verklaard "
                   "worden, en een aandeel tonen zou misleiden.")
        else:
            why = "Het cijferbestand geeft voor deze gemeente geen voorlopig BSO en gerealiseerde woningen 2024–2025."
        s.merged_text(row + 1, 0, 5, why)
        s.ws.set_row(row + 1, 42)
        s.text(row + 2, 0, "Pot: alle aftrekken in Vlaanderen samen")
        if m.flemish_pot is None:
            s.text(row + 2, 1, NOT_COMPUTABLE)
        else:
            s.number(row + 2, 1, m.flemish_pot)
        book.name("Pot_Vlaanderen", s, row + 2, 1)
        s.text(row + 3, 0, "Model: definitief BSO")
        s.text(row + 3, 1, NOT_COMPUTABLE)
        book.name("Model_definitief", s, row + 3, 1)
        return row + 3
    source = ("som over alle 285 gemeenten van het cijferbestand" if expl.over_flanders
              else "Vlaams totaal zoals vermeld in het cijferbestand")
    whole = ("Model in hele woningen (grootste-restmethode over Vlaanderen)" if expl.over_flanders
             else "Model in hele woningen (afgerond; over heel Vlaanderen kan het 1 verschillen)")
    lines = [
        ("Voorlopig BSO (cijfers 31/12/2023)", None, expl.provisional, "whole", ""),
        ("Gerealiseerd 31/12/2023 – 31/12/2025", None, expl.realised, "whole", ""),
        ("Afgetrokken (niet meer dan het voorlopige BSO)", "=MIN({1},{0})", expl.deducted, "whole", ""),
        ("Som van de voorlopige BSO's in Vlaanderen", None, expl.provisional_total, "whole", source),
        ("Pot: alle aftrekken in Vlaanderen samen", None, expl.pot, "whole", source),
        ("Aandeel van de gemeente in de pot = voorlopig BSO / som", "=IF({3}=0,0,{0}/{3})", expl.share,
         "percent_decimal", ""),
        ("Model: voorlopig − afgetrokken + aandeel × pot", "={0}-{2}+{5}*{4}", expl.exact, "decimal", ""),
        (whole, None if expl.over_flanders else "=ROUND({6},0)", expl.model_final, "whole", ""),
        ("Niet verklaard door het model = BSO − model", "=BSO-{7}", expl.unexplained, "whole_bold",
         "officiële cijfers gaan altijd voor; het model verklaart enkel het verschil"),
    ]
    refs: list[str] = []
    for offset, (label, formula, value, style, note) in enumerate(lines, start=1):
        r = row + offset
        s.text(r, 0, label)
        if formula is None:
            s.number(r, 1, value, style)
        else:
            s.formula(r, 1, formula.format(*refs), value, style)
        if note:
            s.text(r, 5, note, "note")
        refs.append(s.cell(r, 1))
    book.name("Pot_Vlaanderen", s, row + 5, 1)
    book.name("Model_definitief", s, row + 8, 1)
    return row + len(lines)


def _write_exemption(book: Book, s, row: int) -> None:
    """R9: both sides of the inequality, per year; "niet van toepassing" without a SIB."""
    m = book.model
    ex = m.exemption
    obj = m.objective
    s.text(row, 0, "Vrijstelling van de inhaalbeweging (R9)", "subtitle")
    s.text(row, 5, "Aanvraag uiterlijk 1 juni 2026; ruimtelijke redenen (voorwaarde a) zijn een beoordeling.", "note")
    r = row + 1
    s.text(r, 0, "Regulier objectief + SIB (de inspanning over 2026–2042)")
    s.formula(r, 1, "=Regulier+SIB", obj.regulier + obj.sib)
    total = s.cell(r, 1)
    r += 1
    s.text(r, 0, "Per jaar: gedeeld door het aantal jaren (17)")
    s.formula(r, 1, f"={total}/Vrijstelling_jaren", Fraction(obj.regulier + obj.sib, load().exemption_years), "decimal")
    r += 1
    s.text(r, 0, "Gemiddeld aantal vergunde woningen per jaar volgens de bron")
    if ex.permits_source_value is None:
        s.text(r, 1, "niet gekend")
        s.text(r, 5, "geen cijfer in het cijferbestand of de basiscijfers: vul het gemiddelde per jaar in", "note")
    else:
        s.number(r, 1, ex.permits_source_value, "decimal")
        s.text(r, 5, f"bron: {ex.permits_source}", "note")
    source = s.cell(r, 1)
    r += 1
    s.text(r, 0, "Eigen invoer (leeg = volgens de bron)")
    s.typed(r, 1, m.inputs.permits, "input_decimal")
    book.name(NAME_PERMITS, s, r, 1)
    s.ws.data_validation(r, 1, r, 1, {
        "validate": "decimal", "criteria": ">=", "value": 0,
        "error_title": "Vergunde woningen", "error_message": "Geef een getal ≥ 0 (woningen per jaar).",
    })
    typed = s.cell(r, 1)
    r += 1
    s.text(r, 0, "Gemiddeld aantal vergunde woningen per jaar (gebruikt)", "bold")
    used = "niet gekend" if ex.permits_used is None else ex.permits_used  # the source cell's text
    s.formula(r, 1, guards.permits_used_formula(typed, source), used, "decimal")
    book.name("Vergunde_woningen", s, r, 1)
    permits = s.cell(r, 1)
    r += 1
    s.text(r, 0, "Drempel: 25% × gemiddeld aantal vergunde woningen per jaar")
    right = ex.test.right if ex.test else ""
    s.formula(r, 1, f'=IF(ISNUMBER({permits}),Vrijstelling_drempel*{permits},"")', right, "decimal")
    threshold = s.cell(r, 1)
    r += 1
    s.text(r, 0, "Voorwaarde (b): per jaar meer dan de drempel?", "bold")
    s.formula(r, 1, f'=IF(SIB=0,"niet van toepassing",IF(ISNUMBER({permits}),'
                    f'IF({total}>Vrijstelling_jaren*{threshold},"ja","nee"),"niet te berekenen"))',
              ex.status, "bold")
    book.name("Vrijstelling_toets", s, r, 1)
    r += 1
    s.formula(r, 0, _reading_formula(total, threshold), _reading_text(m), "note")


def _reading_text(m) -> str:
    ex = m.exemption
    if ex.status == "niet van toepassing":
        return ("Niet van toepassing: de vrijstelling geldt enkel voor de specifieke inhaalbeweging, en deze "
                "gemeente heeft geen SIB (R9).")
    if ex.test is None:
        return "Niet te berekenen zonder gemiddeld aantal vergunde woningen per jaar."
    literal = "wel" if ex.test.literal_eligible else "niet"
    return (f"Letterlijk gelezen (het hele objectief van {ex.test.objective_total} woningen tegenover 25% van één "
            f"jaar vergunningen) is de voorwaarde {literal} voldaan; bso-xl vergelijkt per jaar (R9, interpretatie).")


def _reading_formula(total: str, threshold: str) -> str:
    return (f'=IF(SIB=0,"Niet van toepassing: de vrijstelling geldt enkel voor de specifieke inhaalbeweging, en '
            f'deze gemeente heeft geen SIB (R9).",IF(ISNUMBER({threshold}),"Letterlijk gelezen (het hele objectief '
            f'van "&{total}&" woningen tegenover 25% van één jaar vergunningen) is de voorwaarde "&IF({total}>'
            f'{threshold},"wel","niet")&" voldaan; bso-xl vergelijkt per jaar (R9, interpretatie).",'
            f'"Niet te berekenen zonder gemiddeld aantal vergunde woningen per jaar."))')
