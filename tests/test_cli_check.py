"""`bso-xl check` end to end through bso_xl.cli.main (figures file → engine → output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bso_xl.cli import main
from bso_xl.model import DEMO_LABEL

HEADER = "nis,gemeente,aandeel_op_peil,sib,wettelijke_doelgroep,overschrijding,aftopping_9pct,bso"
KEYS = ["nis", "gemeente", "bso", "sib", "regulier", "t1", "t2", "t3", "verhoogde_huurpremie", "waarschuwingen"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "cijfers.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_json_on_a_small_valid_file(tmp_path, capsys):
    path = write(tmp_path, f"{HEADER}\n11001,Aartselaar,60,20,10,5,0,\n11005,Boom,30,50,0,0,0,40\n")
    code, out, err = run(capsys, "check", "--figures", str(path), "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)["gemeenten"]
    assert [list(row) for row in rows] == [KEYS, KEYS]
    # Aartselaar: 60 + 20 + 10 − 5 − 0 = 85 (R2); SIB 20, regulier 65 = 22 + 22 + 21 (R4, the
    # remainder to the earliest legislatures); raised huurpremie from the reference list.
    assert rows[0] == {
        "nis": "11001", "gemeente": "Aartselaar", "bso": 85, "sib": 20, "regulier": 65,
        "t1": 22, "t2": 22, "t3": 21, "verhoogde_huurpremie": True, "waarschuwingen": [],
    }
    # Boom: components 30 + 50 = 80, official BSO 40 wins (R2, warning); SIB 50 counted as 40
    # (never above the BSO), so regulier 0 → 0, 0, 0; Boom has the normal huurpremie.
    assert rows[1] == {
        "nis": "11005", "gemeente": "Boom", "bso": 40, "sib": 40, "regulier": 0,
        "t1": 0, "t2": 0, "t3": 0, "verhoogde_huurpremie": False,
        "waarschuwingen": [
            "officieel BSO 40 verschilt van de som van de componenten 80",
            "SIB 50 begrensd tot het BSO 40 (R2)",
        ],
    }


def test_check_table_output(tmp_path, capsys):
    path = write(tmp_path, f"{HEADER}\n11001,Aartselaar,60,20,10,5,0,\n")
    code, out, _ = run(capsys, "check", "--figures", str(path))
    assert code == 0
    assert "11001\tAartselaar\t85\t20\t65\t22\t22\t21\tja\t" in out


def test_bad_file_exits_2_with_a_message_and_no_traceback(tmp_path, capsys):
    path = write(tmp_path, f"{HEADER}\n11001,Aartselaar,60,-20,10,5,0,\n")
    code, out, err = run(capsys, "check", "--figures", str(path), "--json")
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert str(path) in err and "rij 2" in err and "kolom 'sib'" in err and "geen negatief getal" in err


def test_formula_text_in_gemeente_is_a_name_mismatch(tmp_path, capsys):
    path = write(tmp_path, f'{HEADER}\n11001,"=HYPERLINK(""http://x"",""Aartselaar"")",60,20,10,5,0,\n')
    code, _, err = run(capsys, "check", "--figures", str(path), "--json")
    assert code == 2
    assert "Traceback" not in err
    assert 'gevonden \'=HYPERLINK("http://x","Aartselaar")\'' in err
    assert "rij 2" in err and "kolom 'gemeente'" in err and "'Aartselaar'" in err


@pytest.mark.parametrize("name, content", [
    ("ontbreekt.csv", None),
    ("cijfers.xlsx", "geen werkboek"),
    ("cijfers.pdf", "%PDF"),
    ("leeg.csv", ""),
])
def test_unreadable_files_exit_2_without_traceback(tmp_path, capsys, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "check", "--figures", str(path))
    assert code == 2
    assert str(path) in err and "verwacht" in err
    assert "Traceback" not in err


def test_check_without_figures_uses_the_demo(capsys):
    demo = Path(__file__).parent.parent / "bso_xl" / "data" / "voorbeeldcijfers.csv"
    if not demo.exists():
        pytest.skip("bso_xl/data/voorbeeldcijfers.csv is not there yet")
    code, out, _ = run(capsys, "check", "--json")
    assert code == 0
    rows = json.loads(out)["gemeenten"]
    assert len(rows) == 285
    assert all(row["waarschuwingen"][0] == DEMO_LABEL for row in rows)


R3_WARNING = ("R3: dit bestand dekt niet alle 285 gemeenten en vermeldt geen Vlaamse totalen "
              "(# vlaams_voorlopig_totaal, # vlaams_gerealiseerd_2024_2025): de pot kan niet verklaard worden")


def test_check_warns_when_the_r3_pot_cannot_be_explained(tmp_path, capsys):
    # Two municipalities with provisional figures and no Flemish totals: a share of their sum is
    # not Flanders' pot (R3), so check says the pot cannot be explained instead of guessing.
    path = write(tmp_path, f"{HEADER},voorlopig_bso,gerealiseerd_2024_2025,eigen notitie\n"
                           "11001,Aartselaar,60,20,10,5,0,,80,3,x\n11005,Boom,30,50,0,0,0,40,45,2,\n")
    code, out, err = run(capsys, "check", "--figures", str(path))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    header = lines.index("NIS\tgemeente\tBSO\tSIB\tregulier\tT1\tT2\tT3\tverhoogde huurpremie\twaarschuwingen")
    above = lines[:header]
    assert above == [
        f"# waarschuwing: {path}, rij 1: kolommen die bso-xl niet kent worden niet gelezen: 'eigen notitie'",
        f"# waarschuwing: {R3_WARNING} (voorlopig_bso en gerealiseerd_2024_2025 ingevuld voor 2 gemeenten)",
    ]
    code, out, _ = run(capsys, "check", "--figures", str(path), "--json")
    result = json.loads(out)
    assert result["bestand"] == str(path)
    assert result["waarschuwingen"] == [line.removeprefix("# waarschuwing: ") for line in above]
    assert [r["nis"] for r in result["gemeenten"]] == ["11001", "11005"]


def test_check_has_no_r3_warning_when_the_file_states_the_flemish_totals(tmp_path, capsys):
    path = write(tmp_path, "# vlaams_voorlopig_totaal: 45000\n# vlaams_gerealiseerd_2024_2025: 1234\n"
                           f"{HEADER},voorlopig_bso,gerealiseerd_2024_2025\n11001,Aartselaar,60,20,10,5,0,,80,3\n")
    code, out, _ = run(capsys, "check", "--figures", str(path), "--json")
    assert code == 0
    assert json.loads(out)["waarschuwingen"] == []


def test_check_has_no_r3_warning_without_provisional_figures(tmp_path, capsys):
    path = write(tmp_path, f"{HEADER}\n11001,Aartselaar,60,20,10,5,0,\n")
    code, out, _ = run(capsys, "check", "--figures", str(path))
    assert code == 0 and "# waarschuwing" not in out
