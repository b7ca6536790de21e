"""Writing a file all or nothing: a sibling ``.NAME.part`` file renamed into place.

The part file is removed on every way out — an error, a full disk, Ctrl+C, or SIGTERM (the
CLI turns SIGTERM into SystemExit, so ``finally`` blocks run; see workshop.cli.main).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def part_path(path: Path) -> Path:
    """A unique sibling of `path` for writing (the final rename is then atomic)."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    path = Path(path)
    tmp = part_path(path)
    try:
        with open(tmp, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_text_atomic(path: str | Path, text: str) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"))
