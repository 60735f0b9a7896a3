"""Shared fixtures. xlwings must see its server settings before its first import (ENGINEERING-NOTES)."""

import os

os.environ.setdefault("XLWINGS_ON_SERVER", "true")
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # test helpers such as recalc.py

from recalc import soffice  # noqa: E402


def pytest_collection_modifyitems(config, items):
    """LibreOffice tests need soffice: skipped on a developer machine without it, never in CI
    (there they run and fail loudly, since .ci/run installs LibreOffice)."""
    if soffice() is not None or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="LibreOffice (soffice) niet geïnstalleerd")
    for item in items:
        if "libreoffice" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def demo_figures():
    from bso_xl.figures import read_figures

    return read_figures(None)


def slow_enabled() -> bool:
    return os.environ.get("BSO_XL_SLOW") == "1"
