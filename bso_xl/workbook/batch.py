"""``bso-xl generate``: one workbook per municipality of a figures file."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

from ..demo import demo_projects
from ..errors import UserError
from ..figures import read_figures
from . import write_workbook

UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def workbook_name(nis: str, name: str) -> str:
    """`<NIS>_<Gemeente>.xlsx`, without characters Windows forbids in file names."""
    return f"{nis}_{UNSAFE.sub('_', name)}.xlsx"


BACKUP_DIR = "backup"


def _replace_keeping_backup(path: Path, data: bytes, backup_dir: Path) -> bool:
    """Write ``data`` to ``path``; an existing different file (maybe with the officer's own
    projects typed in) is moved to ``backup_dir`` first, never overwritten. True when backed up."""
    if path.exists():
        if path.read_bytes() == data:
            return False  # same inputs give the same bytes: nothing to keep
        backup_dir.mkdir(parents=True, exist_ok=True)
        target, n = backup_dir / path.name, 1
        while target.exists():  # two runs in one second share a folder: never overwrite a backup
            target, n = backup_dir / f"{path.stem}-{n}{path.suffix}", n + 1
        shutil.move(path, target)
        path.write_bytes(data)
        return True
    path.write_bytes(data)
    return False


def generate(figures_path: str | None, out: Path, only: list[str] | None = None) -> list[Path]:
    figures = read_figures(figures_path)
    rows = figures.rows
    if only:
        unknown = [nis for nis in only if nis not in rows]
        if unknown:
            raise UserError(f"--only: NIS-code(s) niet in het cijferbestand {figures.source}: {', '.join(unknown)}")
        rows = {nis: rows[nis] for nis in only}
    out.mkdir(parents=True, exist_ok=True)
    backup_dir = out / BACKUP_DIR / dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    written = []
    for fig in rows.values():
        path = out / workbook_name(fig.nis, fig.name)
        projects = demo_projects(fig.nis) if figures.is_demo else []
        buffer = io.BytesIO()
        write_workbook(buffer, fig, figures, projects)
        if _replace_keeping_backup(path, buffer.getvalue(), backup_dir):
            print(f"bestaand werkboek bewaard als {backup_dir / path.name}")
        written.append(path)
    return written
