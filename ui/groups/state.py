"""What the Groepen page shows, read in one go on the DB worker."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.grouping.queries import (
    ItemChoice,
    RoundInfo,
    default_group_item,
    group_items,
    item_rounds,
)
from workshop.people.queries import PersonInfo, list_people
from workshop.series.queries import series_id_of
from workshop.store.library import Library


@dataclass(frozen=True)
class GroupsState:
    items: list[ItemChoice]
    item_id: int | None
    rounds: list[RoundInfo]
    people: list[PersonInfo]
    in_series: bool = False  # a meeting of a series: the planner counts earlier meetings


def load_state(library: Library, session_id: int, item_id: int | None) -> GroupsState:
    """Everything the page shows, read in one go on the DB worker."""
    items = group_items(library, session_id)
    if item_id is None or all(i.id != item_id for i in items):
        first = default_group_item(items)  # the first item with groups, if any
        item_id = first.id if first else None
    rounds = item_rounds(library, session_id, item_id) if item_id is not None else []
    in_series = series_id_of(library, session_id) is not None
    return GroupsState(items, item_id, rounds, list_people(library, session_id), in_series)
