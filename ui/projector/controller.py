"""The per-session projector controller (SessionServices.projector).

Owns the state machine, the content read from the library, the projector window and its
placement on the screens. The control panel and the window's keys call its methods; the
thumbnail and the window draw `scene()`.

Timers: `timer_source` / `speaking_source` are callables returning a `TimerReading`. Given
the session's live service (`reading()`, `reading_changed`, `state_changed`, `engine.current`)
and capture service (`reading()`, `tick`, `speaker_changed`) the controller plugs them in and
follows the running item and the group that has the floor; without them the planned
duration is shown as a standing timer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QWidget

from ui.kit.ops import BackgroundOps, watch
from ui.projector.following import RoomFollowing
from ui.projector.keys import handle_key
from ui.projector.live_scene import live_scene
from ui.projector.placement import WindowPlacement
from ui.projector.scene import Scene
from ui.projector.window import ProjectorWindow
from workshop.clock import Clock
from workshop.commands import Changes
from workshop.i18n import _
from workshop.projector.content import ProjectorContent, load_projector_content
from workshop.projector.screens import (
    ProjectorPrefs,
    load_prefs,
    load_session_state,
    remember_panel,
    remember_session_state,
    remember_theme,
)
from workshop.projector.state import Mode, ProjectorState, ProjectorStateMachine
from workshop.room.picture import RoomPicture
from workshop.timing.reading import TimerReading

log = logging.getLogger(__name__)

ReadingSource = Callable[[], TimerReading | None]
TICK_MS = 250
DEFAULT_SIZE = (1920, 1080)  # the picture's shape before a window exists


class ProjectorController(QObject):
    changed = Signal()  # the picture may have changed (repaint)
    placement_changed = Signal()  # window opened/closed/moved between screens
    content_loaded = Signal()

    def __init__(
        self,
        db,
        commands,
        clock: Clock,
        session_id: int,
        live=None,
        capture=None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.commands = commands
        self.clock = clock
        self.session_id = session_id
        self.machine = ProjectorStateMachine()
        self.machine.subscribe(self._on_state)
        self.content: ProjectorContent | None = None
        self.prefs = ProjectorPrefs()
        self.timer_source: ReadingSource | None = None
        self.speaking_source: ReadingSource | None = None
        self.room_source: Callable[[], RoomPicture | None] | None = None  # ui/room/service.py
        self.facilitator_window: Callable[[], QWidget | None] = lambda: None
        self.error = ""  # last loading problem, shown in the panel
        self._frozen_scene: Scene | None = None
        self._last_scene: Scene | None = None
        self._paging_since = clock.monotonic()
        self._writes: set = set()  # concurrent futures of preference writes
        self._closed = False
        self._reload_timer = QTimer(self, singleShot=True, interval=120)
        watch(self, "projector")
        self._reload_timer.timeout.connect(self.reload)
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        commands.changed.connect(self.on_changes)
        self.ops = BackgroundOps(self, "projector")
        self.placement = WindowPlacement(self)
        self.following = RoomFollowing(self, live, capture)
        self._restored = False  # the stored picture of this session was read
        self._stored_json = ""  # what was last stored (write only real changes)
        self.following.attach()
        self.reload()

    @property
    def live(self):
        return self.following.live

    @property
    def capture(self):
        return self.following.capture

    @property
    def window(self) -> ProjectorWindow | None:
        return self.placement.window

    def select_floor(self, group_id: int) -> None:
        content = self.content
        rnd = content.round_of_group(group_id) if content is not None else None
        shown = self.current_round()
        if rnd is not None and (shown is None or shown.id != rnd.id):
            self.machine.select_round(rnd.id)
        self.machine.select_reporting_group(group_id)
        if self.state.follow_agenda and self.state.mode != Mode.REPORTING:
            self.machine.show(Mode.REPORTING)

    def floor_group_id(self) -> int | None:
        """The group (or pitch entry) that has the floor in the capture queue (None: nobody)."""
        return self.following.floor_group_id()

    # -- loading --------------------------------------------------------------------------
    def reload(self) -> asyncio.Task | None:
        """Read the preferences and the content again (on the DB worker; the latest wins)."""
        return self.ops.run(
            self.db.call(_read, self.session_id),
            success=self._loaded,
            failure=self._load_failed,
            key="load",
        )

    async def load(self) -> None:
        """Read the preferences and the content, and wait until they are shown."""
        self.reload()
        await self.ops.wait_idle()

    def _load_failed(self, message: str) -> None:
        self.error = _("The projector could not read the session: {error}").format(error=message)
        self.changed.emit()

    def _loaded(self, read: tuple[ProjectorPrefs, ProjectorContent, str]) -> None:
        prefs, content, stored = read
        self.prefs = prefs
        if not self._restored:  # once: the picture this session showed when it was closed
            self._restored = True
            self._stored_json = stored
            self.machine.restore(stored)
        self.error = ""
        self.machine.set_dark(self.prefs.dark)
        self.content = content
        if self.live is None:  # with the engine, its state_changed says which item runs
            item = content.current_item() if content.current_item_id is not None else None
            self.machine.item_changed(content.current_item_id, item.kind if item else None)
        self.content_loaded.emit()
        self.repaint(force=True)

    def on_changes(self, changes: Changes) -> None:
        if changes.for_session(self.session_id):
            self._reload_timer.start()

    def write(self, fn, *args) -> None:
        """A preference write on the DB worker, fire and forget (it needs no event loop)."""
        future = self.db.submit(fn, *args)
        self._writes.add(future)
        future.add_done_callback(self._write_done)

    def _write_done(self, future) -> None:
        self._writes.discard(future)
        if future.exception() is not None:
            log.warning("projector preference not stored: %s", future.exception())

    @property
    def busy(self) -> bool:
        """A load, a preference write or a reload about to start (its own ops are watched
        as well)."""
        return bool(self._writes) or self._reload_timer.isActive()

    async def wait_idle(self) -> None:
        """Tests: until every load and preference write has landed."""
        while self.ops.busy or self._writes or self._reload_timer.isActive():
            if self.ops.busy:
                await self.ops.wait_idle()
            else:  # a preference write on the DB worker, or a reload about to start
                await asyncio.sleep(0.02)

    # -- the picture ----------------------------------------------------------------------
    @property
    def state(self) -> ProjectorState:
        return self.machine.state

    def _live_scene(self, state: ProjectorState | None = None) -> Scene:
        return live_scene(self, state or self.machine.visible)

    def scene(self) -> Scene:
        """What the room sees now (the frozen picture with live overlays when frozen)."""
        if self._frozen_scene is not None:
            state = self.machine.visible
            return replace(
                self._frozen_scene,
                state=replace(
                    self._frozen_scene.state,
                    message=state.message,
                    blackout=state.blackout,
                    frozen=True,
                ),
            )
        return self._live_scene()

    def prepared_scene(self) -> Scene:
        """The picture the facilitator is preparing (what unfreezing will show)."""
        return self._live_scene(replace(self.machine.state, frozen=False))

    def picture_size(self) -> tuple[int, int]:
        if self.window is not None and self.window.isVisible():
            return self.window.width(), self.window.height()
        return DEFAULT_SIZE

    def _on_state(self, state: ProjectorState) -> None:
        if state.mode == Mode.BREAKOUT and (
            self._last_scene is None or self._last_scene.state.mode != Mode.BREAKOUT
        ):
            self._paging_since = self.clock.monotonic()
        self._remember_state(state)
        self.repaint(force=True)

    def _remember_state(self, state: ProjectorState) -> None:
        """Store the picture, round and group, so reopening the session resumes them
        (only after the stored one was read: a fresh controller must not overwrite it)."""
        if not self._restored or self._closed:
            return
        text = state.to_json()
        if text != self._stored_json:
            self._stored_json = text
            self.write(remember_session_state, self.session_id, text)

    def refresh_room(self) -> None:
        """The room's part changed (server on/off, votes): draw again."""
        self.repaint(force=True)

    def _on_tick(self) -> None:
        self.repaint()

    def repaint(self, force: bool = False) -> None:
        if self._closed:
            return
        scene = self.scene()
        if not force and scene == self._last_scene:
            return
        self._last_scene = scene
        if self.window is not None and self.window.isVisible():
            self.window.update()
        self.changed.emit()

    # -- facilitator actions --------------------------------------------------------------
    def show_mode(self, mode: Mode) -> None:
        self.machine.show(mode)

    def set_message(self, text: str) -> None:
        self.machine.set_message(text)

    def clear_message(self) -> None:
        self.machine.clear_message()

    def toggle_blackout(self) -> None:
        self.machine.toggle_blackout()

    def set_blackout(self, on: bool) -> None:
        self.machine.set_blackout(on)

    def set_frozen(self, on: bool) -> None:
        if on and self._frozen_scene is None:
            self._frozen_scene = self._live_scene()
        elif not on:
            self._frozen_scene = None
        self.machine.set_frozen(on)

    def toggle_freeze(self) -> None:
        self.set_frozen(not self.machine.state.frozen)

    def set_dark(self, dark: bool) -> None:
        self.machine.set_dark(dark)
        self.write(remember_theme, dark)

    def remember_panel(self, visible: bool) -> None:
        """The facilitator showed or hid the projector panel (kept for the next session)."""
        self.prefs = replace(self.prefs, panel_visible=visible)
        self.write(remember_panel, visible)

    def set_show_notes(self, on: bool) -> None:
        self.machine.set_show_notes(on)

    def set_follow_agenda(self, on: bool) -> None:
        self.machine.set_follow_agenda(on)

    def select_round(self, round_id: int | None) -> None:
        """The facilitator picks the round to show (panel, Groepen tab): the latest wins."""
        self.machine.select_round(round_id)

    def current_round(self):
        """The breakout round the picture shows now (None: no rounds yet)."""
        content = self._live_scene().content
        if content is None:
            return None
        item = content.current_item()
        return content.round(self.state.round_id, item.id if item else None)

    def reporting_order(self):
        rnd = self.current_round()
        return rnd.reporting_order() if rnd else ()

    def reporting_group(self):
        order = self.reporting_order()
        return next((g for g in order if g.id == self.state.reporting_group_id), None) or (
            order[0] if order else None
        )

    def step_reporting_group(self, step: int) -> None:
        order = self.reporting_order()
        if not order:
            return
        current = self.reporting_group()
        index = order.index(current) if current in order else 0
        index = max(0, min(len(order) - 1, index + step))
        self.machine.select_reporting_group(order[index].id)

    def handle_key(self, key: int, text: str = "") -> bool:
        """Keys on the projector window (and forwarded from the panel); True when handled."""
        return handle_key(self, key, text)

    # -- the window and the screens (`placement`) -----------------------------------------
    def is_open(self) -> bool:
        return self.placement.is_open()

    def toggle_window(self) -> None:
        self.placement.toggle()

    def open_window(self) -> ProjectorWindow:
        return self.placement.open()

    def close_window(self) -> None:
        self.placement.close()

    def leave_full_screen(self) -> None:
        self.placement.leave_full_screen()

    def go_full_screen(self) -> None:
        self.placement.go_full_screen()

    def use_screen(self, name: str) -> None:
        self.placement.use_screen(name)

    def other_screens(self) -> list[QScreen]:
        return self.placement.other_screens()

    def screens(self) -> list[QScreen]:
        return self.placement.screens()

    def placement_text(self) -> str:
        return self.placement.text()

    def close(self) -> None:
        """SessionServices.close(): the session is closed."""
        self.shutdown()

    def shutdown(self) -> None:
        """The session window closes: close the projector and stop ticking (once)."""
        if self._closed:
            return
        self._closed = True
        self._tick.stop()
        self._reload_timer.stop()
        self.ops.cancel_all()
        with contextlib.suppress(RuntimeError, TypeError):
            self.commands.changed.disconnect(self.on_changes)
        self.placement.shutdown()


def _read(library, session_id: int) -> tuple[ProjectorPrefs, ProjectorContent, str]:
    """Preferences, content and the stored picture in one trip to the DB worker."""
    return (
        load_prefs(library),
        load_projector_content(library, session_id),
        load_session_state(library, session_id),
    )
