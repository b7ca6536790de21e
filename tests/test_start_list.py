"""The start screen's session list (search, archive, hundreds of sessions) and the start-up
that paints before the library is open."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from conftest import REPO, idle, until

from workshop.commands import CommandRunner
from workshop.errors import CommandError
from workshop.quick_look import stored_language
from workshop.sessions.commands import ArchiveSession, CreateSession
from workshop.sessions.queries import list_sessions
from workshop.store.settings import set_setting

SHOTS = REPO / "docs" / "screenshots"


def _sessions(library, n: int) -> list[int]:
    runner = CommandRunner(library)
    ids = []
    for i in range(n):
        command = CreateSession(
            title=f"Bijeenkomst {i + 1}: leernetwerk wijkteams",
            date=date(2024, 1, 5) + timedelta(days=3 * i),
            start_time=time(15),
            end_time=time(17),
        )
        runner.do(command)
        ids.append(command.session_id)
    return ids


# -- core ------------------------------------------------------------------------------------
def test_archive_is_undoable_and_listed(library, history):
    (sid,) = _sessions(library, 1)
    history.push(ArchiveSession(sid))
    assert [s.archived for s in list_sessions(library)] == [True]
    history.undo()
    assert [s.archived for s in list_sessions(library)] == [False]
    history.redo()
    history.push(ArchiveSession(sid, archived=False))
    assert [s.archived for s in list_sessions(library)] == [False]


def test_archiving_a_session_that_is_gone_says_so(library):
    with pytest.raises(CommandError):
        CommandRunner(library).do(ArchiveSession(424242))


@pytest.mark.sqlite_only(reason="reads the SQLite file without SQLAlchemy")
def test_quick_look_reads_the_language_without_sqlalchemy(library, tmp_path, monkeypatch):
    from workshop.quick_look import remember_language

    monkeypatch.setenv("WORKSHOP_CACHE_DIR", str(tmp_path / "cache"))
    url = library.url
    assert stored_language(url) is None
    set_setting(library, "language", "en")
    assert stored_language(url) == "en"  # read from the file
    remember_language(url, "nl")  # what the app saw last time wins (the app checks later)
    assert stored_language(url) == "nl"
    for n in range(60):
        remember_language(f"sqlite:////tmp/other-{n}.sqlite", "en")
    assert stored_language(url) == "en"  # forgotten after 50 other libraries: the file again
    garbage = tmp_path / "boodschappen.sqlite"
    garbage.write_bytes(b"melk, brood, kaas\n" * 40)
    assert stored_language(f"sqlite:///{garbage}") is None
    assert stored_language(f"sqlite:///{tmp_path / 'missing.sqlite'}") is None
    assert stored_language("postgresql://localhost/workshop") is None
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    assert stored_language(f"sqlite:///{empty}") is None


@pytest.mark.sqlite_only(reason="reads the SQLite file without SQLAlchemy")
def test_quick_look_lists_the_sessions_as_the_library_does(library, tmp_path):
    """The start list read with stdlib sqlite3 (shown while the library opens) is the list
    the library gives: same rows, same fields, same order; anything unusual gives None."""
    from workshop.quick_look import session_list

    ids = _sessions(library, 5)
    runner = CommandRunner(library)
    undated = CreateSession(title="Zonder datum <b>&amp;</b> 'quotes'")
    runner.do(undated)
    runner.do(CreateSession(title="Alleen een datum", date=date(2023, 6, 30)))
    runner.do(ArchiveSession(ids[2]))
    expected = list_sessions(library)
    assert len(expected) == 7 and any(s.archived for s in expected)
    assert any(s.date is None for s in expected) and any(s.start_time is None for s in expected)
    assert session_list(library.url) == expected

    assert session_list("postgresql://localhost/workshop") is None
    assert session_list(f"sqlite:///{tmp_path / 'missing.sqlite'}") is None
    garbage = tmp_path / "boodschappen.sqlite"
    garbage.write_bytes(b"melk, brood, kaas\n" * 40)
    assert session_list(f"sqlite:///{garbage}") is None
    older = tmp_path / "older.sqlite"  # a schema without the archive column
    with sqlite3.connect(older) as con:
        con.execute("CREATE TABLE sessions (id INTEGER, title TEXT, date TEXT)")
    assert session_list(f"sqlite:///{older}") is None


def test_cli_report_kinds_match_the_report_core():
    from workshop.cli.report import KINDS
    from workshop.reports.data import KINDS as CORE_KINDS

    assert KINDS == CORE_KINDS


def _python(code: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_first_frame_needs_no_sqlalchemy_asyncio_or_multimedia():
    """The windows of the first frame paint before the core and the event loop are imported."""
    out = _python(
        "import sys\n"
        "from workshop.cli import build_parser\n"
        "build_parser()\n"
        "from ui.app import make_application, paint_now\n"
        "from ui.start_window import StartWindow\n"
        "from ui.session_window import SessionWindow\n"
        "from ui.live.chime import ChimePlayer\n"
        "app = make_application(event_filters=False)\n"
        "for w in (StartWindow(), SessionWindow()):\n"
        "    w.show(); paint_now(app, w); assert w._painted\n"
        "ChimePlayer()\n"
        "print(sorted(m for m in ('sqlalchemy', 'asyncio', 'qasync', 'babel.dates',\n"
        "    'PySide6.QtMultimedia', 'workshop.store') if m in sys.modules))\n"
    )
    assert out == "[]"


# -- the start window --------------------------------------------------------------------------
def _start_window(qtbot, arun, db_service, command_service):
    from ui.start_window import StartWindow

    window = StartWindow()  # the shell first, as `workshop` shows it
    qtbot.addWidget(window)
    window.show()
    assert not window.new_button.isEnabled() and not window.search.isEnabled()
    window.attach(db_service, command_service)
    arun(until(lambda: window._loaded, what="the list read"))
    return window


def test_two_hundred_sessions_search_and_archive(qtbot, arun, library, db_service, command_service):
    ids = _sessions(library, 200)
    window = _start_window(qtbot, arun, db_service, command_service)
    assert window.list.count() == 200
    newest = window.list.current_session()
    assert newest is not None and newest.id == ids[-1]

    window.search.setText("Bijeenkomst 17:")
    assert {window.list.session_model.summary(r).title for r in range(window.list.count())} == {
        f"Bijeenkomst {n}: leernetwerk wijkteams" for n in (17, 117)
    }
    window.search.setText("5-1-2024")  # a Dutch date as people type it
    assert [window.list.current_session().id] == [ids[0]] and window.list.count() == 1
    window.search.setText("januari 2024")  # the long date, in the UI's language
    assert window.list.count() == 9  # 5, 8, ..., 29 January
    window.search.setText("geen zo'n sessie")
    assert window.list.count() == 0 and not window.list.isVisible()
    assert "Geen bijeenkomst past bij" in window.empty.text()

    window.search.setText("bijeenkomst 112:")
    assert window.list.count() == 1
    target = window.list.current_session()
    assert window.archive_button.text() == "Archiveren"
    window._archive()
    arun(until(lambda: window.list.count() == 0, what="archived: gone from the list"))
    assert [s.archived for s in list_sessions(library) if s.id == target.id] == [True]
    window.show_archive.setChecked(True)
    assert window.list.count() == 1
    assert window.list.current_session().archived
    assert "gearchiveerd" in window.list.session_model.data(window.list.session_model.index(0))
    assert window.archive_button.text() == "Uit archief halen"
    window.show_archive.setChecked(False)
    command_service.undo()  # Ctrl+Z brings it back into the list
    arun(until(lambda: window.list.count() == 1, what="back in the list"))
    assert not window.list.current_session().archived

    # archive two, show the archive, and look at it
    window.search.setText("")
    for sid in ids[-3:-1]:
        arun(command_service.push_and_wait(ArchiveSession(sid)))
    arun(until(lambda: window.list.count() == 198, what="two archived"))
    window.search.setText("bijeenkomst 19")
    window.show_archive.setChecked(True)
    window.resize(820, 560)
    arun(idle())
    if os.environ.get("WORKSHOP_SCREENSHOTS"):  # refreshed on purpose; the tree stays clean
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "start-window-search-archive.png"))


@pytest.mark.sqlite_only(reason="the quick look reads SQLite files")
def test_the_opener_reads_the_list_first(library):
    """`workshop`'s opener hands over the quick look's list before it imports the core and
    opens the library; `workshop demo` needs none."""
    from ui.library_opener import LibraryOpener

    _sessions(library, 3)
    expected = list_sessions(library)
    library.close()
    opener = LibraryOpener(library.url, demo=False)
    assert opener.preview.result(timeout=30) == expected
    opened, _demo_id, _language = opener.future.result(timeout=60)
    opened.close()
    demo = LibraryOpener(library.url, demo=True)
    assert demo.preview.result(timeout=30) is None
    demo.future.result(timeout=60)[0].close()


@pytest.mark.sqlite_only(reason="the quick look reads SQLite files")
def test_the_list_shows_before_the_library_is_open(
    qtbot, arun, library, db_service, command_service
):
    """`workshop` paints the quick look's list while the library opens: readable and
    searchable, nothing opens from it until the library is open; then the real list takes
    over and keeps the selection."""
    from ui.start_window import StartWindow
    from workshop.quick_look import session_list

    ids = _sessions(library, 30)
    window = StartWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_preview([])  # nothing read: it keeps saying the library is being opened
    assert not window.list.isVisible() and window.empty.text() == "Bibliotheek openen…"
    window.show_preview(session_list(library.url))
    assert window.list.isVisible() and window.list.count() == 30
    assert window.search.isEnabled() and window.show_archive.isEnabled()
    buttons = (window.open_button, window.new_button, window.demo_button, window.delete_button)
    assert not any(b.isEnabled() for b in buttons)
    opened: list[int] = []
    window.open_session.connect(opened.append)
    window.search.setText("Bijeenkomst 7:")
    model = window.list.session_model
    found = [model.summary(r).id for r in range(window.list.count())]
    assert ids[6] in found and len(found) < 30
    window.list.select_session(ids[6])
    window._activated()  # Enter on the row before the library is open: nothing yet
    assert opened == []

    window.attach(db_service, command_service)
    arun(until(lambda: window._loaded, what="the list read"))
    window.show_preview(session_list(library.url))  # late: the real list stays
    assert window.list.count() == len(found) and window.list.current_session().id == ids[6]
    assert window.open_button.isEnabled() and window.new_button.isEnabled()
    window._activated()
    assert opened == [ids[6]]


def test_all_archived_explains_how_to_see_them(qtbot, arun, library, db_service, command_service):
    (sid,) = _sessions(library, 1)
    CommandRunner(library).do(ArchiveSession(sid))
    window = _start_window(qtbot, arun, db_service, command_service)
    assert window.list.count() == 0
    assert "Toon archief" in window.empty.text()
    window.show_archive.setChecked(True)
    assert window.list.count() == 1 and window.list.isVisible()


@pytest.mark.parametrize("remembered", [None, "nl"])
def test_app_starts_in_the_language_stored_in_the_library(tmp_path, remembered):
    """Read from the file, or from what the app remembered; when that is out of date (the
    library says English, the app remembered Dutch) the window is rebuilt in English."""
    from workshop.quick_look import remember_language
    from workshop.store.library import Library

    db = tmp_path / "lib.sqlite"
    library = Library.open(f"sqlite:///{db}")
    set_setting(library, "language", "en")
    library.close()
    marks = tmp_path / "marks"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        WORKSHOP_STARTUP_MARKS=str(marks),
        PYTHONPATH=str(REPO),
        WORKSHOP_CACHE_DIR=str(tmp_path / "cache"),
    )
    if remembered:
        os.environ["WORKSHOP_CACHE_DIR"] = env["WORKSHOP_CACHE_DIR"]
        try:
            remember_language(f"sqlite:///{db}", remembered)
        finally:
            del os.environ["WORKSHOP_CACHE_DIR"]
    env.pop("WORKSHOP_LANG", None)
    code = (
        "import ui.start_window as s\n"
        "orig = s.StartWindow.__init__\n"
        "def init(self, *a, **k):\n"
        "    orig(self, *a, **k); print(self.new_button.text(), flush=True)\n"
        "s.StartWindow.__init__ = init\n"
        "from workshop.cli import main\n"
        f"raise SystemExit(main(['app', '--exit-after-show', '--db', 'sqlite:///{db}']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    built = result.stdout.splitlines()
    assert built == (
        ["New session…"] if remembered is None else ["Nieuwe bijeenkomst…", "New session…"]
    )
    names = [line.split()[0] for line in Path(marks).read_text().splitlines()]
    assert names.index("first-paint") < names.index("library-open") < names.index("ready")


def test_pyside_reads_no_source_of_qt_free_modules():
    import sqlalchemy

    import ui.app  # noqa: F401 - installs the shortcut
    import workshop.sessions.queries

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide has no per-import source scan")
    uses = feature._mod_uses_pyside
    assert getattr(uses, "_workshop", False)
    assert uses(sqlalchemy) is False and uses(workshop.sessions.queries) is False
    assert uses(sys.modules["ui.start_window"]) is True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG shortcut is Linux only")
@pytest.mark.parametrize("xdg", [None, "", "/tmp/xdg-elsewhere"])
def test_user_folders_are_where_platformdirs_puts_them(monkeypatch, xdg):
    import platformdirs

    from workshop.paths import user_dir

    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    assert user_dir("data") == platformdirs.user_data_path("workshop", appauthor=False)
    assert user_dir("cache") == platformdirs.user_cache_path("workshop", appauthor=False)
