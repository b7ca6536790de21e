"""Read side of capture: agenda items, the reporting queue, notes, photos and actions as
plain frozen dataclasses (safe to hand from the DB worker to the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from workshop.capture.queue import (
    QUEUE_KINDS,
    effective_minutes,
    is_capture_round,
    ordered_groups,
    queue_round,
)
from workshop.commands.base import CommandError
from workshop.i18n import _
from workshop.model import AgendaItem, Attachment, BreakoutGroup, Note, NoteKind, WorkSession
from workshop.store.library import Library


@dataclass(frozen=True)
class CaptureItem:
    id: int
    position: int
    title: str
    kind: str
    planned_minutes: int
    speaking_minutes: float | None
    summary: str
    note_count: int

    @property
    def has_queue(self) -> bool:
        return self.kind in QUEUE_KINDS


@dataclass(frozen=True)
class QueueEntry:
    group_id: int
    name: str
    table_name: str
    theme: str
    speaking_minutes: float | None  # own setting
    effective_minutes: float | None  # own, else the item's default
    note_count: int
    from_breakout: bool  # made on the Groepen page (not removable here)

    @property
    def label(self) -> str:
        return self.name or self.table_name or _("Group")


@dataclass(frozen=True)
class ReportingQueue:
    item_id: int
    round_id: int | None
    entries: tuple[QueueEntry, ...]
    planned_minutes: int
    default_minutes: float | None

    @property
    def total_minutes(self) -> float:
        return sum(e.effective_minutes or 0 for e in self.entries)

    @property
    def over_plan(self) -> bool:
        return self.total_minutes > self.planned_minutes


@dataclass(frozen=True)
class NoteView:
    id: int
    item_id: int | None
    group_id: int | None
    kind: str
    text: str
    speaker: str
    speaker_may_be_named: bool
    action_who: str
    action_due: date | None
    action_due_text: str
    theme: str
    starred: bool
    votes: int
    position: int


@dataclass(frozen=True)
class PhotoView:
    id: int
    item_id: int | None
    group_id: int | None
    caption: str
    filename: str
    width: int
    height: int
    rotation: int
    thumbnail: bytes
    description: str = ""  # for who cannot see it (alt text)


@dataclass(frozen=True)
class ActionView:
    note_id: int
    text: str
    who: str
    due: date | None
    due_text: str
    item_id: int | None
    item_title: str
    group_id: int | None
    group_name: str


@dataclass(frozen=True)
class SessionCapture:
    """Everything the capture page shows for one session, read in one go."""

    session_id: int
    session_title: str
    session_date: date | None
    summary: str
    follow_up: str
    items: tuple[CaptureItem, ...]
    themes: tuple[str, ...]


def note_view(n: Note) -> NoteView:
    return NoteView(
        n.id,
        n.agenda_item_id,
        n.group_id,
        n.kind,
        n.text,
        n.speaker,
        n.speaker_may_be_named,
        n.action_who,
        n.action_due,
        n.action_due_text,
        n.theme,
        n.starred,
        n.votes,
        n.position,
    )


def session_capture(library: Library, session_id: int) -> SessionCapture:
    with library.read() as db:
        session = db.get(WorkSession, session_id)
        if session is None:
            raise CommandError(_("Session {id} does not exist").format(id=session_id))
        counts = dict(
            db.execute(
                select(Note.agenda_item_id, func.count(Note.id))
                .where(Note.session_id == session_id)
                .group_by(Note.agenda_item_id)
            ).all()
        )
        items = tuple(
            CaptureItem(
                i.id,
                i.position,
                i.title,
                i.kind,
                i.planned_minutes,
                i.speaking_minutes,
                i.summary,
                counts.get(i.id, 0),
            )
            for i in session.items
        )
        themes = db.scalars(
            select(Note.theme).where(Note.session_id == session_id, Note.theme != "").distinct()
        ).all()
        return SessionCapture(
            session.id,
            session.title,
            session.date,
            session.summary,
            session.follow_up,
            items,
            tuple(sorted(themes, key=str.casefold)),
        )


def reporting_queue(library: Library, item_id: int) -> ReportingQueue:
    with library.read() as db:
        item = db.get(AgendaItem, item_id)
        if item is None:
            raise CommandError(_("This agenda item no longer exists"))
        rnd = queue_round(db, item)
        entries: list[QueueEntry] = []
        if rnd is not None:
            groups = ordered_groups(rnd)
            counts = dict(
                db.execute(
                    select(Note.group_id, func.count(Note.id))
                    .where(
                        Note.group_id.in_([g.id for g in groups]), Note.agenda_item_id == item_id
                    )
                    .group_by(Note.group_id)
                ).all()
            )
            capture_made = is_capture_round(rnd)
            entries = [
                QueueEntry(
                    g.id,
                    g.name,
                    g.table_name,
                    g.theme,
                    g.speaking_minutes,
                    effective_minutes(g, item),
                    counts.get(g.id, 0),
                    not capture_made,
                )
                for g in groups
            ]
        return ReportingQueue(
            item.id,
            rnd.id if rnd else None,
            tuple(entries),
            item.planned_minutes,
            item.speaking_minutes,
        )


def notes_for(library: Library, item_id: int | None, group_id: int | None) -> list[NoteView]:
    """The notes of one list: an item's own notes (group None) or one group's."""
    with library.read() as db:
        query = select(Note).where(
            Note.agenda_item_id.is_(None) if item_id is None else Note.agenda_item_id == item_id,
            Note.group_id.is_(None) if group_id is None else Note.group_id == group_id,
        )
        return [note_view(n) for n in db.scalars(query.order_by(Note.position, Note.id))]


def photos_for(library: Library, item_id: int | None, group_id: int | None) -> list[PhotoView]:
    with library.read() as db:
        query = select(Attachment).where(
            Attachment.agenda_item_id.is_(None)
            if item_id is None
            else Attachment.agenda_item_id == item_id,
            Attachment.group_id.is_(None) if group_id is None else Attachment.group_id == group_id,
        )
        return [
            PhotoView(
                a.id,
                a.agenda_item_id,
                a.group_id,
                a.caption,
                a.filename,
                a.width,
                a.height,
                a.rotation,
                a.thumbnail or b"",
                a.description,
            )
            for a in db.scalars(query.order_by(Attachment.position, Attachment.id))
        ]


def photo_data(library: Library, photo_id: int) -> tuple[bytes, str]:
    """The print-size image and file name of one photo (for rotating or a large view)."""
    with library.read() as db:
        obj = db.get(Attachment, photo_id)
        if obj is None:
            raise CommandError(_("This photo no longer exists"))
        return obj.data, obj.filename


def actions(library: Library, session_id: int) -> list[ActionView]:
    """All actions of a session in agenda order, then group order, then note order."""
    with library.read() as db:
        found = db.execute(
            select(Note, AgendaItem, BreakoutGroup)
            .outerjoin(AgendaItem, Note.agenda_item_id == AgendaItem.id)
            .outerjoin(BreakoutGroup, Note.group_id == BreakoutGroup.id)
            .where(Note.session_id == session_id, Note.kind == NoteKind.ACTIE.value)
        ).all()
        out = []
        for note, item, group in found:
            out.append(
                (
                    (
                        item.position if item else 10_000,
                        (
                            group.report_position
                            if group and group.report_position is not None
                            else -1
                        ),
                        group.position if group else -1,
                        note.position,
                        note.id,
                    ),
                    ActionView(
                        note.id,
                        note.text,
                        note.action_who,
                        note.action_due,
                        note.action_due_text,
                        item.id if item else None,
                        item.title if item else "",
                        group.id if group else None,
                        (group.name or group.table_name) if group else "",
                    ),
                )
            )
        return [view for _key, view in sorted(out, key=lambda pair: pair[0])]
