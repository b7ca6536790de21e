"""Where the page's notes go, worked out from what was read: pure functions, no widgets."""

from __future__ import annotations

from workshop.capture.queries import CaptureItem, ReportingQueue, SessionCapture
from workshop.capture.queue import WHOLE_ITEM, Target
from workshop.i18n import _
from workshop.model import ItemKind

#: (label, agenda item id, group or pitch) of a place notes can move to
MoveTarget = tuple[str, int, Target]


def item_labels(info: SessionCapture) -> list[tuple[str, int]]:
    """The agenda picker's entries: "3. Title  (notes)" and the item id."""
    return [
        (f"{i.position + 1}. {i.title}" + (f"  ({i.note_count})" if i.note_count else ""), i.id)
        for i in info.items
    ]


def default_item(info: SessionCapture) -> int | None:
    """The item the page opens on: the first feedback item, else the first pitch, else the
    first item."""
    for kind in (ItemKind.TERUGKOPPELING.value, ItemKind.PITCH.value):
        for item in info.items:
            if item.kind == kind:
                return item.id
    return info.items[0].id if info.items else None


def target_name(item: CaptureItem | None, queue: ReportingQueue | None, target: Target) -> str:
    """The group or pitch (with its theme) the line points at, else the item's title."""
    if item is None:
        return ""
    if not target.is_item and queue is not None:
        entry = next((e for e in queue.entries if e.target == target), None)
        if entry is not None:
            theme = f" — {entry.theme}" if entry.theme else ""
            return f"{entry.label}{theme}"
    return item.title


def move_targets(
    info: SessionCapture | None,
    item: CaptureItem | None,
    queue: ReportingQueue | None,
    target: Target,
) -> list[MoveTarget]:
    """Where the chosen notes can go: other groups of this queue, the item, other items."""
    out: list[MoveTarget] = []
    if item is None or info is None:
        return out
    if queue is not None:
        for entry in queue.entries:
            if entry.target != target:
                out.append((entry.label, item.id, entry.target))
    if not target.is_item:
        out.append((_("{item} (whole item)").format(item=item.title), item.id, WHOLE_ITEM))
    for other in info.items:
        if other.id != item.id and other.kind != ItemKind.PAUZE.value:
            out.append((f"{other.position + 1}. {other.title}", other.id, WHOLE_ITEM))
    return out
