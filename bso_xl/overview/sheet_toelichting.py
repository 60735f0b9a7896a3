"""Sheet *Toelichting*: what the overview is, its sheets, the interpretations, the rules R1–R10
(rendered from ``templates/overzicht.txt.j2``)."""

from __future__ import annotations

from .. import __version__
from ..texts import INTERPRETATIONS, RULES, render
from ..workbook.sheet_toelichting import write_text  # the municipal Toelichting's layout
from .book import OverviewBook, source_label

TITLE = "Toelichting"

OVERVIEW_INTERPRETATIONS = (
    "Een werkboek hoort bij de gemeente die erin staat (documenteigenschappen, of de NIS-code op Overzicht bij "
    "werkboeken van bso-xl 0.1.0), niet bij zijn bestandsnaam. Twee of meer werkboeken van één gemeente: geen "
    "ervan wordt gebruikt, bso-xl kiest niet.",
    "Projectie: de tellingen per toets komen uit de projecten van het teruggestuurde werkboek, met hun geplande "
    "datums (R5); categorie, sanctie, risico en verwachte kost zoals het werkboek van de gemeente ze berekent, met "
    "haar eigen invoer (R7, R8).",
    "Sanctierisico = verwachte kost (beoordeeld 2b) + risico (nog niet beoordeeld, het bedrag indien 2b), over de "
    "drie schijven (R8).",
    "Ruil (R10): de inhaalbeweging blijft bij de gemeente en is nooit groter dan haar BSO (R2); het nieuwe "
    "reguliere objectief wordt in gelijke derden verdeeld over T1–T3 (R4); een gemeente waarvan het BSO niet "
    "verandert, houdt haar eigen T1–T3. Zolang één ruilrij een melding heeft, wordt niets berekend.",
    "Wat-als VVSG: een partner buiten het werkingsgebied; bso-xl kent geen buurgemeenten, de gebruiker kiest de "
    "partner. Geen geldend recht.",
    "Enveloppe (R10): een gemeente komt in aanmerking als haar gerealiseerde woningen of haar planning (minstens "
    "MJP, tot 31/12/2042) haar BSO dekken; wat ze kan nemen is wat haar planning boven haar BSO bevat.",
)

SHEETS_FLANDERS = (
    "Overzicht: cijfers, de som van de BSO's tegenover de 45.000 van R1 (naam Totaal_BSO), per toets het tekort "
    "en het sanctierisico, met een grafiek.",
    "Provincies en Woonmaatschappijen: totalen per provincie en per woonmaatschappij, met de grafieken van de "
    "objectieven per provincie en van het sanctierisico per woonmaatschappij en toetsjaar.",
    "Gemeenten: één rij per gemeente; kolom Werkboek toont wie (nog) geen werkboek terugstuurde.",
    "Projectie: per gemeente met werkboek en per toets de tellingen, het groeipad, het tekort en de sanctie.",
    "Enveloppe: wie extra woningen uit de vrijwillige enveloppe kan nemen, tegenover 5.000 (tot 11.000).",
    "Werkboeken: elk gelezen bestand en elke melding bij het inlezen.",
    "Parameters: alle bedragen, percentages en data met hun bron (dezelfde als in de gemeentelijke werkboeken).",
)

SHEETS_WM = (
    "Overzicht: werkingsgebied(en), de gemeenten zonder werkboek, totalen en per toets het sanctierisico.",
    "Gemeenten en Projectie: dezelfde kolommen als in het overzicht voor Vlaanderen, voor de gemeenten van deze "
    "woonmaatschappij.",
    "Ruil: simulator voor een driepartijenovereenkomst binnen een werkingsgebied (R10), tot tien ruilen tegelijk; "
    "Ruil gevolgen: groeipad, tekort en sanctie indien 2b per toets, nu en na de ruil.",
    "Wat-als VVSG en Wat-als gevolgen: dezelfde simulator met een partner buiten het werkingsgebied (voorstel van "
    "de VVSG, geen geldend recht).",
    "Enveloppe: wie van deze gemeenten extra woningen uit de vrijwillige enveloppe kan nemen.",
    "Werkboeken: de gelezen werkboeken van deze gemeenten; Vlaamse gemeenten: naslaglijst voor de ruil.",
    "Parameters: alle bedragen, percentages en data met hun bron.",
)


def write(book: OverviewBook) -> None:
    data = book.data
    figures = data.figures
    used = sum(1 for r in book.rows if r.projection is not None)
    text = render(
        "overzicht.txt.j2",
        is_demo=data.is_demo,
        scope=f"woonmaatschappij {book.wm}" if book.wm else "Vlaanderen",
        woonmaatschappij=bool(book.wm),
        bron=source_label(book),
        peildatum=f"{figures.peildatum:%d/%m/%Y}" if figures.peildatum else "",
        werkboeken=f"{used} van de {len(book.rows)} gemeenten" if data.workbooks_given else "geen map opgegeven",
        versie=__version__,
        bladen=SHEETS_WM if book.wm else SHEETS_FLANDERS,
        interpretaties=OVERVIEW_INTERPRETATIONS + INTERPRETATIONS,
        regels=RULES,
    )
    write_text(book.sheet(TITLE, "#A6A6A6"), text)

