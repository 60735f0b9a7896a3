"""Sheet *Projecten*: the input table of social housing projects (R5), with what each row counts.

The table ``Projecten`` has at least 500 empty rows after the projects written into it. Its input
columns are yellow and unlocked; Telt and Status are computed and locked (R5: a row is counted as
far as it can be, or flagged — never dropped silently). Voortgang counts over the whole table
through structured references, so it covers every row the table holds, however it grew.
"""

from __future__ import annotations

import datetime as dt

from xlsxwriter.utility import xl_col_to_name

from ..parameters import load
from . import project_status as ps
from .context import Book, protect

TITLE = "Projecten"
TABLE = ps.TABLE
COLUMNS = ps.COLUMNS
DATE_COLUMNS = ps.DATE_HEADERS
EMPTY_ROWS = 500
HEADER_ROW = 5
# Project … Status print on one A4 page (landscape) at a legible size: ≤ 148 characters wide.
WIDTHS = {"Project": 20, "Locatie": 9, "Type": 10, "Huur/koop": 7, "Woningen": 7.5, "Gesloopt": 7.5,
          "MJP": 9.5, "KTP": 9.5, "Start": 9.5, "Oplevering": 9.5, "Telt": 5.5, "Status": 44, "Opmerking": 30,
          "Bron": 24}
STYLE = {"Woningen": "input_whole", "Gesloopt": "input_whole", **{c: "input_date" for c in DATE_COLUMNS},
         "Telt": "whole", "Status": "text"}
FORMULAS = {"Typenr": ps.type_position_formula, "Huurnr": ps.tenure_position_formula, "Telt": ps.telt_formula,
            "Status": ps.status_formula}
TYPE_CHOICES = ["nieuwbouw", "aankoop", "vervangingsbouw", "renovatie", "inhuur", "NB", "GW", "VVP", "RVP",
                "VEP", "REP"]
PROBLEMS_CELL = (2, 4)  # Projecten_problemen
OUTSIDE_CELL = (3, 4)  # Projecten_buiten_tabel


def table_rows(project_count: int) -> int:
    """500 empty rows after the projects, so officers can add hundreds without touching the table."""
    return project_count + EMPTY_ROWS


def write(book: Book, projects: list[dict]) -> None:
    s = book.sheet(TITLE, "#BF9000")
    ws = s.ws
    s.heading(f"Projecten — {book.model.figures.name}",
              "Vul per sociaal huurproject de gele cellen in. Type: nieuwbouw, aankoop, vervangingsbouw, "
              "renovatie of inhuur (of de VMSW-code NB, GW, VVP, RVP, VEP, REP); Huur/koop: huur (leeg), koop "
              "of kavel — enkel huur telt. Per fase de datum waarop het project die fase bereikt(e): MJP = "
              "meerjarenplanning, KTP = kortetermijnplanning, Start = in uitvoering, Oplevering = gerealiseerd. "
              "Vul ook geplande (toekomstige) datums in: daarmee voorspelt het werkboek de voortgangstoetsen. "
              "Telling is netto (Woningen − Gesloopt; renovatie van eigen woningen telt niet). Kolom Status zegt "
              "wat elke rij telt en vanaf wanneer, of wat er mis is. Meer dan 500 lege rijen nodig? Hef de "
              "beveiliging van dit blad op (zonder wachtwoord) en typ onder de tabel: ze groeit mee. Afdrukken: de "
              "projecten en 20 lege rijen; meer rijen afdrukken kan via Pagina-indeling > Afdrukbereik wissen.",
              COLUMNS.index("Status"), 82)
    for col, name in enumerate(COLUMNS):
        hidden = name in ps.HELPERS
        ws.set_column(col, col, WIDTHS.get(name, 10), None, {"hidden": hidden})

    rows = table_rows(len(projects))
    first, last = HEADER_ROW + 1, HEADER_ROW + rows
    ws.add_table(HEADER_ROW, 0, last, len(COLUMNS) - 1, {
        "name": TABLE,
        "style": "Table Style Light 9",
        # The formulas are the table's calculated columns: when the table grows (in Excel, after the
        # protection is lifted) Excel fills them into the new rows.
        "columns": [{"header": c, "header_format": s.styles["header"],
                     **({"formula": FORMULAS[c]()} if c in FORMULAS else {})} for c in COLUMNS],
    })
    ws.set_row(HEADER_ROW, 30)
    _write_rows(book, s, first, projects, rows)
    _write_checks(book, s, first, last)
    _validate(ws, first, last)
    ws.freeze_panes(first, 1)
    ws.repeat_rows(HEADER_ROW)
    _print_area(s, first, len(projects))
    protect(s)


PRINTED_EMPTY_ROWS = 20


def _print_area(s, first: int, project_count: int) -> None:
    """Print the heading, the projects and 20 empty rows (through column Status), not 500 empty rows.

    A print area that follows the last filled row (OFFSET in the defined name) works in Excel but
    LibreOffice ignores it and prints every row, so the area is fixed when the workbook is written
    (regeneration moves it along); the sheet's introduction says how to print more rows.
    """
    s.ws.print_area(0, 0, first + project_count + PRINTED_EMPTY_ROWS - 1, COLUMNS.index("Status"))


def _write_rows(book: Book, s, first: int, projects: list[dict], rows: int) -> None:
    formulas = {name: builder() for name, builder in FORMULAS.items()}
    for offset in range(rows):
        row = first + offset
        project = projects[offset] if offset < len(projects) else {}
        for col, name in enumerate(COLUMNS):
            if name in formulas:
                continue
            s.typed(row, col, project.get(ps.KEY[name]), STYLE.get(name, "input_text"))
        values = ps.computed_values(project)
        for name, formula in formulas.items():
            s.formula(row, COLUMNS.index(name), formula, values[name], STYLE.get(name, "text"))


def _write_checks(book: Book, s, first: int, last: int) -> None:
    """Projecten_problemen and Projecten_buiten_tabel, above the table."""
    m = book.model
    r, c = PROBLEMS_CELL
    s.text(r, 0, "Projectrijen met 'let op' in kolom Status:", "bold")
    s.formula(r, c, ps.problems_formula(), m.projects.flagged, "whole_bold")
    book.name("Projecten_problemen", s, r, c)
    r, c = OUTSIDE_CELL
    inputs = [i for i, name in enumerate(COLUMNS) if name in ps.INPUTS_BEFORE + ps.INPUTS_AFTER]
    # Filled input cells anywhere below the header minus those inside the table: what lies outside
    # the table and therefore does not count. Robust to the table growing (its ref moves along).
    below = "+".join(f"COUNTA(${xl_col_to_name(i)}${first + 1}:${xl_col_to_name(i)}$1048576)" for i in inputs)
    inside = (f"COUNTA({TABLE}[[{ps.INPUTS_BEFORE[0]}]:[{ps.INPUTS_BEFORE[-1]}]])"
              f"+COUNTA({TABLE}[[{ps.INPUTS_AFTER[0]}]:[{ps.INPUTS_AFTER[-1]}]])")
    s.text(r, 0, "Ingevulde cellen onder de tabel (tellen niet mee):", "bold")
    s.formula(r, c, f"={below}-({inside})", m.projects.outside_table, "whole_bold")
    book.name("Projecten_buiten_tabel", s, r, c)
    for cell in (PROBLEMS_CELL, OUTSIDE_CELL):
        s.ws.conditional_format(*cell, *cell, {"type": "cell", "criteria": ">", "value": 0,
                                               "format": s.styles["bad"]})
    # Telt of an empty row is 0 (so the counts can add it up) but shows blank.
    telt, status = COLUMNS.index("Telt"), xl_col_to_name(COLUMNS.index("Status"))
    s.ws.conditional_format(first, telt, last, telt, {"type": "formula", "criteria": f'=${status}{first + 1}=""',
                                                      "format": s.styles["invisible"]})


def _validate(ws, first: int, last: int) -> None:
    p = load()
    for name in ("Woningen", "Gesloopt"):
        col = COLUMNS.index(name)
        ws.data_validation(first, col, last, col, {
            "validate": "integer", "criteria": "between", "minimum": 0, "maximum": 10_000,
            "input_title": name, "input_message": "Geheel aantal woningen (0 tot 10.000).",
            "error_title": name, "error_message": "Geef een geheel getal van 0 tot 10.000.",
        })
    for name in DATE_COLUMNS:
        col = COLUMNS.index(name)
        ws.data_validation(first, col, last, col, {
            "validate": "date", "criteria": "between",
            "minimum": dt.datetime.combine(p.date_min, dt.time()),
            "maximum": dt.datetime.combine(p.date_max, dt.time()),
            "input_title": f"Datum {name}", "input_message": "dd/mm/jjjj; ook geplande datums.",
            "error_title": f"Datum {name}",
            "error_message": f"Geef een datum tussen {p.date_min:%d/%m/%Y} en {p.date_max:%d/%m/%Y} (geen jaartal alleen).",
        })
    col = COLUMNS.index("Type")
    ws.data_validation(first, col, last, col, {
        "validate": "list", "source": TYPE_CHOICES, "ignore_blank": True,
        "error_title": "Type", "error_message": "Kies een type uit de lijst (leeg = nieuwbouw).",
    })
    col = COLUMNS.index("Huur/koop")
    ws.data_validation(first, col, last, col, {
        "validate": "list", "source": [t.name for t in p.tenures], "ignore_blank": True,
        "error_title": "Huur/koop", "error_message": "Kies huur, koop of kavel (leeg = huur).",
    })
