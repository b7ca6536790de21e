"""Which screen the projector uses, and remembering it (and the theme) on this machine.

Screens are plain `ScreenInfo` records here; the UI turns QScreens into them. The choice:
the remembered screen when it is connected and is not the facilitator's; otherwise the
largest other screen; with a single screen, none (the projector becomes a normal window).

Screen, theme and panel are this laptop's (workshop/local_settings.py), not the shared
library's; what the projector shows per session stays in the library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop import local_settings
from workshop.store.library import Library
from workshop.store.settings import get_setting, set_setting

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
        screen_name=local_settings.get(SCREEN_KEY, fallback_library=library),
        dark=local_settings.get(THEME_KEY, fallback_library=library) != "light",
        panel_visible=local_settings.get(PANEL_KEY, fallback_library=library) != "hidden",
    )


def remember_screen(library: Library, name: str) -> None:
    """Store the screen the projector used (a preference, not an undoable edit)."""
    local_settings.put(SCREEN_KEY, name[:200])


def remember_theme(library: Library, dark: bool) -> None:
    local_settings.put(THEME_KEY, "dark" if dark else "light")


def remember_panel(library: Library, visible: bool) -> None:
    """Store whether the facilitator keeps the projector panel open."""
    local_settings.put(PANEL_KEY, "shown" if visible else "hidden")


def load_session_state(library: Library, session_id: int) -> str:
    """The stored picture, round and group of one session (JSON, '' when none)."""
    return get_setting(library, SESSION_STATE_KEY.format(session_id=session_id))


def remember_session_state(library: Library, session_id: int, text: str) -> None:
    """Store what the projector shows for this session (see `ProjectorState.to_json`)."""
    set_setting(library, SESSION_STATE_KEY.format(session_id=session_id), text)
