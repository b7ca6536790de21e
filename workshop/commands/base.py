"""User changes as commands: do / undo inside one unit of work, returning what changed.

A command captures whatever it needs to reverse itself the first time it runs (old values,
deleted rows), so `undo` after `do` restores the library exactly, and `do` after `undo`
re-applies it. The UI wraps commands for QUndoStack; the CLI and tests use `History`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import UTC, datetime
from typing import Any, Self

from sqlalchemy.orm import Session as OrmSession

from workshop.changes import Change, ChangeKind, Changes, Entity
from workshop.errors import CommandError, ConflictError
from workshop.i18n import N_, _

__all__ = [
    "Change",
    "ChangeKind",
    "Changes",
    "Command",
    "CommandError",
    "ConflictError",
    "Entity",
    "FieldEdit",
]


class Command(ABC):
    """One undoable user change."""

    #: shown in the Edit menu ("Undo: change title"); set by subclasses, already translated
    label: str = ""

    @abstractmethod
    def do(self, db: OrmSession) -> Changes: ...

    @abstractmethod
    def undo(self, db: OrmSession) -> Changes: ...

    def merge_key(self) -> tuple | None:
        """Commands with the same non-None key may merge (typing into one field)."""
        return None

    def merge(self, newer: Command) -> bool:
        """Absorb `newer` (already done) into self; return True when merged."""
        return False


class FieldEdit(Command):
    """Set one or more fields of one row; `undo` puts the values from before back.

    A subclass sets `self.new` (field -> value) and says how to find the row (`_row`, a
    CommandError when it is gone) and what changed (`_changes`). Edits with the same
    `merge_key` merge into one step (typing into one field). List values are copied, so
    a stored list is never shared with the command.
    """

    new: dict[str, Any]
    old: dict[str, Any] | None = None
    #: the values the user's screen showed for these fields (`seen`); None: not checked
    shown: dict[str, Any] | None = None

    def seen(self, **values: Any) -> Self:
        """Say what the screen showed before this edit: the edit is then stored only when
        the row still holds that, so an edit made on a stale screen never silently wins over
        another laptop's newer value (ConflictError instead). Fields not edited are ignored.
        """
        self.shown = {name: _copied(v) for name, v in values.items() if name in self.new}
        return self

    @abstractmethod
    def _row(self, db: OrmSession) -> Any: ...

    @abstractmethod
    def _changes(self, row: Any, fields: tuple[str, ...]) -> Changes: ...

    def _apply(self, db: OrmSession, values: dict[str, Any]) -> Changes:
        row = self._row(db)
        for name, value in values.items():
            setattr(row, name, _copied(value))
        return self._changes(row, tuple(values))

    def do(self, db: OrmSession) -> Changes:
        row = self._row(db)
        if self.old is None:
            if self.shown:
                _refuse_stale(row, self.shown, self.new)
            self.old = {name: _copied(getattr(row, name)) for name in self.new}
        else:  # redo: only over the values undo put back
            _refuse_stale(row, self.old, self.new)
        return self._apply(db, self.new)

    def undo(self, db: OrmSession) -> Changes:
        """Put the old values back, only where the row still holds what this edit wrote.

        When someone else changed one of these fields since, their value stays and a
        ConflictError says so (nothing of this undo is applied).
        """
        assert self.old is not None
        row = self._row(db)
        changed = [name for name, value in self.new.items() if not _same(getattr(row, name), value)]
        if changed:
            raise ConflictError(
                _("Not undone: {fields} was changed by someone else in the meantime").format(
                    fields=field_words(changed)
                )
            )
        return self._apply(db, self.old)

    def merge(self, newer: Command) -> bool:
        if not isinstance(newer, type(self)) or newer.merge_key() != self.merge_key():
            return False
        self.new = dict(newer.new)
        return True


#: words for the fields users edit, as the conflict lines name them
_FIELD_WORDS = {
    "title": N_("the title"),
    "subtitle": N_("the subtitle"),
    "text": N_("the text"),
    "notes": N_("the notes"),
    "materials": N_("the materials"),
    "planned_minutes": N_("the minutes"),
    "lead": N_("who leads"),
    "kind": N_("the kind"),
    "steps": N_("the steps"),
    "place": N_("the place"),
    "goals": N_("the goals"),
    "name": N_("the name"),
    "email": N_("the e-mail address"),
    "organisation": N_("the organisation"),
    "theme": N_("the theme"),
    "speaker": N_("the speaker"),
    "action_who": N_("who does it"),
    "action_due": N_("the due date"),
}


def field_words(names: list[str]) -> str:
    """ "the title, the minutes" for the fields a conflict is about (unknown: their code name)."""
    return ", ".join(_(_FIELD_WORDS[n]) if n in _FIELD_WORDS else n for n in names)


def _refuse_stale(row: Any, expected: dict[str, Any], typed: dict[str, Any]) -> None:
    """ConflictError when the row no longer holds what the screen showed for these fields."""
    moved = [
        name
        for name, value in expected.items()
        if not _same(getattr(row, name), value)
        and not _same(getattr(row, name), typed.get(name))  # it holds this value already
    ]
    if not moved:
        return
    mine = "; ".join(
        f"“{_short(typed[name])}”" for name in moved if isinstance(typed.get(name), str)
    )
    message = _("Not stored: {fields} was changed by someone else in the meantime").format(
        fields=field_words(moved)
    )
    if mine:
        message += " " + _("(your text was {text})").format(text=mine)
    raise ConflictError(message)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _same(stored: Any, written: Any) -> bool:
    """Whether the row still holds what was written (SQLite gives datetimes back without zone)."""
    if isinstance(stored, datetime) and isinstance(written, datetime):
        return _utc_naive(stored) == _utc_naive(written)
    if isinstance(stored, list | tuple) and isinstance(written, list | tuple):
        return list(stored) == list(written)
    return stored == written


def _utc_naive(value: datetime) -> datetime:
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def _copied(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value
