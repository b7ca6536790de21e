"""Where this machine keeps its windows: size, place and docked panels (issue 15).

A laptop's screen and its user's habits, not the library's: kept in this machine's local
settings (workshop/local_settings.py), never in a library other laptops share.
"""

from __future__ import annotations

import base64
import binascii
import logging

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow

from workshop import local_settings

log = logging.getLogger(__name__)

GEOMETRY_KEY = "window.{name}.geometry"
STATE_KEY = "window.{name}.state"


def _encode(data: QByteArray) -> str:
    return base64.b64encode(bytes(data.data())).decode("ascii")


def _decode(text: str) -> QByteArray | None:
    try:
        return QByteArray(base64.b64decode(text.encode("ascii"), validate=True))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None


def remember(window: QMainWindow, name: str) -> None:
    """Store the window's size, place and docks for the next time (on closing)."""
    try:
        local_settings.put(GEOMETRY_KEY.format(name=name), _encode(window.saveGeometry()))
        local_settings.put(STATE_KEY.format(name=name), _encode(window.saveState()))
    except OSError as error:  # a read-only config folder costs only the layout
        log.warning("window layout not kept: %s", error)


def restore_geometry(window: QMainWindow, name: str) -> bool:
    """Size and place as this machine left them; False when nothing (usable) was kept."""
    data = _decode(local_settings.get(GEOMETRY_KEY.format(name=name)))
    return bool(data) and window.restoreGeometry(data)


def restore_state(window: QMainWindow, name: str) -> bool:
    """Docked panels as this machine left them (call once the docks exist)."""
    data = _decode(local_settings.get(STATE_KEY.format(name=name)))
    return bool(data) and window.restoreState(data)
