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

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from ui.projector.scene import Scene
from ui.projector.window import ProjectorWindow
from ui.widgets.alive import alive
from workshop.clock import Clock
from workshop.commands import Changes
from workshop.i18n import _
from workshop.projector.content import ProjectorContent, load_projector_content
from workshop.projector.screens import (
    ProjectorPrefs,
    ScreenInfo,
    choose_projector_screen,
    load_prefs,
    load_session_state,
    remember_panel,
    remember_screen,
    remember_session_state,
    remember_theme,
)
from workshop.projector.state import Mode, ProjectorState, ProjectorStateMachine
from workshop.room.picture import RoomPicture
from workshop.timing.engine import RunStatus
from workshop.timing.reading import TimerReading

log = logging.getLogger(__name__)

ReadingSource = Callable[[], TimerReading | None]
MODE_KEYS = {
    Qt.Key.Key_1: Mode.WELCOME,
    Qt.Key.Key_2: Mode.AGENDA_ITEM,
    Qt.Key.Key_3: Mode.PROGRAMME,
    Qt.Key.Key_4: Mode.BREAKOUT,
    Qt.Key.Key_5: Mode.REPORTING,
}
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
        self.window: ProjectorWindow | None = None
        self.error = ""  # last loading problem, shown in the panel
        self._frozen_scene: Scene | None = None
        self._last_scene: Scene | None = None
        self._paging_since = clock.monotonic()
        self._gone: set[str] = set()  # screens announced removed
        self._user_windowed = False  # Esc pressed: stay a window until asked otherwise
        self._tasks: set[asyncio.Task] = set()
        self._writes: set = set()  # concurrent futures of preference writes
        self._closed = False
        self._reload_timer = QTimer(self, singleShot=True, interval=120)
        self._reload_timer.timeout.connect(self._spawn_reload)
        self._tick = QTimer(self, interval=TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        commands.changed.connect(self.on_changes)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self.screen_added)
        app.screenRemoved.connect(self.screen_removed)
        self.live = live
        self.capture = capture
        self._live_item_id: int | None = None
        self._live_step: tuple[int | None, int | None] | None = None  # (item, step) seen
        self._restored = False  # the stored picture of this session was read
        self._stored_json = ""  # what was last stored (write only real changes)
        self._attach_live(live)
        self._attach_capture(capture)
        self._spawn(self.load())

    # -- the timing engine and the reporting queue ----------------------------------------
    def _attach_live(self, live) -> None:
        if live is None:
            return
        self.timer_source = live.reading
        live.reading_changed.connect(lambda _reading: self._repaint())
        live.state_changed.connect(self._on_live_state)
        ensure = getattr(live, "ensure_loaded", None)
        if callable(ensure):
            ensure()

    def _on_live_state(self) -> None:
        engine = getattr(self.live, "engine", None)
        current = getattr(engine, "current", None) if engine is not None else None
        self._live_item_id = current.id if current is not None else None
        if getattr(engine, "status", None) == RunStatus.IDLE:
            # not started: no item runs yet, so Space on the first item is a real move
            # (the welcome gives way to it) and not a first sight of that item
            self.machine.item_changed(None, None)
        elif current is not None:
            self.machine.item_changed(current.id, current.kind)
        self._follow_step(engine, current)
        self._repaint(force=True)

    def _follow_step(self, engine, current) -> None:
        """A Live step that runs a round ("Ronde 2") shows that round, once per step change:
        a round the facilitator picks afterwards (panel, Groepen tab) stays until the next."""
        steps = engine.steps() if engine is not None and hasattr(engine, "steps") else None
        seen = (current.id if current is not None else None, steps.index if steps else None)
        first = self._live_step is None
        if seen == self._live_step:
            return
        self._live_step = seen
        if first or steps is None or current is None or self.content is None:
            return
        rnd = self.content.round_for_step(current.id, steps.index, steps.titles)
        if rnd is not None:
            self.machine.select_round(rnd.id)

    def _attach_capture(self, capture) -> None:
        if capture is None:
            return
        self.speaking_source = capture.reading
        capture.tick.connect(lambda _reading: self._repaint())
        capture.speaker_changed.connect(self._on_speaker)

    def _on_speaker(self, target) -> None:
        """F8 gave the floor to a breakout group or a pitch (a capture.queue.Target): the
        picture and the panel follow it (and the round a group sits in, when another round
        was shown)."""
        if target is not None and target.group_id is not None:
            self.select_floor(target.group_id)
        elif target is not None and target.entry_id is not None:
            self.machine.select_reporting_group(target.entry_id)
            if self.state.follow_agenda and self.state.mode != Mode.REPORTING:
                self.machine.show(Mode.REPORTING)
        self._repaint(force=True)

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
        target = self.capture.current_key if self.capture is not None else None
        if target is None:
            return None
        return target.group_id if target.group_id is not None else target.entry_id

    # -- loading --------------------------------------------------------------------------
    async def load(self) -> None:
        """Read the preferences and the content (on the DB worker)."""
        try:
            prefs, content, stored = await self.db.call(_read, self.session_id)
        except Exception as err:  # noqa: BLE001 - shown in the panel, the picture stays
            log.exception("projector content")
            if not alive(self):
                return
            self.error = _("The projector could not read the session: {error}").format(error=err)
            self.changed.emit()
            return
        if not alive(self):
            return
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
        self._repaint(force=True)

    def on_changes(self, changes: Changes) -> None:
        if changes.for_session(self.session_id):
            self._reload_timer.start()

    def _spawn_reload(self) -> None:
        self._spawn(self.load())

    def _spawn(self, coro) -> asyncio.Task | None:
        try:
            task = asyncio.ensure_future(coro)
        except RuntimeError:  # no running loop (shutting down)
            coro.close()
            return None
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _write(self, fn, *args) -> None:
        """A preference write on the DB worker, fire and forget (it needs no event loop)."""
        future = self.db.submit(fn, *args)
        self._writes.add(future)
        future.add_done_callback(self._write_done)

    def _write_done(self, future) -> None:
        self._writes.discard(future)
        if future.exception() is not None:
            log.warning("projector preference not stored: %s", future.exception())

    async def wait_idle(self) -> None:
        """Tests: until every load and preference write has landed."""
        while self._tasks or self._writes or self._reload_timer.isActive():
            await asyncio.sleep(0.02)

    # -- the picture ----------------------------------------------------------------------
    @property
    def state(self) -> ProjectorState:
        return self.machine.state

    def _live_scene(self, state: ProjectorState | None = None) -> Scene:
        visible = state or self.machine.visible
        elapsed = self.clock.monotonic() - self._paging_since
        content = self.content
        if content is not None and (
            self._live_item_id is not None or getattr(self.live, "engine", None) is not None
        ):  # the engine knows (a fresh run after a rehearsal: none yet, the first item)
            content = replace(content, current_item_id=self._live_item_id)
        return Scene(
            state=visible,
            content=content,
            item_reading=self.timer_source() if self.timer_source else None,
            speaking_reading=self.speaking_source() if self.speaking_source else None,
            now=self.clock.now().replace(second=0, microsecond=0),
            paging_seconds=float(int(elapsed)),
            expected_starts=self._expected_starts(),
            room=self.room_source() if self.room_source else None,
        )

    def _expected_starts(self) -> tuple:
        """Expected starts at the current pace, from the engine the Live strip reads (whole
        minutes, so the picture changes once a minute, not every tick)."""
        engine = getattr(self.live, "engine", None)
        standing = getattr(engine, "standing", None)
        if not callable(standing):
            return ()
        try:
            slots = standing().slots
        except Exception:  # noqa: BLE001 - a forecast problem must not blank the projector
            log.exception("projector forecast")
            return ()
        return tuple((s.item_id, s.start.replace(second=0, microsecond=0)) for s in slots)

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
        self._repaint(force=True)

    def _remember_state(self, state: ProjectorState) -> None:
        """Store the picture, round and group, so reopening the session resumes them
        (only after the stored one was read: a fresh controller must not overwrite it)."""
        if not self._restored or self._closed:
            return
        text = state.to_json()
        if text != self._stored_json:
            self._stored_json = text
            self._write(remember_session_state, self.session_id, text)

    def refresh_room(self) -> None:
        """The room's part changed (server on/off, votes): draw again."""
        self._repaint(force=True)

    def _on_tick(self) -> None:
        self._repaint()

    def _repaint(self, force: bool = False) -> None:
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
        self._write(remember_theme, dark)

    def remember_panel(self, visible: bool) -> None:
        """The facilitator showed or hid the projector panel (kept for the next session)."""
        self.prefs = replace(self.prefs, panel_visible=visible)
        self._write(remember_panel, visible)

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
        letter = text.lower()
        if key == Qt.Key.Key_F5:
            self.toggle_window()
        elif key == Qt.Key.Key_Escape:
            self.leave_full_screen()
        elif letter in ("b", "."):
            self.toggle_blackout()
        elif letter == "f":
            self.toggle_freeze()
        elif letter == "t":
            self.set_dark(not self.state.dark)
        elif letter == "n":
            self.set_show_notes(not self.state.show_notes)
        elif key in MODE_KEYS:
            self.show_mode(MODE_KEYS[key])
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Down):
            self.step_reporting_group(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up):
            self.step_reporting_group(-1)
        else:
            return False
        return True

    # -- the window and the screens -------------------------------------------------------
    def is_open(self) -> bool:
        return self.window is not None and self.window.isVisible()

    def toggle_window(self) -> None:
        if self.is_open():
            self.close_window()
        else:
            self.open_window()

    def open_window(self) -> ProjectorWindow:
        if self.window is None:
            self.window = ProjectorWindow(self)
            self.window.closed.connect(self._window_closed)
        self._user_windowed = False
        self.place()
        return self.window

    def close_window(self) -> None:
        if self.window is not None:
            self.window.hide()
        self.placement_changed.emit()

    def _window_closed(self) -> None:
        self.placement_changed.emit()

    def leave_full_screen(self) -> None:
        """Esc: a normal window on the same screen, to be dragged; F5 or the panel go back."""
        if self.window is None or not self.window.isFullScreen():
            return
        self._user_windowed = True
        self._show_windowed(self.window.screen())

    def go_full_screen(self) -> None:
        """Full screen on the screen the window is on now (when that is not the facilitator's),
        else on the best other screen; that screen is remembered."""
        if self.window is None:
            self.open_window()
            return
        self._user_windowed = False
        current = self.window.screen()
        if current is not None and current.name() != self._facilitator_name():
            self._full_screen_on(current)
        else:
            self.place()

    def use_screen(self, name: str) -> None:
        """The facilitator picks the projector's screen ('' = automatic); remembered."""
        self.prefs = replace(self.prefs, screen_name=name)
        self._write(remember_screen, name)
        if self.is_open():
            self._user_windowed = False
            self.place()
        self.placement_changed.emit()

    def other_screens(self) -> list[QScreen]:
        """Screens the projector may use (all but the facilitator's)."""
        facilitator = self._facilitator_name()
        return [s for s in self.screens() if s.name() != facilitator]

    def screens(self) -> list[QScreen]:
        """Connected screens (minus those announced removed but not yet deleted)."""
        return [s for s in QGuiApplication.screens() if s.name() not in self._gone]

    def _facilitator_name(self) -> str | None:
        widget = self.facilitator_window()
        screen = widget.screen() if widget is not None and alive(widget) else None
        if screen is None or screen.name() in self._gone:
            primary = QGuiApplication.primaryScreen()
            screens = self.screens()
            screen = primary if primary in screens else (screens[0] if screens else None)
        return screen.name() if screen is not None else None

    def place(self) -> None:
        """Full screen on the projector screen when there is one, else a normal window."""
        if self.window is None:
            return
        screens = self.screens()
        infos = [
            ScreenInfo(
                s.name(),
                s.geometry().x(),
                s.geometry().y(),
                s.geometry().width(),
                s.geometry().height(),
            )
            for s in screens
        ]
        target = choose_projector_screen(infos, self._facilitator_name(), self.prefs.screen_name)
        if target is not None and not self._user_windowed:
            screen = next(s for s in screens if s.name() == target.name)
            self._full_screen_on(screen)
        else:
            facilitator = self._facilitator_name()
            screen = next((s for s in screens if s.name() == facilitator), None)
            self._show_windowed(screen)

    def _full_screen_on(self, screen: QScreen) -> None:
        window = self.window
        assert window is not None
        # setScreen before showFullScreen, and the geometry explicitly: some systems put
        # a full-screen window on the wrong monitor otherwise.
        window.setScreen(screen)
        window.setGeometry(screen.geometry())
        window.showFullScreen()
        window.setCursor(Qt.CursorShape.BlankCursor)
        name = screen.name()
        if name != self.prefs.screen_name:
            self.prefs = replace(self.prefs, screen_name=name)
            self._write(remember_screen, name)
        self._repaint(force=True)
        self.placement_changed.emit()

    def _show_windowed(self, screen: QScreen | None) -> None:
        window = self.window
        assert window is not None
        if window.isFullScreen():
            window.showNormal()
        if screen is not None:
            window.setScreen(screen)
            area = screen.availableGeometry()
            w = max(480, int(area.width() * 0.55))
            h = int(w * 9 / 16)
            window.setGeometry(
                QRect(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2, w, h)
            )
        window.setCursor(Qt.CursorShape.ArrowCursor)
        window.show()
        self._repaint(force=True)
        self.placement_changed.emit()

    def screen_added(self, screen: QScreen) -> None:
        """A screen was plugged in: a projector that fell back to a window returns to it."""
        self._gone.discard(screen.name())
        if self.is_open() and not self._user_windowed and not self.window.isFullScreen():
            self.place()
        self.placement_changed.emit()

    def screen_removed(self, screen: QScreen) -> None:
        """A screen was unplugged: a projector on it becomes a window on what remains."""
        name = screen.name()
        self._gone.add(name)
        if self.window is not None:
            current = self.window.screen()
            on_it = current is screen or (current is not None and current.name() == name)
            if self.is_open() and on_it:
                self.place()
        self.placement_changed.emit()

    def placement_text(self) -> str:
        if not self.is_open():
            return _("Projector closed (F5 opens it)")
        screen = self.window.screen()
        name = screen.name() if screen is not None else "?"
        if self.window.isFullScreen():
            return _("Full screen on {screen}").format(screen=name)
        return _("Window on {screen}").format(screen=name)

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
        app = QGuiApplication.instance()
        for signal, slot in (
            (app.screenAdded, self.screen_added),
            (app.screenRemoved, self.screen_removed),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        with contextlib.suppress(RuntimeError, TypeError):
            self.commands.changed.disconnect(self.on_changes)
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None


def _read(library, session_id: int) -> tuple[ProjectorPrefs, ProjectorContent, str]:
    """Preferences, content and the stored picture in one trip to the DB worker."""
    return (
        load_prefs(library),
        load_projector_content(library, session_id),
        load_session_state(library, session_id),
    )
