"""Mutation testing of the rules and the Excel functions (issue 13): kill rate and survivors.

Runs mutmut (configuration: ``[tool.mutmut]`` in pyproject.toml) over ``bso_xl/rules/`` and
``bso_xl/udfs.py`` against the fast tests, then reads mutmut's results and prints, per module,
how many mutants the tests killed, and every survivor (``mutmut show NAME`` shows its diff).

    python benchmarks/mutation.py                       # everything (long: see README, For IT)
    python benchmarks/mutation.py rules.sanction udfs   # some modules (bso_xl. prefix optional)
    python benchmarks/mutation.py --report              # only read the last results
    python benchmarks/mutation.py --json out.json       # also write the figures as JSON

mutmut keeps its results in ``mutants/`` and reuses them: a second run only tests mutants of
functions that changed. ``--fresh`` removes ``mutants/`` first (after a change to the tests, the
old verdicts of killed mutants are kept otherwise). Not part of CI: it takes tens of minutes on
two cores.

Kill rate = (killed + timeout) / (mutants tested); "no tests" (no fast test calls the function)
counts as a survivor, since no test would notice the change.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTATED = ["bso_xl/rules", "bso_xl/udfs.py"]
# mutmut's exit codes (mutmut/stats.py): what each means for a mutant
KILLED = {1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout",
          255: "timeout", 37: "killed"}
SURVIVED = {0: "survived", 5: "no tests", 33: "no tests"}
NOT_COUNTED = {None: "not checked", 34: "skipped", 2: "interrupted"}


def module_files() -> list[Path]:
    files = []
    for entry in MUTATED:
        path = ROOT / entry
        files += sorted(path.glob("*.py")) if path.is_dir() else [path]
    return [f.relative_to(ROOT) for f in files if f.name != "__init__.py"]


def module_name(path: Path) -> str:
    return ".".join(path.with_suffix("").parts)


def pattern(module: str) -> str:
    """A module as given on the command line (rules.sanction, bso_xl.udfs) → mutmut's name glob."""
    name = module if module.startswith("bso_xl.") else f"bso_xl.{module}"
    known = {module_name(p) for p in module_files()}
    if name not in known:
        raise SystemExit(f"onbekende module {module!r}; kies uit: {', '.join(sorted(known))}")
    return f"{name}.*"


def mutmut() -> str:
    found = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or shutil.which("mutmut")
    if found is None:
        raise SystemExit("mutmut is niet geïnstalleerd: pip install -e '.[test]'")
    return found


def read_results() -> dict[str, dict[str, str]]:
    """mutmut's verdict per mutant, per module, from mutants/<file>.meta."""
    results: dict[str, dict[str, str]] = {}
    for path in module_files():
        meta = ROOT / "mutants" / (str(path) + ".meta")
        if not meta.exists():
            continue
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        results[module_name(path)] = {
            name: KILLED.get(code) or SURVIVED.get(code) or NOT_COUNTED.get(code) or f"suspicious ({code})"
            for name, code in codes.items()
        }
    return results


def summary(results: dict[str, dict[str, str]], modules: list[str] | None = None) -> dict:
    per_module = {}
    survivors = defaultdict(list)
    for module, verdicts in sorted(results.items()):
        if modules and f"{module}.*" not in modules:
            continue
        counts = Counter(verdicts.values())
        killed = counts["killed"] + counts["timeout"]
        tested = sum(n for status, n in counts.items() if status not in NOT_COUNTED.values())
        per_module[module] = {"mutants": len(verdicts), "tested": tested, "killed": killed,
                              "kill_rate": round(100 * killed / tested, 1) if tested else None,
                              **{status: n for status, n in sorted(counts.items())}}
        survivors[module] = sorted(n for n, s in verdicts.items()
                                   if s in SURVIVED.values() or s.startswith("suspicious"))
    tested = sum(m["tested"] for m in per_module.values())
    killed = sum(m["killed"] for m in per_module.values())
    return {"modules": per_module, "tested": tested, "killed": killed,
            "kill_rate": round(100 * killed / tested, 1) if tested else None,
            "survivors": dict(survivors)}


def print_summary(figures: dict) -> None:
    print(f"{'module':36} {'mutants':>8} {'tested':>7} {'killed':>7} {'kill rate':>9}")
    for module, m in figures["modules"].items():
        rate = "—" if m["kill_rate"] is None else f"{m['kill_rate']:.1f}%"
        print(f"{module:36} {m['mutants']:>8} {m['tested']:>7} {m['killed']:>7} {rate:>9}")
    rate = "—" if figures["kill_rate"] is None else f"{figures['kill_rate']:.1f}%"
    print(f"{'total':36} {'':>8} {figures['tested']:>7} {figures['killed']:>7} {rate:>9}")
    for module, names in figures["survivors"].items():
        if names:
            print(f"\nsurvivors in {module} ({len(names)}; `mutmut show NAME` for the diff):")
            for name in names:
                print(f"  {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="rules.sanction, udfs, … (default: all)")
    parser.add_argument("--report", action="store_true", help="only read the last results")
    parser.add_argument("--fresh", action="store_true", help="remove mutants/ first (new test verdicts)")
    parser.add_argument("--max-children", type=int, default=2, help="parallel mutants (default 2)")
    parser.add_argument("--json", type=Path, help="write the figures to this file too")
    args = parser.parse_args(argv)
    patterns = [pattern(m) for m in args.modules]
    elapsed = None
    if not args.report:
        if args.fresh:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        start = time.monotonic()
        done = subprocess.run([mutmut(), "run", "--max-children", str(args.max_children), *patterns], cwd=ROOT)
        elapsed = round(time.monotonic() - start)
        if done.returncode not in (0, 1):  # mutmut exits 1 when survivors remain in some versions
            print(f"mutmut run stopped with exit code {done.returncode}", file=sys.stderr)
            return done.returncode
    figures = summary(read_results(), patterns or None)
    figures["seconds"] = elapsed
    print()
    print_summary(figures)
    if elapsed is not None:
        print(f"\nmutmut run took {elapsed} s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
