"""The change report of a generate run: what changed per municipality, for people and for programs.

``generate`` writes it as ``rapport.xlsx`` (for people, :mod:`bso_xl.report_workbook`) and
``rapport.json`` (for programs: ``bso-xl mail`` tells each municipality what changed). This module
holds the data and its JSON form; one JSON object per run::

    {"versie": 1, "gemaakt": "2026-12-01T21:00:00", "cijferbestand": "cijfers.xlsx",
     "voorbeeldcijfers": false,
     "gemeenten": [{"nis": "44021", "gemeente": "Gent", "bestand": "44021_Gent.xlsx",
                    "status": "gewijzigd", "oud": {...} | null, "nieuw": {...} | null,
                    "invoer_overgenomen": 12, "wijzigingen": ["BSO 2.185 → 2.190", ...],
                    "waarschuwingen": ["..."]}]}

``oud`` / ``nieuw`` are :class:`KeyFigures` as a dict (null when there was no old workbook, or no
new one because the municipality was skipped). ``status`` is one of :data:`STATUSES`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPORT_JSON = "rapport.json"
REPORT_XLSX = "rapport.xlsx"
STATUSES = ("nieuw", "gewijzigd", "ongewijzigd", "overgeslagen")


@dataclass(frozen=True)
class KeyFigures:
    """A municipality's figures as a report or a mail shows them (per test year as a string key)."""

    bso: int
    sib: int
    t1: int
    t2: int
    t3: int
    shortfall: dict[str, int]  # test year → shortfall (from the projects)
    sanction: dict[str, float | str]  # test year → sanction per year if 2b (or a message)
    category: dict[str, str]  # test year → 1, 2, 2a, 2b
    risk: dict[str, float | str]  # test year → over the instalments, not yet assessed
    expected: dict[str, float | str]  # test year → over the instalments, assessed 2b
    peildatum: str = ""
    is_demo: bool = False


@dataclass
class MunicipalityChange:
    nis: str
    gemeente: str
    bestand: str
    status: str
    oud: KeyFigures | None = None
    nieuw: KeyFigures | None = None
    invoer_overgenomen: int = 0
    wijzigingen: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)


@dataclass
class ChangeReport:
    gemaakt: str
    cijferbestand: str
    voorbeeldcijfers: bool
    gemeenten: list[MunicipalityChange] = field(default_factory=list)
    versie: int = 1

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


def read_report(path: str | Path) -> ChangeReport:
    """A ``rapport.json`` as written by ``generate`` (a folder holding one is accepted too)."""
    path = Path(path)
    if path.is_dir():
        path = path / REPORT_JSON
    data = json.loads(path.read_text(encoding="utf-8"))
    changes = []
    for item in data["gemeenten"]:
        old, new = item.get("oud"), item.get("nieuw")
        changes.append(MunicipalityChange(
            **{**item, "oud": KeyFigures(**old) if old else None, "nieuw": KeyFigures(**new) if new else None}))
    return ChangeReport(data["gemaakt"], data["cijferbestand"], data["voorbeeldcijfers"], changes,
                        data.get("versie", 1))


def _money(value) -> float | str:
    return value if isinstance(value, str) else float(value)


def key_figures(model) -> KeyFigures:
    """The key figures of a workbook model (:class:`bso_xl.workbook.model.WorkbookModel`)."""
    obj = model.objective
    tests = {str(t.year): t for t in model.tests}
    fig = model.figures
    return KeyFigures(
        bso=obj.bso, sib=obj.sib, t1=obj.t1, t2=obj.t2, t3=obj.t3,
        shortfall={y: t.shortfall for y, t in tests.items()},
        sanction={y: _money(t.sanction) for y, t in tests.items()},
        category={y: t.category for y, t in tests.items()},
        risk={y: _money(t.risk) for y, t in tests.items()},
        expected={y: _money(t.expected) for y, t in tests.items()},
        peildatum=fig.peildatum.isoformat() if fig.peildatum else "",
        is_demo=fig.is_demo,
    )
