"""Sheet *Projecten*: the input table of social rental housing projects (R5)."""

from __future__ import annotations

import datetime as dt

from .context import Book, protect

TITLE = "Projecten"
TABLE = "Projecten"
COLUMNS = ("Project", "Locatie", "Woningen", "Gesloopt", "MJP", "KTP", "Start", "Oplevering", "Opmerking")
DATE_COLUMNS = ("MJP", "KTP", "Start", "Oplevering")
EMPTY_ROWS = 50
HEADER_ROW = 3
DATE_MIN = dt.date(2020, 1, 1)
DATE_MAX = dt.date(2045, 12, 31)
WIDTHS = {"Project": 36, "Locatie": 22, "Woningen": 10, "Gesloopt": 10, "Opmerking": 48}
STYLE = {"Woningen": "input_whole", "Gesloopt": "input_whole", **{c: "input_date" for c in DATE_COLUMNS}}


def table_rows(project_count: int) -> int:
    """At least 50 empty rows after the projects, so officers can add their own."""
    return project_count + EMPTY_ROWS


def write(book: Book, projects: list[dict]) -> None:
    s = book.sheet(TITLE, "#BF9000")
    ws = s.ws
    s.heading(f"Projecten — {book.model.figures.name}",
              "Vul hier de sociale huurprojecten in (gele cellen). Per fase de datum waarop het project die "
              "fase bereikte: MJP = meerjarenplanning, KTP = kortetermijnplanning, Start = in uitvoering, "
              "Oplevering = gerealiseerd. Een project telt op een meetdatum op een niveau als de vroegste "
              "datum van dat niveau of een latere fase op of vóór die meetdatum ligt. Telling is netto: "
              "Woningen − Gesloopt (R5).", len(COLUMNS) - 1, 54)
    for col, name in enumerate(COLUMNS):
        ws.set_column(col, col, WIDTHS.get(name, 12))

    rows = table_rows(len(projects))
    first, last = HEADER_ROW + 1, HEADER_ROW + rows
    ws.add_table(HEADER_ROW, 0, last, len(COLUMNS) - 1, {
        "name": TABLE,
        "style": "Table Style Light 9",
        "columns": [{"header": c, "format": s.styles[STYLE.get(c, "input_text")]} for c in COLUMNS],
    })
    for offset, project in enumerate(projects):
        row = first + offset
        for col, name in enumerate(COLUMNS):
            value = project.get(name.lower())
            if value is None or value == "":
                s.blank(row, col, STYLE.get(name, "input_text"))
            elif name in DATE_COLUMNS:
                s.date(row, col, value, "input_date")
            elif name in ("Woningen", "Gesloopt"):
                s.number(row, col, value, "input_whole")
            else:
                s.text(row, col, value, "input_text")
    for offset in range(len(projects), rows):
        for col, name in enumerate(COLUMNS):
            s.blank(first + offset, col, STYLE.get(name, "input_text"))

    _validate(ws, first, last)
    ws.freeze_panes(first, 1)
    ws.repeat_rows(HEADER_ROW)
    protect(s)


def _validate(ws, first: int, last: int) -> None:
    for name in ("Woningen", "Gesloopt"):
        col = COLUMNS.index(name)
        ws.data_validation(first, col, last, col, {
            "validate": "integer", "criteria": ">=", "value": 0,
            "input_title": name, "input_message": "Geheel aantal woningen (≥ 0).",
            "error_title": name, "error_message": "Geef een geheel getal ≥ 0.",
        })
    for name in DATE_COLUMNS:
        col = COLUMNS.index(name)
        ws.data_validation(first, col, last, col, {
            "validate": "date", "criteria": "between",
            "minimum": dt.datetime.combine(DATE_MIN, dt.time()),
            "maximum": dt.datetime.combine(DATE_MAX, dt.time()),
            "input_title": f"Datum {name}", "input_message": "dd/mm/jjjj, tussen 2020 en 2045.",
            "error_title": f"Datum {name}", "error_message": "Geef een datum tussen 01/01/2020 en 31/12/2045.",
        })
