"""Photos of flip-overs and canvases: check, orient, scale for print, make a thumbnail.

All of this is CPU work (a 12-megapixel phone photo takes a good part of a second), so the
UI runs it in a worker thread and stores only the result.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from workshop.errors import CommandError
from workshop.i18n import _

#: Longest side kept for the report (about A4 at 200 dpi); larger photos are scaled down.
PRINT_LONGEST_SIDE = 2400
PRINT_QUALITY = 85
THUMB_LONGEST_SIDE = 360
THUMB_QUALITY = 80
#: Refuse files larger than this before even decoding them.
MAX_FILE_BYTES = 80 * 1024 * 1024
#: Decompression-bomb guard (pixels); a 12 MP photo is 12e6, a 50 MP one 5e7.
MAX_PIXELS = 120_000_000

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic")


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready to store: print-size JPEG, thumbnail, size in pixels."""

    data: bytes
    thumbnail: bytes
    width: int
    height: int
    filename: str
    mime: str = "image/jpeg"


def _open(data: bytes, filename: str):
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            probe.verify()  # structure check; the image must be reopened afterwards
            image = Image.open(io.BytesIO(data))
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise CommandError(
            _(
                "“{name}” is not a photo this app can read (use JPEG or PNG). Nothing was added."
            ).format(name=filename)
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError) as err:
        raise CommandError(
            _("“{name}” is damaged and cannot be read ({error}). Nothing was added.").format(
                name=filename, error=str(err) or type(err).__name__
            )
        ) from None
    return image


def _flatten(image):
    """RGB on white (transparent PNGs of a canvas export would turn black in a JPEG)."""
    from PIL import Image

    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _jpeg(image, quality: int) -> bytes:
    """Baseline JPEG: `optimize`/`progressive` save ~5 % but encode in one piece that holds
    Python's lock for 40-80 ms, which the UI thread would feel as a stall.

    No metadata is written: EXIF (GPS position, camera serial, owner) is dropped by the
    re-encoding, and the JPEG comment Pillow would otherwise copy over is cleared too."""
    image.info = {}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def _scaled(image, longest: int):
    from PIL import Image

    if max(image.size) <= longest:
        return image
    copy = image.copy()
    copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    return copy


def _finish(image, filename: str) -> PreparedPhoto:
    printable = _scaled(image, PRINT_LONGEST_SIDE)
    thumb = _scaled(printable, THUMB_LONGEST_SIDE)
    return PreparedPhoto(
        data=_jpeg(printable, PRINT_QUALITY),
        thumbnail=_jpeg(thumb, THUMB_QUALITY),
        width=printable.width,
        height=printable.height,
        filename=filename,
    )


def prepare_bytes(data: bytes, filename: str) -> PreparedPhoto:
    """Check that `data` is an image, apply its EXIF orientation, scale, make a thumbnail."""
    from PIL import ImageOps

    if not data:
        raise CommandError(_("“{name}” is empty. Nothing was added.").format(name=filename))
    if len(data) > MAX_FILE_BYTES:
        raise CommandError(
            _("“{name}” is too large ({mb} MB). Nothing was added.").format(
                name=filename, mb=len(data) // (1024 * 1024)
            )
        )
    image = _open(data, filename)
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)  # an animated GIF: its first frame
    image = ImageOps.exif_transpose(image)
    return _finish(_flatten(image), filename)


def prepare_file(path: str | Path) -> PreparedPhoto:
    """Read and prepare a photo file (clear message when it is missing or not an image)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(
                _("“{name}” is too large ({mb} MB). Nothing was added.").format(
                    name=path.name, mb=path.stat().st_size // (1024 * 1024)
                )
            )
        data = path.read_bytes()
    except OSError as err:
        raise CommandError(
            _("“{name}” cannot be read: {error}").format(name=path.name, error=err.strerror or err)
        ) from None
    return prepare_bytes(data, path.name)


def rotated(data: bytes, quarter_turns_clockwise: int, filename: str = "") -> PreparedPhoto:
    """The stored photo turned by a multiple of 90° (thumbnail made again)."""
    from PIL import Image

    image = _open(data, filename or "photo")
    turns = quarter_turns_clockwise % 4
    method = {
        1: Image.Transpose.ROTATE_270,
        2: Image.Transpose.ROTATE_180,
        3: Image.Transpose.ROTATE_90,
    }
    if turns:
        image = image.transpose(method[turns])  # Pillow's ROTATE_n turns counter-clockwise
    return _finish(_flatten(image), filename)


def looks_like_image_name(name: str) -> bool:
    return name.lower().endswith(IMAGE_SUFFIXES)
