"""Which screen the projector uses, and remembering it (and the theme) in the library.

Screens are plain `ScreenInfo` records here; the UI turns QScreens into them. The choice:
the remembered screen when it is connected and is not the facilitator's; otherwise the
largest other screen; with a single screen, none (the projector becomes a normal window).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop.services.settings import get_setting, set_setting
from workshop.store.library import Library

SCREEN_KEY = "projector.screen"
THEME_KEY = "projector.theme"
PANEL_KEY = "projector.panel"  # the projector panel in the session window: shown or hidden
SESSION_STATE_KEY = "projector.state.{session_id}"  # picture, round, group per session


@dataclass(frozen=True)
class ScreenInfo:
    name: str
    x: int
    y: int
    width: int
    height: int

    @property
    def area(self) -> int:
        return self.width * self.height


@dataclass(frozen=True)
class ProjectorPrefs:
    screen_name: str = ""  # last screen the projector used full screen
    dark: bool = True
    panel_visible: bool = True


def choose_projector_screen(
    screens: Sequence[ScreenInfo], facilitator: str | None, remembered: str = ""
) -> ScreenInfo | None:
    """The screen for a full-screen projector, or None when only the facilitator's exists."""
    others = [s for s in screens if s.name != facilitator]
    if not others or len(screens) < 2:
        return None
    for screen in others:
        if remembered and screen.name == remembered:
            return screen
    return max(others, key=lambda s: (s.area, -screens.index(s)))


def load_prefs(library: Library) -> ProjectorPrefs:
    """The remembered screen, theme (dark unless light was chosen) and panel visibility."""
    return ProjectorPrefs(
        screen_name=get_setting(library, SCREEN_KEY),
        dark=get_setting(library, THEME_KEY) != "light",
        panel_visible=get_setting(library, PANEL_KEY) != "hidden",
    )


def remember_screen(library: Library, name: str) -> None:
    """Store the screen the projector used (a preference, not an undoable edit)."""
    set_setting(library, SCREEN_KEY, name[:200])


def remember_theme(library: Library, dark: bool) -> None:
    set_setting(library, THEME_KEY, "dark" if dark else "light")


def remember_panel(library: Library, visible: bool) -> None:
    """Store whether the facilitator keeps the projector panel open."""
    set_setting(library, PANEL_KEY, "shown" if visible else "hidden")


def load_session_state(library: Library, session_id: int) -> str:
    """The stored picture, round and group of one session (JSON, '' when none)."""
    return get_setting(library, SESSION_STATE_KEY.format(session_id=session_id))


def remember_session_state(library: Library, session_id: int, text: str) -> None:
    """Store what the projector shows for this session (see `ProjectorState.to_json`)."""
    set_setting(library, SESSION_STATE_KEY.format(session_id=session_id), text)
