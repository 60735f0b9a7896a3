"""One municipality's new workbook, built in a worker process: carried inputs in, bytes out.

Runs in a pool of processes (:mod:`bso_xl.regenerate`): everything it gets and returns is plain
data, and it never writes a file (the parent writes, in order, so output is deterministic).
"""

from __future__ import annotations

import io
import signal
from dataclasses import dataclass, field, replace

from ..demo import ILLUSTRATIVE_SOURCE, demo_projects
from ..figures import read_figures
from ..model import FiguresFile
from ..readback import ReadbackError, read_key_figures, read_workbook
from ..report import KeyFigures, key_figures
from ..workbook import write_workbook
from ..basedata import average_permits_per_year
from ..workbook.inputs import WorkbookInputs
from .previous import Previous
from .projects_merge import merge

# bso-xl 0.1.0 wrote its illustrative demo rows with this note (they had no Bron column).
V010_DEMO_NOTE = "voorbeeldproject uit de VMSW-planning van"

_FIGURES: FiguresFile | None = None


def init_worker(figures_source: str | None) -> None:
    """Pool initializer: read the figures once per process; Ctrl-C is the parent's to handle."""
    global _FIGURES
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _FIGURES = read_figures(figures_source)


def use_figures(figures: FiguresFile) -> None:
    """In-process runs (one job) use the parent's figures."""
    global _FIGURES
    _FIGURES = figures


@dataclass(frozen=True)
class Task:
    nis: str
    previous: Previous | None
    imported: tuple[dict, ...] | None  # rows of --projects files for this municipality, if any
    force: bool = False


@dataclass
class Built:
    nis: str
    data: bytes | None
    new: KeyFigures | None = None
    old: KeyFigures | None = None
    carried: int = 0
    messages: list[str] = field(default_factory=list)
    error: str | None = None  # the previous workbook could not be read (and no --force)


def build(task: Task) -> Built:
    figures = _FIGURES
    fig = figures.rows[task.nis]
    messages: list[str] = []
    inputs, old = WorkbookInputs(), None
    if task.previous is not None:
        try:
            returned = read_workbook(task.previous.path)
        except ReadbackError as error:
            if not task.force:
                return Built(task.nis, None, error=str(error))
            messages.append(f"{error} — met --force opnieuw gemaakt zonder overgenomen invoer")
        else:
            inputs = returned.inputs
            messages += returned.messages
            old = _old_figures(task.previous)
            if returned.identity.layout == 1:
                inputs = _without_v010_prefills(inputs, fig, figures)
    carried = inputs.count()
    inputs = _with_imports(inputs, task, figures, messages)
    buffer = io.BytesIO()
    model = write_workbook(buffer, fig, figures, inputs=inputs)
    return Built(task.nis, buffer.getvalue(), key_figures(model), old, carried, messages)


def _old_figures(previous: Previous) -> KeyFigures | None:
    try:
        return read_key_figures(previous.path)
    except (ReadbackError, KeyError, ValueError):
        return None


def _without_v010_prefills(inputs: WorkbookInputs, fig, figures: FiguresFile) -> WorkbookInputs:
    """bso-xl 0.1.0 prefilled its permits cell with the source value: not something the officer
    typed. It is carried only when it differs from what the source gives now."""
    if inputs.permits is None:
        return inputs
    source = fig.average_permits if fig.average_permits is not None else average_permits_per_year(fig.nis)
    try:
        same = source is not None and abs(float(inputs.permits) - float(source)) < 0.05
    except (TypeError, ValueError):
        same = False
    return replace(inputs, permits=None) if same else inputs


def _with_imports(inputs: WorkbookInputs, task: Task, figures: FiguresFile, messages: list[str]) -> WorkbookInputs:
    """Imported lists replace their sources' rows; the demo's projects are such a list. Illustrative
    demo rows never stay in a workbook with official figures."""
    rows = list(inputs.projects)
    if not figures.is_demo:
        demo = [r for r in rows if _is_demo_row(r)]
        if demo:
            rows = [r for r in rows if not _is_demo_row(r)]
            messages.append(f"{len(demo)} illustratieve voorbeeldproject(en) verwijderd: de cijfers zijn officieel")
    imports = []
    if figures.is_demo:
        rows = [r for r in rows if not str(r.get("opmerking") or "").startswith(V010_DEMO_NOTE)]
        imports += demo_projects(task.nis)
    if task.imported is not None:
        imports += list(task.imported)
    if imports:
        result = merge(rows, imports)
        rows = result.rows
        if task.imported:
            sources = sorted({str(r.get("bron") or "") for r in task.imported})
            messages.append(f"{len(task.imported)} project(en) ingelezen uit {', '.join(sources)}"
                            + (f" (vervangen: {result.replaced} rij(en) van dezelfde bron)" if result.replaced else ""))
    return replace(inputs, projects=tuple(rows))


def _is_demo_row(row: dict) -> bool:
    return row.get("bron") == ILLUSTRATIVE_SOURCE or str(row.get("opmerking") or "").startswith(V010_DEMO_NOTE)
