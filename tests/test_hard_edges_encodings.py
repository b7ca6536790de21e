"""Encodings and Excel's own time forms (issue 12): read, and warn where guessed."""

from __future__ import annotations

from datetime import datetime, time

from workshop.agenda.importing import parse_time_cell, read_agenda_file
from workshop.tabular import read_table


def test_mixed_utf8_and_windows_1252_lines_are_each_decoded_and_reported(tmp_path):
    path = tmp_path / "gemengd.csv"
    lines = [
        b"Naam;Organisatie",
        "José Müller;Gemeente".encode(),  # UTF-8
        "Zoë Çelik;Buurtteam".encode("cp1252"),  # Windows-1252
        "Renée;Dorpsraad".encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    table = read_table(path)
    names = [row["Naam"] for row in table.rows]
    assert names == ["José Müller", "Zoë Çelik", "Renée"]
    assert len(table.warnings) == 1 and "3" in table.warnings[0]
    assert "Windows-1252" in table.warnings[0]


def test_plain_windows_1252_gets_no_warning(tmp_path):
    path = tmp_path / "oud.csv"
    path.write_bytes("Naam;Organisatie\nZoë;Org\n".encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "cp1252" and table.warnings == []


def test_utf16_without_bom_is_read_as_csv(tmp_path):
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.csv"
        path.write_bytes("Naam;Organisatie\r\nZoë;Gemeente\r\nBram;Buurt\r\n".encode(codec))
        table = read_table(path)
        assert [row["Naam"] for row in table.rows] == ["Zoë", "Bram"], codec


def test_a_huge_cell_is_one_clear_error(tmp_path):
    import pytest

    from workshop.tabular import TableError

    path = tmp_path / "groot.csv"
    path.write_text('Naam;Notitie\nA;"' + "x" * 200_000 + '"\n', encoding="utf-8")
    with pytest.raises(TableError, match="groot.csv"):
        read_table(path)


def test_excel_time_forms():
    assert parse_time_cell("0.6875") == time(16, 30)
    assert parse_time_cell("0,5") == time(12, 0)
    assert parse_time_cell("1899-12-30 16:30") == time(16, 30)
    assert parse_time_cell("2026-12-04T09:15:00") == time(9, 15)
    assert parse_time_cell("16:00") == time(16, 0)
    assert parse_time_cell("1.5") is None


def test_agenda_xlsx_fixed_start_as_fraction_or_datetime(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Onderdeel", "Minuten", "Vaste starttijd"])
    ws.append(["Opening", 10, None])
    ws.append(["Pauze", 15, 0.6875])
    ws.append(["Plenair", 20, datetime(1899, 12, 30, 17, 15)])
    path = tmp_path / "agenda.xlsx"
    wb.save(path)
    preview = read_agenda_file(path)
    fixed = [row.values.get("fixed_start") for row in preview.rows]
    assert fixed == [None, time(16, 30), time(17, 15)]
    assert not any(row.problems for row in preview.rows)
