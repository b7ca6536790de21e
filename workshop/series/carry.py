"""What a meeting produced that the next one builds on: open questions, levers, photos.

`NextMeeting` copies them onto one agenda item of the new meeting (the Terugblik acties
item, else the first), each saying where it came from: a note's text ends with
"(uit “<meeting>”)", a photo's caption likewise. Copies, not moves: the earlier meeting's
verslag keeps what it had.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from workshop.i18n import _
from workshop.model import Attachment, Note, NoteKind

#: the attachment columns a copy takes over (not its id, session, item, group or position)
PHOTO_FIELDS = (
    "caption",
    "description",
    "filename",
    "mime",
    "data",
    "thumbnail",
    "width",
    "height",
    "rotation",
)


@dataclass(frozen=True)
class Produced:
    questions: int  # open (unanswered) questions
    levers: int
    photos: int

    @property
    def total(self) -> int:
        return self.questions + self.levers + self.photos


def _notes(db: OrmSession, session_id: int) -> list[Note]:
    return list(
        db.scalars(
            select(Note)
            .where(
                Note.session_id == session_id,
                (Note.kind == NoteKind.KNOP.value)
                | ((Note.kind == NoteKind.VRAAG.value) & Note.answered.is_(False)),
            )
            .order_by(Note.position, Note.id)
        )
    )


def _photos(db: OrmSession, session_id: int) -> list[Attachment]:
    return list(
        db.scalars(
            select(Attachment)
            .where(Attachment.session_id == session_id)
            .order_by(Attachment.position, Attachment.id)
        )
    )


def produced_by(db: OrmSession, session_id: int) -> Produced:
    notes = _notes(db, session_id)
    questions = sum(1 for n in notes if n.kind == NoteKind.VRAAG.value)
    return Produced(questions, len(notes) - questions, len(_photos(db, session_id)))


def origin_mark(title: str) -> str:
    return _("(from “{meeting}”)").format(meeting=" ".join(title.split()))


def copy_produced(
    db: OrmSession,
    source_id: int,
    source_title: str,
    target_id: int,
    item_id: int | None,
    ids: tuple[list[int], list[int]] | None = None,
) -> tuple[list[int], list[int]]:
    """Copy the open questions, levers and photos; returns (note ids, photo ids). `ids`
    (from an earlier run) gives the copies the same ids again on redo."""
    mark = origin_mark(source_title)
    note_ids = iter(ids[0]) if ids else None
    photo_ids = iter(ids[1]) if ids else None
    notes, photos = [], []
    for position, old in enumerate(_notes(db, source_id)):
        note = Note(
            session_id=target_id,
            agenda_item_id=item_id,
            kind=old.kind,
            text=f"{old.text.rstrip()} {mark}",
            theme=old.theme,
            position=position,
        )
        reused_id = next(note_ids, None) if note_ids is not None else None
        if reused_id is not None:
            note.id = reused_id
        db.add(note)
        notes.append(note)
    for position, old_photo in enumerate(_photos(db, source_id)):
        values = {f: getattr(old_photo, f) for f in PHOTO_FIELDS}
        values["caption"] = f"{old_photo.caption.rstrip()} {mark}".strip()
        photo = Attachment(
            session_id=target_id, agenda_item_id=item_id, position=position, **values
        )
        reused_id = next(photo_ids, None) if photo_ids is not None else None
        if reused_id is not None:
            photo.id = reused_id
        db.add(photo)
        photos.append(photo)
    db.flush()
    return [n.id for n in notes], [p.id for p in photos]


def delete_copies(db: OrmSession, ids: tuple[list[int], list[int]]) -> None:
    for model, wanted in ((Note, ids[0]), (Attachment, ids[1])):
        for row_id in wanted:
            row = db.get(model, row_id)
            if row is not None:
                db.delete(row)
    db.flush()
