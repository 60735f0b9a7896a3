"""Sending over SMTP (``smtplib``): TLS that is verified, a rate limit, retries with back-off.

One connection serves the whole run and is reopened when the server drops it. Per message the
server answers per recipient: accepted (``verzonden``), refused for good with a 5xx reply
(``geweigerd``, reported per recipient, not retried), or refused for now with a 4xx reply or a
dropped connection: then the message is retried for the recipients still open, after 2, 4, 8 s
(``tenacity``, exponential back-off). Each outcome is handed to ``on_outcome`` the moment it is
known, so the caller can write it to the send log before anything else happens.

Certificates are always checked (the system's trusted CAs, or ``cafile``); ``plain`` is no TLS
at all, for a relay on the sender's own network, and then a password is never sent. A failed
login, a certificate that does not check out or a server that cannot be reached at all stops the
run with a message; the password never appears in any message.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tenacity

from ..errors import UserError
from .sendlog import DEFERRED, REFUSED, SENT

ATTEMPTS = 4  # the first try and three retries
WAIT_BASE = 2.0  # seconds: 2, 4, 8
WAIT_MAX = 60.0


class SmtpStop(UserError):
    """The run cannot go on: login refused, TLS not possible, the server unreachable."""


class ConnectionLost(SmtpStop):
    """The server went away and did not come back within the retries."""


class Temporary(Exception):
    def __init__(self, reply: str, connection: bool = False):
        super().__init__(reply)
        self.reply = reply
        self.connection = connection  # the connection failed (not a 4xx reply)


@dataclass(frozen=True)
class Outcome:
    status: str  # verzonden, geweigerd, uitgesteld
    reply: str


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {' '.join(text.split())}"


class Sender:
    def __init__(self, host: str, port: int, security: str, user: str | None = None, password: str | None = None, *,
                 cafile: Path | None = None, context: ssl.SSLContext | None = None, timeout: float = 60.0,
                 rate: float = 30.0, attempts: int = ATTEMPTS, wait_base: float | None = None,
                 sleep: Callable[[float], None] | None = None, clock: Callable[[], float] | None = None,
                 local_hostname: str | None = None):
        self.host, self.port, self.security = host, port, security
        self.user, self._password = user, password
        self.timeout = timeout
        self.interval = 60.0 / rate
        self.attempts = attempts
        self.wait_base = WAIT_BASE if wait_base is None else wait_base
        self.sleep, self.clock = sleep or time.sleep, clock or time.monotonic
        self.local_hostname = local_hostname
        self._context = context
        self._cafile = cafile
        self._conn: smtplib.SMTP | None = None
        self._last_start: float | None = None
        self.connections = 0  # how many times a connection was opened (for the summary and tests)

    def __repr__(self) -> str:  # never the password
        return f"Sender({self.host}:{self.port}, {self.security}, user={self.user!r})"

    # -- connection --

    def _tls(self) -> ssl.SSLContext:
        if self._context is None:
            try:
                self._context = ssl.create_default_context(cafile=str(self._cafile) if self._cafile else None)
            except (OSError, ssl.SSLError) as error:
                raise SmtpStop(f"--cafile {self._cafile}: geen bruikbaar CA-bestand ({error}); verwacht: "
                               "certificaten in PEM-formaat") from None
        return self._context

    def _connection(self) -> smtplib.SMTP:
        if self._conn is not None and self._conn.sock is not None:
            return self._conn
        self._drop()
        where = f"{self.host}:{self.port}"
        conn = None
        try:
            if self.security == "ssl":
                conn = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=self._tls(),
                                        local_hostname=self.local_hostname)
            else:
                conn = smtplib.SMTP(self.host, self.port, timeout=self.timeout, local_hostname=self.local_hostname)
            conn.ehlo()
            if self.security == "starttls":
                if not conn.has_extn("starttls"):
                    raise SmtpStop(f"{where} biedt geen STARTTLS aan; verwacht: --ssl (poort 465), of --plain "
                                   "enkel voor een mailserver op uw eigen netwerk")
                conn.starttls(context=self._tls())
                conn.ehlo()
            if self.user:
                if not conn.has_extn("auth"):
                    raise SmtpStop(f"{where} biedt geen aanmelding (AUTH) aan; verwacht: een mailserver die "
                                   "aanmelden toelaat, of geen --user")
                _login(conn, self.user, self._password or "")
        except smtplib.SMTPAuthenticationError as error:
            _close(conn)
            raise SmtpStop(f"aanmelden als {self.user} bij {where} geweigerd ({_reply(error.smtp_code, error.smtp_error)}); "
                           "verwacht: de juiste gebruiker en het juiste wachtwoord (BSO_SMTP_PASSWORD)") from None
        except ssl.SSLCertVerificationError as error:
            _close(conn)
            raise SmtpStop(f"het certificaat van {where} is niet te controleren ({error.verify_message}); verwacht: "
                           "een certificaat van een vertrouwde CA, of het CA-bestand van uw organisatie met --cafile") from None
        except ssl.SSLError as error:
            _close(conn)
            raise SmtpStop(f"versleutelde verbinding met {where} mislukt ({error.reason or error}); verwacht: "
                           "--starttls (poort 587) of --ssl (poort 465), zoals de mailserver het vraagt") from None
        except SmtpStop:
            _close(conn)
            raise
        except smtplib.SMTPResponseException as error:
            _close(conn)
            if 400 <= error.smtp_code < 500:
                raise Temporary(_reply(error.smtp_code, error.smtp_error), connection=True) from None
            raise SmtpStop(f"{where} weigert de verbinding ({_reply(error.smtp_code, error.smtp_error)})") from None
        except (OSError, smtplib.SMTPException) as error:
            _close(conn)
            raise Temporary(f"geen verbinding met {where} ({type(error).__name__}: {error})", connection=True) from None
        self._conn = conn
        self.connections += 1
        return conn

    def _drop(self) -> None:
        _close(self._conn)
        self._conn = None

    def __enter__(self) -> "Sender":
        return self

    def __exit__(self, *exc) -> None:
        if self._conn is not None and self._conn.sock is not None:
            try:
                self._conn.quit()
            except (OSError, smtplib.SMTPException):
                pass
        self._drop()

    # -- one message --

    def _pace(self) -> None:
        """At most ``rate`` transactions per minute: wait until the interval since the last start passed."""
        if self._last_start is not None:
            waited = self.clock() - self._last_start
            if waited < self.interval:
                self.sleep(self.interval - waited)
        self._last_start = self.clock()

    def send(self, from_addr: str, recipients: list[str], data: bytes,
             on_outcome: Callable[[str, Outcome], None]) -> dict[str, Outcome]:
        """Send ``data`` to ``recipients`` (envelope); every recipient gets one outcome."""
        pending = list(recipients)
        outcomes: dict[str, Outcome] = {}

        def decide(address: str, outcome: Outcome) -> None:
            outcomes[address] = outcome
            on_outcome(address, outcome)

        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.attempts),
            wait=tenacity.wait_exponential(multiplier=self.wait_base, max=WAIT_MAX),
            retry=tenacity.retry_if_exception_type(Temporary),
            sleep=self.sleep, reraise=True)
        try:
            for attempt in retrying:
                with attempt:
                    self._transaction(from_addr, pending, data, decide)
        except Temporary as last:
            for address in pending:
                decide(address, Outcome(DEFERRED, last.reply))
            if last.connection:
                raise ConnectionLost(f"de verbinding met {self.host}:{self.port} is verbroken en kwam na "
                                     f"{self.attempts} pogingen niet terug ({last.reply})") from None
        return outcomes

    def _transaction(self, from_addr: str, pending: list[str], data: bytes, decide) -> None:
        self._pace()
        conn = self._connection()
        try:
            refused = conn.sendmail(from_addr, pending, data)
        except smtplib.SMTPRecipientsRefused as error:
            refused = error.recipients
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
            reply = _reply(error.smtp_code, error.smtp_error)
            if 400 <= error.smtp_code < 500:
                raise Temporary(reply) from None
            for address in list(pending):
                decide(address, Outcome(REFUSED, reply))
            pending.clear()
            return
        except smtplib.SMTPResponseException as error:  # e.g. 421 at any step: smtplib closed the connection
            reply = _reply(error.smtp_code, error.smtp_error)
            self._drop()
            if 400 <= error.smtp_code < 500:
                raise Temporary(reply, connection=True) from None
            for address in list(pending):
                decide(address, Outcome(REFUSED, reply))
            pending.clear()
            return
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            self._drop()
            raise Temporary(f"verbinding verbroken ({type(error).__name__}: {error})", connection=True) from None
        temporary = []
        for address in list(pending):
            if address not in refused:
                decide(address, Outcome(SENT, "250 aanvaard"))
                continue
            code, message = refused[address]
            if 400 <= code < 500:
                temporary.append((address, _reply(code, message)))
            else:
                decide(address, Outcome(REFUSED, _reply(code, message)))
        pending[:] = [address for address, _ in temporary]
        if temporary:
            raise Temporary(temporary[0][1])


def _login(conn: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib's login, which encodes user and password as ASCII (a CPython limitation); a
    password with é or Ω goes as AUTH PLAIN in UTF-8 (RFC 4616) instead."""
    if (user + password).isascii():
        conn.login(user, password)
        return
    if "PLAIN" not in conn.esmtp_features.get("auth", "").upper().split():
        raise SmtpStop("het wachtwoord bevat letters buiten ASCII en de mailserver biedt geen AUTH PLAIN "
                       "aan; verwacht: een mailserver met AUTH PLAIN, of een wachtwoord zonder zulke letters")
    token = base64.b64encode(f"\0{user}\0{password}".encode("utf-8")).decode("ascii")
    code, reply = conn.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _close(conn) -> None:
    if conn is not None:
        try:
            conn.close()
        except OSError:
            pass
