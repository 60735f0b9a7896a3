"""One e-mail per municipality, built with the standard library's ``email`` package.

Headers go through ``email.message.EmailMessage`` with the ``email.policy`` machinery: names are
``Address`` objects (quoted or RFC 2047-encoded as needed: "Zoë Ünal-Çelik" arrives intact),
and a header value with a line break is refused outright (the policy refuses it too; this module
refuses it first with a clear message), so no name, subject or address can add a header.
The bytes are serialised with ``policy.SMTP`` (CRLF): the ``.eml`` written to the outbox is
exactly what ``--send`` transmits.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import hashlib
import unicodedata
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from .. import __version__
from ..contacts import Contact
from ..errors import UserError
from .safety import Cleared
from .templates import Rendered

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
HEADER_NIS = "X-BSO-XL-NIS"


class HeaderInjection(UserError):
    """A header value with a line break or another control character."""


@dataclass(frozen=True)
class Built:
    """A municipality's message: its bytes and who it is addressed to (in the headers)."""

    nis: str
    gemeente: str
    bestand: str
    sha256: str
    message_id: str
    to: tuple[str, ...]  # addresses of the contacts (To)
    cc: tuple[str, ...]  # their cc addresses not already in To (Cc)
    subject: str
    data: bytes

    @property
    def recipients(self) -> tuple[str, ...]:
        return self.to + self.cc


def _clean(value: str, what: str) -> str:
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in value):
        raise HeaderInjection(f"{what}: gevonden {value!r}; verwacht: tekst op één regel "
                              "(een regeleinde of stuurteken in een kopregel is niet toegelaten)")
    return value


def _address(contact: Contact) -> Address:
    local, domain = contact.email.rsplit("@", 1)
    return Address(display_name=_clean(contact.naam, f"naam op rij {contact.row}"),
                   username=_clean(local, f"e-mail op rij {contact.row}"), domain=domain)


def recipients(contacts: tuple[Contact, ...]) -> tuple[tuple[Address, ...], tuple[str, ...]]:
    """To: every contact with name; Cc: their cc addresses, each once, none already in To."""
    to, seen = [], set()
    for contact in contacts:
        if contact.email.casefold() not in seen:
            seen.add(contact.email.casefold())
            to.append(_address(contact))
    cc = []
    for contact in contacts:
        for address in contact.cc:
            if address.casefold() not in seen:
                seen.add(address.casefold())
                cc.append(_clean(address, f"cc op rij {contact.row}"))
    return tuple(to), tuple(cc)


def message_id(batch: str, nis: str, sha256: str, sender: Address) -> str:
    """The same send of the same workbook has the same Message-ID, also when it is resumed: a
    recipient's mail program can tell a repeat (an SMTP reply lost on the way) from a new mail."""
    batch_key = hashlib.sha256(batch.encode("utf-8")).hexdigest()[:8]
    return f"<bso-xl.{batch_key}.{nis}.{sha256[:16]}@{sender.domain}>"


def build(cleared: Cleared, rendered: Rendered, *, sender: Address, reply_to: Address | None, batch: str,
          date: dt.datetime) -> Built:
    to, cc = recipients(cleared.contacts)
    msg = EmailMessage(policy=email.policy.default)
    msg["From"] = Address(_clean(sender.display_name, "from"), sender.username, sender.domain)
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    if reply_to is not None:
        msg["Reply-To"] = reply_to
    msg["Subject"] = _clean(rendered.subject, "onderwerp (mail_subject.txt.j2)")
    msg["Date"] = format_datetime(date)
    mid = message_id(batch, cleared.nis, cleared.sha256, sender)
    msg["Message-ID"] = mid
    msg[HEADER_NIS] = cleared.nis
    msg["X-Mailer"] = f"bso-xl {__version__}"
    msg.set_content(rendered.text, subtype="plain", charset="utf-8")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8")
    msg.add_attachment(cleared.data, maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1], filename=cleared.path.name)
    return Built(
        nis=cleared.nis, gemeente=cleared.gemeente, bestand=cleared.path.name, sha256=cleared.sha256,
        message_id=mid, to=tuple(a.addr_spec for a in to), cc=cc, subject=rendered.subject,
        data=msg.as_bytes(policy=email.policy.SMTP),
    )
