"""The send log (bso_xl/mail/sendlog.py) and the small pieces around it: a rerun must know who has what."""

from __future__ import annotations

import json

import pytest

from bso_xl.cli import main
from bso_xl.mail.sendlog import DEFERRED, SENT, Entry, SendLog, SendLogError
from bso_xl.mail.templates import euro, getal, opsomming, woord


def entry(address: str, status: str = SENT, sha: str = "a" * 64, batch: str = "2026-12") -> Entry:
    return Entry(batch, "44021", "Gent", "44021_Gent.xlsx", sha, "<m@x>", address, status, "250 aanvaard")


def test_sent_lines_are_remembered_per_send_and_per_address(tmp_path):
    path = tmp_path / "verzendlog.jsonl"
    with SendLog(path) as log:
        log.append(entry("Jan@gent.be"))
        log.append(entry("zoe@gent.be", DEFERRED))
        log.append(entry("jan@gent.be", sha="b" * 64, batch="2027-01"))
    again = SendLog(path)
    assert again.sent_in_batch("2026-12", "44021", "a" * 64) == {"jan@gent.be"}  # a deferral is not a send
    assert again.sent_in_batch("2027-01", "44021", "a" * 64) == set()
    assert again.last_sent("44021", "JAN@gent.be") == "b" * 64
    assert again.last_sent("44021", "zoe@gent.be") is None
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert list(lines[0]) == ["tijd", "verzending", "nis", "gemeente", "bestand", "sha256", "message_id", "adres",
                              "status", "antwoord"]


def test_a_line_cut_off_by_a_crash_is_ignored_and_the_next_append_starts_a_new_line(tmp_path):
    path = tmp_path / "verzendlog.jsonl"
    with SendLog(path) as log:
        log.append(entry("jan@gent.be"))
    path.write_bytes(path.read_bytes() + b'{"tijd": "2026-12-01T21:00:00+00:00", "verzending": "2026-')
    log = SendLog(path)
    assert len(log.entries) == 1
    with log:
        log.append(entry("zoe@gent.be"))
    assert SendLog(path).sent_in_batch("2026-12", "44021", "a" * 64) == {"jan@gent.be", "zoe@gent.be"}


def test_a_damaged_line_in_the_middle_stops_the_run(tmp_path):
    path = tmp_path / "verzendlog.jsonl"
    with SendLog(path) as log:
        log.append(entry("jan@gent.be"))
    path.write_text("kapot\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(SendLogError, match=r"verzendlog.jsonl, regel 1: geen geldige regel van het verzendlog"):
        SendLog(path)


def test_two_runs_cannot_send_from_one_log_at_once(tmp_path):
    path = tmp_path / "verzendlog.jsonl"
    with SendLog(path):
        with pytest.raises(SendLogError, match="er loopt al een verzending met dit verzendlog"):
            with SendLog(path):
                pass
    with SendLog(path):  # released
        pass


def test_no_password_and_no_keyboard_is_a_message(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("BSO_SMTP_PASSWORD", raising=False)
    code = main(["mail", str(tmp_path), "--contacts", "c.csv", "--from", "a@b.be", "--send", "--smtp-host", "h",
                 "--user", "u"])
    assert (code, capsys.readouterr().err.strip()) == (2, "geen wachtwoord voor --user: zet de omgevingsvariabele "
                                                          "BSO_SMTP_PASSWORD (er is geen toetsenbord om erom te vragen)")


def test_dutch_numbers_in_the_templates():
    assert (getal(2185), getal(1234567), getal(0), getal("n.v.t.")) == ("2.185", "1.234.567", "0", "n.v.t.")
    assert euro(1078002.24) == "€ 1.078.002,24"
    assert euro(0.125) == "€ 0,13"  # half away from zero, as the workbook's ROUND
    assert euro(28368.48) == "€ 28.368,48" and euro("geen toetsjaar") == "geen toetsjaar"
    assert (woord(3), woord(13)) == ("drie", "13")
    assert (opsomming(["Jan"]), opsomming(["Jan", "Zoë", "An"])) == ("Jan", "Jan, Zoë en An")


def test_the_readme_config_example_is_valid(tmp_path):
    """The TOML example in the README's section on mailing is read as documented."""
    import datetime as dt
    import re
    from pathlib import Path

    from bso_xl.mail.config import settings_from

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```toml\n(.*?)```", readme, re.S)
    config = tmp_path / "bso-mail.toml"
    config.write_text(example, encoding="utf-8")
    settings = settings_from({}, config, dt.date(2026, 12, 1), send=True)
    assert (settings.dir, settings.outbox, settings.log) == (
        tmp_path / "workbooks", tmp_path / "verzonden-bso", tmp_path / "verzonden-bso" / "verzendlog.jsonl")
    assert (settings.smtp_host, settings.smtp_port, settings.security, settings.user) == (
        "smtp.office365.com", 587, "starttls", "bso@provincieantwerpen.be")
    assert str(settings.sender) == "BSO-team Provincie Antwerpen <bso@provincieantwerpen.be>"
    assert (settings.changed_only, settings.rate, settings.batch) == (True, 30.0, "2026-12")
    assert "bso-xl mail --config bso-mail.toml --send" in readme


def test_the_log_is_read_again_once_it_is_locked(tmp_path):
    """A run that read the log before another run sent must not decide on what it read then."""
    path = tmp_path / "verzendlog.jsonl"
    early = SendLog(path)
    with SendLog(path) as other:
        other.append(entry("jan@gent.be"))
    assert early.sent_in_batch("2026-12", "44021", "a" * 64) == set()
    with early:
        assert early.sent_in_batch("2026-12", "44021", "a" * 64) == {"jan@gent.be"}
