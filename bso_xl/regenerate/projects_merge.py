"""Imported project lists (``--projects FILE``) merged with the projects officers typed.

Every row carries its source in ``bron``. Importing a list replaces the rows of *its* sources and
keeps every other row (what officers typed has their own or no source). A row of the newer list
that matches an older row of the same source by its project name keeps what the officer added to
that row where the list leaves a cell empty (a start date, the demolished dwellings of a VEP
project), and its note (Opmerking) whatever the list says: the list updates what it knows and
never erases what the officer knows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules.project_rows import is_blank

OFFICER_WINS = ("opmerking",)  # a note is the officer's, even where the list has one


@dataclass
class MergeResult:
    rows: list[dict]
    replaced: int  # earlier rows of the imported sources
    added: int  # rows of the imported lists
    kept_officer_values: int  # cells the officer filled that the list left empty


def _key(row: dict) -> tuple[str, str]:
    return (str(row.get("bron") or "").strip().lower(), " ".join(str(row.get("project") or "").split()).lower())


def merge(carried: list[dict], imported: list[dict]) -> MergeResult:
    """The new Projecten rows: carried rows of other sources in their order, then the imported rows."""
    sources = {_key(row)[0] for row in imported}
    kept = [row for row in carried if _key(row)[0] not in sources]
    earlier: dict[tuple[str, str], list[dict]] = {}
    for row in carried:
        if _key(row)[0] in sources:
            earlier.setdefault(_key(row), []).append(row)
    filled = 0
    rows = []
    for row in imported:
        row = dict(row)
        matches = earlier.get(_key(row))
        if matches:
            old = matches.pop(0)  # the same project twice in a list: matched in order
            for column, value in old.items():
                if not is_blank(value) and (is_blank(row.get(column)) or column in OFFICER_WINS) \
                        and row.get(column) != value:
                    row[column] = value
                    filled += 1
        rows.append(row)
    replaced = len(carried) - len(kept)
    return MergeResult(kept + rows, replaced, len(imported), filled)
