"""The Overzicht prints on one page, one page wide (A4 landscape), rendered by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from bso_xl.demo import demo_projects
from bso_xl.workbook import write_workbook
from recalc import convert

pytestmark = pytest.mark.libreoffice


def page_texts(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils niet geïnstalleerd")
def test_overzicht_is_one_page_wide(tmp_path, demo_figures):
    xlsx = tmp_path / "44021.xlsx"
    write_workbook(xlsx, demo_figures.rows["44021"], demo_figures, demo_projects("44021"))
    [pdf] = convert([xlsx], tmp_path / "pdf", to="pdf")
    pages = page_texts(pdf)
    first = pages[0]
    # first and last column of the status table, the title and the chart on the same first page
    for text in ("Bindend sociaal objectief", "Toetsjaar", "Sanctie per jaar", "Vereist en geteld"):
        assert text in first, text
    assert "Overzicht" in first and "Blad 1 van" in first
    # nothing of the Overzicht spills onto page 2 (which starts the Berekening sheet)
    assert "Berekening van het BSO" in pages[1]
    size = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "841.89 x 595.3" in size  # A4 landscape, in points
