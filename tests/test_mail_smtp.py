"""bso-xl mail --send against a real SMTP server on loopback (aiosmtpd): plain and STARTTLS + AUTH."""

from __future__ import annotations

import json
import shutil
import ssl

import pytest
import trustme
from mail_fixtures import (
    ANTWERPEN, EXPECTED_RCPT, FILES, GENT, SENDER, V010, Recorder, Server, attachment, copy_folder, make_workbooks,
    write_contacts,
)

from bso_xl.cli import main
from bso_xl.mail import sender as sender_module

PASSWORD = "zeer-geheim-Ω-123"


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    return make_workbooks(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def folder(tmp_path, books):
    return copy_folder(books[GENT].parent, tmp_path / "werkboeken")


@pytest.fixture
def contacts(tmp_path):
    return write_contacts(tmp_path / "contacten.csv")


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    """Back-off without the seconds: the retries still happen, the waits are recorded, not slept."""
    waits = []
    monkeypatch.setattr(sender_module, "WAIT_BASE", 0.0)
    monkeypatch.setattr(sender_module.time, "sleep", waits.append)
    return waits


def send(capsys, folder, contacts, port, *extra):
    code = main(["mail", str(folder), "--contacts", str(contacts), "--from", SENDER, "--send",
                 "--smtp-host", "127.0.0.1", "--smtp-port", str(port), *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def log_lines(folder):
    path = folder / "outbox" / "verzendlog.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def by_nis(received):
    return {r.message["X-BSO-XL-NIS"]: r for r in received}


def test_plain_every_message_arrives_with_its_own_recipients_subject_names_and_attachment(
        folder, contacts, capsys):
    handler = Recorder()
    with Server(handler) as server:
        code, out, err = send(capsys, folder, contacts, server.port, "--plain")
    assert code == 0, err
    assert len(handler.received) == 2  # one message per municipality
    got = by_nis(handler.received)
    for nis in (GENT, ANTWERPEN):
        message = got[nis].message
        assert got[nis].mail_from == "bso@provincie.be"
        assert got[nis].rcpt_tos == EXPECTED_RCPT[nis]  # exactly its own people: never a shared list
        name, data = attachment(message)
        assert (name, data) == (FILES[nis], (folder / FILES[nis]).read_bytes())
        assert got[nis].data.replace(b"\r\n", b"\n") == (
            folder / "outbox" / FILES[nis].replace(".xlsx", ".eml")).read_bytes().replace(b"\r\n", b"\n")
    assert got[GENT].message["Subject"] == "[VOORBEELDCIJFERS] BSO-werkboek Gent (44021), cijfers van 30/04/2026"
    assert [a.display_name for a in got[GENT].message["To"].addresses] == ["Jan Peeters", "Zoë Ünal-Çelik"]
    assert [a.display_name for a in got[ANTWERPEN].message["To"].addresses] == ["Анна Іваненко", "Peeters, Piet"]
    assert "ontbreken volgens de projecten in het werkboek 168 woningen" in \
        got[GENT].message.get_body(("plain",)).get_content()
    log = log_lines(folder)
    assert [(e["nis"], e["adres"], e["status"]) for e in log] == [
        (ANTWERPEN, "anna@antwerpen.be", "verzonden"), (ANTWERPEN, "piet@antwerpen.be", "verzonden"),
        (GENT, "jan.peeters@gent.be", "verzonden"), (GENT, "zoe@gent.be", "verzonden"),
        (GENT, "wonen@gent.be", "verzonden")]
    assert {e["verzending"] for e in log} == {__import__("datetime").date.today().strftime("%Y-%m")}
    assert "44021\tGent\t44021_Gent.xlsx\tjan.peeters@gent.be, zoe@gent.be, wonen@gent.be\tverzonden" in out

    # the same command again: nothing twice
    with Server(handler) as server:
        code, out, err = send(capsys, folder, contacts, server.port, "--plain")
    assert code == 0 and len(handler.received) == 2
    assert "\tal verzonden\t" in out and len(log_lines(folder)) == 5


def test_starttls_with_auth_and_a_certificate_made_in_the_test(folder, contacts, tmp_path, capsys, monkeypatch):
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    cafile = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    handler = Recorder()
    with Server(handler, tls_context=server_context, users={"bso@provincie.be": PASSWORD}) as server:
        # the certificate is checked: without the CA it is refused, nothing is sent
        monkeypatch.setenv("BSO_SMTP_PASSWORD", PASSWORD)
        code, out, err = send(capsys, folder, contacts, server.port, "--user", "bso@provincie.be", "--only", GENT)
        assert code == 2 and handler.received == []
        assert err.startswith(f"het certificaat van 127.0.0.1:{server.port} is niet te controleren")
        # a wrong password: refused, said in one line, the password nowhere
        monkeypatch.setenv("BSO_SMTP_PASSWORD", "fout")
        code, out, err = send(capsys, folder, contacts, server.port, "--user", "bso@provincie.be", "--cafile",
                              str(cafile), "--only", GENT)
        assert code == 2 and handler.received == []
        assert err.startswith("aanmelden als bso@provincie.be bij 127.0.0.1:") and "fout" not in err.split("(")[0]
        # the right one
        monkeypatch.setenv("BSO_SMTP_PASSWORD", PASSWORD)
        code, out, err = send(capsys, folder, contacts, server.port, "--user", "bso@provincie.be", "--cafile",
                              str(cafile), "--starttls")
    assert code == 0, err
    got = by_nis(handler.received)
    assert {nis: r.rcpt_tos for nis, r in got.items()} == EXPECTED_RCPT
    assert attachment(got[ANTWERPEN].message)[1] == (folder / FILES[ANTWERPEN]).read_bytes()
    for path in (folder / "outbox").iterdir():
        assert PASSWORD.encode() not in path.read_bytes()
    assert PASSWORD not in out + err


def test_a_connection_dropped_mid_batch_resumes_without_duplicates(folder, contacts, capsys, no_waiting):
    handler = Recorder(drop_after=1)  # the first message is accepted, then the server keeps hanging up
    with Server(handler) as server:
        code, out, err = send(capsys, folder, contacts, server.port, "--plain")
    assert code == 1
    assert [r.message["X-BSO-XL-NIS"] for r in handler.received] == [ANTWERPEN]
    assert "de verbinding met 127.0.0.1:" in err and "start hetzelfde commando opnieuw" in err
    assert "44021\tGent\t44021_Gent.xlsx\tjan.peeters@gent.be, zoe@gent.be, wonen@gent.be\tniet verzonden" in out
    assert handler.data_count == 1 + 4  # Antwerpen, then Gent tried four times (the first try and three retries)
    log = log_lines(folder)
    assert [(e["nis"], e["status"]) for e in log] == [(ANTWERPEN, "verzonden")] * 2 + [(GENT, "uitgesteld")] * 3

    handler.drop_after = None  # the server is back
    with Server(handler) as server:
        code, out, err = send(capsys, folder, contacts, server.port, "--plain")
    assert code == 0, err
    received = [(r.message["X-BSO-XL-NIS"], tuple(r.rcpt_tos)) for r in handler.received]
    assert received == [(ANTWERPEN, tuple(EXPECTED_RCPT[ANTWERPEN])), (GENT, tuple(EXPECTED_RCPT[GENT]))]
    assert "11002\tAntwerpen\t11002_Antwerpen.xlsx\tanna@antwerpen.be, piet@antwerpen.be\tal verzonden" in out


def test_a_single_drop_is_retried_and_delivered_once(folder, contacts, capsys):
    handler = Recorder(drop_data_at={2})
    with Server(handler) as server:
        code, out, err = send(capsys, folder, contacts, server.port, "--plain")
    assert code == 0, err
    assert sorted(r.message["X-BSO-XL-NIS"] for r in handler.received) == [ANTWERPEN, GENT]


def test_temporary_failures_are_retried_and_permanent_ones_reported_per_recipient(folder, contacts, capsys):
    handler = Recorder(temporary_data=1, refuse={"zoe@gent.be": "550 5.1.1 onbekende gebruiker"})
    with Server(handler) as server:
        code, out, err = send(capsys, folder, contacts, server.port, "--plain", "--only", GENT)
    assert code == 1
    [received] = handler.received  # the 451 was retried; one message arrived
    assert received.rcpt_tos == ["jan.peeters@gent.be", "wonen@gent.be"]
    assert ("\tdeels verzonden\tzoe@gent.be: geweigerd (550 5.1.1 onbekende gebruiker)") in out
    log = log_lines(folder)
    assert [(e["adres"], e["status"], e["antwoord"]) for e in log] == [
        ("jan.peeters@gent.be", "verzonden", "250 aanvaard"),
        ("zoe@gent.be", "geweigerd", "550 5.1.1 onbekende gebruiker"),
        ("wonen@gent.be", "verzonden", "250 aanvaard")]

    # the address is fixed: a rerun sends to her only, the others do not get it again
    handler.refuse.clear()
    with Server(handler) as server:
        code, out, err = send(capsys, folder, contacts, server.port, "--plain", "--only", GENT)
    assert code == 0, err
    assert [r.rcpt_tos for r in handler.received] == [["jan.peeters@gent.be", "wonen@gent.be"], ["zoe@gent.be"]]


def test_changed_only_skips_who_already_has_these_bytes_from_an_earlier_send(folder, contacts, capsys):
    handler = Recorder()
    with Server(handler) as server:
        assert send(capsys, folder, contacts, server.port, "--plain", "--batch", "2026-11")[0] == 0
        # next month Gent's workbook is another one (Gent's as an officer sent it back), Antwerpen's is the same
        shutil.copy(V010 / "44021_Gent_ingevuld_libreoffice.xlsx", folder / FILES[GENT])
        code, out, err = send(capsys, folder, contacts, server.port, "--plain", "--batch", "2026-12",
                              "--changed-only")
        assert code == 0, err
        assert [r.message["X-BSO-XL-NIS"] for r in handler.received] == [ANTWERPEN, GENT, GENT]
        assert attachment(handler.received[-1].message)[1] == (folder / FILES[GENT]).read_bytes()
        assert "11002\tAntwerpen\t11002_Antwerpen.xlsx\tanna@antwerpen.be, piet@antwerpen.be\tongewijzigd" in out
        # without --changed-only a new send gives everyone the workbook again, once
        code, out, err = send(capsys, folder, contacts, server.port, "--plain", "--batch", "2027-01")
        assert code == 0 and len(handler.received) == 5
        code, out, err = send(capsys, folder, contacts, server.port, "--plain", "--batch", "2027-01")
    assert code == 0 and len(handler.received) == 5


def test_rate_limit_spaces_the_messages():
    now, waits = [0.0], []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    sender = sender_module.Sender("h", 25, "plain", rate=30, sleep=sleep, clock=lambda: now[0])
    for _ in range(3):
        sender._pace()
    now[0] += 5.0  # a slow message: the next may go at once
    sender._pace()
    now[0] += 0.5
    sender._pace()
    assert waits == [2.0, 2.0, 1.5]  # 30 per minute: 2 s apart
