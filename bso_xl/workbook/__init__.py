"""The per-municipality workbook: the engine's rules written as native Excel formulas.

:func:`write_workbook` writes one file; every formula carries the engine's value as its cached
result. Sheet order is the order an officer reads them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from .. import __version__
from ..model import FiguresFile, MunicipalityFigures
from ..rules import Project
from . import (
    sheet_berekening, sheet_groeipad, sheet_overzicht, sheet_parameters, sheet_projecten, sheet_sanctie,
    sheet_toelichting, sheet_voortgang,
)
from .context import Book
from .model import build_model
from .styles import Styles

# A fixed document date: the same inputs must give a byte-identical file.
DOCUMENT_DATE = dt.datetime(2026, 1, 1)


def engine_projects(rows: list[dict]) -> list[Project]:
    """Projecten table rows (dicts with lower-case column keys) → engine projects (R5)."""
    return [
        Project(int(r.get("woningen") or 0), int(r.get("gesloopt") or 0),
                r.get("mjp"), r.get("ktp"), r.get("start"), r.get("oplevering"))
        for r in rows
    ]


def write_workbook(target: str | Path | BinaryIO, fig: MunicipalityFigures, figures: FiguresFile,
                   projects: list[dict] | None = None, poison: bool = False) -> None:
    """Write the workbook of one municipality.

    ``projects`` fill the Projecten table (dicts with keys project, locatie, woningen, gesloopt,
    mjp, ktp, start, oplevering, opmerking). ``poison`` stores deliberately wrong cached values,
    for tests that must prove a spreadsheet engine recalculated.
    """
    projects = projects or []
    model = build_model(fig, figures, engine_projects(projects))
    workbook = xlsxwriter.Workbook(target, {
        "strings_to_formulas": False,  # text from input files stays text
        "strings_to_urls": False,
        "in_memory": True,
    })
    workbook.set_properties({
        "title": f"BSO 2026–2042 — {fig.name}",
        "subject": "Bindend sociaal objectief",
        "author": "bso-xl",
        "company": "",
        "comments": f"bso-xl {__version__}" + (" — voorbeeldcijfers, geen officiële cijfers" if fig.is_demo else ""),
        "created": DOCUMENT_DATE,
    })
    workbook.set_calc_mode("auto")
    book = Book(workbook, Styles(workbook), model, poison)
    # Sheets are added in reading order; names used in formulas are defined as they are written.
    sheet_overzicht.write(book)
    sheet_berekening.write(book)
    sheet_groeipad.write(book)
    sheet_projecten.write(book, projects)
    sheet_voortgang.write(book)
    sheet_sanctie.write(book)
    sheet_parameters.write(book)
    sheet_toelichting.write(book, figures.source)
    workbook.worksheets()[0].activate()
    workbook.close()
