"""A photo that arrives in an imported session keeps no EXIF (GPS, owner) or comments, while
the picture itself stays byte-for-byte the same image data (issue 12)."""

from __future__ import annotations

import io

from PIL import Image

from workshop.privacy.image_metadata import strip_metadata


def _jpeg_with_gps_and_comment() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 60, 40))
    exif = Image.Exif()
    exif[0x013B] = "Anouk de Vries"  # Artist
    gps = exif.get_ifd(0x8825)
    gps[2] = (52.0, 5.0, 30.0)  # GPSLatitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"camera van Anouk")
    return buffer.getvalue()


def test_jpeg_loses_exif_and_comment_but_not_its_pixels():
    data = _jpeg_with_gps_and_comment()
    assert b"Anouk de Vries" in data and b"camera van Anouk" in data
    clean = strip_metadata(data)
    assert b"Anouk" not in clean
    with Image.open(io.BytesIO(clean)) as img:
        assert not img.getexif() and "comment" not in img.info
        assert img.size == (40, 30)
        stripped_pixels = img.tobytes()
    with Image.open(io.BytesIO(data)) as img:
        assert img.tobytes() == stripped_pixels  # lossless: the scan data is untouched


def test_png_loses_text_chunks():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Bram Bakker")
    info.add_itxt("Comment", "thuis bij Bram")
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(buffer, "PNG", pnginfo=info)
    data = buffer.getvalue()
    clean = strip_metadata(data)
    assert b"Bram" in data and b"Bram" not in clean
    with Image.open(io.BytesIO(clean)) as img:
        assert img.size == (8, 8) and img.getpixel((0, 0)) == (1, 2, 3)


def test_other_bytes_and_our_own_photos_are_left_alone():
    assert strip_metadata(b"GIF89a...") == b"GIF89a..."
    plain = io.BytesIO()
    Image.new("RGB", (4, 4)).save(plain, "JPEG")
    assert strip_metadata(plain.getvalue()) == plain.getvalue()  # export→import stays equal


def test_an_imported_session_stores_its_photo_without_exif(lib):
    import base64

    from sqlalchemy import select

    from workshop.demo import ensure_demo
    from workshop.model import Attachment
    from workshop.sessions.exchange import export_session, import_into

    sid = ensure_demo(lib)
    doc = export_session(lib, sid)
    doc["attachments"][0]["data"] = base64.b64encode(_jpeg_with_gps_and_comment()).decode()
    with lib.unit_of_work() as db:
        new_id = import_into(db, doc)
    with lib.unit_of_work() as db:
        stored = db.scalars(select(Attachment.data).where(Attachment.session_id == new_id)).all()
    assert stored and all(b"Anouk" not in data for data in stored)
