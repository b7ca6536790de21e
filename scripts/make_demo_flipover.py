"""Draw the demo's flip-over photo (resources/demo/flipover_zorg_en_welzijn.jpg) with Pillow.

Marker writing on a white sheet on an easel, photographed slightly askew: every letter is
drawn on its own with a little jitter in size, angle and baseline so it reads as
handwriting. Deterministic (fixed seed); run from the repository root:

    python scripts/make_demo_flipover.py
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "DejaVuSans-BoldOblique.ttf"
OUT = ROOT / "resources" / "demo" / "flipover_zorg_en_welzijn.jpg"

BLUE, RED, GREEN, BLACK = (28, 60, 160), (190, 35, 40), (25, 120, 60), (35, 35, 40)

LINES = [
    ("Zorg & welzijn", BLACK, 62, 0),
    ("", BLACK, 20, 0),
    ("KNOPPEN", RED, 64, 0),
    ("• zorg- en welzijnsbudget", BLUE, 46, 20),
    ("   samen in de wijk  ●●●●●●●", BLUE, 46, 20),
    ("• ruimte in de Wmo om", BLUE, 46, 20),
    ("   te experimenteren  ●●", BLUE, 46, 20),
    ("• tijd voor wijkverpleging", BLUE, 46, 20),
    ("", BLACK, 16, 0),
    ("MET WIE?", GREEN, 64, 0),
    ("+ zorgverzekeraar", GREEN, 46, 20),
    ("+ huisartsen in de wijk", GREEN, 46, 20),
    ("+ Buurtkamer De Kiem!", GREEN, 46, 20),
    ("", BLACK, 16, 0),
    ("? wat levert preventie op —", BLACK, 42, 10),
    ("   en voor wie?", BLACK, 42, 10),
    ("", BLACK, 16, 0),
    ("ACTIE!", RED, 54, 0),
    ("casus Buurtkamer uitwerken", BLACK, 44, 20),
    ("→ Fatima, vóór 1 juni", BLACK, 44, 40),
]


def _letter(
    sheet: Image.Image, ch: str, x: float, y: float, size: int, color, rnd: random.Random
) -> float:
    font = ImageFont.truetype(str(FONT), size + rnd.randint(-3, 3))
    box = font.getbbox(ch)
    w, h = max(1, box[2] + 8), max(1, size + 24)
    tile = Image.new("L", (w, h), 0)
    ImageDraw.Draw(tile).text((4, 6), ch, font=font, fill=255)
    tile = tile.rotate(rnd.uniform(-7, 7), resample=Image.Resampling.BICUBIC, expand=True)
    ink = Image.new("RGB", tile.size, color)
    sheet.paste(ink, (int(x), int(y + rnd.uniform(-3, 3))), tile)
    return font.getlength(ch) * rnd.uniform(0.92, 1.04)


def _sticky(sheet: Image.Image, x: int, y: int, text: str, rnd: random.Random) -> None:
    note = Image.new("RGBA", (250, 190), (255, 236, 110, 255))
    draw = ImageDraw.Draw(note)
    cx = 18.0
    for word_line in text.split("\n"):
        for ch in word_line:
            font = ImageFont.truetype(str(FONT), 30 + rnd.randint(-2, 2))
            draw.text((cx, 22 + 48 * text.split("\n").index(word_line)), ch, font=font, fill=BLACK)
            cx += font.getlength(ch) * rnd.uniform(0.92, 1.03)
        cx = 18.0
    note = note.rotate(rnd.uniform(-6, 6), resample=Image.Resampling.BICUBIC, expand=True)
    shadow = Image.new("RGBA", note.size, (0, 0, 0, 60))
    sheet.paste(shadow, (x + 6, y + 8), note)
    sheet.paste(note, (x, y), note)


def draw() -> Image.Image:
    rnd = random.Random(9042021)
    sheet = Image.new("RGB", (1100, 1500), (250, 250, 246))
    d = ImageDraw.Draw(sheet)
    for hole in range(80, 1100, 140):  # the perforation at the top of a flip-over pad
        d.ellipse((hole, 16, hole + 14, 30), fill=(200, 200, 195))
    y = 70.0
    for text, color, size, indent in LINES:
        x = 70.0 + indent + rnd.uniform(-6, 6)
        slope = rnd.uniform(-0.02, 0.03)
        for ch in text:
            if ch == " ":
                x += size * 0.33
                continue
            x += _letter(sheet, ch, x, y + (x - 70) * slope, size, color, rnd)
        y += size * 1.45 if text else size
    d.line((72, 262, 430, 254), fill=RED, width=6)  # underline KNOPPEN
    _sticky(sheet, 760, 380, "vast\naanspreek-\npunt!", rnd)
    # The photo: sheet on a grey easel board, a little rotated, warm light, soft focus.
    board = Image.new("RGB", (1300, 1700), (118, 112, 104))
    bd = ImageDraw.Draw(board)
    for i in range(0, 1700, 3):
        shade = 118 - int(18 * abs(i - 850) / 850)
        bd.line((0, i, 1300, i), fill=(shade, shade - 5, shade - 12))
    tilted = sheet.rotate(-2.2, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(0, 0, 0))
    mask = Image.new("L", sheet.size, 255).rotate(-2.2, expand=True)
    board.paste(tilted, (80, 70), mask)
    light = Image.radial_gradient("L").resize(board.size).point(lambda v: 255 - v // 3)
    board = Image.composite(board, Image.new("RGB", board.size, (60, 55, 50)), light)
    return board.filter(ImageFilter.GaussianBlur(0.8)).resize((975, 1275), Image.Resampling.LANCZOS)


def main() -> None:
    image = draw()
    image.save(OUT, "JPEG", quality=78, optimize=True, progressive=True)
    print(
        f"{OUT.relative_to(ROOT)}: {image.size[0]}x{image.size[1]}, {OUT.stat().st_size // 1024} KB"
    )


if __name__ == "__main__":
    main()
