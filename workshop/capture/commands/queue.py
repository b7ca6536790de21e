"""Commands on the reporting queue: groups or pitches in speaking order, with speaking time."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session as OrmSession

from workshop.agenda.commands import EditItem
from workshop.capture.queue import Target
from workshop.capture.queue_view import queue_round, speaking_order
from workshop.changes import Entity
from workshop.commands import rows
from workshop.commands.base import Change, Changes, Command, FieldEdit
from workshop.errors import CommandError
from workshop.i18n import _, format_number
from workshop.model import AgendaItem, Attachment, BreakoutGroup, Note, Participant, QueueEntry
from workshop.readmodel.records import GroupInfo
from workshop.readmodel.snapshot import Part, read_snapshot

#: What the speaking order of a queue is worked out from.
QUEUE_ROWS = frozenset({Part.AGENDA, Part.ROUNDS, Part.PITCHES})

MAX_NAME = 300
MAX_MINUTES = 240.0


def _item(db: OrmSession, item_id: int) -> AgendaItem:
    item = db.get(AgendaItem, item_id)
    if item is None:
        raise CommandError(_("This agenda item no longer exists"))
    return item


def _group(db: OrmSession, group_id: int) -> BreakoutGroup:
    group = db.get(BreakoutGroup, group_id)
    if group is None:
        raise CommandError(_("This group no longer exists"))
    return group


def _check_minutes(minutes: float | None) -> None:
    if minutes is not None and not 0 < minutes <= MAX_MINUTES:
        raise CommandError(
            _("Speaking time must be between 0 and {n} minutes").format(n=int(MAX_MINUTES))
        )


def _check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise CommandError(_("Give the group or pitch a name"))
    if len(name) > MAX_NAME:
        raise CommandError(
            _("This text is too long (at most {n} characters)").format(n=format_number(MAX_NAME))
        )
    return name


def _entry(db: OrmSession, entry_id: int) -> QueueEntry:
    entry = db.get(QueueEntry, entry_id)
    if entry is None:
        raise CommandError(_("This pitch is no longer in the queue"))
    return entry


class AddQueueEntry(Command):
    """Add an initiative or city (a pitch) to the speaking queue of an agenda item.

    A queue entry of its own, not a breakout group: nobody is seated in it.
    """

    def __init__(
        self,
        item_id: int,
        name: str,
        speaking_minutes: float | None = None,
        participant_id: int | None = None,
    ) -> None:
        self.item_id = item_id
        self.name = _check_name(name)
        _check_minutes(speaking_minutes)
        self.speaking_minutes = speaking_minutes
        self.participant_id = participant_id
        self.entry_id: int | None = None
        self.position: int | None = None
        self.session_id: int | None = None
        self.label = _("Add to the queue")

    def do(self, db: OrmSession) -> Changes:
        item = _item(db, self.item_id)
        self.session_id = item.session_id
        if self.position is None:
            snapshot = read_snapshot(db, item.session_id, QUEUE_ROWS)
            agenda_entry = snapshot.item(item.id)
            assert agenda_entry is not None
            keys = [
                (r.report_position if r.report_position is not None else r.position)
                if isinstance(r, GroupInfo)
                else r.position
                for r in speaking_order(snapshot, agenda_entry, queue_round(snapshot, agenda_entry))
            ]
            self.position = max(keys, default=-1) + 1
        entry = QueueEntry(
            session_id=item.session_id,
            agenda_item_id=item.id,
            position=self.position,
            name=self.name,
            speaking_minutes=self.speaking_minutes,
            participant_id=self.participant_id,
        )
        if self.entry_id is not None:
            entry.id = self.entry_id
        db.add(entry)
        db.flush()
        self.entry_id = entry.id
        return Changes([Change(Entity.QUEUE_ENTRY, "created", (entry.id,), item.session_id)])

    @property
    def target(self) -> Target:
        return Target(entry_id=self.entry_id)

    def undo(self, db: OrmSession) -> Changes:
        assert self.entry_id is not None and self.session_id is not None
        db.delete(_entry(db, self.entry_id))
        return Changes([Change(Entity.QUEUE_ENTRY, "deleted", (self.entry_id,), self.session_id)])


_QUEUE_FIELDS: dict[str, Any] = {"name": str, "speaking_minutes": (float, int, type(None))}
_ENTRY_FIELDS: dict[str, Any] = {
    **_QUEUE_FIELDS,
    "participant_id": (int, type(None)),
    "group_id": (int, type(None)),
}


class EditQueueEntry(FieldEdit):
    """Rename a queue row or set its speaking time (None: the item's default); a typed
    entry also gets who brings it (`participant_id`) and its team (`group_id`)."""

    def __init__(self, target: Target, **values: Any) -> None:
        if not values:
            raise CommandError(_("Nothing to change"))
        if target.is_item:
            raise CommandError(_("Choose a group or pitch first"))
        allowed = _ENTRY_FIELDS if target.entry_id is not None else _QUEUE_FIELDS
        for name, value in values.items():
            if name not in allowed or not isinstance(value, allowed[name]):
                raise CommandError(_("Wrong value for {field}").format(field=name))
        if "name" in values:
            values["name"] = _check_name(values["name"])
        if "speaking_minutes" in values:
            _check_minutes(values["speaking_minutes"])
            if values["speaking_minutes"] is not None:
                values["speaking_minutes"] = float(values["speaking_minutes"])
        self.target = target
        self.new = values
        self.session_id: int | None = None
        if set(values) == {"speaking_minutes"}:
            self.label = _("Set speaking time")
        elif set(values) == {"name"}:
            self.label = _("Rename")
        else:
            self.label = _("Link pitch")

    def _row(self, db: OrmSession) -> BreakoutGroup | QueueEntry:
        if self.target.entry_id is not None:
            return _entry(db, self.target.entry_id)
        assert self.target.group_id is not None
        return _group(db, self.target.group_id)

    def do(self, db: OrmSession) -> Changes:
        row = self._row(db)
        if isinstance(row, QueueEntry):
            if self.new.get("group_id") is not None:
                team = _group(db, self.new["group_id"])
                if team.round.session_id != row.session_id:
                    raise CommandError(_("This group no longer exists"))
            if self.new.get("participant_id") is not None:
                person = db.get(Participant, self.new["participant_id"])
                if person is None or person.session_id != row.session_id:
                    raise CommandError(_("This participant no longer exists"))
        return super().do(db)

    def _changes(self, row: BreakoutGroup | QueueEntry, fields: tuple[str, ...]) -> Changes:
        if isinstance(row, QueueEntry):
            self.session_id = row.session_id
            return Changes(
                [Change(Entity.QUEUE_ENTRY, "updated", (row.id,), self.session_id, fields)]
            )
        self.session_id = row.round.session_id
        return Changes([Change(Entity.GROUP, "updated", (row.id,), self.session_id, fields)])


class ReorderQueue(Command):
    """Set the speaking order of one item's queue (breakout groups and typed entries)."""

    def __init__(self, targets: list[Target]) -> None:
        if not targets or len(set(targets)) != len(targets) or any(t.is_item for t in targets):
            raise CommandError(_("The new order is not valid"))
        self.targets = list(targets)
        self.old: dict[Target, int | None] | None = None
        self.session_id: int | None = None
        self.label = _("Change speaking order")

    def _apply(self, db: OrmSession, positions: dict[Target, int | None]) -> Changes:
        changes = Changes()
        for target, position in positions.items():
            if target.entry_id is not None:
                entry = _entry(db, target.entry_id)
                entry.position = position or 0
                self.session_id = entry.session_id
                changes.add(
                    Change(Entity.QUEUE_ENTRY, "moved", (entry.id,), self.session_id, ("position",))
                )
            else:
                assert target.group_id is not None
                group = _group(db, target.group_id)
                group.report_position = position
                self.session_id = group.round.session_id
                changes.add(
                    Change(
                        Entity.GROUP, "moved", (group.id,), self.session_id, ("report_position",)
                    )
                )
        return changes

    def do(self, db: OrmSession) -> Changes:
        groups = [_group(db, t.group_id) for t in self.targets if t.group_id is not None]
        entries = [_entry(db, t.entry_id) for t in self.targets if t.entry_id is not None]
        if len({g.round_id for g in groups}) > 1 or len({e.agenda_item_id for e in entries}) > 1:
            raise CommandError(_("Only groups of one round can be put in order"))
        if self.old is None:
            self.old = {Target(group_id=g.id): g.report_position for g in groups}
            self.old.update({Target(entry_id=e.id): e.position for e in entries})
        return self._apply(db, {t: pos for pos, t in enumerate(self.targets)})

    def undo(self, db: OrmSession) -> Changes:
        assert self.old is not None
        return self._apply(db, self.old)


class RemoveQueueEntry(Command):
    """Remove a pitch typed in on the capture page; its notes and photos stay on the item.

    Groups made on the Groepen page belong to the breakout and are removed there.
    """

    def __init__(self, target: Target) -> None:
        self.target = target
        self.saved: rows.RowSet | None = None
        self.note_ids: list[int] = []
        self.photo_ids: list[int] = []
        self.session_id: int | None = None
        self.label = _("Remove from the queue")

    def do(self, db: OrmSession) -> Changes:
        if self.target.entry_id is None:
            raise CommandError(
                _("This group belongs to the breakout; remove it on the Groups page")
            )
        entry_id = self.target.entry_id
        entry = _entry(db, entry_id)
        self.session_id = entry.session_id
        self.note_ids = list(db.scalars(select(Note.id).where(Note.queue_entry_id == entry_id)))
        self.photo_ids = list(
            db.scalars(select(Attachment.id).where(Attachment.queue_entry_id == entry_id))
        )
        self.saved = rows.capture(db, [("queue_entries", lambda t: t.c.id == entry_id)])
        db.execute(update(Note).where(Note.id.in_(self.note_ids)).values(queue_entry_id=None))
        db.execute(
            update(Attachment).where(Attachment.id.in_(self.photo_ids)).values(queue_entry_id=None)
        )
        db.delete(entry)
        changes = Changes([Change(Entity.QUEUE_ENTRY, "deleted", (entry_id,), self.session_id)])
        if self.note_ids:
            changes.add(Change(Entity.NOTE, "moved", tuple(self.note_ids), self.session_id))
        return changes

    def undo(self, db: OrmSession) -> Changes:
        assert self.saved is not None and self.session_id is not None
        entry_id = self.target.entry_id
        assert entry_id is not None  # do() refused a target without an entry
        rows.restore(db, self.saved)
        if self.note_ids:
            db.execute(
                update(Note).where(Note.id.in_(self.note_ids)).values(queue_entry_id=entry_id)
            )
        if self.photo_ids:
            db.execute(
                update(Attachment)
                .where(Attachment.id.in_(self.photo_ids))
                .values(queue_entry_id=entry_id)
            )
        changes = Changes([Change(Entity.QUEUE_ENTRY, "created", (entry_id,), self.session_id)])
        if self.note_ids:
            changes.add(Change(Entity.NOTE, "moved", tuple(self.note_ids), self.session_id))
        return changes


class SetHarvestItem(EditItem):
    """Which breakout a plenary item harvests (None: the nearest earlier item with groups)."""

    def __init__(self, item_id: int, source_item_id: int | None) -> None:
        if source_item_id == item_id:
            raise CommandError(_("An item cannot harvest its own groups"))
        self.item_id = item_id
        self.source_item_id = source_item_id
        self.new = {"harvest_item_id": source_item_id}
        self.session_id: int | None = None
        self.label = _("Choose the groups that report back")

    def do(self, db: OrmSession) -> Changes:
        item = self._row(db)
        if self.source_item_id is not None:
            source = db.get(AgendaItem, self.source_item_id)
            if source is None or source.session_id != item.session_id:
                raise CommandError(_("This agenda item no longer exists"))
        return super().do(db)
