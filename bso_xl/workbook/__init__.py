"""The per-municipality workbook: the engine's rules written as native Excel formulas.

:func:`write_workbook` writes one file; every formula carries the engine's value as its cached
result. Sheet order is the order an officer reads them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from .. import LAYOUT_VERSION, __version__
from ..model import FiguresFile, MunicipalityFigures
from ..rules import Project
from ..rules.project_rows import counted_projects
from . import (
    sheet_berekening, sheet_groeipad, sheet_overzicht, sheet_parameters, sheet_projecten, sheet_sanctie,
    sheet_toelichting, sheet_voortgang,
)
from .context import Book
from .inputs import WorkbookInputs
from .model import WorkbookModel, build_model
from .styles import Styles

# A fixed document date: the same inputs must give a byte-identical file.
DOCUMENT_DATE = dt.datetime(2026, 1, 1)


def engine_projects(rows: list[dict]) -> list[Project]:
    """Projecten table rows (dicts with lower-case column keys) → the projects the engine counts (R5)."""
    return counted_projects(rows)


# Custom document properties: who the workbook is for and which layout it has, so a returned
# workbook is matched by what is inside it, never by its file name (bso_xl.readback).
PROPERTY_NIS = "bso_xl_nis"
PROPERTY_MUNICIPALITY = "bso_xl_gemeente"
PROPERTY_FIGURES_DATE = "bso_xl_peildatum"
PROPERTY_FIGURES_FILE = "bso_xl_cijferbestand"
PROPERTY_VERSION = "bso_xl_versie"
PROPERTY_LAYOUT = "bso_xl_layout"


def write_workbook(target: str | Path | BinaryIO, fig: MunicipalityFigures, figures: FiguresFile,
                   projects: list[dict] | None = None, poison: bool = False,
                   inputs: WorkbookInputs | None = None) -> WorkbookModel:
    """Write the workbook of one municipality; returns the engine's model of every number in it.

    ``inputs`` are the officer's inputs to write into the yellow cells (carried over from an
    earlier workbook); ``projects`` is a shortcut for inputs with only Projecten rows (dicts with
    the keys of :data:`bso_xl.rules.project_rows.INPUT_COLUMNS`). ``poison`` stores deliberately
    wrong cached values, for tests that must prove a spreadsheet engine recalculated.
    """
    if inputs is None:
        inputs = WorkbookInputs(projects=tuple(projects or ()))
    model = build_model(fig, figures, inputs)
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
    for name, value in ((PROPERTY_NIS, fig.nis), (PROPERTY_MUNICIPALITY, fig.name),
                        (PROPERTY_FIGURES_DATE, fig.peildatum.isoformat() if fig.peildatum else ""),
                        (PROPERTY_FIGURES_FILE, "voorbeeldcijfers" if fig.is_demo else Path(figures.source).name),
                        (PROPERTY_VERSION, __version__), (PROPERTY_LAYOUT, LAYOUT_VERSION)):
        workbook.set_custom_property(name, value)
    workbook.set_calc_mode("auto")
    book = Book(workbook, Styles(workbook), model, poison)
    # Sheets are added in reading order; names used in formulas are defined as they are written.
    sheet_overzicht.write(book)
    sheet_berekening.write(book)
    sheet_groeipad.write(book)
    sheet_projecten.write(book, list(inputs.projects))
    sheet_voortgang.write(book)
    sheet_sanctie.write(book)
    sheet_parameters.write(book)
    sheet_toelichting.write(book, figures.source)
    workbook.worksheets()[0].activate()
    workbook.close()
    return model
