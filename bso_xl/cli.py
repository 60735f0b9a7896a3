"""Command line: ``bso-xl check | template | generate | lite | server | mail``.

User errors (bad figures files, bad options) are printed as plain messages and exit with 2;
no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import UserError
from .model import DEMO_LABEL


def _check(args) -> int:
    """Validate a figures file and show each municipality's objective.

    File-level warnings (unknown columns, R3 pot that cannot be explained, skipped rows) come
    first: above the table as ``# waarschuwing:`` lines, in JSON as ``waarschuwingen``.
    """
    from .figures import read_figures

    figures = read_figures(args.figures)
    rows = []
    for fig in figures.rows.values():
        obj = fig.objective()
        warnings = list(obj.warnings)
        if fig.is_demo:
            warnings.insert(0, DEMO_LABEL)
        rows.append({
            "nis": fig.nis,
            "gemeente": fig.name,
            "bso": obj.bso,
            "sib": obj.sib,
            "regulier": obj.regulier,
            "t1": obj.t1,
            "t2": obj.t2,
            "t3": obj.t3,
            "verhoogde_huurpremie": fig.raised_huurpremie,
            "waarschuwingen": warnings,
        })
    if args.json:
        output = {"bestand": figures.source, "waarschuwingen": list(figures.warnings), "gemeenten": rows}
        json.dump(output, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if figures.is_demo:
        print(f"# {DEMO_LABEL}")
    for warning in figures.warnings:
        print(f"# waarschuwing: {warning}")
    print("NIS\tgemeente\tBSO\tSIB\tregulier\tT1\tT2\tT3\tverhoogde huurpremie\twaarschuwingen")
    for r in rows:
        print("\t".join([
            r["nis"], r["gemeente"], *(str(r[k]) for k in ("bso", "sib", "regulier", "t1", "t2", "t3")),
            "ja" if r["verhoogde_huurpremie"] else "nee", "; ".join(r["waarschuwingen"]),
        ]))
    return 0


def _template(args) -> int:
    from .template import write_template

    path = write_template(Path(args.file))
    print(f"leeg cijferbestand geschreven: {path}")
    return 0


def _generate(args) -> int:
    from .regenerate import Options, generate

    only = [s.strip() for s in args.only.split(",") if s.strip()] if args.only else None
    result = generate(Options(
        figures=args.figures, out=Path(args.out), previous=Path(args.previous) if args.previous else None,
        projects=[Path(p) for p in args.projects], only=only, jobs=args.jobs, force=args.force,
        use=[Path(p) for p in args.use], wait=args.wait,
    ))
    changed = sum(1 for c in result.report.gemeenten if c.status in ("nieuw", "gewijzigd"))
    print(f"{len(result.report.gemeenten)} gemeente(n) in {args.out}: {changed} werkboek(en) geschreven; "
          f"rapport: {Path(args.out) / 'rapport.xlsx'}")
    return 130 if result.interrupted else 0


def _overview(args) -> int:
    from .overview.batch import overview

    run = overview(args.figures, args.workbooks, Path(args.out))
    data = run.data
    used = sum(1 for r in data.rows.values() if r.projection is not None)
    if data.is_demo:
        print(f"# {DEMO_LABEL}")
    for message in run.messages:
        print(f"# waarschuwing: {message}")
    if args.workbooks is not None:
        print(f"{len(data.returned.files)} bestand(en) in {args.workbooks}; werkboek gebruikt voor {used} van de "
              f"{len(data.rows)} gemeenten")
    print(f"{len(run.written)} overzicht(en) geschreven in {args.out}")
    return 0


def _lite(args) -> int:
    from .lite import write_lite

    result = write_lite(Path(args.dir))
    for note in result.notes:
        print(note)
    for path in result.written:
        print(f"geschreven: {path}")
    return 0


def _server(args) -> int:
    from .server import write_server

    result = write_server(Path(args.dir))
    for note in result.notes:
        print(note)
    for path in result.created:
        print(f"geschreven: {path}")
    print(f"xlwings Server-project in {args.dir}: lees {Path(args.dir) / 'README.md'} (HTTPS, "
          "manifest, licentie)")
    return 0


def _mail(args) -> int:
    """Mail each municipality its own workbook: a dry run (.eml files) unless --send."""
    import datetime as dt
    import os

    from .mail.config import settings_from
    from .mail.run import run
    from .mail.summary import counts, table

    options = {key: getattr(args, key) for key in (
        "dir", "contacts", "outbox", "log", "sender", "reply_to", "smtp_host", "smtp_port", "security", "user",
        "cafile", "changed_only", "only", "templates", "rate", "max_size", "batch")}
    today = dt.date.today()
    settings = settings_from(options, Path(args.config) if args.config else None, today, args.send)
    password = None
    if settings.send and settings.user:
        password = os.environ.get("BSO_SMTP_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise UserError("geen wachtwoord voor --user: zet de omgevingsvariabele BSO_SMTP_PASSWORD "
                                "(er is geen toetsenbord om erom te vragen)")
            import getpass

            password = getpass.getpass(f"wachtwoord voor {settings.user} op {settings.smtp_host}: ")
    progress = (lambda line: print(line, file=sys.stderr, flush=True)) if settings.send else (lambda line: None)
    if sys.stderr.isatty():  # a person waiting (285 workbooks take a minute or two); not in scripts
        print(f"werkboeken in {settings.dir} controleren en berichten maken …", file=sys.stderr, flush=True)
    try:
        result = run(settings, today=today, password=password, progress=progress)
    except KeyboardInterrupt:
        print(f"onderbroken. Wat al verzonden is, staat in {settings.log}; start hetzelfde commando opnieuw om "
              "de rest te versturen (niemand krijgt iets twee keer).", file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"# {note}")
    print(table(result.rows))
    where = f"{settings.outbox}" + ("" if settings.send else " (concepten, niets verzonden; --send om te versturen)")
    print(f"# {counts(result.rows)}; berichten en overzicht.csv in {where}")
    if result.stopped:
        print(result.stopped, file=sys.stderr)
    return result.exit_code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bso-xl", description="Bindend sociaal objectief (BSO 2026–2042)")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="cijferbestand valideren en per gemeente tonen")
    check.add_argument("--figures", help="cijferbestand (CSV of XLSX); standaard: de voorbeeldcijfers")
    check.add_argument("--json", action="store_true",
                       help="uitvoer als JSON: {bestand, waarschuwingen, gemeenten: [...]}")
    check.set_defaults(run=_check)

    template = sub.add_parser("template", help="leeg cijferbestand (XLSX) met de juiste kolommen schrijven")
    template.add_argument("file", help="doelbestand, bv. cijfers.xlsx")
    template.set_defaults(run=_template)

    generate = sub.add_parser(
        "generate", help="één werkboek per gemeente schrijven, met de invoer van de vorige werkboeken",
        description="Schrijft één werkboek per gemeente. De invoer van de vorige werkboeken (in de doelmap en in "
                    "--previous) gaat mee naar de nieuwe; een gewijzigd bestand wordt eerst bewaard in "
                    "backup/<tijd>/. Schrijft ook rapport.xlsx en rapport.json.")
    generate.add_argument("--figures", help="cijferbestand (CSV of XLSX); standaard: de voorbeeldcijfers")
    generate.add_argument("--out", default="workbooks", help="doelmap (standaard: workbooks/)")
    generate.add_argument("--previous", help="map met teruggestuurde werkboeken (elke bestandsnaam)")
    generate.add_argument("--projects", action="append", default=[], metavar="BESTAND",
                          help="projectenlijst (CSV/XLSX, bv. de VMSW-kortetermijnplanning); mag herhaald worden")
    generate.add_argument("--only", help="enkel deze NIS-codes, gescheiden door komma's")
    generate.add_argument("--jobs", type=int, help="aantal processen (standaard: het aantal processoren)")
    generate.add_argument("--force", action="store_true",
                          help="ook gemeenten waarvan het vorige werkboek onleesbaar is (zonder overgenomen invoer)")
    generate.add_argument("--gebruik", "--use", dest="use", action="append", default=[], metavar="BESTAND",
                          help="dit teruggestuurde werkboek gebruiken als er meerdere zijn voor één gemeente")
    generate.add_argument("--wacht", "--wait", dest="wait", action="store_true",
                          help="wachten als een andere generate in dezelfde map bezig is (standaard: stoppen)")
    generate.set_defaults(run=_generate)

    overview = sub.add_parser("overview", help="overzichten schrijven: Vlaanderen.xlsx en WM_<naam>.xlsx per "
                                               "woonmaatschappij (met ruil en enveloppe)")
    overview.add_argument("--figures", help="cijferbestand (CSV of XLSX); standaard: de voorbeeldcijfers")
    overview.add_argument("--workbooks", help="map met de teruggestuurde werkboeken van de gemeenten (niet de "
                                              "submappen); zonder: geen projectie")
    overview.add_argument("--out", default="overzichten", help="doelmap (standaard: overzichten/)")
    overview.set_defaults(run=_overview)

    lite = sub.add_parser("lite", help="main.py en requirements.txt voor xlwings Lite schrijven")
    lite.add_argument("dir", help="doelmap")
    lite.set_defaults(run=_lite)

    server = sub.add_parser("server", help="een xlwings Server-project met de functies schrijven "
                                           "(centrale server; vraagt pip install 'bso-xl[server]')")
    server.add_argument("dir", help="doelmap; bestaande bestanden worden nooit overschreven")
    server.set_defaults(run=_server)

    mail = sub.add_parser(
        "mail", help="elke gemeente haar eigen werkboek mailen (standaard een proefrun: .eml-bestanden)",
        description="Zonder --send schrijft bso-xl per gemeente een .eml-bestand (te openen in Outlook of "
                    "Thunderbird) en een overzicht; met --send verstuurt het ze. Instellingen kunnen ook in een "
                    "TOML-bestand (--config) staan, onder dezelfde namen als de opties. Het wachtwoord komt uit "
                    "BSO_SMTP_PASSWORD of wordt gevraagd.")
    mail.add_argument("dir", nargs="?", help="map met de werkboeken (<NIS>_<Gemeente>.xlsx)")
    mail.add_argument("--config", help="instellingenbestand (TOML), bv. bso-mail.toml")
    mail.add_argument("--contacts", help="contactenbestand (CSV of XLSX): nis, naam, email, [rol], [cc]")
    mail.add_argument("--outbox", help="map voor de .eml-bestanden en overzicht.csv (standaard DIR/outbox)")
    mail.add_argument("--log", help="verzendlog (standaard OUTBOX/verzendlog.jsonl)")
    mail.add_argument("--send", action="store_true", help="echt versturen (zonder: enkel concepten)")
    mail.add_argument("--smtp-host", dest="smtp_host", help="mailserver, bv. smtp.office365.com")
    mail.add_argument("--smtp-port", dest="smtp_port", help="poort (standaard 587, met --ssl 465, met --plain 25)")
    security = mail.add_mutually_exclusive_group()
    security.add_argument("--starttls", dest="security", action="store_const", const="starttls",
                          help="STARTTLS (standaard)")
    security.add_argument("--ssl", dest="security", action="store_const", const="ssl", help="TLS vanaf het begin")
    security.add_argument("--plain", dest="security", action="store_const", const="plain",
                          help="geen versleuteling (enkel voor een mailserver op uw eigen netwerk, zonder --user)")
    mail.add_argument("--user", help="gebruikersnaam bij de mailserver (wachtwoord: BSO_SMTP_PASSWORD of gevraagd)")
    mail.add_argument("--cafile", help="CA-certificaten (PEM) van uw organisatie, als de mailserver die gebruikt")
    mail.add_argument("--from", dest="sender", help="afzender, bv. 'BSO-team <bso@provincie.be>'")
    mail.add_argument("--reply-to", dest="reply_to", help="antwoordadres")
    mail.add_argument("--changed-only", dest="changed_only", action=argparse.BooleanOptionalAction, default=None,
                      help="wie dit werkboek al kreeg, krijgt het niet opnieuw")
    mail.add_argument("--only", help="enkel deze NIS-codes, gescheiden door komma's")
    mail.add_argument("--templates", help="map met eigen sjablonen (mail_subject.txt.j2, mail_body.txt.j2, "
                                          "mail_body.html.j2)")
    mail.add_argument("--rate", help="hoogstens N berichten per minuut (standaard 30), bv. 30/min")
    mail.add_argument("--max-size", dest="max_size", help="grootste bijlage in MB (standaard 5)")
    mail.add_argument("--batch", help="naam van de verzending die een herstart hervat (standaard de maand, bv. 2026-12)")
    mail.set_defaults(run=_mail)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:  # Ctrl-C outside a run's own handling: stop without a traceback
        print("onderbroken", file=sys.stderr)
        return 130
    except UserError as error:
        print(str(error), file=sys.stderr)
        return 2
    except BrokenPipeError:  # `bso-xl check | head`: the reader left, nothing is wrong
        sys.stderr.close()
        return 0
    except OSError as error:  # unreadable or unwritable files and folders
        print(f"bestandsfout: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
