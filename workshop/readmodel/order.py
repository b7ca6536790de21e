"""The one agenda order: by position, then by id (two items may share a position)."""

from __future__ import annotations

from typing import Any, Protocol

from workshop.model import AgendaItem

#: ORDER BY for every query that lists agenda items.
AGENDA_ORDER = (AgendaItem.position, AgendaItem.id)


class Ordered(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def position(self) -> int: ...


def agenda_key(item: Ordered) -> tuple[int, int]:
    """The sort key of an item in the agenda (rows, ORM objects or records)."""
    return (item.position, item.id)


def in_agenda_order(items: Any) -> list[Any]:
    """`items` sorted as the agenda lists them."""
    return sorted(items, key=agenda_key)
