"""Read and validate a projects file (CSV or XLSX): social housing projects, many per municipality (R5).

Columns (Dutch, lower case; capitals, spaces and the aliases below are accepted):

- required: ``nis``, ``project`` (its name), ``woningen`` (dwellings, whole ≥ 0);
- optional: ``locatie``, ``type`` (R5: a Dutch name or a VMSW code such as NB, GW, VEP, REP; empty
  = nieuwbouw), ``huur/koop`` (huur, koop or kavel; empty = huur), ``gesloopt`` (demolished
  dwellings, whole ≥ 0; empty is kept as None because for VEP it means "not entered yet"),
  ``mjp``, ``ktp``, ``start``, ``oplevering`` (the date the project reached each phase: dd/mm/jjjj,
  jjjj-mm-dd or an Excel date, within the parameters' date range; a bare year is refused),
  ``opmerking`` and ``bron``.

``bron`` says where a row comes from. Without a ``bron`` column, or with an empty cell, the
source is the file's name without its extension (``projecten-2026.xlsx`` → ``projecten-2026``):
regeneration replaces all rows of one source by a newer list of the same source, so a source
must stay stable across versions of a list.

**The VMSW kortetermijnplanning** (``data/vmsw-ktp-projecten-2026-08-14.csv``, see
``data/SOURCES.md``) is recognised by its header and imported as it is: project =
``projectomschrijving``, locatie = the municipality's name, type = the VMSW type code, huur/koop =
huur, woningen = ``huur``, gesloopt = None (the list does not give demolished dwellings), ktp =
``datum_beslissing``, opmerking = "VMSW-kortetermijnplanning, <groep>, <procedure>", bron =
``VMSW-kortetermijnplanning FS4`` (stable across list versions, so a newer list replaces the
older one). Rows without a NIS (framework contracts over several municipalities) cannot be placed
in a municipality: they are warnings naming the row and the label, not errors.

The XLSX sheet read is ``Projecten`` if there is one, else the first sheet. Every problem is
raised at once as a :class:`~bso_xl.errors.ProjectsError`; rows are never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import tables
from .errors import ProjectsError
from .municipalities import municipalities
from .parameters import load
from .rules import project_type, tenure
from .tables import COUNT, DATE, NIS, TEXT, Cell, Column, Invalid, Kind, Row, Spec, Table

ROW_KEYS = ("project", "locatie", "type", "huur_koop", "woningen", "gesloopt",
            "mjp", "ktp", "start", "oplevering", "opmerking", "bron")
VMSW_SOURCE = "VMSW-kortetermijnplanning FS4"
VMSW_FILE = "vmsw-ktp-projecten-2026-08-14.csv"
# The header of the VMSW list; recognised when these columns are all there (a later version may add some).
VMSW_COLUMNS = ("nis", "gemeente_label", "woonmaatschappij_id", "provincie", "projectomschrijving", "groep",
                "type", "huur", "datum_beslissing", "procedure", "kostprijs", "maximumprijs_vmsw", "bedrag_up")
VMSW_KEY_COLUMNS = frozenset(("nis", "gemeente_label", "projectomschrijving", "groep", "type", "huur", "datum_beslissing"))


@dataclass(frozen=True)
class ProjectsFile:
    """A validated projects file: NIS → its rows in file order, each a dict with exactly ``ROW_KEYS``."""

    source: str
    rows: dict[str, list[dict]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct ``bron`` values, in file order (what a regeneration would replace)."""
        return tuple(dict.fromkeys(row["bron"] for rows in self.rows.values() for row in rows))


def read_projects(path: str | Path) -> ProjectsFile:
    """Read and validate a projects file, or the VMSW kortetermijnplanning as published.

    Raises :class:`ProjectsError` listing every problem found (never a partial result).
    """
    grid = tables.load(path, "Projecten", ProjectsError)
    vmsw = VMSW_KEY_COLUMNS <= tables.header_keys(grid)
    table = tables.validate(grid, _vmsw_spec() if vmsw else _spec())
    default_source = Path(str(path)).stem
    rows: dict[str, list[dict]] = {}
    for row in table.rows:
        project = _vmsw_row(table, row) if vmsw else _row(row, default_source)
        if project is not None and not row.failed:
            rows.setdefault(row["nis"], []).append(project)
    table.raise_if_problems()
    return ProjectsFile(source=table.source, rows=rows, warnings=tuple(table.warnings))


def _row(row: Row, default_source: str) -> dict:
    project = {key: row[key] for key in ROW_KEYS}
    project["bron"] = project["bron"] or default_source
    return project


def _vmsw_row(table: Table, row: Row) -> dict | None:
    if row["nis"] is None:
        if "nis" not in row.invalid:  # an empty NIS: a framework contract over several municipalities
            label, project = (" ".join(row.text(c).split()) for c in ("gemeente_label", "projectomschrijving"))
            table.warn(row.number, "nis", f"geen NIS-code maar '{label}' (project '{project}'): dit project kan "
                                          "aan geen gemeente toegewezen worden en wordt niet ingelezen")
        return None
    remark = ", ".join(part for part in ("VMSW-kortetermijnplanning", row["groep"], row["procedure"]) if part)
    return {
        "project": row["projectomschrijving"], "locatie": municipalities()[row["nis"]].name,
        "type": row["type"], "huur_koop": "huur", "woningen": row["huur"], "gesloopt": None,
        "mjp": None, "ktp": row["datum_beslissing"], "start": None, "oplevering": None,
        "opmerking": remark, "bron": VMSW_SOURCE,
    }


# ---------------------------------------------------------------------------------------------
# Specs (built on first use: the type and tenure lists come from the R5 parameters)


def _choice(check, expected: str) -> Kind:
    """A cell the engine must accept (R5 type, tenure); the value is kept as typed."""
    def parse(cell: Cell) -> str:
        try:
            check(cell.text)
        except ValueError:
            raise Invalid(expected) from None
        return cell.text
    return Kind(expected, parse)


@lru_cache(maxsize=1)
def _kinds() -> tuple[Kind, Kind]:
    p = load()
    names = ", ".join(k.name for k in p.project_types)
    codes = ", ".join(c for k in p.project_types for c in k.codes)
    kind = _choice(project_type, f"een projecttype: {names}, of een VMSW-code ({codes}); leeg = {p.default_project_type} (R5)")
    tenures = tables.enumerate_names(tuple(k.name for k in p.tenures)).replace(" en ", " of ")
    return kind, _choice(tenure, f"{tenures}; leeg = {p.default_tenure} (R5)")


@lru_cache(maxsize=1)
def _spec() -> Spec:
    project_kind, tenure_kind = _kinds()
    return Spec(
        error=ProjectsError,
        sheet="Projecten",
        rows_hold="projecten",
        columns=(
            tables.nis_column(),
            Column("project", TEXT, required=True, aliases=("projectnaam", "projectomschrijving")),
            Column("locatie", TEXT, aliases=("adres", "ligging")),
            Column("type", project_kind, aliases=("projecttype", "soort", "projectsoort")),
            Column("huur_koop", tenure_kind, aliases=("huur/koop", "huurkoop", "huur of koop")),
            Column("woningen", COUNT, required=True, aliases=("aantal_woningen",)),
            Column("gesloopt", COUNT, aliases=("gesloopte_woningen",)),
            Column("mjp", DATE, aliases=("datum_mjp",)),
            Column("ktp", DATE, aliases=("datum_ktp",)),
            Column("start", DATE, aliases=("in_uitvoering", "start_werken")),
            Column("oplevering", DATE, aliases=("gerealiseerd",)),
            Column("opmerking", TEXT, aliases=("opmerkingen",)),
            Column("bron", TEXT),
        ),
    )


@lru_cache(maxsize=1)
def _vmsw_spec() -> Spec:
    project_kind, _ = _kinds()
    used = {"nis": Column("nis", NIS), "projectomschrijving": Column("projectomschrijving", TEXT, required=True),
            "type": Column("type", project_kind, required=True), "huur": Column("huur", COUNT, required=True),
            "datum_beslissing": Column("datum_beslissing", DATE, required=True)}
    return Spec(
        error=ProjectsError,
        rows_hold="projecten",
        columns=tuple(used.get(name, Column(name, TEXT)) for name in VMSW_COLUMNS),
    )


def vmsw_path() -> Path:
    """The VMSW kortetermijnplanning shipped with bso-xl (14/08/2026)."""
    from importlib import resources

    return Path(str(resources.files("bso_xl.data").joinpath(VMSW_FILE)))
