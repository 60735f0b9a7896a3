"""An empty figures file (XLSX) with the columns :func:`bso_xl.figures.read_figures` expects.

Sheet "Cijfers": the header row only (required columns first, then the optional ones, as
``figures.REQUIRED`` and ``figures.OPTIONAL``; ``status`` is left out: it only marks the built-in
demo file). Sheet "Instructies": general instructions, including the file-level lines
``# peildatum``, ``# vlaams_voorlopig_totaal`` and ``# vlaams_gerealiseerd_2024_2025`` (R3), then
one line per column in Dutch (what, unit, required or optional, which rule of BSO-RULES.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException

from .errors import UserError
from .figures import OPTIONAL, REQUIRED

TEMPLATE_COLUMNS = REQUIRED + tuple(c for c in OPTIONAL if c != "status")
DATA_ROWS = 1000  # rows that get formats and input checks (285 municipalities fit easily)
FIXED_DATE = dt.datetime(2026, 1, 1)  # document properties: same bytes on every run

# column → (meaning, unit, rule)
HELP: dict[str, tuple[str, str, str]] = {
    "nis": ("NIS-code van de gemeente (Statbel, grenzen 2025), bv. 11001", "code van 5 cijfers", "—"),
    "aandeel_op_peil": ("Component 'aandeel op peil houden': het aandeel sociale huurwoningen gelijk "
                        "houden met de groei van het aantal huishoudens", "woningen", "R2"),
    "sib": ("Specifieke inhaalbeweging (SIB): inhaalbeweging voor gemeenten die het oude objectief "
            "(2009–2025) niet haalden", "woningen", "R2"),
    "wettelijke_doelgroep": ("Component 'wettelijke doelgroep': huishoudens die privaat huren en aan "
                             "de inkomensvoorwaarden voldoen", "woningen", "R2"),
    "overschrijding": ("Eerdere overschrijding van het oude objectief; wordt afgetrokken", "woningen", "R2"),
    "aftopping_9pct": ("9%-aftopping: aftrek zodat het aandeel sociale huurwoningen niet boven 9% stijgt; "
                       "wordt afgetrokken", "woningen", "R2"),
    "gemeente": ("Naam van de gemeente; wordt gecontroleerd tegen de NIS-code (hoofdletters en "
                 "spaties tellen niet)", "tekst", "—"),
    "bso": ("Officieel bindend sociaal objectief. Ingevuld telt dit getal; een verschil met "
            "de som van de componenten wordt als waarschuwing gemeld", "woningen", "R2"),
    "t1": ("Tussentijdse doelstelling legislatuur 2025–2030 (bijlage 35). t1, t2 en t3 alle drie of "
           "geen; t1 + t2 + t3 = BSO − SIB. Leeg: gelijke derden", "woningen", "R4"),
    "t2": ("Tussentijdse doelstelling legislatuur 2031–2036 (zie t1)", "woningen", "R4"),
    "t3": ("Tussentijdse doelstelling legislatuur 2037–2042 (zie t1)", "woningen", "R4"),
    "voorlopig_bso": ("Voorlopig BSO, berekend met de cijfers van 31/12/2023", "woningen", "R3"),
    "gerealiseerd_2024_2025": ("Sociale huurwoningen gerealiseerd tussen 31/12/2023 en 31/12/2025 "
                               "(gaan 'in de pot')", "woningen", "R3"),
    "verhoogde_huurpremie": ("Verhoogde huurpremie (+10%) van toepassing: 1 of 0 (ja of nee). "
                             "Leeg: de officiële lijst", "1 of 0", "R8"),
    "gemiddeld_vergunde_woningen": ("Gemiddeld aantal vergunde woningen per jaar, voor de "
                                    "vrijstellingstoets; decimalen toegelaten (komma of punt)",
                                    "woningen per jaar", "R9"),
    "mjp": ("Woningen die bij de laatste meting precies in de fase meerjarenplanning zitten (netto: "
            "gesloopte woningen afgetrokken). mjp, ktp, in_uitvoering en gerealiseerd: alle vier of geen",
            "woningen", "R5"),
    "ktp": ("Woningen precies in de fase kortetermijnplanning (zie mjp)", "woningen", "R5"),
    "in_uitvoering": ("Woningen precies in de fase 'in uitvoering' (zie mjp)", "woningen", "R5"),
    "gerealiseerd": ("Woningen gerealiseerd (zie mjp)", "woningen", "R5"),
    "peildatum": ("Datum waarop de cijfers gelden, bv. 30/04/2026", "datum dd/mm/jjjj", "R3, R6"),
}

GENERAL = (
    "Vul op het blad 'Cijfers' één rij per gemeente in, onder de kolomnamen (rij 1). Verander de "
    "kolomnamen niet; eigen kolommen (notities) mogen erbij, bso-xl slaat ze over.",
    "Aantallen woningen zijn hele getallen ≥ 0. De verplichte kolommen mogen niet leeg zijn; laat "
    "een optionele kolom leeg als u het getal niet kent.",
    "Typ getallen zonder punt of komma voor duizendtallen: 2000, niet 2.000 (dat kan ook 2 betekenen "
    "en wordt geweigerd). Een decimaalteken mag: 41,5.",
    "Regels voor het hele bestand: een rij waarvan de eerste cel (kolom A) met # begint, boven de "
    "kolomnamen of onder de tabel. bso-xl leest er drie (de waarde mag ook in kolom B staan):",
    "  # peildatum: 30/04/2026 — de datum waarop de cijfers gelden (R3, R6).",
    "  # vlaams_voorlopig_totaal: 45000 — de som van de voorlopige BSO's van alle 285 gemeenten (R1, R3).",
    "  # vlaams_gerealiseerd_2024_2025: 1234 — de sociale huurwoningen die heel Vlaanderen tussen "
    "31/12/2023 en 31/12/2025 realiseerde: de pot die herverdeeld wordt (R3).",
    "Bevat het bestand niet alle 285 gemeenten met voorlopig_bso en gerealiseerd_2024_2025, vul dan "
    "de twee Vlaamse totalen in: anders kan de pot niet verklaard worden (bso-xl check waarschuwt). "
    "Bevat het alle 285 gemeenten, dan moeten vermelde totalen gelijk zijn aan de som in het bestand.",
    "Controleer het bestand met: bso-xl check --figures <bestand>.xlsx",
    "Regels: zie BSO-RULES.md (R2 objectief, R3 voorlopig → definitief, R4 tussentijdse "
    "doelstellingen, R5 fasen, R8 sanctie, R9 vrijstelling).",
)


def write_template(path: Path, overwrite: bool = False) -> Path:
    """Write the empty figures file; refuses to overwrite an existing file unless asked.

    Refusing protects a filled-in figures file from being replaced by an empty one by a typo.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"{path}: verwacht een bestandsnaam die eindigt op .xlsx")
    if path.exists() and not overwrite:
        raise UserError(f"{path}: bestaat al; kies een andere naam of verwijder het bestand eerst")
    # Text must stay text: no "=…" formulas or links made out of strings, whatever is written.
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": "BSO-cijfers", "created": FIXED_DATE})
    _figures_sheet(book)
    _instructions_sheet(book)
    try:
        book.close()
    except (OSError, XlsxWriterException) as error:
        raise UserError(f"{path}: kan niet geschreven worden ({error})") from None
    return path


def _figures_sheet(book: xlsxwriter.Workbook) -> None:
    sheet = book.add_worksheet("Cijfers")
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    # Only the date gets a number format: a format "0" on counts would show 12.5 as 13 and hide
    # the fractional value that read_figures will refuse.
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    for col, name in enumerate(TEMPLATE_COLUMNS):
        sheet.write_string(0, col, name, bold)
        sheet.set_column(col, col, max(10, len(name) + 2), date if name == "peildatum" else None)
        _validation(sheet, col, name)
    sheet.freeze_panes(1, 1)


def _validation(sheet, col: int, name: str) -> None:
    """Input checks in Excel itself; read_figures checks again, as a CSV has none of these."""
    if name in ("nis", "gemeente", "peildatum"):
        return
    if name == "verhoogde_huurpremie":
        rule = {"validate": "list", "source": ["1", "0", "ja", "nee"]}
    elif name == "gemiddeld_vergunde_woningen":
        rule = {"validate": "decimal", "criteria": ">=", "value": 0,
                "error_message": "Een getal ≥ 0 (woningen per jaar)."}
    else:
        rule = {"validate": "integer", "criteria": ">=", "value": 0,
                "error_message": "Een geheel aantal woningen ≥ 0."}
    sheet.data_validation(1, col, DATA_ROWS, col, {**rule, "ignore_blank": True})


def _instructions_sheet(book: xlsxwriter.Workbook) -> None:
    sheet = book.add_worksheet("Instructies")
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet.write_string(0, 0, "Cijferbestand voor bso-xl: bindend sociaal objectief (BSO 2026–2042)", bold)
    for i, line in enumerate(GENERAL, start=1):
        sheet.write_string(i, 0, line)
    top = len(GENERAL) + 2
    for col, title in enumerate(("kolom", "verplicht", "betekenis", "eenheid", "regel")):
        sheet.write_string(top, col, title, bold)
    for row, name in enumerate(TEMPLATE_COLUMNS, start=top + 1):
        meaning, unit, rule = HELP[name]
        cells = (name, "verplicht" if name in REQUIRED else "optioneel", meaning, unit, rule)
        for col, text in enumerate(cells):
            sheet.write_string(row, col, text, wrap)
    for col, width in enumerate((28, 11, 80, 18, 8)):
        sheet.set_column(col, col, width)
