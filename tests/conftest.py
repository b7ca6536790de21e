"""Shared fixtures. Qt is imported lazily so core tests stay Qt-free."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WORKSHOP_LANG", "nl")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
TWO_SCREENS = SHARED / "qt-offscreen-two-screens.json"
if not TWO_SCREENS.exists():  # a copy ships with the app for `workshop selftest`
    TWO_SCREENS = REPO / "resources" / "qt" / "offscreen-two-screens.json"


@pytest.fixture(autouse=True)
def _dutch():
    from workshop.i18n import set_language

    set_language("nl")
    yield
    set_language("nl")


@pytest.fixture
def english(_dutch):
    """Messages in English (the message ids) for tests that match them; Dutch again after.

    Use with `pytestmark = pytest.mark.usefixtures("english")`.
    """
    from workshop.i18n import set_language

    set_language("en")
    yield
    set_language("nl")


#: Set (by scripts/with_pg.sh) to a PostgreSQL server URL: the library tests run on it.
TEST_PG = os.environ.get("WORKSHOP_TEST_DB", "")
_QT_FIXTURES = {"qtbot", "qapp", "qloop", "arun", "db_service", "command_service", "session_window"}


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL (WORKSHOP_TEST_DB set) run only the Qt-free tests that use a library."""
    if not TEST_PG:
        return
    keep, drop = [], []
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:  # shown as skipped, with the reason
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))
            keep.append(item)
        elif item.get_closest_marker("both_engines") is not None:
            keep.append(item)  # a Qt test written to run on the server too
        elif not names & _QT_FIXTURES and (
            "db_url" in names or hasattr(item.module, "make_world")  # capture_support
        ):
            keep.append(item)
        else:
            drop.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(autouse=True)
def _local_settings(tmp_path_factory, monkeypatch):
    """Each test has its own machine-local settings file (workshop/local_settings.py)."""
    folder = tmp_path_factory.mktemp("local-settings")
    monkeypatch.setenv("WORKSHOP_LOCAL_SETTINGS", str(folder / "local-settings.json"))


@pytest.fixture(autouse=True)
def _drop_test_databases():
    """On PostgreSQL: drop the databases the test made (tests.pg_support.library_url)."""
    yield
    if TEST_PG:
        from tests.pg_support import drop_created

        drop_created()


@pytest.fixture
def db_url(tmp_path):
    """A fresh, empty library URL: a SQLite file, or a new database on the PostgreSQL server."""
    from tests.pg_support import library_url

    return library_url(tmp_path, "library.sqlite")


@pytest.fixture
def library(db_url):
    from workshop.store.library import Library

    lib = Library.open(db_url)
    yield lib
    lib.close()


@pytest.fixture
def lib(library):
    """The same test library under its short name."""
    return library


@pytest.fixture
def history(library):
    """A plain undo/redo history on the test library."""
    from workshop.commands import CommandRunner, History

    return History(CommandRunner(library))


@pytest.fixture(scope="session")
def qloop(qapp):
    """A qasync event loop on the test QApplication (asyncSlots need a running loop)."""
    from qasync import QEventLoop

    from ui.widgets import focus_filters
    from ui.widgets.undo_routing import UndoRouter

    qapp.setQuitOnLastWindowClosed(False)
    focus_filters.install(qapp, UndoRouter(qapp))  # as ui.app.install_event_filters does
    loop = QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop


@pytest.fixture
def arun(qloop):
    """Run a coroutine on the qasync loop (Qt events are processed meanwhile), as the app's
    loop runs: always "running".

    qasync's run_until_complete() drains Qt's events once more *after* the loop stopped; a
    task step that lands in that drain finds no running loop and fails ("no running event
    loop": a photo list or the projector not reloaded), which the app, whose loop runs
    forever, never sees. run_forever() until the coroutine is done leaves pending events for
    the next run.
    """

    def run(coro, timeout: float = 30.0):
        future = asyncio.ensure_future(asyncio.wait_for(coro, timeout), loop=qloop)
        future.add_done_callback(lambda _f: qloop.stop())
        qloop.run_forever()
        return future.result()

    return run


@pytest.fixture
def db_service(library, qloop):
    from ui.services.db import DbService

    service = DbService(library)
    yield service
    service.executor.shutdown(wait=True)


@pytest.fixture
def command_service(db_service):
    from ui.services.commands import CommandService

    return CommandService(db_service)


@pytest.fixture
def two_apps(db_url, qloop, arun):
    """Two apps on one library (two laptops, tests.live_support), and the demo's id."""
    from tests.live_support import AppInstance
    from workshop.demo import ensure_demo

    first = AppInstance.open(db_url)
    session_id = ensure_demo(first.library)
    second = AppInstance.open(db_url)
    yield first, second, session_id
    first.close(arun)
    second.close(arun)


@pytest.fixture
def two_laptops(two_apps):
    """The same two apps, under the name the single-window tests read best with."""
    return two_apps


@pytest.fixture
def session_window(qtbot, db_service, command_service, arun):
    """factory(session_id) -> a shown SessionWindow on the test library."""
    from ui.app import build_session_services
    from ui.kit.context import PageContext
    from ui.session_window import SessionWindow
    from workshop.clock import SystemClock

    windows = []

    def make(session_id: int, clock=None):
        clock = clock or SystemClock()
        services = build_session_services(db_service, command_service, clock, session_id)
        ctx = PageContext(session_id, db_service, command_service, clock, services)
        window = SessionWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        windows.append((window, services))
        return window

    yield make
    arun(command_service.wait_idle())
    for _window, services in windows:
        close = getattr(services, "close", None)
        if callable(close):
            close()


async def idle(timeout: float = 10.0, typing: bool = True) -> None:
    """Wait, with the event loop running, until the app is quiet: nothing that
    `ui.kit.ops.busy_now()` names (a page's background op, a command or other database
    work, typing waiting for its pause to be stored, a live, room or projector load or
    write) and no other asyncio task (an async slot) for three checks in a row, 10 ms
    apart, so queued Qt events and zero-timers that start more work are seen. Raises,
    naming what was still busy, after `timeout` seconds. `typing=False`: typed text that
    waits for its pause does not count (a test that looks at it while it is pending).

    Prefer `until(<the visible effect>)` where there is one: it also checks. Changes made by
    another app on the same library arrive by polling, which no `idle()` can know of.
    """
    from ui.kit.ops import busy_now

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    mine = asyncio.current_task()
    quiet = 0
    while quiet < 3:
        busy = [n for n in busy_now() if typing or not n.endswith(" typing")] + [
            task.get_coro().__qualname__
            for task in asyncio.all_tasks()
            # not this wait, nor `arun`'s `wait_for` around it
            if task is not mine and task.get_coro().__qualname__ != "wait_for"
        ]
        quiet = 0 if busy else quiet + 1
        if busy and loop.time() > deadline:
            raise AssertionError(f"still busy after {timeout} s: {', '.join(sorted(busy))}")
        await asyncio.sleep(0.01)


async def until(condition, timeout: float = 10.0, what: str = ""):
    """Wait, with the event loop running, until `condition()` is true, and return what it
    returned (checked every 10 ms,
    as `qtbot.waitUntil` does, which cannot be used here: it spins Qt's events without a
    running asyncio loop, so async slots would fail with "no running event loop")."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (value := condition()):
        if loop.time() > deadline:
            raise AssertionError(f"not true after {timeout} s: {what or condition}")
        await asyncio.sleep(0.01)
    return value
