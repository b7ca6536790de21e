"""What the frozen app leaves out, and the desktop files it gets (used by build.spec).

PyInstaller's Qt hooks collect every plugin of a type a module might use (every platform,
image format, input method, platform theme, the FFmpeg multimedia backend) and every
translation; each plugin then pulls in its own libraries (the GTK theme brings GTK, Pango
and Cairo; the virtual keyboard brings QML and Quick). This module keeps the plugins the app
uses, then drops every shared library that nothing kept still needs (DT_NEEDED closure), so
a plugin's private dependencies leave with it.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
import shutil
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

import elf  # packaging/elf.py

#: Python modules never bundled (not used, or optional extras of libraries we use).
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "PIL._avif",  # AVIF codec (libavif, 5 MB); Pillow reports AVIF as unsupported instead
    "PIL._imagingtk",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.Qt3DCore",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "pygments",  # Mako's optional syntax highlighting
    "IPython",
    "numpy",
    "pytest",
    "_pytest",
    "pytestqt",
    "setuptools",
    "pkg_resources",
    "distutils",
    "lib2to3",
    "pydoc",
    "doctest",
    "xmlrpc",
    "ensurepip",
    "venv",
    "idlelib",
    "turtle",
    "turtledemo",
    "curses",
    "readline",
    # TLS: the app never talks to a network (OpenSSL is 5 MB); asyncio and http.client
    # import it optionally.
    "ssl",
    "_ssl",
    # hashlib falls back to Python's own md5/sha* modules (what ReportLab and SQLAlchemy use)
    "_hashlib",
]

#: Qt plugins kept, per plugin folder; every other plugin is dropped.
KEEP_PLUGINS: dict[str, tuple[str, ...]] = {
    # X11 and Wayland desktops; offscreen for `workshop selftest` and CI
    "platforms": ("libqxcb.so", "libqwayland.so", "libqoffscreen.so"),
    "xcbglintegrations": ("libqxcb-glx-integration.so", "libqxcb-egl-integration.so"),
    "wayland-shell-integration": ("libxdg-shell.so",),
    "wayland-decoration-client": ("libbradient.so", "libadwaita.so"),
    "wayland-graphics-integration-client": ("libqt-plugin-wayland-egl.so",),
    # dead keys and input methods (é, ë, ï in Dutch names)
    "platforminputcontexts": (
        "libcomposeplatforminputcontextplugin.so",
        "libibusplatforminputcontextplugin.so",
    ),
    # native file dialogs through the XDG desktop portal (DBus only; no GTK)
    "platformthemes": ("libqxdgdesktopportal.so",),
    # the SVG app icon and icons; JPEG photo thumbnails; GIF and ICO from users' files
    "iconengines": ("libqsvgicon.so",),
    "imageformats": ("libqsvg.so", "libqjpeg.so", "libqgif.so", "libqico.so"),
    # no "multimedia": the chime is a WAV file that QSoundEffect decodes itself and plays
    # through QtMultimedia's built-in PulseAudio output; the FFmpeg backend (20 MB) is for
    # compressed media and video.
}

#: Qt's translations kept (the app loads qtbase_<lang>; English needs none, but the file
#: is tiny and keeps QTranslator's lookup uniform).
KEEP_QT_TRANSLATIONS = ("qtbase_nl.qm", "qtbase_en.qm")

#: Babel locale data kept: the app formats dates for nl_NL and en_GB (and parses .po files).
KEEP_BABEL_LOCALES = ("root", "nl", "nl_*", "en", "en_001", "en_150", "en_GB", "en_NL", "en_US*")

#: Libraries never bundled even when something kept links them.
#: libpulse: every Linux desktop with sound has it (PulseAudio and PipeWire alike), and a
#: bundled copy cannot find its private libpulsecommon; without it QtMultimedia does not
#: load and the chime stays silent (ui/live/chime.py handles that), nothing else changes.
NEVER_BUNDLE = ("libpulse.so.*", "libpulse-simple.so.*", "libpulsecommon-*.so")


def _plugin_of(dest: str) -> tuple[str, str] | None:
    parts = PurePosixPath(dest).parts
    if "plugins" in parts:
        i = parts.index("plugins")
        if i >= 2 and parts[i - 1] == "Qt" and len(parts) == i + 3:
            return parts[i + 1], parts[i + 2]
    return None


def keep_plugin(dest: str) -> bool:
    plugin = _plugin_of(dest)
    if plugin is None:
        return True
    folder, name = plugin
    return name in KEEP_PLUGINS.get(folder, ())


def _matches(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def _is_library(dest: str, kind: str) -> bool:
    """A shared library collected as somebody's dependency (not a module, plugin or python)."""
    name = PurePosixPath(dest).name
    if kind != "BINARY" or _plugin_of(dest) is not None or name.startswith("libpython"):
        return False
    return re.fullmatch(r"lib.+\.so(\.[\w.-]+)?", name) is not None or ".so." in name


def _symlink_target(dest: str, target: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(dest), target))


def prune_unreachable(binaries: list[tuple[str, str, str]]) -> tuple[list, list]:
    """Drop libraries that no kept module, plugin or library needs, and symlinks to dropped
    files. Returns (kept, dropped)."""
    files = [e for e in binaries if e[2] != "SYMLINK"]
    links = [e for e in binaries if e[2] == "SYMLINK"]
    by_name: dict[str, list[int]] = {}
    needed: list[list[str]] = []
    for i, (dest, src, _kind) in enumerate(files):
        path = Path(src)
        soname, deps = elf.dynamic(path) if elf.is_elf(path) else (None, [])
        needed.append(deps)
        for name in {PurePosixPath(dest).name, soname}:
            if name:
                by_name.setdefault(name, []).append(i)
    reached: set[int] = set()
    todo = [i for i, (dest, _s, kind) in enumerate(files) if not _is_library(dest, kind)]
    while todo:
        i = todo.pop()
        if i in reached:
            continue
        reached.add(i)
        for dep in needed[i]:
            todo.extend(by_name.get(dep, ()))
    kept = [entry for i, entry in enumerate(files) if i in reached]
    dropped = [entry for i, entry in enumerate(files) if i not in reached]
    kept_dests = {dest for dest, _s, _k in kept}
    for link in links:
        dest, target, _kind = link
        if target in kept_dests or _symlink_target(dest, target) in kept_dests:
            kept.append(link)
        else:
            dropped.append(link)
    return kept, dropped


def filter_binaries(binaries: Iterable) -> list[tuple[str, str, str]]:
    entries = [(e[0], e[1], e[2]) for e in binaries]
    out = []
    dropped = []
    for dest, src, kind in entries:
        name = PurePosixPath(dest).name
        if not keep_plugin(dest) or _matches(name, NEVER_BUNDLE):
            dropped.append((dest, src, kind))
        else:
            out.append((dest, src, kind))
    out, unreachable = prune_unreachable(out)
    dropped += unreachable
    report("binaries left out", dropped)
    return out


def keep_data(dest: str) -> bool:
    path = PurePosixPath(dest)
    parts = path.parts
    if len(parts) >= 3 and parts[-2] == "translations" and parts[-3] == "Qt":
        return path.name in KEEP_QT_TRANSLATIONS
    if len(parts) >= 2 and parts[-2] == "locale-data" and parts[0] == "babel":
        return _matches(path.stem, KEEP_BABEL_LOCALES)
    # the .po files stay out: the app reads the compiled LC_MESSAGES/workshop.mo
    return not (parts[:2] == ("resources", "translations") and path.suffix == ".po")


def filter_datas(datas: Iterable) -> list[tuple[str, str, str]]:
    entries = [(e[0], e[1], e[2]) for e in datas]
    out = [e for e in entries if keep_data(e[0])]
    report("data files left out", [e for e in entries if not keep_data(e[0])])
    return out


def drop_dangling_symlinks(binaries: list, datas: list) -> tuple[list, list]:
    """PyInstaller records the links it preserves (libQt6Core.so.6 -> PySide6/Qt/lib/...) as
    SYMLINK entries among the data files; drop those whose target was left out."""
    binaries = [(e[0], e[1], e[2]) for e in binaries]
    datas = [(e[0], e[1], e[2]) for e in datas]
    files = {dest for dest, _s, kind in binaries + datas if kind != "SYMLINK"}
    links = {
        dest: _symlink_target(dest, src)
        for dest, src, kind in binaries + datas
        if kind == "SYMLINK"
    }
    valid: set[str] = set()
    changed = True
    while changed:  # a link may point at another link
        changed = False
        for dest, target in links.items():
            if dest not in valid and (target in files or target in valid):
                valid.add(dest)
                changed = True
    dropped = [e for e in binaries + datas if e[2] == "SYMLINK" and e[0] not in valid]
    print(f"bundle_filter: symbolic links to left-out files: {len(dropped)}")

    def keep(entry: tuple[str, str, str]) -> bool:
        return entry[2] != "SYMLINK" or entry[0] in valid

    return [e for e in binaries if keep(e)], [e for e in datas if keep(e)]


def report(title: str, entries: list[tuple[str, str, str]]) -> None:
    total = sum(Path(src).stat().st_size for _d, src, _k in entries if Path(src).is_file())
    print(f"bundle_filter: {title}: {len(entries)} files, {total / 2**20:.1f} MiB")


# -- desktop integration -----------------------------------------------------------------------
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def desktop_entry(template: str, version: str) -> str:
    return template.replace("@VERSION@", version)


def write_desktop_integration(root: Path, app_dir: Path, version: str) -> None:
    """Next to the executable: the .desktop file (with the version), the icons in the
    freedesktop layout, the install script and a VERSION file."""
    template = (root / "packaging" / "workshop.desktop").read_text(encoding="utf-8")
    share = app_dir / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "applications" / "workshop.desktop").write_text(
        desktop_entry(template, version), encoding="utf-8"
    )
    icons = root / "resources" / "icons"
    for size in ICON_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(icons / f"workshop-{size}.png", target / "workshop.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(icons / "workshop.svg", scalable / "workshop.svg")
    shutil.copy2(root / "packaging" / "install-desktop.sh", app_dir / "install-desktop.sh")
    (app_dir / "install-desktop.sh").chmod(0o755)
    (app_dir / "VERSION").write_text(version + "\n", encoding="utf-8")
