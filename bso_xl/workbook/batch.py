"""``bso-xl generate``: one workbook per municipality of a figures file."""

from __future__ import annotations

import re
from pathlib import Path

from ..demo import demo_projects
from ..errors import UserError
from ..figures import read_figures
from . import write_workbook

UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def workbook_name(nis: str, name: str) -> str:
    """`<NIS>_<Gemeente>.xlsx`, without characters Windows forbids in file names."""
    return f"{nis}_{UNSAFE.sub('_', name)}.xlsx"


def generate(figures_path: str | None, out: Path, only: list[str] | None = None) -> list[Path]:
    figures = read_figures(figures_path)
    rows = figures.rows
    if only:
        unknown = [nis for nis in only if nis not in rows]
        if unknown:
            raise UserError(f"--only: NIS-code(s) niet in het cijferbestand {figures.source}: {', '.join(unknown)}")
        rows = {nis: rows[nis] for nis in only}
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fig in rows.values():
        path = out / workbook_name(fig.nis, fig.name)
        projects = demo_projects(fig.nis) if figures.is_demo else []
        write_workbook(path, fig, figures, projects)
        written.append(path)
    return written
