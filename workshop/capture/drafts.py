"""Drafts: text being typed but not yet stored, kept so a crash loses no words.

A draft is keyed by session and target (the agenda item and group the input line points
at, or a summary field). Saving an empty text removes the draft. Drafts are not user
changes, so they bypass the undo history; the UI saves them debounced on the DB worker.

Drafts belong to the machine they are typed on, not to the (possibly shared) library: two
facilitators typing at the same table on two laptops must not see or overwrite each other's
half-typed lines. Each draft is one small file in this machine's local settings folder
(`drafts/<library>/<key>.txt`, written atomically and fsync'ed, so it survives a crash),
under a folder named after the library's address. A draft left in the library's old
`drafts` table by an earlier version is moved here the first time it is asked for.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.engine import make_url

from workshop import local_settings
from workshop.atomic import write_text_atomic
from workshop.model import Draft
from workshop.store.library import Library

PREFIX = "capture"


def draft_key(
    session_id: int,
    item_id: int | None,
    group_id: int | None = None,
    field: str = "note",
    entry_id: int | None = None,
) -> str:
    item = "-" if item_id is None else str(item_id)
    group = "-" if group_id is None else str(group_id)
    if entry_id is not None:
        group = f"e{entry_id}"  # a typed queue entry (a pitch)
    return f"{PREFIX}:{session_id}:{item}:{group}:{field}"


def drafts_folder(library: Library) -> Path:
    """This machine's folder for the drafts typed on `library` (one per library address)."""
    address = make_url(library.url).render_as_string(hide_password=True)
    name = hashlib.sha256(address.encode()).hexdigest()[:16]
    return local_settings.settings_path().parent / "drafts" / name


def _file(library: Library, key: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_~" else "_" for c in key.replace(":", "~"))
    return drafts_folder(library) / f"{safe}.txt"


def save_draft(library: Library, key: str, text: str) -> None:
    """Store (or with empty text, drop) the draft under `key`; durable when this returns."""
    path = _file(library, key)
    if not text.strip():
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    write_text_atomic(path, text)


def load_draft(library: Library, key: str) -> str:
    try:
        return _file(library, key).read_text(encoding="utf-8")
    except FileNotFoundError:
        return _moved_from_library(library, key)


def _moved_from_library(library: Library, key: str) -> str:
    """A draft an earlier version kept in the library: copied here, then removed there."""
    with library.read() as db:
        found = db.get(Draft, key)
        text = found.text if found is not None else ""
    if text:
        save_draft(library, key, text)
        with library.unit_of_work() as db:
            db.execute(delete(Draft).where(Draft.key == key))
    return text


def session_drafts(library: Library, session_id: int) -> dict[str, str]:
    """Every draft of a session typed on this machine, by key."""
    folder = drafts_folder(library)
    prefix = f"{PREFIX}~{session_id}~"
    out: dict[str, str] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob(f"{prefix}*.txt")):
        key = path.stem.replace("~", ":")
        try:
            out[key] = path.read_text(encoding="utf-8")
        except OSError:
            continue
    return out
