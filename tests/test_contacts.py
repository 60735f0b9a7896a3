"""read_contacts (bso_xl/contacts.py): e-mail recipients per municipality (issue #10)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import xlsxwriter

from bso_xl.contacts import Contact, read_contacts
from bso_xl.errors import ContactsError
from bso_xl.municipalities import municipalities


def write_csv(tmp_path: Path, rows: list[list], name: str = "contacten.csv") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ContactsError) as info:
        read_contacts(path)
    return str(info.value).splitlines()


def test_contacts_are_read_and_normalised(tmp_path):
    path = write_csv(tmp_path, [
        ["NIS", "Naam", "E-mail", "Rol", "CC"],
        ["11001", "Jan Peeters", "Jan.Peeters@Aartselaar.BE", "financieel directeur", "a@aartselaar.be; B@Aartselaar.be,"],
        ["11001", "Zoë Ünal-Çelik", "zoe@aartselaar.be", "", ""],
        ["11005", "Анна Іваненко", "anna@boom.be", "", ""],
    ])
    contacts = read_contacts(path)
    assert contacts.by_nis == {
        "11001": [
            Contact("11001", "Jan Peeters", "Jan.Peeters@aartselaar.be", "financieel directeur",
                    ("a@aartselaar.be", "B@aartselaar.be"), 2),
            Contact("11001", "Zoë Ünal-Çelik", "zoe@aartselaar.be", None, (), 3),
        ],
        "11005": [Contact("11005", "Анна Іваненко", "anna@boom.be", None, (), 4)],
    }
    assert contacts.missing(["11001", "11002", "11005", "11007"]) == ["11002", "11007"]
    assert len(contacts.missing()) == len(municipalities()) - 2


def test_contacts_from_xlsx_prefer_the_contacten_sheet(tmp_path):
    path = tmp_path / "contacten.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Uitleg").write_string(0, 0, "lees mij")
    sheet = book.add_worksheet("Contacten")
    sheet.write_row(0, 0, ["nis", "naam", "email"])
    sheet.write_row(1, 0, [11001, "Jan Peeters", "jan@aartselaar.be"])
    book.close()
    assert read_contacts(path).by_nis["11001"][0].email == "jan@aartselaar.be"


def test_every_problem_at_once(tmp_path):
    path = write_csv(tmp_path, [
        ["nis", "naam", "email", "cc"],
        ["99999", "X", "x@gemeente.be", ""],
        ["11001", "Jan Peeters", "", ""],
        ["11001", "Jan Peeters", "jan.peeters.aartselaar.be", ""],
        ["11001", "Jan Peeters", "jan@aartselaar.be; piet@aartselaar.be", ""],
        ["11001", "Jan <jan@aartselaar.be>", "Jan <jan@aartselaar.be>", ""],
        ["11001", "Jöran", "jöran@aartselaar.be", "goed@aartselaar.be; slecht@"],
        ["11001", "Jan Peeters", "jan@aartselaar", ""],
        ["11005", "Piet", "PIET@boom.be", ""],
        ["11005", "Piet", "piet@BOOM.be", ""],
    ])
    assert problems(path) == [
        f"{path}, rij 2, kolom 'nis': gevonden '99999'; verwacht: de NIS-code van een van de 285 Vlaamse gemeenten (2025)",
        f"{path}, rij 3, kolom 'email': gevonden ''; verwacht: een e-mailadres, bv. financien@gemeente.be (verplichte kolom, niet leeg)",
        f"{path}, rij 4, kolom 'email': gevonden 'jan.peeters.aartselaar.be'; verwacht: een geldig e-mailadres, "
        "bv. financien@gemeente.be (er staat geen @ in)",
        f"{path}, rij 5, kolom 'email': gevonden 'jan@aartselaar.be; piet@aartselaar.be'; verwacht: een geldig "
        "e-mailadres, bv. financien@gemeente.be (meer dan één @: één adres per cel, extra adressen in de kolom cc)",
        f"{path}, rij 6, kolom 'email': gevonden 'Jan <jan@aartselaar.be>'; verwacht: een geldig e-mailadres, "
        "bv. financien@gemeente.be (enkel het adres, zonder naam of < >: de naam hoort in de kolom naam)",
        f"{path}, rij 7, kolom 'email': gevonden 'jöran@aartselaar.be'; verwacht: een geldig e-mailadres, bv. "
        "financien@gemeente.be (letters als é of ö vóór de @ aanvaarden veel mailservers niet)",
        f"{path}, rij 7, kolom 'cc': gevonden 'goed@aartselaar.be; slecht@'; verwacht: e-mailadressen gescheiden "
        "door ; of , ('slecht@': na de @ hoort een domein met een punt, bv. gemeente.be)",
        f"{path}, rij 8, kolom 'email': gevonden 'jan@aartselaar'; verwacht: een geldig e-mailadres, bv. "
        "financien@gemeente.be (na de @ hoort een domein met een punt, bv. gemeente.be)",
        f"{path}, rij 10, kolom 'email': gevonden 'piet@BOOM.be'; verwacht: elk adres één keer per gemeente "
        "(piet@boom.be staat ook op rij 9 bij NIS 11005)",
    ]


@pytest.mark.parametrize("column, value", [
    ("naam", "Jan\nBcc: alle@gemeenten.be"),
    ("naam", "Jan\rPeeters"),
    ("naam", "Jan\u2028Peeters"),
    ("email", "jan@aartselaar.be\nBcc: alle@gemeenten.be"),
    ("cc", "a@aartselaar.be\r\nBcc: alle@gemeenten.be"),
])
def test_line_breaks_are_refused_header_injection(tmp_path, column, value):
    # A newline in a name or an address would end up in a mail header (To:, Cc:) and could add
    # recipients; refused wherever it appears, with the column named.
    cells = {"nis": "11001", "naam": "Jan", "email": "jan@aartselaar.be", "cc": ""}
    cells[column] = value
    path = write_csv(tmp_path, [list(cells), list(cells.values())])
    (line,) = problems(path)
    assert line.startswith(f"{path}, rij 2, kolom '{column}': gevonden ")
    assert ("regeleinde" in line)


def test_missing_required_columns_and_unknown_ones(tmp_path):
    path = write_csv(tmp_path, [["nis", "gemeente", "adres"], ["11001", "Aartselaar", "jan@aartselaar.be"]])
    with pytest.raises(ContactsError) as info:
        read_contacts(path)
    assert str(info.value).splitlines() == [
        f"{path}, kolom 'naam'; verwacht: een verplichte kolom 'naam'",
        f"{path}, kolom 'email'; verwacht: een verplichte kolom 'email'",
    ]
    assert info.value.warnings == (f"{path}, rij 1: kolommen die bso-xl niet kent worden niet gelezen: 'gemeente', 'adres'",)
