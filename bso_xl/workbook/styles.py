"""Cell formats shared by every sheet.

Number formats are stored as neutral codes (`€ #,##0.00`, `dd/mm/yyyy`); Excel shows them with
the user's Belgian separators (€ 1.234,56). Input cells are unlocked and yellow; everything
else stays locked under sheet protection.
"""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

EURO = "€ #,##0.00"
DATE = "dd/mm/yyyy"
WHOLE = "#,##0"
DECIMAL = "#,##0.0##"
HALF = "#,##0.0"  # a requirement that is a real half (½·T1 with T1 odd): 364,5
FACTOR = "0.0000"
YES_NO = '"ja";"ja";"nee"'  # shows 1 as ja and 0 as nee
PERCENT = "0%"
PERCENT_DECIMAL = "0.0%"

INPUT_FILL = "#FFF2CC"  # light yellow: "you may type here"
INPUT_BORDER = "#BF9000"
HEADER_FILL = "#1F4E79"
GOOD_FILL = "#C6EFCE"
GOOD_FONT = "#006100"
BAD_FILL = "#FFC7CE"
BAD_FONT = "#9C0006"
DEMO_FILL = "#F4B084"


class Styles:
    """Formats created once per workbook, looked up by name: ``styles["euro"]``."""

    def __init__(self, workbook: Workbook):
        add = workbook.add_format
        base = {"font_name": "Calibri", "font_size": 10, "valign": "top"}
        inp = {**base, "locked": False, "bg_color": INPUT_FILL, "border": 1, "border_color": INPUT_BORDER}
        self._formats = {
            "text": add(base),
            "wrap": add({**base, "text_wrap": True}),
            "bold": add({**base, "bold": True}),
            "bold_left": add({**base, "bold": True, "align": "left"}),
            "title": add({**base, "bold": True, "font_size": 16, "font_color": HEADER_FILL}),
            "subtitle": add({**base, "bold": True, "font_size": 12, "font_color": HEADER_FILL}),
            "header": add({**base, "bold": True, "font_color": "white", "bg_color": HEADER_FILL,
                           "text_wrap": True, "border": 1}),
            "note": add({**base, "italic": True, "font_color": "#595959"}),
            "note_wrap": add({**base, "italic": True, "font_color": "#595959", "text_wrap": True}),
            "demo": add({**base, "bold": True, "font_size": 12, "bg_color": DEMO_FILL, "border": 2}),
            "demo_wrap": add({**base, "bold": True, "font_size": 12, "bg_color": DEMO_FILL, "border": 2,
                              "text_wrap": True}),
            "warning": add({**base, "bold": True, "font_color": BAD_FONT}),
            "whole": add({**base, "num_format": WHOLE}),
            "whole_bold": add({**base, "num_format": WHOLE, "bold": True}),
            "decimal": add({**base, "num_format": DECIMAL}),
            "half": add({**base, "num_format": HALF}),
            "factor": add({**base, "num_format": FACTOR}),
            "note_small": add({**base, "italic": True, "font_color": "#595959", "font_size": 9}),
            "yes_no": add({**base, "num_format": YES_NO}),
            "yes_no_bold": add({**base, "num_format": YES_NO, "bold": True}),
            "euro": add({**base, "num_format": EURO}),
            "euro_bold": add({**base, "num_format": EURO, "bold": True}),
            "percent": add({**base, "num_format": PERCENT}),
            "percent_decimal": add({**base, "num_format": PERCENT_DECIMAL}),
            "date": add({**base, "num_format": DATE, "align": "left"}),
            "input_text": add(inp),
            "input_whole": add({**inp, "num_format": WHOLE}),
            "input_decimal": add({**inp, "num_format": DECIMAL}),
            "input_euro": add({**inp, "num_format": EURO}),
            "input_percent": add({**inp, "num_format": PERCENT_DECIMAL}),
            "input_date": add({**inp, "num_format": DATE}),
            "good": add({"bg_color": GOOD_FILL, "font_color": GOOD_FONT}),
            "bad": add({"bg_color": BAD_FILL, "font_color": BAD_FONT}),
            "invisible": add({"font_color": "#FFFFFF"}),
        }

    def __getitem__(self, name: str):
        return self._formats[name]
