"""One laptop runs a session's Live clock at a time (the clock lease, issue 15).

Qt-free; runs on SQLite and, in the PostgreSQL pass, on a real server.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from workshop.demo import ensure_demo
from workshop.model import ChangeLogEntry, WorkSession
from workshop.timing.engine import LiveEngine
from workshop.timing.lease import (
    LEASE_SECONDS,
    Claimant,
    ClockHeldElsewhere,
    claim,
    holders,
    read_lease,
    release,
    renew,
)
from workshop.timing.plan import load_run
from workshop.timing.store import save_update

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def sid(library) -> int:
    return ensure_demo(library)


def _lease_log(library) -> int:
    with library.read() as db:
        payloads = db.scalars(select(ChangeLogEntry.payload)).all()
    return sum("lease" in json.dumps(json.loads(p)) for p in payloads)


def _run_state(library, sid: int) -> str:
    with library.read() as db:
        return db.get(WorkSession, sid).run_state


def _one_action(library, sid: int, claimant: Claimant | None, now: datetime):
    """Start the clock as a Live service would, storing through `claimant`."""
    from workshop.clock import FakeClock

    stored = load_run(library, sid)
    updates = []
    engine = LiveEngine.restore(FakeClock(now), stored.plan, stored.run_state, None, updates.append)
    engine.toggle()
    for update in updates:
        save_update(library, sid, update, claimant, now)


def test_a_free_clock_is_claimed_and_the_others_see_who_has_it(library, sid):
    anna, bram = Claimant("a" * 32, "anna@laptop-1"), Claimant("b" * 32, "bram@laptop-2")
    assert read_lease(library, sid, anna, NOW).free
    state = claim(library, sid, anna, NOW)
    assert state.mine and not state.free
    seen = read_lease(library, sid, bram, NOW)
    assert seen.elsewhere and seen.holder_name == "anna@laptop-1"
    # asking without taking over changes nothing
    assert claim(library, sid, bram, NOW).elsewhere
    assert holders(library) == {sid: "anna@laptop-1"}
    assert _lease_log(library) == 1  # the claim was logged for the other laptops


def test_a_store_by_a_laptop_that_does_not_hold_the_clock_is_refused(library, sid):
    anna, bram = Claimant("a" * 32, "anna@laptop-1"), Claimant("b" * 32, "bram@laptop-2")
    _one_action(library, sid, anna, NOW)  # the first action claims the free clock
    assert read_lease(library, sid, anna, NOW).mine
    stored = _run_state(library, sid)
    with pytest.raises(ClockHeldElsewhere, match="anna@laptop-1"):
        _one_action(library, sid, bram, NOW + timedelta(seconds=2))
    assert _run_state(library, sid) == stored  # nothing of bram's stored


def test_taking_over_moves_the_clock_and_the_old_holder_learns_it(library, sid):
    anna, bram = Claimant("a" * 32, "anna@laptop-1"), Claimant("b" * 32, "bram@laptop-2")
    claim(library, sid, anna, NOW)
    assert claim(library, sid, bram, NOW, take_over=True).mine
    after = renew(library, sid, anna, NOW + timedelta(seconds=5))
    assert not after.mine and after.holder_name == "bram@laptop-2"
    with pytest.raises(ClockHeldElsewhere, match="bram@laptop-2"):
        _one_action(library, sid, anna, NOW + timedelta(seconds=6))
    _one_action(library, sid, bram, NOW + timedelta(seconds=6))
    assert _lease_log(library) >= 2  # claim and take-over


def test_a_lease_not_renewed_expires_and_the_next_action_elsewhere_takes_it(library, sid):
    anna, bram = Claimant("a" * 32, "anna@laptop-1"), Claimant("b" * 32, "bram@laptop-2")
    claim(library, sid, anna, NOW)
    # renewed in time, it holds
    renewed = renew(library, sid, anna, NOW + timedelta(seconds=LEASE_SECONDS - 1))
    assert renewed.mine
    later = NOW + timedelta(seconds=2 * LEASE_SECONDS)
    assert read_lease(library, sid, bram, later).free  # anna's laptop went away
    _one_action(library, sid, bram, later)
    assert read_lease(library, sid, bram, later).mine
    assert read_lease(library, sid, anna, later).holder_name == "bram@laptop-2"


def test_release_gives_the_clock_back_only_for_its_holder(library, sid):
    anna, bram = Claimant("a" * 32, "anna@laptop-1"), Claimant("b" * 32, "bram@laptop-2")
    claim(library, sid, anna, NOW)
    assert release(library, sid, bram) is False
    assert holders(library) == {sid: "anna@laptop-1"}
    assert release(library, sid, anna) is True
    assert holders(library) == {}
    assert read_lease(library, sid, bram, NOW).free


def test_renewing_writes_no_change_log_rows(library, sid):
    anna = Claimant("a" * 32, "anna@laptop-1")
    claim(library, sid, anna, NOW)
    with library.read() as db:
        before = db.scalar(select(func.count(ChangeLogEntry.id)))
    for i in range(10):
        assert renew(library, sid, anna, NOW + timedelta(seconds=5 * i)).mine
    with library.read() as db:
        assert db.scalar(select(func.count(ChangeLogEntry.id))) == before


def test_the_cli_and_old_callers_store_without_a_lease(library, sid):
    _one_action(library, sid, None, NOW)
    assert _run_state(library, sid)
    assert holders(library) == {}


def test_a_follower_asks_the_holder_through_the_change_log(library, sid):
    from workshop.changes import Changes as Batch
    from workshop.commands import CommandError
    from workshop.timing.lease import requests_in, send_request

    anna, bram = Claimant("a" * 32, "anna@laptop-1"), Claimant("b" * 32, "bram@laptop-2")
    with pytest.raises(CommandError, match="Geen andere laptop"):
        send_request(library, sid, "next", bram, NOW)  # nobody runs it: run it here
    claim(library, sid, anna, NOW)
    assert send_request(library, sid, "next", bram, NOW) == "anna@laptop-1"
    with library.read() as db:
        payload = db.scalars(select(ChangeLogEntry.payload).order_by(ChangeLogEntry.id)).all()[-1]
    (change,) = list(Batch.from_json(payload))
    assert requests_in(change) == ("next", "bram@laptop-2")
    with pytest.raises(CommandError):
        send_request(library, sid, "delete everything", bram, NOW)


def test_the_phones_remote_without_a_window_asks_the_laptop_that_runs_the_clock(library, sid):
    from workshop.changes import Changes as Batch
    from workshop.clock import FakeClock
    from workshop.room.server import _headless_remote
    from workshop.timing.lease import requests_in

    serve, anna = Claimant("s" * 32, "workshop serve"), Claimant("a" * 32, "anna@laptop-1")
    clock = FakeClock(NOW)
    _headless_remote(library, sid, clock, "pause", serve)  # nobody runs it: serve does
    assert read_lease(library, sid, serve, NOW).mine and _run_state(library, sid)
    claim(library, sid, anna, NOW + timedelta(seconds=1), take_over=True)
    stored = _run_state(library, sid)
    _headless_remote(library, sid, clock, "next", serve)  # anna runs it: asked of her
    assert _run_state(library, sid) == stored
    with library.read() as db:
        payload = db.scalars(select(ChangeLogEntry.payload).order_by(ChangeLogEntry.id)).all()[-1]
    (change,) = list(Batch.from_json(payload))
    assert requests_in(change) == ("next", "workshop serve")
