"""Parameters as dated data (R1–R10).

Every amount, percentage, milestone and date the rules use lives in the YAML files beside this
module, each with its legal source and whether it is an interpretation made by bso-xl. Code reads
them through :func:`load`; no rule module types a number of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from importlib import resources

import yaml

LEVELS = ("MJP", "KTP", "UITVOERING", "GEREALISEERD")


@dataclass(frozen=True)
class HuurpremieMaximum:
    """Monthly maxima for one year (R8): base amount and increase per dependant."""

    year: int
    normal_base: Decimal
    normal_per_dependant: Decimal
    raised_base: Decimal
    raised_per_dependant: Decimal


@dataclass(frozen=True)
class ProgressTest:
    """One voortgangstoets (R6): its measurement date and both paths' milestones."""

    year: int
    measured: dt.date
    # regular[level] = (coefficient of T1, of T2, of T3); levels absent from the table need 0
    regular: dict[str, tuple[Fraction, Fraction, Fraction]]
    catchup_fraction: Fraction
    catchup_level: str


@dataclass(frozen=True)
class ProjectType:
    """One project type (R5): what a row of this type adds, net, when it reaches a phase.

    It adds ``dwellings_factor × woningen − demolished_factor × gesloopt``; with
    ``demolished_required`` the demolished dwellings must be entered (VEP: slopen en herbouwen).
    """

    name: str
    codes: tuple[str, ...]
    description: str
    dwellings_factor: int
    demolished_factor: int
    demolished_required: bool

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every accepted spelling, lower case (the Dutch name and the VMSW codes)."""
        return (self.name.lower(), *(c.lower() for c in self.codes))


@dataclass(frozen=True)
class Tenure:
    """Huur, koop or kavel (R5): only social rental dwellings count (``factor`` 1 or 0)."""

    name: str
    factor: int
    description: str


@dataclass(frozen=True)
class ParameterRecord:
    """One parameter as shown to a user: what, how much, where it comes from.

    ``key`` is its YAML key; ``amount`` the typed value (Decimal, int, date or text) for a
    spreadsheet cell; ``value`` the same as Dutch text (decimal comma, dd/mm/jjjj).
    """

    name: str
    rule: str
    description: str
    value: str
    unit: str
    source: str
    interpretation: bool
    key: str = ""
    amount: object = None


def dutch(value) -> str:
    """A parameter value as an officer reads it: 0,25 (decimal comma), 31/12/2025, T1 2025–2030."""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dict):
        return "; ".join(f"{k} {dutch(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "–".join(dutch(v) for v in value)
    if isinstance(value, (Decimal, float)):
        return format(Decimal(str(value)), "f").replace(".", ",")
    return str(value)


@dataclass(frozen=True)
class Parameters:
    huurpremie: dict[int, HuurpremieMaximum]
    sanction_percentages: dict[int, Decimal]
    dependants: int
    months: int
    instalments: int
    first_instalment_after: int
    default_index_rate: Decimal
    index_rate_min: Decimal
    index_rate_max: Decimal
    tests: dict[int, ProgressTest]
    end_date: dt.date
    flemish_total: int
    envelope_min: int
    envelope_max: int
    legislatures: dict[str, tuple[int, int]]
    exemption_threshold: Decimal
    permit_window_years: int
    exemption_years: int
    exemption_deadline: dt.date
    nulmeting_date: dt.date
    final_figures_date: dt.date
    growth_path_interpretations: tuple[str, ...]
    project_types: tuple[ProjectType, ...]
    default_project_type: str
    project_types_source: str
    tenures: tuple[Tenure, ...]
    default_tenure: str
    date_min: dt.date
    date_max: dt.date
    records: tuple[ParameterRecord, ...]

    @property
    def test_years(self) -> tuple[int, ...]:
        return tuple(sorted(self.tests))


def _read(name: str) -> dict:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _fraction(value) -> Fraction:
    return Fraction(str(value))


def _record(name: str, spec: dict, value, rule: str | None = None, key: str = "") -> ParameterRecord:
    amount = Decimal(value) if isinstance(value, str) and _is_decimal(value) else value
    return ParameterRecord(
        name=name,
        rule=spec.get("regel", rule or ""),
        description=" ".join(str(spec.get("omschrijving", "")).split()),
        value=dutch(amount),
        unit=spec.get("eenheid", ""),
        source=" ".join(str(spec["bron"]).split()),
        interpretation=bool(spec.get("interpretatie", False)),
        key=key,
        amount=amount,
    )


def _is_decimal(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


@lru_cache(maxsize=1)
def load() -> Parameters:
    """Read all parameter files once; the result is immutable and shared."""
    premie = _read("huurpremie.yaml")
    sanction = _read("sanctie.yaml")
    path = _read("groeipad.yaml")
    general = _read("objectief.yaml")["parameters"]
    projects = _read("projecten.yaml")
    sp = sanction["parameters"]
    records: list[ParameterRecord] = []

    huurpremie = {}
    for year, amounts in premie["waarden"].items():
        maximum = HuurpremieMaximum(
            year=int(year),
            normal_base=Decimal(amounts["normaal"]["basis"]),
            normal_per_dependant=Decimal(amounts["normaal"]["per_persoon_ten_laste"]),
            raised_base=Decimal(amounts["verhoogd"]["basis"]),
            raised_per_dependant=Decimal(amounts["verhoogd"]["per_persoon_ten_laste"]),
        )
        huurpremie[int(year)] = maximum
        for status, base, per in (
            ("normaal", maximum.normal_base, maximum.normal_per_dependant),
            ("verhoogd", maximum.raised_base, maximum.raised_per_dependant),
        ):
            records.append(_record(
                f"huurpremie {year} {status}", premie,
                f"basis € {dutch(base)}, per persoon ten laste € {dutch(per)}", key=f"huurpremie_{year}_{status}"))

    percentages = {int(y): Decimal(v) for y, v in sp["sanctie_percentage"]["waarden"].items()}
    for year, pct in percentages.items():
        records.append(_record(f"sanctiepercentage toets {year}", sp["sanctie_percentage"],
                               pct, "R8", key=f"sanctie_percentage_{year}"))
    for key in ("personen_ten_laste", "maanden_per_jaar", "aantal_schijven",
                "eerste_schijf_na_toets", "indexatie_veronderstelling", "indexatie_minimum", "indexatie_maximum"):
        records.append(_record(key.replace("_", " "), sp[key], sp[key]["waarde"], "R8", key=key))

    tests = {}
    for year, spec in path["toetsen"].items():
        regular = {level: tuple(_fraction(c) for c in coeffs) for level, coeffs in spec["regulier"].items()}
        tests[int(year)] = ProgressTest(
            year=int(year),
            measured=spec["meetdatum"],
            regular=regular,
            catchup_fraction=_fraction(spec["inhaal"]["fractie"]),
            catchup_level=spec["inhaal"]["niveau"],
        )
        records.append(ParameterRecord(
            name=f"voortgangstoets {year}", rule="R6",
            description="Meetdatum; regulier pad (coëfficiënten van T1, T2, T3) en inhaalpad",
            value=(f"meetdatum {spec['meetdatum']:%d/%m/%Y}; "
                   + "; ".join(f"{lvl} {'+'.join(str(c) for c in cs)}" for lvl, cs in spec["regulier"].items())
                   + f"; inhaal {spec['inhaal']['fractie']} SIB op {spec['inhaal']['niveau']}"),
            unit="", source=path["bron"], interpretation=False))

    for key, spec in general.items():
        records.append(_record(key.replace("_", " "), spec, spec["waarde"], key=key))

    return Parameters(
        huurpremie=dict(sorted(huurpremie.items())),
        sanction_percentages=dict(sorted(percentages.items())),
        dependants=int(sp["personen_ten_laste"]["waarde"]),
        months=int(sp["maanden_per_jaar"]["waarde"]),
        instalments=int(sp["aantal_schijven"]["waarde"]),
        first_instalment_after=int(sp["eerste_schijf_na_toets"]["waarde"]),
        default_index_rate=Decimal(sp["indexatie_veronderstelling"]["waarde"]),
        index_rate_min=Decimal(sp["indexatie_minimum"]["waarde"]),
        index_rate_max=Decimal(sp["indexatie_maximum"]["waarde"]),
        tests=dict(sorted(tests.items())),
        end_date=path["eindtermijn"]["datum"],
        flemish_total=int(general["vlaams_verplicht_totaal"]["waarde"]),
        envelope_min=int(general["enveloppe_minimum"]["waarde"]),
        envelope_max=int(general["enveloppe_maximum"]["waarde"]),
        legislatures={k: tuple(v) for k, v in general["legislaturen"]["waarde"].items()},
        exemption_threshold=Decimal(general["vrijstelling_drempel"]["waarde"]),
        permit_window_years=int(general["vergunningen_venster"]["waarde"]),
        exemption_years=int(general["vrijstelling_jaren"]["waarde"]),
        exemption_deadline=general["vrijstelling_aanvraag_uiterlijk"]["waarde"],
        nulmeting_date=general["nulmeting_datum"]["waarde"],
        final_figures_date=general["definitieve_cijfers_datum"]["waarde"],
        growth_path_interpretations=tuple(" ".join(s.split()) for s in path["interpretaties"]),
        project_types=tuple(
            ProjectType(name=str(spec["naam"]), codes=tuple(str(c) for c in spec["codes"]),
                        description=str(spec["omschrijving"]), dwellings_factor=int(spec["woningen"]),
                        demolished_factor=int(spec["gesloopt"]),
                        demolished_required=bool(spec["gesloopt_verplicht"]))
            for spec in projects["types"]),
        default_project_type=str(projects["standaard_type"]),
        project_types_source=" ".join(str(projects["bron"]).split()),
        tenures=tuple(Tenure(str(spec["naam"]), int(spec["telt"]), str(spec["omschrijving"]))
                      for spec in projects["huur_koop"]),
        default_tenure=str(projects["standaard_huur_koop"]),
        date_min=projects["datum_min"],
        date_max=projects["datum_max"],
        records=tuple(records),
    )
