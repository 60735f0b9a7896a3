"""What the engine says when it refuses an input, word for word (mutation-testing survivors).

The rules raise ``ValueError`` with a Dutch sentence that names the value and what is allowed;
the figures check, the regeneration report and the functions' error notes pass it on. Mutation
testing (benchmarks/mutation.py) showed that no test read these sentences, so a message emptied
or garbled would have passed. Each case below states the sentence expected, which follows from the
rule cited: e.g. R7/R8 test years 2028…2040, R4 T1–T3 ≥ 0, R10 whole dwellings.
"""

from __future__ import annotations

import importlib

import pytest

from bso_xl.rules import Components, Level, objective, project_type

rules = {name: importlib.import_module(f"bso_xl.rules.{name}")  # modules, not the re-exported functions
         for name in ("exemption", "growth_path", "nulmeting", "objective", "progress", "sanction", "swap")}
TEST_YEARS = "2028, 2031, 2034, 2037, 2040"  # R6/R7: the five voortgangstoetsen


def refusal(call) -> str:
    with pytest.raises(ValueError) as raised:
        call()
    return str(raised.value)


@pytest.mark.parametrize("call, expected", [
    # R6 and R8: only the five test years have a growth-path percentage and a sanction percentage
    (lambda: rules["growth_path"].regular_need(10, 20, 30, 2029),
     f"2029 is geen toetsjaar; toetsjaren zijn {TEST_YEARS}"),
    (lambda: rules["sanction"].sanction_percentage(2030),
     f"2030 is geen toetsjaar; toetsjaren zijn {TEST_YEARS}"),
    # R8: the huurpremie table starts in 2019
    (lambda: rules["sanction"].known_amount_year(1990),
     "geen huurpremiebedrag gekend vóór of in 1990 (eerste: 2019)"),
    (lambda: rules["sanction"].yearly_sanction(-1, 2028),
     "ontbrekende woningen moeten een geheel getal ≥ 0 zijn, niet -1"),
    # R7: the assessment is what the workbook's dropdown offers; a shortfall is never negative
    (lambda: rules["progress"].assessment_key("2c"),
     "beoordeling '2c' onbekend; toegelaten: leeg, nog niet gekend, 2a, 2b"),
    (lambda: rules["progress"].category(-1), "tekort moet ≥ 0 zijn, niet -1"),
    # R4
    (lambda: rules["objective"].split_interim(-3), "regulier objectief moet ≥ 0 zijn, niet -3"),
    # R5
    (lambda: Level.parse("bouw"), "onbekend niveau 'bouw'; toegelaten: MJP, KTP, UITVOERING, GEREALISEERD"),
    # R3
    (lambda: rules["nulmeting"].provisional_to_final([1, 2], [0]),
     "voorlopige en gerealiseerde aantallen hebben niet dezelfde lengte"),
    (lambda: rules["nulmeting"].provisional_to_final([1], [-1]), "aantallen woningen moeten ≥ 0 zijn"),
    (lambda: rules["nulmeting"].final_from_flemish_totals(-1, 0, 5, 0), "aantallen woningen moeten ≥ 0 zijn"),
    (lambda: rules["nulmeting"].final_from_flemish_totals(10, 0, 5, 0),
     "som van de voorlopige BSO's 5 moet ≥ het voorlopige BSO 10 en > 0 zijn"),
    # R9
    (lambda: rules["exemption"].average_permits([1, 2], 0), "het vergunningenvenster moet minstens één jaar zijn"),
    (lambda: rules["exemption"].exemption_test(-1, 0, 0), "regulier objectief en SIB moeten ≥ 0 zijn"),
    (lambda: rules["exemption"].exemption_test(1, 1, -1),
     "het gemiddeld aantal vergunde woningen moet een getal ≥ 0 zijn"),
    # R10: whole dwellings, in Dutch, also for text (int("x") would say it in English)
    (lambda: rules["swap"].envelope_room(1.5, 0, 0), "BSO moet een geheel aantal woningen zijn, niet 1.5"),
    (lambda: rules["swap"].envelope_room(1, True, 0), "gerealiseerd moet een geheel aantal woningen zijn, niet True"),
    (lambda: rules["swap"].envelope_room(1, 0, "x"), "planning moet een geheel aantal woningen zijn, niet 'x'"),
    (lambda: rules["swap"].envelope_room(-1, 0, 0), "BSO moet ≥ 0 zijn, niet -1"),
    (lambda: rules["swap"].objective_after_swap(None, "3"),
     "wijziging van het BSO moet een geheel aantal woningen zijn, niet '3'"),
    (lambda: rules["swap"].objective_after_swap(None, 0.5),
     "wijziging van het BSO moet een geheel aantal woningen zijn, niet 0.5"),
])
def test_a_refusal_names_the_value_and_what_is_allowed(call, expected):
    assert refusal(call) == expected


def test_an_unknown_project_type_lists_every_name_and_code():
    message = refusal(lambda: project_type("villa"))
    names, codes = message.split("toegelaten: ")[1].split(" of een VMSW-code ")
    assert message.startswith("onbekend projecttype 'villa'; ")
    assert names.split(", ")[:2] == ["nieuwbouw", "aankoop"]  # R5, parameters/projecten.yaml
    assert codes == "(NB, GW, RVP, VVP, VEP, REP)"


def test_r10_every_problem_of_a_swap_is_listed_in_words():
    bso = {"11001": 5, "11002": 3, "11004": 1}
    areas = {"11001": "WM A", "11002": "WM B"}  # 11004 has no werkingsgebied
    result = rules["swap"].validate_swap(bso, areas, {"11001": -7, "11002": 3, "11004": 1, "99999": 2})
    assert not result.valid
    assert result.errors == (
        "onbekende NIS-code(s): 99999",
        "de som van de wijzigingen moet 0 zijn, niet -1",
        "werkingsgebied onbekend voor: 11004, 99999",
        "alle gemeenten moeten tot hetzelfde werkingsgebied behoren",
        "11001: BSO zou -2 worden; geen gemeente gaat onder 0",
    )
    assert result.new_bso == {"11001": -2, "11002": 6, "11004": 2}  # 5 − 7, 3 + 3, 1 + 1
    two_unknown = rules["swap"].validate_swap(bso, areas, {"99998": 1, "99999": -1})
    assert two_unknown.errors[0] == "onbekende NIS-code(s): 99998, 99999"


def test_r10_the_objective_after_a_swap_says_it_was_swapped():
    before = objective(Components(aandeel_op_peil=100, sib=0, wettelijke_doelgroep=0, overschrijding=0,
                                  aftopping_9pct=0))  # R2 identity: BSO 100
    after = rules["swap"].objective_after_swap(before, -40)
    assert after.bso == 60
    assert after.warnings == before.warnings + ("ruil: BSO 100 → 60 (R10)",)
