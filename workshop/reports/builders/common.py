"""Shared pieces for the builders: the build context, headings, chunked tables, photos."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time
from typing import Any, TypeGuard, TypeVar

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table

from workshop.i18n import format_clock, format_long_date, format_short_date, translator
from workshop.reports.data import AttachmentInfo, NoteInfo, ReportData, ReportOptions
from workshop.reports.fonts import register_fonts, with_fallback
from workshop.reports.images import ImageProblem, PrintImage, prepare_image
from workshop.reports.privacy import report_redactor
from workshop.reports.styles import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    TABLE_CHUNK_ROWS,
    Styles,
    grid_style,
    stylesheet,
)
from workshop.reports.text import TextPrep, escape

SHORT_CELL = 12  # characters that always fit the narrowest column on one line
#: Long text is laid out as paragraphs of about this many characters. ReportLab re-wraps the
#: rest of a paragraph at every page break, so one 100,000-character paragraph costs time
#: quadratic in its length; chunks keep the report's time linear in the text's size.
CHUNK_CHARS = 1500
#: In a table a long cell becomes rows of about this many characters (a narrow column: a
#: row of this size is a few lines, so a table chunk of TABLE_CHUNK_ROWS fits a page).
CELL_CHUNK_CHARS = 400
PHOTO_MAX_W = FRAME_WIDTH * 0.8
PHOTO_MAX_H = FRAME_HEIGHT * 0.42


_Placed = TypeVar("_Placed", NoteInfo, AttachmentInfo)


def _by_group_or_item(
    records: Sequence[_Placed],
) -> tuple[
    dict[tuple[int | None, int], list[_Placed]],
    dict[int | None, list[_Placed]],
    dict[int, list[_Placed]],
]:
    """Records of a group by (agenda item they were typed on, group id); of a pitch by its
    id; the others by agenda item id (None: the session)."""
    by_group: dict[tuple[int | None, int], list[_Placed]] = defaultdict(list)
    by_item: dict[int | None, list[_Placed]] = defaultdict(list)
    by_pitch: dict[int, list[_Placed]] = defaultdict(list)
    for record in records:
        if record.queue_entry_id is not None:
            by_pitch[record.queue_entry_id].append(record)
        elif record.group_id is not None:
            by_group[(record.agenda_item_id, record.group_id)].append(record)
        else:
            by_item[record.agenda_item_id].append(record)
    return by_group, by_item, by_pitch


class Heading(Paragraph):
    """A heading paragraph that lands in the table of contents and the PDF outline."""

    def __init__(self, markup: str, style, level: int | None, key: str) -> None:
        super().__init__(markup, style)
        self.toc_level = level
        self.toc_key = key
        self.toc_markup = markup


class Ctx:
    """What every builder needs: data, options, styles, translation, text and naming rules."""

    def __init__(self, data: ReportData, options: ReportOptions, internal: bool = False) -> None:
        self.data = data
        self.options = options
        self.lang = options.lang
        self._ = translator(options.lang)
        self.styles: Styles = stylesheet()
        self.internal = internal  # the draaiboek is for the team: names unless anonymous
        self.warnings: list[str] = []
        self.redactor = report_redactor(data, options, self.may_name)
        self.text = TextPrep(register_fonts(), redactor=self.redactor)
        self._keys = 0
        self.notes_by_group, self.notes_by_item, self.notes_by_pitch = _by_group_or_item(data.notes)
        self.photos_by_group, self.photos_by_item, self.photos_by_pitch = _by_group_or_item(
            data.attachments
        )
        self.images: dict[int, PrintImage | None] = {}

    # -- naming -------------------------------------------------------------------------
    def may_name(self, person_id: int | None) -> TypeGuard[int]:
        if person_id is None or self.options.anonymous:
            return False
        person = self.data.people_by_id.get(person_id)
        if person is None:
            return False
        return self.internal or person.may_be_named

    def name_of(self, person_id: int | None) -> str | None:
        """The person's name when the naming rules allow it, else None."""
        if not self.may_name(person_id):
            return None
        return self.data.people_by_id[person_id].name or None

    # -- text ---------------------------------------------------------------------------
    def p(self, text: str | None, style=None) -> Paragraph:
        """A paragraph of user text, escaped."""
        return Paragraph(self.text.markup(text), style or self.styles.body)

    def markup_chunks(self, text: str | None, size: int = CHUNK_CHARS) -> list[str]:
        """`text.markup(text)` cut into pieces of about `size` characters (at a line break
        or space), each safe markup of its own; one piece for ordinary text."""
        plain = self.text.plain(text).strip("\n")
        return [escape(piece).replace("\n", "<br/>") for piece in split_long_text(plain, size)]

    def cell(self, text: str | None, head: bool = False) -> Paragraph | str | list[Paragraph]:
        """A table cell of user text: short one-line values as plain strings (drawn in the
        table's font, no paragraph layout), everything else as a wrapping paragraph (long
        text as several, see CHUNK_CHARS)."""
        s = self.styles
        if not head:
            plain = self.text.plain(text).strip()
            if len(plain) <= SHORT_CELL and "\n" not in plain:
                return plain
            if len(plain) > CHUNK_CHARS:
                chunks = self.markup_chunks(text, CELL_CHUNK_CHARS)
                return [Paragraph(m, s.cell) for m in chunks]
        return Paragraph(self.text.markup(text), s.cell_head if head else s.cell)

    def cell_plain(self, text: str) -> Paragraph | str | list[Paragraph]:
        """A table cell of already cleaned text (a Document's): escaped, short ones as strings,
        long ones as several paragraphs (see CHUNK_CHARS)."""
        if len(text) <= SHORT_CELL and "\n" not in text:
            return text
        pieces = split_long_text(text, CELL_CHUNK_CHARS) if len(text) > CHUNK_CHARS else [text]
        paragraphs = [
            Paragraph(with_fallback(escape(piece).replace("\n", "<br/>")), self.styles.cell)
            for piece in pieces
        ]
        return paragraphs[0] if len(paragraphs) == 1 else paragraphs

    def label(self, markup: str, style=None) -> Paragraph:
        """A paragraph of our own (already safe) markup."""
        return Paragraph(markup, style or self.styles.body)

    def heading(
        self,
        text: str,
        level: int,
        in_toc: bool = True,
        user_text: bool = True,
        plain: bool = False,
    ) -> Heading:
        """A heading; `plain`: text that is already cleaned (a Document's) and only escaped."""
        self._keys += 1
        style = (self.styles.h1, self.styles.h2, self.styles.h3, self.styles.h4)[min(level, 3)]
        if plain:
            markup = with_fallback(escape(" ".join(text.split())))
        else:
            markup = self.text.inline(text) if user_text else text
        return Heading(markup, style, level if in_toc and level <= 1 else None, f"h{self._keys}")

    def bullets(self, items: Sequence[str | Sequence[str]]) -> list[Flowable]:
        """Bulleted paragraphs; `items` are markup, or lists of markup chunks of one long
        item (the first carries the bullet, the rest continue under it)."""
        out: list[Flowable] = []
        for item in items:
            chunks = [item] if isinstance(item, str) else list(item)
            chunks = [c for c in chunks if c]
            if not chunks:
                continue
            out.append(Paragraph(chunks[0], self.styles.bullet, bulletText="•"))
            out += [Paragraph(c, self._bullet_more()) for c in chunks[1:]]
        return out

    def _bullet_more(self) -> ParagraphStyle:
        style = getattr(self, "_more_style", None)
        if style is None:
            style = ParagraphStyle("bullet-more", parent=self.styles.bullet, spaceBefore=0)
            self._more_style = style
        return style

    # -- dates and times -----------------------------------------------------------------
    def long_date(self, value: date | None) -> str:
        return format_long_date(value, self.lang) if value else ""

    def short_date(self, value: date | None) -> str:
        return format_short_date(value, self.lang) if value else ""

    @staticmethod
    def clock(value: time | datetime | None) -> str:
        if isinstance(value, datetime):
            value = value.astimezone()
        return format_clock(value) if value is not None else ""

    # -- photos ---------------------------------------------------------------------------
    def prepare_photos(self, attachments: Sequence[AttachmentInfo]) -> None:
        """Resample all photos up front (in parallel; decoding releases the GIL)."""
        todo = [a for a in attachments if a.id not in self.images]
        if not todo:
            return

        def work(att: AttachmentInfo) -> tuple[int, PrintImage | None, str | None]:
            try:
                img = prepare_image(
                    att.data, PHOTO_MAX_W, PHOTO_MAX_H, self.options.image_dpi, att.rotation
                )
                return att.id, img, None
            except ImageProblem as err:
                return att.id, None, f"{att.filename or att.caption or att.id}: {err}"

        with ThreadPoolExecutor(max_workers=2) as pool:
            for att_id, img, problem in pool.map(work, todo):
                self.images[att_id] = img
                if problem:
                    self.warnings.append(
                        self._("A photo could not be read and was left out: {what}").format(
                            what=problem
                        )
                    )

    def photo(self, att: AttachmentInfo) -> Flowable | None:
        img = self.images.get(att.id)
        if img is None:
            return None
        parts: list[Flowable] = [Image(io.BytesIO(img.data), img.width_pt, img.height_pt)]
        if att.caption.strip():
            parts.append(self.p(att.caption, self.styles.caption))
        else:
            parts.append(Spacer(1, 8))
        return KeepTogether(parts)


class ChunkTable(Flowable):
    """Some rows of a long table. The header row shows on the first chunk and whenever a
    chunk starts a page, so the table reads as one with its header on every page."""

    def __init__(self, header, rows, widths, first: bool) -> None:
        super().__init__()
        self.header = list(header)
        self.rows = [list(r) for r in rows]
        self.widths = list(widths)
        self.first = first
        self.hAlign = "LEFT"
        self._tables: dict[bool, Table] = {}
        self._current: Table | None = None

    def _table(self, with_header: bool) -> Table:
        table = self._tables.get(with_header)
        if table is None:
            data = ([self.header] if with_header else []) + self.rows
            table = Table(
                data,
                colWidths=self.widths,
                repeatRows=1 if with_header else 0,
                splitInRow=1,
                style=grid_style(header_rows=1 if with_header else 0),
                hAlign="LEFT",
            )
            self._tables[with_header] = table
        return table

    def _pick(self) -> Table:
        doc = getattr(getattr(self, "canv", None), "_doctemplate", None)
        at_top = bool(getattr(getattr(doc, "frame", None), "_atTop", True))
        self._current = self._table(self.first or at_top)
        return self._current

    def wrap(self, avail_w, avail_h):
        table = self._pick()
        self.width, self.height = table.wrapOn(self.canv, avail_w, avail_h)
        return self.width, self.height

    def split(self, avail_w, avail_h):
        table = self._pick()
        parts = table.splitOn(self.canv, avail_w, avail_h)
        if len(parts) < 2:
            return parts
        # the rows that go to the next page (Table's own, private: not in the stubs)
        rest = parts[-1]._cellvalues  # type: ignore[attr-defined]
        if table.repeatRows:
            rest = rest[table.repeatRows :]
        # the rest shows the header only where it starts a page (see _pick): a rest that
        # still fits under the first part on this page continues without one
        return [*parts[:-1], ChunkTable(self.header, rest, self.widths, first=False)]

    def drawOn(self, canvas, x, y, _sW=0):
        # Flowable.drawOn takes _sW (space left for alignment); the stubs leave it out
        (self._current or self._table(True)).drawOn(canvas, x, y, _sW)  # type: ignore[call-arg]


def split_long_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """`text` in pieces of at most `size` characters, cut at a line break or else a space
    (a word longer than `size` is cut where it must). Short text is one piece."""
    pieces: list[str] = []
    rest = text
    while len(rest) > size:
        cut = rest.rfind("\n", 0, size)
        if cut < size // 2:
            cut = rest.rfind(" ", 0, size)
        if cut <= 0:
            cut = size
        pieces.append(rest[:cut])
        rest = rest[cut:]
        if rest[:1] in ("\n", " "):
            rest = rest[1:]
    pieces.append(rest)
    return pieces


def chunked_table(
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    chunk: int = TABLE_CHUNK_ROWS,
) -> list[Flowable]:
    """A long table as page-sized chunks (fast to lay out, never a LayoutError).

    Rows taller than a page split inside the row, so a 10,000-character cell fits too.
    """
    if not rows:
        return []
    rows = _expand_long_cells(rows)
    out: list[Flowable] = [
        ChunkTable(header, rows[start : start + chunk], widths, first=start == 0)
        for start in range(0, len(rows), chunk)
    ]
    out.append(Spacer(1, 6))
    return out


def _expand_long_cells(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """A row whose cells hold lists of paragraphs (long text, see Ctx.cell) becomes one row
    per paragraph: the table then splits between small rows instead of inside a huge one
    (which ReportLab does in time quadratic in the cell's length)."""
    out: list[list[Any]] = []
    for row in rows:
        if not any(isinstance(cell, list) for cell in row):
            out.append(list(row))
            continue
        height = max(len(cell) if isinstance(cell, list) else 1 for cell in row)
        for i in range(height):
            out.append(
                [
                    (cell[i] if i < len(cell) else "")
                    if isinstance(cell, list)
                    else (cell if i == 0 else "")
                    for cell in row
                ]
            )
    return out


def fraction_widths(*fractions: float) -> list[float]:
    total = sum(fractions)
    return [FRAME_WIDTH * f / total for f in fractions]
