"""The overview workbooks print legibly on A4: every sheet one page wide at ≥ 8 pt on paper
(measured from LibreOffice's PDF as the municipal print test does), the Overzicht on one page."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from bso_xl.figures import read_figures
from bso_xl.overview import build_overview, write_flanders, write_woonmaatschappij
from overview_helpers import INVALID_SWAPS, WHAT_IF_VALID, WM, small_case
from recalc import convert
from test_overview_workbooks import FLANDERS_SHEETS, WM_SHEETS
from test_workbook_print import page_texts, word_sizes

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils niet geïnstalleerd")]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    root = tmp_path_factory.mktemp("overview-print")
    figures, folder = small_case(root)
    small = build_overview(figures, str(folder))
    write_flanders(root / "Vlaanderen.xlsx", build_overview(read_figures(None)))
    # invalid swaps: the longest messages the swap sheets show
    write_woonmaatschappij(root / "WM.xlsx", small, WM, INVALID_SWAPS, WHAT_IF_VALID)
    flanders, wm = convert([root / "Vlaanderen.xlsx", root / "WM.xlsx"], root / "pdf", to="pdf")
    return {"Vlaanderen": flanders, WM: wm}


def sheet_pages(pdf, owner: str) -> dict[str, list[int]]:
    """Sheet → its pages, from the footers ("Vlaanderen — Gemeenten … Pagina 7 van 31")."""
    names = sorted(FLANDERS_SHEETS + WM_SHEETS, key=len, reverse=True)  # "Ruil gevolgen" before "Ruil"
    footer = re.compile(rf"{re.escape(owner)} — ({'|'.join(map(re.escape, names))})\b.*?Pagina (\d+) van (\d+)")
    pages: dict[str, list[int]] = {}
    for number, text in enumerate(page_texts(pdf), start=1):
        match = footer.search(text)
        if match:
            assert int(match.group(2)) == number
            pages.setdefault(match.group(1), []).append(number)
    return pages


@pytest.mark.parametrize("owner", ["Vlaanderen", WM])
def test_every_sheet_prints_at_least_8_pt(pdfs, owner):
    pdf = pdfs[owner]
    pages = sheet_pages(pdf, owner)
    assert sorted(pages) == sorted(FLANDERS_SHEETS if owner == "Vlaanderen" else WM_SHEETS)
    small = {}
    for sheet, numbers in pages.items():
        for page in numbers:
            sizes = sorted(word_sizes(pdf, page))
            if len(sizes) < 10:
                continue  # a page holding only a chart's continuation
            tenth = sizes[len(sizes) // 10]
            if tenth < 7.95:
                small[(sheet, page)] = round(tenth, 2)
    assert small == {}


@pytest.mark.parametrize("owner", ["Vlaanderen", WM])
def test_overzicht_is_one_a4_landscape_page(pdfs, owner):
    pdf = pdfs[owner]
    assert sheet_pages(pdf, owner)["Overzicht"] == [1]
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "841.89 x 595.3" in info


def test_the_what_if_banner_is_on_every_page_of_its_sheets(pdfs):
    pdf = pdfs[WM]
    pages = sheet_pages(pdf, WM)
    texts = page_texts(pdf)
    for sheet in ("Wat-als VVSG", "Wat-als gevolgen"):
        for page in pages[sheet]:
            assert "GEEN GELDEND RECHT" in texts[page - 1], (sheet, page)
