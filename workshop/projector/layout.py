"""Layout decisions for the projector, in screen pixels, testable without Qt.

Sizes follow the screen: every number is a fraction of the screen's width or height, so
the same picture works on a 1024×768 beamer and on a 4K screen. Text widths come from a
`Measure` (width of a text in em, i.e. at a 1 px font); the UI passes one built on the
real font metrics, tests use `approx_em`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workshop.projector.content import GroupEntry

Measure = Callable[[str], float]

#: Smallest text the back of the room reads: 20 pt on a 720 pt high slide (the usual
#: minimum for slides is 18 pt), i.e. 1/36 of the screen height, never below 18 px.
MIN_LEGIBLE_FRACTION = 1 / 36
MIN_LEGIBLE_PX = 18.0
#: Ink height of the agenda-item timer digits, as a fraction of the screen height (≥ 1/3).
TIMER_DIGIT_FRACTION = 0.345
#: Seconds each page of groups stays up when they do not fit on one screen.
PAGE_SECONDS = 10.0
LINE = 1.25  # line height in em
HOST_MARK = "★ "
RAPPORTEUR_MARK = " ✎"
NAME_CAP_EM = 13.0  # longer names are elided rather than shrinking every card


def approx_em(text: str) -> float:
    """Rough width of `text` in em for a sans-serif font (DejaVu Sans proportions)."""
    width = 0.0
    for ch in text:
        if ch in " .,:;'’|!iIjlft()[]·":
            width += 0.34
        elif ch in "mwMW":
            width += 0.92
        elif ch.isupper() or ch.isdigit():
            width += 0.70
        else:
            width += 0.61
    return width


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


def min_legible_px(height: float) -> float:
    return max(MIN_LEGIBLE_PX, height * MIN_LEGIBLE_FRACTION)


def margin(width: float, height: float) -> float:
    return round(0.035 * min(width, height * 4 / 3))


# -- breakout ---------------------------------------------------------------------------
@dataclass(frozen=True)
class BreakoutLayout:
    columns: int
    rows: int
    per_page: int
    pages: int
    name_px: float  # font size of the names
    header: Rect  # round title and timer
    footer: Rect  # legend and page indicator
    cards: tuple[Rect, ...]  # one page's card positions, in reading order
    table_lines: int  # lines reserved for 'Tafel …' under the group title

    @property
    def title_px(self) -> float:
        return self.name_px * 1.15

    def page_slice(self, page: int) -> slice:
        page = page % max(1, self.pages)
        return slice(page * self.per_page, (page + 1) * self.per_page)

    def legible(self, height: float) -> bool:
        return self.name_px >= min_legible_px(height) - 1e-6


def member_label(name: str, host: bool, rapporteur: bool) -> str:
    return f"{HOST_MARK if host else ''}{name}{RAPPORTEUR_MARK if rapporteur else ''}"


def breakout_layout(
    width: float,
    height: float,
    groups: Sequence[GroupEntry],
    measure: Measure = approx_em,
    bold_measure: Measure | None = None,
) -> BreakoutLayout:
    """Fewest pages at which every name is legible; on those pages the largest text.

    `measure` is for regular text (names, table line), `bold_measure` for the group titles
    and the hosts' names (drawn bold); by default 8 % wider than regular.
    """
    bold = bold_measure or (lambda text: measure(text) * 1.08)
    m = margin(width, height)
    header = Rect(m, m * 0.6, width - 2 * m, height * 0.13)
    footer_h = height * 0.06
    footer = Rect(m, height - m * 0.5 - footer_h, width - 2 * m, footer_h)
    grid = Rect(m, header.bottom + m * 0.5, width - 2 * m, footer.y - header.bottom - m * 0.7)
    gap = max(6.0, width * 0.012)
    n = max(1, len(groups))
    members = max((len(g.members) for g in groups), default=0)
    members = max(members, 1)
    name_em = max(
        (
            min(
                NAME_CAP_EM,
                (bold if p.host else measure)(member_label(p.name, p.host, p.rapporteur)),
            )
            for g in groups
            for p in g.members
        ),
        default=4.0,
    )
    title_em = max((bold(g.title) * 1.15 for g in groups), default=4.0)
    name_em = max(name_em, title_em)
    table_em = max((measure(g.table_line) for g in groups if g.table_line), default=0.0)
    has_table = table_em > 0
    cap = height / 14
    legible = min_legible_px(height)

    overall: BreakoutLayout | None = None
    for pages in range(1, n + 1):
        per_page = math.ceil(n / pages)
        if math.ceil(n / per_page) != pages:
            continue
        best: BreakoutLayout | None = None
        for cols in range(1, per_page + 1):
            rows = math.ceil(per_page / cols)
            if (rows - 1) * cols >= per_page:
                continue
            card_w = (grid.w - (cols - 1) * gap) / cols
            card_h = (grid.h - (rows - 1) * gap) / rows
            if card_w <= 0 or card_h <= 0:
                continue
            px_w = card_w / (name_em + 1.0)
            options = []
            for table_lines in (1, 2) if has_table else (0,):
                px = min(cap, px_w, card_h / (LINE * (1.15 + table_lines + members) + 1.0))
                if table_lines == 1:
                    px = min(px, card_w / (table_em + 1.0))
                elif table_lines == 2:  # wraps (inside a long word if need be)
                    px = min(px, card_w / (table_em * 0.55 + 1.0))
                options.append((px, -table_lines))
            px, neg_lines = max(options)
            if best is not None and px <= best.name_px:
                continue
            cards = tuple(
                Rect(grid.x + c * (card_w + gap), grid.y + r * (card_h + gap), card_w, card_h)
                for r in range(rows)
                for c in range(cols)
            )[:per_page]
            best = BreakoutLayout(
                cols, rows, per_page, pages, px, header, footer, cards, -neg_lines
            )
        if best is None:
            continue
        if best.name_px >= legible:
            return best
        if overall is None or best.name_px > overall.name_px:
            overall = best
    assert overall is not None
    return overall


def page_at(elapsed_seconds: float, pages: int, seconds: float = PAGE_SECONDS) -> int:
    """Which page shows after `elapsed_seconds` of automatic paging."""
    if pages <= 1:
        return 0
    return int(max(0.0, elapsed_seconds) // seconds) % pages


# -- agenda item ------------------------------------------------------------------------
@dataclass(frozen=True)
class AgendaItemLayout:
    disk: Rect
    title: Rect
    digits: Rect  # the mm:ss box; ink height of the digits is `digit_height`
    digit_height: float
    next: Rect
    progress: Rect


def agenda_item_layout(width: float, height: float) -> AgendaItemLayout:
    """Disk and title on top, the very large mm:ss across the middle, next item and progress."""
    m = margin(width, height)
    top_h = height * 0.24
    disk_d = top_h * 0.92
    disk = Rect(m, m * 0.6 + (top_h - disk_d) / 2, disk_d, disk_d)
    title = Rect(disk.right + m, m * 0.6, width - disk.right - 2 * m, top_h)
    digit_height = height * TIMER_DIGIT_FRACTION
    digits = Rect(m, title.bottom + height * 0.015, width - 2 * m, height * 0.45)
    progress_h = height * 0.075
    progress = Rect(m, height - m * 0.6 - progress_h, width - 2 * m, progress_h)
    nxt = Rect(m, digits.bottom, width - 2 * m, progress.y - digits.bottom - height * 0.01)
    return AgendaItemLayout(disk, title, digits, digit_height, nxt, progress)


# -- programme --------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgrammeLayout:
    title: Rect
    rows: tuple[Rect, ...]
    first: int  # index of the first agenda item shown
    row_px: float  # font size of a row


def programme_layout(
    width: float, height: float, count: int, current: int | None
) -> ProgrammeLayout:
    """All items when they fit legibly; otherwise a window that keeps the current item in view
    (one item of context above it)."""
    m = margin(width, height)
    title = Rect(m, m * 0.6, width - 2 * m, height * 0.12)
    area = Rect(m, title.bottom + m * 0.5, width - 2 * m, height - title.bottom - m * 1.3)
    legible = min_legible_px(height) * 1.15
    row_h_ideal = min(area.h / max(1, count), height / 9)
    row_px = min(row_h_ideal / 1.6, height / 16)
    shown = count
    if row_px < legible:
        row_px = legible
        shown = max(1, int(area.h // (row_px * 1.6)))
    row_h = row_px * 1.6
    first = 0
    if shown < count and current is not None:
        first = min(max(0, current - 1), count - shown)
    rows = tuple(Rect(area.x, area.y + i * row_h, area.w, row_h) for i in range(min(shown, count)))
    return ProgrammeLayout(title, rows, first, row_px)


# -- plenaire terugkoppeling ------------------------------------------------------------
@dataclass(frozen=True)
class ReportingLayout:
    speaker: Rect  # 'Aan het woord: Groep 3 · …'
    order: Rect  # the order of the groups
    disk: Rect
    digits: Rect
    digit_height: float
    notes: Rect | None  # captured points, when shown
    order_px: float


def reporting_layout(width: float, height: float, show_notes: bool) -> ReportingLayout:
    m = margin(width, height)
    speaker = Rect(m, m * 0.6, width - 2 * m, height * 0.17)
    body_y = speaker.bottom + m * 0.6
    body_h = height - body_y - m * 0.6
    order_w = width * 0.26
    order = Rect(m, body_y, order_w, body_h)
    main_x = order.right + m
    main_w = width - main_x - m
    order_px = max(min_legible_px(height), height / 26)
    if show_notes:
        timer_h = body_h * 0.30
        disk = Rect(main_x, body_y, timer_h, timer_h)
        digits = Rect(disk.right + m * 0.6, body_y, main_w - timer_h - m * 0.6, timer_h)
        notes = Rect(main_x, body_y + timer_h + m * 0.5, main_w, body_h - timer_h - m * 0.5)
        return ReportingLayout(speaker, order, disk, digits, timer_h * 0.62, notes, order_px)
    disk_d = min(body_h * 0.42, main_w * 0.4)
    disk = Rect(main_x + (main_w - disk_d) / 2, body_y, disk_d, disk_d)
    digits = Rect(main_x, disk.bottom + m * 0.4, main_w, body_h - disk_d - m * 0.4)
    return ReportingLayout(speaker, order, disk, digits, height * 0.24, None, order_px)


def fit_from_end(heights: Sequence[float], available: float) -> int:
    """Index of the first of the newest items that fit in `available` (newest at the bottom)."""
    used = 0.0
    start = len(heights)
    for i in range(len(heights) - 1, -1, -1):
        if used + heights[i] > available and start < len(heights):
            break
        used += heights[i]
        start = i
    return start
