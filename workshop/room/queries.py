"""What the facilitator's phone panel reads: questions with results, answers to moderate,
the points to dot-vote on. Plain data, read on the DB worker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from workshop.model import Note, RoomAnswer
from workshop.room.view import question_rows
from workshop.store.library import Library

#: the kinds of notes offered for dot-voting (points, levers and actions of the harvest)
VOTABLE_KINDS = ("inzicht", "hefboom", "actie", "vraag")
#: the most points one dot-vote offers (a phone screen's worth)
MAX_VOTE_POINTS = 20
#: the most answers the moderation list shows (newest first)
MAX_MODERATION_ROWS = 200


@dataclass(frozen=True)
class ModerationRow:
    """One answer typed on a phone (open text or one word), with its status."""

    id: int
    question_id: int
    prompt: str
    value: str
    status: str  # "pending" | "shown" | "hidden"


@dataclass(frozen=True)
class TableNoteRow:
    """One note a rapporteur typed at a table (the panel can take it away, with undo)."""

    id: int
    group_id: int | None
    kind: str
    text: str


@dataclass(frozen=True)
class PanelData:
    questions: list[dict[str, Any]]
    answers: list[ModerationRow]
    pending: int
    table_notes: list[TableNoteRow] = field(default_factory=list)


def panel_data(library: Library, session_id: int) -> PanelData:
    """Questions with their results and the typed answers, newest first, in one read."""
    with library.read() as db:
        texts = dict(
            db.execute(select(Note.id, Note.text).where(Note.session_id == session_id)).all()
        )
        questions = question_rows(db, session_id, texts)
        prompts = {q["id"]: q["prompt"] for q in questions}
        typed = [q["id"] for q in questions if q["kind"] in ("text", "word")]
        rows = db.scalars(
            select(RoomAnswer)
            .where(RoomAnswer.session_id == session_id, RoomAnswer.question_id.in_(typed))
            .order_by(RoomAnswer.id.desc())
            .limit(MAX_MODERATION_ROWS)
        ).all()
        answers = [
            ModerationRow(a.id, a.question_id, prompts.get(a.question_id, ""), a.value, a.status)
            for a in rows
        ]
        table_notes = [
            TableNoteRow(n.id, n.group_id, n.kind, n.text)
            for n in db.scalars(
                select(Note)
                .where(Note.session_id == session_id, Note.source == "table")
                .order_by(Note.id.desc())
                .limit(MAX_MODERATION_ROWS)
            )
        ]
    pending = sum(q["results"]["pending"] for q in questions)
    return PanelData(questions, answers, pending, table_notes)


def votable_points(library: Library, session_id: int, item_id: int | None = None) -> list[int]:
    """The notes to dot-vote on: the item's points (all of the session's without an item or
    when the item has none), in the capture page's order, at most MAX_VOTE_POINTS."""
    with library.read() as db:
        query = select(Note.id).where(
            Note.session_id == session_id, Note.kind.in_(VOTABLE_KINDS), Note.text != ""
        )
        ids: list[int] = []
        if item_id is not None:
            ids = list(
                db.scalars(
                    query.where(Note.agenda_item_id == item_id).order_by(Note.position, Note.id)
                )
            )
        if not ids:
            ids = list(db.scalars(query.order_by(Note.position, Note.id)))
    return ids[:MAX_VOTE_POINTS]
