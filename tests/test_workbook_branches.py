"""Every input branch of the municipal workbook through LibreOffice, in four rich workbooks (issue 13).

Each workbook is written twice: normally (cached values = the engine's numbers) and with
deliberately wrong caches (``poison=True``). LibreOffice recalculates the poisoned copies (one
soffice run for all four); every formula cell must equal the engine's cached value, and the
contract names must equal the numbers computed below by hand from BSO-RULES.md (each with its
computation in a comment) and by direct engine calls.

What the four cases cover between them:

- A (12002 Berlaar, figures file WITH the two ``# vlaams_…`` totals): official BSO, SIB 30 and an
  official interim split T1 40 ≠ T2 70 ≠ T3 100; index rate 2%; raised choice " JA "; permits
  typed in; shortfall overrides valid (3), fractional (2.5) and text ("veel"); amount overrides
  valid (4000) and negative (−1); assessments 2b, 2a, "nog niet gekend", "2B ", garbage; a
  Projecten table with every Status branch (realised, every phase, a net-negative rebuild,
  a text date, a bare year, no date, dates out of order, a time of day on a measurement day,
  koop, kavel, renovatie (REP), VEP with and without Gesloopt, unknown type and tenure,
  fractional and text dwellings, negative Gesloopt, more demolished than built, inhuur, an empty
  row, a project name that looks like a formula); R3 explained from the stated totals.
- B (11001 Aartselaar, figures file WITHOUT the totals): R3 "niet te berekenen"; an index rate
  outside −10%…20% (refused); raised choice garbage (the list applies, with a message); permits
  typed negative (refused); shortfall overrides negative and 0; amount overrides valid (with the
  computed amount refused) and negative; assessments 2a under a refused shortfall, 2b with no
  shortfall, 2b, not typed, empty.
- C (44021 Gent, WITH totals but no provisional figures for Gent): the pot as a number and the
  model "niet te berekenen"; official phase counts judged at the next test; raised choice
  "nee" for a listed municipality; a negative index rate (−5%); no SIB (R9 "niet van
  toepassing"); categories 2 (risk), 2b, 2a.
- D (11005 Boom, WITHOUT totals): SIB above the BSO (capped, regulier 0); raised choice "ja";
  exemption "ja" from typed permits; a net-negative rebuild on the MJP with most of the BSO
  realised, so the whole-BSO bound (R6) decides three tests; amount overrides 0 and 0.5 (valid).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import openpyxl
import pytest

from bso_xl.figures import read_figures
from bso_xl.parameters import load
from bso_xl.rules import Level, project_phase_counts, sanction_for, shortfall, yearly_amount
from bso_xl.rules.project_rows import counted_projects
from bso_xl.workbook import write_workbook
from bso_xl.workbook.guards import NOT_COMPUTED, UNKNOWN_ASSESSMENT, UNKNOWN_CHOICE
from bso_xl.workbook import project_status as ps
from bso_xl.workbook.inputs import WorkbookInputs
from recalc import convert
from workbook_helpers import defined_value, mismatches

pytestmark = pytest.mark.libreoffice
TEST_YEARS = (2028, 2031, 2034, 2037, 2040)
D = dt.date

WITH_TOTALS = """# vlaams_voorlopig_totaal: 45000
# vlaams_gerealiseerd_2024_2025: 1200
nis,aandeel_op_peil,sib,wettelijke_doelgroep,overschrijding,aftopping_9pct,bso,t1,t2,t3,voorlopig_bso,gerealiseerd_2024_2025,gemiddeld_vergunde_woningen,mjp,ktp,in_uitvoering,gerealiseerd,peildatum
12002,150,30,70,10,0,240,40,70,100,250,12,50.5,,,,,
44021,700,0,1500,0,0,,,,,,,,500,200,100,50,31/12/2030
"""
WITHOUT_TOTALS = """nis,aandeel_op_peil,sib,wettelijke_doelgroep,overschrijding,aftopping_9pct,voorlopig_bso,gerealiseerd_2024_2025
11001,60,25,10,5,0,95,3
11005,10,40,0,0,15,,
"""


def row(project, woningen=None, gesloopt=None, mjp=None, ktp=None, start=None, oplevering=None, type=None,
        huur_koop=None):
    return {"project": project, "locatie": "", "type": type, "huur_koop": huur_koop, "woningen": woningen,
            "gesloopt": gesloopt, "mjp": mjp, "ktp": ktp, "start": start, "oplevering": oplevering,
            "opmerking": "", "bron": ""}


# A's projects. "adds" is what R5 counts (net, rental only); the phase on each measurement day
# (31/12 of 2027, 2030, 2033, 2036, 2039) follows from the dates (R5: a later phase counts at
# every earlier level; a date on the measurement day counts, a moment later that day does not).
PROJECTS_A = [
    # adds 20: realised on 30/11/2027 → gerealiseerd at every test
    row("Realised", 20, 0, D(2024, 5, 1), D(2025, 3, 1), D(2026, 1, 10), D(2027, 11, 30)),
    # adds 8 (GW = aankoop): MJP at 2027, KTP from 2030 on
    row("Aankoop", 8, None, D(2027, 2, 1), D(2028, 1, 15), type="GW"),
    # VEP, net 12 − 30 = −18: in uitvoering from 2030, gerealiseerd from 2036 (not flagged: VEP counts net)
    row("Vervangingsbouw", 12, 30, start=D(2029, 6, 1), oplevering=D(2034, 9, 1), type=" vep "),
    # inhuur adds 5: KTP at every test
    row("Inhuur", 5, None, ktp=D(2026, 6, 1), type="inhuur"),
    # RVP adds 6: MJP on the measurement day 31/12/2030 itself (counts at 2030); KTP at noon on
    # 31/12/2033 (too late for 2033) → MJP at 2030 and 2033, KTP from 2036
    row("Renovatie aangekocht", 6, 0, D(2030, 12, 31), dt.datetime(2033, 12, 31, 12, 0), type="RVP"),
    # flagged: KTP is text; adds 10 as MJP from 2026
    row("Tekstdatum", 10, None, D(2026, 1, 1), "15/03/2029"),
    # flagged: MJP is a bare year (2030 = 22/07/1905); adds 7 as KTP from 01/05/2032 (2033 on)
    row("Jaartal", 7, None, 2030, D(2032, 5, 1)),
    # flagged: no date, counts nowhere
    row("Geen datum", 9),
    # flagged: no date; Woningen holds a date, 10/01/1900, which is the number 10 to Excel (Telt 10)
    row("Datum als aantal", D(1900, 1, 10)),
    # flagged: KTP before MJP; adds 11, at KTP from 01/01/2029 (2030 on)
    row("Volgorde", 11, None, D(2030, 1, 1), D(2029, 1, 1)),
    # flagged, add nothing: koop and kavel (only social rental counts)
    row("Koopwoningen", 15, None, D(2026, 1, 1), huur_koop="koop"),
    row("Kavels", 4, None, D(2026, 1, 1), huur_koop="Kavel "),
    # not flagged, adds nothing: renovatie of own dwellings (REP)
    row("Renovatie", 40, None, D(2026, 1, 1), type="REP"),
    # flagged, adds nothing yet: vervangingsbouw without Gesloopt
    row("VEP zonder sloop", 14, None, D(2026, 1, 1), type="vervangingsbouw"),
    # flagged, add nothing: unknown type, unknown tenure, fractional / text dwellings, negative Gesloopt
    row("Villa", 3, None, D(2026, 1, 1), type="villa"),
    row("Huurkoop", 3, None, D(2026, 1, 1), huur_koop="huurkoop"),
    row("Halve woning", 12.5, None, D(2026, 1, 1)),
    row("Tekst woningen", "twaalf", None, D(2026, 1, 1)),
    row("Negatief gesloopt", 5, -2, D(2026, 1, 1)),
    # flagged: nieuwbouw with more demolished than built; adds 4 − 6 = −2 as MJP from 2026
    row("Meer gesloopt", 4, 6, D(2026, 3, 1)),
    # an empty row between projects: Status "" and nothing counted
    row(None),
    # a name that looks like a formula stays text; 0 dwellings counts 0, not flagged
    row("=SUM(A1)", 0, None, D(2026, 1, 1)),
    # adds 2, only a completion date (1/1/2038): gerealiseerd at 2039 only
    row("Enkel oplevering", 2, None, oplevering=D(2038, 1, 1), type="aankoop"),
]
# at least MJP / KTP / in uitvoering / gerealiseerd on each measurement day (sum of the rows above):
#   2027: GER 20; UIT 20; KTP 20 + 5 = 25; MJP 25 + 8 + 10 − 2 = 41
#   2030: GER 20; UIT 20 − 18 = 2; KTP 2 + 8 + 5 + 11 = 26; MJP 26 + 6 + 10 − 2 = 40
#   2033: GER 20; UIT 2; KTP 26 + 7 = 33; MJP 33 + 6 + 10 − 2 = 47
#   2036: GER 20 − 18 = 2; UIT 2; KTP 2 + 8 + 5 + 6 + 7 + 11 = 39; MJP 39 + 10 − 2 = 47
#   2039: GER 2 + 2 = 4; UIT 4; KTP 41; MJP 49
COUNTS_A = {2028: (41, 25, 20, 20), 2031: (40, 26, 2, 20), 2034: (47, 33, 2, 20), 2037: (47, 39, 2, 2),
            2040: (49, 41, 4, 4)}
# R6 requirement (T1 40, T2 70, T3 100, SIB 30), (MJP, KTP, in uitvoering, gerealiseerd):
#   2028: ½·40 + ¼·30 = 27.5, 0, 0, 0             → gaps 0                  → 0
#   2031: 40 + 7.5 = 47.5, ½·40 + 7.5 = 27.5       → gaps 7.5→8, 1.5→2      → 8
#   2034: 40 + 35 + 15 = 90, 40 + 15 = 55          → gaps 43, 22            → 43
#   2037: 110 + 15 = 125, 75 + 15 = 90, 15, 15     → gaps 78, 51, 13, 13    → 78
#   2040: 210 + 22.5 = 232.5, 232.5                → gaps 183.5→184, 191.5→192 → 192
# (the whole-BSO bound 240 − realised never decides here)
SHORTFALL_A = {2028: 0, 2031: 8, 2034: 43, 2037: 78, 2040: 192}

PROJECTS_D = [
    # adds 30: MJP 2026, KTP 2027, started 2028, realised 30/06/2030
    row("Nieuwbouw", 30, 0, D(2026, 1, 15), D(2027, 6, 1), D(2028, 3, 1), D(2030, 6, 30)),
    # VEP rebuild on the MJP: 10 − 30 = −20 at every test
    row("Sloop en herbouw", 10, 30, D(2026, 2, 1), type="VEP"),
]
# D: BSO 35 = SIB 35 (capped from 40), regulier 0. At least (MJP, KTP, UIT, GER):
#   2027: (10, 30, 0, 0); 2030 and later: (10, 30, 30, 30)
# Catch-up requirement: 2028 ¼·35 = 8.75 at MJP → 0; 2031 8.75 at MJP and KTP → 0;
#   2034 17.5 at MJP, KTP → MJP gap 7.5 → 8, but realising the rest of the BSO (35 − 30 = 5)
#   passes → 5; 2037 17.5 at every level → MJP gap 8 → bound 5; 2040 26.25 at MJP, KTP →
#   MJP gap 16.25 → 17 → bound 5.
SHORTFALL_D = {2028: 0, 2031: 0, 2034: 5, 2037: 5, 2040: 5}

# B (no projects; BSO 90, SIB 25, T 22/22/21): 2028 ½·22 + ¼·25 = 17.25 → 18; 2031 22 + 6.25 →
# 29; 2034 22 + 11 + 12.5 = 45.5 → 46; 2037 44 + 12.5 = 56.5 → 57; 2040 65 + 18.75 = 83.75 → 84.
SHORTFALL_B = {2028: 18, 2031: 29, 2034: 46, 2037: 57, 2040: 84}
# C (no projects; BSO 2200, SIB 0, T 734/733/733): 2028 367; 2031 734; 2034 734 + 366.5 →
# 1101; 2037 1467; 2040 2200.
SHORTFALL_C = {2028: 367, 2031: 734, 2034: 1101, 2037: 1467, 2040: 2200}

INPUTS = {
    "A": WorkbookInputs(
        projects=tuple(PROJECTS_A),
        shortfall={2028: 3, 2034: 2.5, 2040: "veel"},
        amount={2028: 4000, 2031: -1},
        assessment={2028: "2b", 2031: "2a", 2034: "nog niet gekend", 2037: "2B ", 2040: "misschien"},
        raised_choice=" JA ", index_rate=0.02, permits=120),
    "B": WorkbookInputs(
        shortfall={2028: -1, 2031: 0},
        amount={2034: 3000, 2037: -50},
        assessment={2028: "2a", 2031: "2b", 2034: "2b", 2040: ""},
        raised_choice="misschien", index_rate=0.5, permits=-3),
    "C": WorkbookInputs(
        assessment={2031: "2b", 2034: "2a", 2037: "nog niet gekend", 2040: "2b"},
        raised_choice="nee", index_rate=-0.05),
    "D": WorkbookInputs(projects=tuple(PROJECTS_D), amount={2028: 0, 2031: 0.5}, assessment={2034: "2b", 2037: "2a"},
                        raised_choice="ja", permits=5),
}
NIS = {"A": "12002", "B": "11001", "C": "44021", "D": "11005"}


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    root = tmp_path_factory.mktemp("branches")
    (root / "met_totalen.csv").write_text(WITH_TOTALS, encoding="utf-8")
    (root / "zonder_totalen.csv").write_text(WITHOUT_TOTALS, encoding="utf-8")
    files = {"A": read_figures(root / "met_totalen.csv"), "C": read_figures(root / "met_totalen.csv"),
             "B": read_figures(root / "zonder_totalen.csv"), "D": read_figures(root / "zonder_totalen.csv")}
    (root / "ref").mkdir()
    (root / "poison").mkdir()
    written = {}
    for key, inputs in INPUTS.items():
        figures = files[key]
        fig = figures.rows[NIS[key]]
        write_workbook(root / "ref" / f"{key}.xlsx", fig, figures, inputs=inputs)
        write_workbook(root / "poison" / f"{key}.xlsx", fig, figures, inputs=inputs, poison=True)
        written[key] = fig
    keys = list(INPUTS)
    recalculated = convert([root / "poison" / f"{k}.xlsx" for k in keys], root / "lo")
    return {k: (written[k], root / "ref" / f"{k}.xlsx", lo) for k, lo in zip(keys, recalculated)}


@pytest.fixture(scope="module")
def books(cases):
    return {k: openpyxl.load_workbook(lo, data_only=True) for k, (_, _, lo) in cases.items()}


def test_every_formula_cell_equals_the_engine(cases):
    problems = []
    for _, reference, recalculated in cases.values():
        problems += mismatches(reference, recalculated)
    assert problems == []


def test_the_poisoned_copies_were_recalculated(cases):
    """The proof that LibreOffice computed: no poisoned cache (STALE …, +7,654,321) survived."""
    book = openpyxl.load_workbook(cases["A"][2], data_only=True)
    values = [c.value for ws in book.worksheets for r in ws.iter_rows() for c in r]
    assert not any(isinstance(v, str) and v.startswith("STALE") for v in values)
    assert not any(isinstance(v, (int, float)) and v > 7_000_000 for v in values)


def name(book, key):
    return defined_value(book, key)


# --- shortfall from the projects (R5, R6): hand figures and the engine from first principles ---

@pytest.mark.parametrize("key, expected", [("A", SHORTFALL_A), ("B", SHORTFALL_B), ("C", SHORTFALL_C),
                                           ("D", SHORTFALL_D)])
def test_tekort_equals_hand_computation_and_engine(cases, books, key, expected):
    fig = cases[key][0]
    obj = fig.objective()
    projects = counted_projects(list(INPUTS[key].projects))
    for year in TEST_YEARS:
        counts = project_phase_counts(projects, load().tests[year].measured)
        assert shortfall(obj.t1, obj.t2, obj.t3, obj.sib, year, counts) == expected[year], (key, year)
        assert name(books[key], f"Tekort_{year}") == expected[year], (key, year)


def test_a_counts_per_level_equal_hand_computation(books):
    ws = books["A"]["Voortgang"]
    for index, year in enumerate(TEST_YEARS):
        got = tuple(ws.cell(row=5 + index, column=3 + level).value for level in range(4))
        assert got == COUNTS_A[year], year


def test_d_whole_bso_bound_decides(books):
    # R6: with 30 of 35 realised, 5 more realised pass, though the MJP gap is 8 (2034, 2037) or 17 (2040).
    ws = books["D"]["Voortgang"]
    assert [ws.cell(row=5 + i, column=12).value for i in range(5)] == [
        "—", "—", "rest van het BSO", "rest van het BSO", "rest van het BSO"]


def test_objective_names(books):
    # A: official BSO 240, SIB 30, T 40/70/100; D: identity 10 + 40 − 15 = 35, SIB 40 capped at 35.
    a, d = books["A"], books["D"]
    assert [name(a, n) for n in ("BSO", "SIB", "Regulier", "Tussentijds_T1", "Tussentijds_T2", "Tussentijds_T3")] \
        == [240, 30, 210, 40, 70, 100]
    assert [name(d, n) for n in ("BSO", "SIB", "Regulier", "Tussentijds_T1")] == [35, 35, 0, 0]
    # C: 2200 split in equal thirds, remainder first: 734, 733, 733 (R4)
    assert [name(books["C"], f"Tussentijds_T{i}") for i in (1, 2, 3)] == [734, 733, 733]


# --- sanction, categories and budget (R7, R8) ---------------------------------------------------

def test_a_guarded_inputs(books):
    a = books["A"]
    assert name(a, "Verhoogd") == 1            # " JA " → ja (listed: not raised)
    assert name(a, "Indexatie_gebruikt") == pytest.approx(0.02, abs=1e-12)
    # 2028: override 3 × override 4000 × 25% = 3,000.00 per year, assessed 2b
    assert name(a, "Sanctie_2028") == 3000
    assert name(a, "Categorie_2028") == "2b"
    assert name(a, "Verwachte_kost_2028") == 9000
    assert name(a, "Risico_2028") == 0
    # 2031: amount −1 refused → no sanction; assessed 2a → nothing in the budget
    assert name(a, "Sanctie_2031") == NOT_COMPUTED
    assert name(a, "Categorie_2031") == "2a"
    assert name(a, "Verwachte_kost_2031") == 0 and name(a, "Risico_2031") == 0
    # 2034: shortfall 2.5 refused → category "—", nothing computed
    assert name(a, "Categorie_2034") == "—"
    assert name(a, "Sanctie_2034") == NOT_COMPUTED
    assert name(a, "Verwachte_kost_2034") == NOT_COMPUTED
    # 2037: "2B " is 2b; 78 missing × 12 × (202.64 + 4 × 33.77) × 1.02^12 × 100%
    #   4,052.64 × 1.02^12 = 4,052.64 × 1.268241794562545… = 5,139.727… → 5,139.73 (to the cent)
    #   78 × 5,139.73 = 400,898.94
    assert yearly_amount(2037, True, "0.02") == Decimal("5139.73")
    assert name(a, "Categorie_2037") == "2b"
    assert name(a, "Sanctie_2037") == pytest.approx(400898.94, abs=0.005)
    assert name(a, "Verwachte_kost_2037") == pytest.approx(3 * 400898.94, abs=0.005)
    # 2040: text shortfall refused; garbage assessment is flagged and counts as not yet known
    assert name(a, "Categorie_2040") == "—"
    ws = a["Sanctie"]
    check_row = 26  # Sanctie: header on row 11, "Controle beoordeling" is the 15th step
    assert ws.cell(row=check_row, column=6).value == UNKNOWN_ASSESSMENT
    assert ws.cell(row=check_row, column=5).value in (None, "")  # "2B " is accepted


def test_a_budget_years(books):
    a = books["A"]
    # 2028's instalments 2029–2031: 3,000; 2031 is 2a: 2032–2034 0; 2034 refused: 2035–2037 a message;
    # 2037's 2038–2040: 400,903.62; 2040 refused: 2041–2043 a message.
    expected = {2029: 3000, 2030: 3000, 2031: 3000, 2032: 0, 2033: 0, 2034: 0, 2035: NOT_COMPUTED,
                2036: NOT_COMPUTED, 2037: NOT_COMPUTED, 2038: 400898.94, 2039: 400898.94, 2040: 400898.94,
                2041: NOT_COMPUTED, 2042: NOT_COMPUTED, 2043: NOT_COMPUTED}
    for year, value in expected.items():
        got = name(a, f"Budget_{year}")
        assert got == (value if isinstance(value, str) else pytest.approx(value, abs=0.005)), year


def test_a_index_projection_per_year(books):
    # R8: (1 + 2%)^(test year − 2025), the base year 2025 for every test after the last known amount
    ws = books["A"]["Sanctie"]
    factor_row = 18  # Sanctie: header on row 11, "Indexfactor" is the 7th step, the base year the 6th
    for index, year in enumerate(TEST_YEARS):
        assert ws.cell(row=factor_row, column=2 + index).value == pytest.approx(1.02 ** (year - 2025), rel=1e-12)
        assert ws.cell(row=factor_row - 1, column=2 + index).value == 2025


def test_b_refusals(books):
    b = books["B"]
    assert name(b, "Verhoogd") == 1  # "misschien": the list applies (Aartselaar: raised)
    ws = b["Sanctie"]
    assert ws["C5"].value == UNKNOWN_CHOICE
    assert isinstance(name(b, "Indexatie_gebruikt"), str)  # 50% refused
    # 2028: shortfall −1 refused → "—" although assessed 2a
    assert name(b, "Categorie_2028") == "—"
    # 2031: shortfall 0 typed → category 1 whatever the assessment (2b)
    assert name(b, "Categorie_2031") == "1"
    assert name(b, "Risico_2031") == 0 and name(b, "Verwachte_kost_2031") == 0
    # 2034: 46 missing × typed 3,000 × 50% = 69,000.00 (the typed amount is used although the
    # computed one is refused); 2b → 3 × 69,000 expected
    assert name(b, "Sanctie_2034") == 69000
    assert name(b, "Verwachte_kost_2034") == 207000
    # 2037: typed amount −50 refused; 2040: computed amount refused (index): both not computed
    assert name(b, "Sanctie_2037") == NOT_COMPUTED and name(b, "Categorie_2037") == "2"
    assert name(b, "Sanctie_2040") == NOT_COMPUTED and name(b, "Categorie_2040") == "2"
    assert name(b, "Risico_2040") == NOT_COMPUTED
    budgets = [name(b, f"Budget_{y}") for y in range(2029, 2044)]
    assert budgets == [NOT_COMPUTED] * 3 + [0] * 3 + [69000] * 3 + [NOT_COMPUTED] * 6


def test_c_negative_index_nee_and_risk(books):
    c = books["C"]
    assert name(c, "Verhoogd") == 0  # "nee" for a listed (raised) municipality
    # 2028 not assessed → category 2; 367 × round(3,684.24 × 0.95^3, 2) × 25% per year, as a risk
    #   0.95^3 = 0.857375; 3,684.24 × 0.857375 = 3,158.775… → 3,158.78 (to the cent);
    #   367 × 3,158.78 × 25% = 289,818.065 → 289,818.07 (half a cent, rounded away from zero)
    assert yearly_amount(2028, False, "-0.05") == Decimal("3158.78")
    assert name(c, "Categorie_2028") == "2"
    assert name(c, "Sanctie_2028") == pytest.approx(289818.07, abs=0.005)
    assert name(c, "Risico_2028") == pytest.approx(3 * 289818.07, abs=0.005)
    assert name(c, "Verwachte_kost_2028") == 0
    assert [name(c, f"Categorie_{y}") for y in TEST_YEARS] == ["2", "2b", "2a", "2", "2b"]
    # the engine from first principles for every test: shortfall × indexed amount × percentage
    for year in TEST_YEARS:
        sanction = sanction_for(SHORTFALL_C[year], yearly_amount(year, False, "-0.05"), year)
        assert name(c, f"Sanctie_{year}") == pytest.approx(float(sanction), abs=0.005), year


def test_d_sanctions_and_budget(books):
    d = books["D"]
    assert name(d, "Verhoogd") == 1  # "ja" (Boom is not on the list)
    # raised amount 4,052.64 (2025, no index): 2034 5 × 4,052.64 × 50% = 10,131.60 (2b);
    # 2037 5 × 4,052.64 × 100% = 20,263.20 (2a); 2040 5 × 4,052.64 × 50% = 10,131.60 (risk)
    assert [name(d, f"Sanctie_{y}") for y in TEST_YEARS] == pytest.approx([0, 0, 10131.60, 20263.20, 10131.60],
                                                                         abs=0.005)
    assert [name(d, f"Categorie_{y}") for y in TEST_YEARS] == ["1", "1", "2b", "2a", "2"]
    assert name(d, "Verwachte_kost_2034") == pytest.approx(30394.80, abs=0.005)
    assert name(d, "Risico_2040") == pytest.approx(30394.80, abs=0.005)
    budgets = [name(d, f"Budget_{y}") for y in range(2029, 2044)]
    assert budgets == pytest.approx([0] * 6 + [10131.60] * 3 + [0] * 3 + [10131.60] * 3, abs=0.005)
    # typed amounts 0 and 0.5 (2028, 2031) are valid amounts, not refusals: the amount used is the typed one
    ws = d["Sanctie"]
    assert [ws.cell(row=21, column=c).value for c in (2, 3)] == [0, 0.5]


# --- R3, R5 flags, R9, official counts ---------------------------------------------------------

def test_r3_pot_with_and_without_flemish_totals(books):
    # A: 250 − min(12, 250) + 250/45,000 × 1,200 = 238 + 6.667 = 244.667 → 245 (rounded: a partial file)
    assert name(books["A"], "Pot_Vlaanderen") == 1200
    assert name(books["A"], "Model_definitief") == 245
    assert Fraction(250) - 12 + Fraction(250, 45000) * 1200 == Fraction(734, 3)
    # C: the file states the totals but gives Gent no provisional figure: the pot is known, the model not
    assert name(books["C"], "Pot_Vlaanderen") == 1200
    assert name(books["C"], "Model_definitief") == "niet te berekenen"
    # B, D: a partial file without the totals cannot explain the pot (R3)
    for key in ("B", "D"):
        assert name(books[key], "Pot_Vlaanderen") == "niet te berekenen", key
        assert name(books[key], "Model_definitief") == "niet te berekenen", key


def test_r5_flagged_rows_and_statuses(books):
    # A: text date, bare year, no date, order, koop, kavel, VEP without Gesloopt, villa, huurkoop,
    # 12.5, "twaalf", Gesloopt −2, more demolished than built, a second row without a date (REP and
    # the empty row are not problems)
    assert name(books["A"], "Projecten_problemen") == 14
    assert name(books["D"], "Projecten_problemen") == 0
    ws = books["A"]["Projecten"]
    header = [c.value for c in ws[6]]
    status, telt = header.index("Status"), header.index("Telt")
    rows = {r[0].value: (r[telt].value, r[status].value) for r in ws.iter_rows(min_row=7, max_row=6 + len(PROJECTS_A))}
    assert rows["Vervangingsbouw"] == (-18, "telt -18 woningen gerealiseerd vanaf 01/09/2034")
    assert rows["Renovatie aangekocht"] == (6, "telt 6 woningen als KTP vanaf 31/12/2033")
    assert rows["Tekstdatum"] == (10, ps.FLAG + "KTP" + ps.MSG_TEXT_DATE)
    assert rows["Jaartal"] == (7, ps.FLAG + "MJP" + ps.MSG_INVALID_DATE)
    assert rows["Geen datum"] == (9, ps.MSG_NO_DATE)
    assert rows["Datum als aantal"] == (10, ps.MSG_NO_DATE)
    assert rows["Volgorde"] == (11, ps.MSG_ORDER)
    assert rows["Koopwoningen"] == (0, ps.FLAG + "koop" + ps.MSG_NOT_RENTAL)
    assert rows["Kavels"] == (0, ps.FLAG + "kavel" + ps.MSG_NOT_RENTAL)
    assert rows["Renovatie"] == (0, "renovatie" + ps.MSG_ADDS_NOTHING)
    assert rows["VEP zonder sloop"] == (0, ps.MSG_DEMOLISHED_MISSING)
    assert rows["Meer gesloopt"] == (-2, ps.MSG_MORE_DEMOLISHED)
    assert rows["=SUM(A1)"] == (0, "telt 0 woningen als MJP vanaf 01/01/2026")
    assert rows[None] == (0, None)


def test_r9_exemption_statuses(books):
    # A: (210 + 30) / 17 = 14.1 per year, not above 25% × 120 typed = 30 → nee
    assert name(books["A"], "Vrijstelling_toets") == "nee"
    # B: permits −3 refused → niet te berekenen (B has a SIB)
    assert name(books["B"], "Vrijstelling_toets") == "niet te berekenen"
    # C: no SIB → niet van toepassing
    assert name(books["C"], "Vrijstelling_toets") == "niet van toepassing"
    # D: (0 + 35) / 17 = 2.06 per year > 25% × 5 = 1.25 → ja
    assert name(books["D"], "Vrijstelling_toets") == "ja"


def test_official_counts_judged_at_the_next_test(books):
    # C: counts of 31/12/2030 judged at 2031: at least KTP 200 + 100 + 50 = 350 against ½·734 = 367
    # → 17 missing; at least MJP 850 ≥ 734.
    ws = books["C"]["Voortgang"]
    cells = {c.value: ws.cell(row=c.row, column=3).value for r in ws.iter_rows() for c in r
             if isinstance(c.value, str) and c.value.startswith("Tekort volgens de officiële tellingen")}
    assert cells == {"Tekort volgens de officiële tellingen bij de toets 2031": 17}
    assert shortfall(734, 733, 733, 0, 2031, {Level.MJP: 500, Level.KTP: 200, Level.UITVOERING: 100,
                                             Level.GEREALISEERD: 50}) == 17
