"""Photos keep no EXIF (GPS position, camera, owner) or comment: not in the library, not in the PDF."""

from __future__ import annotations

import io

from PIL import Image

from workshop.capture.photos import prepare_bytes, rotated
from workshop.reports.images import prepare_image

OWNER = b"Jan Fotograaf"


def gps_jpeg() -> bytes:
    img = Image.new("RGB", (900, 600), (200, 100, 50))
    exif = Image.Exif()
    exif[0x010F] = "CameraMakerX"
    exif[0x013B] = OWNER.decode()  # Artist
    exif[0x0112] = 6  # orientation: still applied to the pixels
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 10.0), 3: "E", 4: (5.0, 7.0, 3.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes(), comment=b"owner " + OWNER)
    data = out.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the GPS is really there
    return data


def assert_clean(blob: bytes) -> None:
    image = Image.open(io.BytesIO(blob))
    assert dict(image.getexif()) == {}
    assert "comment" not in image.info and "exif" not in image.info
    assert OWNER not in blob and b"CameraMakerX" not in blob and b"Exif" not in blob


def test_stored_photo_and_thumbnail_have_no_metadata():
    photo = prepare_bytes(gps_jpeg(), "flap.jpg")
    assert (photo.width, photo.height) == (600, 900)  # orientation applied, then dropped
    assert_clean(photo.data)
    assert_clean(photo.thumbnail)
    turned = rotated(photo.data, 1, "flap.jpg")
    assert_clean(turned.data)


def test_the_pdf_image_has_no_metadata_even_from_an_imported_original():
    printed = prepare_image(gps_jpeg(), 300, 300)
    assert_clean(printed.data)
