"""Where the projector window goes: full screen on the projector's screen when there is
one (the remembered one, else the best other screen), a normal window to drag otherwise;
it follows screens plugged in and out."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen

from ui.projector.window import ProjectorWindow
from ui.widgets.alive import alive
from workshop.i18n import _
from workshop.projector.screens import ScreenInfo, choose_projector_screen, remember_screen

if TYPE_CHECKING:
    from ui.projector.controller import ProjectorController


class WindowPlacement(QObject):
    """The projector window of one controller and the screen it is on."""

    def __init__(self, controller: ProjectorController) -> None:
        super().__init__(controller)
        self._controller = controller
        self.window: ProjectorWindow | None = None
        self._gone: set[str] = set()  # screens announced removed
        self._user_windowed = False  # Esc pressed: stay a window until asked otherwise
        app = QGuiApplication.instance()
        app.screenAdded.connect(self.screen_added)
        app.screenRemoved.connect(self.screen_removed)

    def _changed(self) -> None:
        self._controller.placement_changed.emit()

    def is_open(self) -> bool:
        return self.window is not None and self.window.isVisible()

    def toggle(self) -> None:
        if self.is_open():
            self.close()
        else:
            self.open()

    def open(self) -> ProjectorWindow:
        if self.window is None:
            self.window = ProjectorWindow(self._controller)
            self.window.closed.connect(self._changed)
        self._user_windowed = False
        self.place()
        return self.window

    def close(self) -> None:
        if self.window is not None:
            self.window.hide()
        self._changed()

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
            self.open()
            return
        self._user_windowed = False
        current = self.window.screen()
        if current is not None and current.name() != self._facilitator_name():
            self._full_screen_on(current)
        else:
            self.place()

    def use_screen(self, name: str) -> None:
        """The facilitator picks the projector's screen ('' = automatic); remembered."""
        self._remember(name)
        if self.is_open():
            self._user_windowed = False
            self.place()
        self._changed()

    def _remember(self, name: str) -> None:
        controller = self._controller
        controller.prefs = replace(controller.prefs, screen_name=name)
        controller.write(remember_screen, name)

    def other_screens(self) -> list[QScreen]:
        """Screens the projector may use (all but the facilitator's)."""
        facilitator = self._facilitator_name()
        return [s for s in self.screens() if s.name() != facilitator]

    def screens(self) -> list[QScreen]:
        """Connected screens (minus those announced removed but not yet deleted)."""
        return [s for s in QGuiApplication.screens() if s.name() not in self._gone]

    def _facilitator_name(self) -> str | None:
        widget = self._controller.facilitator_window()
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
        preferred = self._controller.prefs.screen_name
        target = choose_projector_screen(infos, self._facilitator_name(), preferred)
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
        if name != self._controller.prefs.screen_name:
            self._remember(name)
        self._controller.repaint(force=True)
        self._changed()

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
        self._controller.repaint(force=True)
        self._changed()

    def screen_added(self, screen: QScreen) -> None:
        """A screen was plugged in: a projector that fell back to a window returns to it."""
        self._gone.discard(screen.name())
        if self.is_open() and not self._user_windowed and not self.window.isFullScreen():
            self.place()
        self._changed()

    def screen_removed(self, screen: QScreen) -> None:
        """A screen was unplugged: a projector on it becomes a window on what remains."""
        name = screen.name()
        self._gone.add(name)
        if self.window is not None:
            current = self.window.screen()
            on_it = current is screen or (current is not None and current.name() == name)
            if self.is_open() and on_it:
                self.place()
        self._changed()

    def text(self) -> str:
        if not self.is_open():
            return _("Projector closed (F5 opens it)")
        screen = self.window.screen()
        name = screen.name() if screen is not None else "?"
        if self.window.isFullScreen():
            return _("Full screen on {screen}").format(screen=name)
        return _("Window on {screen}").format(screen=name)

    def shutdown(self) -> None:
        """The session closed: no more screen events, and the window goes."""
        app = QGuiApplication.instance()
        for signal, slot in (
            (app.screenAdded, self.screen_added),
            (app.screenRemoved, self.screen_removed),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
