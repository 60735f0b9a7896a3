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
    "Vrijstelling: gemiddeld aantal vergunde woningen per jaar over de laatste zes jaar; beide zijden van de "
    "ongelijkheid worden getoond (R9).",
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
