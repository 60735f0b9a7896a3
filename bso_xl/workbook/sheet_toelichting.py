"""Sheet *Toelichting*: what this is and how to use it, rendered from ``templates/toelichting.txt.j2``."""

from __future__ import annotations

from .. import __version__
from ..model import DEMO_LABEL
from ..texts import INTERPRETATIONS, render
from .context import Book, protect

TITLE = "Toelichting"


def write(book: Book, source: str) -> None:
    fig = book.model.figures
    ref = fig.municipality
    text = render(
        "toelichting.txt.j2",
        is_demo=fig.is_demo,
        gemeente=fig.name,
        nis=fig.nis,
        woonmaatschappij=ref.woonmaatschappij,
        werkingsgebied=ref.werkingsgebied,
        bron=DEMO_LABEL if fig.is_demo else source,
        peildatum=f"{fig.peildatum:%d/%m/%Y}" if fig.peildatum else "",
        versie=__version__,
        interpretaties=INTERPRETATIONS,
    )
    s = book.sheet(TITLE, "#A6A6A6")
    s.ws.set_column(0, 0, 120)
    row = 0
    for line in text.splitlines():
        if line.startswith("# "):
            row += 1 if row else 0
            s.text(row, 0, line[2:], "title" if row == 0 else "subtitle")
        elif line.startswith("!! "):
            s.text(row, 0, line[3:], "demo")
        elif line.strip():
            s.text(row, 0, line, "wrap")
        else:
            continue
        row += 1
    protect(s)
