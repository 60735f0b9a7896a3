"""Illustrative projects for the demo workbooks (voorbeeldcijfers — geen officiële cijfers).

A municipality's workbook lists projects per phase (R5). For the demo, each municipality gets
at most one project per VMSW planning list, taken from ``data/gemeenten-2025-planning-fs4-detail.csv``
(VMSW planning of 14/08/2026, financing stream FS4, social rental dwellings):

- "VMSW-meerjarenplanning FS4 (nieuwbouw)": ``mjp_huur_nieuwbouw`` dwellings, on the MJP since
  the planning date;
- "VMSW-kortetermijnplanning FS4 (nieuwbouw)": ``ktp_huur_nieuwbouw`` dwellings, on the MJP and
  the KTP since the planning date.

Only the new-build columns are used: renovation of a woonmaatschappij's own dwellings adds no
dwellings (R5, SOURCES.md). A list with 0 dwellings gives no project. Whether the two lists
overlap is not documented; the demo treats them as separate projects.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import lru_cache
from importlib import resources

from .municipalities import municipality

PLANNING_FILE = "gemeenten-2025-planning-fs4-detail.csv"

# (project name, planning column, phases the project has reached on the planning date)
_LISTS = (
    ("VMSW-meerjarenplanning FS4 (nieuwbouw)", "mjp_huur_nieuwbouw", ("mjp",)),
    ("VMSW-kortetermijnplanning FS4 (nieuwbouw)", "ktp_huur_nieuwbouw", ("mjp", "ktp")),
)


@lru_cache(maxsize=1)
def _planning() -> dict[str, dict[str, str]]:
    """The planning detail file keyed by NIS (read once)."""
    text = resources.files("bso_xl.data").joinpath(PLANNING_FILE).read_text(encoding="utf-8")
    return {row["nis"]: row for row in csv.DictReader(text.splitlines())}


def demo_projects(nis: str) -> list[dict]:
    """0–2 illustrative projects for one municipality, from the VMSW FS4 planning.

    Each project is a dict with exactly the keys ``project``, ``locatie`` (the municipality's
    name), ``woningen``, ``gesloopt`` (always 0), ``mjp``, ``ktp``, ``start``, ``oplevering``
    (``datetime.date`` or None) and ``opmerking``. An unknown NIS code raises KeyError.
    """
    gemeente = municipality(nis)  # normalises the code and names unknown ones
    row = _planning()[gemeente.nis]
    planning_date = dt.date.fromisoformat(row["peildatum"])
    remark = (f"voorbeeldproject uit de VMSW-planning van {planning_date:%d/%m/%Y} — illustratief")
    projects = []
    for name, column, phases in _LISTS:
        dwellings = int(row[column])
        if dwellings == 0:
            continue
        projects.append({
            "project": name,
            "locatie": gemeente.name,
            "woningen": dwellings,
            "gesloopt": 0,
            "mjp": planning_date if "mjp" in phases else None,
            "ktp": planning_date if "ktp" in phases else None,
            "start": None,
            "oplevering": None,
            "opmerking": remark,
        })
    return projects
