"""Commands on sessions: create, edit details, delete."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from sqlalchemy.orm import Session as OrmSession

from workshop.changes import Entity
from workshop.commands import rows
from workshop.commands.base import Change, Changes, Command, FieldEdit
from workshop.errors import CommandError
from workshop.i18n import _, format_number
from workshop.model import WorkSession

#: Session fields a user edits, with the Python type each must have.
EDITABLE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "subtitle": str,
    "date": (date, type(None)),
    "start_time": (time, type(None)),
    "end_time": (time, type(None)),
    "place": str,
    "online_link": str,
    "organiser": str,
    "facilitators": str,
    "goals": str,
    "background": str,
    "welcome_line": str,
    "report_language": str,
    "summary": str,
    "follow_up": str,
}

MAX_TITLE = 500


def _check(field: str, value: Any) -> None:
    if field not in EDITABLE_FIELDS:
        raise CommandError(_("Unknown session field: {field}").format(field=field))
    if not isinstance(value, EDITABLE_FIELDS[field]):
        raise CommandError(_("Wrong value for {field}").format(field=field))
    if field == "report_language" and value not in ("nl", "en"):
        raise CommandError(_("The report language must be nl or en"))
    if (
        field in ("title", "subtitle", "place", "organiser", "welcome_line")
        and isinstance(value, str)
        and len(value) > MAX_TITLE
    ):
        raise CommandError(
            _("This text is too long (at most {n} characters)").format(n=format_number(MAX_TITLE))
        )


def _get(db: OrmSession, session_id: int) -> WorkSession:
    obj = db.get(WorkSession, session_id)
    if obj is None:
        raise CommandError(_("Session {id} does not exist").format(id=session_id))
    return obj


class CreateSession(Command):
    def __init__(self, **fields: Any) -> None:
        for name, value in fields.items():
            _check(name, value)
        self.fields = fields
        self.session_id: int | None = None
        self.label = _("New session")

    def do(self, db: OrmSession) -> Changes:
        obj = WorkSession(**self.fields)
        if self.session_id is not None:  # redo keeps the id views and the history know
            obj.id = self.session_id
        db.add(obj)
        db.flush()
        self.session_id = obj.id
        return Changes([Change(Entity.SESSION, "created", (obj.id,), obj.id)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.session_id is not None
        db.delete(_get(db, self.session_id))
        return Changes([Change(Entity.SESSION, "deleted", (self.session_id,), self.session_id)])


class EditSession(FieldEdit):
    """Set one or more detail fields of a session."""

    def __init__(self, session_id: int, **values: Any) -> None:
        if not values:
            raise CommandError(_("Nothing to change"))
        for name, value in values.items():
            _check(name, value)
        self.session_id = session_id
        self.new = values
        self.label = _("Edit session details")

    def _row(self, db: OrmSession) -> WorkSession:
        return _get(db, self.session_id)

    def _changes(self, row: WorkSession, fields: tuple[str, ...]) -> Changes:
        return Changes(
            [Change(Entity.SESSION, "updated", (self.session_id,), self.session_id, fields)]
        )

    def merge_key(self) -> tuple | None:
        if len(self.new) == 1:
            return ("edit-session", self.session_id, next(iter(self.new)))
        return None


class ArchiveSession(Command):
    """Archive a session (hidden from the start screen's list) or take it out of the archive."""

    def __init__(self, session_id: int, archived: bool = True) -> None:
        self.session_id = session_id
        self.archived = archived
        self.before: bool | None = None
        self.label = _("Archive session") if archived else _("Take session out of the archive")

    def _set(self, db: OrmSession, value: bool) -> Changes:
        obj = _get(db, self.session_id)
        obj.archived = value
        return Changes(
            [Change(Entity.SESSION, "updated", (self.session_id,), self.session_id, ("archived",))]
        )

    def do(self, db: OrmSession) -> Changes:
        self.before = bool(_get(db, self.session_id).archived)
        return self._set(db, self.archived)

    def undo(self, db: OrmSession) -> Changes:
        assert self.before is not None
        return self._set(db, self.before)


def session_rows(session_id: int) -> list[tuple[str, Any]]:
    """Every row that belongs to a session, parents first (for delete and undo)."""
    rounds = rows.table("breakout_rounds")
    groups = rows.table("breakout_groups")
    from sqlalchemy import select

    round_ids = select(rounds.c.id).where(rounds.c.session_id == session_id)
    group_ids = select(groups.c.id).where(groups.c.round_id.in_(round_ids))
    return [
        ("sessions", lambda t: t.c.id == session_id),
        ("participants", lambda t: t.c.session_id == session_id),
        ("agenda_items", lambda t: t.c.session_id == session_id),
        ("breakout_rounds", lambda t: t.c.session_id == session_id),
        ("breakout_groups", lambda t: t.c.round_id.in_(round_ids)),
        ("memberships", lambda t: t.c.group_id.in_(group_ids)),
        ("notes", lambda t: t.c.session_id == session_id),
        ("attachments", lambda t: t.c.session_id == session_id),
        ("timer_events", lambda t: t.c.session_id == session_id),
    ]


class DeleteSession(Command):
    def __init__(self, session_id: int) -> None:
        self.session_id = session_id
        self.saved: rows.RowSet | None = None
        self.label = _("Delete session")

    def do(self, db: OrmSession) -> Changes:
        obj = _get(db, self.session_id)
        self.saved = rows.capture(db, session_rows(self.session_id))
        db.delete(obj)
        return Changes([Change(Entity.SESSION, "deleted", (self.session_id,), self.session_id)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.saved is not None
        rows.restore(db, self.saved)
        return Changes([Change(Entity.SESSION, "created", (self.session_id,), self.session_id)])
