"""Formula texts the overview sheets share: the R6 growth path and shortfall, guarded sums.

The same formulas as the municipal sheets *Groeipad* and *Voortgang* (named parameters
``Regulier_KTP_2031``, ``Inhaal_fractie_2031``, …; ceil as ``-INT(-x)``), written against the
cells of one municipality's row instead of its workbook-level names.
"""

from __future__ import annotations

from ..rules import Level


def requirement(level: Level, year: int, interim: tuple[str, str, str], sib: str) -> str:
    """R6: dwellings needed at ``level`` or later at the test ``year``: regular path + catch-up path."""
    parts = []
    if level in (Level.MJP, Level.KTP):
        parts = [f"INDEX(Regulier_{level.name}_{year},{i})*{t}" for i, t in enumerate(interim, start=1)]
    parts.append(f"IF({level + 1}<=Inhaal_niveau_{year},Inhaal_fractie_{year}*{sib},0)")
    return "+".join(parts)


def shortfall(counted: list[str], required: list[str], whole: str) -> str:
    """R6: the largest gap over the levels, rounded up, never below 0 and never more than the rest
    of the whole BSO (``whole`` = T1+T2+T3+SIB); a realised BSO passes (as the engine)."""
    realised = counted[Level.GEREALISEERD]
    gaps = ",".join(f"-INT({c}-{r})" for c, r in zip(counted, required))
    return f"IF({realised}>={whole},0,MIN({whole}-{realised},MAX(0,{gaps})))"


def guarded_sumifs(values: str, criteria: list[tuple[str, str]], message: str) -> str:
    """SUMIFS that is a message, never a partial sum, when a matching cell holds a message (text)."""
    match = "*".join(f"({rng}={crit})" for rng, crit in criteria)
    sumifs = ",".join(f"{rng},{crit}" for rng, crit in criteria)
    return f'=IF(SUMPRODUCT({match}*ISTEXT({values}))>0,"{message}",SUMIFS({values},{sumifs}))'
