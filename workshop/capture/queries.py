"""Read side of capture: agenda items, the reporting queue, notes, photos and actions as
plain frozen dataclasses (safe to hand from the DB worker to the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from workshop.capture.queue import (
    QUEUE_KINDS,
    Target,
    breakout_candidates,
    default_minutes,
    effective_minutes,
    harvested_item,
    queue_round,
    speaking_queue,
)
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import (
    AgendaItem,
    Attachment,
    BreakoutGroup,
    BreakoutRound,
    Note,
    NoteKind,
    Participant,
    WorkSession,
)
from workshop.model import QueueEntry as QueueRow
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
    """One row of the speaking queue: a breakout group or a typed entry (a pitch)."""

    group_id: int | None  # a breakout group (None: a typed entry)
    entry_id: int | None  # a typed entry (None: a breakout group)
    name: str
    table_name: str
    theme: str
    speaking_minutes: float | None  # own setting
    effective_minutes: float | None  # own, else the item's default
    note_count: int
    from_breakout: bool  # made on the Groepen page (not removable here)
    team_id: int | None = None  # a typed entry's team (the breakout group working on it)
    team_name: str = ""
    bringer_id: int | None = None  # who brings the initiative
    bringer_name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.table_name or _("Group")

    @property
    def target(self) -> Target:
        return Target(self.group_id, self.entry_id)


@dataclass(frozen=True)
class HarvestChoice:
    """An earlier item with groups that a plenary item may harvest."""

    item_id: int
    title: str


@dataclass(frozen=True)
class ReportingQueue:
    item_id: int
    round_id: int | None
    entries: tuple[QueueEntry, ...]
    planned_minutes: int
    default_minutes: float | None
    harvest_item_id: int | None = None  # the breakout whose groups report here
    harvest_chosen: bool = False  # stored on the item (False: the default)
    harvest_choices: tuple[HarvestChoice, ...] = ()
    teams: tuple[tuple[int, str], ...] = ()  # breakout groups a pitch can be linked to

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
    entry_id: int | None = None  # a typed queue entry (a pitch)
    speaker_id: int | None = None  # the participant the typed speaker was linked to
    answered: bool = False  # a question the meeting answered
    source: str = ""  # "table": typed by the group's rapporteur on a phone


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
    people: tuple[tuple[int, str], ...] = ()  # participants a quote can be linked to


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
        n.queue_entry_id,
        n.speaker_id,
        bool(n.answered),
        n.source or "",
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
            tuple(
                (p.id, p.name)
                for p in sorted(session.participants, key=lambda p: p.name.casefold())
                if p.name.strip()
            ),
        )


def reporting_queue(library: Library, item_id: int) -> ReportingQueue:
    with library.read() as db:
        item = db.get(AgendaItem, item_id)
        if item is None:
            raise CommandError(_("This agenda item no longer exists"))
        rnd = queue_round(db, item)
        rows = speaking_queue(db, item, rnd)
        group_counts = dict(
            db.execute(
                select(Note.group_id, func.count(Note.id))
                .where(Note.agenda_item_id == item_id, Note.group_id.is_not(None))
                .group_by(Note.group_id)
            ).all()
        )
        entry_counts = dict(
            db.execute(
                select(Note.queue_entry_id, func.count(Note.id))
                .where(Note.agenda_item_id == item_id, Note.queue_entry_id.is_not(None))
                .group_by(Note.queue_entry_id)
            ).all()
        )
        entries: list[QueueEntry] = []
        for row in rows:
            minutes = effective_minutes(row, item, len(rows))
            if isinstance(row, QueueRow):
                team = db.get(BreakoutGroup, row.group_id) if row.group_id else None
                bringer = db.get(Participant, row.participant_id) if row.participant_id else None
                entries.append(
                    QueueEntry(
                        None,
                        row.id,
                        row.name,
                        "",
                        "",
                        row.speaking_minutes,
                        minutes,
                        entry_counts.get(row.id, 0),
                        False,
                        team.id if team else None,
                        (team.name or team.table_name) if team else "",
                        bringer.id if bringer else None,
                        bringer.name if bringer else "",
                    )
                )
            else:
                entries.append(
                    QueueEntry(
                        row.id,
                        None,
                        row.name,
                        row.table_name,
                        row.theme,
                        row.speaking_minutes,
                        minutes,
                        group_counts.get(row.id, 0),
                        True,
                    )
                )
        source = harvested_item(db, item)
        return ReportingQueue(
            item.id,
            rnd.id if rnd else None,
            tuple(entries),
            item.planned_minutes,
            default_minutes(item, len(entries)),
            source.id if source is not None else None,
            item.harvest_item_id is not None and source is not None,
            tuple(HarvestChoice(c.id, c.title) for c in breakout_candidates(db, item)),
            _teams(db, item.session_id),
        )


def _teams(db, session_id: int) -> tuple[tuple[int, str], ...]:
    """Every breakout group of the session, labelled with its round when there are several."""
    found = db.execute(
        select(BreakoutGroup, BreakoutRound)
        .join(BreakoutRound, BreakoutGroup.round_id == BreakoutRound.id)
        .where(BreakoutRound.session_id == session_id)
        .order_by(BreakoutRound.number, BreakoutRound.id, BreakoutGroup.position)
    ).all()
    several = len({rnd.id for _group, rnd in found}) > 1
    out = []
    for group, rnd in found:
        name = group.name or group.table_name or _("Group {n}").format(n=group.position + 1)
        if several:
            name = f"{rnd.title or _('Round {n}').format(n=rnd.number)} · {name}"
        out.append((group.id, name))
    return tuple(out)


def _in_list(column_item, column_group, column_entry, item_id, group_id, entry_id):
    return (
        column_item.is_(None) if item_id is None else column_item == item_id,
        column_group.is_(None) if group_id is None else column_group == group_id,
        column_entry.is_(None) if entry_id is None else column_entry == entry_id,
    )


def notes_for(
    library: Library, item_id: int | None, group_id: int | None, entry_id: int | None = None
) -> list[NoteView]:
    """The notes of one list: an item's own notes (group and entry None), one group's or
    one typed entry's."""
    with library.read() as db:
        query = select(Note).where(
            *_in_list(
                Note.agenda_item_id, Note.group_id, Note.queue_entry_id, item_id, group_id, entry_id
            )
        )
        return [note_view(n) for n in db.scalars(query.order_by(Note.position, Note.id))]


def photos_for(
    library: Library, item_id: int | None, group_id: int | None, entry_id: int | None = None
) -> list[PhotoView]:
    with library.read() as db:
        query = select(Attachment).where(
            *_in_list(
                Attachment.agenda_item_id,
                Attachment.group_id,
                Attachment.queue_entry_id,
                item_id,
                group_id,
                entry_id,
            )
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
