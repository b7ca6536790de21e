"""Settings that belong to this machine, not to the (possibly shared) library.

Which screen is the projector, the projector theme and panel: a laptop's hardware and its
user's taste. With a team library on a server, storing them there would make every laptop
overwrite the others'. They live in one small JSON file in the user's config folder
(`$WORKSHOP_LOCAL_SETTINGS` names another file; the tests use that).

A key not yet in the file is read once from the library's old `settings` row and copied
here (`get(key, fallback_library=...)`), so an existing user keeps their choice.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from workshop.atomic import write_text_atomic
from workshop.paths import user_dir

if TYPE_CHECKING:
    from workshop.store.library import Library

log = logging.getLogger(__name__)
_lock = threading.Lock()

#: the library this machine opens (the Bibliotheek dialog; --db and $WORKSHOP_DB go first)
LIBRARY_KEY = "library.url"


def settings_path() -> Path:
    override = os.environ.get("WORKSHOP_LOCAL_SETTINGS", "")
    return Path(override) if override.strip() else user_dir("config") / "local-settings.json"


def _read(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:  # damaged: start afresh rather than fail
        log.warning("local settings %s unreadable (%s); using defaults", path, error)
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def get(key: str, default: str = "", fallback_library: Library | None = None) -> str:
    """This machine's value for `key`; else the library's old value (copied here), else default."""
    with _lock:
        values = _read(settings_path())
    if key in values:
        return values[key]
    if fallback_library is not None:
        from workshop.store.settings import get_setting

        old = get_setting(fallback_library, key, "")
        if old:
            put(key, old)
            return old
    return default


def put(key: str, value: str) -> None:
    """Store `value` for `key` on this machine (the whole file rewritten atomically)."""
    with _lock:
        path = settings_path()
        values = _read(path)
        if values.get(key) == value:
            return
        values[key] = value
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, json.dumps(values, ensure_ascii=False, indent=1, sort_keys=True))
