"""``bso-xl mail``: plan, build, write the outbox, and (with ``--send``) send and log.

Order of work, so that nothing goes out before everything has been checked:

1. read the contacts, the change report and the templates (a bad one stops the run: exit 2);
2. clear each municipality's workbook (:mod:`.safety`) and decide, from the send log, who still
   needs it (a rerun of the same send resumes; ``--changed-only`` also skips whoever already has
   these very bytes from an earlier send);
3. build every message and write it to the outbox as ``<NIS>_<Gemeente>.eml`` (the dry run stops
   here);
4. ``--send``: send message by message, each to its own municipality's recipients only, and log
   each recipient's outcome as soon as the server answers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..contacts import read_contacts
from ..errors import UserError
from ..report import REPORT_JSON, read_report
from . import content, message, safety
from .config import MailSettings
from .sender import ConnectionLost, Outcome, Sender, SmtpStop
from .sendlog import DEFERRED, REFUSED, SENT, Entry, SendLog
from .summary import Row, write_outbox_summary
from .templates import Templates

# Row statuses in the summary, in Dutch as the sender reads them.
DRAFT, DONE, PARTLY, FAILED = "concept", "verzonden", "deels verzonden", "niet verzonden"
ALREADY, UNCHANGED, REFUSED_ROW, NOT_REACHED = "al verzonden", "ongewijzigd", "geweigerd", "niet aan toe gekomen"


@dataclass
class Result:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stopped: str | None = None  # why sending stopped early (connection lost)

    @property
    def exit_code(self) -> int:
        """0: everything that should go, went (or was written as a draft); 1: something did not."""
        bad = {REFUSED_ROW, FAILED, PARTLY, NOT_REACHED}
        return 1 if self.stopped or any(row.status in bad for row in self.rows) else 0


def _report(folder: Path):
    path = folder / REPORT_JSON
    if not path.exists():
        return None
    try:
        return read_report(path)
    except (ValueError, KeyError, TypeError) as error:
        raise UserError(f"{path}: het wijzigingsrapport kan niet gelezen worden ({type(error).__name__}: {error}); "
                        "verwacht: rapport.json zoals bso-xl generate het schrijft (of verwijder het)") from None


def _skipped_by_generate(report, nis: str) -> str | None:
    """generate skipped this municipality: the workbook in the folder is an old one, not this run's."""
    change = next((c for c in report.gemeenten if c.nis == nis), None) if report is not None else None
    if change is None or change.status != "overgeslagen":
        return None
    why = f" ({'; '.join(change.waarschuwingen)})" if change.waarschuwingen else ""
    return f"overgeslagen bij het maken van de werkboeken (rapport.json): het werkboek in de map is niet bijgewerkt{why}"


def _clear_outbox(outbox: Path) -> None:
    """Drafts of an earlier run must not linger next to this run's (one could be sent by hand)."""
    for path in outbox.glob("*.eml"):
        if safety.WORKBOOK_NAME.fullmatch(path.stem + ".xlsx"):
            path.unlink()


def run(settings: MailSettings, *, today: dt.date, now: dt.datetime | None = None, password: str | None = None,
        progress: Callable[[str], None] = lambda s: None) -> Result:
    contacts = read_contacts(settings.contacts)
    templates = Templates(settings.templates)
    log = SendLog(settings.log)
    # Sending: the log is locked (and read again) before anything is decided, and stays locked to
    # the end, so a second run can neither send alongside nor decide on what it read before.
    with log if settings.send else contextlib.nullcontext():
        with safety.folder_quiet(settings.dir):  # no generate run writes while the workbooks are read
            result, built = _prepare(settings, contacts, templates, log, today, now)
        settings.outbox.mkdir(parents=True, exist_ok=True)
        _clear_outbox(settings.outbox)
        for mail, _, _ in built:
            (settings.outbox / (Path(mail.bestand).stem + ".eml")).write_bytes(mail.data)
        result.rows.sort(key=lambda r: r.nis)
        try:
            if settings.send and built:
                _send(settings, built, log, result, password, progress)
        except SmtpStop as error:  # login refused, TLS impossible: what was sent is logged; say so, then stop
            for _, _, row in built:
                if row.status == DRAFT:
                    row.status, row.remark = NOT_REACHED, str(error)
            raise
        finally:
            write_outbox_summary(settings.outbox, result.rows)
    return result


def _prepare(settings: MailSettings, contacts, templates: Templates, log: SendLog, today: dt.date,
             now: dt.datetime | None) -> tuple[Result, list[tuple[message.Built, list[str], Row]]]:
    """Check every municipality and build every message (nothing is sent here)."""
    report = _report(settings.dir)
    found, notes = safety.find_workbooks(settings.dir, settings.only)
    result = Result(notes=list(contacts.warnings) + notes)
    if settings.only is None:
        missing = safety.contacts_without_workbook(contacts, found)
        if missing:
            result.notes.append(missing)
    now = now or dt.datetime.now(dt.timezone.utc).astimezone()
    sender_text = settings.sender.display_name or settings.sender.addr_spec

    built: list[tuple[message.Built, list[str], Row]] = []
    for nis, paths in found.items():
        checked = safety.check(nis, paths, contacts, settings.max_size)
        if isinstance(checked, safety.Refused):
            result.rows.append(Row(checked.nis, checked.gemeente, checked.bestand, (), REFUSED_ROW, checked.reason))
            continue
        to, cc = message.recipients(checked.contacts)
        everyone = [a.addr_spec for a in to] + list(cc)
        done = log.sent_in_batch(settings.batch, nis, checked.sha256)
        todo = [a for a in everyone if a.casefold() not in done]
        unchanged = [a for a in todo if log.last_sent(nis, a) == checked.sha256] if settings.changed_only else []
        todo = [a for a in todo if a not in unchanged]
        skip_status = UNCHANGED if unchanged else ALREADY
        row = Row(nis, checked.gemeente, checked.path.name, tuple(everyone), DRAFT, "")
        if not todo:
            row.status = skip_status
            row.remark = ("dit werkboek hebben alle ontvangers al uit deze verzending" if skip_status == ALREADY
                          else "zelfde werkboek als de vorige keer verzonden (--changed-only)")
            result.rows.append(row)
            continue
        skipped = _skipped_by_generate(report, nis)
        if skipped:
            row.status, row.remark = REFUSED_ROW, skipped
            result.rows.append(row)
            continue
        try:
            figures = content.key_figures(checked)
        except content.NotMailable as error:
            row.status, row.remark = REFUSED_ROW, str(error)
            result.rows.append(row)
            continue
        info = content.change_for(report, checked, figures)
        values = content.context(checked, figures, info.change, today, bool(report and report.voorbeeldcijfers))
        values["afzender"] = sender_text
        rendered = templates.render(values)
        mail = message.build(checked, rendered, sender=settings.sender, reply_to=settings.reply_to,
                             batch=settings.batch, date=now)
        if len(todo) < len(everyone):
            row.remark = f"{len(everyone) - len(todo)} ontvanger(s) hadden het al; nu enkel: {', '.join(todo)}"
        if info.note:
            row.remark = "; ".join(filter(None, (row.remark, info.note)))
        built.append((mail, todo, row))
        result.rows.append(row)
    return result, built


def _send(settings, built, log: SendLog, result: Result, password, progress) -> None:
    with Sender(settings.smtp_host, settings.smtp_port, settings.security, settings.user, password,
                cafile=settings.cafile, rate=settings.rate) as smtp:
        for index, (mail, todo, row) in enumerate(built):
            def logged(address: str, outcome: Outcome, mail=mail) -> None:
                log.append(Entry(settings.batch, mail.nis, mail.gemeente, mail.bestand, mail.sha256,
                                 mail.message_id, address, outcome.status, outcome.reply))
            try:
                outcomes = smtp.send(settings.sender.addr_spec, todo, mail.data, logged)
            except ConnectionLost as error:
                row.status, row.remark = FAILED, str(error)
                for _, _, later in built[index + 1:]:
                    later.status, later.remark = NOT_REACHED, "verzending gestopt: verbinding verbroken"
                result.stopped = (f"{error}. Wat al verzonden is, staat in {settings.log}; start hetzelfde commando "
                                  "opnieuw om de rest te versturen (niemand krijgt iets twee keer).")
                return
            _settle(row, outcomes)
            progress(f"{mail.nis} {mail.gemeente}: {row.status}")


def _settle(row: Row, outcomes: dict[str, Outcome]) -> None:
    sent = [a for a, o in outcomes.items() if o.status == SENT]
    bad = [f"{a}: {'geweigerd' if o.status == REFUSED else 'uitgesteld'} ({o.reply})"
           for a, o in outcomes.items() if o.status in (REFUSED, DEFERRED)]
    row.status = DONE if not bad else PARTLY if sent else FAILED
    row.remark = "; ".join(filter(None, (row.remark, *bad)))
