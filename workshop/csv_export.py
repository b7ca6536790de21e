"""The one CSV writer for every export that a spreadsheet may open.

* Formula injection: a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return is a formula (or becomes one) in Excel and LibreOffice. Such cells get a leading
  apostrophe, which the spreadsheet shows as plain text. Numbers (ints, floats) are left alone:
  ``-5`` minutes stays a number.
* Dutch Excel: UTF-8 with a byte-order mark (else Excel reads Windows-1252), ``;`` as the
  separator (``,`` is the decimal comma), CRLF line ends.
* Files are written next to the target and renamed into place once complete; a failure (a
  full disk) removes the partial file.

tests/test_csv_export.py fails when any other module calls ``csv.writer``.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DELIMITER = ";"
ENCODING = "utf-8-sig"

Row = Sequence[object]


def neutralise(value: object) -> object:
    """`value` safe for a spreadsheet cell: text that would be a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write(fh: io.TextIOBase, rows: Iterable[Row], delimiter: str) -> None:
    writer = csv.writer(fh, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])


def csv_text(rows: Iterable[Row], delimiter: str = DELIMITER) -> str:
    """The rows as CSV text (no byte-order mark; for printing to stdout)."""
    buffer = io.StringIO()
    _write(buffer, rows, delimiter)
    return buffer.getvalue()


def write_csv(path: str | Path, rows: Iterable[Row], delimiter: str = DELIMITER) -> Path:
    """Write `rows` to `path` for Dutch Excel; the file is replaced only once complete."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding=ENCODING, newline="") as fh:
            _write(fh, rows, delimiter)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
