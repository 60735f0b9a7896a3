"""Which workbook may go to which municipality: never one to the wrong municipality.

A workbook is cleared for a municipality only when three NIS codes agree: the one its file name
starts with (``<NIS>_<Gemeente>.xlsx``, as ``generate`` writes it), the one inside it (the
document property ``bso_xl_nis``, or for bso-xl 0.1.0 the NIS code on Overzicht, read by
:func:`bso_xl.readback.identify`) and the one its contacts are listed under in the contacts file.
Two files for one NIS, a file over the size limit, a file that is not a bso-xl workbook or a
municipality without contacts: nothing is sent for it and the reason is reported.

The file is read once: the NIS check, the key figures and the attachment all come from the same
bytes, so a workbook replaced while the mail runs cannot slip through unchecked.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from filelock import FileLock, Timeout

from ..contacts import Contact, ContactsFile
from ..errors import UserError
from ..municipalities import municipalities
from ..readback import OFFICE_TEMPORARY, ReadbackError, WorkbookIdentity, identify
from ..regenerate.files import LOCK_FILE
from ..report import REPORT_XLSX

WORKBOOK_NAME = re.compile(r"(\d{5})_.+\.xlsx", re.IGNORECASE)


@dataclass(frozen=True)
class Cleared:
    """A workbook whose three NIS codes agree, with the bytes that were checked."""

    nis: str
    gemeente: str
    path: Path
    data: bytes
    sha256: str
    identity: WorkbookIdentity
    contacts: tuple[Contact, ...]


@dataclass(frozen=True)
class Refused:
    """A municipality (or a file) nothing is sent for, and why."""

    nis: str
    gemeente: str
    bestand: str
    reason: str


def _name(nis: str) -> str:
    known = municipalities().get(nis)
    return known.name if known else ""


@contextlib.contextmanager
def folder_quiet(folder: Path):
    """Hold generate's folder lock (``.bso-xl.lock``, filelock) while the workbooks are read, so a
    mail never mixes workbooks (or a change report) of two generate runs. Not while sending: by
    then every attachment is in memory."""
    if not folder.is_dir():
        yield  # find_workbooks says what is wrong
        return
    lock = FileLock(str(folder / LOCK_FILE), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise UserError(f"{folder}: bso-xl generate schrijft nog in deze map; verwacht: wacht tot het klaar is en "
                        "start dan bso-xl mail opnieuw") from None
    try:
        yield
    finally:
        lock.release()


def find_workbooks(folder: Path, only: tuple[str, ...] | None) -> tuple[dict[str, list[Path]], list[str]]:
    """The workbooks in ``folder`` (not its subfolders, such as backup/) by the NIS their name
    starts with, and notes on the other .xlsx files there."""
    if not folder.is_dir():
        raise UserError(f"{folder}: map niet gevonden; verwacht: de map met de werkboeken van bso-xl generate")
    by_nis: dict[str, list[Path]] = {}
    notes = []
    for path in sorted(folder.iterdir()):
        if (not path.is_file() or path.suffix.lower() != ".xlsx" or path.name.startswith(".")
                or OFFICE_TEMPORARY.match(path.name)):
            continue  # Excel's and LibreOffice's owner files, generate's temporary files (.bso-xl-tmp-…)
        match = WORKBOOK_NAME.fullmatch(path.name)
        if path.name == REPORT_XLSX:
            continue
        if not match:
            notes.append(f"{path.name}: niet verstuurd, de naam begint niet met een NIS-code (<NIS>_<Gemeente>.xlsx)")
            continue
        by_nis.setdefault(match.group(1), []).append(path)
    if not by_nis:
        raise UserError(f"{folder}: geen werkboeken gevonden; verwacht: bestanden <NIS>_<Gemeente>.xlsx, "
                        "zoals bso-xl generate ze schrijft (bv. 44021_Gent.xlsx)")
    if only:
        absent = [nis for nis in only if nis not in by_nis]
        if absent:
            raise UserError(f"--only: geen werkboek in {folder} voor NIS {', '.join(absent)}; verwacht: "
                            f"een bestand <NIS>_<Gemeente>.xlsx per gevraagde gemeente")
        by_nis = {nis: by_nis[nis] for nis in only}
    return by_nis, notes


def check(nis: str, paths: list[Path], contacts: ContactsFile, max_size: int) -> Cleared | Refused:
    """Clear one municipality's workbook, or say why nothing is sent for it."""
    gemeente = _name(nis)
    names = ", ".join(p.name for p in paths)

    def refused(reason: str) -> Refused:
        return Refused(nis, gemeente, names, reason)

    if nis not in municipalities():
        return refused(f"de bestandsnaam begint met {nis}, geen NIS-code van een Vlaamse gemeente")
    if len(paths) > 1:
        return refused(f"{len(paths)} werkboeken voor NIS {nis}; verwacht: één, welk is het juiste?")
    [path] = paths
    size = path.stat().st_size
    if size > max_size:
        return refused(f"het werkboek is {_mb(size)}, meer dan de grens van {_mb(max_size)} (max-size)")
    data = path.read_bytes()
    try:
        book = _book(path, data)
        try:
            identity = identify(path, book)
        finally:
            book.close()
    except ReadbackError as error:
        return refused(str(error))
    if identity.nis != nis:
        return refused(f"NIS in de bestandsnaam ({nis}) en in het werkboek ({identity.nis} {identity.gemeente}) "
                       "verschillen: dit werkboek is niet voor deze gemeente")
    own = tuple(c for c in contacts.by_nis.get(nis, ()) if c.nis == nis == identity.nis)
    if not own:
        return refused(f"geen contactpersoon voor NIS {nis} in {contacts.source}")
    return Cleared(nis, identity.gemeente, path, data, hashlib.sha256(data).hexdigest(), identity, own)


def _mb(size: int) -> str:
    """1.5 MB as 'x,y MB' (Dutch decimal comma); two decimals below 1 MB."""
    return f"{size / 1048576:.{1 if size >= 1048576 else 2}f} MB".replace(".", ",")


def _book(path: Path, data: bytes):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except Exception as error:  # noqa: BLE001 — any failure to open is a bad workbook
        raise ReadbackError(f"{path}: kan niet gelezen worden als Excel-werkboek ({type(error).__name__})") from None


def contacts_without_workbook(contacts: ContactsFile, found: dict[str, list[Path]]) -> str | None:
    """One note: municipalities with contacts but no workbook in the folder (maybe not generated)."""
    missing = [nis for nis in contacts.by_nis if nis not in found]
    if not missing:
        return None
    shown = ", ".join(f"{nis} {_name(nis)}" for nis in missing[:10]) + (" …" if len(missing) > 10 else "")
    return f"{len(missing)} gemeente(n) met contactpersonen maar zonder werkboek in de map: {shown}"
