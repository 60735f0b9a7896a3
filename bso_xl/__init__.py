"""bso-xl: the Flemish bindend sociaal objectief (BSO 2026–2042) as one rules engine with three
faces: the engine (:mod:`bso_xl.rules`), generated Excel workbooks (:mod:`bso_xl.workbook`) and
Excel functions through xlwings (:mod:`bso_xl.udfs`)."""

__version__ = "0.2.0"
# The municipal workbook's layout: 1 = bso-xl 0.1.0 (inputs found by position), 2 = inputs found
# by defined names and the identity in custom document properties. Readers of returned workbooks
# use it to know how to find the officer's inputs.
LAYOUT_VERSION = 2
