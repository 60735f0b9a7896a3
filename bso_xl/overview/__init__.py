"""Overview workbooks over many municipalities (issue #11): ``Vlaanderen.xlsx`` and one
``WM_<naam>.xlsx`` per woonmaatschappij, with the swap and envelope what-ifs (R10).

Built from the figures file and the returned municipal workbooks
(:func:`bso_xl.overview.model.build_overview`), with the municipal workbook's building blocks
(:mod:`bso_xl.workbook.cells`, ``styles``, ``context``, ``worksheet``): every formula carries the
engine's value as its cached result, inputs are yellow, unlocked and validated, every sheet is
protected, and the same inputs give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from .. import __version__
from ..workbook import DOCUMENT_DATE, sheet_parameters
from . import (
    sheet_enveloppe, sheet_gemeenten, sheet_overzicht, sheet_projectie, sheet_referentie, sheet_ruil,
    sheet_ruil_gevolgen, sheet_toelichting, sheet_totalen, sheet_werkboeken,
)
from .book import OverviewBook, OverviewStyles
from .model import OverviewData, build_overview
from .returned import PROPERTY_OVERVIEW
from .swap import Reference, SwapModel, simulate

__all__ = ["OverviewData", "build_overview", "swap_model", "write_flanders", "write_woonmaatschappij"]


def _workbook(target, title: str, data: OverviewData, scope: str):
    workbook = xlsxwriter.Workbook(target, {"strings_to_formulas": False, "strings_to_urls": False,
                                            "in_memory": True})
    workbook.set_properties({
        "title": title, "subject": "Bindend sociaal objectief", "author": "bso-xl", "company": "",
        "comments": f"bso-xl {__version__}" + (" — voorbeeldcijfers, geen officiële cijfers" if data.is_demo else ""),
        "created": DOCUMENT_DATE,
    })
    workbook.set_custom_property(PROPERTY_OVERVIEW, scope)
    workbook.set_custom_property("bso_xl_versie", __version__)
    workbook.set_calc_mode("auto")
    return workbook


def _layouts(book: OverviewBook) -> None:
    """Where every referenced cell stands, before any sheet is written (sheets refer to later ones)."""
    book.layouts[sheet_gemeenten.TITLE] = sheet_gemeenten.layout(book.rows)
    book.layouts[sheet_projectie.TITLE] = sheet_projectie.layout(book.rows)
    if book.wm:
        book.layouts[sheet_ruil.LAW] = sheet_ruil.layout(book.rows, what_if=False)
        book.layouts[sheet_ruil.WHAT_IF] = sheet_ruil.layout(book.rows, what_if=True)


def write_flanders(target: str | Path | BinaryIO, data: OverviewData, envelope=None, poison: bool = False) -> None:
    """``Vlaanderen.xlsx``: every municipality, totals per province and woonmaatschappij, the envelope.

    ``envelope`` is the value for the yellow cell "Enveloppe in deze berekening" (default: the
    basis, 5,000); ``poison`` stores deliberately wrong cached values (tests).
    """
    workbook = _workbook(target, "BSO 2026–2042 — overzicht Vlaanderen", data, "Vlaanderen")
    book = OverviewBook(workbook, OverviewStyles(workbook), None, poison, footer_name="Vlaanderen", data=data,
                        rows=list(data.rows.values()))
    _layouts(book)
    sheet_overzicht.write_flanders(book)
    sheet_totalen.write(book, sheet_totalen.PROVINCES)
    sheet_totalen.write(book, sheet_totalen.WOONMAATSCHAPPIJEN)
    sheet_totalen.write_risk(book)
    sheet_gemeenten.write(book)
    sheet_projectie.write(book)
    sheet_enveloppe.write(book, envelope)
    sheet_werkboeken.write(book)
    sheet_parameters.write(book)
    sheet_toelichting.write(book)
    workbook.worksheets()[0].activate()
    workbook.close()


def swap_model(data: OverviewData, wm: str, swaps=(), what_if: bool = False) -> SwapModel:
    """The engine's answer for the swap rows typed on *Ruil* (or *Wat-als VVSG*) of one woonmaatschappij."""
    return simulate(data.of_woonmaatschappij(wm), Reference.of(list(data.rows.values())), list(swaps), what_if)


def write_woonmaatschappij(target: str | Path | BinaryIO, data: OverviewData, wm: str, swaps=(),
                           what_if_swaps=(), envelope=None, poison: bool = False) -> None:
    """``WM_<naam>.xlsx``: the municipalities of one woonmaatschappij with the swap simulator.

    ``swaps`` and ``what_if_swaps`` are rows (van, naar, aantal) exactly as typed in the yellow
    cells of *Ruil* and *Wat-als VVSG* (names or NIS codes; anything, valid or not).
    """
    rows = data.of_woonmaatschappij(wm)
    if not rows:
        raise ValueError(f"geen gemeenten van woonmaatschappij {wm!r} in het cijferbestand")
    workbook = _workbook(target, f"BSO 2026–2042 — {wm}", data, wm)
    book = OverviewBook(workbook, OverviewStyles(workbook), None, poison, footer_name=wm, data=data, rows=rows, wm=wm)
    _layouts(book)
    law, what_if = swap_model(data, wm, swaps), swap_model(data, wm, what_if_swaps, what_if=True)
    sheet_overzicht.write_woonmaatschappij(book)
    sheet_gemeenten.write(book)
    sheet_projectie.write(book)
    sheet_ruil.write(book, law)
    sheet_ruil_gevolgen.write(book, law)
    sheet_ruil.write(book, what_if)
    sheet_ruil_gevolgen.write(book, what_if)
    sheet_enveloppe.write(book, envelope)
    sheet_werkboeken.write(book)
    sheet_referentie.write(book)
    sheet_parameters.write(book)
    sheet_toelichting.write(book)
    workbook.worksheets()[0].activate()
    workbook.close()
