"""A `Document` as DOCX (python-docx): the verslag a municipality edits in Word.

Real heading styles (Word's navigation pane and accessibility checker read them), tables
whose header row repeats on every page, photos with alt text (`docPr descr`), the content's
language on the styles and in the core properties.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from workshop.reports.document import (
    Bullets,
    Document,
    Figure,
    Heading,
    Inline,
    NewPage,
    Para,
    Quote,
    Table,
)

ACCENT = RGBColor(0x1F, 0x6F, 0x78)
MUTED = RGBColor(0x4F, 0x5A, 0x61)
TEXT_WIDTH_CM = 16.0  # A4/Letter less Word's default margins
LANG_TAGS = {"nl": "nl-NL", "en": "en-GB"}


def _set_language(document, tag: str) -> None:
    """The proofing language of the default run properties (and so of every style)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        return
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)


def _runs(paragraph, content: Inline) -> None:
    for part in content:
        run = paragraph.add_run(part.text)
        run.bold = part.bold or part.label or None
        run.italic = part.italic or None
        if part.label or part.muted:
            run.font.color.rgb = MUTED


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _table(document, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    head = grid.rows[0]
    _repeat_header(head)
    for cell, text in zip(head.cells, table.header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    fractions = table.widths or (1.0,) * len(table.header)
    total = sum(fractions)
    grid.autofit = False
    for column, fraction in zip(grid.columns, fractions, strict=True):
        width = Cm(TEXT_WIDTH_CM * fraction / total)
        column.width = width
        for cell in column.cells:
            cell.width = width
    if table.caption:
        grid._tbl.tblPr.append(_caption_element(table.caption))


def _caption_element(text: str):
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), text)
    return caption


def _picture(document, fig: Figure, width_pt: float | None = None) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(fig.data), width=Pt(width_pt or fig.width_pt))
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", fig.alt)
        doc_pr.set("title", fig.alt)
    if fig.caption:
        document.add_paragraph(fig.caption, style="Caption")


def _field_char(paragraph, kind: str) -> None:
    run = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")  # Word recomputes it (with page numbers) on opening
    run._r.append(char)


def _contents(document, doc: Document) -> None:
    """A visible "Inhoud" heading and a TOC field over heading levels 1-2. Until Word (or
    LibreOffice) updates the field, it shows the chapter titles as its cached result."""
    document.add_paragraph(doc.contents_title, style="TOC Heading")
    entries: list[Heading | None] = [h for h in doc.headings() if h.in_toc and h.level <= 2]
    if not entries:
        entries = [None]
    for n, heading in enumerate(entries):
        paragraph = document.add_paragraph()
        if n == 0:
            _field_char(paragraph, "begin")
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = 'TOC \\o "1-2" \\h \\z \\u'
            paragraph.add_run()._r.append(instr)
            _field_char(paragraph, "separate")
        if heading is not None:
            paragraph.add_run(heading.text)
            paragraph.paragraph_format.left_indent = Cm(0.6 * (heading.level - 1))
        if n == len(entries) - 1:
            _field_char(paragraph, "end")
    settings = document.settings.element
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = OxmlElement("w:updateFields")
        settings.append(update)
    update.set(qn("w:val"), "true")


def render_docx(doc: Document, target: str | Path) -> None:
    """Write `doc` as a .docx file at `target`."""
    document = docx.Document()
    tag = LANG_TAGS.get(doc.lang, doc.lang)
    _set_language(document, tag)
    props = document.core_properties
    props.title = doc.title
    props.author = doc.author
    props.subject = doc.subject
    props.keywords = ", ".join(doc.keywords)
    props.language = tag
    props.comments = ""

    normal = document.styles["Normal"]
    normal.font.name = "Noto Sans"
    normal.font.size = Pt(10.5)

    c = doc.cover
    if c.logo is not None:
        _picture(document, c.logo)
    kicker = document.add_paragraph()
    kicker_run = kicker.add_run(c.kicker.upper())
    kicker_run.font.color.rgb = MUTED
    document.add_paragraph(c.title, style="Title")
    if c.subtitle:
        document.add_paragraph(c.subtitle, style="Subtitle")
    for line in c.meta:
        document.add_paragraph(line)
    for logo in c.cohost_logos:
        _picture(document, logo)
    for n, line in enumerate(c.byline):
        byline = document.add_paragraph(line)
        if n == 0:
            byline.paragraph_format.space_before = Pt(36)
    if doc.with_cover_page:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if doc.with_contents:
        _contents(document, doc)

    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=min(block.level, 9))
        elif isinstance(block, Para):
            paragraph = document.add_paragraph()
            _runs(paragraph, block.content)
            if block.small:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
        elif isinstance(block, Bullets):
            for item in block.items:
                _runs(document.add_paragraph(style="List Bullet"), item)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Quote):
            document.add_paragraph(f"“{block.text}”", style="Quote")
            if block.attribution:
                by = document.add_paragraph()
                run = by.add_run(f"— {block.attribution}")
                run.font.color.rgb = MUTED
        elif isinstance(block, Figure):
            _picture(document, block)
        elif isinstance(block, NewPage):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.save(str(target))
