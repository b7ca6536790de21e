"""The verslag's cover: author, version and date in a byline, in all three formats."""

from __future__ import annotations

from datetime import date

from docx import Document as DocxDocument
from report_helpers import pdf_text, squash

from workshop.reports import ReportOptions
from workshop.reports.build import build_report
from workshop.reports.data import ReportData, SessionInfo


def _data() -> ReportData:
    return ReportData(
        SessionInfo(
            1,
            "Buurtgesprek",
            date=date(2021, 4, 9),
            organiser="Gemeente Voorbeeld",
            facilitators="Marieke Hoogland",
        )
    )


def test_cover_byline_in_every_format(tmp_path):
    opts = ReportOptions(version="2.1", written_on=date(2026, 12, 4))
    for fmt in ("pdf", "html", "docx"):
        build_report(_data(), opts, tmp_path / f"v.{fmt}", fmt)
    first_page = squash(pdf_text(tmp_path / "v.pdf")).split("Inhoud")[0]
    assert "Geschreven door Marieke Hoogland" in first_page
    assert "Versie 2.1, 4 december 2026" in first_page
    html = (tmp_path / "v.html").read_text()
    assert (
        '<p class="byline">Geschreven door Marieke Hoogland<br>Versie 2.1, 4 december 2026' in html
    )
    docx_text = [p.text for p in DocxDocument(tmp_path / "v.docx").paragraphs]
    assert "Versie 2.1, 4 december 2026" in docx_text
    assert "Versie: 2.1, gemaakt met Workshop" in squash(pdf_text(tmp_path / "v.pdf"))


def test_author_given_by_the_facilitator_and_no_date(tmp_path):
    data = ReportData(SessionInfo(1, "Zonder datum", facilitators="Iemand Anders"))
    opts = ReportOptions(author="Team Participatie", lang="en")
    build_report(data, opts, tmp_path / "v.html", "html")
    html = (tmp_path / "v.html").read_text()
    assert "Written by Team Participatie<br>Version 1.0</p>" in html


def test_version_and_author_are_remembered_and_garbage_is_ignored():
    saved = ReportOptions(version="1.2", author="Team")
    again = ReportOptions.from_json(saved.to_json())
    assert (again.version, again.author) == ("1.2", "Team")
    junk = ReportOptions.from_json('{"version": 12, "author": ["x"]}')
    assert (junk.version, junk.author) == ("1.0", "")
    long = ReportOptions.from_json('{"version": "' + "9" * 50 + '"}')
    assert long.version == "1.0"
