"""Drafts: text being typed but not yet stored, kept so a crash loses no words.

A draft is keyed by session and target (the agenda item and group the input line points
at, or a summary field). Saving an empty text removes the draft. Drafts are not user
changes, so they bypass the undo history; the UI saves them debounced on the DB worker.
"""

from __future__ import annotations

from sqlalchemy import delete, select

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


def save_draft(library: Library, key: str, text: str) -> None:
    """Store (or with empty text, drop) the draft under `key`; durable when this returns."""
    with library.unit_of_work() as db:
        if not text.strip():
            db.execute(delete(Draft).where(Draft.key == key))
            return
        found = db.get(Draft, key)
        if found is None:
            db.add(Draft(key=key, text=text))
        elif found.text != text:
            found.text = text


def load_draft(library: Library, key: str) -> str:
    with library.read() as db:
        found = db.get(Draft, key)
        return found.text if found is not None else ""


def session_drafts(library: Library, session_id: int) -> dict[str, str]:
    """Every draft of a session, by key (to show what was left half-typed)."""
    with library.read() as db:
        found = db.scalars(select(Draft).where(Draft.key.like(f"{PREFIX}:{session_id}:%"))).all()
        return {d.key: d.text for d in found}
