"""Library-wide settings (language, projector screen, chime muted ...)."""

from __future__ import annotations

from workshop.model import Setting
from workshop.store.library import Library


def get_setting(library: Library, key: str, default: str = "") -> str:
    with library.read() as db:
        row = db.get(Setting, key)
        return row.value if row is not None else default


def set_setting(library: Library, key: str, value: str) -> None:
    with library.unit_of_work() as db:
        row = db.get(Setting, key)
        if row is None:
            db.add(Setting(key=key, value=value))
        else:
            row.value = value
