"""Printing on A4, as an officer would: rendered by LibreOffice to PDF and measured.

Legibility is measured, not assumed: ``pdftotext -bbox`` gives every word's box; for Carlito (the
Calibri metrics font) a box is 1.30 × the font size at 100% (calibrated below with a 10 pt cell),
so box height / 1.30 is the printed font size after the page's scaling.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess

import pytest
import xlsxwriter

from bso_xl.demo import demo_projects
from bso_xl.workbook import write_workbook
from recalc import convert

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils niet geïnstalleerd")]
LEGIBLE_SHEETS = ("Overzicht", "Berekening", "Projecten", "Sanctie", "Parameters")
WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>')
BOX_PER_POINT = 1.30


def page_texts(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")


def word_sizes(pdf, page: int) -> list[float]:
    """Printed font size (points) of every word on one page (1-based)."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    return [(float(y1) - float(y0)) / BOX_PER_POINT for y0, y1, _ in WORD.findall(html)]


@pytest.fixture(scope="module")
def gent_pdf(tmp_path_factory, demo_figures):
    tmp = tmp_path_factory.mktemp("print")
    xlsx = tmp / "44021.xlsx"
    write_workbook(xlsx, demo_figures.rows["44021"], demo_figures, demo_projects("44021"))
    [pdf] = convert([xlsx], tmp / "pdf", to="pdf")
    return pdf


def sheet_pages(pdf) -> dict[str, list[int]]:
    """Sheet name → its page numbers, from the footers ("Gent — Sanctie … Pagina 7 van 14")."""
    pages: dict[str, list[int]] = {}
    for number, text in enumerate(page_texts(pdf), start=1):
        match = re.search(r"Gent — (\w+)\s+Pagina (\d+) van (\d+)", text)
        if match:
            assert int(match.group(2)) == number
            pages.setdefault(match.group(1), []).append(number)
    return pages


def test_the_measure_is_calibrated(tmp_path):
    """A 10 pt cell printed at 100% measures 10 pt: the conversion factor is right."""
    path = tmp_path / "cal.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet().write_string(0, 0, "Tien punten tekst", book.add_format({"font_name": "Calibri",
                                                                                   "font_size": 10}))
    book.close()
    [pdf] = convert([path], tmp_path, to="pdf")
    assert statistics.median(word_sizes(pdf, 1)) == pytest.approx(10, abs=0.15)


def test_overzicht_is_one_page_wide_and_tall(gent_pdf):
    pages = page_texts(gent_pdf)
    first = pages[0]
    for text in ("Bindend sociaal objectief", "Toetsjaar", "Sanctie per jaar", "Bepalend niveau",
                 "in uitvoering", "Vereist en geteld"):
        assert text in first, text
    assert "Gent — Overzicht" in first and "Pagina 1 van" in first
    assert "Berekening van het BSO" in pages[1]  # nothing of the Overzicht spills onto page 2
    size = subprocess.run(["pdfinfo", str(gent_pdf)], check=True, capture_output=True, text=True).stdout
    assert "841.89 x 595.3" in size  # A4 landscape, in points


@pytest.mark.parametrize("sheet", LEGIBLE_SHEETS)
def test_sheet_prints_legibly_on_a4(gent_pdf, sheet):
    """Issue 7: at least 8 pt on paper for the text of the sheets officers print (chart labels aside)."""
    pages = sheet_pages(gent_pdf)[sheet]
    for page in pages:
        sizes = word_sizes(gent_pdf, page)
        assert len(sizes) > 10, (sheet, page)
        # the 10th percentile: nearly every word; the Overzicht chart's small legend is the rest
        tenth = sorted(sizes)[len(sizes) // 10]
        assert tenth >= 7.95, (sheet, page, round(tenth, 2))


def test_projecten_prints_the_projects_not_500_empty_rows(gent_pdf, demo_figures):
    """Gent's 17 demo projects and 20 empty rows fit two pages; the 500 prepared rows would take 11+."""
    pages = sheet_pages(gent_pdf)["Projecten"]
    assert len(demo_projects("44021")) == 17
    assert len(pages) == 2
    text = page_texts(gent_pdf)[pages[0] - 1]
    assert "Status" in text and "telt" in text
    assert "Opmerking" not in text  # notes are for the screen: the page ends at Status


def test_projecten_and_sanctie_repeat_their_header_rows(tmp_path, demo_figures):
    """A long project list prints its column headers on every page."""
    import datetime as dt

    projects = [{"project": f"Project {i}", "woningen": 10, "mjp": dt.date(2026, 1, 1)} for i in range(80)]
    xlsx = tmp_path / "44021.xlsx"
    write_workbook(xlsx, demo_figures.rows["44021"], demo_figures, projects)
    [pdf] = convert([xlsx], tmp_path / "pdf", to="pdf")
    pages = sheet_pages(pdf)
    assert len(pages["Projecten"]) >= 2
    for page in pages["Projecten"]:
        text = page_texts(pdf)[page - 1]
        assert "Woningen" in text and "Status" in text, page
    for page in pages["Sanctie"]:
        assert "Voortgangstoets" in page_texts(pdf)[page - 1], page
