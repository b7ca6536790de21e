"""The live run of one session as a Qt service: the Qt-free engine plus ticks, chime and storage.

One `LiveService` per open session (built in `ui.session_services.build_session_services` as `live`):
the Live page, the projector and the capture queue all show the same timer. The engine
stays Qt-free (`workshop.timing.engine`); this adapter

* loads the stored run (resuming a crashed or closed session where it was),
* ticks just after each second boundary (`SecondAlignedTicker`) and emits
  `reading_changed` with the core's reading — the value never comes from counting ticks,
* plays the chime once per event, unless muted,
* stores every change of the run on the DB worker, in order (`save_update`); each load and
  store is queued at once (so in order) and followed as one of `self.ops` (`ui.kit.ops`),
* follows agenda changes (the agenda editor, an applied proposal) through `CommandService`,
* runs the clock only while this laptop holds the session's clock lease (`ui.live.lease`):
  another laptop's Live page follows the stored run read-only (reloaded when the holder's
  change log entry arrives), plays no chime, and may take the clock over explicitly.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QObject, Signal

from ui.kit.ops import BackgroundOps
from ui.live.chime import ChimePlayer
from ui.live.lease import LeaseKeeper
from ui.live.ticker import SecondAlignedTicker
from ui.services.commands import CommandService
from ui.services.db import DbService
from ui.widgets.alive import alive
from workshop.changes import Entity
from workshop.clock import Clock
from workshop.commands import Changes
from workshop.i18n import _
from workshop.store.library import Library
from workshop.timing.commands import ApplyProposal
from workshop.timing.engine import LiveEngine, RunUpdate
from workshop.timing.lease import (
    Claimant,
    ClockHeldElsewhere,
    LeaseState,
    claim,
    read_lease,
    requests_in,
    send_request,
)
from workshop.timing.plan import StoredRun, load_run
from workshop.timing.proposals import Proposal
from workshop.timing.reading import TimerReading
from workshop.timing.settings import TimingSettings, load_timing_settings, save_timing_settings
from workshop.timing.store import save_update

#: what the follower is told after sending a request, and the holder after applying one
_REQUEST_SENT = {
    "next": lambda: _("Asked {name} for the next item."),
    "pause": lambda: _("Asked {name} to pause or continue the clock."),
    "extend": lambda: _("Asked {name} for one minute more."),
}
_REQUEST_APPLIED = {
    "next": lambda: _("{name} asked for the next item: done."),
    "pause": lambda: _("{name} asked to pause or continue: done."),
    "extend": lambda: _("{name} asked for one minute more: done."),
}


class LiveService(QObject):
    reading_changed = Signal(object)  # TimerReading, at least once per displayed second
    state_changed = Signal()  # item, step, running, plan or settings changed
    chimed = Signal(object)  # workshop.timing.engine.Chime
    failed = Signal(str)  # a user-facing message (e.g. the run could not be stored)
    lease_changed = Signal(str)  # who runs the clock moved; a line to show ("" = this laptop)
    notice = Signal(str)  # a line that is news, not an error (a request sent or applied)

    def __init__(
        self,
        db: DbService,
        commands: CommandService,
        clock: Clock,
        session_id: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.commands = commands
        self.clock = clock
        self.session_id = session_id
        self.engine: LiveEngine | None = None
        self.settings = TimingSettings()
        self.player = ChimePlayer(self)
        self.ticker = SecondAlignedTicker(self._next_change_in, self)
        self.ticker.tick.connect(self._on_tick)
        #: every queued load and store (watched by `wait_all_idle` as "ops (live timer)")
        self.ops = BackgroundOps(self, "live timer")
        self._loading: asyncio.Future | None = None
        self._closed = False
        self._acting = False  # a user action is being applied (its store may claim the clock)
        self.lease = LeaseKeeper(db, clock, session_id, self)
        self.lease.changed.connect(self._lease_moved)
        commands.changed.connect(self._on_changed)

    # -- loading ---------------------------------------------------------------------------
    def ensure_loaded(self) -> asyncio.Future:
        """Start loading the stored run once; await the result to know it is there."""
        if self._loading is None:
            ready = asyncio.get_event_loop().create_future()
            found = self._submit(_read_run, self.session_id, self.lease.claimant, self.clock.now())

            def done(f: asyncio.Future) -> None:
                if f.cancelled() and not alive(self):  # its ops end with the service
                    ready.set_result(None)
                elif f.cancelled():
                    ready.cancel()
                elif f.exception() is not None:
                    ready.set_exception(f.exception())
                else:
                    if alive(self):  # the window may have closed while the DB worker read
                        self._loaded(f.result())
                    ready.set_result(None)

            found.add_done_callback(done)
            self._loading = ready
        return self._loading

    def _loaded(self, found: tuple[StoredRun, TimingSettings, LeaseState]) -> None:
        stored, self.settings, lease = found
        self.player.muted = self.settings.muted
        self._restore(stored)
        if not self._closed:
            self.ticker.start()
            self.lease.start(lease)
        self.state_changed.emit()
        self.reading_changed.emit(self.engine.reading())

    def _restore(self, stored: StoredRun) -> None:
        self.engine = LiveEngine.restore(
            self.clock, stored.plan, stored.run_state, self.settings, on_update=self._store
        )

    def follow(self) -> asyncio.Future:
        """Read the stored run again and show it (this laptop follows another's clock)."""
        return self._submit(load_run, self.session_id, on_done=self._followed)

    def _followed(self, stored: StoredRun) -> None:
        if self._closed or not alive(self) or self.lease.state.mine:
            return
        self._restore(stored)
        self.ticker.reschedule()
        self._refresh()

    # -- who runs the clock ----------------------------------------------------------------
    @property
    def follower(self) -> bool:
        """Another laptop runs this session's clock: this one shows it read-only."""
        return self.lease.state.elsewhere

    def lease_line(self) -> str:
        """The line the Live page shows about who runs the clock ("" when this laptop may)."""
        state = self.lease.state
        if not state.elsewhere:
            return ""
        return _(
            "The clock is run on {name}; this laptop follows it. Start/pause, next and "
            "+1 min are asked of that laptop."
        ).format(name=state.holder_name)

    async def take_over(self) -> None:
        """Take the clock from the laptop that runs it (the user asked); go on from the
        stored run (claim and read in one trip, so no key lands in between)."""
        state, stored = await self._submit(
            _take_over, self.session_id, self.lease.claimant, self.clock.now()
        )
        if alive(self) and not self._closed and self.engine is not None:
            self._restore(stored)
            self.lease.set_state(state)
            self.ticker.reschedule()
            self._refresh()

    def _lease_moved(self, state: LeaseState, lost: bool) -> None:
        if lost:
            self.failed.emit(
                _("{name} took over the clock; this laptop now follows it.").format(
                    name=state.holder_name or _("another laptop")
                )
            )
        if not state.mine:
            self.follow()
        self.lease_changed.emit(self.lease_line())

    def reload_plan(self) -> asyncio.Future:
        """The agenda changed: read it again; the engine goes on with the same item."""
        return self._submit(load_run, self.session_id, on_done=self._plan_loaded)

    def _plan_loaded(self, stored) -> None:
        if self.engine is not None and not self._closed and alive(self):
            self.engine.set_plan(stored.plan)
            self._refresh()

    @property
    def loaded(self) -> bool:
        return self.engine is not None

    # -- actions (keys and buttons) ---------------------------------------------------------
    def toggle(self) -> None:
        self._act(lambda e: e.toggle(), request="pause")

    def next(self) -> None:
        self._act(lambda e: e.next(), request="next")

    def previous(self) -> None:
        self._act(lambda e: e.previous())

    def extend(self, seconds: float) -> None:
        self._act(lambda e: e.extend(seconds), request="extend" if seconds == 60 else None)

    def restart(self) -> None:
        self._act(lambda e: e.restart())

    def reading(self) -> TimerReading | None:
        return self.engine.reading() if self.engine is not None else None

    def set_muted(self, muted: bool) -> None:
        self.settings = replace(self.settings, muted=muted)
        self.player.muted = muted
        self._submit(save_timing_settings, self.settings)
        self.state_changed.emit()

    def set_settings(self, settings: TimingSettings) -> None:
        """New thresholds or chime choices (stored for the whole library)."""
        self.settings = settings
        self.player.muted = settings.muted
        if self.engine is not None:
            self.engine.settings = settings
        self._submit(save_timing_settings, settings)
        self._refresh()

    async def apply_proposal(self, proposal: Proposal) -> None:
        """Apply a back-on-schedule proposal as an undoable command (Ctrl+Z takes it back)."""
        await self.commands.push_and_wait(
            ApplyProposal(self.session_id, proposal, self.clock.now())
        )  # the command's `changed` makes the engine reload the plan

    # -- plumbing --------------------------------------------------------------------------
    def _act(
        self, action: Callable[[LiveEngine], RunUpdate | None], request: str | None = None
    ) -> None:
        if self.engine is None:
            return
        if self.follower and request is not None:  # ask the laptop that runs the clock
            self._submit(
                send_request,
                self.session_id,
                request,
                self.lease.claimant,
                self.clock.now(),
                on_done=lambda name, r=request: self.notice.emit(
                    _REQUEST_SENT[r]().format(name=name)
                ),
            )
            return
        if self.follower:
            self.failed.emit(
                _("The clock is run on {name}. Take it over to run it here.").format(
                    name=self.lease.state.holder_name
                )
            )
            return
        self.lease.assume_mine()
        self._acting = True
        try:
            changed = action(self.engine) is not None
        finally:
            self._acting = False
        if changed:
            self.ticker.reschedule()
            self._refresh()

    def _refresh(self) -> None:
        if self.engine is None:
            return
        self.state_changed.emit()
        self.reading_changed.emit(self.engine.reading())

    def _next_change_in(self) -> float | None:
        return self.engine.next_change_in() if self.engine is not None else None

    def _on_tick(self) -> None:
        if self.engine is None:
            return
        for chime in self.engine.poll():
            if not self.follower:  # the chime sounds on the laptop that runs the clock
                self.player.play()
            self.chimed.emit(chime)
        self.reading_changed.emit(self.engine.reading())

    def _apply_request(self, action: str, who: str) -> None:
        """Another laptop asked: next item, pause/continue, or one minute more."""
        {"next": self.next, "pause": self.toggle, "extend": lambda: self.extend(60)}[action]()
        self.notice.emit(_REQUEST_APPLIED[action]().format(name=who or _("another laptop")))

    def _store(self, update: RunUpdate) -> None:
        """Store a run change while this laptop runs the clock (a follower stores nothing)."""
        if not (self.lease.state.mine or self._acting):
            return
        self._submit(
            save_update,
            self.session_id,
            update,
            self.lease.claimant,
            self.clock.now(),
            store=True,
        )

    def _on_changed(self, changes: Changes) -> None:
        if changes.origin != "local" and self.lease.state.mine:
            for change in changes:
                asked = requests_in(change) if change.session_id == self.session_id else None
                if asked is not None:
                    self._apply_request(*asked)
        if changes.origin != "local" and any(
            c.entity == Entity.TIMER and c.session_id == self.session_id for c in changes
        ):  # another laptop stored a run change, or the lease moved
            if any("lease" in c.fields for c in changes):
                self.lease.look()
            if not self.lease.state.mine:
                self.follow()
        if any(
            c.session_id == self.session_id
            and (
                c.entity in (Entity.AGENDA_ITEM, Entity.AGENDA_TEMPLATE)
                or c.entity == Entity.SESSION
            )
            for c in changes
        ):
            self.reload_plan()

    def _submit(
        self, fn: Callable, *args, on_done: Callable | None = None, store: bool = False
    ) -> asyncio.Future:
        """Queue `fn(library, *args)` on the DB worker now (in order) without awaiting it."""
        queued = asyncio.wrap_future(self.db.submit(fn, *args), loop=asyncio.get_event_loop())
        task = self.ops.run(
            self._landed(queued), success=on_done, failure=partial(self._failed, store)
        )
        return task if task is not None else queued

    async def _landed(self, queued: asyncio.Future):
        try:
            return await queued
        except ClockHeldElsewhere as err:  # another laptop took the clock meanwhile
            if alive(self):
                self.lease.look()
            raise asyncio.CancelledError from err  # nothing to say: the lease line changes

    def _failed(self, store: bool, message: str) -> None:
        if store:
            message = _("The timer state could not be stored: {error}").format(error=message)
        self.failed.emit(message)

    @property
    def busy(self) -> bool:
        """A load or store is under way."""
        return self.ops.busy

    async def wait_idle(self) -> None:
        """Until every scheduled load and store has landed (tests, closing)."""
        await self.ops.wait_idle()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.ticker.stop()
        self.lease.close()
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self.commands.changed.disconnect(self._on_changed)


def _take_over(
    library: Library, session_id: int, claimant: Claimant, now
) -> tuple[LeaseState, StoredRun]:
    return claim(library, session_id, claimant, now, take_over=True), load_run(library, session_id)


def _read_run(
    library: Library, session_id: int, claimant: Claimant, now
) -> tuple[StoredRun, TimingSettings, LeaseState]:
    """The stored run, the timer preferences and who runs the clock, in one trip."""
    return (
        load_run(library, session_id),
        load_timing_settings(library),
        read_lease(library, session_id, claimant, now),
    )
