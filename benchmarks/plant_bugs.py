"""Plant known bugs one at a time and show which tests catch each (issue 13).

Each plant is a one-line change to the source (a swapped argument, a changed constant, a dropped
bound, a wrong branch) in the places a regression would hurt most: the Excel functions, the rules,
the workbook's formulas and their Python mirror. For every plant the script edits the file, runs
the tests, records the failing ones and restores the file (also when interrupted), so nothing
planted can be committed. A plant that no test catches is a hole in the suite.

    python benchmarks/plant_bugs.py                 # every plant (about a minute each)
    python benchmarks/plant_bugs.py index-year      # some plants, by id
    python benchmarks/plant_bugs.py --list

The tests run are the fast suite (as for mutation testing; it stops after six failures) plus the
LibreOffice recalculation of tests/test_workbook_branches.py; the other LibreOffice tests and the
slow full-285 runs are left out.
"""

from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Plant:
    id: str
    path: str
    old: str
    new: str
    what: str


PLANTS = [
    # the five of issue 13
    Plant("required-t2-t3", "bso_xl/udfs.py", "combined_requirement(a, b, c, s, t)[Level.parse(lvl)]",
          "combined_requirement(a, c, b, s, t)[Level.parse(lvl)]", "BSO_REQUIRED passes T3 as T2 and T2 as T3"),
    Plant("index-year", "bso_xl/workbook/sheet_sanctie.py", '(1+Indexatie_gebruikt)^({year}-{c["base_year"]})',
          "(1+Indexatie_gebruikt)^({year})", "Sanctie index factor ^(year) instead of ^(year − known year)"),
    Plant("expected-2a", "bso_xl/workbook/sheet_sanctie.py", 'IF({cat}="2b",{c["total"]},0))\', test.expected',
          'IF({cat}="2a",{c["total"]},0))\', test.expected', "Sanctie 'verwachte kost' for 2a instead of 2b"),
    Plant("bound-workbook", "bso_xl/workbook/sheet_voortgang.py",
          "MIN({whole_bso}-{realised},MAX({','.join(gaps)}))", "MAX({','.join(gaps)})",
          "Voortgang shortfall formula without the whole-BSO bound"),
    Plant("bound-engine", "bso_xl/rules/progress.py",
          "return min(max(0, *gaps), t1 + t2 + t3 + sib - counts[Level.GEREALISEERD])", "return max(0, *gaps)",
          "engine shortfall without the whole-BSO bound"),
    Plant("percentage-2040", "bso_xl/parameters/sanctie.yaml", '2037: "1.00", 2040: "0.50"',
          '2037: "0.50", 2040: "1.00"', "2040 percentage swapped with 2037's"),
    # guards.py
    Plant("guard-category-branch", "bso_xl/workbook/guards.py", 'IF({key}="2a","2a",', 'IF({key}="2a","2b",',
          "category formula: 2a typed gives 2b (wrong branch)"),
    Plant("guard-fraction-bound", "bso_xl/workbook/guards.py",
          "{override}<={MAX_SHORTFALL},{override}=INT({override})),", "{override}<={MAX_SHORTFALL}),",
          "shortfall override formula accepts fractions (dropped check)"),
    Plant("guard-assessment-branch", "bso_xl/workbook/guards.py", 'if key in ("", NOT_ASSESSED):',
          'if key in ("",):', "'nog niet gekend' typed counts as an unknown assessment (wrong branch)"),
    Plant("guard-amount-constant", "bso_xl/workbook/guards.py", "IF({override}>=0,{override},{bad})",
          "IF({override}>=1,{override},{bad})", "amount override formula refuses amounts below 1 (changed constant)"),
    # project_status.py
    Plant("status-telt-swap", "bso_xl/workbook/project_status.py",
          "INDEX(Projecttype_woningen,{typ})*{w}\"\n               f\"-INDEX(Projecttype_gesloopt,{typ})*N({g}))",
          "INDEX(Projecttype_woningen,{typ})*N({g})\"\n               f\"-INDEX(Projecttype_gesloopt,{typ})*{w})",
          "Telt formula: Woningen and Gesloopt swapped"),
    Plant("voortgang-date-min", "bso_xl/workbook/sheet_voortgang.py", "*({ref}>=Datum_min)", "",
          "Voortgang: a bare year in a date cell counts as a date (dropped bound)"),
    Plant("status-whole-zero", "bso_xl/workbook/project_status.py", "AND({ref}>=0,{ref}<={maximum}",
          "AND({ref}>=1,{ref}<={maximum}", "Telt/Status: 0 dwellings refused (changed constant)"),
    Plant("status-order-branch", "bso_xl/workbook/project_status.py",
          "(_out_of_order(), _q(MSG_ORDER)),", "(_out_of_order(), _q(MSG_MORE_DEMOLISHED)),",
          "Status: dates out of order reported as 'meer gesloopt' (wrong branch)"),
    # model.py (the cached engine values)
    Plant("model-risk-expected-swap", "bso_xl/workbook/model.py",
          'expected = total if category == "2b" else Decimal(0)\n        risk = total if category == "2" else Decimal(0)',
          'expected = total if category == "2" else Decimal(0)\n        risk = total if category == "2b" else Decimal(0)',
          "model: expected cost and risk swapped"),
    Plant("model-budget-2a", "bso_xl/workbook/model.py", 'in_budget = 0 if category in ("1", "2a")',
          'in_budget = 0 if category in ("1",)', "model: a 2a test still in the budget (dropped case)"),
    Plant("model-deciding-branch", "bso_xl/workbook/model.py", "if missing < largest:", "if missing <= largest:",
          "model: the whole-BSO bound named as deciding when a level decides (wrong branch)"),
    Plant("model-default-category", "bso_xl/workbook/model.py", 'category = assessment or "2"',
          'category = assessment or "2b"', "model: not yet assessed counts as 2b (changed constant)"),
    # project_rows.py (the Python mirror of Telt/Status)
    Plant("rows-max-dwellings", "bso_xl/rules/project_rows.py", "number < 0 or number > MAX_DWELLINGS or",
          "number < 0 or", "rows: no upper bound on Woningen (dropped bound)"),
    Plant("rows-vep-flag", "bso_xl/rules/project_rows.py",
          "demolished_more=gesloopt > woningen and not kind.demolished_required",
          "demolished_more=gesloopt > woningen", "rows: a net-negative VEP flagged (wrong branch)"),
    # groeipad / voortgang formulas
    Plant("groeipad-catchup-level", "bso_xl/workbook/sheet_groeipad.py", "IF({level + 1}<=Inhaal_niveau_{y}",
          "IF({level + 1}<Inhaal_niveau_{y}", "Groeipad: the catch-up need stops one level early (changed boundary)"),
    Plant("voortgang-measurement-day", "bso_xl/workbook/sheet_voortgang.py", "({ref}<={on})", "({ref}<{on})",
          "Voortgang: a date on the measurement day does not count (changed boundary)"),
    # regeneration (issue 8): what officers typed must survive, exactly and in its own workbook
    Plant("carry-text-as-formula", "bso_xl/workbook/cells.py", "            self.text(row, col, str(value), style)",
          "            (self.ws.write_formula(row, col, str(value), self.styles[style]) if str(value).startswith('=')\n"
          "             else self.text(row, col, str(value), style))",
          # (write() alone would not do: the workbook is opened with strings_to_formulas off, a
          # second defence, so that plant changes nothing)
          "carry-over: typed text that starts with '=' written as a formula ('=HYPERLINK(...)' becomes a link)"),
    Plant("merge-drops-officer-rows", "bso_xl/regenerate/projects_merge.py",
          "kept = [row for row in carried if _key(row)[0] not in sources]",
          "kept = [row for row in carried if _key(row)[0] in sources]",
          "--projects: the officers' own rows dropped, the list's old rows kept (wrong branch)"),
    Plant("merge-note-overwritten", "bso_xl/regenerate/projects_merge.py", 'OFFICER_WINS = ("opmerking",)',
          "OFFICER_WINS = ()", "--projects: the list's note overwrites the officer's (dropped case)"),
    Plant("archive-overwrites", "bso_xl/regenerate/files.py", "        while target.exists():",
          "        while False:", "archive: a second backup of the same file replaces the first (dropped check)"),
    Plant("nis-from-file-name", "bso_xl/regenerate/previous.py", "        return nis_inside(path)\n",
          "        match = NIS_IN_NAME.match(path.name)\n        return match.group(1) if match else nis_inside(path)\n",
          "returned workbooks matched by their file name before the NIS inside (wrong order)"),
    Plant("ods-passed-over", "bso_xl/readback.py", "[p for p in files if p.suffix.lower() in OTHER_SPREADSHEETS])",
          "[])",
          "a workbook returned as .ods or .xls passed over without a word (dropped case)"),
]

COMMON = [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", "--no-header"]
# the fast suite (as for mutation testing), stopping after a few failures: one is enough to catch
FAST = COMMON + ["--maxfail=6", "-m", "not libreoffice and not slow", "--ignore=tests/test_lite.py",
                 "--ignore=tests/test_udfs_dispatch.py", "--ignore=tests/test_udfs_vs_workbook.py",
                 # timing-dependent under load: a failure there would be no proof of a catch
                 "--deselect=tests/test_regenerate.py::test_ctrl_c_stops_cleanly"]
# and the four LibreOffice workbooks that exercise every input branch
BRANCHES = COMMON + ["tests/test_workbook_branches.py"]


def run_plant(plant: Plant) -> tuple[list[str], float]:
    path = ROOT / plant.path
    original = path.read_text(encoding="utf-8")
    if original.count(plant.old) != 1:
        raise SystemExit(f"{plant.id}: the text to change is not found exactly once in {plant.path}")
    start = time.monotonic()
    try:
        path.write_text(original.replace(plant.old, plant.new), encoding="utf-8")
        output = "".join(subprocess.run(command, cwd=ROOT, capture_output=True, text=True).stdout
                         for command in (FAST, BRANCHES))
    finally:
        path.write_text(original, encoding="utf-8")
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", output, re.MULTILINE)
    return failed, time.monotonic() - start


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    # Ctrl-C, `kill PID` and a background run (where SIGINT starts ignored) all restore the file
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plants", nargs="*", help="plant ids (default: all)")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args(argv)
    chosen = [p for p in PLANTS if not args.plants or p.id in args.plants]
    if args.list:
        for p in chosen:
            print(f"{p.id:28} {p.path:40} {p.what}")
        return 0
    missed = []
    for plant in chosen:
        failed, seconds = run_plant(plant)
        print(f"\n{plant.id} ({plant.what}; {seconds:.0f} s): "
              + (f"caught by {len(failed)} test(s)" if failed else "NOT CAUGHT"))
        for test in failed:
            print(f"  {test}")
        if not failed:
            missed.append(plant.id)
        sys.stdout.flush()
    print(f"\n{len(chosen) - len(missed)} of {len(chosen)} plants caught" + (f"; missed: {', '.join(missed)}"
                                                                          if missed else ""))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
