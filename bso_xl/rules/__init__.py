"""The BSO rules engine: pure functions, one module per concern, each citing BSO-RULES.md.

No I/O and no Excel here. Dwellings are ints, requirements stay exact (Fraction) until the
ceil of R6, money is Decimal rounded half away from zero to the cent (as Excel's ROUND).
"""

from .objective import Components, Objective, identity_bso, objective, split_interim
from .nulmeting import FinalModelRow, final_from_flemish_totals, provisional_to_final
from .phases import Level, Project, at_least, phase_on, project_phase_counts, project_type, tenure
from .growth_path import catchup_need, combined_requirement, regular_need
from .progress import category, shortfall
from .sanction import (
    amount_parts, instalment_years, over_instalments, sanction_for, sanction_percentage, total_sanction,
    yearly_amount, yearly_sanction,
)
from .exemption import ExemptionTest, average_permits, exemption_test
from .swap import SwapResult, envelope_eligible, envelope_room, objective_after_swap, validate_swap

__all__ = [
    "Components", "Objective", "identity_bso", "objective", "split_interim",  # R2, R4
    "FinalModelRow", "final_from_flemish_totals", "provisional_to_final",  # R3
    "Level", "Project", "at_least", "phase_on", "project_phase_counts", "project_type", "tenure",  # R5
    "catchup_need", "combined_requirement", "regular_need", "category", "shortfall",  # R6, R7
    "amount_parts", "instalment_years", "over_instalments", "sanction_for", "sanction_percentage",
    "total_sanction", "yearly_amount", "yearly_sanction",  # R8
    "ExemptionTest", "average_permits", "exemption_test",  # R9
    "SwapResult", "envelope_eligible", "envelope_room", "objective_after_swap", "validate_swap",  # R10
]
