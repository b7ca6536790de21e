"""Render the app icon (resources/icons/workshop.svg) to the PNG sizes desktops need.

    QT_QPA_PLATFORM=offscreen python tools/render_icons.py [--sheet out.png]

Writes resources/icons/workshop-<size>.png for 16, 32, 48, 64, 128, 256 and 512 px (the
freedesktop hicolor sizes), and for the Windows and macOS builds packaging/icons/workshop.ico
(16-256 px) and packaging/icons/workshop.icns (32-1024 px), each size rendered from the SVG
rather than scaled from another. `--sheet` also writes all sizes side by side on a light and
a dark background, to look at.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ICONS = REPO / "resources" / "icons"
SVG = ICONS / "workshop.svg"
SIZES = (16, 32, 48, 64, 128, 256, 512)
PLATFORM_ICONS = REPO / "packaging" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def to_pillow(image: QImage):
    from PIL import Image

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def write_platform_icons(renderer: QSvgRenderer) -> list[Path]:
    """workshop.ico (Windows) and workshop.icns (macOS), every size rendered from the SVG."""
    PLATFORM_ICONS.mkdir(parents=True, exist_ok=True)
    ico = [to_pillow(render(renderer, size)) for size in ICO_SIZES]
    ico_path = PLATFORM_ICONS / "workshop.ico"
    ico[-1].save(ico_path, sizes=[(s, s) for s in ICO_SIZES], append_images=ico[:-1])
    icns = [to_pillow(render(renderer, size)) for size in ICNS_SIZES]
    icns_path = PLATFORM_ICONS / "workshop.icns"
    icns[-1].save(icns_path, append_images=icns[:-1])
    return [ico_path, icns_path]


def sheet(images: dict[int, QImage]) -> QImage:
    pad = 16
    width = sum(images) + pad * (len(images) + 1)
    height = 2 * (max(images) + 2 * pad)
    out = QImage(width, height, QImage.Format.Format_ARGB32)
    painter = QPainter(out)
    painter.fillRect(0, 0, width, height // 2, QColor("#f3f3f3"))
    painter.fillRect(0, height // 2, width, height // 2, QColor("#2b2b2b"))
    x = pad
    for size, image in images.items():
        painter.drawImage(x, pad, image)
        painter.drawImage(x, height // 2 + pad, image)
        x += size + pad
    painter.end()
    return out


def main(argv: list[str]) -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: {SVG} is not a valid SVG", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in SIZES}
    for size, image in images.items():
        target = ICONS / f"workshop-{size}.png"
        if not image.save(str(target)):
            print(f"render_icons: cannot write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(REPO))
    for path in write_platform_icons(renderer):
        print(path.relative_to(REPO))
    if "--sheet" in argv:
        target = Path(argv[argv.index("--sheet") + 1])
        sheet(images).save(str(target))
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
