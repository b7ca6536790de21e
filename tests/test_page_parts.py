"""The parts the big pages were split into (issue 13), each on its own: the capture page's
note tools, summaries and targets, and the Verslag page's options."""

from __future__ import annotations

from datetime import date

import pytest

from ui.capture.targets import default_item, item_labels, move_targets, target_name
from workshop.capture.queries import CaptureItem, QueueEntry, ReportingQueue, SessionCapture
from workshop.capture.queue import WHOLE_ITEM, Target


def _item(id_: int, position: int, title: str, kind: str, notes: int = 0) -> CaptureItem:
    return CaptureItem(id_, position, title, kind, 20, None, f"samenvatting {id_}", notes)


def _info(*items: CaptureItem) -> SessionCapture:
    return SessionCapture(1, "Sessie", date(2026, 3, 12), "", "", tuple(items), ())


def _entry(group_id: int, name: str, theme: str = "") -> QueueEntry:
    return QueueEntry(group_id, None, name, "", theme, None, 3, 0, True)


WELCOME = _item(10, 0, "Welkom", "welkom")
BREAK = _item(11, 1, "Pauze", "pauze")
HARVEST = _item(12, 2, "Terugkoppeling", "terugkoppeling", notes=4)
PITCHES = _item(13, 3, "Pitches", "pitch")
QUEUE = ReportingQueue(12, 1, (_entry(1, "Groep 1", "Energie"), _entry(2, "Groep 2")), 20, 3)


def test_the_page_opens_on_the_first_feedback_item_else_a_pitch_else_the_first():
    assert default_item(_info(WELCOME, PITCHES, HARVEST)) == HARVEST.id
    assert default_item(_info(WELCOME, PITCHES)) == PITCHES.id
    assert default_item(_info(WELCOME, BREAK)) == WELCOME.id
    assert default_item(_info()) is None


def test_item_labels_number_the_items_and_count_their_notes():
    assert item_labels(_info(WELCOME, HARVEST)) == [
        ("1. Welkom", WELCOME.id),
        ("3. Terugkoppeling  (4)", HARVEST.id),
    ]


def test_the_target_is_named_by_its_group_and_theme_else_the_item():
    assert target_name(HARVEST, QUEUE, Target(group_id=1)) == "Groep 1 — Energie"
    assert target_name(HARVEST, QUEUE, Target(group_id=2)) == "Groep 2"
    assert target_name(HARVEST, QUEUE, WHOLE_ITEM) == "Terugkoppeling"
    assert target_name(HARVEST, QUEUE, Target(group_id=99)) == "Terugkoppeling"  # gone
    assert target_name(None, QUEUE, WHOLE_ITEM) == ""


def test_notes_move_to_the_other_groups_the_whole_item_and_other_items_but_no_break():
    info = _info(WELCOME, BREAK, HARVEST, PITCHES)
    moves = move_targets(info, HARVEST, QUEUE, Target(group_id=1))
    assert [(label, item, target) for label, item, target in moves] == [
        ("Groep 2", HARVEST.id, Target(group_id=2)),
        ("Terugkoppeling (het hele onderdeel)", HARVEST.id, WHOLE_ITEM),
        ("1. Welkom", WELCOME.id, WHOLE_ITEM),
        ("4. Pitches", PITCHES.id, WHOLE_ITEM),
    ]
    from_item = [label for label, _i, _t in move_targets(info, HARVEST, QUEUE, WHOLE_ITEM)]
    assert from_item == ["Groep 1", "Groep 2", "1. Welkom", "4. Pitches"]
    assert move_targets(None, HARVEST, QUEUE, WHOLE_ITEM) == []


@pytest.mark.parametrize(("width", "split"), [(900, False), (300, True)])
def test_note_tools_put_the_worded_tools_on_a_second_row_when_narrow(qtbot, width, split):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.capture.note_tools import WORDED, NoteTools

    column = QWidget()  # as on the page: the tools in a column a splitter may narrow
    qtbot.addWidget(column)
    tools = NoteTools()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(tools)
    column.resize(width, 120)
    column.show()
    qtbot.waitExposed(column)
    assert tools.width() == width
    assert tools.split is split
    star = tools.buttons["star"]

    def laid_out() -> bool:  # the layout runs after the buttons changed rows
        return all((tools.buttons[k].y() > star.y()) is split for k in WORDED)

    qtbot.waitUntil(laid_out, timeout=2000)  # Qt only: no async slot involved
    tools.set_chosen(1)
    assert tools.buttons["star"].isEnabled() and not tools.buttons["merge"].isEnabled()
    tools.set_chosen(2)
    assert tools.buttons["merge"].isEnabled()


def test_summaries_store_only_text_that_differs_from_what_is_stored(qtbot):
    from ui.capture.summaries import SummariesPanel

    panel = SummariesPanel()
    qtbot.addWidget(panel)
    panel.show_info(_info(WELCOME, HARVEST))
    session, items = [], []
    panel.session_edited.connect(lambda field, text: session.append((field, text)))
    panel.item_edited.connect(lambda item_id, text: items.append((item_id, text)))
    panel.session_fields["summary"].setPlainText("Nieuwe samenvatting")
    panel.item_fields[HARVEST.id].setPlainText(HARVEST.summary)  # typed back as stored
    panel.item_fields[WELCOME.id].setPlainText("Iedereen binnen")
    panel.flush()
    assert session == [("summary", "Nieuwe samenvatting")]
    assert items == [(WELCOME.id, "Iedereen binnen")]


def test_report_options_panel_says_changed_only_for_the_users_choices(qtbot):
    from ui.report.options_panel import ReportOptionsPanel
    from workshop.reports.data import ReportOptions

    panel = ReportOptionsPanel()
    qtbot.addWidget(panel)
    changes = []
    panel.changed.connect(lambda: changes.append(1))
    panel.apply_options(ReportOptions(kind="draaiboek", lang="en", anonymous=True, version="2.0"))
    assert changes == []  # showing stored choices stores nothing
    written = panel.options(date(2026, 3, 12))
    assert (written.kind, written.lang, written.anonymous, written.version) == (
        "draaiboek",
        "en",
        True,
        "2.0",
    )
    assert not panel.section_boxes["actions"].isEnabled()  # not in a run sheet
    assert panel.section_boxes["programme"].isEnabled()
    panel.anonymous.setChecked(False)
    assert changes == [1]


def test_note_tools_wrap_the_worded_tools_when_even_their_row_is_too_wide(qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.capture.note_tools import WORDED, NoteTools

    column = QWidget()
    qtbot.addWidget(column)
    tools = NoteTools()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(tools)
    worded = [tools.buttons[k] for k in WORDED]
    narrow = max(b.sizeHint().width() for b in worded) + 20  # one worded tool per row fits
    narrow = max(narrow, tools.minimumSizeHint().width())
    column.resize(narrow, 160)
    column.show()
    qtbot.waitExposed(column)
    assert tools.split
    star = tools.buttons["star"]

    def laid_out() -> bool:
        rows = {b.y() for b in worded}
        return all(b.y() > star.y() for b in worded) and len(rows) > 1

    qtbot.waitUntil(laid_out, timeout=2000)  # Qt only: no async slot involved
    for button in worded:  # none is cut off: each shows its whole text
        text = button.fontMetrics().horizontalAdvance(button.text())
        assert button.width() >= text + 4, button.text()
        assert button.x() + button.width() <= tools.width()


def test_note_tools_stay_left_aligned_and_in_order_after_many_widths(qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.capture.note_tools import WORDED, NoteTools

    column = QWidget()
    qtbot.addWidget(column)
    tools = NoteTools()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(tools)
    column.show()
    qtbot.waitExposed(column)
    # the last step keeps some tools on their row: they must stay before the row's stretch
    for width in (900, 200, 900, 300, 200, 300):
        column.resize(width, 160)
        qtbot.waitUntil(lambda w=width: tools.width() == w, timeout=2000)
    move, merge = tools.buttons["move"], tools.buttons["merge"]

    def laid_out() -> bool:  # the first worded tool starts its row at the left edge
        return move.x() == tools.buttons["star"].x() and move.y() > 0

    qtbot.waitUntil(laid_out, timeout=2000)
    assert [k for k in WORDED if tools.buttons[k].y() == move.y()][0] == "move"
    assert merge.y() > move.y() or merge.x() > move.x()  # the order kept
