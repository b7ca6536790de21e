"""The clock lease as seen by one Live service: who runs this session's clock, kept current.

`LeaseKeeper` holds this laptop's `Claimant` and the last known `LeaseState`. Every
`RENEW_SECONDS` it renews the lease when it is ours (a write every few seconds, never on
every tick) or looks who holds it when it is not (a read). It looks at once when another
writer's change log says the lease moved. All database work runs on the DB worker.

`changed(LeaseState, lost)` fires when the state moves; `lost` is True when this laptop held
the clock and another took it over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from ui.services.db import DbService
from ui.widgets.alive import alive
from workshop.clock import Clock
from workshop.timing.lease import (
    RENEW_SECONDS,
    Claimant,
    LeaseState,
    read_lease,
    release,
    renew,
)

log = logging.getLogger(__name__)


class LeaseKeeper(QObject):
    changed = Signal(object, bool)  # LeaseState, lost (taken over from this laptop)

    def __init__(
        self, db: DbService, clock: Clock, session_id: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.session_id = session_id
        self.claimant = Claimant.new()
        self.state = LeaseState(mine=False)
        self.timer = QTimer(self)
        self.timer.setInterval(int(RENEW_SECONDS * 1000))
        self.timer.timeout.connect(self.beat)
        self._closed = False

    def start(self, state: LeaseState) -> None:
        self.set_state(state)
        if not self._closed:
            self.timer.start()

    def set_state(self, state: LeaseState) -> None:
        """A new view of the lease (from the worker, or assumed at an action)."""
        if self._closed or not alive(self):
            return
        lost = self.state.mine and not state.mine
        if state != self.state:
            self.state = state
            self.changed.emit(state, lost)

    def assume_mine(self) -> None:
        """An action on a free clock: the store that follows claims it (or is refused)."""
        if self.state.free:
            self.set_state(LeaseState(mine=True, holder_name=self.claimant.name))

    def beat(self) -> None:
        """Renew when ours, else look who holds the clock."""
        if self.state.mine:
            self._run(renew, self.claimant, self.clock.now())
        else:
            self.look()

    def look(self) -> None:
        self._run(read_lease, self.claimant, self.clock.now())

    def _run(self, fn: Callable, *args) -> asyncio.Future:
        loop = asyncio.get_event_loop()
        try:
            submitted = self.db.submit(fn, self.session_id, *args)
        except RuntimeError:  # the DB worker stopped (the app is closing): stop beating
            self.timer.stop()
            gone = loop.create_future()
            gone.cancel()
            return gone
        fut = asyncio.wrap_future(submitted, loop=loop)

        def done(f: asyncio.Future) -> None:
            if f.cancelled():
                return
            if f.exception() is not None:
                log.warning("clock lease: %s failed: %s", fn.__name__, f.exception())
                return
            self.set_state(f.result())

        fut.add_done_callback(done)
        return fut

    def close(self) -> None:
        """Stop beating; give the clock back when this laptop held it."""
        if self._closed:
            return
        self._closed = True
        self.timer.stop()
        if self.state.mine:
            with contextlib.suppress(RuntimeError):  # the DB worker already stopped
                self.db.submit(release, self.session_id, self.claimant)
