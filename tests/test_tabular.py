"""Reading messy people lists: separators, encodings, XLSX, unreadable files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from workshop.i18n import set_language
from workshop.tabular import (
    TableError,
    find_column,
    name_columns,
    normalise_header,
    read_csv_text,
    read_table,
)

pytestmark = pytest.mark.usefixtures("english")


DUTCH_ROWS = (
    "Voornaam;Tussenvoegsel;Achternaam;Organisatie;Themavoorkeur\r\n"
    "Jörg;;Müller;Gemeente Zwolle;Energy Hubs\r\n"
    "Anneke;van der;Berg;Provincie Overijssel;Energiegemeenschappen\r\n"
    ";;;;\r\n"
    "Françoise;;Dubois;Coöperatie Zon & Co;Wijkuitvoeringsplannen\r\n"
    'José;de;Groot;"Enexis; netbeheer";Energy Hubs\r\n'
)


def test_semicolon_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "aanmeldingen.csv"
    path.write_bytes(DUTCH_ROWS.encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "cp1252"
    assert table.delimiter == ";"
    assert table.headers == [
        "Voornaam",
        "Tussenvoegsel",
        "Achternaam",
        "Organisatie",
        "Themavoorkeur",
    ]
    assert len(table.rows) == 4  # the empty ";;;;" line is skipped
    assert table.rows[0]["Achternaam"] == "Müller"
    assert table.rows[2]["Organisatie"] == "Coöperatie Zon & Co"
    assert table.rows[3]["Organisatie"] == "Enexis; netbeheer"
    assert table.line_numbers == [2, 3, 5, 6]
    names = name_columns(table.headers)
    assert names is not None
    assert [names.name_of(r) for r in table.rows] == [
        "Jörg Müller",
        "Anneke van der Berg",
        "Françoise Dubois",
        "José de Groot",
    ]


def test_utf8_bom_comma(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes("\ufeffName,Organisation,Role\nÆsa Ødegård,Kommune,Chair\n".encode())
    table = read_table(path)
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ","
    assert table.headers[0] == "Name"  # no BOM glued to the first header
    assert table.rows == [{"Name": "Æsa Ødegård", "Organisation": "Kommune", "Role": "Chair"}]


def test_plain_utf8_tab_and_title_line(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text(
        "Aanmeldingen transitiegesprek\n\nnaam\torganisatie\nEva\tGemeente\nBram\tWoningcorporatie\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.encoding == "utf-8"
    assert table.delimiter == "\t"
    assert table.headers == ["naam", "organisatie"]
    assert [r["naam"] for r in table.rows] == ["Eva", "Bram"]


def test_utf16_excel_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("naam\torganisatie\r\nEva\tGemeente\r\n".encode("utf-16"))
    table = read_table(path)
    assert table.encoding == "utf-16"
    assert table.rows == [{"naam": "Eva", "organisatie": "Gemeente"}]


def test_sep_line_ragged_rows_and_duplicate_headers() -> None:
    table = read_csv_text("sep=,\nnaam,org,org\nEva,A\nBram,B,C,extra\n")
    assert table.delimiter == ","
    assert table.headers[:3] == ["naam", "org", "org (2)"]
    assert len(table.headers) == 4  # the extra cell gets a column, not dropped
    assert table.rows[0]["org (2)"] == ""
    assert table.rows[1][table.headers[3]] == "extra"


def test_xlsx_made_with_openpyxl(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Aanmeldingen"
    ws.append(["Naam", "Organisatie", "Aantal", "Aangemeld"])
    ws.append(["Sanne de Vries", "Gemeente Deventer", 2.0, datetime(2026, 3, 12)])
    ws.append([None, None, None, None])
    ws.append(["  Pieter  Jansen ", None, 3, None])
    path = tmp_path / "aanmeldingen.xlsx"
    wb.save(path)
    table = read_table(path)
    assert table.encoding == "xlsx"
    assert table.delimiter == ""
    assert table.sheet == "Aanmeldingen"
    assert table.headers == ["Naam", "Organisatie", "Aantal", "Aangemeld"]
    assert table.rows[0] == {
        "Naam": "Sanne de Vries",
        "Organisatie": "Gemeente Deventer",
        "Aantal": "2",
        "Aangemeld": "2026-03-12",
    }
    assert table.line_numbers == [2, 4]
    names = name_columns(table.headers)
    assert names is not None and names.name_of(table.rows[1]) == "Pieter Jansen"


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.csv", b"", "empty"),
        ("blank.csv", b"\n\n  \n", "empty"),
        ("broken.xlsx", b"PK\x03\x04 this is not a zip", "Excel"),
        ("fake.xlsx", b"naam;org\n", "Excel"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "CSV or XLSX"),
    ],
)
def test_unreadable_files_give_a_clear_error(
    tmp_path: Path, name: str, content: bytes, fragment: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableError) as info:
        read_table(path)
    message = str(info.value)
    assert fragment in message or fragment.lower() in message.lower()


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(TableError):
        read_table(tmp_path / "nope.csv")
    with pytest.raises(TableError):
        read_table(tmp_path)


def test_header_matching() -> None:
    assert normalise_header(" E-mail ") == "email"
    assert normalise_header("Organisatië") == "organisatie"
    assert find_column(["Naam", "ORGANISATIE "], ["organisation", "organisatie"]) == "ORGANISATIE "
    assert find_column(["Naam"], ["rol", "role"]) is None
    assert name_columns(["E-mail", "Rol"]) is None


def test_error_message_in_dutch(tmp_path: Path) -> None:
    set_language("nl")
    path = tmp_path / "leeg.csv"
    path.write_bytes(b"")
    with pytest.raises(TableError, match="leeg.csv is leeg"):
        read_table(path)
