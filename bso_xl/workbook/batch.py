"""Workbook file names: ``<NIS>_<Gemeente>.xlsx`` (``bso-xl generate`` is :mod:`bso_xl.regenerate`)."""

from __future__ import annotations

import re

UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def workbook_name(nis: str, name: str) -> str:
    """`<NIS>_<Gemeente>.xlsx`, without characters Windows forbids in file names."""
    return f"{nis}_{UNSAFE.sub('_', name)}.xlsx"
