"""The session window on the smallest laptop we support (1024×768) with the projector panel
docked: no page draws a widget outside itself, nothing on the Live page overlaps; the
panel can be hidden (F9 / View menu) and that choice is remembered."""

from __future__ import annotations

import pytest
from conftest import settle
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from ui.pages.registry import PAGES
from workshop.demo import ensure_demo
from workshop.projector.screens import load_prefs

SIZE = (1024, 768)


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


@pytest.fixture
def laptop_window(qtbot, session_window, arun, library):
    sid = ensure_demo(library)
    window = session_window(sid)
    window.resize(*SIZE)
    arun(settle(0.1))
    return window


@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_every_page_fits_a_1024_laptop(laptop_window, arun, qtbot, key):
    window = laptop_window
    assert window.projector_dock.isVisible()
    assert 260 <= window.projector_dock.width() <= 340
    page = window.show_page(key)
    arun(settle(0.3))
    assert window.width() == SIZE[0] and window.height() == SIZE[1]
    outside = []
    clipped = []
    bounds = page.rect()
    for child in visible_descendants(page):
        r = rect_in(child, page)
        if r.width() > 0 and r.height() > 0 and not bounds.contains(r):
            outside.append((child.objectName() or type(child).__name__, r, bounds))
        if clipped_text(child):
            clipped.append((type(child).__name__, child.text(), child.width()))
    assert not outside, f"{key}: widgets beyond the page: {outside}"
    assert not clipped, f"{key}: text cut off: {clipped}"


def test_live_page_siblings_never_overlap(laptop_window, arun):
    window = laptop_window
    page = window.show_page("live")
    arun(window.ctx.session_services.live.ensure_loaded())
    arun(settle(0.2))
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
    arun(settle(0.2))
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
    arun(settle(0.1))
    assert not again.projector_dock.isVisible()
    # closing it with its own button counts too; showing it again is remembered
    again.projector_dock.toggleViewAction().trigger()
    assert again.projector_dock.isVisible()
    arun(again.ctx.session_services.projector.wait_idle())
    assert load_prefs(library).panel_visible is True
    again.projector_dock.close()
    arun(again.ctx.session_services.projector.wait_idle())
    assert load_prefs(library).panel_visible is False
