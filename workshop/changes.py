"""Typed changes and the change bus: what a command, another laptop or a phone changed.

Every stored change is announced as `Changes` (a list of `Change`). A `Change` names its
`Entity`, what happened to it, the row ids, the session it belongs to and, for updates,
the fields. Views ask `changes.touches(Entity.NOTE, session_id)` and refresh only that.

`ChangeBus` fans changes out to subscribers. It is plain Python (no Qt), thread-safe, and
takes changes from anywhere: the command runner on this machine, a poller that sees
another process write to the same SQLite file, PostgreSQL notifications from another
laptop, the room server that stores a phone's note. `Changes.to_json` / `from_json` carry
them across a process boundary.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, get_args

log = logging.getLogger(__name__)


class Entity(StrEnum):
    """The kinds of rows a change can be about (the code word; glossary in docs/architecture.md)."""

    SESSION = "session"
    AGENDA_ITEM = "agenda_item"
    AGENDA_TEMPLATE = "agenda_template"
    ATTACHMENT = "attachment"
    GROUP = "group"
    MEMBERSHIP = "membership"
    NOTE = "note"
    PARTICIPANT = "participant"
    QUEUE_ENTRY = "queue_entry"
    TIMER = "timer"
    ROOM = "room"  # phones in the room: server, questions, answers, votes
    SERIES = "series"
    ACTION = "action"


ChangeKind = Literal["created", "updated", "deleted", "moved"]
CHANGE_KINDS: frozenset[str] = frozenset(get_args(ChangeKind))

#: where a change came from: this process, another process on the same library, a phone
Origin = Literal["local", "library", "room"]


@dataclass(frozen=True)
class Change:
    """What one command changed, for views to refresh just that."""

    entity: Entity
    kind: ChangeKind
    ids: tuple[int, ...] = ()
    session_id: int | None = None
    fields: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.entity, Entity):
            object.__setattr__(self, "entity", Entity(self.entity))  # ValueError if unknown
        if self.kind not in CHANGE_KINDS:
            raise ValueError(f"unknown change kind {self.kind!r}")

    def is_about(self, entity: Entity, session_id: int | None = None) -> bool:
        """Whether this change is about `entity` rows (of `session_id`, when given).

        A change that names no session (a template, a library-wide row) is about every
        session; a change to the session row itself carries its id in `ids`.
        """
        if self.entity != entity:
            return False
        if session_id is None or self.session_id is None:
            return True
        return self.session_id == session_id


@dataclass
class Changes:
    """The changes of one step (a command, an undo, a batch received from elsewhere)."""

    items: list[Change] = field(default_factory=list)
    origin: Origin = "local"

    def add(self, change: Change) -> None:
        self.items.append(change)

    def extend(self, changes: Iterable[Change]) -> None:
        self.items.extend(changes)

    def entities(self) -> set[Entity]:
        return {c.entity for c in self.items}

    def touches(self, entity: Entity, session_id: int | None = None) -> bool:
        """Whether any change is about `entity` (in `session_id`, when given)."""
        return any(c.is_about(entity, session_id) for c in self.items)

    def touches_any(self, entities: Iterable[Entity], session_id: int | None = None) -> bool:
        wanted = set(entities)
        return any(c.is_about(c.entity, session_id) for c in self.items if c.entity in wanted)

    def ids(self, entity: Entity, session_id: int | None = None) -> set[int]:
        """The row ids of `entity` that changed (in `session_id`, when given)."""
        return {i for c in self.items if c.is_about(entity, session_id) for i in c.ids}

    def session_ids(self) -> set[int]:
        """Every session these changes touch (a session row's own id included)."""
        found = {c.session_id for c in self.items if c.session_id is not None}
        found |= {i for c in self.items if c.entity is Entity.SESSION for i in c.ids}
        return found

    def for_session(self, session_id: int) -> Changes:
        """Only the changes that concern `session_id` (library-wide ones included)."""
        kept = [
            c
            for c in self.items
            if c.session_id in (None, session_id)
            and not (c.entity is Entity.SESSION and c.ids and session_id not in c.ids)
        ]
        return Changes(kept, self.origin)

    def to_json(self) -> str:
        return json.dumps(
            {
                "origin": self.origin,
                "items": [
                    [c.entity.value, c.kind, list(c.ids), c.session_id, list(c.fields)]
                    for c in self.items
                ],
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str, origin: Origin | None = None) -> Changes:
        """Changes sent by another process; a ValueError for anything malformed."""
        try:
            data = json.loads(text)
            items = [
                Change(
                    Entity(entity),
                    kind,
                    tuple(int(i) for i in ids),
                    None if session_id is None else int(session_id),
                    tuple(str(f) for f in fields),
                )
                for entity, kind, ids, session_id, fields in data["items"]
            ]
            return cls(items, origin or data.get("origin", "library"))
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"not a change message: {error}") from error

    def __iter__(self) -> Iterator[Change]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


Subscriber = Callable[[Changes], None]


class ChangeBus:
    """Fans `Changes` out to subscribers, from any thread.

    `publish` calls each subscriber in the publishing thread; a UI subscriber hops to its
    own thread itself (the Qt adapter in `ui/services` does). A subscriber that raises is
    logged and does not stop the others.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add `subscriber`; returns a function that removes it again."""
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, changes: Changes) -> None:
        if not changes:
            return
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(changes)
            except Exception:  # one broken view must not silence the others
                log.exception("change subscriber failed")
