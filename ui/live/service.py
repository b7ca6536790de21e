"""The live run of one session as a Qt service: the Qt-free engine plus ticks, chime and storage.

One `LiveService` per open session (built in `ui.app.build_session_services` as `live`):
the Live page, the projector and the capture queue all show the same timer. The engine
stays Qt-free (`workshop.timing.engine`); this adapter

* loads the stored run (resuming a crashed or closed session where it was),
* ticks just after each second boundary (`SecondAlignedTicker`) and emits
  `reading_changed` with the core's reading — the value never comes from counting ticks,
* plays the chime once per event, unless muted,
* stores every change of the run on the DB worker, in order (`save_update`),
* follows agenda changes (the agenda editor, an applied proposal) through `CommandService`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from ui.live.chime import ChimePlayer
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
from workshop.timing.plan import StoredRun, load_run
from workshop.timing.proposals import Proposal
from workshop.timing.reading import TimerReading
from workshop.timing.settings import TimingSettings, load_timing_settings, save_timing_settings
from workshop.timing.store import save_update

log = logging.getLogger(__name__)


class LiveService(QObject):
    reading_changed = Signal(object)  # TimerReading, at least once per displayed second
    state_changed = Signal()  # item, step, running, plan or settings changed
    chimed = Signal(object)  # workshop.timing.engine.Chime
    failed = Signal(str)  # a user-facing message (e.g. the run could not be stored)

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
        self._tasks: set[asyncio.Future] = set()
        self._loading: asyncio.Future | None = None
        self._closed = False
        commands.changed.connect(self._on_changed)

    # -- loading ---------------------------------------------------------------------------
    def ensure_loaded(self) -> asyncio.Future:
        """Start loading the stored run once; await the result to know it is there."""
        if self._loading is None:
            ready = asyncio.get_event_loop().create_future()
            found = self._submit(_read_run, self.session_id)

            def done(f: asyncio.Future) -> None:
                if f.cancelled():
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

    def _loaded(self, found: tuple[StoredRun, TimingSettings]) -> None:
        stored, self.settings = found
        self.player.muted = self.settings.muted
        self.engine = LiveEngine.restore(
            self.clock, stored.plan, stored.run_state, self.settings, on_update=self._store
        )
        if not self._closed:
            self.ticker.start()
        self.state_changed.emit()
        self.reading_changed.emit(self.engine.reading())

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
        self._act(lambda e: e.toggle())

    def next(self) -> None:
        self._act(lambda e: e.next())

    def previous(self) -> None:
        self._act(lambda e: e.previous())

    def extend(self, seconds: float) -> None:
        self._act(lambda e: e.extend(seconds))

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
    def _act(self, action: Callable[[LiveEngine], RunUpdate | None]) -> None:
        if self.engine is None:
            return
        if action(self.engine) is not None:
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
            self.player.play()
            self.chimed.emit(chime)
        self.reading_changed.emit(self.engine.reading())

    def _store(self, update: RunUpdate) -> None:
        self._submit(save_update, self.session_id, update, store=True)

    def _on_changed(self, changes: Changes) -> None:
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
        """Queue `fn(library, *args)` on the DB worker (in order) without awaiting it."""
        fut = asyncio.wrap_future(self.db.submit(fn, *args), loop=asyncio.get_event_loop())
        self._tasks.add(fut)
        fut.add_done_callback(self._tasks.discard)
        fut.add_done_callback(lambda f: self._report(f, store))
        if on_done is not None:
            fut.add_done_callback(
                lambda f: (
                    on_done(f.result()) if not f.cancelled() and f.exception() is None else None
                )
            )
        return fut

    def _report(self, task: asyncio.Future, store: bool) -> None:
        if task.cancelled() or task.exception() is None:
            return
        if not alive(self):
            log.error("live timer: background step failed", exc_info=task.exception())
            return
        error = task.exception()
        log.error("live timer: background step failed", exc_info=error)
        if store:
            self.failed.emit(_("The timer state could not be stored: {error}").format(error=error))
        else:
            self.failed.emit(str(error))

    async def wait_idle(self) -> None:
        """Until every scheduled load and store has landed (tests, closing)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.ticker.stop()
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self.commands.changed.disconnect(self._on_changed)


def _read_run(library: Library, session_id: int) -> tuple[StoredRun, TimingSettings]:
    """The stored run and the timer preferences, in one trip to the DB worker."""
    return load_run(library, session_id), load_timing_settings(library)
