"""Commands on captured notes: add, edit, reorder, move, merge, delete; item summaries.

Every command remembers what it needs to reverse itself (old values, deleted rows with their
ids), so a delete or a merge is undone exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session as OrmSession

from workshop.agenda.commands import EditItem
from workshop.capture.parser import MAX_NOTE_CHARS, ParsedNote
from workshop.capture.speakers import Candidate, link_speaker
from workshop.changes import Entity
from workshop.commands import rows
from workshop.commands.base import Change, ChangeKind, Changes, Command, FieldEdit
from workshop.errors import CommandError
from workshop.i18n import N_, _, format_number
from workshop.model import AgendaItem, BreakoutGroup, Note, NoteKind, Participant, QueueEntry

#: Note fields a user edits, with the Python type each must have.
NOTE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "kind": str,
    "text": str,
    "speaker": str,
    "speaker_may_be_named": bool,
    "action_who": str,
    "action_due": (date, type(None)),
    "action_due_text": str,
    "theme": str,
    "starred": bool,
    "votes": int,
    "answered": bool,
    "speaker_id": (int, type(None)),
}
_SHORT = {"speaker": 300, "action_who": 300, "action_due_text": 100, "theme": 300}


def check_note_value(name: str, value: Any) -> None:
    """Raise CommandError with a user message when `value` cannot go into note field `name`."""
    if name not in NOTE_FIELDS:
        raise CommandError(_("Unknown note field: {field}").format(field=name))
    expected = NOTE_FIELDS[name]
    if not isinstance(value, expected) or (name == "votes" and isinstance(value, bool)):
        raise CommandError(_("Wrong value for {field}").format(field=name))
    if name == "kind" and value not in {k.value for k in NoteKind}:
        raise CommandError(_("Unknown kind of note: {kind}").format(kind=value))
    if name == "text" and isinstance(value, str) and len(value) > MAX_NOTE_CHARS:
        raise CommandError(
            _("This note is too long (at most {n} characters)").format(
                n=format_number(MAX_NOTE_CHARS)
            )
        )
    if name in _SHORT and isinstance(value, str) and len(value) > _SHORT[name]:
        raise CommandError(
            _("This text is too long (at most {n} characters)").format(
                n=format_number(_SHORT[name])
            )
        )
    if name == "votes" and isinstance(value, int) and not 0 <= value <= 999:
        raise CommandError(_("Votes must be between 0 and 999"))
    if name == "speaker_id" and isinstance(value, bool):
        raise CommandError(_("Wrong value for {field}").format(field=name))


def _speaker_link(db: OrmSession, session_id: int, typed: str) -> Participant | None:
    """The one participant of the session the typed speaker names (None: none or several)."""
    people = db.scalars(select(Participant).where(Participant.session_id == session_id)).all()
    found = link_speaker(typed, [Candidate(p.id, p.name, p.presence) for p in people])
    return db.get(Participant, found) if found is not None else None


def _note(db: OrmSession, note_id: int) -> Note:
    obj = db.get(Note, note_id)
    if obj is None:
        raise CommandError(_("This note no longer exists"))
    return obj


def _check_target(
    db: OrmSession,
    session_id: int,
    item_id: int | None,
    group_id: int | None,
    entry_id: int | None = None,
) -> None:
    if entry_id is not None:
        entry = db.get(QueueEntry, entry_id)
        if entry is None or entry.session_id != session_id or entry.agenda_item_id != item_id:
            raise CommandError(_("This pitch is no longer in the queue"))
    if item_id is not None:
        item = db.get(AgendaItem, item_id)
        if item is None or item.session_id != session_id:
            raise CommandError(_("This agenda item no longer exists"))
    if group_id is not None:
        group = db.get(BreakoutGroup, group_id)
        if group is None or group.round.session_id != session_id:
            raise CommandError(_("This group no longer exists"))


def _scope(item_id: int | None, group_id: int | None, entry_id: int | None = None):
    def where(t):
        item = t.c.agenda_item_id.is_(None) if item_id is None else t.c.agenda_item_id == item_id
        group = t.c.group_id.is_(None) if group_id is None else t.c.group_id == group_id
        entry = t.c.queue_entry_id.is_(None) if entry_id is None else t.c.queue_entry_id == entry_id
        return item & group & entry

    return where


def _next_position(
    db: OrmSession,
    session_id: int,
    item_id: int | None,
    group_id: int | None,
    entry_id: int | None = None,
) -> int:
    rows.lock_session(db, session_id)  # two writers never take the same next position
    t = rows.table("notes")
    found = db.execute(
        select(func.max(t.c.position)).where(
            t.c.session_id == session_id, _scope(item_id, group_id, entry_id)(t)
        )
    ).scalar()
    return 0 if found is None else found + 1


def _changed(
    kind: ChangeKind, session_id: int, ids: Iterable[int], fields: tuple[str, ...] = ()
) -> Change:
    return Change(Entity.NOTE, kind, tuple(ids), session_id, fields)


@dataclass(frozen=True)
class NoteContent:
    """What a new note holds (from the parser, or from a form)."""

    kind: str = NoteKind.INZICHT.value
    text: str = ""
    speaker: str = ""
    speaker_may_be_named: bool = False
    action_who: str = ""
    action_due: date | None = None
    action_due_text: str = ""
    theme: str = ""
    starred: bool = False
    votes: int = 0
    speaker_id: int | None = None  # None: linked from the typed speaker when one fits

    @classmethod
    def from_parsed(cls, parsed: ParsedNote) -> NoteContent:
        return cls(
            kind=parsed.kind.value,
            text=parsed.text,
            speaker=parsed.speaker,
            action_who=parsed.action_who,
            action_due=parsed.action_due,
            action_due_text=parsed.action_due_text,
        )


class AddNote(Command):
    """Store a note under an agenda item and (for a feedback round) a group or a pitch."""

    def __init__(
        self,
        session_id: int,
        item_id: int | None,
        group_id: int | None,
        content: NoteContent,
        entry_id: int | None = None,
    ) -> None:
        if not content.text.strip():
            raise CommandError(_("An empty note is not stored"))
        for name, value in asdict(content).items():
            check_note_value(name, value)
        self.session_id = session_id
        self.item_id = item_id
        self.group_id = group_id
        self.entry_id = entry_id
        self.content = content
        self.note_id: int | None = None
        self.position: int | None = None
        self.label = _("Add note")

    def do(self, db: OrmSession) -> Changes:
        _check_target(db, self.session_id, self.item_id, self.group_id, self.entry_id)
        if self.position is None:
            self.position = _next_position(
                db, self.session_id, self.item_id, self.group_id, self.entry_id
            )
        content = self.content
        if content.speaker_id is not None:
            person = db.get(Participant, content.speaker_id)
            if person is None or person.session_id != self.session_id:
                raise CommandError(_("This participant no longer exists"))
        elif content.speaker.strip():
            person = _speaker_link(db, self.session_id, content.speaker)
            if person is not None:  # the person's own consent applies to their words
                content = replace(
                    content, speaker_id=person.id, speaker_may_be_named=bool(person.may_be_named)
                )
            self.content = content  # decided once: redo stores the same link
        note = Note(
            session_id=self.session_id,
            agenda_item_id=self.item_id,
            group_id=self.group_id,
            queue_entry_id=self.entry_id,
            position=self.position,
            **asdict(content),
        )
        if self.note_id is not None:
            note.id = self.note_id
        db.add(note)
        db.flush()
        self.note_id = note.id
        return Changes([_changed("created", self.session_id, (note.id,))])

    def undo(self, db: OrmSession) -> Changes:
        assert self.note_id is not None
        db.delete(_note(db, self.note_id))
        return Changes([_changed("deleted", self.session_id, (self.note_id,))])


_EDIT_LABELS = {
    "starred": N_("Star note"),
    "votes": N_("Set votes"),
    "theme": N_("Tag with theme"),
    "kind": N_("Change kind of note"),
    "action_who": N_("Edit action"),
    "action_due": N_("Edit action"),
    "action_due_text": N_("Edit action"),
    "speaker": N_("Edit speaker"),
    "speaker_may_be_named": N_("Edit speaker"),
    "speaker_id": N_("Edit speaker"),
    "answered": N_("Mark question answered"),
}


class EditNote(FieldEdit):
    """Set one or more fields of a note (text, kind, star, votes, theme, who/when, speaker)."""

    def __init__(self, note_id: int, **values: Any) -> None:
        if not values:
            raise CommandError(_("Nothing to change"))
        for name, value in values.items():
            check_note_value(name, value)
        if "text" in values and not values["text"].strip():
            raise CommandError(_("A note cannot be empty; delete it instead"))
        self.note_id = note_id
        self.new = values
        self.session_id: int | None = None
        labels = {_EDIT_LABELS.get(name, "Edit note") for name in values}
        self.label = _(labels.pop()) if len(labels) == 1 else _("Edit note")

    def _row(self, db: OrmSession) -> Note:
        return _note(db, self.note_id)

    def do(self, db: OrmSession) -> Changes:
        if self.old is None and "speaker" in self.new and "speaker_id" not in self.new:
            note = _note(db, self.note_id)
            person = _speaker_link(db, note.session_id, self.new["speaker"])
            self.new["speaker_id"] = person.id if person is not None else None
            if person is not None:
                self.new.setdefault("speaker_may_be_named", bool(person.may_be_named))
        elif self.old is None and self.new.get("speaker_id") is not None:
            note = _note(db, self.note_id)
            person = db.get(Participant, self.new["speaker_id"])
            if person is None or person.session_id != note.session_id:
                raise CommandError(_("This participant no longer exists"))
            # the chosen person's own consent applies; the typed name stays as typed
            self.new.setdefault("speaker_may_be_named", bool(person.may_be_named))
            if not (note.speaker or "").strip():
                self.new.setdefault("speaker", person.name[:300])
        return super().do(db)

    def _changes(self, row: Note, fields: tuple[str, ...]) -> Changes:
        self.session_id = row.session_id
        return Changes([_changed("updated", row.session_id, (row.id,), fields)])

    def merge_key(self) -> tuple | None:
        if set(self.new) == {"votes"}:  # clicking +1 five times is one step
            return ("note-votes", self.note_id)
        return None


class AddVotes(Command):
    """Add (or with a negative step take away) dot-votes: a delta in SQL, never lost.

    `votes = votes + n` runs in the database on the locked row, so two people voting at once
    both count. The total stays within 0..999; undo takes back what this step really added.
    """

    def __init__(self, note_id: int, step: int) -> None:
        if isinstance(step, bool) or not isinstance(step, int) or not -999 <= step <= 999:
            raise CommandError(_("Votes must be between 0 and 999"))
        self.note_id = note_id
        self.step = step
        self.applied = 0  # what the last `do` added after keeping the total in 0..999
        #: later clicks merged into this undo step; each stores its own first `do`
        self.merged: list[AddVotes] = []
        self._done = False
        self.label = _("Set votes")

    def _add(self, db: OrmSession, step: int) -> tuple[int, int]:
        """Add `step` (kept within 0..999) to the locked row: (what was added, session id)."""
        t = rows.table("notes")
        found = db.execute(
            select(t.c.votes, t.c.session_id).where(t.c.id == self.note_id).with_for_update()
        ).first()
        if found is None:
            raise CommandError(_("This note no longer exists"))
        added = max(0, min(999, found.votes + step)) - found.votes
        db.execute(update(t).where(t.c.id == self.note_id).values(votes=t.c.votes + added))
        return added, found.session_id

    def do(self, db: OrmSession) -> Changes:
        """The first run adds this click's step; a redo adds the merged clicks' too.

        A click merged into this step before its own first `do` ran (the app pushes without
        waiting) still stores itself once, so nothing is counted twice.
        """
        if not self._done:
            self.applied, session_id = self._add(db, self.step)
            self._done = True
        else:
            total = self.step + sum(m.step for m in self.merged)
            self.applied, session_id = self._add(db, total)
            for later in self.merged:
                later.applied = 0
        return Changes([_changed("updated", session_id, (self.note_id,), ("votes",))])

    def undo(self, db: OrmSession) -> Changes:
        taken = self.applied + sum(m.applied for m in self.merged)
        _taken, session_id = self._add(db, -taken)
        self.applied = 0
        for later in self.merged:
            later.applied = 0
        return Changes([_changed("updated", session_id, (self.note_id,), ("votes",))])

    def merge_key(self) -> tuple | None:
        return ("note-add-votes", self.note_id)  # clicking +1 five times is one step

    def merge(self, newer: Command) -> bool:
        if not isinstance(newer, AddVotes) or newer.note_id != self.note_id:
            return False
        self.merged += [newer, *newer.merged]
        newer.merged = []
        return True


class ReorderNotes(Command):
    """Put the notes of one list in the given order."""

    def __init__(self, note_ids: list[int]) -> None:
        if len(set(note_ids)) != len(note_ids):
            raise CommandError(_("A note appears twice in the new order"))
        self.note_ids = list(note_ids)
        self.old: dict[int, int] | None = None
        self.session_id: int | None = None
        self.label = _("Reorder notes")

    def _apply(self, db: OrmSession, positions: dict[int, int]) -> Changes:
        for note_id, position in positions.items():
            note = _note(db, note_id)
            note.position = position
            self.session_id = note.session_id
        return Changes([_changed("moved", self.session_id or 0, positions, ("position",))])

    def do(self, db: OrmSession) -> Changes:
        if self.old is None:
            self.old = {i: _note(db, i).position for i in self.note_ids}
        return self._apply(db, {note_id: pos for pos, note_id in enumerate(self.note_ids)})

    def undo(self, db: OrmSession) -> Changes:
        assert self.old is not None
        return self._apply(db, self.old)


class MoveNotes(Command):
    """Move notes to another group, pitch or agenda item (appended at the end there)."""

    FIELDS = ("agenda_item_id", "group_id", "queue_entry_id")

    def __init__(
        self,
        note_ids: list[int],
        item_id: int | None,
        group_id: int | None,
        entry_id: int | None = None,
    ) -> None:
        if not note_ids:
            raise CommandError(_("No notes chosen"))
        self.note_ids = list(note_ids)
        self.item_id = item_id
        self.group_id = group_id
        self.entry_id = entry_id
        self.old: dict[int, tuple[int | None, int | None, int | None, int]] | None = None
        self.new_positions: dict[int, int] | None = None
        self.session_id: int | None = None
        self.label = _("Move notes")

    def do(self, db: OrmSession) -> Changes:
        notes = [_note(db, i) for i in self.note_ids]
        self.session_id = notes[0].session_id
        _check_target(db, self.session_id, self.item_id, self.group_id, self.entry_id)
        if self.old is None:
            self.old = {
                n.id: (n.agenda_item_id, n.group_id, n.queue_entry_id, n.position) for n in notes
            }
            start = _next_position(db, self.session_id, self.item_id, self.group_id, self.entry_id)
            self.new_positions = {n.id: start + i for i, n in enumerate(notes)}
        assert self.new_positions is not None
        for note in notes:
            note.agenda_item_id, note.group_id = self.item_id, self.group_id
            note.queue_entry_id = self.entry_id
            note.position = self.new_positions[note.id]
        return Changes([_changed("moved", self.session_id, self.note_ids, self.FIELDS)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.old is not None and self.session_id is not None
        for note_id, (item_id, group_id, entry_id, position) in self.old.items():
            note = _note(db, note_id)
            note.agenda_item_id, note.group_id, note.position = item_id, group_id, position
            note.queue_entry_id = entry_id
        return Changes([_changed("moved", self.session_id, self.note_ids, self.FIELDS)])


def _note_rows(note_ids: list[int]):
    return [("notes", lambda t: t.c.id.in_(note_ids))]


class DeleteNotes(Command):
    """Delete notes; undo puts them back with the same ids, places and fields."""

    def __init__(self, note_ids: list[int]) -> None:
        if not note_ids:
            raise CommandError(_("No notes chosen"))
        self.note_ids = list(note_ids)
        self.saved: rows.RowSet | None = None
        self.session_id: int | None = None
        self.label = _("Delete note") if len(note_ids) == 1 else _("Delete notes")

    def do(self, db: OrmSession) -> Changes:
        notes = [_note(db, i) for i in self.note_ids]
        self.session_id = notes[0].session_id
        self.saved = rows.capture(db, _note_rows(self.note_ids))
        for note in notes:
            db.delete(note)
        return Changes([_changed("deleted", self.session_id, self.note_ids)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.saved is not None and self.session_id is not None
        rows.restore(db, self.saved)
        return Changes([_changed("created", self.session_id, self.note_ids)])


class MergeNotes(Command):
    """Merge notes into the first one: texts joined, votes added, star kept, the rest deleted."""

    def __init__(self, note_ids: list[int]) -> None:
        if len(note_ids) < 2:
            raise CommandError(_("Choose at least two notes to merge"))
        self.note_ids = list(note_ids)
        self.saved: rows.RowSet | None = None
        self.old_first: dict[str, Any] | None = None
        self.session_id: int | None = None
        self.label = _("Merge notes")

    def do(self, db: OrmSession) -> Changes:
        notes = [_note(db, i) for i in self.note_ids]
        first, rest = notes[0], notes[1:]
        self.session_id = first.session_id
        if any(n.session_id != first.session_id for n in rest):
            raise CommandError(_("Only notes of one session can be merged"))
        text = " ".join(n.text.strip() for n in notes if n.text.strip())
        if len(text) > MAX_NOTE_CHARS:
            raise CommandError(
                _("The merged note would be too long (at most {n} characters)").format(
                    n=format_number(MAX_NOTE_CHARS)
                )
            )
        self.old_first = {f: getattr(first, f) for f in NOTE_FIELDS}
        self.saved = rows.capture(db, _note_rows([n.id for n in rest]))
        first.text = text
        first.votes = min(999, sum(n.votes for n in notes))
        first.starred = any(n.starred for n in notes)
        for field in ("speaker", "action_who", "action_due_text", "theme"):
            if not getattr(first, field):
                setattr(
                    first, field, next((getattr(n, field) for n in rest if getattr(n, field)), "")
                )
        if first.action_due is None:
            first.action_due = next((n.action_due for n in rest if n.action_due), None)
        for note in rest:
            db.delete(note)
        return Changes(
            [
                _changed("updated", self.session_id, (first.id,), ("text", "votes", "starred")),
                _changed("deleted", self.session_id, [n.id for n in rest]),
            ]
        )

    def undo(self, db: OrmSession) -> Changes:
        assert self.saved is not None and self.old_first is not None and self.session_id is not None
        first = _note(db, self.note_ids[0])
        for name, value in self.old_first.items():
            setattr(first, name, value)
        rows.restore(db, self.saved)
        return Changes(
            [
                _changed("updated", self.session_id, (first.id,), tuple(self.old_first)),
                _changed("created", self.session_id, self.note_ids[1:]),
            ]
        )


class SetItemSummary(EditItem):
    """The summary (samenvatting) of one agenda item: an item edit with a length limit."""

    def __init__(self, item_id: int, text: str) -> None:
        if len(text) > MAX_NOTE_CHARS:
            raise CommandError(
                _("This text is too long (at most {n} characters)").format(
                    n=format_number(MAX_NOTE_CHARS)
                )
            )
        self.item_id = item_id
        self.new = {"summary": text}
        self.session_id: int | None = None
        self.label = _("Edit summary")
