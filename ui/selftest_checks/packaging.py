"""Packaging: what the app needs at run time is really there, installed or frozen.

In the frozen app (dist/workshop) this is the check that the bundle carries its resources,
Qt plugins and translations, the Alembic scripts on disk, working (trimmed) ICU data, and
multiprocessing's freeze support; and that nothing is loaded from outside the bundle.
"""

from __future__ import annotations

import asyncio
import ctypes.util
import multiprocessing
import re
import sys
from pathlib import Path

from workshop.paths import resource

REQUIRED_RESOURCES = (
    ("fonts", "NotoSans-Regular.ttf"),
    ("fonts", "DejaVuSans.ttf"),
    ("fonts", "DejaVuSans-Bold.ttf"),
    ("icons", "workshop.svg"),
    ("icons", "workshop-16.png"),
    ("icons", "workshop-256.png"),
    ("demo", "transitiegesprek.json"),
    ("sounds", "chime.wav"),
    ("qt", "offscreen-two-screens.json"),
)


def _square(n: int) -> int:
    """Run in a spawned child process (module level, so the child can import it)."""
    return n * n


def _spawn_round_trip() -> int:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply_async(_square, (7,)).get(timeout=60)


def check_resources() -> None:
    for parts in REQUIRED_RESOURCES:
        assert resource(*parts).is_file(), f"resource missing: {'/'.join(parts)}"
    from workshop.i18n import mo_path, translator

    if getattr(sys, "frozen", False):  # the bundle carries the compiled catalog, not the .po
        assert mo_path(resource("translations", "nl")).is_file(), "no compiled Dutch catalog"
    assert translator("nl")("Participants") == "Deelnemers", "the Dutch translations do not load"


def check_qt_runtime() -> None:
    from PySide6.QtCore import QCollator, QLibraryInfo, QLocale, QTranslator
    from PySide6.QtGui import QIcon, QImageReader

    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    for needed in ("png", "jpeg", "svg"):
        assert needed in formats, f"Qt cannot read {needed} images (plugin missing)"
    icon = QIcon(str(resource("icons", "workshop.svg")))
    assert not icon.pixmap(32, 32).isNull(), "the SVG app icon does not render"
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert QTranslator().load("qtbase_nl", translations), "Qt's Dutch translation is missing"
    collator = QCollator(QLocale("nl_NL"))
    words = ["zeef", "Émile", "Zee", "ijs", "appel"]
    assert sorted(words, key=collator.sortKey) == ["appel", "Émile", "ijs", "Zee", "zeef"], (
        "Dutch sorting (ICU collation data) is wrong"
    )


def check_pdf_preview(tmp: Path) -> None:
    """QtPdf renders a page (the Verslag page's preview; kept in the frozen app)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QPainter, QPdfWriter
    from PySide6.QtPdf import QPdfDocument

    target = tmp / "packaging-preview.pdf"
    writer = QPdfWriter(str(target))
    painter = QPainter(writer)
    painter.drawText(200, 200, "Workshop")
    painter.end()
    doc = QPdfDocument()
    assert doc.load(str(target)) == QPdfDocument.Error.None_, "QtPdf cannot read a PDF"
    image = doc.render(0, QSize(120, 170))
    doc.close()
    assert not image.isNull(), "QtPdf did not render the page"


def check_migrations_on_disk(library) -> None:
    from workshop.store import migrate
    from workshop.store.schema_version import HEAD

    versions = migrate.MIGRATIONS_DIR / "versions"
    revisions = {
        m.group(1)
        for script in versions.glob("*.py")
        if (m := re.search(r'^revision = "([^"]+)"', script.read_text("utf-8"), re.M))
    }
    assert HEAD in revisions, f"the Alembic script for {HEAD} is not in {versions}"
    assert (migrate.MIGRATIONS_DIR / "env.py").is_file(), "Alembic's env.py is missing"
    assert migrate.current_revision(library.engine) == HEAD, "the library was not migrated"


def check_frozen_self_contained() -> None:
    bundle = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or bundle is None:
        return
    roots = (Path(bundle).resolve(), Path(sys.executable).resolve().parent)
    outside = []
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if not path or not Path(path).is_absolute():
            continue  # built-in, or embedded in a binary (PySide6's signature support)
        if not any(Path(path).resolve().is_relative_to(root) for root in roots):
            outside.append(f"{name} ({path})")
    assert not outside, f"modules loaded from outside the app: {', '.join(sorted(outside)[:5])}"


async def check_chime_loads() -> str | None:
    """With an audio output, the chime WAV must load without the FFmpeg backend (left out of
    the frozen app). Returns why it was not checked, or None."""
    try:
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
    except ImportError as err:
        if ctypes.util.find_library("pulse"):
            raise AssertionError(
                f"QtMultimedia does not load although libpulse is here: {err}"
            ) from err
        return "no libpulse: the chime stays silent"
    if not QMediaDevices.audioOutputs():
        return "no audio output"
    effect = QSoundEffect()
    effect.setSource(QUrl.fromLocalFile(str(resource("sounds", "chime.wav"))))
    waiting = (QSoundEffect.Status.Null, QSoundEffect.Status.Loading)
    for _ in range(100):
        if effect.status() not in waiting:
            break
        await asyncio.sleep(0.05)
    assert effect.status() == QSoundEffect.Status.Ready, (
        f"the chime did not load: {effect.status()}"
    )
    return None


async def check_bundle(ctx) -> None:
    check_resources()
    check_qt_runtime()
    check_pdf_preview(ctx.tmp)
    check_migrations_on_disk(ctx.library)
    check_frozen_self_contained()
    loop = asyncio.get_running_loop()
    result = await asyncio.wait_for(loop.run_in_executor(None, _spawn_round_trip), 90)
    assert result == 49, "a spawned worker process gave the wrong answer"
    skipped = await check_chime_loads()
    if skipped:
        print(f"      (chime not checked: {skipped})")
