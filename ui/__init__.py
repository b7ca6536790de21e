"""PySide6 user interface. `ui.app` is the one composition root."""
