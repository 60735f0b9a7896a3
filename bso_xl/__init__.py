"""bso-xl: the Flemish bindend sociaal objectief (BSO 2026–2042) as one rules engine with three
faces: the engine (:mod:`bso_xl.rules`), generated Excel workbooks (:mod:`bso_xl.workbook`) and
Excel functions through xlwings (:mod:`bso_xl.udfs`)."""

__version__ = "0.1.0"
