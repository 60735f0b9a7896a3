"""Nothing lost, ever: whole-or-nothing writes, an archive that never collides, one run per folder.

- A new workbook is written to a temporary file in the same folder, flushed to disk, and renamed
  into place (``os.replace`` is atomic on one file system): a run killed while writing leaves the
  old file or the new one, never a half-written file under the final name.
- The previous file is moved to the run's own archive folder ``backup/<time>-<pid>[-n]/`` first.
  The folder is created exclusively, so two runs (or two runs in one second) never share one,
  and inside it a name is never reused.
- A lock (``.bso-xl.lock``, an operating-system file lock through the ``filelock`` library) keeps a
  second run out of the folder; the lock dies with its process, so a killed run never leaves it
  stuck. A note beside it says which run holds it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import UserError

ARCHIVE_DIR = "backup"
LOCK_FILE = ".bso-xl.lock"
LOCK_NOTE = ".bso-xl.lock.json"
TEMP_PREFIX = ".bso-xl-tmp-"


class FolderBusy(UserError):
    """Another run holds the folder's lock."""


def temp_path(target: Path) -> Path:
    return target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{target.name}")


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all (temporary file + rename)."""
    temp = temp_path(target)
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:  # also Ctrl-C: never leave the temporary file behind
        temp.unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files of runs that were killed (we hold the lock: nobody else is writing)."""
    stale = sorted(folder.glob(f"{TEMP_PREFIX}*"))
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


class Archive:
    """This run's archive folder, created when the first file is archived."""

    def __init__(self, out: Path, started: dt.datetime):
        self.root = out / ARCHIVE_DIR
        self.stamp = f"{started:%Y%m%d-%H%M%S}-{os.getpid()}"
        self.folder: Path | None = None

    def _folder(self) -> Path:
        if self.folder is None:
            self.root.mkdir(parents=True, exist_ok=True)
            n = 0
            while True:
                candidate = self.root / (self.stamp if n == 0 else f"{self.stamp}-{n}")
                try:
                    candidate.mkdir()  # exclusive: another run's folder is never reused
                    self.folder = candidate
                    break
                except FileExistsError:
                    n += 1
        return self.folder

    def _free_name(self, path: Path) -> Path:
        folder = self._folder()
        target, n = folder / path.name, 1
        while target.exists():
            target, n = folder / f"{path.stem}-{n}{path.suffix}", n + 1
        return target

    def keep(self, path: Path) -> Path:
        """Move ``path`` into the archive under a name not used there yet; returns the new path."""
        target = self._free_name(path)
        os.replace(path, target)
        return target

    def keep_copy(self, path: Path) -> Path:
        """Put a copy of ``path`` in the archive and leave it in place, to be replaced atomically
        afterwards: at no moment is the final name missing. A hard link where the file system
        allows it (no copying), else a copy."""
        target = self._free_name(path)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)
        return target


class FolderLock:
    """One generate run per output folder; ``wait`` waits for the other run instead of stopping."""

    def __init__(self, out: Path, wait: bool = False):
        self.out = out
        self.lock = FileLock(str(out / LOCK_FILE), timeout=-1 if wait else 0)

    def __enter__(self):
        try:
            self.lock.acquire()
        except Timeout:
            raise FolderBusy(self._busy_message()) from None
        note = {"pid": os.getpid(), "host": socket.gethostname(), "sinds": dt.datetime.now().isoformat(timespec="seconds")}
        (self.out / LOCK_NOTE).write_text(json.dumps(note), encoding="utf-8")
        return self

    def __exit__(self, *exc):
        (self.out / LOCK_NOTE).unlink(missing_ok=True)
        self.lock.release()
        return False

    def _busy_message(self) -> str:
        try:
            note = json.loads((self.out / LOCK_NOTE).read_text(encoding="utf-8"))
            who = f" (proces {note['pid']} op {note['host']}, gestart {note['sinds']})"
        except (OSError, ValueError, KeyError):
            who = ""
        return (f"{self.out}: een andere bso-xl-opdracht (generate, overview of mail) werkt al in deze map{who}. "
                "Wacht tot die klaar is, of start met --wacht om erop te wachten.")
