"""Page 1 of a written PDF as a picture, for the Verslag page's preview: with QtPdf
(PySide6-Addons) or else poppler's pdftoppm. Parsing a PDF is PDF work: these run on the
kit's worker threads, never on the UI thread."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from ui import system_open


def first_page(pdf: Path, width: int) -> QImage | None:
    """Page 1 of `pdf`, `width` pixels wide (None: neither QtPdf nor pdftoppm could)."""
    image = _render_with_qtpdf(pdf, width)
    if image is not None:
        return image
    tool = shutil.which("pdftoppm")
    png = _render_first_page(tool, pdf) if tool is not None else None
    if png is None:
        return None
    image = QImage()
    return image if image.loadFromData(png, "PNG") else None


def _render_with_qtpdf(pdf: Path, width: int) -> QImage | None:
    """Page 1 rendered by QtPdf, or None when QtPdf is not available or cannot read it.

    The document object lives and dies on the calling (worker) thread.
    """
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError:
        return None
    doc = QPdfDocument()
    try:
        if doc.load(str(pdf)) != QPdfDocument.Error.None_ or doc.pageCount() < 1:
            return None
        size = doc.pagePointSize(0)
        if size.width() <= 0:
            return None
        height = round(width * size.height() / size.width())
        image = doc.render(0, QSize(width, height))
        return None if image.isNull() else image
    finally:
        doc.close()


def _render_first_page(tool: str, pdf: Path) -> bytes | None:
    with tempfile.TemporaryDirectory(prefix="workshop-preview-") as tmp:
        target = Path(tmp) / "page"
        try:
            subprocess.run(
                [
                    tool,
                    "-png",
                    "-r",
                    "50",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(target),
                ],
                check=True,
                capture_output=True,
                timeout=20,
                env=system_open.clean_environment(),  # frozen app: not the bundle's libraries
            )
            return (Path(tmp) / "page.png").read_bytes()
        except (OSError, subprocess.SubprocessError):
            return None
