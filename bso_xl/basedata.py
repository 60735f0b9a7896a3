"""Real base figures per municipality (``data/gemeenten-2025-basiscijfers.csv``, see SOURCES.md)."""

from __future__ import annotations

import csv
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from .parameters import load
from .rules import average_permits

# Building-permit columns, newest first; each sums 36 months of dwellings in new-build permits.
PERMIT_COLUMNS = ("nieuwbouw_woningen_2022sep_2025aug", "nieuwbouw_woningen_2019sep_2022aug")
YEARS_PER_COLUMN = 3
PERMIT_SOURCE = "Statbel, woningen in vergunningen voor nieuwbouw, sep. 2019 – aug. 2025"


@lru_cache(maxsize=1)
def _rows() -> dict[str, dict[str, str]]:
    text = resources.files("bso_xl.data").joinpath("gemeenten-2025-basiscijfers.csv").read_text(encoding="utf-8")
    return {row["nis"]: row for row in csv.DictReader(text.splitlines())}


def average_permits_per_year(nis: str) -> Decimal | None:
    """R9: average dwellings permitted per year over the permit window (default the last six years).

    Uses the newest 36-month columns that fit the window; None when the source has no figures
    (the twelve municipalities merged on 1/1/2025, Herstappe's gaps).
    """
    row = _rows().get(nis)
    blocks = max(1, load().permit_window_years // YEARS_PER_COLUMN)
    values = [row.get(column, "") for column in PERMIT_COLUMNS[:blocks]] if row else []
    if not values or any(v == "" for v in values):
        return None
    return average_permits([int(v) for v in values], YEARS_PER_COLUMN * len(values))
