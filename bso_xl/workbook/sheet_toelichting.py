"""Sheet *Toelichting*: what this is and how to use it, rendered from ``templates/toelichting.txt.j2``."""

from __future__ import annotations

from math import ceil

from pathlib import Path

from .. import LAYOUT_VERSION, __version__
from ..model import DEMO_LABEL
from ..texts import INTERPRETATIONS, RULES, render
from .context import Book, protect

TITLE = "Toelichting"
WIDTH = 120  # characters


def _paragraph(s, row: int, text: str, style: str, line_height: float = 13) -> None:
    """Wrapped text with a row height to match: spreadsheets do not grow rows on opening."""
    lines = max(1, ceil(len(text) / (WIDTH * 1.1)))
    s.text(row, 0, text, style)
    if lines > 1:
        s.ws.set_row(row, lines * line_height)


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
        bron=DEMO_LABEL if fig.is_demo else Path(source).name,  # a file name, never a machine path
        peildatum=f"{fig.peildatum:%d/%m/%Y}" if fig.peildatum else "",
        versie=__version__,
        interpretaties=INTERPRETATIONS,
        regels=RULES,
        layout=LAYOUT_VERSION,
    )
    write_text(book.sheet(TITLE, "#A6A6A6"), text)


def write_text(s, text: str) -> None:
    """A rendered text on a protected sheet: "# " lines are headings, "!! " the demo banner, other
    lines wrapped paragraphs (also used by the overview workbooks' Toelichting)."""
    s.ws.set_column(0, 0, WIDTH)
    row = 0
    for line in text.splitlines():
        if line.startswith("# "):
            row += 1 if row else 0
            s.text(row, 0, line[2:], "title" if row == 0 else "subtitle")
        elif line.startswith("!! "):
            _paragraph(s, row, line[3:], "demo_wrap", line_height=16)
        elif line.strip():
            _paragraph(s, row, line, "wrap")
        else:
            continue
        row += 1
    protect(s)
