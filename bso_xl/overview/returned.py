"""The returned municipal workbooks in a folder: which one belongs to which municipality.

A workbook is identified by what is inside it (:func:`bso_xl.readback.read_workbook`), never by
its file name. Only the folder itself is read, not its subfolders (``generate`` keeps older
versions in ``backup/``: those are not returned workbooks). Two or more workbooks for one
municipality: bso-xl does not guess which one counts; all are reported and none is used (the
regeneration command follows the same rule). Every file gets a line on the sheet *Werkboeken*.
"""

from __future__ import annotations

import os
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..model import FiguresFile
from ..readback import ReturnedWorkbook, other_format_problem, read_workbook, spreadsheet_files

USED = "gebruikt"
DUPLICATE = "niet gebruikt: meer dan één werkboek voor deze gemeente"
NOT_IN_FIGURES = "niet gebruikt: gemeente niet in het cijferbestand"
UNREADABLE = "niet gelezen"
OVERVIEW = "overgeslagen: een overzichtswerkboek van bso-xl"

# Custom document property that marks the overview workbooks (so a folder holding both the
# returned workbooks and the overviews is read without complaints).
PROPERTY_OVERVIEW = "bso_xl_overzicht"


@dataclass(frozen=True)
class WorkbookFile:
    """One .xlsx file found in the folder and what became of it."""

    name: str  # the file name only, never a machine path
    nis: str  # "" when the file could not be identified
    gemeente: str
    version: str
    status: str
    detail: str  # why it was not read, or ""
    notes: tuple[str, ...]  # what the reader noticed (invalid inputs, rows below the table, …)


@dataclass(frozen=True)
class ReturnedWorkbooks:
    files: tuple[WorkbookFile, ...]
    used: dict[str, ReturnedWorkbook]  # NIS → the one workbook used
    by_nis: dict[str, tuple[str, ...]]  # NIS → every file name found for it (used or not)


def _is_overview(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return PROPERTY_OVERVIEW.encode() in archive.read("docProps/custom.xml")
    except (KeyError, OSError, zipfile.BadZipFile):
        return False


# Reading a returned workbook is openpyxl loading every sheet (~0.1 s each, measured); more than this
# many files are read by two worker processes (the machines have two cores), in file order.
PARALLEL_FROM = 8
WORKERS = 2


def _read(path: Path) -> tuple[ReturnedWorkbook | None, str]:
    """One file: the workbook, or why it could not be read (the message names the file only)."""
    if _is_overview(path):
        return None, OVERVIEW
    try:
        return read_workbook(path), ""
    except UserError as error:
        return None, str(error).replace(str(path), path.name)


def _read_all(paths: list[Path]) -> list[tuple[ReturnedWorkbook | None, str]]:
    if len(paths) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [_read(p) for p in paths]
    with ProcessPoolExecutor(WORKERS) as pool:
        return list(pool.map(_read, paths, chunksize=8))


def read_folder(directory: str | Path | None, figures: FiguresFile) -> ReturnedWorkbooks:
    """Every workbook in ``directory`` (not its subfolders), in file-name order."""
    if directory is None:
        return ReturnedWorkbooks((), {}, {})
    folder = Path(directory)
    if not folder.is_dir():
        raise UserError(f"--workbooks: map niet gevonden: {folder}")
    paths, others = spreadsheet_files(folder)
    read = [(path, *result) for path, result in zip(paths, _read_all(paths))]
    # a workbook saved as .ods or .xls is listed as not read, with what to do
    read += [(path, None, other_format_problem(path)) for path in others]
    read.sort(key=lambda entry: entry[0].name)
    by_nis: dict[str, list[str]] = {}
    for path, returned, _ in read:
        if returned is not None:
            by_nis.setdefault(returned.identity.nis, []).append(path.name)
    files, used = [], {}
    for path, returned, problem in read:
        if returned is None:
            status = OVERVIEW if problem == OVERVIEW else UNREADABLE
            files.append(WorkbookFile(path.name, "", "", "", status, "" if status == OVERVIEW else problem, ()))
            continue
        ident = returned.identity
        if ident.nis not in figures.rows:
            status = NOT_IN_FIGURES
        elif len(by_nis[ident.nis]) > 1:
            status = DUPLICATE
        else:
            status = USED
            used[ident.nis] = returned
        detail = ""
        if status == DUPLICATE:
            detail = "ook: " + ", ".join(n for n in by_nis[ident.nis] if n != path.name)
        files.append(WorkbookFile(path.name, ident.nis, ident.gemeente, ident.version, status, detail,
                                  tuple(returned.messages)))
    return ReturnedWorkbooks(tuple(files), used, {nis: tuple(names) for nis, names in by_nis.items()})
