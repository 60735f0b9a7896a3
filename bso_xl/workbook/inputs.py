"""Everything an officer can type into a municipal workbook, as raw cell values.

This is the contract between the workbook writer (which writes these into the yellow cells and
computes every shown number from them), the reader of returned workbooks (which reads them back,
by defined name) and regeneration (which carries them into the next workbook). Values are what a
spreadsheet cell holds: ``None`` (blank), a number, a ``datetime.date``/``datetime``, text or a
boolean — kept exactly as found, valid or not (the workbook's formulas and
:mod:`bso_xl.workbook.guards` decide what is used).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Defined names of the input cells (layout 2 and later). Per test year J: Tekort_invoer_J,
# Bedrag_invoer_J, Beoordeling_J. The Projecten table is found by its table name.
NAME_RAISED_CHOICE = "Verhoogd_keuze"
NAME_INDEX_RATE = "Indexatie"
NAME_PERMITS = "Vergunde_woningen_invoer"
PROJECTS_TABLE = "Projecten"


def name_shortfall(year: int) -> str:
    return f"Tekort_invoer_{year}"


def name_amount(year: int) -> str:
    return f"Bedrag_invoer_{year}"


def name_assessment(year: int) -> str:
    return f"Beoordeling_{year}"


@dataclass(frozen=True)
class WorkbookInputs:
    """The yellow cells of one workbook. Per-test mappings are keyed by test year; a missing key
    is a blank cell. ``projects`` are the Projecten rows (dicts with the lower-case keys of
    :data:`bso_xl.rules.project_rows.INPUT_COLUMNS`)."""

    projects: tuple[dict, ...] = ()
    shortfall: dict[int, object] = field(default_factory=dict)
    amount: dict[int, object] = field(default_factory=dict)
    assessment: dict[int, object] = field(default_factory=dict)
    raised_choice: object = None
    index_rate: object = None
    permits: object = None

    def count(self) -> int:
        """How many inputs are filled in (for the change report: "inputs carried over")."""
        filled = [v for m in (self.shortfall, self.amount, self.assessment) for v in m.values()
                  if v is not None and v != ""]
        singles = [v for v in (self.raised_choice, self.index_rate, self.permits) if v is not None and v != ""]
        return len(self.projects) + len(filled) + len(singles)
