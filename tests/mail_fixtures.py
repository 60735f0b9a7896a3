"""Helpers for the mail tests: generated workbooks, contacts files, and a real SMTP server on loopback."""

from __future__ import annotations

import csv
import email
import email.policy
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

GENT, ANTWERPEN, AARTSELAAR = "44021", "11002", "11001"
FILES = {GENT: "44021_Gent.xlsx", ANTWERPEN: "11002_Antwerpen.xlsx", AARTSELAAR: "11001_Aartselaar.xlsx"}
V010 = Path(__file__).parent / "fixtures" / "v0.1.0"
SENDER = "BSO-team Provincie <bso@provincie.be>"

# Names in three scripts and a name with a comma (quoted in the header), cc on one row.
CONTACTS = [
    ["nis", "naam", "email", "rol", "cc"],
    [GENT, "Jan Peeters", "jan.peeters@gent.be", "financieel directeur", "wonen@gent.be"],
    [GENT, "Zoë Ünal-Çelik", "zoe@gent.be", "", ""],
    [ANTWERPEN, "Анна Іваненко", "anna@antwerpen.be", "", ""],
    [ANTWERPEN, "Peeters, Piet", "piet@antwerpen.be", "", ""],
]
EXPECTED_RCPT = {
    GENT: ["jan.peeters@gent.be", "zoe@gent.be", "wonen@gent.be"],
    ANTWERPEN: ["anna@antwerpen.be", "piet@antwerpen.be"],
}

OFFICIAL_FIGURES = """nis;aandeel_op_peil;sib;wettelijke_doelgroep;overschrijding;aftopping_9pct;peildatum
44021;900;60;240;0;0;2026-04-30
11002;1500;0;300;0;0;2026-04-30
"""


def make_workbooks(folder: Path, official: bool = False) -> dict[str, Path]:
    """Gent and Antwerpen as generate writes them: demo figures (with demo projects) or a small
    official-looking figures file (no projects)."""
    from bso_xl.demo import demo_projects
    from bso_xl.figures import read_figures
    from bso_xl.workbook import write_workbook

    folder.mkdir(parents=True, exist_ok=True)
    if official:
        source = folder / "cijfers.csv"
        source.write_text(OFFICIAL_FIGURES, encoding="utf-8")
        figures = read_figures(source)
        source.unlink()
    else:
        figures = read_figures(None)
    paths = {}
    for nis in (GENT, ANTWERPEN):
        path = folder / FILES[nis]
        write_workbook(path, figures.rows[nis], figures, [] if official else demo_projects(nis))
        paths[nis] = path
    return paths


def copy_folder(source: Path, target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.xlsx"):
        shutil.copy(path, target / path.name)
    return target


def write_contacts(path: Path, rows: list[list] = CONTACTS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)


def attachment(msg) -> tuple[str, bytes]:
    [part] = list(msg.iter_attachments())
    return part.get_filename(), part.get_content()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self):
        return parse(self.data)


@dataclass
class Recorder:
    """An aiosmtpd handler that keeps every accepted message and can misbehave on purpose."""

    received: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address → reply at RCPT (e.g. 550 …)
    temporary_data: int = 0  # answer the next N DATA commands with 451
    drop_data_at: set[int] = field(default_factory=set)  # 1-based DATA numbers at which to drop the connection
    drop_after: int | None = None  # accept this many messages, then drop every connection at DATA
    data_count: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_count += 1
        if self.data_count in self.drop_data_at or (
                self.drop_after is not None and len(self.received) >= self.drop_after):
            server.transport.close()  # the connection goes away before the reply: not accepted
            return "250 never seen"
        if self.temporary_data:
            self.temporary_data -= 1
            return "451 4.3.0 tijdelijk probleem, probeer later"
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


class Server:
    """aiosmtpd on 127.0.0.1 (plain, or STARTTLS + AUTH with a certificate made by trustme)."""

    def __init__(self, handler: Recorder, tls_context=None, users: dict[str, str] | None = None):
        self.handler = handler
        self.port = free_port()
        kwargs = {}
        if tls_context is not None:
            kwargs.update(tls_context=tls_context, require_starttls=True)
        if users is not None:
            def authenticate(server, session, envelope, mechanism, auth_data):
                ok = (isinstance(auth_data, LoginPassword)
                      and users.get(auth_data.login.decode()) == auth_data.password.decode())
                return AuthResult(success=ok, handled=False)
            kwargs.update(authenticator=authenticate, auth_required=True)
        self.controller = Controller(handler, hostname="127.0.0.1", port=self.port, **kwargs)

    def __enter__(self) -> "Server":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

