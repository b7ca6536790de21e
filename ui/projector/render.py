"""Drawing the projector picture for any size: the window, the thumbnail and screenshots."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from ui.projector.paint import (
    digits_px_for_height,
    draw_digits,
    draw_disk,
    draw_text,
    fit_and_draw,
    font,
    measure_em,
    qrect,
    rounded,
)
from ui.projector.scene import Scene
from workshop.i18n import N_, _, format_clock, format_long_date, plural
from workshop.model import ItemKind
from workshop.projector.content import GroupEntry, ProjectorContent
from workshop.projector.layout import (
    HOST_MARK,
    LINE,
    RAPPORTEUR_MARK,
    agenda_item_layout,
    breakout_layout,
    fit_from_end,
    margin,
    min_legible_px,
    page_at,
    programme_layout,
    reporting_layout,
)
from workshop.projector.state import Mode
from workshop.projector.theme import Theme, theme_for
from workshop.projector.timers import (
    NO_FLOOR,
    at_clock,
    clock_label,
    countdown_caption,
    static_reading,
)

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
BLACK = "#000000"


def paint_scene(painter: QPainter, width: float, height: float, scene: Scene) -> None:
    """Draw the whole picture into (0, 0, width, height)."""
    state = scene.state
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if state.blackout:
        painter.fillRect(QRectF(0, 0, width, height), QColor(BLACK))
        painter.restore()
        return
    theme = theme_for(state.dark)
    painter.fillRect(QRectF(0, 0, width, height), QColor(theme.background))
    content = scene.content
    if content is None:
        _centered_note(painter, width, height, theme, _("Loading…"))
    elif state.mode == Mode.WELCOME:
        _welcome(painter, width, height, theme, content, scene)
    elif state.mode == Mode.AGENDA_ITEM:
        _agenda_item(painter, width, height, theme, scene)
    elif state.mode == Mode.PROGRAMME:
        _programme(painter, width, height, theme, scene)
    elif state.mode == Mode.BREAKOUT:
        _breakout(painter, width, height, theme, scene)
    elif state.mode == Mode.REPORTING:
        _reporting(painter, width, height, theme, scene)
    if scene.room is not None and content is not None:
        from ui.projector.room_paint import paint_room

        paint_room(painter, width, height, theme, scene)
    if state.message:
        _message(painter, width, height, theme, state.message)
    painter.restore()


def _centered_note(painter, width, height, theme: Theme, text: str) -> None:
    m = margin(width, height)
    fit_and_draw(
        painter,
        text,
        QRectF(m, height * 0.3, width - 2 * m, height * 0.4),
        theme.muted,
        height / 12,
        min_legible_px(height),
        lines=3,
        align=CENTER,
    )


# -- welcome ----------------------------------------------------------------------------
def _welcome(painter, width, height, theme: Theme, content: ProjectorContent, scene) -> None:
    m = margin(width, height)
    inner = width - 4 * m
    x = 2 * m
    legible = min_legible_px(height)
    # the time now, so the room sees when the start is near
    draw_text(
        painter,
        clock_label(scene.now),
        QRectF(x, m, inner, height * 0.07),
        height * 0.045,
        theme.muted,
        align=RIGHT,
    )
    y = height * 0.12
    if content.subtitle:
        draw_text(
            painter,
            content.subtitle,
            QRectF(x, y, inner, height * 0.08),
            height * 0.045,
            theme.accent,
            bold=True,
        )
    y += height * 0.09
    title_box = QRectF(x, y, inner, height * 0.32)
    fit_and_draw(
        painter,
        content.title or _("Welcome"),
        title_box,
        theme.text,
        height * 0.11,
        legible,
        bold=True,
        lines=3,
        align=TOP_LEFT,
    )
    y = title_box.bottom() + height * 0.03
    when = []
    if content.date is not None:
        when.append(format_long_date(content.date))
    if content.start_time is not None:
        span = format_clock(content.start_time)
        if content.end_time is not None:
            span += f" – {format_clock(content.end_time)}"
        when.append(span)
    line_px = height * 0.05
    if when:
        draw_text(
            painter, " · ".join(when), QRectF(x, y, inner, line_px * 1.4), line_px, theme.text
        )
        y += line_px * 1.5
    if content.place:
        draw_text(painter, content.place, QRectF(x, y, inner, line_px * 1.4), line_px, theme.muted)
        y += line_px * 1.5
    y = _cohosts(painter, content, QRectF(x, y, inner, line_px * 1.4), line_px, theme)
    _cohost_logos(painter, content, QRectF(x, height - m * 1.9, inner * 0.6, m * 1.6))
    if content.welcome_line:
        band = QRectF(x - m * 0.6, height * 0.78, inner + m * 1.2, height * 0.13)
        rounded(painter, band, theme.card, height * 0.015)
        fit_and_draw(
            painter,
            content.welcome_line,
            band.adjusted(m * 0.6, 0, -m * 0.6, 0),
            theme.card_text,
            height * 0.045,
            legible,
            lines=2,
        )
    if content.organiser:
        draw_text(
            painter,
            content.organiser,
            QRectF(x, height - m * 1.6, inner, m * 1.2),
            max(legible * 0.8, height * 0.028),
            theme.muted,
            align=RIGHT,
        )


def _cohosts(painter, content: ProjectorContent, box: QRectF, line_px: float, theme) -> float:
    """The line "in samenwerking met …" under the place; returns the next y."""
    names = [name for name, _logo in content.cohosts if name.strip()]
    if not names:
        return box.top()
    joined = (
        names[0]
        if len(names) == 1
        else _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])
    )
    draw_text(
        painter,
        _("in collaboration with {names}").format(names=joined),
        box,
        line_px * 0.8,
        theme.muted,
    )
    return box.bottom() + line_px * 0.1


def _cohost_logos(painter, content: ProjectorContent, box: QRectF) -> None:
    """The co-hosts' logos in a row in the bottom left corner (the organiser is right)."""
    x = box.left()
    for _name, raw in content.cohosts:
        image = _logo_image(raw) if raw else None
        if image is None:
            continue
        w = image.width() * box.height() / max(1, image.height())
        if x + w > box.right():
            break
        painter.drawImage(QRectF(x, box.top(), w, box.height()), image)
        x += w + box.height() * 0.5


_LOGOS: dict[int, QImage] = {}


def _logo_image(raw: bytes) -> QImage | None:
    """A decoded logo, kept while the app runs (the picture repaints every second)."""
    key = hash(raw)
    if key not in _LOGOS:
        image = QImage()
        if not image.loadFromData(raw):
            return None
        if len(_LOGOS) > 32:
            _LOGOS.clear()
        _LOGOS[key] = image
    return _LOGOS[key]


# -- agenda item ------------------------------------------------------------------------
def _item_reading(scene: Scene):
    content = scene.content
    item = content.current_item() if content else None
    if scene.item_reading is not None:
        return scene.item_reading
    return static_reading(item.title if item else "", item.planned_minutes if item else 0)


def _agenda_item(painter, width, height, theme: Theme, scene: Scene) -> None:
    content = scene.content
    assert content is not None
    layout = agenda_item_layout(width, height)
    item = content.current_item()
    if item is None:
        _centered_note(painter, width, height, theme, _("The agenda is still empty"))
        return
    reading = _item_reading(scene)
    draw_disk(painter, qrect(layout.disk), reading, theme)
    legible = min_legible_px(height)
    title = qrect(layout.title)
    lead_h = title.height() * 0.26 if item.lead else 0
    fit_and_draw(
        painter,
        item.title,
        QRectF(title.x(), title.y(), title.width(), title.height() - lead_h),
        theme.text,
        height * 0.075,
        legible,
        bold=True,
        lines=2,
    )
    if item.lead:
        draw_text(
            painter,
            item.lead,
            QRectF(title.x(), title.bottom() - lead_h, title.width(), lead_h),
            max(legible, height * 0.04),
            theme.muted,
        )
    digits = qrect(layout.digits)
    if item.kind == ItemKind.TERUGBLIK_ACTIES.value:  # a series: earlier meetings' actions
        from ui.projector.review_card import draw_review

        band = QRectF(digits.x(), digits.y(), digits.width(), digits.height() * 0.28)
        draw_countdown(painter, reading, band, band.height() * 0.8, theme, legible)
        card = QRectF(digits.x(), band.bottom(), digits.width(), digits.bottom() - band.bottom())
        draw_review(painter, card, theme, content.review, max(legible, height * 0.034))
    else:
        draw_countdown(painter, reading, digits, layout.digit_height, theme, legible)
    nxt = content.next_item(item.id)
    next_box = qrect(layout.next)
    next_px = max(legible, min(height * 0.045, next_box.height() * 0.6))
    if nxt is not None:
        draw_text(
            painter,
            next_line(scene, nxt),
            next_box,
            next_px,
            theme.muted,
        )
    else:
        draw_text(painter, _("Last part of the programme"), next_box, next_px, theme.muted)
    _progress(painter, qrect(layout.progress), theme, content, item.id, legible)


def next_line(scene: Scene, nxt) -> str:
    """'Hierna · om 16:31 · Pauze': the expected start at the current pace (the Live
    strip's forecast), the planned one only when nothing runs."""
    start = scene.expected_start(nxt.id) or nxt.planned_start
    if start is None:
        return _("Next: {title}").format(title=nxt.title)
    return _("Next · {when} · {title}").format(when=at_clock(start), title=nxt.title)


def draw_countdown(
    painter, reading, rect: QRectF, ink_height: float, theme: Theme, legible: float
) -> QRectF:
    """Countdown digits with their word ('nog 15:00', 'uitloop +01:12') in a smaller,
    muted type before them: a countdown never reads as a clock time."""
    caption = countdown_caption(reading)
    colour = theme.timer_colour(reading.level)
    if not caption:
        return draw_digits(painter, reading.display, rect, ink_height, colour)
    measure = measure_em()
    digits_w = QFontMetricsF(font(digits_px_for_height(ink_height), True)).horizontalAdvance(
        reading.display
    )
    # beside the digits when there is room for a word of a fair size (the digits keep
    # their shape); else above them, at the digits' left edge
    px = min(ink_height * 0.42, (rect.width() - digits_w) / (measure(caption) + 0.5))
    if px >= max(legible, ink_height * 0.25):
        caption_w = measure(caption) * px
        gap = px * 0.4
        digits_box = QRectF(
            rect.x() + caption_w + gap,
            rect.y(),
            max(1.0, rect.width() - caption_w - gap),
            rect.height(),
        )
        ink = draw_digits(painter, reading.display, digits_box, ink_height, colour)
        box = QRectF(
            ink.left() - gap - caption_w * 1.1, ink.bottom() - px * 1.25, caption_w * 1.1, px * 1.3
        )
        draw_text(painter, caption, box, px, theme.muted, align=RIGHT)
        return ink
    ink = draw_digits(painter, reading.display, rect, ink_height, colour)
    px = max(legible, min(ink_height * 0.2, (ink.top() - rect.top()) / 1.2))
    box = QRectF(ink.left(), ink.top() - px * 1.35, ink.width(), px * 1.3)
    draw_text(painter, caption, box, px, theme.muted, align=LEFT)
    return ink


def _progress(painter, box: QRectF, theme: Theme, content, item_id, legible) -> None:
    """A bar of the programme's parts (sized by planned minutes): done, now, still to come."""
    index = content.index_of(item_id) or 0
    label = _("{n} of {total}").format(n=index + 1, total=len(content.agenda))
    label_px = max(legible, box.height() * 0.55)
    label_w = box.width() * 0.16
    draw_text(
        painter,
        label,
        QRectF(box.right() - label_w, box.y(), label_w, box.height()),
        label_px,
        theme.muted,
        align=RIGHT,
    )
    bar = QRectF(
        box.x(),
        box.y() + box.height() * 0.3,
        box.width() - label_w - box.height(),
        box.height() * 0.4,
    )
    total = sum(max(1, i.planned_minutes) for i in content.agenda) or 1
    gap = max(2.0, bar.height() * 0.25)
    x = bar.x()
    for n, entry in enumerate(content.agenda):
        w = bar.width() * max(1, entry.planned_minutes) / total
        seg = QRectF(x, bar.y(), max(1.0, w - gap), bar.height())
        rounded(painter, seg, theme.disk_track, bar.height() / 2)
        if n < index:
            rounded(painter, seg, theme.progress_done, bar.height() / 2)
        elif n == index:
            rounded(painter, seg, theme.accent, bar.height() / 2)
            inner = seg.adjusted(
                bar.height() * 0.2, bar.height() * 0.2, -bar.height() * 0.2, -bar.height() * 0.2
            )
            if inner.width() > 0:
                rounded(painter, inner, theme.background, inner.height() / 2)
        x += w


# -- programme --------------------------------------------------------------------------
def _programme(painter, width, height, theme: Theme, scene: Scene) -> None:
    content = scene.content
    assert content is not None
    current = content.current_item()
    current_index = content.index_of(current.id) if current else None
    layout = programme_layout(width, height, len(content.agenda), current_index)
    legible = min_legible_px(height)
    title = qrect(layout.title)
    heading_px = height * 0.065
    heading = _("Programme")
    heading_w = measure_em(True)(heading) * heading_px
    draw_text(painter, heading, title, heading_px, theme.text, bold=True)
    if content.title:
        rest = QRectF(
            title.x() + heading_w + heading_px,
            title.y(),
            title.width() - heading_w - heading_px,
            title.height(),
        )
        draw_text(
            painter, content.title, rest, max(legible, height * 0.032), theme.muted, align=RIGHT
        )
    if not content.agenda:
        _centered_note(painter, width, height, theme, _("The agenda is still empty"))
        return
    px, lines = _programme_px(layout, content, width, legible)
    for offset, row in enumerate(layout.rows):
        index = layout.first + offset
        entry = content.agenda[index]
        box = qrect(row).adjusted(0, row.h * 0.06, 0, -row.h * 0.06)
        is_current = index == current_index
        fg = theme.text
        time_fg = theme.muted
        if is_current:
            rounded(painter, box, theme.highlight, box.height() * 0.18)
            fg = time_fg = theme.highlight_text
        elif entry.done:
            fg = theme.muted
        pad, time_w, mins_w = _programme_columns(px)
        start = (None if entry.done else scene.expected_start(entry.id)) or entry.planned_start
        draw_text(
            painter,
            format_clock(start) if start else "",
            QRectF(box.x() + pad, box.y(), time_w, box.height()),
            px,
            time_fg,
            bold=is_current,
        )
        mark = "✓ " if entry.done and not is_current else ""
        title_box = QRectF(
            box.x() + pad + time_w, box.y(), box.width() - time_w - mins_w - 2 * pad, box.height()
        )
        draw_text(painter, mark + entry.title, title_box, px, fg, bold=is_current, lines=lines)
        draw_text(
            painter,
            _("{n} min").format(n=entry.planned_minutes),
            QRectF(box.right() - mins_w - pad, box.y(), mins_w, box.height()),
            px,
            time_fg,
            align=RIGHT,
        )
    before = layout.first
    after = len(content.agenda) - layout.first - len(layout.rows)
    m = margin(width, height)
    note_px = legible * 0.9
    if before > 0:
        draw_text(
            painter,
            plural(before, N_("↑ {n} earlier item"), N_("↑ {n} earlier items")).format(n=before),
            QRectF(title.x(), title.bottom() - note_px * 1.2, title.width(), note_px * 1.3),
            note_px,
            theme.muted,
            align=RIGHT,
        )
    if after > 0:
        draw_text(
            painter,
            plural(after, N_("↓ {n} more item"), N_("↓ {n} more items")).format(n=after),
            QRectF(title.x(), height - m * 0.9, title.width(), m * 0.8),
            note_px,
            theme.muted,
            align=RIGHT,
        )


def _programme_columns(px: float) -> tuple[float, float, float]:
    return px * 0.5, px * 3.6, px * 3.8


def _programme_px(layout, content: ProjectorContent, width: float, legible: float):
    """One font size for every row: the largest at which each title fits in one line, or in
    two lines when the rows are tall enough; never below legible."""
    if not layout.rows:
        return legible, 1
    row_h = layout.rows[0].h * 0.88
    measure = measure_em(True)
    one = layout.row_px
    two = row_h / (2 * LINE + 0.3)
    best, best_lines = legible, 1
    for lines, cap in ((1, one), (2, two)):
        px = cap
        for entry in content.agenda:
            pad, time_w, mins_w = (f / px for f in _programme_columns(px))
            avail_em = layout.rows[0].w / px - pad * 2 - time_w - mins_w
            need = measure("✓ " + entry.title) / (lines * 0.92)
            if need > avail_em:
                # shrink until this title fits: width scales with px, columns too
                px = min(px, layout.rows[0].w / (need + 2 * 0.5 + 3.6 + 3.8))
        if px > best:
            best, best_lines = px, lines
    return max(legible, best), best_lines


# -- breakout ---------------------------------------------------------------------------
def _breakout(painter, width, height, theme: Theme, scene: Scene) -> None:
    content = scene.content
    assert content is not None
    item = content.current_item()
    rnd = content.round(scene.state.round_id, item.id if item else None)
    groups = rnd.groups if rnd else ()
    layout = breakout_layout(width, height, groups, measure_em(), measure_em(bold=True))
    legible = min_legible_px(height)
    header = qrect(layout.header)
    reading = _item_reading(scene)
    timer_w = header.height() * 4.4
    disk = QRectF(header.right() - header.height(), header.y(), header.height(), header.height())
    draw_disk(painter, disk, reading, theme)
    draw_countdown(
        painter,
        reading,
        QRectF(
            header.right() - timer_w, header.y(), timer_w - header.height() * 1.15, header.height()
        ),
        header.height() * 0.5,
        theme,
        legible,
    )
    siblings = content.rounds_of(rnd.agenda_item_id) if rnd else ()
    if rnd and len(siblings) > 1 and rnd in siblings:
        heading = _("Round {n} of {total}").format(n=siblings.index(rnd) + 1, total=len(siblings))
    elif rnd:
        heading = _("Round {n}").format(n=rnd.number)
    else:
        heading = _("Breakout")
    if rnd and rnd.title:
        heading += f" · {rnd.title}"
    elif item is not None and item.kind == "subgroepen":
        heading += f" · {item.title}"
    fit_and_draw(
        painter,
        heading,
        QRectF(
            header.x(),
            header.y(),
            header.width() - timer_w - header.height() * 0.3,
            header.height(),
        ),
        theme.text,
        height * 0.06,
        legible,
        bold=True,
        lines=2,
    )
    if not groups:
        _centered_note(painter, width, height, theme, _("The groups have not been made yet"))
        return
    page = page_at(scene.paging_seconds, layout.pages)
    shown = groups[layout.page_slice(page)]
    for card, group in zip(layout.cards, shown, strict=False):
        _group_card(painter, qrect(card), theme, group, layout.name_px, layout.table_lines)
    footer = qrect(layout.footer)
    legend_px = max(legible * 0.85, footer.height() * 0.5)
    legend = _("★ table host") + "   " + _("✎ rapporteur")
    draw_text(painter, legend, footer, legend_px, theme.muted)
    if layout.pages > 1:
        draw_text(
            painter,
            _("Page {n} of {total}").format(n=page + 1, total=layout.pages),
            footer,
            legend_px,
            theme.text,
            bold=True,
            align=RIGHT,
        )


def _group_card(painter, card: QRectF, theme: Theme, group: GroupEntry, px, table_lines) -> None:
    rounded(painter, card, theme.card, px * 0.45)
    pad = px * 0.5
    x, w = card.x() + pad, card.width() - 2 * pad
    y = card.y() + pad
    title_h = px * 1.15 * LINE
    draw_text(painter, group.title, QRectF(x, y, w, title_h), px * 1.15, theme.card_accent, True)
    y += title_h
    if table_lines:
        box = QRectF(x, y, w, px * LINE * table_lines)
        if group.table_line:
            _wrapped(painter, group.table_line, box, px, theme.card_accent)
        y += box.height()
    for member in group.members:
        label = member.name + (RAPPORTEUR_MARK if member.rapporteur else "")
        if member.host:
            label = HOST_MARK + label
        draw_text(
            painter,
            label,
            QRectF(x, y, w, px * LINE),
            px,
            theme.card_accent if member.host else theme.card_text,
            bold=member.host,
        )
        y += px * LINE


def _wrapped(painter, text: str, box: QRectF, px: float, colour: str) -> None:
    """Wrap at words, or inside a long word (Dutch compounds) rather than cutting it off."""
    from PySide6.QtGui import QTextOption

    from ui.projector.paint import font

    option = QTextOption(TOP_LEFT)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    painter.save()
    painter.setClipRect(box)
    painter.setFont(font(px))
    painter.setPen(QColor(colour))
    painter.drawText(box, text, option)
    painter.restore()


# -- plenaire terugkoppeling ------------------------------------------------------------
def _reporting(painter, width, height, theme: Theme, scene: Scene) -> None:
    content = scene.content
    assert content is not None
    state = scene.state
    item = content.current_item()
    rnd = content.round(state.round_id, item.id if item else None)
    layout = reporting_layout(width, height, state.show_notes)
    legible = min_legible_px(height)
    order = rnd.reporting_order() if rnd else ()
    if not order:
        draw_text(
            painter,
            _("Plenary feedback"),
            qrect(layout.speaker),
            height * 0.07,
            theme.text,
            bold=True,
        )
        _centered_note(painter, width, height, theme, _("The groups have not been made yet"))
        return
    current = next((g for g in order if g.id == state.reporting_group_id), order[0])
    speaker = qrect(layout.speaker)
    label_h = speaker.height() * 0.34
    floor = scene.speaking_reading is not None  # somebody has the floor (F8)
    draw_text(
        painter,
        _("Now reporting") if floor else _("Reports next"),
        QRectF(speaker.x(), speaker.y(), speaker.width(), label_h),
        max(legible, label_h * 0.8),
        theme.muted,
    )
    fit_and_draw(
        painter,
        current.label,
        QRectF(speaker.x(), speaker.y() + label_h, speaker.width(), speaker.height() - label_h),
        theme.text,
        height * 0.075,
        legible,
        bold=True,
        lines=1,
    )
    _order_list(painter, qrect(layout.order), theme, order, current, layout.order_px)
    if scene.speaking_reading is not None:
        reading = scene.speaking_reading
        draw_disk(painter, qrect(layout.disk), reading, theme)
        draw_countdown(painter, reading, qrect(layout.digits), layout.digit_height, theme, legible)
    else:  # nobody has the floor: an empty disk and a dash, never a green 00:00
        draw_disk(painter, qrect(layout.disk), static_reading("", 0), theme)
        draw_text(
            painter,
            NO_FLOOR,
            qrect(layout.digits),
            layout.digit_height * 0.6,
            theme.muted,
            align=CENTER,
        )
    if layout.notes is not None:
        _notes(
            painter,
            qrect(layout.notes),
            theme,
            content.notes_for_group(current.id),
            max(legible, height * 0.034),
        )


def _order_list(painter, box: QRectF, theme: Theme, order, current, px) -> None:
    row_h = min(px * 1.9, box.height() / max(1, len(order)))
    px = min(px, row_h / 1.5)
    index = order.index(current)
    first = 0
    fits = max(1, int(box.height() // row_h))
    if len(order) > fits:
        first = min(max(0, index - 1), len(order) - fits)
    for offset, group in enumerate(order[first : first + fits]):
        n = first + offset
        row = QRectF(box.x(), box.y() + offset * row_h, box.width(), row_h * 0.9)
        if group.id == current.id:
            rounded(painter, row, theme.highlight, row.height() * 0.2)
            fg, bold, mark = theme.highlight_text, True, "▶ "
        else:
            rounded(painter, row, theme.card, row.height() * 0.2)
            done = n < index
            fg, bold, mark = (
                (theme.card_muted if done else theme.card_text),
                False,
                ("✓ " if done else f"{n + 1}. "),
            )
        draw_text(
            painter, mark + group.title, row.adjusted(px * 0.5, 0, -px * 0.4, 0), px, fg, bold
        )


def _notes(painter, box: QRectF, theme: Theme, notes, px) -> None:
    from PySide6.QtGui import QFontMetricsF

    from ui.projector.paint import WRAP, font

    rounded(painter, box, theme.card, px * 0.5)
    inner = box.adjusted(px * 0.7, px * 0.5, -px * 0.7, -px * 0.5)
    heading_h = px * 1.5
    draw_text(
        painter,
        _("Captured so far"),
        QRectF(inner.x(), inner.y(), inner.width(), heading_h),
        px,
        theme.card_accent,
        bold=True,
    )
    area = QRectF(inner.x(), inner.y() + heading_h, inner.width(), inner.height() - heading_h)
    if not notes:
        draw_text(
            painter,
            _("No points yet"),
            QRectF(area.x(), area.y(), area.width(), px * 1.5),
            px,
            theme.card_muted,
        )
        return
    metrics = QFontMetricsF(font(px))
    bullet_w = px * 1.2
    text_w = area.width() - bullet_w
    heights = [
        metrics.boundingRect(QRectF(0, 0, text_w, 1e6), WRAP, n.text).height() + px * 0.4
        for n in notes
    ]
    start = fit_from_end(heights, area.height())
    y = area.y()
    painter.save()
    painter.setClipRect(area)
    for note, h in zip(notes[start:], heights[start:], strict=True):
        draw_text(
            painter,
            "•",
            QRectF(area.x(), y, bullet_w, px * 1.3),
            px,
            theme.card_accent,
            align=TOP_LEFT,
        )
        painter.setFont(font(px))
        painter.setPen(QColor(theme.card_text))
        painter.drawText(QRectF(area.x() + bullet_w, y, text_w, h), int(TOP_LEFT) | WRAP, note.text)
        y += h
    painter.restore()


# -- overlays ---------------------------------------------------------------------------
def _message(painter, width, height, theme: Theme, text: str) -> None:
    band = QRectF(0, height * 0.31, width, height * 0.38)
    painter.fillRect(band, QColor(theme.band))
    m = margin(width, height)
    fit_and_draw(
        painter,
        text,
        band.adjusted(2 * m, m * 0.5, -2 * m, -m * 0.5),
        theme.band_text,
        height * 0.11,
        min_legible_px(height),
        bold=True,
        lines=2,
        align=CENTER,
    )


def render_image(scene: Scene, width: int, height: int):
    """The picture as a QImage (screenshots, thumbnails, tests)."""
    from PySide6.QtGui import QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        paint_scene(painter, width, height, scene)
    finally:
        painter.end()
    return image
