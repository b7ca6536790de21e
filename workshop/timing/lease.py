"""One laptop runs the Live clock of a session at a time: the clock lease (issue 15).

A `ClockLease` row per session names the Live service that holds the clock and until when.
The holder stores run changes (`workshop.timing.store.save_update` checks the lease in the
same transaction) and renews the lease every `RENEW_SECONDS` (a write every few seconds,
never on every tick). Another laptop follows the stored run read-only; it gets the clock

* when nobody holds it (no row, or the lease expired: the holder closed its window, its
  laptop sleeps or lost the network) — its first action claims it;
* or by taking it over explicitly (`claim(..., take_over=True)`): the former holder's next
  store or renewal is refused and it says who has the clock now.

Claims, take-overs and releases are written to the change log (`Entity.TIMER`, field
"lease"), so the other laptops hear of them at once.

Times come from the caller's clock. Laptops on one library are assumed to keep their clocks
within a few seconds of each other (NTP); the lease is 30 seconds long for that reason.
"""

from __future__ import annotations

import getpass
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as OrmSession

from workshop.changes import Change, Changes, Entity
from workshop.commands.rows import lock_session
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import ClockLease, WorkSession
from workshop.store import change_log
from workshop.store.library import Library

#: how long a lease lasts after its last renewal
LEASE_SECONDS = 30.0
#: how often the holder renews (and a follower looks who holds the clock)
RENEW_SECONDS = 5.0


class ClockHeldElsewhere(CommandError):
    """Another laptop holds the clock of this session; nothing was stored."""

    def __init__(self, holder_name: str) -> None:
        self.holder_name = holder_name
        super().__init__(
            _("The clock of this session is run on {name}; this laptop follows it").format(
                name=holder_name or _("another laptop")
            )
        )


def machine_name() -> str:
    """How this laptop is named to the others: user@host."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or passwd
        user = ""
    host = socket.gethostname() or "?"
    return f"{user}@{host}" if user else host


@dataclass(frozen=True)
class Claimant:
    """One Live service asking for the clock: a random id and the name the others see."""

    holder: str
    name: str

    @classmethod
    def new(cls, name: str | None = None) -> Claimant:
        return cls(uuid.uuid4().hex, name or machine_name())


@dataclass(frozen=True)
class LeaseState:
    """Who holds the clock, as seen by one claimant at `now`."""

    mine: bool
    holder_name: str = ""  # the holder's name ("" when nobody holds it)
    expires_at: datetime | None = None

    @property
    def free(self) -> bool:
        """Nobody holds the clock (no lease, or it expired): the first action claims it."""
        return not self.mine and not self.holder_name

    @property
    def elsewhere(self) -> bool:
        return not self.mine and bool(self.holder_name)


def _utc(value: datetime) -> datetime:
    """Stored times as aware UTC (SQLite hands them back without an offset)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _state(row: ClockLease | None, me: Claimant, now: datetime) -> LeaseState:
    if row is None:
        return LeaseState(mine=False)
    expires = _utc(row.expires_at)
    if row.holder == me.holder:
        return LeaseState(mine=True, holder_name=row.holder_name, expires_at=expires)
    if expires <= _utc(now):  # the holder is gone
        return LeaseState(mine=False, expires_at=expires)
    return LeaseState(mine=False, holder_name=row.holder_name, expires_at=expires)


def _log(db: OrmSession, library: Library, session_id: int) -> None:
    change = Change(Entity.TIMER, "updated", (session_id,), session_id, ("lease",))
    change_log.record(db, library.writer, Changes([change]))


def _take(db: OrmSession, row: ClockLease | None, session_id: int, me: Claimant, now: datetime):
    expires = _utc(now) + timedelta(seconds=LEASE_SECONDS)
    if row is None:
        row = ClockLease(session_id=session_id, holder=me.holder)
        db.add(row)
    row.holder = me.holder
    row.holder_name = me.name[:120]
    row.taken_at = _utc(now)
    row.expires_at = expires
    db.flush()
    return LeaseState(mine=True, holder_name=row.holder_name, expires_at=expires)


def hold(db: OrmSession, library: Library, session_id: int, me: Claimant, now: datetime) -> None:
    """Inside a storing transaction: make sure `me` holds the clock, or raise.

    A free clock (no lease, or an expired one) is claimed on the way (and the claim logged);
    a clock another laptop holds raises `ClockHeldElsewhere` and the transaction stores
    nothing.
    """
    lock_session(db, session_id)
    row = db.get(ClockLease, session_id, with_for_update=True)
    state = _state(row, me, now)
    if state.elsewhere:
        raise ClockHeldElsewhere(state.holder_name)
    if not state.mine:
        _take(db, row, session_id, me, now)
        _log(db, library, session_id)


def read_lease(library: Library, session_id: int, me: Claimant, now: datetime) -> LeaseState:
    with library.read() as db:
        return _state(db.get(ClockLease, session_id), me, now)


def claim(
    library: Library, session_id: int, me: Claimant, now: datetime, take_over: bool = False
) -> LeaseState:
    """Take the clock when it is free (or, with `take_over`, from whoever holds it).

    Returns who holds it afterwards: `mine` unless another laptop holds it and `take_over`
    was not asked.
    """
    with library.unit_of_work() as db:
        if db.get(WorkSession, session_id) is None:
            raise CommandError(_("This session no longer exists"))
        lock_session(db, session_id)
        row = db.get(ClockLease, session_id, with_for_update=True)
        state = _state(row, me, now)
        if state.elsewhere and not take_over:
            return state
        was_mine = state.mine
        state = _take(db, row, session_id, me, now)
        if not was_mine:
            _log(db, library, session_id)
        return state


def renew(library: Library, session_id: int, me: Claimant, now: datetime) -> LeaseState:
    """The holder's heartbeat: push the expiry on. A lease taken over meanwhile is not
    renewed; the returned state then names the new holder (or none)."""
    with library.unit_of_work() as db:
        row = db.get(ClockLease, session_id, with_for_update=True)
        if row is None or row.holder != me.holder:
            return _state(row, me, now)
        row.expires_at = _utc(now) + timedelta(seconds=LEASE_SECONDS)
        return LeaseState(mine=True, holder_name=row.holder_name, expires_at=row.expires_at)


def release(library: Library, session_id: int, me: Claimant) -> bool:
    """Give the clock back (the window closes); False when `me` did not hold it."""
    with library.unit_of_work() as db:
        gone = db.execute(
            delete(ClockLease).where(
                ClockLease.session_id == session_id, ClockLease.holder == me.holder
            )
        ).rowcount  # type: ignore[attr-defined]  # a DML statement's result is a CursorResult
        if gone:
            _log(db, library, session_id)
        return bool(gone)


#: what a laptop that follows the clock may ask the holder to do
REQUESTS = ("next", "pause", "extend")
_REQUEST = "request:"
_FROM = "from:"


def send_request(
    library: Library, session_id: int, action: str, me: Claimant, now: datetime
) -> str:
    """Ask the laptop that runs the clock to apply `action` ("next", "pause", "extend" for
    +1 minute); returns the holder's name. The request travels as a change-log entry (the
    holder's live feed hears it within a second); nothing else is stored. A clock nobody
    holds gets a CommandError: then this laptop can simply run it."""
    if action not in REQUESTS:
        raise CommandError(_("Unknown request"))
    with library.unit_of_work() as db:
        state = _state(db.get(ClockLease, session_id), me, now)
        if not state.elsewhere:
            raise CommandError(_("No other laptop runs this clock now: run it here"))
        fields = (_REQUEST + action, _FROM + me.name[:120])
        change = Change(Entity.TIMER, "updated", (session_id,), session_id, fields)
        change_log.record(db, library.writer, Changes([change]))
        return state.holder_name


def requests_in(change: Change) -> tuple[str, str] | None:
    """(action, who asked) when `change` is a request to the clock's holder, else None."""
    if change.entity != Entity.TIMER:
        return None
    action = next((f[len(_REQUEST) :] for f in change.fields if f.startswith(_REQUEST)), "")
    who = next((f[len(_FROM) :] for f in change.fields if f.startswith(_FROM)), "")
    return (action, who) if action in REQUESTS else None


def holders(library: Library) -> dict[int, str]:
    """Session id -> holder name of every lease row (the CLI, tests)."""
    with library.read() as db:
        rows = db.execute(select(ClockLease.session_id, ClockLease.holder_name)).all()
    return {row.session_id: row.holder_name for row in rows}
