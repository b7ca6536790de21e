"""Which groups report back, in which order, for an agenda item.

A queue holds two sorts of entries, kept apart in the model:

* breakout groups (`BreakoutGroup`): the groups of the item's own round (notes per group
  during the breakout), else of the breakout the item harvests;
* typed entries (`QueueEntry`): pitches of initiatives or cities typed in on the capture
  page. They are not a breakout round: nobody is seated in them.

A `Target` names one of them (or, empty, the item as a whole).

* The item harvests a breakout (`workshop.readmodel.harvest`): the item its
  `harvest_item_id` names, else (for a terugkoppeling) the nearest earlier item in the
  agenda order with groups, of any kind.

Order: a group's `report_position` (else after the others, by position) and an entry's
`position` share one scale; `ReorderQueue` numbers them all. The queue itself is worked
out from a session snapshot (`workshop.capture.queue_view`).
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.model import AgendaItem, ItemKind
from workshop.readmodel.records import AgendaEntry

#: Agenda kinds whose notes belong to groups or pitches in a queue.
QUEUE_KINDS = frozenset({ItemKind.TERUGKOPPELING.value, ItemKind.PITCH.value})


@dataclass(frozen=True)
class Target:
    """Where notes go within an agenda item: a breakout group, a typed queue entry, or
    (both None) the item as a whole."""

    group_id: int | None = None
    entry_id: int | None = None

    @property
    def is_item(self) -> bool:
        return self.group_id is None and self.entry_id is None


WHOLE_ITEM = Target()


def default_minutes(item: AgendaItem | AgendaEntry, count: int) -> float | None:
    """Speaking time per group or pitch when none is set: the item's own default, else the
    item's planned minutes shared over its `count` groups (rounded down to half minutes)."""
    if item.speaking_minutes is not None:
        return item.speaking_minutes
    if count <= 0 or not item.planned_minutes:
        return None
    share = int(item.planned_minutes / count * 2) / 2
    return share if share > 0 else 0.5
