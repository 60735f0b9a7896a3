"""The send log: an append-only JSON Lines file, one line per recipient per attempt's outcome.

Each line is written and flushed to disk (``fsync``) the moment the server has answered for that
recipient, before the next message goes out, so a run stopped at any point (a dropped
connection, Ctrl+C, a power cut) leaves a log that says exactly who has this workbook. A rerun
reads it and sends only what is missing. One line::

    {"tijd": "2026-12-01T21:00:03+00:00", "verzending": "2026-12", "nis": "44021",
     "gemeente": "Gent", "bestand": "44021_Gent.xlsx", "sha256": "…", "message_id": "<…>",
     "adres": "jan.peeters@gent.be", "status": "verzonden", "antwoord": "250 OK"}

``status`` is ``verzonden`` (the server accepted it), ``geweigerd`` (a permanent 5xx refusal)
or ``uitgesteld`` (temporary failures until the retries ran out). Only ``verzonden`` counts as
sent. The log is never rewritten; a line cut off by a crash (a prefix of a line) is ignored. A lock
keeps two runs from sending from the same log at once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import UserError

SENT, REFUSED, DEFERRED = "verzonden", "geweigerd", "uitgesteld"
LINE_START = '{"tijd": "'  # every line bso-xl writes starts so; a cut-off line is a prefix of one
FIELDS = ("tijd", "verzending", "nis", "gemeente", "bestand", "sha256", "message_id", "adres", "status", "antwoord")


class SendLogError(UserError):
    """A send log that cannot be read or is in use by another run."""


@dataclass(frozen=True)
class Entry:
    verzending: str
    nis: str
    gemeente: str
    bestand: str
    sha256: str
    message_id: str
    adres: str
    status: str
    antwoord: str
    tijd: str = ""


class SendLog:
    def __init__(self, path: Path):
        self.path = path
        self.entries: list[Entry] = []
        self._sent_in: dict[tuple[str, str, str], set[str]] = {}  # (batch, nis, sha) → addresses
        self._last_sha: dict[tuple[str, str], str] = {}  # (nis, address) → sha last sent
        self._handle = None
        self._lock = None
        self._read()

    # -- reading --

    def _read(self) -> None:
        self.entries, self._sent_in, self._last_sha = [], {}, {}
        if not self.path.exists():
            return
        try:
            lines = self.path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError) as error:
            raise SendLogError(f"{self.path}: het verzendlog kan niet gelezen worden ({error})") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                entry = Entry(**{k: str(data[k]) for k in FIELDS if k != "tijd"}, tijd=str(data.get("tijd", "")))
            except (ValueError, KeyError, TypeError):
                if line.startswith(LINE_START) and not line.rstrip().endswith("}"):
                    continue  # a line cut off by a crash while it was written: that outcome was not recorded
                raise SendLogError(f"{self.path}, regel {number}: geen geldige regel van het verzendlog; "
                                   "verwacht: één JSON-object per regel zoals bso-xl het schrijft (pas het "
                                   "verzendlog niet met de hand aan)") from None
            self._remember(entry)

    def _remember(self, entry: Entry) -> None:
        self.entries.append(entry)
        if entry.status == SENT:
            address = entry.adres.casefold()
            self._sent_in.setdefault((entry.verzending, entry.nis, entry.sha256), set()).add(address)
            self._last_sha[(entry.nis, address)] = entry.sha256

    # -- questions a run asks --

    def sent_in_batch(self, batch: str, nis: str, sha256: str) -> set[str]:
        """Addresses (case-folded) that already have this very workbook from this send."""
        return set(self._sent_in.get((batch, nis, sha256), ()))

    def last_sent(self, nis: str, address: str) -> str | None:
        """sha256 of the workbook this address last received for this municipality."""
        return self._last_sha.get((nis, address.casefold()))

    # -- writing --

    def __enter__(self) -> "SendLog":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # an operating-system lock (filelock, as generate's folder lock): it dies with its process
        self._lock = FileLock(str(self.path.with_name(self.path.name + ".lock")), timeout=0)
        try:
            self._lock.acquire()
        except Timeout:
            raise SendLogError(f"{self.path}: er loopt al een verzending met dit verzendlog; verwacht: wacht tot "
                               "die klaar is (twee verzendingen tegelijk zouden dubbel kunnen versturen)") from None
        try:
            self._read()  # what another run wrote since this object first read the file
        except SendLogError:
            self._lock.release()
            raise
        self._handle = self.path.open("ab")
        if self._handle.tell() > 0:
            with self.path.open("rb") as check:
                check.seek(-1, os.SEEK_END)
                if check.read(1) != b"\n":
                    self._handle.write(b"\n")  # end a line cut off by a crash before appending
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def append(self, entry: Entry) -> None:
        if self._handle is None:
            raise RuntimeError("SendLog.append outside 'with'")
        record = {"tijd": entry.tijd or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                  **{k: getattr(entry, k) for k in FIELDS if k != "tijd"}}
        self._handle.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._remember(Entry(**{**{k: record[k] for k in FIELDS}}))

