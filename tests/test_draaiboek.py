"""The draaiboek: speaking times filled, no empty columns, clickable links, who has no group."""

from __future__ import annotations

from pypdf import PdfReader
from report_helpers import pdf_text, squash

from workshop.reports import ReportOptions, build_pdf
from workshop.reports.data import (
    AgendaEntry,
    GroupInfo,
    Person,
    ReportData,
    RoundInfo,
    SessionInfo,
)


def _data(**item_extra) -> ReportData:
    people = tuple(
        Person(n, f"Persoon{n} Achternaam", "Gemeente Voorbeeld", "rol", "aanwezig", True)
        for n in range(1, 9)
    ) + (
        Person(20, "Laat Binnen", presence="aanwezig", walk_in=True),
        Person(21, "Niet Gekomen", presence="afwezig"),
    )
    groups = tuple(
        GroupInfo(
            g,
            g,
            f"Groep {g}",
            table_name=f"Tafel {g}",
            host_id=None,
            rapporteur_id=g * 4 - 3,
            speaking_minutes=5 if g == 2 else None,
            member_ids=tuple(range(g * 4 - 3, g * 4 + 1)),
        )
        for g in (1, 2)
    )
    agenda = (
        AgendaEntry(
            1, 0, "In subgroepen", "subgroepen", 30, notes="Canvas op https://example.org/canvas"
        ),
        AgendaEntry(2, 1, "Plenaire terugkoppeling", "terugkoppeling", 20, **item_extra),
    )
    return ReportData(
        SessionInfo(1, "Bijeenkomst", online_link="https://zoom.example/j/1"),
        agenda=agenda,
        participants=people,
        rounds=(RoundInfo(1, 1, agenda_item_id=1, groups=groups),),
    )


def _write(data, tmp_path, **options):
    path = tmp_path / "d.pdf"
    build_pdf(data, ReportOptions(kind="draaiboek", **options), path)
    return path, squash(pdf_text(path))


def test_speaking_time_comes_from_the_reporting_item(tmp_path):
    _, text = _write(_data(speaking_minutes=3), tmp_path)
    order = text[text.index("Volgorde van terugkoppeling") :]
    assert "Groep 1 Persoon1 Achternaam 3 min" in order
    assert "Groep 2 Persoon5 Achternaam 5 min" in order  # the group's own time wins


def test_speaking_time_defaults_to_the_items_minutes_shared(tmp_path):
    _, text = _write(_data(), tmp_path)
    assert "Groep 1 Persoon1 Achternaam 10 min" in text  # 20 minutes over 2 groups


def test_anonymous_draaiboek_has_no_empty_columns(tmp_path):
    _, named = _write(_data(), tmp_path)
    assert "Tafelhost" not in named  # nobody hosts: the column is left out
    assert "Koppelt terug" in named
    _, text = _write(_data(), tmp_path, anonymous=True)
    assert "Koppelt terug" not in text and "Tafelhost" not in text
    assert "Persoon1" not in text
    assert "Spreektijd" in text


def test_people_without_a_group_are_explained(tmp_path):
    _, text = _write(_data(), tmp_path)
    assert "Niet ingedeeld: 2 deelnemers (1 kwam later, 1 afwezig)" in text


def test_links_are_clickable(tmp_path):
    path, _ = _write(_data(), tmp_path)
    uris = {
        a["/A"]["/URI"]
        for page in PdfReader(path).pages
        for a in (o.get_object() for o in page.get("/Annots", []))
        if "/A" in a and "/URI" in a["/A"]
    }
    assert {"https://zoom.example/j/1", "https://example.org/canvas"} <= uris


def test_english_headers_are_not_broken(tmp_path):
    path, text = _write(_data(speaking_minutes=3), tmp_path, lang="en")
    assert "Speaking time" in pdf_text(path)  # on one line, not "Speaking\ntime"
    words = text.split()
    for word in ("Speaking", "Duration", "Reports", "Number", "Organisation"):
        assert word in words, word


def test_no_break_space_joins_words_when_measuring():
    from workshop.reports.builders.column_widths import longest_word
    from workshop.reports.fonts import BOLD

    one = longest_word(["Speaking\u00a0time"], BOLD, 8.5)
    assert one > longest_word(["Speaking time"], BOLD, 8.5) > 0


def test_html_and_docx_draaiboek_say_the_same(tmp_path):
    from docx import Document as DocxDocument

    from workshop.reports.build import build_report

    data = _data(speaking_minutes=3)
    for fmt in ("html", "docx"):
        build_report(data, ReportOptions(kind="draaiboek"), tmp_path / f"d.{fmt}", fmt)
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert '<a href="https://zoom.example/j/1">' in html
    assert '<a href="https://example.org/canvas">' in html
    assert "Niet ingedeeld: 2 deelnemers (1 kwam later, 1 afwezig)" in html
    assert "Tafelhost" not in html  # nobody hosts
    assert "<td>3 min</td>" in html and "<td>5 min</td>" in html
    document = DocxDocument(tmp_path / "d.docx")
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Koppelt terug" in cells and "Spreektijd" in cells and "5 min" in cells


def test_a_pitch_round_without_members_leaves_nobody_out(tmp_path):
    from dataclasses import replace

    data = _data()
    pitches = tuple(replace(g, member_ids=(), rapporteur_id=None) for g in data.rounds[0].groups)
    data = replace(data, rounds=(replace(data.rounds[0], groups=pitches),))
    _, text = _write(data, tmp_path)
    assert "Niet ingedeeld" not in text


def test_speaking_time_follows_the_harvest_link(tmp_path):
    from dataclasses import replace

    data = _data()
    # a later plenary item harvests the round (its harvest link): its time counts, not the
    # first terugkoppeling's
    late = AgendaEntry(3, 2, "Pitches", "terugkoppeling", 30, speaking_minutes=4)
    harvest = replace(data.rounds[0], agenda_item_id=3, harvest=True)
    data = replace(data, agenda=(*data.agenda, late), harvests=(harvest,))
    _, text = _write(data, tmp_path)
    assert "Groep 1 Persoon1 Achternaam 4 min" in text
