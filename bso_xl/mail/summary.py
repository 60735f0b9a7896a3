"""The summary of a mail run: one row per municipality, on screen and as ``overzicht.csv``.

The CSV (``;``-separated, UTF-8 with a byte-order mark) opens in Excel with Belgian settings
as it is; it sits in the outbox next to the ``.eml`` files it describes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

SUMMARY_CSV = "overzicht.csv"
HEADER = ("NIS", "gemeente", "bestand", "ontvangers", "status", "opmerking")


@dataclass
class Row:
    nis: str
    gemeente: str
    bestand: str
    ontvangers: tuple[str, ...]
    status: str
    remark: str

    def cells(self) -> list[str]:
        return [self.nis, self.gemeente, self.bestand, ", ".join(self.ontvangers), self.status, self.remark]


def write_outbox_summary(outbox: Path, rows: list[Row]) -> Path:
    path = outbox / SUMMARY_CSV
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(row.cells() for row in rows)
    return path


def table(rows: list[Row]) -> str:
    """Tab-separated, as ``bso-xl check`` prints its table."""
    lines = ["\t".join(HEADER)]
    lines += ["\t".join(" ".join(cell.split()) for cell in row.cells()) for row in rows]
    return "\n".join(lines)


def counts(rows: list[Row]) -> str:
    totals: dict[str, int] = {}
    for row in rows:
        totals[row.status] = totals.get(row.status, 0) + 1
    return ", ".join(f"{n} {status}" for status, n in sorted(totals.items(), key=lambda kv: -kv[1]))
