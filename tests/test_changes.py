"""The typed change bus: what views ask of changes, and changes sent between processes."""

from __future__ import annotations

import threading

import pytest

from workshop.changes import Change, ChangeBus, Changes, Entity


def test_a_change_names_a_known_entity_and_kind() -> None:
    assert Change("note", "created", (1,), 7).entity is Entity.NOTE
    with pytest.raises(ValueError):
        Change("notes", "created")
    with pytest.raises(ValueError):
        Change(Entity.NOTE, "renamed")


def test_touches_only_the_session_it_names() -> None:
    changes = Changes([Change(Entity.NOTE, "created", (1,), 7)])
    assert changes.touches(Entity.NOTE, 7)
    assert not changes.touches(Entity.NOTE, 8)
    assert not changes.touches(Entity.GROUP, 7)
    assert changes.touches(Entity.NOTE)  # any session


def test_library_wide_changes_touch_every_session_and_session_rows_by_id() -> None:
    changes = Changes(
        [Change(Entity.AGENDA_TEMPLATE, "created", (3,)), Change(Entity.SESSION, "updated", (5,))]
    )
    assert changes.touches(Entity.AGENDA_TEMPLATE, 9)
    assert changes.session_ids() == {5}
    assert [c.entity for c in changes.for_session(9)] == [Entity.AGENDA_TEMPLATE]
    assert len(changes.for_session(5)) == 2
    assert changes.ids(Entity.SESSION) == {5}


def test_changes_cross_a_process_boundary_as_json() -> None:
    sent = Changes([Change(Entity.GROUP, "moved", (1, 2), 4, ("position",))], origin="room")
    received = Changes.from_json(sent.to_json())
    assert received.items == sent.items and received.origin == "room"
    assert Changes.from_json(sent.to_json(), origin="library").origin == "library"
    for bad in ("", "[]", '{"items": [["nope", "created", [], null, []]]}', '{"items": [[1]]}'):
        with pytest.raises(ValueError):
            Changes.from_json(bad)


def test_bus_fans_out_from_any_thread_and_survives_a_broken_subscriber() -> None:
    bus = ChangeBus()
    seen: list[Changes] = []

    def broken(_: Changes) -> None:
        raise RuntimeError("view bug")

    bus.subscribe(broken)
    stop = bus.subscribe(seen.append)
    one = Changes([Change(Entity.NOTE, "created", (1,), 1)])
    worker = threading.Thread(target=bus.publish, args=(one,))
    worker.start()
    worker.join()
    bus.publish(Changes())  # nothing to say: nobody is called
    assert seen == [one]
    stop()
    bus.publish(one)
    assert seen == [one]


def test_the_runner_publishes_each_stored_step_after_its_commit(tmp_path) -> None:
    from workshop.commands import CommandRunner
    from workshop.sessions.commands import CreateSession
    from workshop.store.library import Library

    library = Library.open(f"sqlite:///{tmp_path / 'lib.sqlite'}", created_now=True)
    heard: list[Changes] = []
    library.changes.subscribe(heard.append)
    runner = CommandRunner(library)
    command = CreateSession(title="Kick-off")
    done = runner.do(command)
    assert heard == [done] and done.touches(Entity.SESSION)
    runner.undo(command)
    assert len(heard) == 2 and heard[1].items[0].kind == "deleted"
    library.close()
