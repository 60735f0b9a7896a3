"""Projects for the demo workbooks (voorbeeldcijfers — geen officiële cijfers).

Where a municipality has them, the demo shows the **real** projects of the VMSW
kortetermijnplanning of 14/08/2026 (``data/vmsw-ktp-projecten-2026-08-14.csv``, financing stream
FS4; labelled with their source ``VMSW-kortetermijnplanning FS4``), imported exactly as
``bso-xl generate --projects`` imports that list (:func:`bso_xl.projects.read_projects`): its VEP rows,
whose demolished dwellings the list does not give, are flagged in the workbook as they should be.

Beside them, clearly labelled *illustratief* rows show how a workbook follows a project through
every phase (R5), so the demo exercises what officers will type:

- every municipality with new-build dwellings on the VMSW meerjarenplanning
  (``mjp_huur_nieuwbouw`` of ``data/gemeenten-2025-planning-fs4-detail.csv``) gets one project of
  that size, on the MJP since the planning date, with *planned* dates for KTP, start and
  completion spread over 2027–2034 (planned dates are what make the forecast work);
- one municipality in four gets a small project already completed in 2026 (realised);
- one in six gets a replacement of its own dwellings (vervangingsbouw, VEP) with more dwellings
  demolished than built, under way — a net-negative rebuild.

The spread is deterministic (derived from the NIS code), so the same inputs give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import lru_cache
from importlib import resources

from .municipalities import municipality

PLANNING_FILE = "gemeenten-2025-planning-fs4-detail.csv"
ILLUSTRATIVE = "voorbeeldproject — illustratief, geen echte gegevens"
ILLUSTRATIVE_SOURCE = "voorbeeld bso-xl (illustratief)"


@lru_cache(maxsize=1)
def _planning() -> dict[str, dict[str, str]]:
    """The planning detail file keyed by NIS (read once)."""
    text = resources.files("bso_xl.data").joinpath(PLANNING_FILE).read_text(encoding="utf-8")
    return {row["nis"]: row for row in csv.DictReader(text.splitlines())}


@lru_cache(maxsize=1)
def _vmsw_projects() -> dict[str, list[dict]]:
    from .projects import read_projects, vmsw_path  # noqa: PLC0415 (the table reader is slow to import)

    return read_projects(vmsw_path()).rows


def _row(project: str, locatie: str, woningen: int, **fields) -> dict:
    row = {"project": project, "locatie": locatie, "type": None, "huur_koop": None, "woningen": woningen,
           "gesloopt": None, "mjp": None, "ktp": None, "start": None, "oplevering": None,
           "opmerking": ILLUSTRATIVE, "bron": ILLUSTRATIVE_SOURCE}
    row.update(fields)
    return row


def _planned(planning_date: dt.date, seed: int) -> dict:
    """Planned phase dates after the MJP date, spread by the seed over 2027–2034."""
    ktp = dt.date(2027 + seed % 3, 1 + seed % 12, 1)
    start = dt.date(ktp.year + 1 + seed % 2, 1 + (seed * 5) % 12, 1)
    done = dt.date(start.year + 2, 1 + (seed * 7) % 12, 15)
    return {"mjp": planning_date, "ktp": ktp, "start": start, "oplevering": done}


def demo_projects(nis: str) -> list[dict]:
    """The demo projects of one municipality: the real VMSW KTP projects, then illustrative rows.

    Each project is a dict with the keys of :data:`bso_xl.rules.project_rows.INPUT_COLUMNS`.
    An unknown NIS code raises KeyError.
    """
    gemeente = municipality(nis)  # normalises the code and names unknown ones
    projects = [dict(row) for row in _vmsw_projects().get(gemeente.nis, [])]
    planning = _planning()[gemeente.nis]
    planning_date = dt.date.fromisoformat(planning["peildatum"])
    seed = int(gemeente.nis)
    dwellings = int(planning["mjp_huur_nieuwbouw"])
    if dwellings:
        projects.append(_row("Nieuwbouw van de VMSW-meerjarenplanning FS4 (illustratief)", gemeente.name, dwellings,
                             type="nieuwbouw", gesloopt=0, **_planned(planning_date, seed)))
    if seed % 4 == 0:
        projects.append(_row("Opgeleverd project (illustratief)", gemeente.name, 6 + seed % 10, type="nieuwbouw",
                             gesloopt=0, mjp=dt.date(2023, 3, 1), ktp=dt.date(2024, 2, 1),
                             start=dt.date(2024, 11, 1), oplevering=dt.date(2026, 6, 30)))
    if seed % 6 == 1:
        projects.append(_row("Vervangingsbouw eigen woningen (illustratief)", gemeente.name, 20, type="vervangingsbouw",
                             gesloopt=24, mjp=dt.date(2025, 5, 1), ktp=dt.date(2026, 2, 1),
                             start=dt.date(2026, 10, 1), oplevering=dt.date(2028, 12, 31)))
    return projects
