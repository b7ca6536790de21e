"""The one build function: plain report data in, a PDF (file or stream) out.

`build_pdf(data, options, target, progress=callback)` lays out the verslag or the draaiboek
with the shipped fonts embedded, a table of contents, an outline, "pagina 3 van 12" page
numbers and PDF metadata. It never touches the library or Qt, so it can run in any thread.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import unescape

from reportlab import rl_config
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Frame, PageTemplate, Spacer
from reportlab.platypus.doctemplate import ActionFlowable, IndexingFlowable, LayoutError

from workshop import __version__
from workshop.i18n import format_short_date
from workshop.reports.builders.common import Ctx, Heading
from workshop.reports.builders.draaiboek import build_draaiboek
from workshop.reports.builders.verslag import build_verslag_document
from workshop.reports.data import FORMATS, KINDS, ReportData, ReportError, ReportOptions
from workshop.reports.document import Document
from workshop.reports.fonts import ITALIC, REGULAR, FontError
from workshop.reports.render.pdf import render_pdf_story
from workshop.reports.styles import (
    ACCENT,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_SIZE,
    RULE,
    WARM,
)
from workshop.reports.xmp import xmp_packet

Progress = Callable[[float, str], None]

# Binary streams instead of ASCII85: files a fifth smaller, and no pure-Python encoding of
# every photo on every layout pass. Every PDF reader handles binary streams.
rl_config.useA85 = 0


@dataclass(frozen=True)
class BuildResult:
    pages: int
    size: int  # bytes
    warnings: tuple[str, ...]
    passes: int
    seconds: float


class PageCount(IndexingFlowable):
    """Zero-size story element that makes multiBuild repeat until the page total is stable."""

    def __init__(self, doc: BaseDocTemplate) -> None:
        super().__init__()
        self.doc = doc
        self.total: int | None = None  # from the previous pass: what the footer prints
        self._this_pass: int | None = None

    def wrap(self, avail_w, avail_h):
        return 0, 0

    def draw(self) -> None:
        pass

    def beforeBuild(self) -> None:
        if self._this_pass is not None:
            self.total = self._this_pass

    def afterBuild(self) -> None:
        self._this_pass = self.doc.page

    def isSatisfied(self) -> bool:
        return self.total is not None and self.total == self._this_pass


_TAGS = re.compile(r"<[^>]+>")


def _plain(markup: str) -> str:
    return unescape(_TAGS.sub("", markup.replace("<br/>", " ")))


class ReportDoc(BaseDocTemplate):
    """A4 with a cover template and a body template (running title, page x of y)."""

    def __init__(self, target, ctx: Ctx, **meta) -> None:
        super().__init__(
            target,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            creator=f"Workshop {__version__}",
            displayDocTitle=1,
            initialFontName=REGULAR,  # else the canvas names Helvetica (unembedded) on page 1
            initialFontSize=10,
            initialLeading=12,
            **meta,
        )
        self._xmp = xmp_packet(
            title=meta.get("title", ""),
            author=meta.get("author", ""),
            subject=meta.get("subject", ""),
            keywords=meta.get("keywords", []),
            lang=meta.get("lang", ""),
            creator=f"Workshop {__version__}",
        )
        self.ctx = ctx
        self.page_count = PageCount(self)
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, id="body", showBoundary=0)
        cover = PageTemplate("cover", [frame], onPage=self._cover_page)
        body = PageTemplate("body", [frame], onPage=self._body_page, onPageEnd=self._mark_continued)
        # the first template is used for page 1: the cover only when there is one
        with_cover = ctx.options.kind == "verslag" and ctx.options.has("cover")
        self.addPageTemplates([cover, body] if with_cover else [body, cover])
        self._outline_level = -1
        self._chapter = ""
        self._chapter_at_start = ""
        self._chapter_opened_page = -1
        self._drawn_on_page = 0
        title = ctx.text.plain(ctx.data.session.title).replace("\n", " ")
        self._running_title = _fit(title, FRAME_WIDTH * 0.7, ITALIC, 8)
        date = ctx.data.session.date
        self._running_date = format_short_date(date, ctx.lang) if date else ""

    def _cover_page(self, canv, doc) -> None:
        """An accent band down the left edge; the rest of the cover is flowables."""
        canv.saveState()
        canv.setFillColor(ACCENT)
        canv.rect(0, 0, 0.9 * cm, PAGE_SIZE[1], stroke=0, fill=1)
        canv.setFillColor(WARM)
        canv.rect(0.9 * cm, 0, 0.18 * cm, PAGE_SIZE[1], stroke=0, fill=1)
        canv.restoreState()

    def _body_page(self, canv, doc) -> None:
        _ = self.ctx._
        canv.saveState()
        width, height = PAGE_SIZE
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        top = height - MARGIN_TOP + 0.6 * cm
        canv.line(MARGIN_X, top, width - MARGIN_X, top)
        canv.setFillColor(MUTED)
        canv.setFont(REGULAR, 8)
        total = self.page_count.total
        label = (
            _("page {page} of {pages}").format(page=doc.page, pages=total)
            if total
            else _("page {page}").format(page=doc.page)
        )
        canv.drawRightString(width - MARGIN_X, MARGIN_BOTTOM - 0.9 * cm, label)
        canv.restoreState()

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        self._chapter_at_start = self._chapter
        self._drawn_on_page = 0

    def _mark_continued(self, canv, doc) -> None:
        """The running head, drawn when the page is full: the title on the left; on the right
        the date, after 'Wat er naar voren kwam (vervolg)' when the page continues a chapter."""
        right = self._running_date
        if self._chapter_at_start and self._chapter_opened_page != self.page:
            label = _fit(
                self.ctx._("{chapter} (continued)").format(chapter=self._chapter_at_start),
                FRAME_WIDTH * 0.45,
                ITALIC,
                8,
            )
            right = f"{label} · {right}" if right else label
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setFont(ITALIC, 8)
        top = PAGE_SIZE[1] - MARGIN_TOP + 0.6 * cm
        room = FRAME_WIDTH - stringWidth(right, ITALIC, 8) - 0.8 * cm
        canv.drawString(MARGIN_X, top + 4, _fit(self._running_title, room, ITALIC, 8))
        canv.drawRightString(PAGE_SIZE[0] - MARGIN_X, top + 4, right)
        canv.restoreState()

    def afterFlowable(self, flowable) -> None:
        if not isinstance(flowable, ActionFlowable | CondPageBreak | Spacer | PageCount):
            self._drawn_on_page += 1
        if isinstance(flowable, Heading) and flowable.toc_level == 0:
            self._chapter = _plain(flowable.toc_markup)
            if self._drawn_on_page == 1:  # the chapter opens this page
                self._chapter_opened_page = self.page
        if not isinstance(flowable, Heading) or flowable.toc_level is None:
            return
        level = min(flowable.toc_level, self._outline_level + 1)
        self._outline_level = level
        key = flowable.toc_key
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(_plain(flowable.toc_markup), key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, flowable.toc_markup, self.page, key))

    def beforeDocument(self) -> None:
        self._outline_level = -1
        self._chapter = ""
        self._chapter_at_start = ""
        self._chapter_opened_page = -1
        self._drawn_on_page = 0
        canv = self.canv
        canv.showOutline()  # open the bookmarks panel
        pdf = canv._doc  # type: ignore[attr-defined]  # the PDFDocument (private; not in the stubs)
        packet = self._xmp
        pdf.Catalog.Metadata = pdf.Reference(XMP(creator=lambda _doc: packet.encode("utf-8")))


def _fit(text: str, width: float, font: str, size: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def build_pdf(
    data: ReportData,
    options: ReportOptions,
    target: str | os.PathLike | BinaryIO,
    progress: Progress | None = None,
) -> BuildResult:
    """Write the verslag or draaiboek of `data` to `target` (a path or a binary stream).

    A path is written through a temporary file and replaced at the end, so a failed build
    never leaves a half-written PDF behind. Raises ReportError with a message for the user.
    """
    started = time.perf_counter()
    report = progress or (lambda fraction, message: None)
    if options.kind not in KINDS:
        raise ReportError(f"Unknown report kind {options.kind!r}; choose from {', '.join(KINDS)}")
    try:
        ctx = Ctx(data, options, internal=options.kind == "draaiboek")
    except FontError as err:
        raise ReportError(str(err)) from err
    _ = ctx._
    report(0.02, _("Preparing text and photos"))
    s = data.session
    if options.kind == "verslag":
        document = build_verslag_document(ctx, options.written_on)
        story = render_pdf_story(document, ctx)
        meta = document_meta(document, _("Report"))
    else:
        story = build_draaiboek(ctx)
        kind_label = _("Run sheet")
        title = ctx.text.plain(s.title).replace("\n", " ") or _("Untitled session")
        subject = f"{kind_label}: {title}" + (f", {ctx.long_date(s.date)}" if s.date else "")
        meta = {
            "title": f"{title} — {kind_label}",
            "author": ctx.text.plain(s.organiser or s.facilitators, redact=False),
            "subject": subject,
            "keywords": [kind_label, s.organiser] if s.organiser else [kind_label],
            "lang": options.lang,
        }
    report(0.15, _("Laying out pages"))

    path: Path | None = None
    tmp_name: str | None = None
    if isinstance(target, str | os.PathLike):
        path = Path(target)
        # a sibling file (so the final rename is atomic) with the user's normal permissions
        tmp_name = str(path.with_name(f".{path.name}.{secrets.token_hex(4)}.part"))
        with open(tmp_name, "xb"):
            pass
        out: str | BinaryIO = tmp_name
    else:
        out = target
    doc = ReportDoc(out, ctx, **meta)
    state = {"pass": 1, "size": max(1, len(story)), "done": 0, "shown": 0.0}

    def on_progress(kind: str, value) -> None:
        if kind == "PASS":
            state["pass"] = int(value)
        elif kind == "SIZE_EST":
            state["size"] = max(1, int(value))
        elif kind == "PROGRESS":
            done = min(1.0, max(0.0, value / state["size"]))
            overall = (state["pass"] - 1 + done) / 2
            # a new size estimate within a pass may lower the figure: never step back
            state["shown"] = max(state["shown"], 0.15 + 0.83 * min(1.0, overall))
            report(state["shown"], _("Laying out pages"))

    doc.setProgressCallBack(on_progress)
    try:
        passes = doc.multiBuild([doc.page_count, *story], maxPasses=6)
        if path is not None and tmp_name is not None:
            os.replace(tmp_name, path)
            tmp_name = None
    except LayoutError as err:
        raise ReportError(_("The PDF could not be laid out: {error}").format(error=err)) from err
    except IndexError as err:
        raise ReportError(_("The PDF could not be laid out: {error}").format(error=err)) from err
    finally:
        if tmp_name is not None and os.path.exists(tmp_name):
            os.unlink(tmp_name)
    size = path.stat().st_size if path is not None else _stream_size(target)
    warnings = list(ctx.warnings)
    missing = ctx.text.missing_report()
    if missing:
        warnings.append(
            _("Some characters are not in the report font and were printed as �: {chars}").format(
                chars=", ".join(missing)
            )
        )
    report(1.0, _("Done"))
    return BuildResult(
        pages=doc.page,
        size=size,
        warnings=tuple(warnings),
        passes=passes,
        seconds=time.perf_counter() - started,
    )


def document_meta(document: Document, kind_label: str) -> dict:
    """PDF metadata of a Document: title, author, subject, keywords and content language."""
    return {
        "title": f"{document.title} — {kind_label}",
        "author": document.author,
        "subject": document.subject,
        "keywords": list(document.keywords),
        "lang": document.lang,
    }


def format_of(path: str | os.PathLike, given: str | None = None) -> str:
    """The output format: `given`, else the file's extension; ReportError when unknown."""
    fmt = (given or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ReportError(
            f"Unknown report format {fmt or '(none)'!r}; choose from {', '.join(FORMATS)}"
        )
    return fmt


def build_report(
    data: ReportData,
    options: ReportOptions,
    target: str | os.PathLike,
    fmt: str = "pdf",
    progress: Progress | None = None,
) -> BuildResult:
    """Write the report as PDF, HTML or DOCX to the file `target` (atomically).

    The verslag and the draaiboek are both written in all three formats.
    """
    if fmt == "pdf":
        return build_pdf(data, options, target, progress)
    if fmt not in FORMATS:
        raise ReportError(f"Unknown report format {fmt!r}; choose from {', '.join(FORMATS)}")
    started = time.perf_counter()
    report = progress or (lambda fraction, message: None)
    try:
        ctx = Ctx(data, options, internal=options.kind == "draaiboek")
    except FontError as err:
        raise ReportError(str(err)) from err
    _ = ctx._
    report(0.05, _("Preparing text and photos"))
    if options.kind == "draaiboek":
        from workshop.reports.builders.draaiboek_document import build_draaiboek_document

        document = build_draaiboek_document(ctx)
    else:
        document = build_verslag_document(ctx, options.written_on)
    report(0.5, _("Writing the file"))
    path = Path(target)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        if fmt == "html":
            from workshop.reports.render.html import render_html

            tmp.write_text(render_html(document), encoding="utf-8")
        else:
            from workshop.reports.render.docx import render_docx

            render_docx(document, tmp)
        os.replace(tmp, path)
    except OSError as err:
        raise ReportError(_("The file could not be written: {error}").format(error=err)) from err
    finally:
        if tmp.exists():
            tmp.unlink()
    report(1.0, _("Done"))
    return BuildResult(
        pages=0,
        size=path.stat().st_size,
        warnings=tuple(ctx.warnings),
        passes=1,
        seconds=time.perf_counter() - started,
    )


def _stream_size(stream) -> int:
    try:
        return int(stream.tell())
    except (AttributeError, OSError):
        return 0
