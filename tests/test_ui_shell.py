"""The app shell driven as a user would: start screen, details page, undo, language."""

from __future__ import annotations

from datetime import date, time

from conftest import idle, until
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from workshop.demo import ensure_demo
from workshop.sessions.commands import CreateSession
from workshop.sessions.queries import get_details, list_sessions


def _new_session(arun, command_service, title="Transitiegesprek") -> int:
    command = CreateSession(
        title=title, date=date(2021, 4, 9), start_time=time(15), end_time=time(17)
    )
    arun(command_service.push_and_wait(command))
    return command.session_id


def test_details_typing_is_stored_and_undoable(
    qtbot, arun, library, command_service, session_window
):
    sid = _new_session(arun, command_service)
    window = session_window(sid)
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.show_page("details")
    arun(until(page.isEnabled, what="details loaded"))
    place = page.findChild(QLineEdit, "field-place")
    place.setFocus()
    qtbot.keyClicks(place, "Pakhuis de Zwijger")
    arun(idle())  # past the typing pause: stored
    assert get_details(library, sid).place == "Pakhuis de Zwijger"
    # Ctrl+Z with the cursor still in the field undoes the stored edit, not just the widget
    qtbot.keyClick(place, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    arun(until(lambda: place.text() == "", what="undone on screen"))
    arun(idle())
    assert get_details(library, sid).place == ""
    qtbot.keyClick(
        place, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    arun(until(lambda: place.text() == "Pakhuis de Zwijger", what="redone on screen"))


def test_long_text_and_markup_are_kept_verbatim(
    qtbot, arun, library, command_service, session_window
):
    sid = _new_session(arun, command_service)
    window = session_window(sid)
    page = window.show_page("details")
    arun(until(page.isEnabled, what="details loaded"))
    goals = page.findChild(QPlainTextEdit, "field-goals")
    text = "<b>niet vet</b> & AT&T 🌱 שלום\n" * 400  # ~ 12,000 characters
    goals.setPlainText(text)
    page.flush()
    arun(command_service.wait_idle())
    assert get_details(library, sid).goals == text


def test_empty_title_is_not_stored(qtbot, arun, library, command_service, session_window):
    sid = _new_session(arun, command_service, title="Blijft")
    page = session_window(sid).show_page("details")
    arun(until(page.isEnabled, what="details loaded"))
    title = page.findChild(QLineEdit, "field-title")
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    page.flush()
    arun(command_service.wait_idle())
    assert get_details(library, sid).title == "Blijft"


def test_window_title_follows_details(qtbot, arun, command_service, session_window, library):
    sid = ensure_demo(library)
    window = session_window(sid)
    arun(until(lambda: "vrijdag 9 april 2021" in window.windowTitle(), what="window title"))
    for key in ("details", "agenda", "participants", "groups", "capture", "report"):
        assert window.show_page(key).isVisible()
    window.grab().save(
        str(__import__("pathlib").Path(library.url.split("///")[1]).with_name("w.png"))
    )


def test_start_window_lists_and_creates(qtbot, arun, db_service, command_service, library):
    from ui.start_window import StartWindow

    _new_session(arun, command_service, title="Eerder")
    window = StartWindow(db_service, command_service)
    qtbot.addWidget(window)
    window.show()
    arun(until(lambda: window.list.count() == 1, what="the session listed"))
    opened = []
    window.open_session.connect(opened.append)
    window._new()
    dialog = window.new_dialog
    dialog.title.setText("Startbijeenkomst leernetwerk")
    dialog._check()
    arun(until(lambda: opened and window.list.count() == 2, what="created, opened, listed"))
    assert [s.title for s in list_sessions(library)].count("Startbijeenkomst leernetwerk") == 1
    assert opened and window.list.count() == 2


def test_new_session_dialog_refuses_bad_times(qtbot):
    from PySide6.QtCore import QTime

    from ui.start_window import NewSessionDialog

    dialog = NewSessionDialog()
    qtbot.addWidget(dialog)
    dialog.title.setText("X")
    dialog.start.setTime(QTime(17, 0))
    dialog.end.setTime(QTime(15, 0))
    dialog._check()
    assert dialog.result() == 0 and "eindtijd" in dialog.error.text()


def test_switching_language_rebuilds_windows_in_english(qtbot, arun, db_service, library):
    from PySide6.QtWidgets import QApplication

    from ui.app import AppController
    from workshop.clock import SystemClock
    from workshop.store.settings import get_setting

    controller = AppController(QApplication.instance(), db_service, SystemClock(), lambda: None)
    start = controller.show_start()
    assert start.demo_button.text() == "Demo openen"
    window = arun(controller.open_demo())
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Agenda" in titles and "Deelnemers" in titles
    controller.switch_language("en")
    arun(until(lambda: window not in controller.session_windows.values(), what="rebuilt"))
    arun(idle())
    (english,) = controller.session_windows.values()
    assert "Participants" in [english.nav.item(i).text() for i in range(english.nav.count())]
    from workshop import local_settings

    assert local_settings.get("language") == "en"  # this machine's choice
    assert get_setting(library, "language") == ""  # not the shared library's
    controller.quitting = True
    english.close()
    controller.start_window and controller.start_window.close()


def test_a_command_that_fails_leaves_the_undo_stack_as_it_was(
    qtbot, arun, command_service, library
):
    from workshop.sessions.commands import EditSession

    sid = _new_session(arun, command_service)
    failures = []
    command_service.failed.connect(failures.append)
    command_service.push(EditSession(9999, title="bestaat niet"))
    arun(command_service.wait_idle())
    assert failures and "9999" in failures[0]
    assert command_service.stack.count() == 1  # only the creation is left
    command_service.undo()
    arun(command_service.wait_idle())
    assert list_sessions(library) == []  # Ctrl+Z undid the creation, nothing was swallowed
    assert sid


def test_a_new_session_reports_in_the_language_of_the_ui(qtbot):
    from ui.start_window import NewSessionDialog
    from workshop.i18n import set_language

    set_language("en")
    dialog = NewSessionDialog()
    qtbot.addWidget(dialog)
    dialog.title.setText("Kick-off")
    assert dialog.values()["report_language"] == "en"


def test_details_date_and_times_are_typed(qtbot, arun, library, command_service, session_window):
    """Gegevens: the typeable fields of the new-session dialog (issue 11), stored and undoable."""
    from ui.widgets.typed_fields import DateField, TimeField
    from workshop.i18n import _

    sid = _new_session(arun, command_service)
    window = session_window(sid)
    window.activateWindow()
    qtbot.waitActive(window)
    page = window.show_page("details")
    arun(until(page.isEnabled, what="details loaded"))
    assert isinstance(page.date_edit, DateField) and isinstance(page.start_edit, TimeField)
    assert page.date_edit.line.text() == "09-04-2021" and page.start_edit.text() == "15:00"

    line = page.date_edit.line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "12-5-2026")
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    arun(command_service.wait_idle())
    assert get_details(library, sid).date == date(2026, 5, 12)
    assert "12 mei 2026" in page.date_label.text()

    page.start_edit.setFocus()
    page.start_edit.selectAll()
    qtbot.keyClicks(page.start_edit, "930")
    arun(idle())  # past the typing pause: stored
    assert get_details(library, sid).start_time == time(9, 30)
    assert page.start_edit.text() == "930"  # as typed while the cursor is in it
    qtbot.keyClick(page.start_edit, Qt.Key.Key_Tab)
    assert page.start_edit.text() == "09:30"

    # unreadable input: one line says how to type it, nothing is stored
    page.end_edit.setFocus()
    page.end_edit.selectAll()
    qtbot.keyClicks(page.end_edit, "25.61")
    qtbot.keyClick(page.end_edit, Qt.Key.Key_Tab)
    arun(until(page.when_problem.isVisible, what="the problem line"))
    arun(idle())
    assert get_details(library, sid).end_time == time(17, 0)
    assert page.when_problem.isVisible()
    assert page.when_problem.text() == _("Type the times like 15:00 or 9.30.")
    page.end_edit.setFocus()
    page.end_edit.selectAll()
    qtbot.keyClicks(page.end_edit, "12.30")
    qtbot.keyClick(page.end_edit, Qt.Key.Key_Tab)
    arun(command_service.wait_idle())
    assert get_details(library, sid).end_time == time(12, 30)
    assert not page.when_problem.isVisible()

    # each stored edit is a step on the undo stack
    command_service.undo()
    arun(until(lambda: page.end_edit.text() == "17:00", what="undone on screen"))
    assert get_details(library, sid).end_time == time(17, 0)

    # an emptied date means no date
    line.setFocus()
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    arun(command_service.wait_idle())
    assert get_details(library, sid).date is None
    assert page.date_label.text() == ""
