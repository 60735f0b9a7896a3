"""Build the demo figures file ``bso_xl/data/voorbeeldcijfers.csv``.

There are no official per-municipality BSO figures in this repository, so bso-xl ships
*voorbeeldcijfers — geen officiële cijfers*: invented components, derived by a fixed,
documented method from real base data (households, housing stock, permits, VMSW planning).
The method is described in ``bso_xl/data/VOORBEELDCIJFERS.md``; keep the two in step.

Deterministic: no randomness, exact arithmetic (Fraction), every tie broken by NIS code.
Run:  /tmp/venv/bin/python scripts/build_demo_figures.py   (rewrites the CSV, prints totals)
Import: ``build_rows()`` gives the rows without writing (tests/test_demo_data.py compares them
with the committed file); ``main()`` writes the CSV and prints the summary.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from fractions import Fraction
from math import ceil, floor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bso_xl" / "data"
OUTPUT = DATA / "voorbeeldcijfers.csv"

# --- Parameters of the method (see VOORBEELDCIJFERS.md) -------------------------------------
BSO_TOTAL = 45000                 # R1: the mandatory Flemish total
WETTELIJKE_DOELGROEP_TOTAL = 24000  # gross total of this component, before deductions
SIB_TOTAL = 6000                  # gross total of the catch-up
ZERO_COUNT = 15                   # R1: 15 municipalities receive no objective
SIB_SHARE = Fraction(1, 4)        # a quarter of the 285 municipalities gets a catch-up
PARTIAL_OVERSCHRIJDING_COUNT = 30  # next in line after the zeros get a partial deduction
OVERSCHRIJDING_OF_PLANNING = Fraction(1, 2)  # ... of half their FS4 new-build planning
ZERO_OVERSCHRIJDING_FACTOR = Fraction(5, 4)   # zeros: deduction 125% of what they would owe
APARTMENT_CAP = Fraction(60, 100)   # 9%-aftopping proxy: apartment share above 60%
REALISED_OF_KTP = Fraction(1, 4)    # R3 illustration: a quarter of the KTP new build
PEILDATUM = "2026-04-30"            # R3: final figures decided on 30 April 2026
STATUS = "voorbeeldcijfers — geen officiële cijfers"
PERMIT_YEARS = 6                    # R9: two 36-month windows

COLUMNS = [
    "nis", "gemeente", "aandeel_op_peil", "sib", "wettelijke_doelgroep", "overschrijding",
    "aftopping_9pct", "voorlopig_bso", "gerealiseerd_2024_2025", "gemiddeld_vergunde_woningen",
    "peildatum", "status",
]


@dataclass(frozen=True)
class Base:
    """The real base figures of one municipality (None where the source has no value)."""

    nis: str
    gemeente: str
    households: int | None
    houses: int | None
    apartments: int | None
    permits: tuple[int | None, int | None]
    mjp_nieuwbouw: int
    ktp_nieuwbouw: int

    @property
    def planning(self) -> int:
        # MJP + KTP new build; whether the two lists overlap is undocumented (SOURCES.md),
        # so this is only used as a ranking signal and as a rough size.
        return self.mjp_nieuwbouw + self.ktp_nieuwbouw

    @property
    def planning_per_household(self) -> Fraction:
        return Fraction(self.planning, self.households) if self.households else Fraction(0)


# --- Reading ---------------------------------------------------------------------------------

def _read(name: str) -> dict[str, dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return {row["nis"]: row for row in csv.DictReader(f)}


def _int(text: str) -> int | None:
    # Empty cell = no source value (SOURCES.md); 0 is a real zero.
    return int(text) if text.strip() else None


def load_base() -> list[Base]:
    """Join the three base files on NIS, in the NIS order of gemeenten-2025.csv."""
    names = _read("gemeenten-2025.csv")
    figures = _read("gemeenten-2025-basiscijfers.csv")
    planning = _read("gemeenten-2025-planning-fs4-detail.csv")
    if not (names.keys() == figures.keys() == planning.keys()):
        raise SystemExit("de basisbestanden hebben niet dezelfde NIS-codes")
    result = []
    for nis, row in names.items():
        f, p = figures[nis], planning[nis]
        result.append(Base(
            nis=nis,
            gemeente=row["gemeente"],
            households=_int(f["huishoudens_2025"]),
            houses=_int(f["huizen_2025"]),
            apartments=_int(f["appartementen_2025"]),
            permits=(_int(f["nieuwbouw_woningen_2019sep_2022aug"]),
                     _int(f["nieuwbouw_woningen_2022sep_2025aug"])),
            mjp_nieuwbouw=int(p["mjp_huur_nieuwbouw"]),
            ktp_nieuwbouw=int(p["ktp_huur_nieuwbouw"]),
        ))
    return result


# --- Arithmetic helpers ----------------------------------------------------------------------

def round_half_up(x: Fraction) -> int:
    return floor(x + Fraction(1, 2))


def largest_remainder(total: int, weights: dict[str, Fraction | int]) -> dict[str, int]:
    """Whole numbers proportional to ``weights`` summing exactly to ``total``.

    Each gets the floor of its quota; the dwellings left go to the largest remainders, ties to
    the lowest NIS code (the same rule as the R3 model in bso_xl.rules.nulmeting).
    """
    weight_sum = sum(weights.values())
    if total == 0 or weight_sum == 0:
        return {key: 0 for key in weights}
    quotas = {key: Fraction(total) * w / weight_sum for key, w in weights.items()}
    result = {key: floor(q) for key, q in quotas.items()}
    left = total - sum(result.values())
    order = sorted(quotas, key=lambda key: (-(quotas[key] - result[key]), key))
    for key in order[:left]:
        result[key] += 1
    return result


# --- Filling the gaps ------------------------------------------------------------------------

def apartment_shares(base: list[Base]) -> dict[str, Fraction]:
    """Share of apartments in the housing stock; the Flemish average where the stock is missing.

    The 12 municipalities merged on 1/1/2025 have no stock figures (SOURCES.md): they get the
    average over all municipalities that do (Σ apartments / Σ dwellings), not a guess per merger.
    """
    known = {b.nis: Fraction(b.apartments, b.houses + b.apartments) for b in base
             if b.houses is not None and b.apartments is not None and b.houses + b.apartments > 0}
    average = Fraction(sum(b.apartments for b in base if b.nis in known),
                       sum(b.houses + b.apartments for b in base if b.nis in known))
    return {b.nis: known.get(b.nis, average) for b in base}


# --- Choosing who gets what ------------------------------------------------------------------

def choose_zeros(base: list[Base]) -> list[str]:
    """The municipalities without objective (R1: 15).

    Herstappe has no household figure, so no proportional component can be computed: it is a
    zero by necessity. The others are those with the most FS4 new-build planning per household,
    read as "already did more than their share" (a big overschrijding).
    """
    no_households = [b.nis for b in base if not b.households]
    ranked = sorted((b for b in base if b.households),
                    key=lambda b: (-b.planning_per_household, b.nis))
    return no_households + [b.nis for b in ranked[:ZERO_COUNT - len(no_households)]]


def choose_partial_overschrijding(base: list[Base], zeros: set[str]) -> list[str]:
    """The next municipalities by planning per household: a partial overschrijding."""
    ranked = sorted((b for b in base if b.nis not in zeros and b.planning > 0),
                    key=lambda b: (-b.planning_per_household, b.nis))
    return [b.nis for b in ranked[:PARTIAL_OVERSCHRIJDING_COUNT]]


def choose_sib(base: list[Base], zeros: set[str], shares: dict[str, Fraction]) -> list[str]:
    """The municipalities with a catch-up (SIB): a quarter of all, never a zero (R2).

    Those with the least FS4 new-build planning per household come first (most look behind on
    the old objective). Many have no planning at all, so ties go to the lowest apartment share:
    rural and suburban municipalities, where social housing historically lagged; then NIS.
    """
    count = round_half_up(SIB_SHARE * len(base))
    ranked = sorted((b for b in base if b.nis not in zeros),
                    key=lambda b: (b.planning_per_household, shares[b.nis], b.nis))
    return [b.nis for b in ranked[:count]]


# --- The components --------------------------------------------------------------------------

def build_components(base: list[Base]) -> dict[str, dict[str, int]]:
    """The five R2 components per NIS, with Σ max(0, identity) exactly BSO_TOTAL."""
    shares = apartment_shares(base)
    households = {b.nis: b.households or 0 for b in base}
    zeros = set(choose_zeros(base))
    partial = set(choose_partial_overschrijding(base, zeros))
    sib_set = set(choose_sib(base, zeros, shares))
    by_nis = {b.nis: b for b in base}

    # Wettelijke doelgroep: households renting privately under the income limit; apartment
    # share stands in for the private rental share (no such figure per municipality here).
    wd = largest_remainder(WETTELIJKE_DOELGROEP_TOTAL,
                           {nis: households[nis] * shares[nis] for nis in households})
    sib = largest_remainder(SIB_TOTAL, {nis: households[nis] if nis in sib_set else 0
                                        for nis in households})
    aftopping = {nis: 0 if nis in zeros else aftopping_9pct(wd[nis], shares[nis])
                 for nis in households}
    overschrijding = {nis: floor(OVERSCHRIJDING_OF_PLANNING * by_nis[nis].planning)
                      if nis in partial else 0 for nis in households}

    # Aandeel op peil houden ∝ households is the balancing item: whatever the other components
    # leave of the 45,000 is spread over the non-zero municipalities by largest remainder.
    others = sum(sib[n] + wd[n] - overschrijding[n] - aftopping[n] for n in households if n not in zeros)
    non_zero_households = {n: h for n, h in households.items() if n not in zeros}
    aandeel = largest_remainder(BSO_TOTAL - others, non_zero_households)
    rate = Fraction(BSO_TOTAL - others, sum(non_zero_households.values()))
    for nis in zeros:
        # Same rate per household, and an overschrijding that more than cancels it all.
        aandeel[nis] = round_half_up(rate * households[nis])
        overschrijding[nis] = ceil(ZERO_OVERSCHRIJDING_FACTOR * (aandeel[nis] + wd[nis]))

    return {nis: {"aandeel_op_peil": aandeel[nis], "sib": sib[nis], "wettelijke_doelgroep": wd[nis],
                  "overschrijding": overschrijding[nis], "aftopping_9pct": aftopping[nis]}
            for nis in households}


def aftopping_9pct(wd: int, share: Fraction) -> int:
    """9%-aftopping proxy: a high apartment share stands for a high social rental share.

    Where the apartment share exceeds the cap, deduct the part of the wettelijke doelgroep that
    comes from the share above the cap: wd × (share − cap) / share, rounded half up.
    """
    if share <= APARTMENT_CAP:
        return 0
    return round_half_up(wd * (share - APARTMENT_CAP) / share)


def identity(c: dict[str, int]) -> int:
    """R2 identity (raw, may be negative)."""
    return (c["aandeel_op_peil"] + c["sib"] + c["wettelijke_doelgroep"]
            - c["overschrijding"] - c["aftopping_9pct"])


# --- R3 illustration and R9 permits ----------------------------------------------------------

def provisional_figures(base: list[Base], bso: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
    """An invented "provisional → final" story (R3), only to illustrate the workbook.

    realised = a quarter (rounded down) of the KTP new build; the pot Σ realised is shared over
    all municipalities ∝ BSO by largest remainder, and provisional = BSO + realised − share, so
    the provisional figures also sum to 45,000 (R3: the Flemish total is unchanged).
    Never negative: a share is at most the BSO it is proportional to (the pot is < 45,000).
    The R3 model (bso_xl.rules.provisional_to_final) shares the pot ∝ *provisional* figures,
    so on a tie it can put one dwelling elsewhere: see VOORBEELDCIJFERS.md.
    """
    realised = {b.nis: floor(REALISED_OF_KTP * b.ktp_nieuwbouw) for b in base}
    pot_share = largest_remainder(sum(realised.values()), bso)
    provisional = {nis: bso[nis] + realised[nis] - pot_share[nis] for nis in bso}
    return provisional, realised


def average_permits(b: Base) -> str:
    """R9: permits of the two 36-month windows / 6 years, 1 decimal; empty without source."""
    if None in b.permits:
        return ""
    tenths = round_half_up(Fraction(sum(b.permits) * 10, PERMIT_YEARS))
    return f"{tenths // 10}.{tenths % 10}"


# --- Putting it together ---------------------------------------------------------------------

def build_rows() -> list[dict[str, str]]:
    """All 285 rows, as strings in COLUMNS order (exactly what the CSV holds)."""
    base = load_base()
    components = build_components(base)
    bso = {nis: max(0, identity(c)) for nis, c in components.items()}
    provisional, realised = provisional_figures(base, bso)
    rows = []
    for b in base:
        row = {"nis": b.nis, "gemeente": b.gemeente}
        row.update({k: str(v) for k, v in components[b.nis].items()})
        row.update({
            "voorlopig_bso": str(provisional[b.nis]),
            "gerealiseerd_2024_2025": str(realised[b.nis]),
            "gemiddeld_vergunde_woningen": average_permits(b),
            "peildatum": PEILDATUM,
            "status": STATUS,
        })
        rows.append({col: row[col] for col in COLUMNS})
    check(rows)
    return rows


def _ints(row: dict[str, str]) -> dict[str, int]:
    return {k: int(row[k]) for k in ("aandeel_op_peil", "sib", "wettelijke_doelgroep",
                                     "overschrijding", "aftopping_9pct")}


def check(rows: list[dict[str, str]]) -> None:
    """Fail loudly when a parameter change breaks a promise of the method.

    The sum check also guarantees that every non-zero municipality has a positive identity:
    aandeel op peil balances the *raw* identities of those municipalities to 45,000.
    """
    ids = [identity(_ints(r)) for r in rows]
    promises = {
        "een component is negatief": all(v >= 0 for r in rows for v in _ints(r).values()),
        f"Σ max(0, identiteit) is niet {BSO_TOTAL}": sum(max(0, i) for i in ids) == BSO_TOTAL,
        f"niet {ZERO_COUNT} gemeenten met BSO 0": sum(1 for i in ids if i <= 0) == ZERO_COUNT,
        "SIB boven het BSO (R2)": all(int(r["sib"]) <= max(0, i) for r, i in zip(rows, ids)),
        "negatief voorlopig BSO": all(int(r["voorlopig_bso"]) >= 0 for r in rows),
        f"Σ voorlopig BSO is niet {BSO_TOTAL}":
            sum(int(r["voorlopig_bso"]) for r in rows) == BSO_TOTAL,
    }
    broken = [message for message, kept in promises.items() if not kept]
    if broken:
        raise ValueError("voorbeeldcijfers: " + "; ".join(broken))


def summary(rows: list[dict[str, str]]) -> str:
    comps = [_ints(r) for r in rows]
    ids = [identity(c) for c in comps]
    lines = [
        f"gemeenten: {len(rows)}",
        f"Σ max(0, identiteit) = {sum(max(0, i) for i in ids)}",
        f"BSO 0: {sum(1 for i in ids if i <= 0)} "
        f"({', '.join(r['gemeente'] for r, i in zip(rows, ids) if i <= 0)})",
    ]
    for key in comps[0]:
        total = sum(c[key] for c in comps)
        count = sum(1 for c in comps if c[key] > 0)
        lines.append(f"{key}: totaal {total}, > 0 bij {count} gemeenten")
    lines.append(f"aftopping_9pct > 0: "
                 f"{', '.join(r['gemeente'] for r, c in zip(rows, comps) if c['aftopping_9pct'])}")
    realised = [int(r["gerealiseerd_2024_2025"]) for r in rows]
    lines.append(f"gerealiseerd_2024_2025: totaal {sum(realised)} bij {sum(1 for v in realised if v)} "
                 f"gemeenten; Σ voorlopig_bso = {sum(int(r['voorlopig_bso']) for r in rows)}")
    lines.append(f"gemiddeld_vergunde_woningen leeg: "
                 f"{sum(1 for r in rows if not r['gemiddeld_vergunde_woningen'])}")
    return "\n".join(lines)


def write_csv(rows: list[dict[str, str]], path: Path = OUTPUT) -> None:
    # Plain CSV, header first, UTF-8, CRLF line ends (RFC 4180) — like the other files in
    # bso_xl/data, so any spreadsheet opens it.
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    rows = build_rows()
    write_csv(rows)
    print(f"geschreven: {OUTPUT.relative_to(ROOT)}")
    print(summary(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
