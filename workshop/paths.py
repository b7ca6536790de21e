"""Where the app finds its shipped resources and keeps the user's library."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from workshop import APP_ID


def resources_dir() -> Path:
    """The `resources/` folder: next to the frozen executable or at the repository root."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_dir(kind: str) -> Path:
    """The user's `kind` ("data", "cache" or "config") folder for the app, as platformdirs gives it.

    On Linux the XDG rule is applied here (platformdirs costs ~17 ms of CPU to import, a
    tenth of the first frame); elsewhere platformdirs decides.
    """
    if sys.platform.startswith("linux"):
        variable, fallback = {
            "data": ("XDG_DATA_HOME", "~/.local/share"),
            "cache": ("XDG_CACHE_HOME", "~/.cache"),
            "config": ("XDG_CONFIG_HOME", "~/.config"),
        }[kind]
        base = os.environ.get(variable, "")
        if not base.strip():
            base = os.path.expanduser(fallback)
        return Path(base) / APP_ID
    import platformdirs

    get = {
        "data": platformdirs.user_data_path,
        "cache": platformdirs.user_cache_path,
        "config": platformdirs.user_config_path,
    }[kind]
    return get(APP_ID, appauthor=False)


def data_dir() -> Path:
    """The user's data directory (created on demand)."""
    override = os.environ.get("WORKSHOP_DATA_DIR")
    path = Path(override) if override else user_dir("data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    """`WORKSHOP_DB` when set, otherwise `library.sqlite` in the user's data directory."""
    env = os.environ.get("WORKSHOP_DB")
    if env:
        return env
    return f"sqlite:///{data_dir() / 'library.sqlite'}"


def error_log_path() -> Path:
    """`errors.log` in the data folder: tracebacks of unexpected errors (for a bug report)."""
    return data_dir() / "errors.log"
