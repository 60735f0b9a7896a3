"""Read and validate a contacts file (CSV or XLSX): who receives each municipality's e-mail (issue #10).

Columns (Dutch, lower case; capitals, spaces and the aliases below are accepted):

- required: ``nis``, ``naam`` (the recipient's name; any alphabet), ``email`` (one address);
- optional: ``rol`` (e.g. "financieel directeur"), ``cc`` (more addresses, separated by ``;``
  or ``,``).

Addresses are checked with the PyPI package ``email-validator`` (syntax only: no DNS look-up,
the officers' machines may have no network) and kept in its normalised form (domain in lower
case). A local part with non-ASCII characters (``jöran@…``) is refused: many municipal mail
servers do not accept SMTPUTF8. A name or address with a line break or another control
character is refused: it would end up in a mail header (header injection). The same address
twice for one municipality is an error; a municipality with no contact is not, the mail command
reports those through :meth:`ContactsFile.missing`.

The XLSX sheet read is ``Contacten`` if there is one, else the first sheet. Every problem is
raised at once as a :class:`~bso_xl.errors.ContactsError`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import tables
from .errors import ContactsError
from .municipalities import municipalities
from .tables import TEXT, Cell, Column, Invalid, Kind, Spec

EXAMPLE = "financien@gemeente.be"


@dataclass(frozen=True)
class Contact:
    nis: str
    naam: str
    email: str  # normalised by email-validator
    rol: str | None
    cc: tuple[str, ...]
    row: int  # spreadsheet row, for messages about this contact


@dataclass(frozen=True)
class ContactsFile:
    """A validated contacts file: NIS → its contacts in file order."""

    source: str
    by_nis: dict[str, list[Contact]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def missing(self, nis_codes: Iterable[str] | None = None) -> list[str]:
        """The municipalities (of ``nis_codes``, default all 285, in that order) without a contact."""
        codes = municipalities() if nis_codes is None else nis_codes
        return [nis for nis in codes if not self.by_nis.get(nis)]


def read_contacts(path: str | Path) -> ContactsFile:
    """Read and validate a contacts file; raises :class:`ContactsError` listing every problem."""
    table = tables.read(path, SPEC)
    by_nis: dict[str, list[Contact]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row in table.rows:
        nis, email = row["nis"], row["email"]
        if nis is not None and email is not None:
            key = (nis, email.casefold())
            if key in seen:
                table.problem(row, "email", row.text("email"),
                              f"elk adres één keer per gemeente ({email} staat ook op rij {seen[key]} bij NIS {nis})")
            else:
                seen[key] = row.number
        if not row.failed:
            by_nis.setdefault(nis, []).append(Contact(nis, row["naam"], email, row["rol"], row["cc"] or (), row.number))
    table.raise_if_problems()
    return ContactsFile(source=table.source, by_nis=by_nis, warnings=tuple(table.warnings))


# ---------------------------------------------------------------------------------------------
# Kinds


def _has_line_break(text: str) -> bool:
    """Line breaks and other control characters (also U+2028, U+0085): never in a mail header."""
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


def _name(cell: Cell) -> str:
    if _has_line_break(cell.text):
        raise Invalid("een naam op één regel (een regeleinde of stuurteken is niet toegelaten)")
    return cell.text


def _why_invalid(text: str) -> str:
    """What is wrong with an address, in Dutch (email-validator's own reasons are English)."""
    if _has_line_break(text):
        return "een regeleinde in een adres is niet toegelaten"
    if "<" in text or ">" in text:
        return "enkel het adres, zonder naam of < >: de naam hoort in de kolom naam"
    if "@" not in text:
        return "er staat geen @ in"
    if text.count("@") > 1:
        return "meer dan één @: één adres per cel, extra adressen in de kolom cc"
    if any(ch.isspace() for ch in text):
        return "een adres bevat geen spaties"
    local, domain = text.rsplit("@", 1)
    if not local.isascii():
        return "letters als é of ö vóór de @ aanvaarden veel mailservers niet"
    if "." not in domain:
        return "na de @ hoort een domein met een punt, bv. gemeente.be"
    return "controleer de schrijfwijze, bv. voornaam.naam@gemeente.be"


def _address(text: str) -> str:
    """One address in email-validator's normalised form, or Invalid with the reason in Dutch."""
    from email_validator import EmailNotValidError, validate_email

    if not _has_line_break(text):
        try:
            return validate_email(text, check_deliverability=False, allow_smtputf8=False).normalized
        except EmailNotValidError:
            pass
    raise Invalid(f"een geldig e-mailadres, bv. {EXAMPLE} ({_why_invalid(text)})")


def _addresses(cell: Cell) -> tuple[str, ...]:
    result = []
    for piece in filter(None, (p.strip() for p in re.split(r"[;,]", cell.text))):
        try:
            result.append(_address(piece))
        except Invalid:
            raise Invalid(f"e-mailadressen gescheiden door ; of , ({piece!r}: {_why_invalid(piece)})") from None
    return tuple(result)


NAME = Kind("een naam, bv. Jan Peeters", _name)
EMAIL = Kind(f"een e-mailadres, bv. {EXAMPLE}", lambda cell: _address(cell.text))
EMAIL_LIST = Kind("e-mailadressen gescheiden door ; of ,", _addresses)

SPEC = Spec(
    error=ContactsError,
    sheet="Contacten",
    rows_hold="contactpersonen",
    columns=(
        tables.nis_column(),
        Column("naam", NAME, required=True, aliases=("contactpersoon", "naam_contactpersoon")),
        Column("email", EMAIL, required=True, aliases=("e-mail", "mail", "emailadres", "e-mailadres")),
        Column("rol", TEXT, aliases=("functie",)),
        Column("cc", EMAIL_LIST, aliases=("kopie",)),
    ),
)
