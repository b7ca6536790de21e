"""Read side of capture: agenda items, the reporting queue, notes, photos and actions as
plain frozen dataclasses (safe to hand from the DB worker to the UI thread)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from workshop.capture import queue_view as qv
from workshop.capture.queue import QUEUE_KINDS, Target, default_minutes
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import AgendaItem, Attachment, Note
from workshop.readmodel.records import PitchInfo
from workshop.readmodel.snapshot import Part, SessionSnapshot, load_snapshot, read_snapshot
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
    """What the capture page shows of the session as a whole."""
    return capture_view(load_snapshot(library, session_id, {Part.AGENDA, Part.NOTES, Part.PEOPLE}))


def capture_view(snapshot: SessionSnapshot) -> SessionCapture:
    """The capture page's view of a snapshot (pure)."""
    s = snapshot.session
    counts = Counter(n.agenda_item_id for n in snapshot.notes)
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
        for i in snapshot.agenda
    )
    themes = {n.theme for n in snapshot.notes if n.theme}
    people = sorted((p for p in snapshot.people if p.name.strip()), key=lambda p: p.name.casefold())
    return SessionCapture(
        s.id,
        s.title,
        s.date,
        s.summary,
        s.follow_up,
        items,
        tuple(sorted(themes, key=str.casefold)),
        tuple((p.id, p.name) for p in people),
    )


def reporting_queue(library: Library, item_id: int) -> ReportingQueue:
    """The speaking queue of one agenda item (run on the DB worker)."""
    with library.read() as db:
        session_id = db.scalar(select(AgendaItem.session_id).where(AgendaItem.id == item_id))
        if session_id is None:
            raise CommandError(_("This agenda item no longer exists"))
        snapshot = read_snapshot(db, session_id, QUEUE_PARTS)
    return queue_view(snapshot, item_id)


#: The parts of a session a reporting queue is derived from.
QUEUE_PARTS = frozenset({Part.AGENDA, Part.ROUNDS, Part.PITCHES, Part.NOTES, Part.PEOPLE})


def queue_view(snapshot: SessionSnapshot, item_id: int) -> ReportingQueue:
    """The reporting queue of one item of a snapshot (pure)."""
    item = snapshot.item(item_id)
    if item is None:
        raise CommandError(_("This agenda item no longer exists"))
    rnd = qv.queue_round(snapshot, item)
    rows = qv.speaking_order(snapshot, item, rnd)
    group_counts, entry_counts = qv.note_counts(snapshot.notes, item.id)
    people = {p.id: p for p in snapshot.people}
    entries: list[QueueEntry] = []
    for row in rows:
        minutes = qv.effective_minutes(row, item, len(rows))
        if isinstance(row, PitchInfo):
            team = snapshot.group(row.team_id) if row.team_id is not None else None
            bringer = people.get(row.bringer_id) if row.bringer_id is not None else None
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
                    team.title if team else "",
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
    source = qv.harvested_item(snapshot, item)
    return ReportingQueue(
        item.id,
        rnd.id if rnd else None,
        tuple(entries),
        item.planned_minutes,
        default_minutes(item, len(entries)),
        source.id if source is not None else None,
        item.harvest_item_id is not None and source is not None,
        tuple(HarvestChoice(c.id, c.title) for c in qv.breakout_candidates(snapshot, item)),
        qv.teams(snapshot),
    )


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
    snapshot = load_snapshot(library, session_id, {Part.AGENDA, Part.ROUNDS, Part.NOTES})
    groups = {g.id: g for r in snapshot.rounds for g in r.groups}
    out = []
    for note in qv.action_notes(snapshot):
        item = snapshot.item(note.agenda_item_id)
        group = groups.get(note.group_id) if note.group_id is not None else None
        out.append(
            ActionView(
                note.id,
                note.text,
                note.action_who,
                note.action_due,
                note.action_due_text,
                item.id if item else None,
                item.title if item else "",
                group.id if group else None,
                group.title if group else "",
            )
        )
    return out
