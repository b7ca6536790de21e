"""Commands on a session's agenda: add, remove, duplicate, reorder, edit, apply a template,
import rows; save and delete agenda templates.

Structural changes (everything but a field edit) take a snapshot of the session's agenda
before and after the first `do`. Undo and redo do not put a whole snapshot back (that would
wipe what another laptop changed since): `apply_delta` changes only the rows this command
touched, keeping item ids and re-linking notes, groups and timer events that pointed at
re-created items, and leaves items other writers added where they are. When a row this
command touched was changed by someone else since (its text, whether it still exists, the
order of the items it moved), nothing is applied and a ConflictError says so. The `Changes`
they return are computed from the two snapshots (created, deleted, moved, updated ids).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import time
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session as OrmSession

from workshop.agenda.fields import check_values, new_item_values
from workshop.changes import Entity
from workshop.commands import rows
from workshop.commands.base import Change, Changes, Command, FieldEdit
from workshop.errors import CommandError, ConflictError
from workshop.i18n import _
from workshop.model import AgendaItem, AgendaTemplate, Base, WorkSession
from workshop.readmodel.order import AGENDA_ORDER

ENTITY = Entity.AGENDA_ITEM
TEMPLATE_ENTITY = Entity.AGENDA_TEMPLATE
MAX_ITEMS = 500


# --- order helpers (pure; used by the UI for drag and drop and Ctrl+Up/Down) -----------------


def moved_order(order: Sequence[int], ids: Iterable[int], offset: int) -> list[int]:
    """`order` with the items `ids` moved `offset` places up (<0) or down (>0) as a block."""
    chosen = set(ids)
    picked = [i for i in order if i in chosen]
    if not picked or offset == 0:
        return list(order)
    first = min(order.index(i) for i in picked)
    rest = [i for i in order if i not in chosen]
    target = max(0, min(len(rest), first + offset))
    return rest[:target] + picked + rest[target:]


def dropped_order(order: Sequence[int], ids: Iterable[int], row: int) -> list[int]:
    """`order` after dropping the items `ids` before row `row` (len(order) for the end)."""
    chosen = set(ids)
    picked = [i for i in order if i in chosen]
    before = sum(1 for i in order[: max(0, row)] if i not in chosen)
    rest = [i for i in order if i not in chosen]
    return rest[:before] + picked + rest[before:]


# --- snapshots ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    items: list[dict[str, Any]]  # agenda_items rows, in position order
    refs: list[tuple[str, dict[str, Any], int]]  # (table, primary key, agenda_item_id)
    times: tuple[time | None, time | None]  # session start and end


def _referencing_tables() -> list[tuple[Table, str]]:
    found = []
    for t in Base.metadata.sorted_tables:
        for column in t.columns:
            if any(fk.column.table.name == "agenda_items" for fk in column.foreign_keys):
                found.append((t, column.name))
    return found


def _session(db: OrmSession, session_id: int) -> WorkSession:
    obj = db.get(WorkSession, session_id)
    if obj is None:
        raise CommandError(_("Session {id} does not exist").format(id=session_id))
    return obj


def _items(db: OrmSession, session_id: int) -> list[AgendaItem]:
    return list(
        db.scalars(
            select(AgendaItem).where(AgendaItem.session_id == session_id).order_by(*AGENDA_ORDER)
        )
    )


def take_snapshot(db: OrmSession, session_id: int) -> Snapshot:
    db.flush()
    session = _session(db, session_id)
    t = rows.table("agenda_items")
    items = [
        dict(r._mapping)
        for r in db.execute(
            select(t).where(t.c.session_id == session_id).order_by(t.c.position, t.c.id)
        )
    ]
    ids = [r["id"] for r in items]
    refs: list[tuple[str, dict[str, Any], int]] = []
    if ids:
        for table, column in _referencing_tables():
            pk = list(table.primary_key.columns)
            for r in db.execute(select(*pk, table.c[column]).where(table.c[column].in_(ids))):
                m = dict(r._mapping)
                item_id = m.pop(column)
                refs.append((table.name, m, item_id))
    return Snapshot(items, refs, (session.start_time, session.end_time))


def apply_delta(db: OrmSession, session_id: int, frm: Snapshot, to: Snapshot, undo: bool) -> None:
    """Take the rows a command touched from state `frm` to state `to`, and only those.

    Items `frm` has and `to` has not are deleted; items `to` has and `frm` has not are put
    back (same id; links set again where they still point where `frm` left them); fields
    that differ are set; this command's items take `to`'s order in the places they hold now,
    while items other writers added keep theirs. Refused (ConflictError, nothing changed)
    when another writer changed one of those rows, or their order, since.
    """
    db.flush()
    session = _session(db, session_id)
    t = rows.table("agenda_items")
    current = {
        r["id"]: r
        for r in (
            dict(m._mapping)
            for m in db.execute(
                select(t).where(t.c.session_id == session_id).order_by(t.c.position, t.c.id)
            )
        )
    }
    old = {r["id"]: r for r in frm.items}
    new = {r["id"]: r for r in to.items}
    removing = [i for i in old if i not in new]
    adding = [i for i in new if i not in old]
    kept = [i for i in new if i in old]
    edits = {i: [k for k in _content(new[i]) if old[i].get(k) != new[i].get(k)] for i in kept}
    edits = {i: f for i, f in edits.items() if f}
    moved = [r["id"] for r in frm.items if r["id"] in new]
    order_changes = moved != [r["id"] for r in to.items if r["id"] in old]
    stale: list[str] = []
    if any(i in current and _content(current[i]) != _content(old[i]) for i in removing):
        stale.append(_("an item was edited"))
    if any(i in current for i in adding):
        stale.append(_("an item is there again"))
    if any(i not in current for i in kept if i in edits or order_changes):
        stale.append(_("an item was removed"))
    if any(
        i in current and any(current[i].get(k) != old[i].get(k) for k in fields)
        for i, fields in edits.items()
    ):
        stale.append(_("an item was edited"))
    if order_changes and [i for i in current if i in old and i in new] != [
        i for i in moved if i in current
    ]:
        stale.append(_("the order was changed"))
    if frm.times != to.times and (session.start_time, session.end_time) != frm.times:
        stale.append(_("the session times were changed"))
    if stale:
        message = (
            _("Not undone: the agenda was changed by someone else in the meantime ({what})")
            if undo
            else _("Not redone: the agenda was changed by someone else in the meantime ({what})")
        )
        raise ConflictError(message.format(what=", ".join(dict.fromkeys(stale))))

    relinks = _relinks(db, frm, to)  # read before rows go (their links go NULL)
    if removing:
        db.execute(delete(t).where(t.c.id.in_(removing)))
    own = [c for tab, c in _referencing_tables() if tab.name == "agenda_items"]
    if adding:
        db.execute(insert(t), [{**new[i], **dict.fromkeys(own)} for i in adding])
    for i, fields in edits.items():
        values = {k: new[i][k] for k in fields}
        db.execute(update(t).where(t.c.id == i).values({**values, "version": t.c.version + 1}))
    for name, key, column, item_id in relinks:
        ref = rows.table(name)
        db.execute(
            update(ref).where(*[ref.c[k] == v for k, v in key.items()]).values({column: item_id})
        )
    added = set(adding)
    # the order: this command's items take `to`'s order in the places they hold now; items
    # other writers added keep their places; re-created items follow their predecessor
    wanted = [r["id"] for r in to.items]
    order = [i for i in current if i not in removing]
    slots = [n for n, i in enumerate(order) if i in new]
    for n, i in zip(slots, [i for i in wanted if i in current], strict=True):
        order[n] = i
    for n, i in enumerate(wanted):
        if i in added:
            before = [p for p in wanted[:n] if p in order]
            order.insert(order.index(before[-1]) + 1 if before else 0, i)
    shifted = [
        {"_id": i, "_pos": p}
        for p, i in enumerate(order)
        if i in added or current.get(i, {}).get("position") != p
    ]
    if shifted:
        db.execute(
            update(t)
            .where(t.c.id == bindparam("_id"))
            .values(position=bindparam("_pos"), version=t.c.version + 1),
            shifted,
        )
    if frm.times != to.times:
        session.start_time, session.end_time = to.times
        db.flush()
    db.expire_all()


def _relinks(
    db: OrmSession, frm: Snapshot, to: Snapshot
) -> list[tuple[str, dict[str, Any], str, int | None]]:
    """Links (a note's item, a round's item …) to set from `frm`'s to `to`'s: only those that
    still point where `frm` left them (another writer's re-linking stays)."""

    def keyed(snap: Snapshot) -> dict[tuple, int]:
        return {(n, tuple(sorted(k.items()))): i for n, k, i in snap.refs}

    was, wanted = keyed(frm), keyed(to)
    columns = {tab.name: c for tab, c in _referencing_tables()}
    out = []
    for ident in dict.fromkeys([*wanted, *was]):
        name, key_items = ident
        target, before = wanted.get(ident), was.get(ident)
        if target == before:
            continue
        ref = rows.table(name)
        key = dict(key_items)
        found = db.execute(
            select(ref.c[columns[name]]).where(*[ref.c[k] == v for k, v in key.items()])
        ).first()
        if found is not None:
            now = found[0]
        elif name == "agenda_items":
            now = None  # an item re-created below: its link is set after it is back
        else:
            continue
        if now == before:
            out.append((name, key, columns[name], target))
    return out


def diff_changes(session_id: int, before: Snapshot, after: Snapshot) -> Changes:
    """What changed between two snapshots, as `Changes` for the views."""
    old = {r["id"]: r for r in before.items}
    new = {r["id"]: r for r in after.items}
    changes = Changes()
    created = tuple(i for i in new if i not in old)
    deleted = tuple(i for i in old if i not in new)
    if deleted:
        changes.add(Change(ENTITY, "deleted", deleted, session_id))
    if created:
        changes.add(Change(ENTITY, "created", created, session_id))
    kept_old = [r["id"] for r in before.items if r["id"] in new]
    kept_new = [r["id"] for r in after.items if r["id"] in old]
    if kept_old != kept_new:
        changes.add(Change(ENTITY, "moved", tuple(kept_new), session_id, ("position",)))
    edited = tuple(i for i in kept_new if _content(old[i]) != _content(new[i]))
    if edited:
        fields = sorted({k for i in edited for k in old[i] if old[i][k] != new[i].get(k)})
        changes.add(Change(ENTITY, "updated", edited, session_id, tuple(fields)))
    if before.times != after.times:
        changes.add(
            Change(Entity.SESSION, "updated", (session_id,), session_id, ("start_time", "end_time"))
        )
    return changes


def _content(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("position", "version")}


def _renumber(items: Sequence[AgendaItem]) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position


class AgendaCommand(Command):
    """A structural change of one session's agenda; undo and redo change only its rows."""

    def __init__(self, session_id: int) -> None:
        self.session_id = session_id
        self.before: Snapshot | None = None
        self.after: Snapshot | None = None
        #: ids of the items this command made (for selecting them in the view)
        self.new_ids: tuple[int, ...] = ()

    def apply(self, db: OrmSession, items: list[AgendaItem]) -> list[AgendaItem]:
        """Change the agenda (first run); return the items in their new order."""
        raise NotImplementedError

    def do(self, db: OrmSession) -> Changes:
        rows.lock_session(db, self.session_id)  # two writers on one agenda take turns
        if self.after is None:
            self.before = take_snapshot(db, self.session_id)
            items = self.apply(db, _items(db, self.session_id))
            if len(items) > MAX_ITEMS:
                raise CommandError(_("An agenda holds at most {n} items").format(n=MAX_ITEMS))
            _renumber(items)
            self.after = take_snapshot(db, self.session_id)
            before_ids = {r["id"] for r in self.before.items}
            self.new_ids = tuple(r["id"] for r in self.after.items if r["id"] not in before_ids)
        else:  # redo: only the rows this command touched, if nobody changed them since
            assert self.before is not None
            apply_delta(db, self.session_id, self.before, self.after, undo=False)
        assert self.before is not None
        return diff_changes(self.session_id, self.before, self.after)

    def undo(self, db: OrmSession) -> Changes:
        """Take back only what this command changed; refused when another writer changed
        those rows since (their change stays)."""
        assert self.before is not None and self.after is not None
        rows.lock_session(db, self.session_id)
        apply_delta(db, self.session_id, self.after, self.before, undo=True)
        return diff_changes(self.session_id, self.after, self.before)


def _new_item(session_id: int, values: dict[str, Any]) -> AgendaItem:
    return AgendaItem(session_id=session_id, **new_item_values(values))


def _insert_at(
    items: list[AgendaItem], index: int | None, new: list[AgendaItem]
) -> list[AgendaItem]:
    at = len(items) if index is None else max(0, min(len(items), index))
    return items[:at] + new + items[at:]


class AddItem(AgendaCommand):
    """A new item at `index` (None: at the end)."""

    def __init__(self, session_id: int, index: int | None = None, **values: Any) -> None:
        super().__init__(session_id)
        self.values = check_values(values)
        self.index = index
        self.label = _("Add agenda item")

    def apply(self, db: OrmSession, items: list[AgendaItem]) -> list[AgendaItem]:
        values = dict(self.values)
        if not values.get("title"):
            values["title"] = _("New item")
        item = _new_item(self.session_id, values)
        db.add(item)
        result = _insert_at(items, self.index, [item])
        db.flush()
        return result


class InsertItems(AgendaCommand):
    """Several new items at once (template, import); optionally replacing the agenda."""

    def __init__(
        self,
        session_id: int,
        values: Sequence[dict[str, Any]],
        index: int | None = None,
        replace: bool = False,
        times: tuple[time | None, time | None] | None = None,
        label: str = "",
    ) -> None:
        super().__init__(session_id)
        if not values:
            raise CommandError(_("There are no items to add"))
        self.values = [new_item_values(v) for v in values]
        self.index = index
        self.replace = replace
        self.times = times  # session start/end to set where the session has none
        self.label = label or _("Add agenda items")
        #: replace: titles of old items whose notes, rounds, photos … lost their item
        #: (no new item with the same title), with how many rows were linked to each
        self.detached: list[tuple[str, int]] = []

    def apply(self, db: OrmSession, items: list[AgendaItem]) -> list[AgendaItem]:
        old_titles: dict[int, str] = {}
        if self.replace:
            old_titles = {item.id: item.title for item in items}
            for item in items:
                db.delete(item)
            db.flush()
            items = []
        new = [_new_item(self.session_id, v) for v in self.values]
        for item in new:
            item.title = item.title or _("New item")
            db.add(item)
        if self.replace:
            db.flush()
            self.detached = self._relink(db, old_titles, new)
        if self.times is not None:
            session = _session(db, self.session_id)
            start, end = self.times
            if session.start_time is None and start is not None:
                session.start_time = start
            if session.end_time is None and end is not None:
                session.end_time = end
        result = _insert_at(items, self.index, new)
        db.flush()
        return result

    def _relink(
        self, db: OrmSession, old_titles: dict[int, str], new: list[AgendaItem]
    ) -> list[tuple[str, int]]:
        """Point what hung under a replaced item (notes, rounds, photos, timer log, the
        current item) at the new item with the same title (case and spaces ignored; equal
        titles pair up in order). Returns the old titles left without a match."""
        free: dict[str, list[int]] = {}
        for item in new:
            free.setdefault(title_key(item.title), []).append(item.id)
        mapping: dict[int, int] = {}
        for old_id, title in old_titles.items():  # in agenda order
            matches = free.get(title_key(title))
            if matches:
                mapping[old_id] = matches.pop(0)
        assert self.before is not None
        lost: dict[int, int] = {}
        for name, key, item_id in self.before.refs:
            target = mapping.get(item_id)
            if target is None:
                lost[item_id] = lost.get(item_id, 0) + 1
                continue
            ref = rows.table(name)
            column = next(c for tab, c in _referencing_tables() if tab.name == name)
            db.execute(
                update(ref).where(*[ref.c[k] == v for k, v in key.items()]).values({column: target})
            )
        db.flush()
        return [(old_titles[i], n) for i, n in lost.items() if i in old_titles]


def detached_lines(detached: Sequence[tuple[str, int]]) -> list[str]:
    """What a replace left without an item, one line each (empty when nothing was)."""
    return [
        _(
            "“{title}”: {n} linked notes, rounds, photos or timer entries are no longer under "
            "an item (the new agenda has no item with this title)"
        ).format(title=title, n=n)
        for title, n in detached
    ]


def title_key(title: str) -> str:
    """Titles that match when the agenda is replaced: case and spacing ignored."""
    return " ".join(title.split()).casefold()


class ApplyTemplate(InsertItems):
    """The items of a template, replacing the agenda or inserted at `index`."""

    def __init__(
        self,
        session_id: int,
        template_items: Sequence[dict[str, Any]],
        name: str,
        index: int | None = None,
        replace: bool = False,
        times: tuple[time | None, time | None] | None = None,
        template_start: time | None = None,
    ) -> None:
        super().__init__(
            session_id,
            template_items,
            index,
            replace,
            times,
            _("Apply template “{name}”").format(name=name),
        )
        #: The start the template's fixed times were planned from (its own, or the session
        #: start it was saved with); None: its fixed times are clock times as they are.
        self.template_start = (
            template_start if template_start is not None else (times[0] if times else None)
        )
        self.template_values = list(self.values)  # as in the template: refitted on redo
        #: What happened to the template's fixed times (moved, dropped): to tell the user.
        self.time_notes: list[str] = []

    def apply(self, db: OrmSession, items: list[AgendaItem]) -> list[AgendaItem]:
        from workshop.agenda.templates import fit_fixed_times

        session = _session(db, self.session_id)
        start, end = session.start_time, session.end_time
        if self.times is not None:
            start = start or self.times[0]
            end = end or self.times[1]
        anchor = start if self.replace else _planned_start_at(items, self.index, start, end)
        fitted = fit_fixed_times(self.template_values, self.template_start, start, end, anchor)
        self.values = fitted.values
        self.time_notes = fitted.notes
        return super().apply(db, items)


def _planned_start_at(
    items: list[AgendaItem], index: int | None, start: time | None, end: time | None
) -> time | None:
    """The planned start of the place `index` in the agenda (None: after the last item)."""
    if start is None or not items:
        return start
    from workshop.agenda.planning import plan_times

    plan = plan_times(items, start, end)
    at = len(items) if index is None else max(0, min(len(items), index))
    when = plan.items[at].start if at < len(items) else plan.end
    return when.time()


class ImportRows(InsertItems):
    """Rows read from a CSV or XLSX file."""

    def __init__(
        self,
        session_id: int,
        values: Sequence[dict[str, Any]],
        replace: bool = False,
    ) -> None:
        super().__init__(
            session_id,
            values,
            None,
            replace,
            None,
            _("Import {n} agenda items").format(n=len(values)),
        )


class RemoveItems(AgendaCommand):
    def __init__(self, session_id: int, item_ids: Iterable[int]) -> None:
        super().__init__(session_id)
        self.item_ids = set(item_ids)
        if not self.item_ids:
            raise CommandError(_("Select the items to remove"))
        self.label = _("Remove agenda items") if len(self.item_ids) > 1 else _("Remove agenda item")

    def apply(self, db: OrmSession, items: list[AgendaItem]) -> list[AgendaItem]:
        missing = self.item_ids - {i.id for i in items}
        if missing:
            raise CommandError(_("The agenda has changed; these items no longer exist"))
        for item in items:
            if item.id in self.item_ids:
                db.delete(item)
        db.flush()
        return [i for i in items if i.id not in self.item_ids]


class DuplicateItems(AgendaCommand):
    """A copy of each chosen item, right after it."""

    def __init__(self, session_id: int, item_ids: Iterable[int]) -> None:
        super().__init__(session_id)
        self.item_ids = set(item_ids)
        if not self.item_ids:
            raise CommandError(_("Select the items to duplicate"))
        self.label = _("Duplicate agenda items")

    def apply(self, db: OrmSession, items: list[AgendaItem]) -> list[AgendaItem]:
        if self.item_ids - {i.id for i in items}:
            raise CommandError(_("The agenda has changed; these items no longer exist"))
        result: list[AgendaItem] = []
        for item in items:
            result.append(item)
            if item.id in self.item_ids:
                copy = AgendaItem(
                    session_id=self.session_id,
                    title=item.title,
                    kind=item.kind,
                    planned_minutes=item.planned_minutes,
                    lead=item.lead,
                    notes=item.notes,
                    materials=item.materials,
                    fixed_start=item.fixed_start,
                    flexible=item.flexible,
                    steps=[dict(s) for s in (item.steps or [])],
                    speaking_minutes=item.speaking_minutes,
                )
                db.add(copy)
                result.append(copy)
        db.flush()
        return result


class ReorderItems(AgendaCommand):
    """Put the items in `order` (a list of all item ids of the session)."""

    def __init__(self, session_id: int, order: Sequence[int]) -> None:
        super().__init__(session_id)
        self.order = list(order)
        self.label = _("Move agenda items")

    def apply(self, db: OrmSession, items: list[AgendaItem]) -> list[AgendaItem]:
        by_id = {i.id: i for i in items}
        if sorted(self.order) != sorted(by_id) or len(set(self.order)) != len(self.order):
            raise CommandError(_("The agenda has changed; try moving the items again"))
        return [by_id[i] for i in self.order]


def move_items(
    session_id: int, order: Sequence[int], ids: Iterable[int], offset: int
) -> ReorderItems:
    """The command that moves `ids` `offset` places (Ctrl+Up/Down)."""
    return ReorderItems(session_id, moved_order(order, ids, offset))


# --- editing one item ----------------------------------------------------------------------


class EditItem(FieldEdit):
    """Set one or more fields of one item; consecutive edits of the same field merge."""

    def __init__(self, item_id: int, **values: Any) -> None:
        if not values:
            raise CommandError(_("Nothing to change"))
        self.item_id = item_id
        self.new = check_values(values)
        self.session_id: int | None = None
        self.label = _("Edit agenda item")

    def _row(self, db: OrmSession) -> AgendaItem:
        item = db.get(AgendaItem, self.item_id)
        if item is None:
            raise CommandError(_("This agenda item no longer exists"))
        return item

    def _changes(self, row: AgendaItem, fields: tuple[str, ...]) -> Changes:
        self.session_id = row.session_id
        return Changes([Change(ENTITY, "updated", (self.item_id,), row.session_id, fields)])

    def merge_key(self) -> tuple | None:
        if len(self.new) == 1:
            return ("edit-agenda-item", self.item_id, next(iter(self.new)))
        return None


# --- templates -----------------------------------------------------------------------------


class SaveTemplate(Command):
    """Store an agenda as a template (shown under "My templates")."""

    def __init__(
        self,
        name: str,
        items: Sequence[dict[str, Any]],
        description: str = "",
        times: tuple[time | None, time | None] = (None, None),
    ) -> None:
        name = " ".join(name.split())
        if not name:
            raise CommandError(_("A template needs a name"))
        if not items:
            raise CommandError(_("An empty agenda cannot be saved as a template"))
        self.name = name[:300]
        self.description = description
        self.items = [template_json(new_item_values(v)) for v in items]
        #: the session's start and end: the fixed times are shifted from this start later
        self.times = times
        self.template_id: int | None = None
        self.label = _("Save as template")

    def do(self, db: OrmSession) -> Changes:
        obj = AgendaTemplate(
            name=self.name,
            description=self.description,
            items=self.items,
            start_time=self.times[0],
            end_time=self.times[1],
        )
        if self.template_id is not None:
            obj.id = self.template_id
        db.add(obj)
        db.flush()
        self.template_id = obj.id
        return Changes([Change(TEMPLATE_ENTITY, "created", (obj.id,))])

    def undo(self, db: OrmSession) -> Changes:
        assert self.template_id is not None
        obj = db.get(AgendaTemplate, self.template_id)
        if obj is not None:
            db.delete(obj)
        return Changes([Change(TEMPLATE_ENTITY, "deleted", (self.template_id,))])


class DeleteTemplate(Command):
    def __init__(self, template_id: int) -> None:
        self.template_id = template_id
        self.saved: rows.RowSet | None = None
        self.label = _("Delete template")

    def do(self, db: OrmSession) -> Changes:
        if db.get(AgendaTemplate, self.template_id) is None:
            raise CommandError(_("This template no longer exists"))
        self.saved = rows.capture(db, [("agenda_templates", lambda t: t.c.id == self.template_id)])
        db.execute(
            delete(rows.table("agenda_templates")).where(
                rows.table("agenda_templates").c.id == self.template_id
            )
        )
        return Changes([Change(TEMPLATE_ENTITY, "deleted", (self.template_id,))])

    def undo(self, db: OrmSession) -> Changes:
        assert self.saved is not None
        rows.restore(db, self.saved)
        return Changes([Change(TEMPLATE_ENTITY, "created", (self.template_id,))])


def template_json(values: dict[str, Any]) -> dict[str, Any]:
    """An item's values as JSON (fixed start as "HH:MM"), leaving out default values."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "fixed_start":
            if value is not None:
                out[key] = f"{value.hour:02d}:{value.minute:02d}"
        elif key in ("title", "kind", "planned_minutes") or value not in ("", None, [], True):
            out[key] = value
    return out
