"""PySide6 user interface. `ui.app` is the one composition root."""

from ui.none_refcount import protect_none

protect_none()  # before any Qt call: see ui/none_refcount.py
