"""Importing messy agenda files, exporting for Dutch Excel, the built-in templates (Qt-free)."""

from __future__ import annotations

import csv
from datetime import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from workshop.agenda.commands import ApplyTemplate, ImportRows, SaveTemplate
from workshop.agenda.exporting import export_csv
from workshop.agenda.importing import (
    Level,
    parse_minutes,
    parse_steps,
    parse_time_cell,
    read_agenda_file,
)
from workshop.agenda.kinds import kind_from_text
from workshop.agenda.planning import plan_times
from workshop.agenda.queries import load_agenda
from workshop.agenda.templates import builtin_templates, saved_templates
from workshop.cli import main as cli_main
from workshop.commands import CommandRunner, History
from workshop.demo import ensure_demo
from workshop.sessions.commands import CreateSession
from workshop.store.library import Library
from workshop.tabular import TableError


def new_session(lib: Library, **fields) -> int:
    command = CreateSession(title="Import", **fields)
    CommandRunner(lib).do(command)
    return command.session_id


DUTCH_EXCEL = (
    "Programma Lessen uit de praktijk;;;;\r\n"
    "\r\n"
    "Onderdeel;Minuten;Soort;Wie;Opmerkingen;Vaste starttijd\r\n"
    "Inloop met koffie;15;welkom;;;\r\n"
    'Pitchronde – vijf casussen;40;pitch;Dagvoorzitter;"4 min per pitch; bel";\r\n'
    ";15;pauze;;;16.00\r\n"
    ";20;;;geen titel en geen soort;\r\n"
    "Werken in teams;tien;subgroepen;;;\r\n"
    "Afsluiting met borrel;15 min;feestje;Organisatie;Café „De Zwijger“ ;16u45\r\n"
    "Oogst;7,5;terugkoppeling;;;\r\n"
)


def test_semicolon_windows_1252_with_problems_per_row(tmp_path: Path):
    path = tmp_path / "programma.csv"
    path.write_bytes(DUTCH_EXCEL.encode("cp1252"))
    preview = read_agenda_file(path)
    assert preview.encoding == "cp1252" and preview.delimiter == ";"
    assert "Windows-1252" in preview.source_description()
    assert set(preview.columns) >= {
        "title",
        "planned_minutes",
        "kind",
        "lead",
        "notes",
        "fixed_start",
    }
    assert len(preview.rows) == 7  # no row dropped, the title line above the header skipped
    by_title = {r.values["title"]: r for r in preview.rows}
    assert by_title["Pitchronde – vijf casussen"].ok
    assert by_title["Pitchronde – vijf casussen"].values["lead"] == "Dagvoorzitter"
    pause = preview.rows[2]
    assert pause.values["title"] == "Pauze" and pause.values["kind"] == "pauze"
    assert pause.values["fixed_start"] == time(16, 0)
    assert pause.ok and pause.problems[0].level is Level.WARNING
    untitled = preview.rows[3]
    assert not untitled.ok and "Geen titel" in untitled.problems[0].message
    bad_minutes = by_title["Werken in teams"]
    assert not bad_minutes.ok
    assert bad_minutes.problems[0].message == "Minuten “tien” is geen getal"
    party = by_title["Afsluiting met borrel"]
    assert party.ok and party.values["kind"] == "overig"
    assert party.values["planned_minutes"] == 15
    assert party.values["fixed_start"] == time(16, 45)
    assert "Onbekende soort “feestje”" in party.problems[0].message
    assert party.values["notes"] == "Café „De Zwijger“"
    assert by_title["Oogst"].values["planned_minutes"] == 8  # 7,5 rounded, with a warning
    assert by_title["Oogst"].problems[0].level is Level.WARNING
    assert len(preview.values()) == 5
    assert len(preview.values(include_errors=True)) == 7


def test_bom_utf8_with_english_headers_and_comma(tmp_path: Path):
    path = tmp_path / "agenda.csv"
    text = "Title,Minutes,Kind,Lead,Notes\nWelcome,10,Welcome,Anna,\nBreak,15,break,,coffee\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    preview = read_agenda_file(path)
    assert preview.encoding == "utf-8-sig"
    assert [r.values["kind"] for r in preview.rows] == ["welkom", "pauze"]
    assert all(r.ok and not r.problems for r in preview.rows)
    assert preview.rows[0].values["title"] == "Welcome"  # not "\ufeffTitle" trouble


def test_xlsx_with_numbers_and_time_cells(tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Programma"
    ws.append(["Onderdeel", "Minuten", "Soort", "Vaste starttijd", "Extra kolom"])
    ws.append(["Welkom", 10, "Welkom", None, "x"])
    ws.append(["Lunch", 30.0, "Lunch", time(12, 30), None])
    ws.append(["Lang", "1:30", "gesprek", None, None])
    path = tmp_path / "agenda.xlsx"
    wb.save(path)
    preview = read_agenda_file(path)
    assert preview.encoding == "xlsx" and preview.sheet == "Programma"
    assert [r.values["planned_minutes"] for r in preview.rows] == [10, 30, 90]
    assert preview.rows[1].values["fixed_start"] == time(12, 30)
    assert preview.rows[1].values["kind"] == "pauze"
    assert any("Extra kolom" in p for p in preview.file_problems)


def test_file_without_title_column_says_so(tmp_path: Path):
    path = tmp_path / "vreemd.csv"
    path.write_text("Naam;Duur\nAnna;10\n", encoding="utf-8")
    preview = read_agenda_file(path)
    assert "title" not in preview.columns
    assert "Geen kolom voor de titel" in preview.file_problems[0]
    assert preview.rows and not preview.rows[0].ok  # shown, not dropped


def test_unreadable_files_raise_clear_errors(tmp_path: Path):
    with pytest.raises(TableError, match="niet gevonden"):
        read_agenda_file(tmp_path / "bestaat-niet.csv")
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"PK\x03\x04 dit is geen excel")
    with pytest.raises(TableError):
        read_agenda_file(broken)
    empty = tmp_path / "leeg.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(TableError, match="leeg"):
        read_agenda_file(empty)


def test_parsers():
    assert parse_minutes("10") == 10
    assert parse_minutes("10 min") == 10
    assert parse_minutes("1:30") == 90
    assert parse_minutes("1,5 uur") == 90
    assert parse_minutes("00:10:00") == 10
    assert parse_minutes("tien") is None
    assert parse_time_cell("16.00") == time(16, 0)
    assert parse_time_cell("16u") == time(16, 0)
    assert parse_time_cell("1645") == time(16, 45)
    assert parse_time_cell("25:00") is None
    assert parse_time_cell("morgen") is None
    steps, bad = parse_steps("1 min Alleen\n2 min – In tweetallen\nonzin")
    assert steps == [{"title": "Alleen", "minutes": 1}, {"title": "In tweetallen", "minutes": 2}]
    assert bad == ["onzin"]
    assert kind_from_text("Koffiepauze") == "pauze"
    assert kind_from_text("Plenaire terugkoppeling") == "terugkoppeling"
    assert kind_from_text("feestje") is None


def test_export_round_trip_opens_in_dutch_excel(lib: Library, tmp_path: Path):
    sid = ensure_demo(lib)
    history = History(CommandRunner(lib))
    world_cafe = next(t for t in builtin_templates("nl") if "World" in t.name)
    history.push(ApplyTemplate(sid, world_cafe.item_values(), world_cafe.name, index=1))
    view = load_agenda(lib, sid)
    path = export_csv(view, tmp_path / "agenda.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    header = next(csv.reader(text.splitlines(), delimiter=";"))
    assert header[:4] == ["Start", "Einde", "Onderdeel", "Minuten"]
    assert "\r\n" in text
    preview = read_agenda_file(path)
    assert preview.delimiter == ";" and all(r.ok for r in preview.rows)
    assert not preview.file_problems  # every column is known (Start/Einde are computed ones)
    other = new_session(lib, start_time=time(15, 0), end_time=time(17, 0))
    CommandRunner(lib).do(ImportRows(other, preview.values()))
    again = load_agenda(lib, other)
    assert [r.values() for r in again.rows] == [r.values() for r in view.rows]


def test_export_protects_formulas_and_survives_round_trip(lib: Library, tmp_path: Path):
    sid = new_session(lib, start_time=time(9, 0))
    CommandRunner(lib).do(ImportRows(sid, [{"title": "=SOM(A1:A3)", "lead": "-- niemand --"}]))
    path = export_csv(load_agenda(lib, sid), tmp_path / "f.csv")
    assert ";'=SOM(A1:A3);" in path.read_text(encoding="utf-8-sig")
    row = read_agenda_file(path).rows[0]
    assert row.values["title"] == "=SOM(A1:A3)" and row.values["lead"] == "-- niemand --"


def test_builtin_templates_load_and_fit(lib: Library):
    templates = builtin_templates("nl")
    names = [t.name for t in templates]
    assert len(templates) >= 5
    assert any("Transitiegesprek" in n for n in names)
    assert any("Pitchronde" in n for n in names)
    assert any("Kick-off" in n for n in names)
    one_two_four = next(t for t in templates if "1-2-4" in t.name)
    (item,) = one_two_four.item_values()
    assert [s["minutes"] for s in item["steps"]][:3] == [1, 2, 4]
    assert one_two_four.method
    cafe = next(t for t in templates if "World" in t.name)
    assert sum(1 for s in cafe.item_values()[0]["steps"] if s["title"].startswith("Ronde")) >= 3
    for t in templates:
        values = t.item_values()
        assert sum(v["planned_minutes"] for v in values) == t.total_minutes
        for v in values:
            if v["steps"]:
                assert sum(s["minutes"] for s in v["steps"]) == v["planned_minutes"], t.name
        if not t.method:
            plan = plan_times([type("I", (), v) for v in values], t.start_time, t.end_time)
            assert plan.fits, (t.name, plan.problems)
    english = builtin_templates("en")
    assert any(t.name == "Method: 1-2-4-All" for t in english)


def test_saved_template_listed(lib: Library):
    sid = ensure_demo(lib)
    rows = [r.values() for r in load_agenda(lib, sid).rows]
    CommandRunner(lib).do(SaveTemplate("Mijn transitiegesprek", rows, "eigen"))
    (saved,) = saved_templates(lib)
    assert saved.name == "Mijn transitiegesprek" and not saved.builtin
    assert [v["title"] for v in saved.item_values()] == [r["title"] for r in rows]


def test_cli_import_export(lib: Library, tmp_path: Path, capsys):
    sid = new_session(lib, start_time=time(15, 0), end_time=time(16, 0))
    src = tmp_path / "in.csv"
    src.write_bytes(DUTCH_EXCEL.encode("cp1252"))
    out = tmp_path / "uit.csv"
    code = cli_main(
        ["--db", lib.url, "agenda", str(sid), "--import", str(src), "--export", str(out)]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "5 rijen geïmporteerd, 2 weggelaten" in printed
    assert "regel 7: fout: Geen titel" in printed
    assert "15:00   15 min  Inloop met koffie" in printed
    assert "Past niet:" in printed
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    code = cli_main(["--db", lib.url, "agenda", str(sid), "--template", "geen-zo-een"])
    assert code == 1


def test_pasted_rows_with_and_without_header():
    from workshop.agenda.importing import preview_text

    preview = preview_text("Welkom\t10\twelkom\tAnna\nPauze\t15\tkoffie\t\t\t16:00\n\tx\n", "plak")
    assert preview.source_description() == "Geplakte regels"
    assert [r.line for r in preview.rows] == [1, 2, 3]
    assert preview.rows[1].values["fixed_start"] == time(16, 0)
    assert not preview.rows[2].ok
    with_header = preview_text("Onderdeel;Minuten\nA;5\n")
    assert [(r.line, r.values["title"], r.values["planned_minutes"]) for r in with_header.rows] == [
        (2, "A", 5)
    ]
    with pytest.raises(TableError):
        preview_text("  \n ")
