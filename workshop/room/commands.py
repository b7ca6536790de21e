"""Every write a phone (or the facilitator's phone panel) makes, as a command.

The room server runs these through `CommandRunner(library, origin="room")`, so each stored
step reaches the app's windows through the change bus like any other writer's. Phones
submit in batches (`AddTableNotes`, `AddAnswers`): one unit of work for what arrived
together, and a submission whose client id is already stored is not stored again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from workshop.capture.commands.notes import AddNote, DeleteNotes, EditNote, NoteContent
from workshop.capture.parser import parse_line
from workshop.changes import Entity
from workshop.commands.base import Change, ChangeKind, Changes, Command
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import Note, RoomAnswer, RoomQuestion, WorkSession
from workshop.room.access import RoomAccess, read_access, write_access

TABLE = "table"
QUESTION_KINDS = ("text", "word", "scale", "choice", "dots")
MAX_ANSWER_CHARS = 500
MAX_WORD_CHARS = 40
MAX_PROMPT_CHARS = 500
MAX_OPTIONS = 12


def _room_change(
    kind: ChangeKind, session_id: int, ids: Iterable[int] = (), fields: tuple[str, ...] = ()
) -> Change:
    return Change(Entity.ROOM, kind, tuple(ids), session_id, fields)


class RenewRoomAccess(Command):
    """A new secret (and PIN) for the session's room: every old link and token stops working."""

    def __init__(self, session_id: int, access: RoomAccess | None = None) -> None:
        self.session_id = session_id
        self.new = access or RoomAccess.new(session_id)
        self.old: RoomAccess | None = None
        self.label = _("Renew the phones' access")

    def do(self, db: OrmSession) -> Changes:
        if db.get(WorkSession, self.session_id) is None:
            raise CommandError(_("Session {id} does not exist").format(id=self.session_id))
        self.old = read_access(db, self.session_id)
        write_access(db, self.new, self.session_id)
        return Changes([_room_change("updated", self.session_id, (), ("access",))])

    def undo(self, db: OrmSession) -> Changes:
        write_access(db, self.old, self.session_id)
        return Changes([_room_change("updated", self.session_id, (), ("access",))])


# -- notes typed at a table ---------------------------------------------------------------
@dataclass(frozen=True)
class TableNote:
    """One line a rapporteur typed, for `group_id`, under agenda item `item_id`."""

    group_id: int
    item_id: int | None
    client_id: str
    line: str


@dataclass
class Outcome:
    """What became of one submission of a batch: the stored id, or a message for the phone."""

    id: int | None = None
    error: str = ""
    again: bool = False  # already stored earlier (a retry)


class AddTableNotes(Command):
    """Store the lines rapporteurs typed, each under its group, marked as from the table.

    A line whose client id is already stored in the session is not stored again (the phone
    retried); its outcome names the stored note. Lines are parsed with the capture page's
    marks (`"` quote, `?` question, `!` action, `>` lever, `+` partner).
    """

    def __init__(self, session_id: int, notes: list[TableNote]) -> None:
        self.session_id = session_id
        self.notes = list(notes)
        self.outcomes: dict[str, Outcome] = {}
        self._added: list[tuple[str, AddNote]] = []  # (client id, its AddNote)
        self.label = _("Notes from the tables")

    def do(self, db: OrmSession) -> Changes:
        self.outcomes = {}
        wanted = [n.client_id for n in self.notes]
        stored = dict(
            db.execute(
                select(Note.client_id, Note.id).where(
                    Note.session_id == self.session_id, Note.client_id.in_(wanted)
                )
            ).all()
        )
        session = db.get(WorkSession, self.session_id)
        if session is None:
            raise CommandError(_("Session {id} does not exist").format(id=self.session_id))
        redo = bool(self._added)
        adds: list[tuple[str, AddNote]] = self._added if redo else []
        changes = Changes()
        if not redo:
            for note in self.notes:
                if note.client_id in stored:
                    self.outcomes[note.client_id] = Outcome(stored[note.client_id], again=True)
                    continue
                if note.client_id in self.outcomes:
                    self.outcomes[note.client_id] = Outcome(error=_("Sent twice"))
                    continue
                try:
                    parsed = parse_line(note.line, session.date)
                    add = AddNote(
                        self.session_id,
                        note.item_id,
                        note.group_id,
                        NoteContent.from_parsed(parsed),
                    )
                except (CommandError, ValueError) as err:
                    self.outcomes[note.client_id] = Outcome(error=str(err))
                    continue
                adds.append((note.client_id, add))
        for client_id, add in adds:
            try:  # AddNote checks its group and item before it writes anything
                changes.extend(add.do(db))
            except CommandError as err:
                self.outcomes[client_id] = Outcome(error=str(err))
                continue
            row = db.get(Note, add.note_id)
            assert row is not None
            row.source = TABLE
            row.client_id = client_id
            self.outcomes[client_id] = Outcome(add.note_id)
        self._added = [(c, a) for c, a in adds if a.note_id is not None]
        return changes

    def undo(self, db: OrmSession) -> Changes:
        changes = Changes()
        for _client_id, add in reversed(self._added):
            changes.extend(add.undo(db))
        return changes


def _own_table_note(db: OrmSession, session_id: int, group_id: int, note_id: int) -> Note:
    note = db.get(Note, note_id)
    if note is None or note.session_id != session_id:
        raise CommandError(_("This note no longer exists"))
    if note.source != TABLE or note.group_id != group_id:
        raise CommandError(_("Only this table's own notes can be changed here"))
    return note


class EditTableNote(Command):
    """A rapporteur retypes one of the table's own notes (marks read again)."""

    def __init__(self, session_id: int, group_id: int, note_id: int, line: str) -> None:
        parsed = parse_line(line)
        content = NoteContent.from_parsed(parsed)
        values: dict[str, Any] = {
            "kind": content.kind,
            "text": content.text,
            "action_who": content.action_who,
            "action_due": content.action_due,
            "action_due_text": content.action_due_text,
        }
        if parsed.speaker:
            values["speaker"] = parsed.speaker
        self.session_id, self.group_id, self.note_id = session_id, group_id, note_id
        self.edit = EditNote(note_id, **values)
        self.label = _("Edit note")

    def do(self, db: OrmSession) -> Changes:
        _own_table_note(db, self.session_id, self.group_id, self.note_id)
        return self.edit.do(db)

    def undo(self, db: OrmSession) -> Changes:
        return self.edit.undo(db)


class DeleteTableNote(Command):
    """A rapporteur deletes one of the table's own notes."""

    def __init__(self, session_id: int, group_id: int, note_id: int) -> None:
        self.session_id, self.group_id, self.note_id = session_id, group_id, note_id
        self.delete = DeleteNotes([note_id])
        self.label = _("Delete note")

    def do(self, db: OrmSession) -> Changes:
        _own_table_note(db, self.session_id, self.group_id, self.note_id)
        return self.delete.do(db)

    def undo(self, db: OrmSession) -> Changes:
        return self.delete.undo(db)


# -- questions and answers ------------------------------------------------------------------
def check_question(kind: str, prompt: str, options: list, dots: int) -> None:
    if kind not in QUESTION_KINDS:
        raise CommandError(_("Unknown kind of question: {kind}").format(kind=kind))
    if not prompt.strip() or len(prompt) > MAX_PROMPT_CHARS:
        raise CommandError(
            _("A question needs a text of at most {n} characters").format(n=MAX_PROMPT_CHARS)
        )
    if kind == "choice" and not 2 <= len(options) <= MAX_OPTIONS:
        raise CommandError(
            _("A multiple-choice question needs 2 to {n} choices").format(n=MAX_OPTIONS)
        )
    if kind == "choice" and any(not str(o).strip() or len(str(o)) > 200 for o in options):
        raise CommandError(_("Every choice needs a short text"))
    if kind == "scale" and (
        len(options) != 2
        or not all(isinstance(v, int) for v in options)
        or not 0 <= options[0] < options[1] <= 10
    ):
        raise CommandError(_("A scale runs from a low to a high number, 0 to 10"))
    if kind == "dots" and (not options or not 1 <= dots <= 10):
        raise CommandError(_("Dot-voting needs points to vote on and 1 to 10 dots"))


class AddQuestion(Command):
    """Put a question to the phones (it opens at once)."""

    def __init__(
        self,
        session_id: int,
        kind: str,
        prompt: str,
        options: list | None = None,
        dots: int = 3,
        moderated: bool | None = None,
        item_id: int | None = None,
    ) -> None:
        options = list(options or [])
        check_question(kind, prompt, options, dots)
        self.session_id, self.kind, self.prompt = session_id, kind, prompt.strip()
        self.options, self.dots, self.item_id = options, dots, item_id
        #: open text waits for the facilitator before the projector shows it
        self.moderated = (kind == "text") if moderated is None else moderated
        self.question_id: int | None = None
        self.label = _("Ask the phones")

    def do(self, db: OrmSession) -> Changes:
        if db.get(WorkSession, self.session_id) is None:
            raise CommandError(_("Session {id} does not exist").format(id=self.session_id))
        count = len(
            db.scalars(
                select(RoomQuestion.id).where(RoomQuestion.session_id == self.session_id)
            ).all()
        )
        row = RoomQuestion(
            session_id=self.session_id,
            agenda_item_id=self.item_id,
            position=count,
            kind=self.kind,
            prompt=self.prompt,
            options=self.options,
            dots=self.dots,
            moderated=self.moderated,
            open=True,
        )
        if self.question_id is not None:
            row.id = self.question_id
        db.add(row)
        db.flush()
        self.question_id = row.id
        return Changes([_room_change("created", self.session_id, (row.id,))])

    def undo(self, db: OrmSession) -> Changes:
        assert self.question_id is not None  # set by do()
        row = db.get(RoomQuestion, self.question_id)
        if row is not None:
            db.delete(row)
        return Changes([_room_change("deleted", self.session_id, (self.question_id,))])


class SetQuestion(Command):
    """Open or close a question, or switch its moderation."""

    FIELDS = ("open", "moderated")

    def __init__(self, question_id: int, **values: bool) -> None:
        if not values or any(
            k not in self.FIELDS or not isinstance(v, bool) for k, v in values.items()
        ):
            raise CommandError(_("Nothing to change"))
        self.question_id, self.new = question_id, values
        self.old: dict[str, bool] = {}
        self.label = _("Change the question")

    def _apply(self, db: OrmSession, values: dict[str, bool]) -> Changes:
        row = db.get(RoomQuestion, self.question_id)
        if row is None:
            raise CommandError(_("This question no longer exists"))
        if not self.old:
            self.old = {k: getattr(row, k) for k in values}
        for k, v in values.items():
            setattr(row, k, v)
        return Changes([_room_change("updated", row.session_id, (row.id,), tuple(values))])

    def do(self, db: OrmSession) -> Changes:
        return self._apply(db, self.new)

    def undo(self, db: OrmSession) -> Changes:
        return self._apply(db, dict(self.old))


@dataclass(frozen=True)
class Answer:
    """One phone's answer (one dot, for dot-voting) to a question."""

    question_id: int
    device: str
    client_id: str
    value: str


def _check_answer(q: RoomQuestion, value: str, used_dots: int) -> str:
    """The value to store, or raise CommandError with the phone's message."""
    if not q.open:
        raise CommandError(_("This question is closed"))
    value = value.strip()
    if q.kind == "text":
        if not value or len(value) > MAX_ANSWER_CHARS:
            raise CommandError(_("Answer in at most {n} characters").format(n=MAX_ANSWER_CHARS))
    elif q.kind == "word":
        if not value or len(value) > MAX_WORD_CHARS or len(value.split()) != 1:
            raise CommandError(_("One word, please"))
        value = value.lower()
    elif q.kind == "scale":
        low, high = q.options
        if not value.isdigit() or not low <= int(value) <= high:
            raise CommandError(_("Choose a number from {low} to {high}").format(low=low, high=high))
    elif q.kind == "choice":
        if not value.isdigit() or not 0 <= int(value) < len(q.options):
            raise CommandError(_("Choose one of the answers"))
    elif q.kind == "dots":
        if not value.isdigit() or int(value) not in q.options:
            raise CommandError(_("Choose one of the points"))
        if used_dots >= q.dots:
            raise CommandError(_("All your dots are used"))
    return value


class AddAnswers(Command):
    """Store answers from phones; a client id already stored for its question is skipped."""

    def __init__(self, session_id: int, answers: list[Answer]) -> None:
        self.session_id = session_id
        self.answers = list(answers)
        self.outcomes: dict[str, Outcome] = {}
        self.stored: list[dict] = []
        self.label = _("Answers from the phones")

    def do(self, db: OrmSession) -> Changes:
        questions: dict[int, RoomQuestion] = {}
        if self.stored:  # redo: the same rows again
            for values in self.stored:
                db.add(RoomAnswer(**values))
            db.flush()
            return Changes(
                [_room_change("created", self.session_id, [v["id"] for v in self.stored])]
            )
        self.outcomes = {}
        dots: dict[tuple[int, str], int] = {}
        answered: set[tuple[int, str]] = set()  # scale and choice: one answer per phone
        new_ids = []
        for a in self.answers:
            q = questions.get(a.question_id) or db.get(RoomQuestion, a.question_id)
            if q is None or q.session_id != self.session_id:
                self.outcomes[a.client_id] = Outcome(error=_("This question no longer exists"))
                continue
            questions[q.id] = q
            before = db.scalars(
                select(RoomAnswer.id).where(
                    RoomAnswer.question_id == q.id, RoomAnswer.client_id == a.client_id
                )
            ).first()
            if before is not None:
                self.outcomes[a.client_id] = Outcome(before, again=True)
                continue
            key = (q.id, a.device)
            if q.kind == "dots" and key not in dots:
                dots[key] = len(
                    db.scalars(
                        select(RoomAnswer.id).where(
                            RoomAnswer.question_id == q.id, RoomAnswer.device == a.device
                        )
                    ).all()
                )
            try:
                value = _check_answer(q, a.value, dots.get(key, 0))
            except CommandError as err:
                self.outcomes[a.client_id] = Outcome(error=str(err))
                continue
            if q.kind in ("scale", "choice") and (
                key in answered
                or db.scalars(
                    select(RoomAnswer.id).where(
                        RoomAnswer.question_id == q.id, RoomAnswer.device == a.device
                    )
                ).first()
            ):
                self.outcomes[a.client_id] = Outcome(error=_("You already answered"))
                continue
            answered.add(key)
            row = RoomAnswer(
                question_id=q.id,
                session_id=self.session_id,
                device=a.device[:64],
                client_id=a.client_id,
                value=value,
                status="pending" if q.moderated else "shown",
            )
            db.add(row)
            db.flush()
            if q.kind == "dots":
                dots[key] = dots.get(key, 0) + 1
            self.outcomes[a.client_id] = Outcome(row.id)
            new_ids.append(row.id)
            self.stored.append(
                {
                    c: getattr(row, c)
                    for c in (
                        "id",
                        "question_id",
                        "session_id",
                        "device",
                        "client_id",
                        "value",
                        "status",
                        "created_at",
                    )
                }
            )
        return (
            Changes([_room_change("created", self.session_id, new_ids)]) if new_ids else Changes()
        )

    def undo(self, db: OrmSession) -> Changes:
        ids = [v["id"] for v in self.stored]
        for row in db.scalars(select(RoomAnswer).where(RoomAnswer.id.in_(ids))):
            db.delete(row)
        return Changes([_room_change("deleted", self.session_id, ids)]) if ids else Changes()


@dataclass
class SetAnswerStatus(Command):
    """Show, hold back or hide answers (moderation); undo puts each back as it was."""

    session_id: int
    answer_ids: list[int]
    status: str
    old: dict[int, str] = field(default_factory=dict)
    label: str = ""

    def __post_init__(self) -> None:
        if self.status not in ("shown", "pending", "hidden"):
            raise CommandError(_("Unknown status: {status}").format(status=self.status))
        self.label = _("Moderate answers")

    def do(self, db: OrmSession) -> Changes:
        rows = db.scalars(
            select(RoomAnswer).where(
                RoomAnswer.id.in_(self.answer_ids), RoomAnswer.session_id == self.session_id
            )
        ).all()
        self.old = {r.id: r.status for r in rows}
        for r in rows:
            r.status = self.status
        return Changes([_room_change("updated", self.session_id, self.old, ("status",))])

    def undo(self, db: OrmSession) -> Changes:
        for r in db.scalars(select(RoomAnswer).where(RoomAnswer.id.in_(list(self.old)))):
            r.status = self.old[r.id]
        return Changes([_room_change("updated", self.session_id, self.old, ("status",))])


class HideAllAnswers(Command):
    """The one key: every shown answer of the session is hidden from the projector at once."""

    def __init__(self, session_id: int) -> None:
        self.session_id = session_id
        self.hidden: list[int] = []
        self.label = _("Hide all answers")

    def do(self, db: OrmSession) -> Changes:
        rows = db.scalars(
            select(RoomAnswer).where(
                RoomAnswer.session_id == self.session_id, RoomAnswer.status == "shown"
            )
        ).all()
        self.hidden = [r.id for r in rows]
        for r in rows:
            r.status = "hidden"
        return Changes([_room_change("updated", self.session_id, self.hidden, ("status",))])

    def undo(self, db: OrmSession) -> Changes:
        for r in db.scalars(select(RoomAnswer).where(RoomAnswer.id.in_(self.hidden))):
            r.status = "shown"
        return Changes([_room_change("updated", self.session_id, self.hidden, ("status",))])
