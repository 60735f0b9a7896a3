"""What changed for one municipality, in short Dutch sentences (for the report and the mail)."""

from __future__ import annotations

from ..report import KeyFigures


def dwellings(n) -> str:
    """2185 → "2.185" (Belgian thousands separator)."""
    return f"{int(n):,}".replace(",", ".")


def euro(amount) -> str:
    """1078002.24 → "€ 1.078.002,24"; a message (refused input) stays a message."""
    if isinstance(amount, str):
        return amount
    text = f"{float(amount):,.2f}"
    return "€ " + text.replace(",", " ").replace(".", ",").replace(" ", ".")


def describe(old: KeyFigures | None, new: KeyFigures, had_previous: bool = False) -> list[str]:
    """The differences that matter to an officer, largest first: objective, tests, risk."""
    if old is None:
        return ["vorige cijfers niet leesbaar (werkboek zonder berekende waarden)" if had_previous
                else "nieuw werkboek"]
    changes = []
    for label, before, after in (("BSO", old.bso, new.bso), ("SIB", old.sib, new.sib),
                                 ("T1", old.t1, new.t1), ("T2", old.t2, new.t2), ("T3", old.t3, new.t3)):
        if before != after:
            changes.append(f"{label} {dwellings(before)} → {dwellings(after)}")
    for year in new.shortfall:
        before, after = old.shortfall.get(year), new.shortfall[year]
        if before is not None and before != after:
            changes.append(f"tekort {year}: {dwellings(before)} → {dwellings(after)} woningen")
    for year in new.category:
        before, after = old.category.get(year), new.category[year]
        if before is not None and before != after:
            changes.append(f"categorie {year}: {before} → {after}")
    for year in new.risk:
        before, after = old.risk.get(year), new.risk[year]
        if before is not None and _differ(before, after):
            changes.append(f"risico {year}: {euro(before)} → {euro(after)}")
    if old.peildatum != new.peildatum and new.peildatum:
        changes.append(f"cijfers van {new.peildatum}")
    return changes


def _differ(before, after) -> bool:
    if isinstance(before, (int, float)) and isinstance(after, (int, float)):
        return abs(float(before) - float(after)) >= 0.005
    return before != after
