"""Render the Overzicht sheet of a demo workbook to docs/overzicht.png (for the README).

Needs LibreOffice (soffice) and poppler-utils (pdftoppm). Usage:
    python scripts/render_overzicht.py [NIS]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from recalc import convert  # noqa: E402

from bso_xl.demo import demo_projects  # noqa: E402
from bso_xl.figures import read_figures  # noqa: E402
from bso_xl.workbook import write_workbook  # noqa: E402


def render(nis: str, target: Path) -> Path:
    figures = read_figures(None)
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / f"{nis}.xlsx"
        write_workbook(xlsx, figures.rows[nis], figures, demo_projects(nis))
        [pdf] = convert([xlsx], Path(tmp), to="pdf")
        # the Overzicht is the first sheet and prints on one page
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(target.with_suffix(""))], check=True)
    return target


if __name__ == "__main__":
    print(render(sys.argv[1] if len(sys.argv) > 1 else "44021", ROOT / "docs" / "overzicht.png"))
