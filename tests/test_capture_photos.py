"""Photos: real images are oriented, scaled and thumbnailed; anything else is refused."""

from __future__ import annotations

import io

import pytest
from capture_support import make_world
from PIL import Image

from workshop.capture.commands.photos import AddPhoto, CaptionPhoto, DeletePhoto, RotatePhoto
from workshop.capture.photos import PRINT_LONGEST_SIDE, prepare_bytes, prepare_file, rotated
from workshop.capture.queries import photo_data, photos_for
from workshop.errors import CommandError
from workshop.model import Attachment

pytestmark = pytest.mark.usefixtures("english")


def jpeg(size=(400, 300), exif_orientation: int | None = None, color="red") -> bytes:
    image = Image.new("RGB", size, color)
    image.paste("blue", (0, 0, size[0] // 2, size[1] // 4))  # a marker in the top-left
    out = io.BytesIO()
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        image.save(out, "JPEG", exif=exif)
    else:
        image.save(out, "JPEG")
    return out.getvalue()


def test_large_photo_is_scaled_with_thumbnail():
    photo = prepare_bytes(jpeg((4000, 3000)), "flip.jpg")
    assert (photo.width, photo.height) == (PRINT_LONGEST_SIDE, 1800)
    thumb = Image.open(io.BytesIO(photo.thumbnail))
    assert max(thumb.size) == 360 and thumb.format == "JPEG"
    assert Image.open(io.BytesIO(photo.data)).format == "JPEG"


def test_exif_orientation_is_applied():
    photo = prepare_bytes(jpeg((400, 300), exif_orientation=6), "phone.jpg")
    assert (photo.width, photo.height) == (300, 400)


def test_transparent_png_becomes_white_not_black():
    image = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    photo = prepare_bytes(out.getvalue(), "canvas.png")
    assert Image.open(io.BytesIO(photo.data)).getpixel((25, 25))[0] > 240


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not a photo", "not a photo"),
        (b"", "empty"),
        (jpeg()[:200], "damaged|not a photo"),
        (b"Notulen.docx" * 50, "not a photo"),
    ],
)
def test_not_an_image_is_refused(data, message):
    with pytest.raises(CommandError, match=message):
        prepare_bytes(data, "bestand.jpg")


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        prepare_file(tmp_path / "weg.jpg")
    text = tmp_path / "verslag.jpg"
    text.write_text("dit is tekst")
    with pytest.raises(CommandError, match="not a photo"):
        prepare_file(text)


def test_rotate_turns_clockwise():
    photo = prepare_bytes(jpeg((400, 300)), "x.jpg")
    turned = rotated(photo.data, 1)
    assert (turned.width, turned.height) == (300, 400)
    image = Image.open(io.BytesIO(turned.data))
    # the blue marker (top-left) is now top-right after a clockwise quarter turn
    assert image.getpixel((290, 10))[2] > 150 and image.getpixel((10, 10))[0] > 150


def test_photo_commands_undo_redo(tmp_path):
    w = make_world(tmp_path)
    try:
        photo = prepare_bytes(jpeg((400, 300)), "flip.jpg")
        add = AddPhoto(w.session_id, w.feedback_id, w.group_ids[0], photo, "Flip-over groep 1")
        w.history.push(add)
        pid = add.photo_id
        [view] = photos_for(w.library, w.feedback_id, w.group_ids[0])
        assert view.caption == "Flip-over groep 1" and view.thumbnail == photo.thumbnail
        original, _name = photo_data(w.library, pid)
        w.history.push(RotatePhoto(pid, 1))
        with w.library.read() as db:
            a = db.get(Attachment, pid)
            assert (a.width, a.height, a.rotation) == (300, 400, 90)
        w.history.undo()
        assert photo_data(w.library, pid)[0] == original
        w.history.push(CaptionPhoto(pid, "Canvas"))
        w.history.push(CaptionPhoto(pid, "Canvas <b>&</b>"))
        w.history.push(DeletePhoto(pid))
        assert photos_for(w.library, w.feedback_id, w.group_ids[0]) == []
        w.history.undo()
        [view] = photos_for(w.library, w.feedback_id, w.group_ids[0])
        assert view.caption == "Canvas <b>&</b>"
        w.history.undo()
        assert (
            photos_for(w.library, w.feedback_id, w.group_ids[0])[0].caption == "Flip-over groep 1"
        )
        w.history.undo()
        assert photos_for(w.library, w.feedback_id, w.group_ids[0]) == []
    finally:
        w.library.close()
