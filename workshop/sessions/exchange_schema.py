"""The exchange format's schema with limits, checked before anything is stored.

The schema is derived from the model (column types and lengths) plus these limits, so a
column added later is checked too. `check(doc)` raises `SchemaError` with one line naming
the place (``notes[3].text``) and the problem. Nothing recursive: a 200,000-deep nesting
cannot crash the check.

Limits (see docs/exchange-format.md):

* the file: at most `MAX_FILE_BYTES`; at most `MAX_ROWS` rows per table;
* references (``ref`` and the columns pointing at another row): strings of at most
  `MAX_REF` characters, or null;
* text: at most the column's length; free text (Text columns) at most `MAX_TEXT`
  characters, a note's text at most `workshop.capture.parser.MAX_NOTE_CHARS`;
* integers: 64-bit (what the database stores); numbers: finite, at most 1e15;
* JSON columns: nesting at most `MAX_DEPTH`, at most `MAX_JSON_ITEMS` values;
* binary (base64): at most `MAX_BINARY_BYTES` decoded; photos, thumbnails and the logo must
  be images Pillow can read, at most `MAX_PIXELS` pixels.
"""

from __future__ import annotations

import base64
import binascii
import io
import math
from collections.abc import Callable
from typing import Any

from sqlalchemy import JSON as SaJSON
from sqlalchemy import Column, LargeBinary, String, Table

from workshop.errors import CommandError
from workshop.i18n import _, format_number

MAX_FILE_BYTES = 300 * 1024 * 1024
MAX_ROWS = 50_000
MAX_REF = 64
MAX_TEXT = 100_000
MAX_DEPTH = 32
MAX_JSON_ITEMS = 10_000
MAX_BINARY_BYTES = 40 * 1024 * 1024
MAX_NUMBER = 1e15
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
#: Binary columns that must hold an image.
IMAGE_COLUMNS = {("attachments", "data"), ("attachments", "thumbnail"), ("sessions", "logo")}


class SchemaError(CommandError):
    """An export that breaks the schema; the message is one line for the user."""


def _fail(where: str, problem: str) -> SchemaError:
    return SchemaError(
        _("This export cannot be imported: {where}: {problem}").format(where=where, problem=problem)
    )


def text_limit(table: str, column: Column) -> int:
    from workshop.capture.parser import MAX_NOTE_CHARS

    if (table, column.name) == ("notes", "text"):
        return MAX_NOTE_CHARS
    length = getattr(column.type, "length", None)
    if isinstance(column.type, String) and length:
        return int(length)
    return MAX_TEXT


def _check_json(value: Any, where: str) -> None:
    stack: list[tuple[Any, int]] = [(value, 1)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > MAX_JSON_ITEMS:
            raise _fail(where, _("more than {n} values").format(n=MAX_JSON_ITEMS))
        if depth > MAX_DEPTH:
            raise _fail(where, _("nested deeper than {n} levels").format(n=MAX_DEPTH))
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, str):
            if len(item) > MAX_TEXT:
                raise _fail(
                    where, _("a text longer than {n} characters").format(n=format_number(MAX_TEXT))
                )
        else:
            _check_scalar(item, where)


def _check_scalar(value: Any, where: str) -> None:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        if not INT_MIN <= value <= INT_MAX:
            raise _fail(where, _("the number is too large"))
    elif isinstance(value, float) and (not math.isfinite(value) or abs(value) > MAX_NUMBER):
        raise _fail(where, _("the number is too large"))


def check_image(data: bytes, where: str) -> None:
    """`data` must be an image Pillow can read, within the pixel limit."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    from workshop.capture.photos import MAX_PIXELS

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise _fail(where, _("the image is too large"))
                probe.verify()
    except SchemaError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ):
        raise _fail(where, _("this is not an image")) from None


def _column_checker(table: str, column: Column, is_ref: bool) -> Callable[[Any, str], None]:
    kind = column.type
    if is_ref:

        def ref(value: Any, where: str) -> None:
            if value is not None and (not isinstance(value, str) or len(value) > MAX_REF):
                raise _fail(where, _("a reference must be a short text like “item-1”"))

        return ref
    if isinstance(kind, SaJSON):
        return _check_json
    if isinstance(kind, LargeBinary):
        image = (table, column.name) in IMAGE_COLUMNS

        def binary(value: Any, where: str) -> None:
            if value is None:
                return
            if not isinstance(value, str) or len(value) > MAX_BINARY_BYTES * 4 // 3 + 4:
                raise _fail(where, _("binary data must be base64 text of at most 40 MB"))
            try:
                data = base64.b64decode(value, validate=True)
            except (binascii.Error, ValueError):
                raise _fail(where, _("this is not base64")) from None
            if image:
                check_image(data, where)

        return binary
    try:
        python_type = kind.python_type
    except NotImplementedError:
        python_type = object
    limit = text_limit(table, column)

    def scalar(value: Any, where: str) -> None:
        if isinstance(value, dict | list):
            raise _fail(where, _("a single value was expected, not a list or object"))
        if isinstance(value, str):
            if len(value) > limit:
                raise _fail(
                    where,
                    _("longer than {n} characters ({length})").format(
                        n=format_number(limit), length=format_number(len(value))
                    ),
                )
        else:
            _check_scalar(value, where)
        if python_type is str and value is not None and not isinstance(value, str):
            raise _fail(where, _("a text was expected"))

    return scalar


def _check_row(table: Table, name: str, row: dict, where: str, refs: set[str]) -> None:
    from workshop.sessions.exchange import _fk_target

    ref = row.get("ref")
    if ref is not None and (not isinstance(ref, str) or len(ref) > MAX_REF):
        raise _fail(f"{where}.ref", _("a reference must be a short text like “item-1”"))
    if ref is not None:
        if ref in refs:  # two rows with one name: links would silently go to the last one
            raise _fail(f"{where}.ref", _("“{ref}” is used twice").format(ref=ref))
        refs.add(ref)
    for column in table.columns:
        if column.name in ("id", "session_id") or column.name not in row:
            continue
        target = _fk_target(column)
        checker = _column_checker(name, column, bool(target and target != "sessions"))
        checker(row[column.name], f"{where}.{column.name}")


def check(doc: dict) -> None:
    """Raise SchemaError unless `doc` (already known to be a dict of lists) fits the schema."""
    from workshop.sessions.exchange import SESSION_SKIP, _table, exported_tables

    sessions = _table("sessions")
    for column in sessions.columns:
        if column.name in SESSION_SKIP or column.name not in doc["session"]:
            continue
        _column_checker("sessions", column, False)(
            doc["session"][column.name], f"session.{column.name}"
        )
    for name, _prefix in exported_tables():
        rows = doc.get(name, [])
        if len(rows) > MAX_ROWS:
            raise _fail(name, _("more than {n} rows").format(n=MAX_ROWS))
        table = _table(name)
        refs: set[str] = set()
        for n, row in enumerate(rows, 1):
            _check_row(table, name, row, f"{name}[{n}]", refs)
