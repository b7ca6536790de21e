"""Commands on the reporting queue: groups or pitches in speaking order, with speaking time."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session as OrmSession

from workshop.capture.queue import (
    SOURCE_CAPTURE,
    SOURCE_KEY,
    is_capture_round,
    own_round,
    queue_round,
)
from workshop.commands import rows
from workshop.commands.base import Change, Changes, Command, CommandError, FieldEdit
from workshop.i18n import _, format_number
from workshop.model import AgendaItem, Attachment, BreakoutGroup, BreakoutRound, Note

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


class AddQueueEntry(Command):
    """Add a group, initiative or city to the reporting queue of an agenda item.

    When the item has no queue yet, a round attached to the item is created for it.
    """

    def __init__(self, item_id: int, name: str, speaking_minutes: float | None = None) -> None:
        self.item_id = item_id
        self.name = _check_name(name)
        _check_minutes(speaking_minutes)
        self.speaking_minutes = speaking_minutes
        self.group_id: int | None = None
        self.round_id: int | None = None
        self.created_round = False
        self.report_position: int | None = None
        self.session_id: int | None = None
        self.label = _("Add to the queue")

    def do(self, db: OrmSession) -> Changes:
        item = _item(db, self.item_id)
        self.session_id = item.session_id
        changes = Changes()
        rnd = db.get(BreakoutRound, self.round_id) if self.round_id is not None else None
        if rnd is None:
            rnd = queue_round(db, item) or own_round(db, item.id)
        if rnd is None or (self.created_round and rnd.id != self.round_id):
            number = (
                db.execute(
                    select(func.max(BreakoutRound.number)).where(
                        BreakoutRound.session_id == item.session_id
                    )
                ).scalar()
                or 0
            ) + 1
            rnd = BreakoutRound(
                session_id=item.session_id,
                agenda_item_id=item.id,
                number=number,
                title=item.title,
                settings={SOURCE_KEY: SOURCE_CAPTURE},
            )
            if self.round_id is not None:
                rnd.id = self.round_id
            db.add(rnd)
            db.flush()
            self.created_round = True
            changes.add(Change("round", "created", (rnd.id,), item.session_id))
        self.round_id = rnd.id
        if self.report_position is None:
            positions = [
                g.report_position if g.report_position is not None else g.position
                for g in rnd.groups
            ]
            self.report_position = max(positions, default=-1) + 1
        group = BreakoutGroup(
            round_id=rnd.id,
            position=self.report_position,
            report_position=self.report_position,
            name=self.name,
            speaking_minutes=self.speaking_minutes,
        )
        if self.group_id is not None:
            group.id = self.group_id
        db.add(group)
        db.flush()
        self.group_id = group.id
        changes.add(Change("group", "created", (group.id,), item.session_id))
        return changes

    def undo(self, db: OrmSession) -> Changes:
        assert self.group_id is not None and self.session_id is not None
        db.delete(_group(db, self.group_id))
        changes = Changes([Change("group", "deleted", (self.group_id,), self.session_id)])
        if self.created_round and self.round_id is not None:
            rnd = db.get(BreakoutRound, self.round_id)
            if rnd is not None:
                db.flush()
                db.delete(rnd)
                changes.add(Change("round", "deleted", (self.round_id,), self.session_id))
        return changes


_QUEUE_FIELDS: dict[str, Any] = {"name": str, "speaking_minutes": (float, int, type(None))}


class EditQueueEntry(FieldEdit):
    """Rename an entry or set its speaking time (None: the item's default)."""

    def __init__(self, group_id: int, **values: Any) -> None:
        if not values:
            raise CommandError(_("Nothing to change"))
        for name, value in values.items():
            if name not in _QUEUE_FIELDS or not isinstance(value, _QUEUE_FIELDS[name]):
                raise CommandError(_("Wrong value for {field}").format(field=name))
        if "name" in values:
            values["name"] = _check_name(values["name"])
        if "speaking_minutes" in values:
            _check_minutes(values["speaking_minutes"])
            if values["speaking_minutes"] is not None:
                values["speaking_minutes"] = float(values["speaking_minutes"])
        self.group_id = group_id
        self.new = values
        self.session_id: int | None = None
        self.label = _("Set speaking time") if set(values) == {"speaking_minutes"} else _("Rename")

    def _row(self, db: OrmSession) -> BreakoutGroup:
        return _group(db, self.group_id)

    def _changes(self, row: BreakoutGroup, fields: tuple[str, ...]) -> Changes:
        self.session_id = row.round.session_id
        return Changes([Change("group", "updated", (row.id,), self.session_id, fields)])


class ReorderQueue(Command):
    """Set the reporting order of the groups of one round."""

    def __init__(self, group_ids: list[int]) -> None:
        if not group_ids or len(set(group_ids)) != len(group_ids):
            raise CommandError(_("The new order is not valid"))
        self.group_ids = list(group_ids)
        self.old: dict[int, int | None] | None = None
        self.session_id: int | None = None
        self.label = _("Change speaking order")

    def _apply(self, db: OrmSession, positions: dict[int, int | None]) -> Changes:
        for group_id, position in positions.items():
            group = _group(db, group_id)
            group.report_position = position
            self.session_id = group.round.session_id
        return Changes(
            [Change("group", "moved", tuple(positions), self.session_id, ("report_position",))]
        )

    def do(self, db: OrmSession) -> Changes:
        groups = [_group(db, i) for i in self.group_ids]
        if len({g.round_id for g in groups}) != 1:
            raise CommandError(_("Only groups of one round can be put in order"))
        if self.old is None:
            self.old = {g.id: g.report_position for g in groups}
        return self._apply(db, {gid: pos for pos, gid in enumerate(self.group_ids)})

    def undo(self, db: OrmSession) -> Changes:
        assert self.old is not None
        return self._apply(db, self.old)


class RemoveQueueEntry(Command):
    """Remove an entry typed in on the capture page; its notes and photos stay on the item.

    Groups made on the Groepen page belong to the breakout and are removed there.
    """

    def __init__(self, group_id: int) -> None:
        self.group_id = group_id
        self.saved: rows.RowSet | None = None
        self.note_ids: list[int] = []
        self.photo_ids: list[int] = []
        self.session_id: int | None = None
        self.label = _("Remove from the queue")

    def do(self, db: OrmSession) -> Changes:
        group = _group(db, self.group_id)
        if not is_capture_round(group.round):
            raise CommandError(
                _("This group belongs to the breakout; remove it on the Groups page")
            )
        self.session_id = group.round.session_id
        self.note_ids = list(db.scalars(select(Note.id).where(Note.group_id == group.id)))
        self.photo_ids = list(
            db.scalars(select(Attachment.id).where(Attachment.group_id == group.id))
        )
        self.saved = rows.capture(
            db,
            [
                ("breakout_groups", lambda t: t.c.id == self.group_id),
                ("memberships", lambda t: t.c.group_id == self.group_id),
            ],
        )
        db.delete(group)
        return Changes([Change("group", "deleted", (self.group_id,), self.session_id)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.saved is not None and self.session_id is not None
        rows.restore(db, self.saved)
        if self.note_ids:
            db.execute(
                update(Note).where(Note.id.in_(self.note_ids)).values(group_id=self.group_id)
            )
        if self.photo_ids:
            db.execute(
                update(Attachment)
                .where(Attachment.id.in_(self.photo_ids))
                .values(group_id=self.group_id)
            )
        return Changes([Change("group", "created", (self.group_id,), self.session_id)])
