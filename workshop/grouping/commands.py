"""Commands on breakout rounds and groups: store a plan, move people, lock, name, host, order.

Every command here edits the rounds of one agenda item. They share one undo mechanism: the
item's rounds, groups and memberships (and which notes and photos point at those groups) are
captured before the first `do` and after it; `undo` puts back the first picture, redo the
second. Group rows are reused in place where possible, so notes keep their group.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session as OrmSession

from workshop.changes import Entity
from workshop.commands import rows
from workshop.commands.base import Change, Changes, Command
from workshop.errors import CommandError, ConflictError
from workshop.i18n import _, format_number
from workshop.model import (
    AgendaItem,
    Attachment,
    BreakoutGroup,
    BreakoutRound,
    Membership,
    Note,
    Participant,
    QueueEntry,
)
from workshop.people.commands import clean_text

MAX_LABEL = 300


@dataclass(frozen=True)
class GroupSpec:
    """One group of a round to store: members in seat order, and its labels."""

    members: tuple[int, ...]
    theme: str = ""
    host_id: int | None = None
    name: str = ""
    table_name: str = ""


@dataclass
class _Snapshot:
    rows: rows.RowSet
    note_groups: dict[int, int] = field(default_factory=dict)
    attachment_groups: dict[int, int] = field(default_factory=dict)
    entry_groups: dict[int, int] = field(default_factory=dict)  # pitch -> its team


def _item_rounds_filter(session_id: int, item_id: int | None):
    def where(t):
        cond = t.c.session_id == session_id
        if item_id is None:
            return cond & t.c.agenda_item_id.is_(None)
        return cond & (t.c.agenda_item_id == item_id)

    return where


RoundFilter = Callable[[Table], Any]


def _capture(db: OrmSession, name: str, where: Any) -> list[dict[str, Any]]:
    t = rows.table(name)
    return [dict(m) for m in db.execute(select(t).where(where)).mappings()]


def _snapshot(db: OrmSession, scope: RoundFilter) -> _Snapshot:
    """The rounds in `scope`, their groups and seats, and which notes/photos point at them."""
    rounds_t = rows.table("breakout_rounds")
    groups_t = rows.table("breakout_groups")
    members_t = rows.table("memberships")
    round_ids = select(rounds_t.c.id).where(scope(rounds_t))
    group_ids = select(groups_t.c.id).where(groups_t.c.round_id.in_(round_ids))
    captured = [
        ("breakout_rounds", _capture(db, "breakout_rounds", scope(rounds_t))),
        ("breakout_groups", _capture(db, "breakout_groups", groups_t.c.round_id.in_(round_ids))),
        ("memberships", _capture(db, "memberships", members_t.c.round_id.in_(round_ids))),
    ]
    notes = db.execute(select(Note.id, Note.group_id).where(Note.group_id.in_(group_ids))).all()
    photos = db.execute(
        select(Attachment.id, Attachment.group_id).where(Attachment.group_id.in_(group_ids))
    ).all()
    teams = db.execute(
        select(QueueEntry.id, QueueEntry.group_id).where(QueueEntry.group_id.in_(group_ids))
    ).all()
    # row id -> group id; the queries picked rows with a group (the None test is for the types)
    return _Snapshot(
        captured,
        {row_id: group for row_id, group in notes if group is not None},
        {row_id: group for row_id, group in photos if group is not None},
        {row_id: group for row_id, group in teams if group is not None},
    )


_LINKS: tuple[tuple[str, type[Note] | type[Attachment] | type[QueueEntry]], ...] = (
    ("notes", Note),
    ("attachments", Attachment),
    ("queue_entries", QueueEntry),
)


def _link_map(snap: _Snapshot) -> dict[tuple[str, int], int]:
    maps = (snap.note_groups, snap.attachment_groups, snap.entry_groups)
    return {
        (name, k): v
        for (name, _m), found in zip(_LINKS, maps, strict=True)
        for k, v in found.items()
    }


def _plain(row: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if row is None else {k: v for k, v in row.items() if k != "version"}


def _apply_delta(
    db: OrmSession, scope: RoundFilter, frm: _Snapshot, to: _Snapshot, undo: bool
) -> None:
    """Take the rounds, groups, seats and links a command touched from `frm` to `to`, and
    only those; refused (ConflictError, nothing changed) when another writer changed one of
    them since, or added something (a seat, a note in a group) that this would remove."""
    db.flush()
    now = _snapshot(db, scope)
    frm_rows = {name: {r["id"]: r for r in batch} for name, batch in frm.rows}
    to_rows = {name: {r["id"]: r for r in batch} for name, batch in to.rows}
    now_rows = {name: {r["id"]: r for r in batch} for name, batch in now.rows}
    order = [name for name, _batch in frm.rows]  # parents first
    touched: dict[str, list[int]] = {}
    for name in order:
        was, wanted = frm_rows[name], to_rows[name]
        touched[name] = [
            i for i in dict.fromkeys([*was, *wanted]) if _plain(was.get(i)) != _plain(wanted.get(i))
        ]
    was_links, wanted_links, now_links = _link_map(frm), _link_map(to), _link_map(now)
    moved_links = [
        k
        for k in dict.fromkeys([*was_links, *wanted_links])
        if was_links.get(k) != wanted_links.get(k)
    ]
    removing = any(i not in to_rows[name] for name in order for i in touched[name])
    stale = any(
        _plain(now_rows[name].get(i)) != _plain(frm_rows[name].get(i))
        for name in order
        for i in touched[name]
    ) or any(now_links.get(k) != was_links.get(k) for k in moved_links)
    if removing:  # what others added under what this removes would go with it
        stale = (
            stale
            or any(
                i not in frm_rows[name] and i not in to_rows[name]
                for name in order
                for i in now_rows[name]
            )
            or any(k not in was_links and k not in wanted_links for k in now_links)
        )
    if stale:
        raise ConflictError(
            _("Not undone: the groups were changed by someone else in the meantime")
            if undo
            else _("Not redone: the groups were changed by someone else in the meantime")
        )
    # a changed seat is taken out and put back (same id): seats are unique per round and
    # person, so changing them one by one could clash midway
    renewed = {
        name: [i for i in touched[name] if i in frm_rows[name] and i in to_rows[name]]
        if name == "memberships"
        else []
        for name in order
    }
    for name in reversed(order):  # children first
        gone = [i for i in touched[name] if i not in to_rows[name]] + renewed[name]
        if gone:
            t = rows.table(name)
            db.execute(delete(t).where(t.c.id.in_(gone)))
    for name in order:
        t = rows.table(name)
        new = [
            to_rows[name][i] for i in touched[name] if i not in frm_rows[name] or i in renewed[name]
        ]
        if new:
            db.execute(insert(t), new)
        for i in touched[name]:
            if i in frm_rows[name] and i in to_rows[name] and i not in renewed[name]:
                values = {k: v for k, v in to_rows[name][i].items() if k not in ("id", "version")}
                if "version" in t.c:
                    values["version"] = t.c.version + 1
                db.execute(update(t).where(t.c.id == i).values(values))
    models = dict(_LINKS)
    for name, row_id in moved_links:
        model = models[name]
        db.execute(
            update(model)
            .where(model.id == row_id)
            .values(group_id=wanted_links.get((name, row_id)))
        )
    db.flush()
    db.expire_all()


class RoundsCommand(Command):
    """A change to the rounds of one agenda item; undo and redo change only its rows.

    The before/after pictures cover the item's rounds, or only one round for commands that
    touch one. Undo and redo apply the difference between them row by row (`_apply_delta`)
    and are refused, with one line, when another writer changed those rows since.
    """

    session_id: int
    item_id: int | None

    def __init__(self, session_id: int, item_id: int | None) -> None:
        self.session_id = session_id
        self.item_id = item_id
        self.scope_round_id: int | None = None  # set: snapshots cover this round only
        self._before: _Snapshot | None = None
        self._after: _Snapshot | None = None

    @abstractmethod
    def apply(self, db: OrmSession) -> None:
        """Make the change (first run only); raise CommandError to refuse it."""

    def _scope(self) -> RoundFilter:
        if self.scope_round_id is not None:
            round_id = self.scope_round_id
            return lambda t: t.c.id == round_id
        return _item_rounds_filter(self.session_id, self.item_id)

    def _changes(self) -> Changes:
        ids = (self.item_id,) if self.item_id is not None else ()
        return Changes([Change(Entity.GROUP, "updated", ids, self.session_id)])

    def do(self, db: OrmSession) -> Changes:
        if self._after is None:
            self._before = _snapshot(db, self._scope())
            self.apply(db)
            db.flush()
            self._after = _snapshot(db, self._scope())
        else:
            assert self._before is not None
            _apply_delta(db, self._scope(), self._before, self._after, undo=False)
        return self._changes()

    def undo(self, db: OrmSession) -> Changes:
        assert self._before is not None and self._after is not None
        _apply_delta(db, self._scope(), self._after, self._before, undo=True)
        return self._changes()


def _round(db: OrmSession, round_id: int) -> BreakoutRound:
    obj = db.get(BreakoutRound, round_id)
    if obj is None:
        raise CommandError(_("This round no longer exists"))
    return obj


def _group(db: OrmSession, group_id: int) -> BreakoutGroup:
    obj = db.get(BreakoutGroup, group_id)
    if obj is None:
        raise CommandError(_("This group no longer exists"))
    return obj


def _label(value: str) -> str:
    text = clean_text(value)
    if len(text) > MAX_LABEL:
        raise CommandError(
            _("This text is too long (at most {n} characters)").format(n=format_number(MAX_LABEL))
        )
    return text


def default_group_name(position: int) -> str:
    return _("Group {n}").format(n=position + 1)


def default_table_name(position: int) -> str:
    return _("Table {n}").format(n=position + 1)


class StoreRounds(RoundsCommand):
    """Store planned rounds for an agenda item (a new plan, a re-plan, an absorbed change).

    Round n reuses the item's existing round n and its groups by position: locked groups keep
    their members, unlocked ones get the planned members; names, tables and themes stay unless
    the plan gives a theme. Surplus old rounds and groups are removed.
    """

    def __init__(
        self,
        session_id: int,
        item_id: int | None,
        plan: Sequence[Sequence[GroupSpec]],
        settings: dict[str, Any] | None = None,
        label: str = "",
    ) -> None:
        super().__init__(session_id, item_id)
        if not plan or not all(plan):
            raise CommandError(_("The plan has no groups"))
        for groups in plan:
            seen: set[int] = set()
            for spec in groups:
                dup = seen.intersection(spec.members)
                if dup:
                    raise CommandError(_("Someone is in two groups of one round"))
                seen.update(spec.members)
        self.plan = [list(g) for g in plan]
        self.settings = dict(settings or {})
        self.label = label or _("Plan groups")

    def apply(self, db: OrmSession) -> None:
        if self.item_id is not None:
            item = db.get(AgendaItem, self.item_id)
            if item is None or item.session_id != self.session_id:
                raise CommandError(_("This agenda item no longer exists"))
        people = set(
            db.scalars(select(Participant.id).where(Participant.session_id == self.session_id))
        )
        existing = db.scalars(
            select(BreakoutRound)
            .where(_round_scope(self.session_id, self.item_id))
            .order_by(BreakoutRound.number, BreakoutRound.id)
        ).all()
        first = existing[0].groups if existing else []
        self._labels = [(g.name, g.table_name, g.theme) for g in first]  # tables stay tables
        for index, groups in enumerate(self.plan):
            for spec in groups:
                if not people.issuperset(spec.members):
                    raise CommandError(_("This participant no longer exists"))
            rnd = existing[index] if index < len(existing) else None
            if rnd is None:
                rnd = BreakoutRound(
                    session_id=self.session_id, agenda_item_id=self.item_id, number=index + 1
                )
                db.add(rnd)
                db.flush()
            rnd.number = index + 1
            rnd.settings = dict(self.settings)
            self._fill_round(db, rnd, groups)
        for rnd in existing[len(self.plan) :]:
            db.delete(rnd)

    def _fill_round(self, db: OrmSession, rnd: BreakoutRound, groups: list[GroupSpec]) -> None:
        old_groups = list(rnd.groups)
        db.execute(delete(Membership).where(Membership.round_id == rnd.id))
        db.flush()
        seats: list[dict[str, int]] = []
        for position, spec in enumerate(groups):
            group = old_groups[position] if position < len(old_groups) else None
            if group is None:
                name, table_name, theme = (
                    self._labels[position]
                    if position < len(self._labels)
                    else (default_group_name(position), default_table_name(position), "")
                )
                group = BreakoutGroup(
                    round_id=rnd.id,
                    position=position,
                    name=spec.name or name,
                    table_name=spec.table_name or table_name,
                    theme=theme,
                )
                db.add(group)
                db.flush()
            group.position = position
            if spec.name:
                group.name = _label(spec.name)
            if spec.table_name:
                group.table_name = _label(spec.table_name)
            if spec.theme:
                group.theme = _label(spec.theme)
            if spec.host_id is not None:
                group.host_id = spec.host_id
            if group.host_id not in spec.members:
                group.host_id = None
            if group.rapporteur_id not in spec.members:
                group.rapporteur_id = None
            seats += [
                {"round_id": rnd.id, "group_id": group.id, "participant_id": pid, "seat": seat}
                for seat, pid in enumerate(spec.members)
            ]
        for group in old_groups[len(groups) :]:
            db.delete(group)
        db.flush()
        if seats:
            db.execute(insert(Membership), seats)


def _round_scope(session_id: int, item_id: int | None):
    cond = BreakoutRound.session_id == session_id
    if item_id is None:
        return cond & BreakoutRound.agenda_item_id.is_(None)
    return cond & (BreakoutRound.agenda_item_id == item_id)


def _scope_of_round(db: OrmSession, round_id: int) -> tuple[int, int | None]:
    rnd = _round(db, round_id)
    return rnd.session_id, rnd.agenda_item_id


def _scope_of_group(db: OrmSession, group_id: int) -> tuple[int, int | None]:
    group = _group(db, group_id)
    return _scope_of_round(db, group.round_id)


class _ByRound(RoundsCommand):
    """A rounds command addressed by a round id (scope read from the library on `do`)."""

    #: True when the command changes other rounds of the item too (renumbering).
    whole_item = False

    def __init__(self, round_id: int) -> None:
        super().__init__(0, None)
        self.round_id = round_id
        self._scoped = False

    def do(self, db: OrmSession) -> Changes:
        if not self._scoped:
            self.session_id, self.item_id = _scope_of_round(db, self.round_id)
            if not self.whole_item:
                self.scope_round_id = self.round_id
            self._scoped = True
        return super().do(db)


class _ByGroup(RoundsCommand):
    """A rounds command addressed by a group id."""

    def __init__(self, group_id: int) -> None:
        super().__init__(0, None)
        self.group_id = group_id
        self._scoped = False

    def do(self, db: OrmSession) -> Changes:
        if not self._scoped:
            self.session_id, self.item_id = _scope_of_group(db, self.group_id)
            self.scope_round_id = _group(db, self.group_id).round_id
            self._scoped = True
        return super().do(db)


class MoveMember(_ByRound):
    """Move a person to another group of a round (placing them when they had no seat yet).

    `to_group_id=None` takes the person out of the round.
    """

    def __init__(
        self, round_id: int, participant_id: int, to_group_id: int | None, seat: int | None = None
    ) -> None:
        super().__init__(round_id)
        self.participant_id = participant_id
        self.to_group_id = to_group_id
        self.seat = seat
        self.label = _("Move participant")

    def apply(self, db: OrmSession) -> None:
        person = db.get(Participant, self.participant_id)
        if person is None:
            raise CommandError(_("This participant no longer exists"))
        current = db.scalars(
            select(Membership).where(
                Membership.round_id == self.round_id,
                Membership.participant_id == self.participant_id,
            )
        ).first()
        source = _group(db, current.group_id) if current else None
        target = _group(db, self.to_group_id) if self.to_group_id is not None else None
        if target is not None and target.round_id != self.round_id:
            raise CommandError(_("This group belongs to another round"))
        for group in (source, target):
            if group is not None and group.locked:
                raise CommandError(
                    _("{group} is locked; unlock it first").format(
                        group=group.name or group.table_name
                    )
                )
        if (
            source is not None
            and target is not None
            and source.id == target.id
            and self.seat is None
        ):
            return
        if current is not None:
            if source is not None:
                if source.host_id == person.id:
                    source.host_id = None
                if source.rapporteur_id == person.id:
                    source.rapporteur_id = None
            db.delete(current)
            db.flush()
            if source is not None:
                _renumber(db, source.id)
        if target is None:
            return
        members = _seated(db, target.id)
        seat = len(members) if self.seat is None else max(0, min(self.seat, len(members)))
        members.insert(seat, self.participant_id)
        db.execute(delete(Membership).where(Membership.group_id == target.id))
        db.flush()
        for i, pid in enumerate(members):
            db.add(
                Membership(round_id=self.round_id, group_id=target.id, participant_id=pid, seat=i)
            )


def _seated(db: OrmSession, group_id: int) -> list[int]:
    return list(
        db.scalars(
            select(Membership.participant_id)
            .where(Membership.group_id == group_id)
            .order_by(Membership.seat, Membership.id)
        )
    )


def _renumber(db: OrmSession, group_id: int) -> None:
    found = db.scalars(
        select(Membership)
        .where(Membership.group_id == group_id)
        .order_by(Membership.seat, Membership.id)
    ).all()
    for i, membership in enumerate(found):
        membership.seat = i


class SetGroupLocked(_ByGroup):
    """Lock a group (the planner and drags leave it alone) or unlock it."""

    def __init__(self, group_id: int, locked: bool) -> None:
        super().__init__(group_id)
        self.locked = locked
        self.label = _("Lock group") if locked else _("Unlock group")

    def apply(self, db: OrmSession) -> None:
        _group(db, self.group_id).locked = self.locked


#: Group fields `EditGroup` sets.
GROUP_TEXT_FIELDS = ("name", "table_name", "theme")


class EditGroup(_ByGroup):
    """Rename a group, its table or theme; pick its host or rapporteur; set speaking time."""

    def __init__(self, group_id: int, **values: Any) -> None:
        super().__init__(group_id)
        if not values:
            raise CommandError(_("Nothing to change"))
        for key, value in values.items():
            if key in GROUP_TEXT_FIELDS:
                if not isinstance(value, str):
                    raise CommandError(_("Wrong value for {field}").format(field=key))
                values[key] = _label(value)
            elif key in ("host_id", "rapporteur_id"):
                if value is not None and not isinstance(value, int):
                    raise CommandError(_("Wrong value for {field}").format(field=key))
            elif key == "speaking_minutes":
                if value is not None and (not isinstance(value, int | float) or value < 0):
                    raise CommandError(_("Wrong value for {field}").format(field=key))
            else:
                raise CommandError(_("Unknown group field: {field}").format(field=key))
        self.values = values
        if set(values) == {"host_id"}:
            self.label = _("Choose host")
        elif set(values) == {"rapporteur_id"}:
            self.label = _("Choose rapporteur")
        else:
            self.label = _("Edit group")

    def apply(self, db: OrmSession) -> None:
        group = _group(db, self.group_id)
        members = set(_seated(db, group.id))
        for key in ("host_id", "rapporteur_id"):
            pid = self.values.get(key)
            if pid is not None and pid not in members:
                raise CommandError(_("The host and the rapporteur must sit in the group"))
        for key, value in self.values.items():
            setattr(group, key, value)

    def merge_key(self) -> tuple | None:
        if len(self.values) == 1 and next(iter(self.values)) in GROUP_TEXT_FIELDS:
            return ("edit-group", self.group_id, next(iter(self.values)))
        return None

    def merge(self, newer: Command) -> bool:
        if not isinstance(newer, EditGroup) or newer._after is None:
            return False
        self.values = dict(newer.values)
        self._after = newer._after
        return True


class SetReportOrder(_ByRound):
    """The order in which groups report back in the plenary (group ids, first first)."""

    def __init__(self, round_id: int, group_ids: Sequence[int]) -> None:
        super().__init__(round_id)
        self.group_ids = list(group_ids)
        self.label = _("Set reporting order")

    def apply(self, db: OrmSession) -> None:
        groups = {g.id: g for g in _round(db, self.round_id).groups}
        if set(self.group_ids) - set(groups):
            raise CommandError(_("This group belongs to another round"))
        order = self.group_ids + [g for g in groups if g not in self.group_ids]
        for position, gid in enumerate(order):
            groups[gid].report_position = position


class DeleteRound(_ByRound):
    """Delete one round; later rounds move up a number."""

    whole_item = True

    def __init__(self, round_id: int) -> None:
        super().__init__(round_id)
        self.label = _("Delete round")

    def apply(self, db: OrmSession) -> None:
        db.delete(_round(db, self.round_id))
        db.flush()
        remaining = db.scalars(
            select(BreakoutRound)
            .where(_round_scope(self.session_id, self.item_id))
            .order_by(BreakoutRound.number, BreakoutRound.id)
        ).all()
        for number, rnd in enumerate(remaining, start=1):
            rnd.number = number
