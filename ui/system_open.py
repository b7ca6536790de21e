"""Open a file (a PDF verslag, table cards) or a URL with the desktop's default application.

Call `open_path(path)` / `open_url(url)` instead of QDesktopServices directly, and pass
`env=clean_environment()` when running another program with subprocess. In the frozen
app (PyInstaller) the process environment points into the bundle: `LD_LIBRARY_PATH` (set by
the bootloader, the user's own value saved in `LD_LIBRARY_PATH_ORIG`), `QT_PLUGIN_PATH` and
`QML2_IMPORT_PATH` (set by PyInstaller's Qt run-time hook). A PDF viewer started with that
environment loads the app's Qt and libraries instead of its own and crashes or refuses to
start. On Linux the frozen app therefore starts `xdg-open` itself, detached, with the
user's environment restored. Everywhere else QDesktopServices is used as is.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QProcess, QProcessEnvironment, QUrl
from PySide6.QtGui import QDesktopServices

log = logging.getLogger(__name__)

#: Variables PyInstaller points into the bundle (its bootloader saves the user's own value
#: of the library path in <NAME>_ORIG).
BUNDLE_VARIABLES = ("LD_LIBRARY_PATH", "QT_PLUGIN_PATH", "QML2_IMPORT_PATH")


def bundle_dir() -> str | None:
    """The frozen app's folder of libraries (sys._MEIPASS), or None when not frozen."""
    return getattr(sys, "_MEIPASS", None) if getattr(sys, "frozen", False) else None


def _outside(value: str, bundle: str) -> str:
    """`value` (a path list) without the entries inside `bundle`."""
    root = os.path.realpath(bundle)
    kept = [
        entry
        for entry in value.split(os.pathsep)
        if entry
        and not (os.path.realpath(entry) + os.sep).startswith(root + os.sep)
        and os.path.realpath(entry) != root
    ]
    return os.pathsep.join(kept)


def child_environment(
    environ: Mapping[str, str] | None = None, bundle: str | None = None
) -> dict[str, str]:
    """The environment for a program the app starts: the user's, not the bundle's."""
    env = dict(os.environ if environ is None else environ)
    if bundle is None:
        return env
    for name in BUNDLE_VARIABLES:
        original = env.pop(f"{name}_ORIG", None)
        if original is not None:
            env[name] = original
        elif name in env:
            env[name] = _outside(env[name], bundle)
        if not env.get(name):
            env.pop(name, None)
    # A frozen app started from here must set itself up afresh, not inherit our bundle.
    env["PYINSTALLER_RESET_ENVIRONMENT"] = "1"
    return env


def clean_environment() -> dict[str, str]:
    """The environment for any program the app runs (e.g. `subprocess.run(..., env=...)`)."""
    return child_environment(bundle=bundle_dir())


def _start_detached(program: str, arguments: list[str], env: Mapping[str, str]) -> bool:
    process = QProcess()
    process.setProgram(program)
    process.setArguments(arguments)
    q_env = QProcessEnvironment()
    for key, value in env.items():
        q_env.insert(key, value)
    process.setProcessEnvironment(q_env)
    result = process.startDetached()
    started = result[0] if isinstance(result, tuple) else bool(result)
    if not started:
        log.warning("could not start %s %s", program, arguments)
    return started


def open_url(url: QUrl | str) -> bool:
    """Open `url` (file:// or https://) in the user's default application; False on failure."""
    qurl = url if isinstance(url, QUrl) else QUrl(url)
    bundle = bundle_dir()
    if bundle is not None and sys.platform.startswith("linux"):
        opener = shutil.which("xdg-open", path=child_environment(bundle=bundle).get("PATH"))
        if opener:
            target = qurl.toLocalFile() if qurl.isLocalFile() else qurl.toString()
            return _start_detached(opener, [target], child_environment(bundle=bundle))
        log.warning("xdg-open not found; falling back to QDesktopServices")
    return QDesktopServices.openUrl(qurl)


def open_path(path: Path | str) -> bool:
    """Open a local file (e.g. the PDF verslag) with the default application."""
    return open_url(QUrl.fromLocalFile(str(Path(path).resolve())))
