"""A small figures file and a folder of returned workbooks whose numbers are computed by hand.

Seven municipalities (a partial figures file is allowed):

| NIS | gemeente | werkingsgebied (WM Vlaamse Ardennen unless noted) | BSO | SIB | T1, T2, T3 |
|---|---|---|---|---|---|
| 41027 | Herzele | Vlaamse Ardennen-Oost | 60+30+10 = 100 | 30 | 24, 23, 23 |
| 41081 | Zottegem | Vlaamse Ardennen-Oost | 100+20 = 120 | 0 | 40, 40, 40 |
| 41063 | Sint-Lievens-Houtem | Vlaamse Ardennen-Oost | 5−10 < 0 → 0 (R2) | 0 | 0, 0, 0 |
| 45035 | Oudenaarde | Vlaamse Ardennen-West | 80+20 = 100 | 20 | 27, 27, 26 |
| 45041 | Ronse | Vlaamse Ardennen-West | 50 | 0 | 17, 17, 16 |
| 44021 | Gent | Gent-stad (Thuispunt Gent) | 2000+100+85 = 2185 | 100 | 695, 695, 695 |
| 34022 | Kortrijk | Kortrijk-regio (SW+) | 300 | 0 | 100, 100, 100 |

Oudenaarde has official counts (30 MJP, 40 KTP, 20 in uitvoering, 30 gerealiseerd: at least MJP
120 ≥ 100, so it qualifies for the envelope with 120 − 100 = 20 extra, R10).

Returned workbooks: Herzele (two projects, below), Zottegem (one project), Oudenaarde twice
(none is used), Gent as bso-xl 0.1.0 filled it (fixture), an unreadable file, and an older
Herzele in ``backup/`` (not read).

Herzele's projects: 40 dwellings MJP 1/3/2026, KTP 1/6/2029; 20 dwellings MJP 1/1/2027, KTP
1/1/2028, works 1/1/2030, completed 1/6/2033. At least MJP / KTP / in uitvoering / gerealiseerd:
31/12/2027: 60/0/0/0; 31/12/2030: 60/60/20/0; 31/12/2033 and later: 60/60/20/20.
R6 for Herzele (T 24, 23, 23; SIB 30): test 2037 asks MJP T1+T2+½SIB = 62, KTP T1+½T2+½SIB =
50.5, realised ½SIB = 15 → gaps 2, −9.5, −5, −5 → shortfall 2; test 2040 asks 70 + ¾·30 = 92.5
on MJP and KTP → shortfall ceil(92.5 − 60) = 33; tests 2028–2034 pass (0).
R8 (Herzele normal huurpremie, 2025 amount 3,684.24): 2037: 2 × 3,684.24 × 100% = 7,368.48 a
year, 22,105.44 over three; 2040: 33 × 3,684.24 × 50% = 60,789.96, 182,369.88 over three.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from bso_xl.figures import read_figures
from bso_xl.workbook import write_workbook

FIXTURES = Path(__file__).parent / "fixtures" / "v0.1.0"
WM = "WM Vlaamse Ardennen"

FIGURES_CSV = """nis,gemeente,aandeel_op_peil,sib,wettelijke_doelgroep,overschrijding,aftopping_9pct,mjp,ktp,in_uitvoering,gerealiseerd,peildatum
41027,Herzele,60,30,10,0,0,,,,,2026-04-30
41081,Zottegem,100,0,20,0,0,,,,,2026-04-30
41063,Sint-Lievens-Houtem,5,0,0,10,0,,,,,2026-04-30
45035,Oudenaarde,80,20,0,0,0,30,40,20,30,2026-04-30
45041,Ronse,50,0,0,0,0,,,,,2026-04-30
44021,Gent,2000,100,85,0,0,,,,,2026-04-30
34022,Kortrijk,300,0,0,0,0,,,,,2026-04-30
"""

D = dt.date
HERZELE_PROJECTS = [
    {"project": "Nieuwbouw Kerkveld", "woningen": 40, "gesloopt": 0, "mjp": D(2026, 3, 1), "ktp": D(2029, 6, 1)},
    {"project": "Hof ter Beke", "woningen": 20, "gesloopt": 0, "mjp": D(2027, 1, 1), "ktp": D(2028, 1, 1),
     "start": D(2030, 1, 1), "oplevering": D(2033, 6, 1)},
]
ZOTTEGEM_PROJECTS = [
    {"project": "Stationsomgeving", "woningen": 50, "gesloopt": 0, "mjp": D(2025, 9, 1), "ktp": D(2027, 3, 1)},
]
# Herzele's shortfall per test (module docstring) and its sanction over three instalments if 2b
HERZELE_SHORTFALL = {2028: 0, 2031: 0, 2034: 0, 2037: 2, 2040: 33}
HERZELE_RISK = {2028: 0, 2031: 0, 2034: 0, 2037: 22105.44, 2040: 182369.88}


def write_figures(folder: Path) -> Path:
    path = folder / "cijfers.csv"
    path.write_text(FIGURES_CSV, encoding="utf-8")
    return path


def returned_folder(folder: Path, figures) -> Path:
    """The folder of returned workbooks described in the module docstring."""
    wb = folder / "teruggestuurd"
    (wb / "backup").mkdir(parents=True)
    write_workbook(wb / "Herzele ingevuld.xlsx", figures.rows["41027"], figures, HERZELE_PROJECTS)
    write_workbook(wb / "41081_Zottegem.xlsx", figures.rows["41081"], figures, ZOTTEGEM_PROJECTS)
    write_workbook(wb / "45035_Oudenaarde.xlsx", figures.rows["45035"], figures, [])
    write_workbook(wb / "Oudenaarde (2).xlsx", figures.rows["45035"], figures, ZOTTEGEM_PROJECTS)
    write_workbook(wb / "backup" / "41027_Herzele.xlsx", figures.rows["41027"], figures, [])
    shutil.copy(FIXTURES / "44021_Gent_ingevuld_libreoffice.xlsx", wb / "gent.xlsx")
    (wb / "kapot.xlsx").write_bytes(b"dit is geen werkboek")
    (wb / "41063_Ronse.ods").write_bytes(b"PK\x03\x04 LibreOffice Calc")  # kept in LibreOffice's format
    (wb / "~$gent.xlsx").write_bytes(b"owner")  # Excel's owner file while gent.xlsx is open
    return wb


def small_case(folder: Path):
    """(figures, returned folder) for the small case."""
    figures = read_figures(write_figures(folder))
    return figures, returned_folder(folder, figures)


# Swap rows as a user types them. VALID: two swaps in two werkingsgebieden of one woonmaatschappij,
# typed by name (other case, spaces) and by NIS code.
VALID_SWAPS = [("Zottegem", "Herzele", 20), (45035, " ronse ", 10)]
# INVALID: one valid row first (it must not be applied alone), then one of each kind of mistake.
INVALID_SWAPS = [
    ("Zottegem", "Herzele", 20),  # valid on its own
    ("Herzele", "Oudenaarde", 5),  # other werkingsgebied (Oost → West)
    ("Sint-Lievens-Houtem", "Zottegem", 1),  # BSO 0 − 1 < 0
    ("Herzle", "Zottegem", 3),  # unknown municipality (typo)
    ("Zottegem", "Herzele", 2.5),  # not a whole number
    ("Zottegem", "Herzele", -3),  # negative
    ("Gent", "Zottegem", 4),  # another woonmaatschappij's werkingsgebied
    ("Zottegem", "Herzele", "vier"),  # text
    ("Zottegem", "", 4),  # incomplete
    ("Ronse", "ronse", 1),  # the same municipality
]
WHAT_IF_VALID = [("Herzele", "Kortrijk", 10)]
WHAT_IF_INVALID = [("Gent", "Kortrijk", 1), ("H*", "Zottegem", 1), (41027, 34022, 10)]
