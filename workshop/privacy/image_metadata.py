"""Photo metadata that can name or locate someone, taken out without touching the pixels.

The app's own photo path (workshop.capture.photos) re-encodes every picture without EXIF.
Images that arrive another way (a session imported from JSON) keep their encoded bytes, so
here the segments and chunks that carry metadata are dropped losslessly:

* JPEG: APP1 (EXIF with GPS position, camera serial, owner; XMP), APP13 (IPTC / Photoshop)
  and COM (free comments). APP0 (JFIF), APP2 (colour profile) and APP14 (Adobe colour
  transform) stay: they say how to show the picture, not who took it where.
* PNG: tEXt, zTXt, iTXt (author, comments) and eXIf.

Anything that is not a well-formed JPEG or PNG is returned unchanged (the import's schema
check refuses non-images before this runs).
"""

from __future__ import annotations

import struct

_JPEG_DROP = {0xE1, 0xED, 0xFE}  # APP1, APP13, COM
_PNG_DROP = {b"tEXt", b"zTXt", b"iTXt", b"eXIf"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def strip_metadata(data: bytes) -> bytes:
    """`data` without EXIF, XMP, IPTC, comments or text chunks; unchanged if not JPEG/PNG."""
    if data[:2] == b"\xff\xd8":
        return _strip_jpeg(data)
    if data[:8] == _PNG_SIGNATURE:
        return _strip_png(data)
    return data


def _strip_jpeg(data: bytes) -> bytes:
    out = bytearray(b"\xff\xd8")
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return data  # not where a marker should be: leave the file as it came
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xDA or marker == 0xD9:  # start of scan / end: the rest is image data
            out += data[i:]
            return bytes(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            out += data[i : i + 2]
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        end = i + 2 + length
        if length < 2 or end > len(data):
            return data
        if marker not in _JPEG_DROP:
            out += data[i:end]
        i = end
    return data


def _strip_png(data: bytes) -> bytes:
    out = bytearray(_PNG_SIGNATURE)
    i = len(_PNG_SIGNATURE)
    while i + 12 <= len(data):
        (length,) = struct.unpack(">I", data[i : i + 4])
        kind = data[i + 4 : i + 8]
        end = i + 12 + length
        if end > len(data):
            return data
        if kind not in _PNG_DROP:
            out += data[i:end]
        i = end
        if kind == b"IEND":
            return bytes(out)
    return data
