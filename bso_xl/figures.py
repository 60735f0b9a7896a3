"""Read and validate a figures file (CSV or XLSX): one row per municipality.

Columns (Dutch, lower case; capitals, spaces, hyphens and a few obvious synonyms are accepted):

- required: ``nis``, ``aandeel_op_peil``, ``sib``, ``wettelijke_doelgroep``, ``overschrijding``,
  ``aftopping_9pct`` — the five R2 components, whole dwellings ≥ 0;
- optional: ``gemeente`` (checked against the reference name), ``bso`` (official objective, R2),
  ``t1``/``t2``/``t3`` (R4, all three or none), ``voorlopig_bso`` and ``gerealiseerd_2024_2025``
  (R3), ``verhoogde_huurpremie`` (R8, 0/1), ``gemiddeld_vergunde_woningen`` (R9),
  ``mjp``/``ktp``/``in_uitvoering``/``gerealiseerd`` (R5, dwellings in exactly each phase, all four
  or none), ``peildatum``, ``status`` (``voorbeeldcijfers`` marks the demo file).

File-level lines (in CSV a comment line, in XLSX a first cell starting with ``#``):
``# peildatum: 2026-04-30`` and the two R3 Flemish totals ``# vlaams_voorlopig_totaal: 45000``
and ``# vlaams_gerealiseerd_2024_2025: 1234``.

Reading, typing and locating problems is :mod:`bso_xl.tables` (the same for every input file:
separator-ambiguous numbers, unknown and near-miss columns, error cells, bounded-memory XLSX);
this module is the column spec plus the checks across cells and rows:

- each municipality once, its name matching its NIS code (case, spaces and hyphens ignored);
- R4: t1 + t2 + t3 = BSO − SIB as the engine computes it (official BSO wins, SIB at most BSO);
- R3: a stated Flemish total must equal the file's sum when the file covers all 285
  municipalities (the realised total may be Σ min(gerealiseerd, voorlopig), what the model
  deducts, or the plain Σ gerealiseerd); a partial file's sums cannot exceed the stated totals.
  When the file gives provisional figures but the pot cannot be explained (partial file, no
  totals), :attr:`FiguresFile.warnings` says so.

Every problem is raised at once as a :class:`FiguresError`; one demo row makes the whole file demo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from importlib import resources
from pathlib import Path

from . import tables
from .errors import FiguresError
from .model import FiguresFile, MunicipalityFigures
from .municipalities import municipalities
from .parameters import load
from .rules import Components, Level, objective
from .tables import BOOLEAN, COUNT, DATE, DECIMAL, TEXT, Column, Row, Spec, Table

DEMO_FILE = "voorbeeldcijfers.csv"

COMPONENTS = ("aandeel_op_peil", "sib", "wettelijke_doelgroep", "overschrijding", "aftopping_9pct")
PHASE_COLUMNS = {"mjp": Level.MJP, "ktp": Level.KTP, "in_uitvoering": Level.UITVOERING,
                 "gerealiseerd": Level.GEREALISEERD}
INTERIM = ("t1", "t2", "t3")
PROVISIONAL_TOTAL = "vlaams_voorlopig_totaal"
REALISED_TOTAL = "vlaams_gerealiseerd_2024_2025"

SPEC = Spec(
    error=FiguresError,
    sheet="Cijfers",
    rows_hold="cijfers",
    columns=(
        tables.nis_column(),
        Column("aandeel_op_peil", COUNT, required=True, aliases=("aandeel_op_peil_houden",)),
        Column("sib", COUNT, required=True, aliases=("specifieke_inhaalbeweging",)),
        Column("wettelijke_doelgroep", COUNT, required=True),
        Column("overschrijding", COUNT, required=True),
        Column("aftopping_9pct", COUNT, required=True,
               aliases=("aftopping_9%", "aftopping_9_%", "9%_aftopping", "aftopping", "aftopping_9_pct")),
        Column("gemeente", TEXT, aliases=("naam",)),
        Column("bso", COUNT, aliases=("officieel_bso", "bindend_sociaal_objectief")),
        *(Column(name, COUNT) for name in INTERIM),
        Column("voorlopig_bso", COUNT),
        Column("gerealiseerd_2024_2025", COUNT),
        Column("verhoogde_huurpremie", BOOLEAN),
        Column("gemiddeld_vergunde_woningen", DECIMAL),
        Column("mjp", COUNT),
        Column("ktp", COUNT),
        Column("in_uitvoering", COUNT, aliases=("uitvoering",)),
        Column("gerealiseerd", COUNT),
        Column("peildatum", DATE),
        Column("status", TEXT),
    ),
    groups=(INTERIM, tuple(PHASE_COLUMNS)),
    lines=(Column("peildatum", DATE), Column(PROVISIONAL_TOTAL, COUNT), Column(REALISED_TOTAL, COUNT)),
)
REQUIRED = SPEC.required
OPTIONAL = SPEC.optional


def read_figures(path: str | Path | None = None) -> FiguresFile:
    """Read and validate a figures file; ``None`` means the built-in demo figures.

    Raises :class:`FiguresError` listing every problem found (never a partial result).
    """
    table = tables.read(_demo_path() if path is None else path, SPEC)
    file_date = table.line("peildatum")
    seen: dict[str, int] = {}
    figures = [f for f in (_figures(table, row, seen, file_date) for row in table.rows) if f is not None]
    if not table.problems:
        _check_flemish_totals(table, figures)
    table.raise_if_problems()
    return _figures_file(table, figures, file_date)


def _demo_path() -> Path:
    return Path(str(resources.files("bso_xl.data").joinpath(DEMO_FILE)))


def _figures_file(table: Table, figures: list[MunicipalityFigures], file_date: dt.date | None) -> FiguresFile:
    """Assemble the result; one demo row makes the whole file demo (so no row passes as official)."""
    is_demo = any(f.is_demo for f in figures)
    if is_demo:
        figures = [replace(f, is_demo=True) for f in figures]
    if file_date is None:
        dates = {f.peildatum for f in figures}
        file_date = dates.pop() if len(dates) == 1 else None
    result = FiguresFile(
        source=table.source, rows={f.nis: f for f in figures}, is_demo=is_demo, peildatum=file_date,
        stated_provisional_total=table.line(PROVISIONAL_TOTAL), stated_realised_total=table.line(REALISED_TOTAL),
    )
    return replace(result, warnings=tuple(table.warnings) + _pot_warning(result))


# ---------------------------------------------------------------------------------------------
# One row


def _figures(table: Table, row: Row, seen: dict[str, int], file_date: dt.date | None) -> MunicipalityFigures | None:
    """One municipality's figures; None when the row has a problem (reported in the table)."""
    nis = row["nis"]
    if nis is not None:
        _check_once(table, row, nis, seen)
        _check_name(table, row, nis)
    if any(row[c] is None for c in COMPONENTS):
        return None  # reported: a required cell is empty or invalid
    components = Components(*(row[c] for c in COMPONENTS))
    interim = _group(row, INTERIM)
    if interim is not None and "bso" not in row.invalid:
        _check_interim(table, row, components, interim)
    phases = _group(row, tuple(PHASE_COLUMNS))
    if row.failed or nis is None:
        return None
    return MunicipalityFigures(
        nis=nis,
        components=components,
        official_bso=row["bso"],
        interim=interim,
        voorlopig_bso=row["voorlopig_bso"],
        gerealiseerd_2024_2025=row["gerealiseerd_2024_2025"],
        raised_override=row["verhoogde_huurpremie"],
        average_permits=row["gemiddeld_vergunde_woningen"],
        official_counts=None if phases is None else dict(zip(PHASE_COLUMNS.values(), phases)),
        peildatum=row["peildatum"] if row["peildatum"] is not None else file_date,
        is_demo="voorbeeldcijfers" in (row["status"] or "").casefold(),
    )


def _check_once(table: Table, row: Row, nis: str, seen: dict[str, int]) -> None:
    if nis in seen:
        table.problem(row, "nis", row.text("nis"), f"elke gemeente één keer (NIS {nis} staat ook op rij {seen[nis]})")
    else:
        seen[nis] = row.number


def _check_name(table: Table, row: Row, nis: str) -> None:
    text = row["gemeente"]
    reference = municipalities()[nis].name
    if text and _name_key(text) != _name_key(reference):
        table.problem(row, "gemeente", text, f"de naam bij NIS {nis}: '{reference}'")


def _group(row: Row, names: tuple[str, ...]) -> tuple[int, ...] | None:
    """All-or-none columns (checked by the table): a tuple when every cell is filled in, else None."""
    values = tuple(row[n] for n in names)
    return None if None in values else values


def _check_interim(table: Table, row: Row, components: Components, interim: tuple[int, ...]) -> None:
    # R4: T1+T2+T3 must equal the regular part as the engine computes it (official BSO wins,
    # SIB counted at most the BSO); checked here so the engine never raises on user input.
    regulier = objective(components, row["bso"]).regulier
    total = sum(interim)
    if total != regulier:
        found = f"t1+t2+t3 = {'+'.join(map(str, interim))} = {total}"
        table.problem(row, "t1", found, f"t1+t2+t3 = BSO − SIB = {regulier} (R4)")


def _name_key(name: str) -> str:
    return "".join(name.casefold().replace("-", " ").split())


# ---------------------------------------------------------------------------------------------
# R3: the Flemish totals


def _check_flemish_totals(table: Table, figures: list[MunicipalityFigures]) -> None:
    """R3: stated totals agree with the file's own figures wherever the file can tell."""
    given = [f for f in figures if f.voorlopig_bso is not None and f.gerealiseerd_2024_2025 is not None]
    provisional = sum(f.voorlopig_bso for f in given)
    deducted = sum(min(f.gerealiseerd_2024_2025, f.voorlopig_bso) for f in given)
    realised = sum(f.gerealiseerd_2024_2025 for f in given)
    complete = {f.nis for f in given} == set(municipalities())
    stated_total = table.lines.get(PROVISIONAL_TOTAL)
    stated_pot = table.lines.get(REALISED_TOTAL)
    if complete:
        if stated_total and stated_total[1] != provisional:
            table.problem(stated_total[0], PROVISIONAL_TOTAL, stated_total[1],
                          f"de som van voorlopig_bso over de 285 gemeenten van dit bestand: {provisional} (R3)")
        if stated_pot and stated_pot[1] not in (deducted, realised):
            table.problem(stated_pot[0], REALISED_TOTAL, stated_pot[1],
                          "de som van gerealiseerd_2024_2025 over de 285 gemeenten van dit bestand: "
                          f"{realised}, of {deducted} als elke gemeente hoogstens haar voorlopig BSO "
                          "aftrekt (R3)")
        return
    if stated_total and provisional > stated_total[1]:
        table.problem(stated_total[0], PROVISIONAL_TOTAL, stated_total[1],
                      f"minstens de som van voorlopig_bso van de gemeenten in dit bestand: {provisional} (R3)")
    if stated_pot and deducted > stated_pot[1]:
        table.problem(stated_pot[0], REALISED_TOTAL, stated_pot[1],
                      f"minstens de som van gerealiseerd_2024_2025 van de gemeenten in dit bestand: {deducted} (R3)")
    total = stated_total[1] if stated_total else load().flemish_total  # R1: 45,000 unless stated
    if stated_pot and stated_pot[1] > total:
        table.problem(stated_pot[0], REALISED_TOTAL, stated_pot[1],
                      f"hoogstens het Vlaamse voorlopige totaal {total} (# {PROVISIONAL_TOTAL}, R1, R3)")


def _pot_warning(figures: FiguresFile) -> tuple[str, ...]:
    """R3: provisional figures whose pot cannot be explained (partial file, no Flemish totals)."""
    if figures.provisional_model is not None:
        return ()
    if not any(f.voorlopig_bso is not None or f.gerealiseerd_2024_2025 is not None for f in figures.rows.values()):
        return ()
    covered = sum(1 for f in figures.rows.values()
                  if f.voorlopig_bso is not None and f.gerealiseerd_2024_2025 is not None)
    missing = (f"# {REALISED_TOTAL}" if figures.stated_provisional_total is not None
               else f"Vlaamse totalen (# {PROVISIONAL_TOTAL}, # {REALISED_TOTAL})")
    return (f"R3: dit bestand dekt niet alle 285 gemeenten en vermeldt geen {missing}: de pot kan niet "
            f"verklaard worden (voorlopig_bso en gerealiseerd_2024_2025 ingevuld voor {covered} "
            f"{'gemeente' if covered == 1 else 'gemeenten'})",)
