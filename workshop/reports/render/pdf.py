"""A `Document` as ReportLab flowables (the PDF verslag), plus pieces the draaiboek shares.

Every string of the document is plain text: it is escaped here (ReportLab reads `<` and `&`
as markup) and line breaks become `<br/>`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace

from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable
from reportlab.platypus.tableofcontents import TableOfContents

from workshop.reports.builders.common import (
    CHUNK_CHARS,
    Ctx,
    chunked_table,
    fraction_widths,
    split_long_text,
)
from workshop.reports.builders.verslag import cohost_figures, cohost_line
from workshop.reports.document import (
    Bullets,
    Document,
    Figure,
    Heading,
    Inline,
    NewPage,
    Para,
    Quote,
    Run,
    Table,
)
from workshop.reports.fonts import REGULAR, with_fallback
from workshop.reports.styles import ACCENT, WARM
from workshop.reports.text import escape

MUTED_HEX = "#5f6b73"


def esc(text: str) -> str:
    return with_fallback(escape(text).replace("\n", "<br/>"))


def _chunked(content: Inline) -> list[Inline]:
    """Long inline text cut into pieces of about CHUNK_CHARS characters (at a line break or
    space), so ReportLab's paragraph layout stays linear in the text's size."""
    if sum(len(run.text) for run in content) <= CHUNK_CHARS:
        return [content]
    pieces: list[list[Run]] = [[]]
    size = 0
    for run in content:
        parts = (
            split_long_text(run.text, CHUNK_CHARS) if len(run.text) > CHUNK_CHARS else [run.text]
        )
        for i, part in enumerate(parts):
            if i > 0 or size + len(part) > CHUNK_CHARS and pieces[-1]:
                pieces.append([])
                size = 0
            pieces[-1].append(replace(run, text=part))
            size += len(part)
    return [tuple(piece) for piece in pieces if piece]


def _paragraphs(content: Inline, style, **kwargs) -> list[Flowable]:
    return [Paragraph(inline_markup(piece), style, **kwargs) for piece in _chunked(content)]


def inline_markup(content: Inline) -> str:
    out = []
    for run in content:
        text = esc(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.label:
            text = f'<font color="{MUTED_HEX}"><b>{text}</b></font>'
        elif run.muted:
            text = f'<font color="{MUTED_HEX}">{text}</font>'
        out.append(text)
    return "".join(out)


def _sides(pad: float | Sequence[float]) -> Sequence[float]:
    """A style's borderPadding as (top, right, bottom, left): ReportLab takes one number
    for all four sides or a sequence (the stubs know only the number)."""
    return (pad, pad, pad, pad) if isinstance(pad, int | float) else pad


class PullQuote(Paragraph):
    """A quote set apart: tinted background (from its style) and a warm bar on the left.

    A paragraph rather than a table, so a very long quote splits across pages like text.
    """

    def draw(self) -> None:
        style = self.style
        pad = _sides(style.borderPadding)
        super().draw()  # background first, then the bar on top of its left edge
        canv = self.canv
        canv.saveState()
        canv.setFillColor(WARM)
        height = self.height + pad[0] + pad[2]
        canv.rect(style.leftIndent - pad[3], -pad[2], 3, height, stroke=0, fill=1)
        canv.restoreState()


def contents(
    ctx: Ctx, page_break: bool = True, expected: list[tuple[int, str]] | None = None
) -> list[Flowable]:
    """The table of contents. `expected` (level, markup): the entries it will hold, so the
    first layout pass already reserves their height and the text after it does not move."""
    st = ctx.styles
    # the TOC's own table names a font for its cells: ours, else Helvetica lands unembedded
    table_style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), REGULAR, 10),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    toc = TableOfContents(levelStyles=[st.toc0, st.toc1], dotsMinLevel=0, tableStyle=table_style)
    if expected:
        # the entries a finished pass leaves (private; types-reportlab does not declare it)
        toc._entries = [(level, markup, 0, None) for level, markup in expected]  # type: ignore[attr-defined]
    story: list[Flowable] = [Paragraph(escape(ctx._("Contents")), st.toc_title), toc]
    return [*story, PageBreak()] if page_break else [*story, Spacer(1, 18)]


def count_people(ctx: Ctx, n: int) -> str:
    """'1 deelnemer' / '6 deelnemers'."""
    return ctx._("1 participant") if n == 1 else ctx._("{n} participants").format(n=n)


def _meta_lines(ctx: Ctx) -> list[str]:
    _ = ctx._
    s = ctx.data.session
    lines: list[str] = []
    if s.date:
        lines.append(escape(ctx.long_date(s.date)))
    if s.start_time:
        span = ctx.clock(s.start_time) + (f"–{ctx.clock(s.end_time)}" if s.end_time else "")
        lines.append(escape(span))
    if s.place.strip():
        lines.append(ctx.text.inline(s.place))
    elif s.online_link.strip():
        lines.append(escape(_("Online")))
    if s.organiser.strip():
        lines.append(f"{escape(_('Organised by'))} {ctx.text.inline(s.organiser)}")
    if s.facilitators.strip():
        lines.append(f"{escape(_('Facilitation'))}: {ctx.text.inline(s.facilitators)}")
    return lines


def title_block(ctx: Ctx) -> list[Flowable]:
    """Title and meta lines at the top of page 1 (the draaiboek)."""
    s = ctx.data.session
    st = ctx.styles
    story: list[Flowable] = [
        Paragraph(ctx.text.inline(s.title) or escape(ctx._("Untitled session")), st.cover_title)
    ]
    if s.subtitle.strip():
        story.append(Paragraph(ctx.text.inline(s.subtitle), st.cover_subtitle))
    story += [Paragraph(line, st.cover_meta) for line in _meta_lines(ctx)]
    if cohost_line(ctx):
        story.append(Paragraph(escape(cohost_line(ctx)), st.cover_meta))
    story += _logo_row(cohost_figures(ctx))
    story.append(Spacer(1, 14))
    return story


def _figure(fig: Figure, ctx: Ctx) -> Flowable:
    parts: list[Flowable] = [Image(io.BytesIO(fig.data), fig.width_pt, fig.height_pt)]
    if fig.caption:
        parts.append(Paragraph(esc(fig.caption), ctx.styles.caption))
    else:
        parts.append(Spacer(1, 8))
    return KeepTogether(parts)


def _cover(doc: Document, ctx: Ctx, own_page: bool = True) -> list[Flowable]:
    st = ctx.styles
    c = doc.cover
    story: list[Flowable] = []
    if c.logo is not None:
        logo = Image(io.BytesIO(c.logo.data), c.logo.width_pt, c.logo.height_pt)
        logo.hAlign = "LEFT"
        story += [logo, Spacer(1, 2.5 * cm)]
    else:
        story.append(Spacer(1, 5 * cm))
    story.append(Paragraph(esc(c.kicker.upper()), st.small))
    story.append(Paragraph(esc(c.title), st.cover_title))
    if c.subtitle:
        story.append(Paragraph(esc(c.subtitle), st.cover_subtitle))
    else:
        story.append(Spacer(1, 18))
    story += [Paragraph(esc(line), st.cover_meta) for line in c.meta]
    story += _logo_row(c.cohost_logos)
    byline = [Paragraph(esc(line), st.cover_meta) for line in c.byline]
    if byline and own_page:
        story.append(AtFoot(byline))
    elif byline:
        story += [Spacer(1, 8), *byline]
    return story


class AtFoot(Flowable):
    """The cover's byline (author, version and date) set at the foot of the page, above a
    rule, apart from the title block; drawn where it stands when the page has no room left."""

    GAP = 10  # between the rule and the first line

    def __init__(self, lines: list[Paragraph]) -> None:
        super().__init__()
        self.lines = lines
        self._sizes: list[tuple[float, float]] = []
        self._need = 0.0

    def wrap(self, avail_w, avail_h):
        self._sizes = [line.wrap(avail_w, avail_h) for line in self.lines]
        self._need = self.GAP + sum(
            h + line.style.spaceAfter for (_w, h), line in zip(self._sizes, self.lines, strict=True)
        )
        self.width = avail_w
        self.height = max(self._need, avail_h - 1)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(0, self._need, min(self.width, 6 * cm), self._need)
        canvas.restoreState()
        y = self._need - self.GAP
        for (_w, h), line in zip(self._sizes, self.lines, strict=True):
            y -= h
            line.drawOn(canvas, 0, y)
            y -= line.style.spaceAfter


def _logo_row(figures: tuple[Figure, ...]) -> list[Flowable]:
    """Co-host logos side by side."""
    if not figures:
        return []
    cells = [Image(io.BytesIO(f.data), f.width_pt, f.height_pt) for f in figures]
    row = RLTable([cells], hAlign="LEFT")
    row.setStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, -1), 0)])
    return [Spacer(1, 10), row]


def render_pdf_story(doc: Document, ctx: Ctx) -> list[Flowable]:
    """The flowables of `doc`; the cover on its own page, contents and text from page 2."""
    st = ctx.styles
    story: list[Flowable] = []
    if doc.with_cover_page:
        story += [*_cover(doc, ctx), NextPageTemplate("body"), PageBreak()]
    else:
        story += [NextPageTemplate("body"), *_cover(doc, ctx, own_page=False)[1:], Spacer(1, 14)]
    if doc.with_contents:
        expected = [
            (b.level - 1, esc(" ".join(b.text.split())))
            for b in doc.blocks
            if isinstance(b, Heading) and b.in_toc and b.level <= 2
        ]
        story += contents(ctx, page_break=False, expected=expected)
    first_chapter = True
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 1 and not first_chapter:
                story.append(CondPageBreak(3.5 * cm))
            elif block.level > 1:
                story.append(CondPageBreak(3 * cm))
            first_chapter = first_chapter and block.level != 1
            story.append(ctx.heading(block.text, block.level - 1, in_toc=block.in_toc, plain=True))
        elif isinstance(block, Para):
            story += _paragraphs(block.content, st.small if block.small else st.body)
        elif isinstance(block, Bullets):
            for item in block.items:
                for i, piece in enumerate(_chunked(item)):
                    bullet = "•" if i == 0 else None
                    story.append(Paragraph(inline_markup(piece), st.bullet, bulletText=bullet))
        elif isinstance(block, Table):
            header = [Paragraph(esc(h), st.cell_head) for h in block.header]
            rows = [[ctx.cell_plain(c) for c in row] for row in block.rows]
            widths = fraction_widths(*(block.widths or (1,) * len(block.header)))
            story += chunked_table(header, rows, widths)
        elif isinstance(block, Quote):
            pieces = [esc(piece) for piece in split_long_text(block.text, CHUNK_CHARS)]
            pieces[0] = "“" + pieces[0]
            pieces[-1] += "”"
            if block.attribution:
                pieces[-1] += (
                    f'<br/><font name="{REGULAR}" size="9" color="{MUTED_HEX}">'
                    f"— {esc(block.attribution)}</font>"
                )
            story += [PullQuote(piece, st.quote) for piece in pieces]
        elif isinstance(block, Figure):
            story.append(_figure(block, ctx))
        elif isinstance(block, NewPage):
            story.append(PageBreak())
    if doc.paged_note:
        story.append(Paragraph(esc(doc.paged_note), st.small))
    return story
