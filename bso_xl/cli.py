"""Command line: ``bso-xl check | template | generate | lite``.

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


def _lite(args) -> int:
    from .lite import write_lite

    for path in write_lite(Path(args.dir)):
        print(f"geschreven: {path}")
    return 0


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

    lite = sub.add_parser("lite", help="main.py en requirements.txt voor xlwings Lite schrijven")
    lite.add_argument("dir", help="doelmap")
    lite.set_defaults(run=_lite)
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
