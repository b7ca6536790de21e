"""Photos resampled to print resolution for their printed size (never embedded at 12 MP)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

Image.MAX_IMAGE_PIXELS = 200_000_000  # phone panoramas are big but not hostile


@dataclass(frozen=True)
class PrintImage:
    data: bytes  # JPEG or PNG, sized for print
    width_pt: float
    height_pt: float
    pixels: tuple[int, int]


class ImageProblem(Exception):
    """An attachment that is not a readable image; the message is for the user."""


def fit(width: float, height: float, max_w: float, max_h: float) -> tuple[float, float]:
    scale = min(max_w / width, max_h / height, 1e9)
    return width * scale, height * scale


def prepare_image(
    data: bytes, max_w_pt: float, max_h_pt: float, dpi: int = 150, rotation: int = 0
) -> PrintImage:
    """Decode, rotate, shrink to `dpi` at the printed size and re-encode (JPEG, or PNG with alpha)."""
    try:
        img: Image.Image = Image.open(io.BytesIO(data))
        src_w, src_h = img.size
        exif_turn = rotation == 0 and img.getexif().get(274, 1) in (5, 6, 7, 8)
        quarter_turn = (rotation % 180 == 90) or exif_turn
        shown_w, shown_h = (src_h, src_w) if quarter_turn else (src_w, src_h)
        w_pt, h_pt = fit(shown_w, shown_h, max_w_pt, max_h_pt)
        target_w = max(1, round(w_pt / 72 * dpi))
        target_h = max(1, round(h_pt / 72 * dpi))
        target = (target_h, target_w) if quarter_turn else (target_w, target_h)
        if img.format == "JPEG":
            img.draft("RGB", target)  # decode at 1/2, 1/4 or 1/8 scale: fast and small
        img.load()
        img = ImageOps.exif_transpose(img) if rotation == 0 else img
        if rotation % 360:
            img = img.rotate(-rotation, expand=True)
        # draft() already decoded close to the target; resample only when clearly larger
        if img.width > target_w * 1.35 or img.height > target_h * 1.35:
            img = img.resize((target_w, target_h), Image.Resampling.BILINEAR, reducing_gap=2.0)
        img.info = {}  # no EXIF, comment or text chunk of the original reaches the PDF
        out = io.BytesIO()
        if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
            img.save(out, "PNG", optimize=False)
        else:
            if img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            img.save(out, "JPEG", quality=85)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as err:
        raise ImageProblem(str(err)) from err
    return PrintImage(out.getvalue(), w_pt, h_pt, img.size)
