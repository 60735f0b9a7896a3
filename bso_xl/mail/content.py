"""What a municipality's mail says: its key figures, the next test, what changed (the template context).

Every number comes from the workbook being attached (its cached values, read by
:func:`bso_xl.readback.read_key_figures`), never from a second computation that could disagree
with it; the requirement of a test (R6) is the engine's, from the workbook's T1–T3 and SIB.
What changed comes from the change report ``rapport.json`` that ``generate`` wrote next to the
workbooks, and is left out when there is none or when it does not describe this workbook.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..parameters import load
from ..readback import ReadbackError, read_key_figures
from ..report import KeyFigures, MunicipalityChange
from ..rules import Level, combined_requirement
from .safety import Cleared

LEVELS = {
    Level.MJP: "op de meerjarenplanning (MJP) of verder",
    Level.KTP: "op de kortetermijnplanning (KTP) of verder",
    Level.UITVOERING: "in uitvoering of gerealiseerd",
    Level.GEREALISEERD: "gerealiseerd",
}
SHORT_CHANGES = 3  # changes named in the first sentence; the rest are listed below it


class NotMailable(Exception):
    """The workbook cannot be described truthfully (no computed values): nothing is sent."""


@dataclass(frozen=True)
class ChangeInfo:
    change: MunicipalityChange | None
    note: str | None = None  # why the report was not used, for the summary


def key_figures(cleared: Cleared) -> KeyFigures:
    """The key figures of exactly the bytes that were checked (a private copy, same file name)."""
    with tempfile.TemporaryDirectory(prefix="bso-xl-mail-") as tmp:
        copy = Path(tmp) / cleared.path.name
        copy.write_bytes(cleared.data)
        try:
            figures = read_key_figures(copy)
        except (ReadbackError, KeyError, ValueError, TypeError) as error:
            raise NotMailable(str(error).replace(str(copy), str(cleared.path))) from None
    if not figures.shortfall:
        raise NotMailable("het werkboek bevat geen berekende waarden (bewaard door een programma dat niet "
                          "herberekent?); verwacht: een werkboek zoals bso-xl generate het schrijft")
    return figures


def change_for(report, cleared: Cleared, figures: KeyFigures) -> ChangeInfo:
    """This municipality's entry in the change report, if the report describes this very workbook."""
    if report is None:
        return ChangeInfo(None)
    change = next((c for c in report.gemeenten if c.nis == cleared.nis), None)
    if change is None:
        return ChangeInfo(None, "rapport.json vermeldt deze gemeente niet: de mail zegt niets over wijzigingen")
    new = change.nieuw
    if new is not None and (new.bso, new.sib, new.t1, new.t2, new.t3, _ints(new.shortfall)) != (
            figures.bso, figures.sib, figures.t1, figures.t2, figures.t3, _ints(figures.shortfall)):
        return ChangeInfo(None, "rapport.json hoort niet bij dit werkboek (andere cijfers): "
                                "de mail zegt niets over wijzigingen")
    return ChangeInfo(change)


def _ints(mapping: dict) -> dict:
    return {k: int(v) for k, v in mapping.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


def _date(value: dt.date) -> str:
    return f"{value:%d/%m/%Y}"


def _peildatum(text: str) -> str:
    try:
        return _date(dt.date.fromisoformat(text))
    except (TypeError, ValueError):
        return text or ""


def _whole(value):
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def tests(figures: KeyFigures) -> list[dict]:
    """Per progress test: requirement per level (R6), shortfall, category, sanction (R7, R8)."""
    result = []
    for year, test in load().tests.items():
        key = str(year)
        need = combined_requirement(figures.t1, figures.t2, figures.t3, figures.sib, year)
        category = figures.category.get(key, "")
        assessed_2b = category == "2b"
        result.append({
            "jaar": year,
            "meetdatum": _date(test.measured),
            "vereist": [{"niveau": LEVELS[level], "aantal": math.ceil(need[level])}
                        for level in Level if math.ceil(need[level]) > 0],
            "tekort": _whole(figures.shortfall.get(key)),
            "categorie": category,
            "beoordeeld": category in ("2a", "2b"),
            "sanctie_per_jaar": figures.sanction.get(key),
            # over the instalments: the expected cost when assessed 2b, else the risk "indien 2b"
            "over_schijven": figures.expected.get(key) if assessed_2b else figures.risk.get(key),
        })
    return result


def context(cleared: Cleared, figures: KeyFigures, change: MunicipalityChange | None, today: dt.date,
            report_is_demo: bool = False) -> dict:
    """Everything a template may use (documented in the README, section Mailen)."""
    all_tests = tests(figures)
    measured = {year: test.measured for year, test in load().tests.items()}
    upcoming = [t for t in all_tests if measured[t["jaar"]] >= today]
    changes = [w.strip().rstrip(".") for w in (change.wijzigingen if change else []) if w.strip()]
    return {
        "gemeente": cleared.gemeente,
        "nis": cleared.nis,
        "bestand": cleared.path.name,
        "peildatum": _peildatum(figures.peildatum or cleared.identity.peildatum),
        "voorbeeldcijfers": bool(figures.is_demo or report_is_demo),
        "namen": [c.naam for c in cleared.contacts],
        "bso": figures.bso,
        "sib": figures.sib,
        "regulier": figures.bso - figures.sib,
        "t1": figures.t1,
        "t2": figures.t2,
        "t3": figures.t3,
        "toetsen": all_tests,
        "volgende_toets": upcoming[0] if upcoming else None,
        "schijven": load().instalments,
        "status": change.status if change else None,
        "wijzigingen": changes,
        "wijzigingen_kort": "; ".join(changes[:SHORT_CHANGES]),
        "wijzigingen_meer": max(0, len(changes) - SHORT_CHANGES),
        # generate's warnings for this municipality (not shown by the built-in templates: some are
        # for the sender, e.g. an archived file; an own template may show them)
        "waarschuwingen": list(change.waarschuwingen) if change else [],
        "werkboekversie": cleared.identity.version,
    }
