"""The projector's keys, on its window and forwarded from the panel: F5 the window, Esc out
of full screen, B/. black, F freeze, T theme, N notes, 1-5 the pictures, arrows and page
keys the group that reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from workshop.projector.state import Mode

if TYPE_CHECKING:
    from ui.projector.controller import ProjectorController

MODE_KEYS = {
    Qt.Key.Key_1: Mode.WELCOME,
    Qt.Key.Key_2: Mode.AGENDA_ITEM,
    Qt.Key.Key_3: Mode.PROGRAMME,
    Qt.Key.Key_4: Mode.BREAKOUT,
    Qt.Key.Key_5: Mode.REPORTING,
}


def handle_key(controller: ProjectorController, key: int, text: str = "") -> bool:
    """Keys on the projector window (and forwarded from the panel); True when handled."""
    letter = text.lower()
    if key == Qt.Key.Key_F5:
        controller.toggle_window()
    elif key == Qt.Key.Key_Escape:
        controller.leave_full_screen()
    elif letter in ("b", "."):
        controller.toggle_blackout()
    elif letter == "f":
        controller.toggle_freeze()
    elif letter == "t":
        controller.set_dark(not controller.state.dark)
    elif letter == "n":
        controller.set_show_notes(not controller.state.show_notes)
    elif key in MODE_KEYS:
        controller.show_mode(MODE_KEYS[key])
    elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Down):
        controller.step_reporting_group(1)
    elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Up):
        controller.step_reporting_group(-1)
    else:
        return False
    return True
