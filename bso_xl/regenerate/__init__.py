"""``bso-xl generate``: one workbook per municipality, carrying every input of the previous one.

The loop: new figures arrive → every municipality's workbook is written again with the inputs
officers typed into the previous one (from the output folder, or sent back: ``--previous``) and
with imported project lists (``--projects``) → a change report says what changed.

One run per folder (a lock); workbooks are built by a pool of processes and written by this
process in NIS order, each whole or not at all, the previous file archived first; a workbook
whose content did not change keeps its bytes and is reported unchanged. Ctrl-C stops cleanly.
Module map: :mod:`.previous` (which earlier workbook per municipality), :mod:`.build` (one
workbook, in a worker), :mod:`.projects_merge` (imported lists), :mod:`.files` (atomic writes,
archive, lock), :mod:`.changes` and :mod:`.report_workbook` (the change report).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from ..figures import read_figures
from ..projects import read_projects
from ..report import REPORT_JSON, REPORT_XLSX, ChangeReport, MunicipalityChange
from ..workbook.batch import workbook_name
from . import build as builder
from .changes import describe
from .files import Archive, FolderLock, remove_stale_temporaries, write_atomically
from .previous import FROM_RETURNED, catalogue
from .report_workbook import console_lines, report_bytes


@dataclass
class Options:
    figures: str | None = None
    out: Path = Path("workbooks")
    previous: Path | None = None
    projects: list[Path] = field(default_factory=list)
    only: list[str] | None = None
    jobs: int | None = None
    force: bool = False
    use: list[Path] = field(default_factory=list)
    wait: bool = False
    progress: bool | None = None  # None: a progress bar when the terminal is interactive


@dataclass
class RunResult:
    report: ChangeReport
    written: list[Path]
    interrupted: bool = False


def generate(options: Options, say=print) -> RunResult:
    figures = read_figures(options.figures)
    for warning in figures.warnings:
        say(f"waarschuwing: {warning}")
    rows = _selected(figures, options.only)
    imports = _imports(options.projects, rows, say)
    if options.previous is not None and not options.previous.is_dir():
        raise UserError(f"--previous {options.previous}: geen map")
    out = options.out
    out.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now()
    with FolderLock(out, options.wait):
        for stale in remove_stale_temporaries(out):
            say(f"onvolledig bestand van een onderbroken run verwijderd: {stale.name}")
        found = catalogue(out, options.previous, options.use, set(rows))
        for note in found.notes:
            say(note)
        report = ChangeReport(started.isoformat(timespec="seconds"),
                              "voorbeeldcijfers" if figures.is_demo else Path(figures.source).name, figures.is_demo)
        tasks, skipped = [], {}
        for nis in rows:
            if nis in found.duplicates:
                names = ", ".join(str(p) for p in found.duplicates[nis])
                skipped[nis] = (f"meerdere teruggestuurde werkboeken: {names}; kies er één met --gebruik BESTAND "
                                "(niets overgeslagen of geraden)")
                continue
            if found.unreadable.get(nis) and not options.force:
                skipped[nis] = "; ".join(f"{path}: {why}" for path, why in found.unreadable[nis]) + \
                    " — overgeslagen (met --force: opnieuw zonder overgenomen invoer)"
                continue
            tasks.append(builder.Task(nis, found.carry.get(nis), imports.get(nis), options.force))
        for path, why in found.unreadable.get("", []):
            say(f"niet te lezen en aan geen gemeente toe te wijzen: {path}: {why}")
        archive = Archive(out, started)
        written, interrupted = [], False
        try:
            for built in _run(tasks, figures, options, say):
                change = _write(built, figures.rows[built.nis], found, out, archive, written)
                report.gemeenten.append(change)
        except KeyboardInterrupt:
            interrupted = True
            say("onderbroken: de werkboeken hierboven zijn geschreven, de rest is ongewijzigd")
        for nis, why in skipped.items():
            fig = figures.rows[nis]
            report.gemeenten.append(MunicipalityChange(nis, fig.name, workbook_name(nis, fig.name), "overgeslagen",
                                                       waarschuwingen=[why]))
        report.gemeenten.sort(key=lambda change: change.nis)
        write_atomically(out / REPORT_JSON, report.to_json().encode("utf-8"))
        write_atomically(out / REPORT_XLSX, report_bytes(report))
    for line in console_lines(report):
        say(line)
    if archive.folder is not None:
        say(f"vorige versies bewaard in {archive.folder}")
    return RunResult(report, written, interrupted)


def _selected(figures, only: list[str] | None) -> list[str]:
    if not only:
        return list(figures.rows)
    unknown = [nis for nis in only if nis not in figures.rows]
    if unknown:
        raise UserError(f"--only: NIS-code(s) niet in het cijferbestand {Path(figures.source).name}: {', '.join(unknown)}")
    return list(dict.fromkeys(only))


def _imports(paths: list[Path], wanted: list[str], say) -> dict[str, tuple[dict, ...]]:
    """Rows of every --projects file per municipality (files in the order given)."""
    rows: dict[str, list[dict]] = {}
    for path in paths:
        projects = read_projects(path)
        for warning in projects.warnings:
            say(f"waarschuwing: {warning}")
        for nis, items in projects.rows.items():
            rows.setdefault(nis, []).extend(items)
    return {nis: tuple(items) for nis, items in rows.items() if nis in wanted}


def _jobs(options: Options, count: int) -> int:
    jobs = options.jobs or os.cpu_count() or 1
    if jobs < 1:
        raise UserError(f"--jobs {jobs}: verwacht een aantal processen ≥ 1")
    return max(1, min(jobs, count))


def _run(tasks: list[builder.Task], figures, options: Options, say):
    """Built workbooks in task order: in this process (one job) or a pool, with progress."""
    jobs = _jobs(options, len(tasks))
    progress = _progress(len(tasks), options, say)
    try:
        if jobs == 1:
            builder.use_figures(figures)
            for task in tasks:
                yield progress(builder.build(task))
            return
        with ProcessPoolExecutor(jobs, initializer=builder.init_worker, initargs=(options.figures,)) as pool:
            try:
                for built in pool.map(builder.build, tasks, chunksize=2):
                    yield progress(built)
            except KeyboardInterrupt:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        progress.close()


class _Progress:
    """A tqdm progress bar on a terminal, plain lines otherwise (logs, CI)."""

    def __init__(self, total: int, bar: bool, say):
        self.total, self.done, self.say = total, 0, say
        self.bar = None
        if bar:
            from tqdm import tqdm  # noqa: PLC0415

            self.bar = tqdm(total=total, unit="werkboek", file=sys.stderr, leave=False)

    def __call__(self, built):
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.done % 25 == 0 or self.done == self.total:
            self.say(f"{self.done}/{self.total} werkboeken gemaakt")
        return built

    def close(self):
        if self.bar is not None:
            self.bar.close()


def _progress(total: int, options: Options, say) -> _Progress:
    bar = sys.stderr.isatty() if options.progress is None else options.progress
    return _Progress(total, bar, say)


def _write(built: builder.Built, fig, found, out: Path, archive: Archive, written: list[Path]) -> MunicipalityChange:
    """Write one result: unchanged bytes stay, a changed file is archived first, then replaced."""
    target = out / workbook_name(built.nis, fig.name)
    change = MunicipalityChange(built.nis, fig.name, target.name, "overgeslagen", oud=built.old)
    if built.data is None:
        change.waarschuwingen.append(f"{built.error} — overgeslagen, het bestand blijft zoals het is "
                                     "(met --force: opnieuw zonder overgenomen invoer)")
        return change
    previous = found.carry.get(built.nis)
    change.nieuw, change.invoer_overgenomen = built.new, built.carried
    change.waarschuwingen += built.messages
    if previous is not None and previous.origin == FROM_RETURNED:
        change.waarschuwingen.insert(0, f"invoer overgenomen uit {previous.path}")
    if target.exists() and target.read_bytes() == built.data:
        change.status = "ongewijzigd"
    else:
        existed = target.exists()
        if existed:
            archive.keep_copy(target)
        write_atomically(target, built.data)
        written.append(target)
        change.status = "gewijzigd" if existed or previous is not None else "nieuw"
        change.wijzigingen = describe(built.old, built.new, had_previous=previous is not None)
    for other in found.in_out.get(built.nis, []):
        if other != target and other.exists():  # an earlier copy under another name: carried, now superseded
            archive.keep(other)
            change.waarschuwingen.append(f"{other.name} vervangen door {target.name} (bewaard in het archief)")
    return change
