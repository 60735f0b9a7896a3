"""Sheets *Ruil* and *Wat-als VVSG*: the swap simulator (driepartijenovereenkomst, R10).

Up to ten swaps at once: *van* hands *aantal* dwellings of its BSO to *naar*. Each row is checked
in formulas (known municipality, whole number ≥ 1, same werkingsgebied, part of this
woonmaatschappij), every municipality's BSO after all counted swaps must stay ≥ 0, and only when
every row passes are the new objectives computed — never a partial, silently wrong total. The
sum per werkingsgebied before and after is shown as a check.

*Wat-als VVSG* is the same simulator under the VVSG's proposal: one partner may lie outside the
werkingsgebied (named by the user: there is no adjacency data). Its sheets say on every page
that it is not current law. Python mirrors of every check are in :mod:`bso_xl.overview.swap`.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.utility import xl_rowcol_to_cell

from ..workbook.context import protect
from . import sheet_gemeenten as G
from . import swap as S
from .book import WHAT_IF_BANNER, OverviewBook, banner, intro_height

LAW, WHAT_IF = "Ruil", "Wat-als VVSG"
SWAP_HEADER = 10
SWAP_FIRST = 11
VAN, NAAR, AANTAL, NIS_VAN, NIS_NAAR, WG_VAN, WG_NAAR, TELT, NA_VAN, NA_NAAR, CTRL, CTRL0 = range(12)
LAST_COL = CTRL0
WIDTHS = [18, 18, 7, 6.5, 6.5, 14, 14, 7, 7, 7, 26, 26]
# the members table (same columns, other meaning)
M_NAME, M_AREA, M_BSO, M_SIB, M_HANDED, M_TAKEN, M_BSO_AFTER, M_SIB_AFTER, M_REG_AFTER, M_T1 = range(10)


def prefix(what_if: bool) -> str:
    return "Watals" if what_if else "Ruil"


@dataclass(frozen=True)
class Layout:
    title: str
    what_if: bool
    members_first: int
    row_of: dict[str, int]  # NIS → members row
    areas_first: int

    def ref(self, nis: str, col: int) -> str:
        return f"'{self.title}'!" + xl_rowcol_to_cell(self.row_of[nis], col, True, True)

    @property
    def valid_name(self) -> str:
        return f"{prefix(self.what_if)}_geldig"

    @property
    def status_name(self) -> str:
        return f"{prefix(self.what_if)}_status"


def layout(rows, what_if: bool) -> Layout:
    members_first = SWAP_FIRST + S.SWAP_ROWS + 4
    row_of = {r.nis: members_first + i for i, r in enumerate(rows)}
    return Layout(WHAT_IF if what_if else LAW, what_if, members_first, row_of, members_first + len(rows) + 3)


def _span(first: int, last: int, col: int) -> str:
    return xl_rowcol_to_cell(first, col, True, True) + ":" + xl_rowcol_to_cell(last, col, True, True)


def write(book: OverviewBook, model: S.SwapModel) -> None:
    what_if = model.what_if
    lay: Layout = book.layouts[WHAT_IF if what_if else LAW]
    gem: G.Layout = book.layouts[G.TITLE]
    s = book.sheet(lay.title, "#C00000" if what_if else "#7030A0")
    ws = s.ws
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    if what_if:
        intro = ("Wat-als volgens het voorstel van de VVSG: een gemeente van deze woonmaatschappij ruilt een deel van "
                 "haar BSO met een gemeente buiten haar werkingsgebied (bv. een aangrenzende gemeente; bso-xl kent "
                 "geen buurgemeenten, u kiest de partner zelf). Dit is geen geldend recht (R10). Verder geldt "
                 "hetzelfde als op blad Ruil: de som blijft gelijk, geen BSO onder 0, en bij één ongeldige rij "
                 "wordt niets berekend.")
    else:
        intro = ("Driepartijenovereenkomst (R10): gemeenten van hetzelfde werkingsgebied kunnen een deel van hun BSO "
                 "ruilen; de som blijft gelijk en geen gemeente gaat onder 0. Vul per rij in wie afstaat (van), wie "
                 "overneemt (naar) en hoeveel woningen (gele cellen; een naam uit de lijst of een NIS-code). Elke rij "
                 "wordt gecontroleerd; zolang één rij een melding heeft, worden geen nieuwe objectieven berekend. "
                 "De gevolgen per toets staan op blad Ruil gevolgen.")
    s.heading(f"{'Wat-als: ruil buiten het werkingsgebied' if what_if else 'Ruil van BSO'} — {book.wm}", intro,
              LAST_COL, intro_height(intro, WIDTHS))
    if what_if:
        s.merged_text(2, 0, LAST_COL, WHAT_IF_BANNER, "what_if")
        ws.set_row(2, 32)
    banner(book, s, 3, LAST_COL)
    _swap_rows(book, s, lay, model, gem)
    _members(book, s, lay, model, gem)
    _areas(book, s, lay, model)
    ws.freeze_panes(SWAP_HEADER + 1, 0)
    ws.repeat_rows(0, 2 if what_if else 0)
    protect(s)


def _swap_rows(book, s, lay: Layout, model: S.SwapModel, gem: G.Layout) -> None:
    ws = s.ws
    pre = prefix(model.what_if)
    first, last = SWAP_FIRST, SWAP_FIRST + S.SWAP_ROWS - 1
    ranges = {col: _span(first, last, col) for col in (NIS_VAN, NIS_NAAR, TELT, CTRL, CTRL0)}
    # status and counts above the table
    counted_cell, message_cell, valid_cell = (5, 1), (6, 1), (7, 1)
    s.text(4, 0, "Status", "bold")
    ws.merge_range(4, 1, 4, LAST_COL, "", s.styles["status"])
    s.formula(4, 1, S.status_formula(lay.valid_name, s.cell(*counted_cell), s.cell(*message_cell)), model.status,
              "status")
    ws.set_row(4, 30)
    book.name(lay.status_name, s, 4, 1)
    s.text(5, 0, "Ruilen die meetellen")
    s.formula(*counted_cell, f'=COUNTIF({ranges[TELT]},">0")', model.counted_swaps, "whole_bold")
    s.text(6, 0, "Rijen met een melding")
    s.formula(*message_cell, f"=SUMPRODUCT(((LEN({ranges[CTRL]})+LEN({ranges[CTRL0]}))>0)*1)",
              model.rows_with_message, "whole_bold")
    s.text(7, 0, "Geldig (1 = ja, 0 = nee)")
    s.formula(*valid_cell, f"=IF({s.cell(*message_cell)}=0,1,0)", 1 if model.valid else 0, "whole_bold")
    book.name(lay.valid_name, s, *valid_cell)
    ws.conditional_format(4, 1, 4, 1, {"type": "formula", "criteria": f"={lay.valid_name}=0",
                                       "format": s.styles["bad"]})
    ws.conditional_format(4, 1, 4, 1, {"type": "formula", "criteria": f"={lay.valid_name}=1",
                                       "format": s.styles["good"]})
    s.text(SWAP_HEADER - 1, 0, "Ruilen (gele cellen: invoer)", "subtitle")
    s.header_row(SWAP_HEADER, 0, ["Van (staat af)", "Naar (neemt over)", "Aantal woningen", "NIS van", "NIS naar",
                                  "Werkingsgebied van", "Werkingsgebied naar", "Telt mee (woningen)",
                                  "BSO van na alle ruilen", "BSO naar na alle ruilen", "Controle invoer",
                                  "Controle: geen BSO onder 0"])
    ws.set_row(SWAP_HEADER, 42)
    members = gem.column(G.NIS)
    choices = "=Lijst_gemeente" if model.what_if else "=" + gem.column(G.NAME)
    for index, line in enumerate(model.lines):
        r = first + index
        ws.set_row(r, 27)
        for col, value, style in ((VAN, line.typed[0], "input_text"), (NAAR, line.typed[1], "input_text"),
                                  (AANTAL, line.typed[2], "input_general")):
            s.typed(r, col, value, style)
        van, naar, aantal = s.cell(r, VAN), s.cell(r, NAAR), s.cell(r, AANTAL)
        s.formula(r, NIS_VAN, S.resolve_formula(van, "Lijst_gemeente", "Lijst_NIS"), line.from_nis, "text")
        s.formula(r, NIS_NAAR, S.resolve_formula(naar, "Lijst_gemeente", "Lijst_NIS"), line.to_nis, "text")
        nis_van, nis_naar = s.cell(r, NIS_VAN), s.cell(r, NIS_NAAR)
        for col, nis, value in ((WG_VAN, nis_van, line.from_area), (WG_NAAR, nis_naar, line.to_area)):
            s.formula(r, col, f'=IF({nis}="","",INDEX(Lijst_werkingsgebied,MATCH({nis},Lijst_NIS,0)))', value, "wrap")
        s.formula(r, CTRL, S.row_error_formula(van, naar, aantal, nis_van, nis_naar, s.cell(r, WG_VAN),
                                               s.cell(r, WG_NAAR), members, model.what_if),
                  line.error, "warning_wrap")
        ctrl = s.cell(r, CTRL)
        s.formula(r, TELT, f'=IF(AND({ctrl}="",{nis_van}<>""),{aantal},0)', line.counted, "whole_no_zero")
        for col, nis, value in ((NA_VAN, nis_van, line.from_after), (NA_NAAR, nis_naar, line.to_after)):
            flows = (f"-SUMPRODUCT(({ranges[NIS_VAN]}={nis})*{ranges[TELT]})"
                     f"+SUMPRODUCT(({ranges[NIS_NAAR]}={nis})*{ranges[TELT]})")
            s.formula(r, col, f'=IF({nis}="","",INDEX(Lijst_BSO,MATCH({nis},Lijst_NIS,0)){flows})',
                      "" if value is None else value, "whole")
        below_from = S.BELOW_ZERO_FROM.split("{}")
        below_to = S.BELOW_ZERO_TO.split("{}")
        na_van, na_naar = s.cell(r, NA_VAN), s.cell(r, NA_NAAR)
        s.formula(r, CTRL0, f'=IF({s.cell(r, TELT)}=0,"",IF({na_van}<0,{S.q(below_from[0])}&{na_van}&'
                            f'{S.q(below_from[1])},IF({na_naar}<0,{S.q(below_to[0])}&{na_naar}&{S.q(below_to[1])},"")))',
                  line.below_zero, "warning_wrap")
    ws.data_validation(first, VAN, last, NAAR, {
        "validate": "list", "source": choices, "error_type": "warning",
        "error_title": "Gemeente", "error_message": "Kies een gemeente uit de lijst of typ haar NIS-code."})
    ws.data_validation(first, AANTAL, last, AANTAL, {
        "validate": "integer", "criteria": ">=", "value": 1,
        "error_title": "Aantal woningen", "error_message": "Geef een geheel aantal woningen, minstens 1."})
    for name, col in (("van", VAN), ("naar", NAAR), ("aantal", AANTAL)):
        book.name(f"{pre}_{name}", s, first, col, last, col)
    s.merged_text(last + 1, 0, LAST_COL, "Een lege rij telt niet mee. Alle ruilen gelden samen: het BSO 'na alle "
                                         "ruilen' telt elke geldige rij mee waarin de gemeente voorkomt. Hieronder: "
                                         "n.b. = niet berekend, want een rij heeft een melding.", "note_wrap")


def _members(book, s, lay: Layout, model: S.SwapModel, gem: G.Layout) -> None:
    ws = s.ws
    first = lay.members_first
    s.text(first - 2, 0, f"Objectieven na de ruil — gemeenten van {book.wm}", "subtitle")
    s.header_row(first - 1, 0, ["Gemeente", "Werkingsgebied", "BSO nu", "SIB nu", "Afgestaan", "Overgenomen",
                                "BSO na ruil", "SIB na ruil", "Regulier na ruil", "T1 na ruil", "T2 na ruil",
                                "T3 na ruil"])
    ws.set_row(first - 1, 30)
    swaps = (SWAP_FIRST, SWAP_FIRST + S.SWAP_ROWS - 1)
    nis_from, nis_to, telt = (_span(*swaps, c) for c in (NIS_VAN, NIS_NAAR, TELT))
    nc = S.q(S.NOT_COMPUTED)
    for m in model.members:
        r = lay.row_of[m.row.nis]
        nis = gem.ref(m.row.nis, G.NIS)
        s.text(r, M_NAME, m.row.name, "bold")
        s.text(r, M_AREA, m.row.fig.municipality.werkingsgebied)
        s.formula(r, M_BSO, "=" + gem.ref(m.row.nis, G.BSO), m.row.objective.bso, "whole_bold")
        s.formula(r, M_SIB, "=" + gem.ref(m.row.nis, G.SIB), m.row.objective.sib)
        s.formula(r, M_HANDED, f"=SUMPRODUCT(({nis_from}={nis})*{telt})", m.handed)
        s.formula(r, M_TAKEN, f"=SUMPRODUCT(({nis_to}={nis})*{telt})", m.taken)
        bso, sib, handed, taken = (s.cell(r, c) for c in (M_BSO, M_SIB, M_HANDED, M_TAKEN))
        after = m.after
        s.formula(r, M_BSO_AFTER, f"=IF({lay.valid_name}=1,{bso}-{handed}+{taken},{nc})",
                  after.bso if after else S.NOT_COMPUTED, "whole_bold")
        new = s.cell(r, M_BSO_AFTER)
        s.formula(r, M_SIB_AFTER, f"=IF(ISNUMBER({new}),MIN({sib},{new}),{nc})", after.sib if after else S.NOT_COMPUTED)
        new_sib = s.cell(r, M_SIB_AFTER)
        s.formula(r, M_REG_AFTER, f"=IF(ISNUMBER({new}),{new}-{new_sib},{nc})",
                  after.regulier if after else S.NOT_COMPUTED)
        reg = s.cell(r, M_REG_AFTER)
        # R4: equal thirds, the remainder to the earliest; unchanged BSO keeps its own T1–T3
        split = (f"INT({reg}/3)+IF(MOD({reg},3)>=1,1,0)", f"INT({reg}/3)+IF(MOD({reg},3)>=2,1,0)", f"INT({reg}/3)")
        for i, (col, part) in enumerate(zip((G.T1, G.T2, G.T3), split)):
            s.formula(r, M_T1 + i, f"=IF(ISNUMBER({new}),IF({taken}-{handed}=0,{gem.ref(m.row.nis, col)},{part}),{nc})",
                      after.interim[i] if after else S.NOT_COMPUTED)
    if model.members:
        last = first + len(model.members) - 1
        ws.conditional_format(first, M_BSO_AFTER, last, M_T1 + 2, {
            "type": "formula", "criteria": f"=ISTEXT({xl_rowcol_to_cell(first, M_BSO_AFTER)})",
            "format": s.styles["bad"]})


def _areas(book, s, lay: Layout, model: S.SwapModel) -> None:
    """The sum per werkingsgebied before and after: kept under current law (R10)."""
    ws = s.ws
    first = lay.areas_first
    s.text(first - 2, 0, "Som per werkingsgebied", "subtitle")
    s.header_row(first - 1, 0, ["Werkingsgebied", "", "BSO vóór ruil", "BSO na ruil", "Verschil", "Controle"])
    members_first = lay.members_first
    members_last = members_first + max(len(model.members), 1) - 1
    area_col = _span(members_first, members_last, M_AREA)
    before_col = _span(members_first, members_last, M_BSO)
    after_col = _span(members_first, members_last, M_BSO_AFTER)
    nc = S.q(S.NOT_COMPUTED)
    areas = sorted({m.row.fig.municipality.werkingsgebied for m in model.members})
    for i, area in enumerate(areas):
        r = first + i
        part = [m for m in model.members if m.row.fig.municipality.werkingsgebied == area]
        before = sum(m.row.objective.bso for m in part)
        after = sum(m.after.bso for m in part) if model.valid else None
        s.text(r, 0, area, "bold")
        crit = s.cell(r, 0)
        s.formula(r, 2, f"=SUMIF({area_col},{crit},{before_col})", before, "whole_bold")
        s.formula(r, 3, f"=IF({lay.valid_name}=1,SUMIF({area_col},{crit},{after_col}),{nc})",
                  S.NOT_COMPUTED if after is None else after, "whole_bold")
        s.formula(r, 4, f"=IF(ISNUMBER({s.cell(r, 3)}),{s.cell(r, 3)}-{s.cell(r, 2)},{nc})",
                  S.NOT_COMPUTED if after is None else after - before, "whole_bold")
        diff = s.cell(r, 4)
        other = S.WHAT_IF_DIFFERENCE if model.what_if else S.SUM_CHANGED
        if after is None:
            check = S.AREA_NOT_COMPUTED
        else:
            check = S.SUM_KEPT if after == before else other
        ws.merge_range(r, 5, r, LAST_COL, "", s.styles["bold"])
        s.formula(r, 5, f"=IF(ISNUMBER({diff}),IF({diff}=0,{S.q(S.SUM_KEPT)},{S.q(other)}),"
                        f"{S.q(S.AREA_NOT_COMPUTED)})", check, "bold")
    last = first + max(len(areas), 1) - 1
    ws.conditional_format(first, 5, last, 5, {"type": "cell", "criteria": "==", "value": S.q(S.SUM_KEPT),
                                              "format": s.styles["good"]})
    ws.conditional_format(first, 5, last, 5, {"type": "cell", "criteria": "!=", "value": S.q(S.SUM_KEPT),
                                              "format": s.styles["bad"]})
    notes = last + 2
    lines = [
        "Hoe bso-xl de nieuwe objectieven berekent (interpretatie, R10 met R2 en R4): de inhaalbeweging (SIB) blijft "
        "bij de gemeente die het vroegere objectief niet haalde en is nooit groter dan haar BSO; wie afstaat, verliest "
        "dus eerst regulier objectief. Het nieuwe reguliere objectief wordt verdeeld in gelijke derden over T1, T2 en "
        "T3 (R4, de rest naar de vroegste legislatuur); een gemeente waarvan het BSO niet verandert, houdt haar eigen "
        "T1–T3.",
    ]
    if model.what_if:
        lines.append("Wat-als: de som over alle betrokken gemeenten blijft gelijk, maar de som van een werkingsgebied "
                     "verandert met wat naar of van gemeenten buiten het werkingsgebied gaat (kolom Verschil). Het BSO "
                     "van de partner buiten deze woonmaatschappij na de ruil staat in de ruilrijen.")
    for i, text in enumerate(lines):
        s.merged_text(notes + i, 0, LAST_COL, text, "note_wrap")
        ws.set_row(notes + i, 42)
