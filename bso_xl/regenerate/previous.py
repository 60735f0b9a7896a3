"""Which earlier workbook's inputs go into each municipality's new workbook.

Two places hold earlier workbooks: the output folder (what bso-xl wrote last time, maybe typed in
on a shared drive) and ``--previous`` (workbooks officers sent back: any file names, re-saved by
Excel or LibreOffice). Each file is matched to its municipality by the NIS code stored *inside*
it (:func:`bso_xl.readback.identify`), never by its name. A returned workbook wins over the
output folder's copy. Two returned workbooks for one municipality: nothing is guessed — both are
reported and that municipality is skipped unless the user picks one (``--gebruik FILE``). A file
that cannot be read is reported and left untouched; its municipality (when the file name tells
which) is skipped unless ``--force``, because regenerating it would silently drop the inputs the
unreadable file may hold.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..municipalities import municipalities
from ..readback import ReadbackError, identify, other_format_problem, spreadsheet_files
from ..report import REPORT_XLSX
from ..workbook import PROPERTY_NIS

FROM_OUT = "uitvoermap"
FROM_RETURNED = "teruggestuurd"
NIS_IN_NAME = re.compile(r"^(\d{5})\D")
CUSTOM_PROPERTIES = "docProps/custom.xml"


@dataclass(frozen=True)
class Previous:
    path: Path
    origin: str


@dataclass
class Catalogue:
    """What was found, per NIS code."""

    carry: dict[str, Previous] = field(default_factory=dict)  # the workbook whose inputs are carried over
    in_out: dict[str, list[Path]] = field(default_factory=lambda: defaultdict(list))  # to archive when replaced
    duplicates: dict[str, list[Path]] = field(default_factory=dict)  # returned workbooks, not picked
    unreadable: dict[str, list[tuple[Path, str]]] = field(default_factory=lambda: defaultdict(list))
    notes: list[str] = field(default_factory=list)  # files that are not municipal workbooks, etc.


def nis_inside(path: Path) -> str:
    """The NIS code a workbook says it is for: its document properties (read straight from the zip,
    cheap), else the Overzicht sheet (bso-xl 0.1.0). Raises ReadbackError when unreadable."""
    try:
        with zipfile.ZipFile(path) as archive:
            if CUSTOM_PROPERTIES in archive.namelist():
                root = ElementTree.fromstring(archive.read(CUSTOM_PROPERTIES))
                for prop in root:
                    if prop.get("name") == PROPERTY_NIS and len(prop) and (prop[0].text or "").strip():
                        nis = prop[0].text.strip()
                        if nis in municipalities():
                            return nis
    except (zipfile.BadZipFile, OSError, ElementTree.ParseError):
        pass  # identify() below says what is wrong, in Dutch
    return identify(path).nis


def _files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The workbooks in the folder except bso-xl's own report, and the spreadsheets in other formats."""
    workbooks, others = spreadsheet_files(folder)
    return [p for p in workbooks if p.name != REPORT_XLSX], others


def _other_formats(others: list[Path], found: Catalogue, origin: str, wanted: set[str]) -> None:
    """A returned workbook saved as .ods or .xls holds inputs bso-xl cannot read: like an unreadable
    workbook, it is reported and its municipality (when the name tells which) skipped unless --force."""
    for path in others:
        match = NIS_IN_NAME.match(path.name)
        nis = match.group(1) if match and match.group(1) in municipalities() else None
        if nis is None and origin == FROM_OUT:
            found.notes.append(f"{path}: {other_format_problem(path)}")
        elif nis is None or nis in wanted:
            found.unreadable[nis or ""].append((path, other_format_problem(path)))


def catalogue(out: Path, returned: Path | None, picks: list[Path], wanted: set[str]) -> Catalogue:
    """Every earlier workbook of the municipalities in ``wanted``, matched by the NIS inside it."""
    found = Catalogue()
    picked = {p.resolve() for p in picks}
    workbooks, others = _files(out) if out.is_dir() else ([], [])
    for path in workbooks:
        nis = _identify(path, found, FROM_OUT)
        if nis in wanted:
            found.in_out[nis].append(path)
    _other_formats(others, found, FROM_OUT, wanted)
    for nis, paths in list(found.in_out.items()):
        if len(paths) == 1:
            found.carry[nis] = Previous(paths[0], FROM_OUT)
        else:  # several files for one municipality in the output folder (a copy typed in?)
            _choose(found, nis, paths, picked, FROM_OUT)
    if returned is not None:
        workbooks, others = _files(returned)
        _other_formats(others, found, FROM_RETURNED, wanted)
        by_nis: dict[str, list[Path]] = defaultdict(list)
        for path in workbooks:
            nis = _identify(path, found, FROM_RETURNED)
            if nis in wanted:
                by_nis[nis].append(path)
            elif nis is not None:
                found.notes.append(f"{path}: werkboek van NIS {nis}, niet in het cijferbestand of in --only: genegeerd")
        for nis, paths in by_nis.items():
            found.duplicates.pop(nis, None)
            _choose(found, nis, paths, picked, FROM_RETURNED)
    for pick in picks:
        if pick.resolve() not in {p.path.resolve() for p in found.carry.values()}:
            found.notes.append(f"--gebruik {pick}: dit werkboek is niet gevonden in de uitvoermap of in --previous")
    return found


def _choose(found: Catalogue, nis: str, paths: list[Path], picked: set[Path], origin: str) -> None:
    chosen = [p for p in paths if p.resolve() in picked]
    if len(paths) == 1 or len(chosen) == 1:
        found.carry[nis] = Previous(chosen[0] if chosen else paths[0], origin)
        found.duplicates.pop(nis, None)
    else:
        found.carry.pop(nis, None)
        found.duplicates[nis] = paths


def _identify(path: Path, found: Catalogue, origin: str) -> str | None:
    try:
        return nis_inside(path)
    except ReadbackError as error:
        match = NIS_IN_NAME.match(path.name)
        nis = match.group(1) if match and match.group(1) in municipalities() else None
        if nis is None and origin == FROM_OUT and not _looks_like_ours(path):
            found.notes.append(f"{path}: geen werkboek van bso-xl, genegeerd")
            return None
        found.unreadable[nis or ""].append((path, str(error)))
        return None


def _looks_like_ours(path: Path) -> bool:
    return bool(NIS_IN_NAME.match(path.name))
