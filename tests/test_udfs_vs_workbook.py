"""Issue 4 cross-check: the Excel functions give the workbook's Tekort_J and Sanctie_J.

For every demo municipality the functions are fed what an officer would type (T1–T3, SIB, the
dwellings in each phase on the measurement day, the raised status) and must return the values
stored under the workbook's defined names. The LibreOffice variant of this check runs in
test_workbook_recalc.py on recalculated workbooks.
"""

from __future__ import annotations

import io

import openpyxl
from bso_xl import udfs
from bso_xl.demo import demo_projects
from bso_xl.parameters import load
from bso_xl.rules import Level, project_phase_counts
from bso_xl.workbook import engine_projects, write_workbook
from workbook_helpers import defined_value

TEST_YEARS = (2028, 2031, 2034, 2037, 2040)


def function_answers(fig, year: int) -> tuple[int, float]:
    obj = fig.objective()
    counts = project_phase_counts(engine_projects(demo_projects(fig.nis)), load().tests[year].measured)
    missing = udfs.bso_shortfall(obj.t1, obj.t2, obj.t3, obj.sib, year, counts[Level.MJP], counts[Level.KTP],
                                 counts[Level.UITVOERING], counts[Level.GEREALISEERD])
    sanction = udfs.bso_sanction(missing, year, fig.raised_huurpremie)
    return missing, sanction


def test_functions_equal_workbook_names_for_every_demo_municipality(demo_figures):
    differences = []
    for fig in demo_figures.rows.values():
        buffer = io.BytesIO()
        write_workbook(buffer, fig, demo_figures, demo_projects(fig.nis))
        book = openpyxl.load_workbook(buffer, data_only=True)
        for year in TEST_YEARS:
            missing, sanction = function_answers(fig, year)
            in_workbook = defined_value(book, f"Tekort_{year}"), defined_value(book, f"Sanctie_{year}")
            if missing != in_workbook[0] or abs(sanction - in_workbook[1]) >= 0.005:
                differences.append((fig.nis, year, (missing, sanction), in_workbook))
    assert differences == []
    assert len(demo_figures.rows) == 285
