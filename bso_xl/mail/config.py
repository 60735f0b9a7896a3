"""Settings of ``bso-xl mail``: the command-line options over an optional TOML file.

The file holds the same settings as the options, under the same names (``smtp-host``,
``from``, ``changed-only``, …; ``smtp_host`` is accepted too) plus ``dir`` for the folder of
workbooks, so a monthly run is ``bso-xl mail --config bso-mail.toml --send``. An option given on
the command line wins over the file. Relative paths in the file are relative to the file's
folder. Two things never come from the file: ``--send`` (a dry run cannot become a real send by
editing a file) and the password (``BSO_SMTP_PASSWORD`` or a prompt).

Every problem is reported at once, one line each, naming the file and key (or the option), the
value found and what was expected; the command then stops with exit code 2.
"""

from __future__ import annotations

import datetime as dt
import difflib
import email.policy
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from email.headerregistry import Address
from pathlib import Path

from ..errors import UserError
from ..municipalities import municipalities

SECURITY = ("starttls", "ssl", "plain")
DEFAULT_PORT = {"starttls": 587, "ssl": 465, "plain": 25}
DEFAULT_RATE = 30.0  # messages per minute (Exchange Online allows 30)
DEFAULT_MAX_SIZE_MB = 5.0  # a 5 MB workbook is about 6.8 MB once base64-encoded
OUTBOX = "outbox"
LOG_NAME = "verzendlog.jsonl"
CONFIG_EXAMPLE = 'from = "BSO-team <bso@provincie.be>"'


class MailConfigError(UserError):
    """Bad settings: every problem, one line each."""


class Invalid(ValueError):
    """A value that does not fit; the argument is what was expected, in Dutch."""


@dataclass(frozen=True)
class MailSettings:
    dir: Path
    contacts: Path
    outbox: Path
    log: Path
    sender: Address
    reply_to: Address | None
    send: bool
    smtp_host: str | None
    smtp_port: int
    security: str
    user: str | None
    cafile: Path | None
    changed_only: bool
    only: tuple[str, ...] | None
    templates: Path | None
    rate: float  # messages per minute
    max_size: int  # bytes
    batch: str  # the send ("verzending") a rerun resumes; default the calendar month


# --- value parsers: (value, folder for relative paths) → value, or Invalid(expected) -----------------


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


def _text(value, base: Path | None = None) -> str:
    if not isinstance(value, str) or not value.strip() or _has_control(value):
        raise Invalid("tekst op één regel, niet leeg")
    return value.strip()


def _path(value, base: Path | None) -> Path:
    path = Path(_text(value))
    return path if path.is_absolute() or base is None else base / path


def _port(value, base=None) -> int:
    try:
        port = int(value) if not isinstance(value, bool) and not isinstance(value, float) else None
    except (TypeError, ValueError):
        port = None
    if port is None or not 1 <= port <= 65535:
        raise Invalid("een poortnummer van 1 tot 65535, bv. 587")
    return port


def _security(value, base=None) -> str:
    if not isinstance(value, str) or value.strip().lower() not in SECURITY:
        raise Invalid("starttls, ssl of plain")
    return value.strip().lower()


def _bool(value, base=None) -> bool:
    if not isinstance(value, bool):
        raise Invalid("true of false (zonder aanhalingstekens)")
    return value


def _only(value, base=None) -> tuple[str, ...]:
    if isinstance(value, str):
        items = [p.strip() for p in value.split(",")]
    elif isinstance(value, list):
        items = [str(p).strip() if isinstance(p, (str, int)) and not isinstance(p, bool) else "?" for p in value]
    else:
        raise Invalid('NIS-codes gescheiden door komma\'s, bv. "44021,11002"')
    items = [p for p in items if p]
    unknown = [p for p in items if p not in municipalities()]
    if not items or unknown:
        raise Invalid("NIS-codes van Vlaamse gemeenten gescheiden door komma's, bv. 44021,11002"
                      + (f" (onbekend: {', '.join(unknown)})" if unknown else ""))
    return tuple(dict.fromkeys(items))


def _rate(value, base=None) -> float:
    number = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*(?:/\s*(?:min|minuut))?\s*", value)
        number = float(match.group(1).replace(",", ".")) if match else None
    if number is None or not 0 < number <= 10_000:
        raise Invalid("een aantal berichten per minuut groter dan 0, bv. 30 of 30/min")
    return number


def _megabytes(value, base=None) -> int:
    number = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*", value):
        number = float(value.replace(",", "."))
    if number is None or not 0 < number <= 100:
        raise Invalid("een grootte in MB groter dan 0 (en hoogstens 100), bv. 5")
    return int(number * 1024 * 1024)


def _address(value, base=None) -> Address:
    """'adres' or 'Naam <adres>' (the e-mail package's own parser); the address checked by
    email-validator as the contacts are, the name on one line."""
    from email_validator import EmailNotValidError, validate_email

    expected = "één e-mailadres, bv. bso@provincie.be of BSO-team <bso@provincie.be>"
    if not isinstance(value, str) or not value.strip() or _has_control(value):
        raise Invalid(expected)
    try:
        header = email.policy.default.header_factory("from", value.strip())
        [address] = header.addresses
    except (ValueError, IndexError, TypeError):
        raise Invalid(expected) from None
    if header.defects or not address.username or not address.domain:
        raise Invalid(expected)
    try:
        addr = validate_email(address.addr_spec, check_deliverability=False, allow_smtputf8=False).normalized
    except EmailNotValidError:
        raise Invalid(expected) from None
    local, domain = addr.rsplit("@", 1)
    return Address(display_name=address.display_name, username=local, domain=domain)


@dataclass(frozen=True)
class Key:
    name: str  # as in the file and, with --, on the command line
    dest: str  # argparse destination
    parse: Callable
    in_file: bool = True


KEYS = (
    Key("dir", "dir", _path),
    Key("contacts", "contacts", _path),
    Key("outbox", "outbox", _path),
    Key("log", "log", _path),
    Key("from", "sender", _address),
    Key("reply-to", "reply_to", _address),
    Key("smtp-host", "smtp_host", _text),
    Key("smtp-port", "smtp_port", _port),
    Key("security", "security", _security),
    Key("user", "user", _text),
    Key("cafile", "cafile", _path),
    Key("changed-only", "changed_only", _bool),
    Key("only", "only", _only),
    Key("templates", "templates", _path),
    Key("rate", "rate", _rate),
    Key("max-size", "max_size", _megabytes),
    Key("batch", "batch", _text),
)
BY_NAME = {key.name: key for key in KEYS}
SECRET = {"password", "wachtwoord", "smtp-password", "pass"}


def read_config(path: Path) -> tuple[dict[str, object], list[str], set[str]]:
    """The settings in a TOML file (by argparse destination), the problems found and the
    destinations they were found for."""
    if not path.is_file():
        raise MailConfigError(f"{path}: instellingenbestand niet gevonden; verwacht: een TOML-bestand, bv. bso-mail.toml")
    try:
        text = path.read_bytes().decode("utf-8-sig")  # Notepad may write a BOM
    except UnicodeDecodeError:
        raise MailConfigError(f"{path}: geen UTF-8-tekst; verwacht: een TOML-bestand bewaard als UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = re.search(r"\(at line (\d+), column (\d+)\)", message)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        place = f", regel {where.group(1)}, kolom {where.group(2)}" if where else ""
        raise MailConfigError(f"{path}{place}: geen geldige TOML ({reason}); verwacht: sleutel = waarde per regel, "
                              f"tekst tussen aanhalingstekens, bv. {CONFIG_EXAMPLE}") from None
    values, problems, bad = {}, [], set()
    for raw_key, value in data.items():
        name = raw_key.strip().lower().replace("_", "-")
        where = f"{path}, sleutel '{raw_key}'"
        if name in SECRET:
            problems.append(f"{where}: een wachtwoord hoort niet in een bestand; verwacht: de omgevingsvariabele "
                            "BSO_SMTP_PASSWORD, of typ het wachtwoord als bso-xl erom vraagt")
            continue
        if name == "send":
            problems.append(f"{where}: verzenden kiest u op de opdrachtregel; verwacht: --send bij het commando, "
                            "niet in het bestand (zonder --send schrijft bso-xl enkel concepten)")
            continue
        key = BY_NAME.get(name)
        if key is None:
            near = difflib.get_close_matches(name, list(BY_NAME), n=1)
            hint = f"bedoelt u '{near[0]}'? " if near else ""
            problems.append(f"{where}: onbekende instelling; verwacht: {hint}een van {', '.join(BY_NAME)}")
            continue
        try:
            values[key.dest] = key.parse(value, path.parent)
        except Invalid as error:
            problems.append(f"{where}: gevonden {_shown(value)}; verwacht: {error}")
            bad.add(key.dest)
    return values, problems, bad


def _shown(value) -> str:
    return repr(value) if not isinstance(value, (dict, list)) else repr(value)[:80]


def settings_from(options: dict[str, object], config: Path | None, today: dt.date, send: bool) -> MailSettings:
    """Merge the command-line ``options`` (argparse destinations, None when not given) over the file."""
    values, problems, bad = read_config(config) if config is not None else ({}, [], set())
    for key in KEYS:
        given = options.get(key.dest)
        if given is None:
            continue
        try:
            values[key.dest] = key.parse(given, None) if isinstance(given, str) else given
        except Invalid as error:
            problems.append(f"--{key.name}: gevonden {given!r}; verwacht: {error}")
            bad.add(key.dest)
    source = f"in {config}" if config else "in een instellingenbestand (--config)"

    def required(dest: str, option: str, what: str) -> None:
        if dest not in values and dest not in bad:
            problems.append(f"{what} ontbreekt; verwacht: {option if option == 'DIR' else '--' + option} "
                            f"op de opdrachtregel of {option.lower() if option == 'DIR' else option} = \"…\" {source}")

    required("dir", "DIR", "de map met werkboeken")
    required("contacts", "contacts", "het contactenbestand")
    required("sender", "from", "de afzender")
    security = values.get("security", "starttls")
    if send:
        required("smtp_host", "smtp-host", "de mailserver")
    if security == "plain" and values.get("user"):
        problems.append("--plain met --user zou het wachtwoord onversleuteld versturen; verwacht: --starttls of "
                        "--ssl, of --plain zonder --user (enkel voor een mailserver op uw eigen netwerk)")
    if problems:
        raise MailConfigError("\n".join(problems))
    folder = values["dir"]
    outbox = values.get("outbox") or folder / OUTBOX
    return MailSettings(
        dir=folder, contacts=values["contacts"], outbox=outbox, log=values.get("log") or outbox / LOG_NAME,
        sender=values["sender"], reply_to=values.get("reply_to"), send=send,
        smtp_host=values.get("smtp_host"), smtp_port=values.get("smtp_port") or DEFAULT_PORT[security],
        security=security, user=values.get("user"), cafile=values.get("cafile"),
        changed_only=bool(values.get("changed_only", False)), only=values.get("only"),
        templates=values.get("templates"), rate=values.get("rate", DEFAULT_RATE),
        max_size=values.get("max_size", int(DEFAULT_MAX_SIZE_MB * 1024 * 1024)),
        batch=values.get("batch") or f"{today:%Y-%m}",
    )
