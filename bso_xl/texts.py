"""Texts rendered from the Jinja2 templates in ``templates/`` (installed as ``bso_xl.templates``)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import jinja2

INTERPRETATIONS = (
    "Een negatieve som van de componenten is een BSO van 0; de inhaalbeweging (SIB) is nooit groter dan het BSO (R2).",
    "Voorlopig → definitief: model met aandeel in de pot volgens het voorlopige BSO, hele woningen volgens de "
    "grootste-restmethode; een gemeente stort niet meer in de pot dan haar voorlopige BSO. Officiële cijfers "
    "gaan altijd voor (R3).",
    "Zonder officiële verdeling: gelijke derden over T1, T2, T3, de rest naar de vroegste legislatuur (R4).",
    "Tellingen zijn netto: gesloopte woningen worden afgetrokken (R5).",
    "Eén woning telt één keer voor het reguliere pad en het inhaalpad samen; het tekort is het kleinste aantal "
    "extra woningen waarmee de toets slaagt. Wie het volledige BSO gerealiseerd heeft, slaagt voor elke toets (R6).",
    "De sanctie wordt betaald in drie gelijke schijven aan het bedrag van het toetsjaar, in de drie jaren na de "
    "toets. Na het laatst gekende huurpremiebedrag geldt dat bedrag, eventueel met een veronderstelde indexatie "
    "(standaard 0%) (R8).",
    "Vrijstelling: regulier objectief + SIB wordt per jaar vergeleken (gedeeld door 17 jaar, 2026–2042) met 25% van "
    "het gemiddeld aantal vergunde woningen per jaar over de laatste zes jaar; beide zijden worden getoond. Zonder "
    "SIB is de vrijstelling niet van toepassing (R9).",
    "Wat een project telt, per type: nieuwbouw, aankoop en vervangingsbouw tellen netto (woningen − gesloopte "
    "woningen), renovatie van eigen woningen telt niet, inhuur telt zijn woningen; koop en kavels tellen niet. "
    "Een datum telt enkel als echte datum tussen 2000 en 2100 (R5).",
    "Het budget per kalenderjaar: de schijven van een toets vallen in de drie jaren na de toets (R8).",
    "De pot van R3 is een Vlaams totaal: zonder alle 285 gemeenten of de Vlaamse totalen in het cijferbestand "
    "wordt hij niet verklaard (R3).",
)

# R1–R10 in plain Dutch, for the Toelichting: every rule id the workbook cites is explained there.
RULES = (
    "R1 Vlaamse totalen: tegen 2042 50.000 extra sociale huurwoningen, waarvan 45.000 verplicht (verdeeld over de "
    "gemeenten als hun BSO) en 5.000 (opschaalbaar tot 11.000) vrijwillig via de enveloppe.",
    "R2 Het objectief van de gemeente: aandeel op peil houden + specifieke inhaalbeweging (SIB) + wettelijke "
    "doelgroep − overschrijding − 9%-aftopping; een negatieve som is 0. Regulier objectief = BSO − SIB.",
    "R3 Van voorlopig naar definitief: de woningen die een gemeente in 2024–2025 realiseerde, gaan van haar "
    "voorlopige BSO af en in een Vlaamse pot, die over alle gemeenten herverdeeld wordt.",
    "R4 Legislaturen: het reguliere objectief wordt verdeeld over T1 (2025–2030), T2 (2031–2036) en T3 (2037–2042).",
    "R5 Projectfasen en tellen: meerjarenplanning (MJP) < kortetermijnplanning (KTP) < in uitvoering < "
    "gerealiseerd; tellingen zijn netto (gesloopte woningen eraf) en enkel sociale huur telt.",
    "R6 Groeipad en voortgangstoetsen: op 31/12 van 2027, 2030, 2033, 2036 en 2039 moet een deel van het objectief "
    "minstens op een fase staan (toetsen in 2028, 2031, 2034, 2037, 2040); het tekort is het kleinste aantal extra "
    "woningen waarmee de toets slaagt.",
    "R7 Categorieën: geen tekort is categorie 1; met tekort categorie 2 en een plan van aanpak, dat Wonen in "
    "Vlaanderen beoordeelt als 2a (voldoende, geen sanctie) of 2b (onvoldoende, sanctie).",
    "R8 Sanctie bij 2b: per ontbrekende woning 12 × de maximale huurpremie met 4 personen ten laste × het "
    "percentage van de toets (25%, 50%, 50%, 100%, 50%), drie jaar lang.",
    "R9 Vrijstelling van de inhaalbeweging: aan te vragen tegen 1 juni 2026, om ruimtelijke redenen of als het "
    "objectief groot is tegenover het aantal vergunde woningen.",
    "R10 Afspraken, ruil en enveloppe: gemeenten van één werkingsgebied kunnen een deel van hun BSO ruilen; wie zijn "
    "BSO haalt, kan extra woningen uit de vrijwillige enveloppe nemen.",
)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: resources.files("bso_xl.templates").joinpath(name).read_text(encoding="utf-8")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # plain text written cell by cell with write_string, never HTML
    )


def render(template: str, **values) -> str:
    return _environment().get_template(template).render(**values)
