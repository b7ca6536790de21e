"""Importing registration lists: messy CSV, BOM, XLSX, duplicates, re-import updates."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from workshop.commands import CommandRunner, History
from workshop.demo.builders import new_session
from workshop.people.importer import (
    ImportListError,
    RowAction,
    parse_consent,
    preview_file,
    preview_for_session,
)
from workshop.people.queries import list_people
from workshop.store.library import Library

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def session_id(library: Library) -> int:
    return new_session(library, "Kennissessie")


MESSY = (
    "Aanmeldingen kennissessie 12 mei\r\n"
    "\r\n"
    "Voornaam;Tussenvoegsel;Achternaam;Organisatie;Functie;E-mailadres;Themavoorkeur;"
    "Tweede keuze;Mag genoemd worden\r\n"
    "Jörg;;Müller;Gemeente Zwolle;beleidsmedewerker;jorg@zwolle.nl;Energy Hubs;"
    "Energiegemeenschappen;ja\r\n"
    "Anneke;van der;Berg;Provincie Overijssel;;a.berg@overijssel.nl;Energiegemeenschappen;;nee\r\n"
    ";;;Enexis;netbeheerder;info@enexis.nl;Energy Hubs;;\r\n"
    "Françoise;;Dubois;Coöperatie Zon & Co;;f.dubois@zon.nl;Energy Hubs;;misschien\r\n"
    "José;de;Groot;Gemeente Zwolle;;JORG@zwolle.nl;Wijkuitvoeringsplannen;;ja\r\n"
    "Karin;;Smit;Gemeente Deventer;;k.smit@deventer;Energy Hub;;x\r\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_messy_semicolon_windows_1252(tmp_path: Path) -> None:
    path = write(tmp_path, "aanmeldingen.csv", MESSY, "cp1252")
    preview = preview_file(path)
    assert preview.encoding == "cp1252" and preview.delimiter == ";"
    rows = preview.rows
    assert len(rows) == 6, "every non-empty row is shown, none dropped"
    assert rows[0].name == "Jörg Müller"
    assert rows[0].values["organisation"] == "Gemeente Zwolle"
    assert rows[0].values["role"] == "beleidsmedewerker"
    assert rows[0].values["second_theme"] == "Energiegemeenschappen"
    assert rows[0].values["may_be_named"] is True and rows[0].action == RowAction.NEW
    assert rows[1].name == "Anneke van der Berg" and rows[1].values["may_be_named"] is False
    # missing name: shown, skipped, with the reason
    assert rows[2].action == RowAction.SKIP
    assert "No name" in rows[2].problems[0]
    # unclear consent: imported as "no" with a remark
    assert rows[3].values["may_be_named"] is False
    assert any("misschien" in p for p in rows[3].problems)
    # duplicate e-mail (case-insensitive): the later row is skipped and says which row
    assert rows[4].action == RowAction.SKIP
    assert f"row {rows[0].line}" in rows[4].problems[0]
    # a rare theme close to a common one, and a bad e-mail address
    assert any("Energy Hub" in p and "did you mean" in p for p in rows[5].problems)
    assert any("e-mail" in p for p in rows[5].problems)
    assert preview.count(RowAction.NEW) == 4 and preview.count(RowAction.SKIP) == 2


def test_unknown_theme_against_session_themes(tmp_path: Path) -> None:
    path = write(tmp_path, "l.csv", "naam,thema\nAnn,energie\nBo,Mobiliteit\n", "utf-8")
    preview = preview_file(path, known_themes=["Energie", "Wonen"])
    assert preview.rows[0].values["theme_preference"] == "Energie"  # known spelling
    assert preview.rows[0].problems == []
    assert preview.rows[1].problems == ["Unknown theme “Mobiliteit”"]
    assert preview.rows[1].action == RowAction.NEW  # a remark, not a reason to drop


def test_bom_comma_english_headers(tmp_path: Path) -> None:
    text = "Name,Organisation,Role,Email,Involvement,Initiative,Theme,Consent\n"
    text += "Ann Lee,City of Delft,advisor,ann@delft.nl,resident,Repair café,Energy,yes\n"
    path = write(tmp_path, "list.csv", "\ufeff" + text, "utf-8")
    preview = preview_file(path)
    assert preview.encoding == "utf-8-sig"
    row = preview.rows[0]
    assert row.values == {
        "name": "Ann Lee",
        "organisation": "City of Delft",
        "role": "advisor",
        "email": "ann@delft.nl",
        "involvement": "resident",
        "initiative": "Repair café",
        "theme_preference": "Energy",
        "may_be_named": True,
    }


def test_xlsx(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Naam", "Organisatie", "Rol", "E-mail", "Initiatief"])
    sheet.append(["Piet Jansen", "Wijkraad Noord", "voorzitter", "piet@noord.nl", "Buurttuin"])
    sheet.append(["Sara Bos", "GGD", None, None, None])
    path = tmp_path / "lijst.xlsx"
    book.save(path)
    preview = preview_file(path)
    assert preview.encoding == "xlsx"
    assert [r.name for r in preview.rows] == ["Piet Jansen", "Sara Bos"]
    assert preview.rows[0].values["initiative"] == "Buurttuin"
    assert preview.rows[1].values["role"] == ""


def test_no_name_column_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "organisatie;rol\nGGD;arts\n", "utf-8")
    with pytest.raises(ImportListError, match="No name column"):
        preview_file(path)


def test_duplicate_name_without_email(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "naam;organisatie\nAnn;A\nann ;B\n", "utf-8")
    rows = preview_file(path).rows
    assert rows[0].action == RowAction.NEW
    assert rows[1].action == RowAction.SKIP and "Same name as row 2" in rows[1].problems[0]


def test_consent_words() -> None:
    assert parse_consent("Ja") is True and parse_consent("x") is True
    assert parse_consent("nee") is False and parse_consent("") is False
    assert parse_consent("later") is None


def test_import_then_reimport_updates_and_undo(
    tmp_path: Path, library: Library, session_id: int
) -> None:
    history = History(CommandRunner(library))
    first = write(
        tmp_path,
        "v1.csv",
        "naam;organisatie;e-mail;thema\n"
        "Ann de Wit;Gemeente A;ann@a.nl;Energie\n"
        "Bo Kok;Stichting B;;Wonen\n",
        "utf-8",
    )
    preview = preview_for_session(library, session_id, first)
    command = preview.command(session_id)
    assert command is not None
    history.push(command)
    people = list_people(library, session_id)
    assert [p.name for p in people] == ["Ann de Wit", "Bo Kok"]
    ids = {p.name: p.id for p in people}

    # v2: Ann changed organisation (matched by e-mail, even with a new name spelling),
    # Bo matched by exact name, blank cells keep what is known, Cas is new.
    second = write(
        tmp_path,
        "v2.csv",
        "naam;organisatie;e-mail;thema\n"
        "Ann de Wit-Smit;Provincie;ANN@a.nl;\n"
        "Bo Kok;Stichting B;bo@b.nl;Wonen\n"
        "Cas Ruis;C;cas@c.nl;Energie\n",
        "utf-8",
    )
    preview = preview_for_session(library, session_id, second)
    assert [r.action for r in preview.rows] == [RowAction.UPDATE, RowAction.UPDATE, RowAction.NEW]
    assert preview.rows[0].participant_id == ids["Ann de Wit"]
    assert set(preview.rows[0].changed) == {"name", "organisation", "email"}
    history.push(preview.command(session_id))
    people = {p.name: p for p in list_people(library, session_id)}
    assert set(people) == {"Ann de Wit-Smit", "Bo Kok", "Cas Ruis"}
    assert people["Ann de Wit-Smit"].id == ids["Ann de Wit"]
    assert people["Ann de Wit-Smit"].theme_preference == "Energie"  # blank did not wipe it
    assert people["Bo Kok"].email == "bo@b.nl"

    # importing the same list again changes nothing
    again = preview_for_session(library, session_id, second)
    assert {r.action for r in again.rows} == {RowAction.UNCHANGED}
    assert again.command(session_id) is None

    history.undo()
    people = {p.name: p for p in list_people(library, session_id)}
    assert set(people) == {"Ann de Wit", "Bo Kok"}
    assert people["Ann de Wit"].organisation == "Gemeente A" and people["Bo Kok"].email == ""
    history.redo()
    assert {p.name for p in list_people(library, session_id)} == {
        "Ann de Wit-Smit",
        "Bo Kok",
        "Cas Ruis",
    }
