"""Build the bso-xl 0.1.0 workbooks that tests/fixtures/v0.1.0/ holds, from the 0.1.0 release itself.

0.1.0 workbooks are in municipalities' hands; a later bso-xl must read them back (their inputs
have no defined names and they carry no document properties). This script checks out the 0.1.0
commit into a temporary git worktree, writes three workbooks with *that* code, fills two of them as
an officer would (projects typed and pasted beyond the prepared rows, text that looks like a
formula, overrides, assessments, an index rate, permits), and re-saves one through LibreOffice (as
a returned file would be saved by an office suite, with cached values). Usage, from the repository:

    python scripts/build_v010_fixtures.py

Needs git, LibreOffice (soffice) and the packages of bso-xl. The output is committed; rebuilding
gives equivalent files (LibreOffice's re-save is not byte-stable).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "v0.1.0"
RELEASE = "ce918ae"  # bso-xl 0.1.0 as it landed (stop 5)

WRITE = """
import sys
sys.path.insert(0, sys.argv[1])
for finder in list(sys.meta_path):  # an editable install of the current bso-xl would win otherwise
    if "editable" in repr(finder).lower():
        sys.meta_path.remove(finder)
import bso_xl
assert bso_xl.__version__ == "0.1.0", bso_xl.__version__
from bso_xl.demo import demo_projects
from bso_xl.figures import read_figures
from bso_xl.workbook import write_workbook
figures = read_figures(None)
for nis, target in zip(sys.argv[2::2], sys.argv[3::2]):
    write_workbook(target, figures.rows[nis], figures, demo_projects(nis))
"""

# The projects an officer of Gent typed: 60 rows, more than the 52 rows of the 0.1.0 table.
GENT_PROJECTS = [
    ("=HYPERLINK(\"http://example.com\",\"klik\")", "Sint-Amandsberg", 40, 0, dt.datetime(2025, 3, 1),
     dt.datetime(2027, 6, 30), None, None, "tekst die op een formule lijkt"),
    ("Wijk Nieuwland (vervangingsbouw)", "Gentbrugge", 24, 30, dt.datetime(2024, 1, 15), dt.datetime(2026, 9, 1),
     dt.datetime(2028, 2, 1), None, "meer gesloopt dan gebouwd"),
    ("Oplevering Dampoort", "Dampoort", 12, 0, dt.datetime(2022, 5, 1), dt.datetime(2023, 1, 10),
     dt.datetime(2024, 2, 1), dt.datetime(2026, 11, 30), "gerealiseerd"),
    ("Datum als tekst", "Ledeberg", 8, 0, "15/03/2026", None, None, None, "plakte tekst"),
    ("Jaartal als datum", "Oostakker", 10, 0, 2030, None, None, None, "getypt: 2030"),
    ("Zonder datum", "Wondelgem", 6, 0, None, None, None, None, ""),
] + [(f"Inbreiding {i}", "Gent", 4 + i % 5, 0, dt.datetime(2026, 1 + i % 12, 1), None, None, None, "")
     for i in range(54)]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "v010"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), RELEASE], check=True,
                       capture_output=True)
        try:
            # installed, not imported from the tree: the package maps templates/ to bso_xl.templates
            site = Path(tmp) / "site"
            subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                            str(tree)], check=True)
            raw = Path(tmp) / "raw"
            raw.mkdir()
            files = {nis: raw / f"{nis}.xlsx" for nis in ("44021", "11002", "11001")}
            subprocess.run([sys.executable, "-c", WRITE, str(site)]
                           + [a for nis, path in files.items() for a in (nis, str(path))], check=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)
        OUT.mkdir(parents=True, exist_ok=True)
        gent = _fill_gent(files["44021"], Path(tmp) / "44021_Gent_ingevuld.xlsx")
        _resave_with_libreoffice(gent, OUT / "44021_Gent_ingevuld_libreoffice.xlsx")
        _fill_antwerpen(files["11002"], OUT / "Antwerpen teruggestuurd.xlsx")
        shutil.copy(files["11001"], OUT / "11001_Aartselaar.xlsx")
    print(f"geschreven in {OUT}")


def _fill_gent(source: Path, target: Path) -> Path:
    """Fill Gent's 0.1.0 workbook as an officer would (with openpyxl standing in for Excel)."""
    book = openpyxl.load_workbook(source)
    ws = book["Projecten"]
    first = ws.tables["Projecten"].ref.split(":")[0]
    row = ws[first].row + 1
    for offset, project in enumerate(GENT_PROJECTS):
        for col, value in enumerate(project, start=1):
            cell = ws.cell(row=row + offset, column=col, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # typed text stays text, also "=HYPERLINK(…)"
    sanctie = book["Sanctie"]
    sanctie["B5"] = "ja"               # own choice: raised huurpremie
    sanctie["B7"] = 0.02               # assumed index rate
    sanctie["C12"] = 500               # shortfall override for 2031
    sanctie["G13"] = 4000.5            # amount override for 2034
    sanctie["L11"] = "2b"              # assessment 2028
    sanctie["L12"] = "2a"              # assessment 2031
    berekening = book["Berekening"]
    [permits] = [r for r in range(1, 60) if berekening.cell(r, 1).value ==
                 "Gemiddeld aantal vergunde woningen per jaar (invoer)"]
    berekening.cell(permits, 2, 1234.5)  # the officer's own permit average (R9)
    book.save(target)
    return target


def _fill_antwerpen(source: Path, target: Path) -> None:
    """Antwerpen: a few projects, a hostile override, saved by a tool that stores no cached values."""
    book = openpyxl.load_workbook(source)
    ws = book["Projecten"]
    first = ws.tables["Projecten"].ref.split(":")[0]
    row = ws[first].row + 1 + 2  # below the two demo projects
    ws.cell(row=row, column=1, value="Kiel fase 2").data_type = "s"
    ws.cell(row=row, column=3, value=120)
    ws.cell(row=row, column=4, value=0)
    ws.cell(row=row, column=5, value=dt.datetime(2026, 2, 1))
    ws.cell(row=row, column=6, value=dt.datetime(2027, 11, 15))
    book["Sanctie"]["C11"] = -3        # a negative shortfall override: invalid, still the officer's
    book["Sanctie"]["L14"] = "2B "     # assessment with capitals and a space
    book.save(target)


def _resave_with_libreoffice(source: Path, target: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from recalc import convert  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as out:
        [saved] = convert([source], Path(out))
        shutil.copy(saved, target)


if __name__ == "__main__":
    main()
