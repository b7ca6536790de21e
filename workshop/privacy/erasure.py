"""Erasing a person's traces from a session's free text, and compacting the file afterwards.

Removing a participant deletes their row; this module takes care of what a facilitator
typed about them: mentions in notes, quotes' typed speakers ("Chantal"), action owners,
captions, summaries and group names. Mentions become the role word; a typed speaker or
action owner that names them is cleared. `compact` then rewrites the SQLite file
(checkpoint + VACUUM) so no copy stays in free pages or the write-ahead log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session as OrmSession

from workshop.model import (
    AgendaItem,
    Attachment,
    BreakoutGroup,
    BreakoutRound,
    Note,
    Participant,
    WorkSession,
)
from workshop.privacy.redaction import Redactor, Who, role_words

#: model, fields rewritten with role words, fields cleared when they name the person
_FIELDS = (
    (Note, ("text", "theme"), ("speaker", "action_who")),
    (Attachment, ("caption",), ()),
    (AgendaItem, ("summary",), ()),
    (BreakoutGroup, ("name", "table_name", "theme"), ()),
    (WorkSession, ("summary", "follow_up"), ()),
)


@dataclass(frozen=True)
class Edit:
    """One field of one row that named a person: what it was and what it became."""

    table: str
    row_id: int
    field: str
    old: object
    new: object


def session_redactor(
    db: OrmSession, session_id: int, forgotten: Iterable[Who], keep_ids: Iterable[int] = ()
) -> Redactor:
    """Withholds `forgotten`; the session's other people (`keep_ids` excluded) stay named,
    so their full names survive a shared first name or surname."""
    skip = set(keep_ids)
    others = [
        Who(p.name, "", p.organisation, withheld=False)
        for p in db.scalars(select(Participant).where(Participant.session_id == session_id))
        if p.id not in skip
    ]
    people = [Who(w.name, w.email, "", withheld=True) for w in forgotten] + others
    lang = db.scalar(select(WorkSession.report_language).where(WorkSession.id == session_id))
    return Redactor(people, role_words([], lang or "nl"))


def _rows(db: OrmSession, model, session_id: int, fields: tuple[str, ...]):
    columns = [model.id, *(getattr(model, f) for f in fields)]
    query = select(*columns)
    if model is WorkSession:
        query = query.where(WorkSession.id == session_id)
    elif model is BreakoutGroup:
        rounds = select(BreakoutRound.id).where(BreakoutRound.session_id == session_id)
        query = query.where(BreakoutGroup.round_id.in_(rounds))
    else:
        query = query.where(model.session_id == session_id)
    return db.execute(query).all()


def scrub_session(
    db: OrmSession, session_id: int, redactor: Redactor, write: bool = True
) -> list[Edit]:
    """Every field of the session that names a withheld person, rewritten (when `write`)."""
    edits: list[Edit] = []
    for model, rewritten, cleared in _FIELDS:
        fields = rewritten + cleared
        for row in _rows(db, model, session_id, fields):
            values: dict[str, object] = {}
            for name, value in zip(fields, row[1:], strict=True):
                if not value or not redactor.changes(value):
                    continue
                new = "" if name in cleared else redactor.redact(value)
                values[name] = new
                edits.append(Edit(model.__tablename__, row[0], name, value, new))
            if "speaker" in values:
                note = db.get(Note, row[0])
                if note is not None and note.speaker_may_be_named:
                    values["speaker_may_be_named"] = False
                    edits.append(Edit("notes", row[0], "speaker_may_be_named", True, False))
            if values and write:
                db.execute(update(model).where(model.id == row[0]).values(**values))
    if write and edits:
        db.expire_all()
    return edits


_MODELS = {model.__tablename__: model for model, _r, _c in _FIELDS}


def restore(db: OrmSession, edits: Iterable[Edit]) -> None:
    """Put scrubbed fields back (undo of removing a participant)."""
    for edit in edits:
        model = _MODELS[edit.table]
        db.execute(update(model).where(model.id == edit.row_id).values({edit.field: edit.old}))
    db.expire_all()


def compact(engine: Engine) -> None:
    """Rewrite the file so erased text is in no free page, journal or WAL (SQLite), or let
    PostgreSQL reclaim the dead rows."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            conn.execute(text("VACUUM"))
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        else:
            conn.execute(text("VACUUM"))
