"""Sheet *Berekening*: the objective from its five components (R2), the interim split (R4),
provisional → final (R3) and the exemption test (R9)."""

from __future__ import annotations

from .context import Book, protect

TITLE = "Berekening"


def write(book: Book) -> None:
    m = book.model
    obj, fig = m.objective, m.figures
    s = book.sheet(TITLE, "#2F75B5")
    ws = s.ws
    ws.set_column(0, 0, 52)
    ws.set_column(1, 4, 14)
    ws.set_column(5, 5, 60)
    s.text(0, 0, f"Berekening van het BSO — {fig.name}", "title")
    if fig.is_demo:
        s.text(1, 0, "VOORBEELDCIJFERS — GEEN OFFICIËLE CIJFERS", "demo")

    row = 3
    s.text(row, 0, "Componenten (R2)", "subtitle")
    s.text(row, 5, "Uitleg", "bold")
    components = [
        ("Aandeel op peil houden", fig.components.aandeel_op_peil, "+", "huishoudensgroei bijhouden"),
        ("Specifieke inhaalbeweging (SIB)", fig.components.sib, "+", "gemiste vorig BSO (2009–2025)"),
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
    s.text(row, 5, "Namen in formules: Tussentijds_T1, _T2, _T3 (Excel laat de naam T1 niet toe: "
                   "dat is een celadres).", "note")

    row += 2
    _write_provisional(book, s, row)
    row += 12
    _write_exemption(book, s, row)
    protect(s)


def _write_provisional(book: Book, s, row: int) -> None:
    """R3: the model that explains provisional → final, and what it does not explain."""
    expl = book.model.provisional
    s.text(row, 0, "Van voorlopig naar definitief BSO (R3, verklarend model)", "subtitle")
    if expl is None:
        s.text(row + 1, 0, "Het cijferbestand geeft geen voorlopig BSO en gerealiseerde woningen 2024–2025.", "note")
        return
    lines = [
        ("Voorlopig BSO (cijfers 31/12/2023)", None, expl.provisional, "whole"),
        ("Gerealiseerd 31/12/2023 – 31/12/2025", None, expl.realised, "whole"),
        ("Afgetrokken (niet meer dan het voorlopige BSO)", "=MIN({1},{0})", expl.deducted, "whole"),
        ("Som voorlopige BSO's in Vlaanderen", None, expl.provisional_total, "whole"),
        ("Pot: som van alle aftrekken in Vlaanderen", None, expl.pot, "whole"),
        ("Aandeel van de gemeente in de pot", "=IF({3}=0,0,{0}/{3})", expl.provisional / expl.provisional_total
         if expl.provisional_total else 0, "percent_decimal"),
        ("Model: voorlopig − afgetrokken + aandeel × pot", "={0}-{2}+{5}*{4}", expl.exact, "decimal"),
        ("Model in hele woningen (grootste-restmethode over Vlaanderen)", None, expl.model_final, "whole"),
        ("Niet verklaard door het model = BSO − model", "=BSO-{7}", expl.unexplained, "whole_bold"),
    ]
    refs: list[str] = []
    for offset, (label, formula, value, style) in enumerate(lines, start=1):
        s.text(row + offset, 0, label)
        if formula is None:
            s.number(row + offset, 1, value, style)
        else:
            s.formula(row + offset, 1, formula.format(*refs), value, style)
        refs.append(s.cell(row + offset, 1))
    s.text(row + 8, 5, "berekend door bso-xl over alle gemeenten van het cijferbestand", "note")


def _write_exemption(book: Book, s, row: int) -> None:
    """R9 (b): both sides of the inequality, not only the answer."""
    test = book.model.exemption
    permits = book.model.average_permits
    s.text(row, 0, "Vrijstelling van de inhaalbeweging (R9)", "subtitle")
    s.text(row, 5, "Aanvraag uiterlijk 1 juni 2026; ruimtelijke redenen (a) zijn een beoordeling.", "note")
    s.text(row + 1, 0, "Linkerlid: regulier objectief + SIB")
    s.formula(row + 1, 1, "=Regulier+SIB", book.model.objective.regulier + book.model.objective.sib)
    s.text(row + 2, 0, "Gemiddeld aantal vergunde woningen per jaar (invoer)")
    average = s.cell(row + 2, 1)
    if permits is None:
        s.blank(row + 2, 1, "input_decimal")
    else:
        s.number(row + 2, 1, permits, "input_decimal")
    s.ws.data_validation(row + 2, 1, row + 2, 1, {
        "validate": "decimal", "criteria": ">=", "value": 0,
        "error_title": "Vergunde woningen", "error_message": "Geef een getal ≥ 0 (woningen per jaar).",
    })
    s.text(row + 2, 5, f"bron: {book.model.average_permits_source}" if permits is not None
           else "niet gekend: vul het gemiddelde per jaar over de laatste 6 jaar in", "note")
    s.text(row + 3, 0, "Rechterlid: drempel × gemiddeld vergunde woningen")
    right = "" if test is None else test.right
    s.formula(row + 3, 1, f'=IF(ISNUMBER({average}),Vrijstelling_drempel*{average},"")', right, "decimal")
    s.text(row + 4, 0, "Voorwaarde (b) voldaan (per jaar: regulier + SIB gedeeld door 17 jaar)?", "bold")
    answer = test.status if test is not None else ("niet van toepassing" if book.model.objective.sib == 0 else "")
    s.formula(row + 4, 1, f'=IF(SIB=0,"niet van toepassing",IF(ISNUMBER({average}),IF({s.cell(row + 1, 1)}>Vrijstelling_jaren*{s.cell(row + 3, 1)},"ja","nee"),""))',
              answer, "bold")
