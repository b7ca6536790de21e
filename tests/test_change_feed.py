"""Other writers' changes reach the window's views on the UI thread; its own arrive once."""

from __future__ import annotations

import threading

from workshop.changes import Change, Changes, Entity
from workshop.commands import CommandRunner
from workshop.sessions.commands import CreateSession


def test_a_phone_change_from_another_thread_reaches_the_views_once(qtbot, command_service):
    heard: list[Changes] = []
    command_service.changed.connect(heard.append)
    from_room = Changes([Change(Entity.NOTE, "created", (9,), 1)], origin="room")
    thread = threading.Thread(target=command_service.db.library.changes.publish, args=(from_room,))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=2000)
    assert heard[0] is from_room


def test_another_runner_on_the_same_library_is_heard_but_this_windows_own_step_once(
    qtbot, command_service, arun
):
    heard: list[Changes] = []
    command_service.changed.connect(heard.append)
    arun(command_service.push_and_wait(CreateSession(title="Eigen stap")))
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=2000)
    other = CommandRunner(command_service.db.library, origin="library")
    other.do(CreateSession(title="Tweede venster"))
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=2000)
    # time passes on purpose (a check that nothing more comes): a duplicate of the own step
    # would have arrived by now
    qtbot.wait(50)
    assert [c.origin for c in heard] == ["local", "library"]
    assert all(c.touches(Entity.SESSION) for c in heard)
