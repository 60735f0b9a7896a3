"""``bso-xl overview``: ``Vlaanderen.xlsx`` and one ``WM_<naam>.xlsx`` per woonmaatschappij.

The yellow cells a user filled in an earlier overview in the same folder (the swaps, the
envelope) are carried into the new one, read by defined name; a file that differs from the new
one is first kept in the run's own ``backup/`` folder, and every file is written whole or not at
all — with :mod:`bso_xl.regenerate.files`, as ``generate`` does — so nothing typed is ever lost.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..figures import read_figures
from ..regenerate.files import Archive, FolderLock, write_atomically
from ..workbook.batch import UNSAFE
from . import write_flanders, write_woonmaatschappij
from .model import OverviewData, build_overview
from .returned import DUPLICATE, NOT_IN_FIGURES, UNREADABLE

FLANDERS_FILE = "Vlaanderen.xlsx"


def wm_file(wm: str) -> str:
    """``WM_<naam>.xlsx`` without characters Windows forbids in file names."""
    return f"WM_{UNSAFE.sub('_', wm)}.xlsx"


@dataclass
class OverviewRun:
    written: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    data: OverviewData | None = None


def _typed_inputs(path: Path) -> dict:
    """The yellow cells of an earlier overview, by defined name; {} when there is none."""
    if not path.is_file():
        return {}
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path)
    except Exception:  # noqa: BLE001 — an unreadable earlier overview is simply not carried over
        return {}

    def cells(name):
        defined = book.defined_names.get(name)
        if defined is None:
            return None
        [(sheet, ref)] = list(defined.destinations)
        if sheet not in book.sheetnames:
            return None
        found = book[sheet][ref.replace("$", "")]
        return [c[0].value for c in found] if isinstance(found, tuple) else found.value

    found = {"envelope": cells("Enveloppe_invoer")}
    for key, pre in (("swaps", "Ruil"), ("what_if_swaps", "Watals")):
        columns = [cells(f"{pre}_{part}") for part in ("van", "naar", "aantal")]
        if all(isinstance(c, list) for c in columns):
            found[key] = [row for row in zip(*columns)]
    return found


def overview(figures_path: str | None, workbooks: str | None, out: Path) -> OverviewRun:
    figures = read_figures(figures_path)
    data = build_overview(figures, workbooks)
    run = OverviewRun(data=data)
    for f in data.returned.files:
        if f.status in (DUPLICATE, NOT_IN_FIGURES, UNREADABLE):
            what = f"{f.status}" + (f" ({f.detail})" if f.detail else "")
            run.messages.append(f"{f.name}: {what}")
    out.mkdir(parents=True, exist_ok=True)
    archive = Archive(out, dt.datetime.now())
    jobs = [(out / FLANDERS_FILE, None)] + [(out / wm_file(wm), wm) for wm in data.woonmaatschappijen]
    with FolderLock(out):
        for path, wm in jobs:
            typed = _typed_inputs(path)
            buffer = io.BytesIO()
            if wm is None:
                write_flanders(buffer, data, envelope=typed.get("envelope"))
            else:
                write_woonmaatschappij(buffer, data, wm, swaps=typed.get("swaps", ()),
                                       what_if_swaps=typed.get("what_if_swaps", ()), envelope=typed.get("envelope"))
            new = buffer.getvalue()
            if path.exists():
                if path.read_bytes() == new:  # the same inputs give the same bytes: nothing to do
                    run.written.append(path)
                    continue
                kept = archive.keep_copy(path)
                run.messages.append(f"bestaand overzicht bewaard als {kept}")
            write_atomically(path, new)
            run.written.append(path)
    return run
