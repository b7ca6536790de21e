"""The verslag's cover: author, version and date in a byline, in all three formats."""

from __future__ import annotations

from datetime import date

from docx import Document as DocxDocument
from docx.oxml.ns import qn
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


def test_docx_has_a_contents_field_under_a_visible_heading(tmp_path):
    from workshop.reports.document import Cover, Document, Heading

    doc = Document(
        "Titel",
        "nl",
        Cover("Verslag", "Titel"),
        blocks=[Heading("Inleiding", 1), Heading("Deel", 2), Heading("Klein", 3)],
    )
    from workshop.reports.render.docx import render_docx

    render_docx(doc, tmp_path / "v.docx")
    document = DocxDocument(tmp_path / "v.docx")
    paragraphs = document.paragraphs
    heading = next(p for p in paragraphs if p.style.name == "TOC Heading")
    assert heading.text == "Inhoud"
    body = document.element.body
    instr = [el.text for el in body.iter() if el.tag.endswith("}instrText")]
    assert instr == ['TOC \\o "1-2" \\h \\z \\u']
    kinds = [el.get(qn("w:fldCharType")) for el in body.iter() if el.tag.endswith("}fldChar")]
    assert kinds == ["begin", "separate", "end"]
    cached = [p.text for p in paragraphs[paragraphs.index(heading) + 1 :][:2]]
    assert cached == ["Inleiding", "Deel"]  # shown until the field is updated
    assert "Klein" not in [p.text for p in paragraphs if p.style.name != "Heading 3"]
    update = document.settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
    without = Document("T", "nl", Cover("Verslag", "T"), with_contents=False)
    render_docx(without, tmp_path / "w.docx")
    assert not [
        p for p in DocxDocument(tmp_path / "w.docx").paragraphs if p.style.name == "TOC Heading"
    ]
