"""The session window on the smallest laptop we support (1024×768) with the projector panel
docked: no page draws a widget outside itself, nothing on the Live page overlaps; the
panel can be hidden (F9 / View menu) and that choice is remembered."""

from __future__ import annotations

import pytest
from conftest import idle
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from ui.pages.registry import PAGES
from workshop.demo import ensure_demo
from workshop.projector.screens import load_prefs

SIZE = (1024, 768)
SIZES = [(1024, 768), (1280, 800)]
#: A line edit shows at least this many average characters (or its whole text).
MIN_INPUT_CHARS = 24


def visible_descendants(page: QWidget) -> list[QWidget]:
    """Widgets shown on the page (not those inside a scroll area's scrolled content)."""
    out = []
    for child in page.findChildren(QWidget):
        if not child.isVisibleTo(page) or child.isWindow():
            continue
        if _inside_viewport(child, page):
            continue  # scrolled content may be larger than the page: it scrolls
        out.append(child)
    return out


def _inside_viewport(widget: QWidget, page: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False


def rect_in(widget: QWidget, page: QWidget) -> QRect:
    return QRect(widget.mapTo(page, QPoint(0, 0)), widget.size())


def clipped_text(widget: QWidget) -> bool:
    """A label or button whose one-line text is wider than the widget shows it."""
    if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
        if widget.textFormat() == Qt.TextFormat.RichText or "<" in widget.text():
            return False
        return widget.fontMetrics().horizontalAdvance(widget.text()) > widget.width()
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.fontMetrics().horizontalAdvance(widget.text()) + 4 > widget.width()
    return False


def _plain(text: str) -> str:
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def text_problems(widget: QWidget) -> list[tuple]:
    """Real texts measured against their widgets: rich-text labels, line edits, combo
    boxes, header sections and table cells (elided cells need their text as tooltip)."""
    metrics = widget.fontMetrics()
    name = widget.objectName() or type(widget).__name__
    problems: list[tuple] = []
    rich_label = isinstance(widget, QLabel) and not widget.wordWrap() and widget.text()
    if rich_label and (widget.textFormat() == Qt.TextFormat.RichText or "<" in widget.text()):
        for line in _plain(widget.text()).splitlines():
            if metrics.horizontalAdvance(line) > widget.contentsRect().width():
                problems.append(("label", name, line, widget.width()))
    if isinstance(widget, QLineEdit) and widget.isEnabled() and not widget.isReadOnly():
        room = widget.width() - 16 - (20 if widget.isClearButtonEnabled() else 0)
        needed = min(
            metrics.horizontalAdvance(widget.text() or "x" * 200),
            metrics.averageCharWidth() * MIN_INPUT_CHARS,
        )
        if room < needed:
            problems.append(("input", name, widget.text(), widget.width()))
    if isinstance(widget, QComboBox) and widget.currentText() and not widget.isEditable():
        text = widget.currentText()
        if metrics.horizontalAdvance(text) + 36 > widget.width() and text not in (
            widget.toolTip() or ""
        ):
            problems.append(("combo", name, text, widget.width()))
    if isinstance(widget, QHeaderView) and widget.orientation() == Qt.Orientation.Horizontal:
        model = widget.model()
        for section in range(widget.count()):
            if widget.isSectionHidden(section) or (
                widget.stretchLastSection() and widget.visualIndex(section) == widget.count() - 1
            ):
                continue
            text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
            indicator = 14 if widget.isSortIndicatorShown() else 0
            if text and metrics.horizontalAdvance(text) + 6 + indicator > widget.sectionSize(
                section
            ):
                problems.append(("header", name, text, widget.sectionSize(section)))
    if isinstance(widget, QTableView) and widget.model() is not None and not widget.wordWrap():
        model = widget.model()
        head = widget.horizontalHeader()
        if head.length() > widget.viewport().width() + 1:
            problems.append(("columns", name, head.length(), widget.viewport().width()))
        for row in range(min(model.rowCount(), 40)):
            for col in range(model.columnCount()):
                if head.isSectionHidden(col) or (
                    head.stretchLastSection() and head.visualIndex(col) == model.columnCount() - 1
                ):
                    continue
                index = model.index(row, col)
                text = str(index.data() or "")
                if not text or metrics.horizontalAdvance(text) + 10 <= widget.columnWidth(col):
                    continue
                tip = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
                if text.rstrip() not in tip:
                    problems.append(("cell", name, text, widget.columnWidth(col)))
    return problems


@pytest.fixture
def laptop_window(qtbot, session_window, arun, library):
    sid = ensure_demo(library)
    window = session_window(sid)
    window.resize(*SIZE)
    arun(idle())
    return window


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_every_page_fits_a_laptop(laptop_window, arun, qtbot, key, size):
    window = laptop_window
    window.resize(*size)
    arun(idle())
    assert window.projector_dock.isVisible()
    assert 260 <= window.projector_dock.width() <= 340
    page = window.show_page(key)
    if key == "live":
        arun(window.ctx.session_services.live.ensure_loaded())
    arun(idle())
    assert window.width() == size[0] and window.height() == size[1]
    outside = []
    clipped = []
    bounds = page.rect()
    for child in visible_descendants(page):
        r = rect_in(child, page)
        if r.width() > 0 and r.height() > 0 and not bounds.contains(r):
            outside.append((child.objectName() or type(child).__name__, r, bounds))
        if clipped_text(child):
            clipped.append((type(child).__name__, child.text(), child.width()))
        clipped += text_problems(child)
    assert not outside, f"{key}: widgets beyond the page: {outside}"
    assert not clipped, f"{key}: text cut off: {clipped}"


def test_note_input_shows_a_sentence_at_1024(laptop_window, arun):
    page = laptop_window.show_page("capture")
    arun(idle())
    line = page.input.line
    assert line.width() >= line.fontMetrics().averageCharWidth() * 45


def test_panel_keeps_its_place_on_every_page(laptop_window, arun):
    """Switching pages or showing long texts never moves the panel's buttons."""
    window = laptop_window
    for size in SIZES:
        window.resize(*size)
        arun(idle())
        places = set()
        for spec in PAGES:
            page = window.show_page(spec.key)
            if spec.key == "live":
                arun(window.ctx.session_services.live.ensure_loaded())
                page.step_label.setText("Stap 1 van 3: " + " → ".join(["Alleen nadenken"] * 8))
                page.step_label.show()
            arun(idle())
            if spec.key == "live":
                assert text_problems(page.step_label) == []
                assert page.step_label.width() <= page.width()
            places.add((window.projector_dock.x(), window.projector_dock.width()))
        assert len(places) == 1, f"{size}: the panel moved: {places}"


def test_live_page_siblings_never_overlap(laptop_window, arun):
    window = laptop_window
    page = window.show_page("live")
    arun(window.ctx.session_services.live.ensure_loaded())
    arun(idle())
    assert page.splitter.orientation() == Qt.Orientation.Vertical  # narrow: list under timer
    overlaps = []
    parents = [page, *page.findChildren(QWidget)]
    for parent in parents:
        if not parent.isVisibleTo(page) and parent is not page:
            continue
        kids = [
            w
            for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w.isVisibleTo(page) and not w.isWindow() and w.width() > 0 and w.height() > 0
        ]
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                if a.geometry().intersects(b.geometry()):
                    overlaps.append(
                        (a.objectName() or type(a).__name__, b.objectName() or type(b).__name__)
                    )
    assert not overlaps, f"overlapping on the Live page: {overlaps}"
    # the disk keeps a useful size and the list shows rows
    assert min(page.disk.width(), page.disk.height()) >= 200
    assert page.agenda.height() >= 120


def test_wide_window_puts_the_list_beside_the_timer(laptop_window, arun):
    window = laptop_window
    window.projector_dock.hide()
    window.resize(1280, 800)
    page = window.show_page("live")
    arun(idle())
    assert page.width() >= 900
    assert page.splitter.orientation() == Qt.Orientation.Horizontal
    assert page.splitter.widget(0) is page.agenda


def test_panel_hides_with_f9_and_is_remembered(laptop_window, arun, qtbot, library, session_window):
    window = laptop_window
    controller = window.ctx.session_services.projector
    toggle = window.projector_dock.toggleViewAction()
    assert toggle.shortcut().toString() == "F9"
    view_menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert any(toggle in m.actions() for m in view_menus), "the View menu brings it back"
    toggle.trigger()
    assert not window.projector_dock.isVisible()
    arun(controller.wait_idle())
    assert load_prefs(library).panel_visible is False
    # a new window for the session opens without the panel
    again = session_window(window.ctx.session_id)
    again.resize(*SIZE)
    arun(again.ctx.session_services.projector.wait_idle())
    arun(idle())
    assert not again.projector_dock.isVisible()
    # closing it with its own button counts too; showing it again is remembered
    again.projector_dock.toggleViewAction().trigger()
    assert again.projector_dock.isVisible()
    arun(again.ctx.session_services.projector.wait_idle())
    assert load_prefs(library).panel_visible is True
    again.projector_dock.close()
    arun(again.ctx.session_services.projector.wait_idle())
    assert load_prefs(library).panel_visible is False
