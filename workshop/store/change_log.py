"""Writing the change log (see workshop/model/change_log.py) inside a step's transaction.

`record` adds the step's typed changes to `change_log` in the open transaction. On
PostgreSQL it also queues `NOTIFY workshop_changes`: the server delivers a notification
only when (and if) that transaction commits, so listeners hear of a change after it is
stored, never before. The payload carries the changes themselves; one too long for a
notification (PostgreSQL allows < 8000 bytes) carries only the log id, and the listener
reads the row.
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from workshop.changes import Changes
from workshop.model.base import utcnow
from workshop.model.change_log import ChangeLogEntry

#: the PostgreSQL notification channel
CHANNEL = "workshop_changes"
#: notification payloads longer than this carry only the log id
MAX_PAYLOAD = 7000
#: log rows older than this are removed now and then (a listener is never that far behind)
KEEP = timedelta(hours=6)
_PRUNE_EVERY = 500


def record(db: Session, writer: str, changes: Changes) -> int | None:
    """Log `changes` in `db`'s transaction (and NOTIFY on PostgreSQL); the log id, or None."""
    if not changes:
        return None
    payload = changes.to_json()
    entry = ChangeLogEntry(writer=writer, payload=payload, at=utcnow())
    db.add(entry)
    db.flush()
    if entry.id % _PRUNE_EVERY == 0:
        db.execute(delete(ChangeLogEntry).where(ChangeLogEntry.at < utcnow() - KEEP))
    if db.get_bind().dialect.name == "postgresql":
        message = notification(entry.id, writer, payload)
        db.execute(
            text("SELECT pg_notify(:channel, :message)"), {"channel": CHANNEL, "message": message}
        )
    return entry.id


def notification(log_id: int, writer: str, payload: str) -> str:
    """The NOTIFY text: log id, writer and (when short enough) the changes."""
    body = {"id": log_id, "w": writer, "c": payload}
    message = json.dumps(body, separators=(",", ":"))
    if len(message.encode()) > MAX_PAYLOAD:
        message = json.dumps({"id": log_id, "w": writer}, separators=(",", ":"))
    return message


def latest_id(db: Session) -> int:
    """The newest log id (0 when the log is empty): where a new listener starts."""
    return db.scalar(select(ChangeLogEntry.id).order_by(ChangeLogEntry.id.desc()).limit(1)) or 0


def entries_after(db: Session, log_id: int) -> list[tuple[int, str, str]]:
    """(id, writer, payload) of every log row after `log_id`, oldest first."""
    rows = db.execute(
        select(ChangeLogEntry.id, ChangeLogEntry.writer, ChangeLogEntry.payload)
        .where(ChangeLogEntry.id > log_id)
        .order_by(ChangeLogEntry.id)
    )
    return [(row.id, row.writer, row.payload) for row in rows]
