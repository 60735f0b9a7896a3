"""``rapport.xlsx``: the change report of a generate run, one row per municipality (for people).

Dutch labels, Belgian formats, protected (nothing to type here), printable on A4 landscape. The
same data goes to ``rapport.json`` for programs (:mod:`bso_xl.report`).
"""

from __future__ import annotations

import io

import xlsxwriter

from ..parameters import load
from ..report import ChangeReport
from ..workbook.styles import Styles
from ..workbook.worksheet import MemoisedWorksheet
from .changes import euro

TITLE = "Rapport"


def report_bytes(report: ChangeReport) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": "bso-xl — rapport van de wijzigingen", "author": "bso-xl"})
    styles = Styles(book)
    ws = book.add_worksheet(TITLE, worksheet_class=MemoisedWorksheet)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&Lbso-xl — rapport&RPagina &P van &N")
    years = [str(y) for y in load().test_years]
    ws.write_string(0, 0, "Wat er veranderde per gemeente", styles["title"])
    demo = " — VOORBEELDCIJFERS, geen officiële cijfers" if report.voorbeeldcijfers else ""
    ws.write_string(1, 0, f"Gemaakt {report.gemaakt} met cijferbestand {report.cijferbestand}{demo}.", styles["note"])
    counts = {}
    for change in report.gemeenten:
        counts[change.status] = counts.get(change.status, 0) + 1
    ws.write_string(2, 0, "; ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "geen gemeenten",
                    styles["bold"])
    headers = (["NIS", "Gemeente", "Status", "BSO oud", "BSO nieuw", "SIB nieuw", "Invoer overgenomen"]
               + [f"Tekort {y}" for y in years] + [f"Risico {y} (indien 2b)" for y in years]
               + ["Wijzigingen", "Waarschuwingen"])
    header_row = 4
    for col, label in enumerate(headers):
        ws.write_string(header_row, col, label, styles["header"])
    ws.set_row(header_row, 42)
    widths = [7, 18, 12, 8, 8, 8, 10] + [8] * len(years) + [14] * len(years) + [50, 60]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    for offset, change in enumerate(report.gemeenten, start=1):
        r = header_row + offset
        ws.write_string(r, 0, change.nis, styles["text"])
        ws.write_string(r, 1, change.gemeente, styles["text"])
        ws.write_string(r, 2, change.status, styles["bold"] if change.status != "ongewijzigd" else styles["text"])
        if change.oud is not None:
            ws.write_number(r, 3, change.oud.bso, styles["whole"])
        if change.nieuw is not None:
            ws.write_number(r, 4, change.nieuw.bso, styles["whole"])
            ws.write_number(r, 5, change.nieuw.sib, styles["whole"])
            for i, year in enumerate(years):
                if year in change.nieuw.shortfall:
                    ws.write_number(r, 7 + i, change.nieuw.shortfall[year], styles["whole"])
                risk = change.nieuw.risk.get(year)
                col = 7 + len(years) + i
                if isinstance(risk, str):
                    ws.write_string(r, col, risk, styles["warning"])
                elif risk is not None:
                    ws.write_number(r, col, float(risk), styles["euro"])
        ws.write_number(r, 6, change.invoer_overgenomen, styles["whole"])
        ws.write_string(r, 7 + 2 * len(years), "; ".join(change.wijzigingen), styles["text"])
        ws.write_string(r, 8 + 2 * len(years), "; ".join(change.waarschuwingen), styles["warning"])
    last = header_row + len(report.gemeenten)
    if report.gemeenten:
        ws.autofilter(header_row, 0, last, len(headers) - 1)
    ws.freeze_panes(header_row + 1, 2)
    ws.repeat_rows(header_row)
    ws.protect("", {"autofilter": True, "sort": True, "format_columns": True, "format_rows": True})
    book.close()
    return buffer.getvalue()


def console_lines(report: ChangeReport) -> list[str]:
    """A plain table for the terminal: one line per municipality that is not unchanged, then a count."""
    lines = []
    for change in report.gemeenten:
        if change.status == "ongewijzigd":
            continue
        detail = "; ".join(change.wijzigingen[:3] + change.waarschuwingen[:2])
        lines.append(f"{change.nis}  {change.gemeente:<28.28} {change.status:<12} "
                     f"invoer {change.invoer_overgenomen:>3}  {detail}")
    counts: dict[str, int] = {}
    for change in report.gemeenten:
        counts[change.status] = counts.get(change.status, 0) + 1
    lines.append("samen: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    return lines


__all__ = ["report_bytes", "console_lines", "euro"]
