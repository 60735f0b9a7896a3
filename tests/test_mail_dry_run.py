"""bso-xl mail without --send: one .eml per municipality, read back by Python's email parser (issue #10)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil

import pytest
from mail_fixtures import (
    ANTWERPEN, EXPECTED_RCPT, FILES, GENT, SENDER, V010, attachment, copy_folder, make_workbooks, parse,
    write_contacts,
)

from bso_xl.cli import main
from bso_xl.mail.config import settings_from
from bso_xl.mail.run import run
from bso_xl.report import ChangeReport, KeyFigures, MunicipalityChange, REPORT_JSON

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def demo_books(tmp_path_factory):
    return make_workbooks(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def official_books(tmp_path_factory):
    return make_workbooks(tmp_path_factory.mktemp("official"), official=True)


@pytest.fixture
def folder(tmp_path, demo_books):
    return copy_folder(demo_books[GENT].parent, tmp_path / "werkboeken")


@pytest.fixture
def contacts(tmp_path):
    return write_contacts(tmp_path / "contacten.csv")


def mail(folder, contacts, *extra, today=TODAY):
    options = {"dir": str(folder), "contacts": str(contacts), "sender": SENDER}
    for key, value in zip(extra[::2], extra[1::2], strict=True):
        options[key] = value
    return run(settings_from(options, None, today, send=False), today=today)


def eml(folder, nis):
    return parse((folder / "outbox" / FILES[nis].replace(".xlsx", ".eml")).read_bytes())


def test_dry_run_writes_one_eml_per_municipality_with_the_attachment_intact(folder, contacts, capsys):
    code = main(["mail", str(folder), "--contacts", str(contacts), "--from", SENDER])
    out = capsys.readouterr().out
    assert code == 0
    assert sorted(p.name for p in (folder / "outbox").iterdir()) == [
        "11002_Antwerpen.eml", "44021_Gent.eml", "overzicht.csv"]
    for nis in (GENT, ANTWERPEN):
        msg = eml(folder, nis)
        name, data = attachment(msg)
        assert name == FILES[nis]
        assert data == (folder / FILES[nis]).read_bytes()  # byte-equal to the file on disk
        assert msg["X-BSO-XL-NIS"] == nis
        rcpt = [a.addr_spec for a in msg["To"].addresses] + [a.addr_spec for a in (msg["Cc"] or msg["To"]).addresses
                                                             if msg["Cc"]]
        assert rcpt == EXPECTED_RCPT[nis]  # its own people only, no other municipality's
        assert msg.get_content_type() == "multipart/mixed"
        assert [p.get_content_type() for p in msg.walk()] == [
            "multipart/mixed", "multipart/alternative", "text/plain", "text/html",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
    gent = eml(folder, GENT)
    assert [(a.display_name, a.addr_spec) for a in gent["To"].addresses] == [
        ("Jan Peeters", "jan.peeters@gent.be"), ("Zoë Ünal-Çelik", "zoe@gent.be")]
    assert str(gent["From"]) == SENDER
    antwerpen = eml(folder, ANTWERPEN)
    assert [a.display_name for a in antwerpen["To"].addresses] == ["Анна Іваненко", "Peeters, Piet"]
    assert antwerpen["Cc"] is None
    # the raw header is encoded (RFC 2047), never raw UTF-8, and the comma name quoted
    raw = (folder / "outbox" / "11002_Antwerpen.eml").read_bytes()
    assert raw.isascii() and b'"Peeters, Piet" <piet@antwerpen.be>' in raw
    assert "44021\tGent\t44021_Gent.xlsx\tjan.peeters@gent.be, zoe@gent.be, wonen@gent.be\tconcept" in out
    with (folder / "outbox" / "overzicht.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["NIS", "gemeente", "bestand", "ontvangers", "status", "opmerking"]
    assert [r[:2] + r[4:5] for r in rows[1:]] == [[ANTWERPEN, "Antwerpen", "concept"], [GENT, "Gent", "concept"]]


def test_demo_figures_are_said_in_the_subject_and_both_bodies(folder, contacts):
    mail(folder, contacts)
    msg = eml(folder, GENT)
    assert msg["Subject"] == "[VOORBEELDCIJFERS] BSO-werkboek Gent (44021), cijfers van 30/04/2026"
    assert msg.get_body(("plain",)).get_content().startswith("LET OP: VOORBEELDCIJFERS — GEEN OFFICIËLE CIJFERS.")
    assert "VOORBEELDCIJFERS — GEEN OFFICIËLE CIJFERS" in msg.get_body(("html",)).get_content()


def test_bodies_show_the_municipalitys_numbers_and_what_changed(tmp_path, official_books, contacts):
    folder = copy_folder(official_books[GENT].parent, tmp_path / "werkboeken")
    figures = KeyFigures(bso=1200, sib=60, t1=380, t2=380, t3=380, shortfall={"2028": 220}, sanction={}, category={},
                         risk={}, expected={})
    report = ChangeReport("2026-12-01T21:00:00", "cijfers.csv", False, [
        MunicipalityChange(GENT, "Gent", FILES[GENT], "gewijzigd", oud=figures, nieuw=None,
                           wijzigingen=["BSO 1.150 → 1.200", "SIB 50 → 60", "tekort 2028 200 → 220",
                                        "T1 <b>380</b> & meer"]),
        MunicipalityChange(ANTWERPEN, "Antwerpen", FILES[ANTWERPEN], "ongewijzigd"),
    ])
    (folder / REPORT_JSON).write_text(report.to_json(), encoding="utf-8")
    result = mail(folder, contacts)
    assert [r.status for r in result.rows] == ["concept", "concept"]
    gent = eml(folder, GENT)
    assert gent["Subject"] == "BSO-werkboek Gent (44021): bijgewerkt, cijfers van 30/04/2026"
    text = gent.get_body(("plain",)).get_content()
    # BSO = 900 + 60 + 240 = 1200, regular 1140 → 380 each; 2028: ½·T1 + ¼·SIB = 190 + 15 = 205 on MJP;
    # no projects: shortfall 205; sanction 205 × 4,052.64 (Gent: raised amount) × 25% = 207,697.80 a year
    assert text.splitlines()[:4] == [
        "Beste Jan Peeters en Zoë Ünal-Çelik,",
        "",
        "Uw BSO-werkboek is bijgewerkt: BSO 1.150 → 1.200; SIB 50 → 60; tekort 2028 200 → 220 "
        "(en 1 andere wijziging, zie onder).",
        "Bij de volgende voortgangstoets (2028, telling op 31/12/2027) ontbreken volgens de projecten in het werkboek "
        "205 woningen; als het plan van aanpak als 2b beoordeeld wordt, kost dat € 207.697,80 per jaar, "
        "€ 623.093,40 over drie jaar.",
    ]
    assert "- BSO, extra sociale huurwoningen tegen 2042: 1.200" in text
    assert "- waarvan specifieke inhaalbeweging (SIB): 60" in text
    assert "- vereist bij de toets 2028 (telling op 31/12/2027): 205 woningen op de meerjarenplanning (MJP) of verder" in text
    assert "- T1 <b>380</b> & meer" in text  # text is not escaped
    html = gent.get_body(("html",)).get_content()
    assert "VOORBEELDCIJFERS" not in html and "VOORBEELDCIJFERS" not in text
    assert "<strong>205 woningen</strong>" in html and "€ 207.697,80 per jaar" in html
    assert "<li>T1 &lt;b&gt;380&lt;/b&gt; &amp; meer</li>" in html  # autoescaped
    assert ">1.200</td>" in html
    antwerpen = eml(folder, ANTWERPEN)
    assert antwerpen["Subject"] == "BSO-werkboek Antwerpen (11002): ongewijzigd, cijfers van 30/04/2026"
    assert "de cijfers zijn niet gewijzigd" in antwerpen.get_body(("plain",)).get_content()


def test_the_next_test_is_the_first_still_to_be_measured(folder, contacts):
    mail(folder, contacts, today=dt.date(2028, 1, 1))  # 31/12/2027 passed: the next one counts on 31/12/2030
    text = eml(folder, GENT).get_body(("plain",)).get_content()
    assert "Bij de volgende voortgangstoets (2031, telling op 31/12/2030)" in text
    assert "vereist bij de toets 2031 (telling op 31/12/2030): 729 woningen op de meerjarenplanning (MJP) of " \
           "verder en 365 woningen op de kortetermijnplanning (KTP) of verder" in text


def test_a_report_about_other_figures_is_not_used(folder, contacts):
    other = KeyFigures(bso=1, sib=0, t1=1, t2=0, t3=0, shortfall={"2028": 1}, sanction={}, category={}, risk={},
                       expected={})
    report = ChangeReport("2026-12-01T21:00:00", "x", True, [
        MunicipalityChange(GENT, "Gent", FILES[GENT], "gewijzigd", nieuw=other, wijzigingen=["BSO 0 → 1"])])
    (folder / REPORT_JSON).write_text(report.to_json(), encoding="utf-8")
    result = mail(folder, contacts)
    row = next(r for r in result.rows if r.nis == GENT)
    assert "rapport.json hoort niet bij dit werkboek" in row.remark
    assert "BSO 0 → 1" not in eml(folder, GENT).get_body(("plain",)).get_content()


def test_a_municipality_generate_skipped_is_not_mailed(folder, contacts):
    report = ChangeReport("2026-12-01T21:00:00", "x", True, [
        MunicipalityChange(GENT, "Gent", FILES[GENT], "overgeslagen", waarschuwingen=["Projecten onleesbaar"])])
    (folder / REPORT_JSON).write_text(report.to_json(), encoding="utf-8")
    result = mail(folder, contacts)
    row = next(r for r in result.rows if r.nis == GENT)
    assert (row.status, row.remark) == ("geweigerd", "overgeslagen bij het maken van de werkboeken (rapport.json): "
                                        "het werkboek in de map is niet bijgewerkt (Projecten onleesbaar)")
    assert not (folder / "outbox" / "44021_Gent.eml").exists()


# --- safety -------------------------------------------------------------------------------------------


def test_a_workbook_under_another_municipalitys_name_is_refused_and_reported(folder, contacts, capsys):
    (folder / FILES[ANTWERPEN]).unlink()
    shutil.copy(folder / FILES[GENT], folder / FILES[ANTWERPEN])  # Gent's workbook named as Antwerpen's
    code = main(["mail", str(folder), "--contacts", str(contacts), "--from", SENDER])
    out = capsys.readouterr().out
    assert code == 1
    assert ("11002\tAntwerpen\t11002_Antwerpen.xlsx\t\tgeweigerd\tNIS in de bestandsnaam (11002) en in het werkboek "
            "(44021 Gent) verschillen: dit werkboek is niet voor deze gemeente") in out
    assert not (folder / "outbox" / "11002_Antwerpen.eml").exists()
    assert (folder / "outbox" / "44021_Gent.eml").exists()


def test_v010_workbooks_are_identified_by_their_overzicht(tmp_path, contacts):
    folder = tmp_path / "werkboeken"
    folder.mkdir()
    shutil.copy(V010 / "11001_Aartselaar.xlsx", folder)
    shutil.copy(V010 / "Antwerpen teruggestuurd.xlsx", folder)
    shutil.copy(V010 / "11001_Aartselaar.xlsx", folder / "44021_Gent.xlsx")  # 0.1.0 Aartselaar named as Gent
    rows = [["nis", "naam", "email"], ["11001", "An Aerts", "an@aartselaar.be"], [GENT, "Jan Peeters", "jan@gent.be"]]
    result = mail(folder, write_contacts(tmp_path / "c.csv", rows))
    assert [(r.nis, r.status) for r in result.rows] == [("11001", "concept"), (GENT, "geweigerd")]
    assert "en in het werkboek (11001 Aartselaar) verschillen" in result.rows[1].remark
    assert "Antwerpen teruggestuurd.xlsx: niet verstuurd, de naam begint niet met een NIS-code" in result.notes[0]
    _, data = attachment(eml(folder, "11001"))
    assert data == (V010 / "11001_Aartselaar.xlsx").read_bytes()


def test_two_files_for_one_municipality_a_missing_contact_and_a_large_file_are_refused(folder, tmp_path):
    shutil.copy(folder / FILES[GENT], folder / "44021_Gent (kopie).xlsx")
    rows = [["nis", "naam", "email"], [GENT, "Jan Peeters", "jan@gent.be"]]
    result = mail(folder, write_contacts(tmp_path / "c.csv", rows))
    assert [(r.nis, r.status, r.remark) for r in result.rows] == [
        (ANTWERPEN, "geweigerd", f"geen contactpersoon voor NIS {ANTWERPEN} in {tmp_path / 'c.csv'}"),
        (GENT, "geweigerd", "2 werkboeken voor NIS 44021; verwacht: één, welk is het juiste?"),
    ]
    assert result.exit_code == 1
    (folder / "44021_Gent (kopie).xlsx").unlink()
    result = mail(folder, write_contacts(tmp_path / "c.csv", rows), "max_size", "0.05")
    size = f"{(folder / FILES[GENT]).stat().st_size / 1048576:.2f}".replace(".", ",")
    assert result.rows[1].remark == f"het werkboek is {size} MB, meer dan de grens van 0,05 MB (max-size)"
    assert not list((folder / "outbox").glob("*.eml"))  # the earlier run's drafts are gone too


def test_header_injection_through_names_or_subject_is_impossible(folder, contacts, tmp_path):
    from bso_xl.contacts import Contact
    from bso_xl.mail import message
    from bso_xl.mail.message import HeaderInjection

    with pytest.raises(HeaderInjection, match="naam op rij 7"):
        message.recipients((Contact(GENT, "Jan\r\nBcc: evil@example.com", "jan@gent.be", None, (), 7),))
    own = tmp_path / "sjablonen"
    own.mkdir()
    (own / "mail_subject.txt.j2").write_text("BSO {{ gemeente }}\r\nBcc: evil@example.com\n", encoding="utf-8")
    mail(folder, contacts, "templates", str(own))
    raw = (folder / "outbox" / "44021_Gent.eml").read_bytes()
    msg = parse(raw)
    assert msg["Subject"] == "BSO Gent Bcc: evil@example.com"  # one line: the break became a space
    assert msg["Bcc"] is None and b"\r\nBcc:" not in raw


# --- the sender's own templates ------------------------------------------------------------------------


def test_own_templates_replace_the_built_in_ones_file_by_file(folder, contacts, tmp_path):
    own = tmp_path / "sjablonen"
    own.mkdir()
    (own / "mail_body.txt.j2").write_text("Dag {{ namen | opsomming }}: BSO {{ bso | getal }}.\n", encoding="utf-8")
    mail(folder, contacts, "templates", str(own))
    msg = eml(folder, GENT)
    assert msg.get_body(("plain",)).get_content() == "Dag Jan Peeters en Zoë Ünal-Çelik: BSO 2.185.\r\n"  # CRLF
    assert msg["Subject"].startswith("[VOORBEELDCIJFERS] BSO-werkboek Gent")  # built-in subject


@pytest.mark.parametrize("name, text, line, expected", [
    ("mail_body.html.j2", "<p>\n{% if bso %}\n{{ bso }\n</p>\n", 3, "fout in het sjabloon (unexpected '}')"),
    ("mail_body.txt.j2", "Beste\n\n{{ gemeent }}\n", 3, "onbekende naam ('gemeent' is undefined); verwacht: een van"),
    ("mail_subject.txt.j2", "{{ bso | euro(2) }}", 1, "TypeError"),
])
def test_a_template_error_names_the_file_and_the_line(folder, contacts, tmp_path, capsys, name, text, line, expected):
    own = tmp_path / "sjablonen"
    own.mkdir()
    (own / name).write_text(text, encoding="utf-8")
    code = main(["mail", str(folder), "--contacts", str(contacts), "--from", SENDER, "--templates", str(own)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.startswith(f"{own / name}, regel {line}: fout in het sjabloon")
    assert expected in err and "\n" not in err and "Traceback" not in err
    assert not (folder / "outbox").exists() or not list((folder / "outbox").glob("*.eml"))


# --- bad input: one Dutch line, exit code 2 -----------------------------------------------------------


def run_cli(capsys, *argv):
    code = main(["mail", *argv])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err.strip()


def test_bad_contacts_file(folder, tmp_path, capsys):
    bad = write_contacts(tmp_path / "c.csv", [["nis", "naam", "email"], [GENT, "Jan", "jan.gent.be"]])
    code, err = run_cli(capsys, str(folder), "--contacts", str(bad), "--from", SENDER)
    assert code == 2
    assert err == (f"{bad}, rij 2, kolom 'email': gevonden 'jan.gent.be'; verwacht: een geldig e-mailadres, "
                   "bv. financien@gemeente.be (er staat geen @ in)")


def test_folder_without_workbooks(tmp_path, contacts, capsys):
    (tmp_path / "leeg").mkdir()
    code, err = run_cli(capsys, str(tmp_path / "leeg"), "--contacts", str(contacts), "--from", SENDER)
    assert (code, err) == (2, f"{tmp_path / 'leeg'}: geen werkboeken gevonden; verwacht: bestanden "
                              "<NIS>_<Gemeente>.xlsx, zoals bso-xl generate ze schrijft (bv. 44021_Gent.xlsx)")


def test_missing_settings_and_bad_options_are_all_reported(capsys):
    code, err = run_cli(capsys, "--smtp-port", "abc", "--rate", "veel", "--only", "44021,99999")
    assert code == 2
    assert err.splitlines() == [
        "--smtp-port: gevonden 'abc'; verwacht: een poortnummer van 1 tot 65535, bv. 587",
        "--only: gevonden '44021,99999'; verwacht: NIS-codes van Vlaamse gemeenten gescheiden door komma's, "
        "bv. 44021,11002 (onbekend: 99999)",
        "--rate: gevonden 'veel'; verwacht: een aantal berichten per minuut groter dan 0, bv. 30 of 30/min",
        "de map met werkboeken ontbreekt; verwacht: DIR op de opdrachtregel of dir = \"…\" in een "
        "instellingenbestand (--config)",
        "het contactenbestand ontbreekt; verwacht: --contacts op de opdrachtregel of contacts = \"…\" in een "
        "instellingenbestand (--config)",
        "de afzender ontbreekt; verwacht: --from op de opdrachtregel of from = \"…\" in een instellingenbestand "
        "(--config)",
    ]


def test_config_file_problems_name_the_file_key_value_and_expectation(tmp_path, capsys):
    config = tmp_path / "bso-mail.toml"
    config.write_text('smtp-host = "smtp.provincie.be"\nsmtp-port = "587a"\nfrom = "geen adres"\n'
                      'wachtwoord = "geheim"\nchanged-only = "ja"\nsmpt-user = "x"\nsend = true\n', encoding="utf-8")
    code, err = run_cli(capsys, "--config", str(config), "--contacts", "c.csv", "x")
    assert code == 2
    assert err.splitlines() == [
        f"{config}, sleutel 'smtp-port': gevonden '587a'; verwacht: een poortnummer van 1 tot 65535, bv. 587",
        f"{config}, sleutel 'from': gevonden 'geen adres'; verwacht: één e-mailadres, bv. bso@provincie.be of "
        "BSO-team <bso@provincie.be>",
        f"{config}, sleutel 'wachtwoord': een wachtwoord hoort niet in een bestand; verwacht: de omgevingsvariabele "
        "BSO_SMTP_PASSWORD, of typ het wachtwoord als bso-xl erom vraagt",
        f"{config}, sleutel 'changed-only': gevonden 'ja'; verwacht: true of false (zonder aanhalingstekens)",
        f"{config}, sleutel 'smpt-user': onbekende instelling; verwacht: bedoelt u 'user'? een van dir, contacts, outbox, log, from, "
        "reply-to, smtp-host, smtp-port, security, user, cafile, changed-only, only, templates, rate, max-size, batch",
        f"{config}, sleutel 'send': verzenden kiest u op de opdrachtregel; verwacht: --send bij het commando, niet in "
        "het bestand (zonder --send schrijft bso-xl enkel concepten)",
    ]
    config.write_text('from = "bso@provincie.be"\nsmtp-host = smtp.provincie.be\n', encoding="utf-8")
    code, err = run_cli(capsys, "--config", str(config))
    assert code == 2
    assert err.startswith(f"{config}, regel 2, kolom 13: geen geldige TOML (Invalid value); verwacht: sleutel = "
                          "waarde per regel, tekst tussen aanhalingstekens")


def test_plain_with_a_user_is_refused(capsys):
    code, err = run_cli(capsys, "d", "--contacts", "c.csv", "--from", "a@b.be", "--plain", "--user", "u")
    assert code == 2 and err.startswith("--plain met --user zou het wachtwoord onversleuteld versturen")


def test_the_config_file_makes_the_monthly_run_one_command(folder, contacts, tmp_path, capsys):
    config = tmp_path / "bso-mail.toml"
    config.write_text(f'\ufeffdir = "werkboeken"\ncontacts = "{contacts.name}"\nfrom = "{SENDER}"\n'
                      'reply-to = "vragen@provincie.be"\nonly = ["44021"]\nrate = "20/min"\nmax-size = 10\n',
                      encoding="utf-8")  # with a byte-order mark, as Notepad may save it
    code = main(["mail", "--config", str(config)])
    assert code == 0, capsys.readouterr()
    msg = eml(folder, GENT)
    assert str(msg["Reply-To"]) == "vragen@provincie.be"
    assert not (folder / "outbox" / "11002_Antwerpen.eml").exists()
    settings = settings_from({"rate": "45"}, config, TODAY, send=False)
    assert (settings.dir, settings.rate, settings.max_size, settings.batch) == (folder, 45.0, 10 * 1048576, "2026-12")
    assert settings.log == folder / "outbox" / "verzendlog.jsonl"


def test_an_assessed_test_and_a_municipality_without_objective(tmp_path):
    """2b: the expected cost; 2a: no sanction; BSO 0: nothing required, the test is passed."""
    from bso_xl.figures import read_figures
    from bso_xl.workbook import write_workbook
    from bso_xl.workbook.inputs import WorkbookInputs

    folder = tmp_path / "werkboeken"
    folder.mkdir()
    source = tmp_path / "cijfers.csv"
    source.write_text("nis;aandeel_op_peil;sib;wettelijke_doelgroep;overschrijding;aftopping_9pct\n"
                      "44021;900;60;240;0;0\n11001;10;0;0;20;0\n", encoding="utf-8")
    figures = read_figures(source)
    write_workbook(folder / FILES[GENT], figures.rows[GENT], figures,
                   inputs=WorkbookInputs(projects=(), assessment={2028: "2b", 2031: "2a"}))
    write_workbook(folder / "11001_Aartselaar.xlsx", figures.rows["11001"], figures)
    rows = [["nis", "naam", "email"], [GENT, "Jan Peeters", "jan@gent.be"], ["11001", "An Aerts", "an@aartselaar.be"]]
    result = mail(folder, write_contacts(tmp_path / "c.csv", rows))
    assert [r.status for r in result.rows] == ["concept", "concept"]
    gent = eml(folder, GENT)
    text = gent.get_body(("plain",)).get_content()
    assert ("ontbreken volgens de projecten in het werkboek 205 woningen; met de beoordeling 2b kost dat "
            "€ 207.697,80 per jaar, € 623.093,40 over drie jaar.") in text
    assert "- 2028: tekort 205, categorie 2b, sanctie € 207.697,80 per jaar" in text
    assert "- 2031: tekort 395, categorie 2a (geen sanctie)" in text  # T1 + ¼·SIB = 380 + 15 at least on MJP
    assert "peildatum" not in gent["Subject"] and gent["Subject"] == "BSO-werkboek Gent (44021)"
    html = gent.get_body(("html",)).get_content()
    assert "of de verwachte kost waar het al beoordeeld is" in html
    aartselaar = eml(folder, "11001").get_body(("plain",)).get_content()
    assert "Bij de volgende voortgangstoets (2028, telling op 31/12/2027) haalt Aartselaar het groeipad" in aartselaar
    assert "- BSO, extra sociale huurwoningen tegen 2042: 0" in aartselaar
    assert "vereist bij de toets 2028 (telling op 31/12/2027): niets" in aartselaar


def test_no_mail_while_generate_writes_in_the_folder(folder, contacts, capsys):
    from bso_xl.regenerate.files import FolderLock, temp_path

    temp_path(folder / FILES[GENT]).write_bytes(b"half geschreven")  # generate's temporary file: never a workbook
    (folder / "~$44021_Gent.xlsx").write_bytes(b"")  # Excel's owner file
    with FolderLock(folder):
        code, err = run_cli(capsys, str(folder), "--contacts", str(contacts), "--from", SENDER)
    assert (code, err) == (2, f"{folder}: bso-xl generate schrijft nog in deze map; verwacht: wacht tot het klaar is "
                              "en start dan bso-xl mail opnieuw")
    result = mail(folder, contacts)
    assert [r.nis for r in result.rows] == [ANTWERPEN, GENT] and result.notes == []


def test_the_change_report_of_a_real_generate_run_is_told(tmp_path, contacts, capsys):
    """generate twice (demo, then official figures): the mail names what changed, from rapport.json."""
    out = tmp_path / "werkboeken"
    figures = tmp_path / "cijfers.csv"
    figures.write_text("nis;aandeel_op_peil;sib;wettelijke_doelgroep;overschrijding;aftopping_9pct;peildatum\n"
                       "44021;900;60;240;0;0;2026-11-30\n", encoding="utf-8")
    assert main(["generate", "--only", GENT, "--out", str(out)]) == 0
    assert main(["generate", "--only", GENT, "--out", str(out), "--figures", str(figures)]) == 0
    capsys.readouterr()
    result = mail(out, contacts)
    [row] = result.rows
    assert (row.nis, row.status, row.remark) == (GENT, "concept", "")  # the report describes this workbook
    msg = eml(out, GENT)
    assert msg["Subject"] == "BSO-werkboek Gent (44021): bijgewerkt, cijfers van 30/11/2026"
    text = msg.get_body(("plain",)).get_content()
    assert "Uw BSO-werkboek is bijgewerkt: BSO 2.185 → 1.200; SIB 0 → 60; T1 729 → 380 (en " in text
    assert "\r\n- tekort 2028: 168 → " in text
