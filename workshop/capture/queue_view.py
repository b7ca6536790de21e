"""The reporting queue of an agenda item and the session's actions, derived from a
snapshot (pure). The commands keep `workshop.capture.queue`, which works on ORM rows by
the same rules."""

from __future__ import annotations

from collections import Counter

from workshop.capture.queue import default_minutes
from workshop.i18n import _
from workshop.model import NoteKind
from workshop.readmodel.harvest import breakout_candidates, harvested_item, queue_round
from workshop.readmodel.records import AgendaEntry, GroupInfo, NoteInfo, PitchInfo, RoundInfo
from workshop.readmodel.snapshot import SessionSnapshot

Row = GroupInfo | PitchInfo


def ordered_groups(rnd: RoundInfo) -> list[GroupInfo]:
    """A round's groups in reporting order (set order first, then by position)."""
    return sorted(
        rnd.groups,
        key=lambda g: (
            g.report_position if g.report_position is not None else 10_000 + g.position,
            g.id,
        ),
    )


def speaking_order(
    snapshot: SessionSnapshot, item: AgendaEntry, rnd: RoundInfo | None
) -> list[Row]:
    """The queue of `item`: the round's groups and the item's pitches, in speaking order (a
    group's report position, else after the others by position; a pitch's position)."""
    groups = ordered_groups(rnd) if rnd is not None else []
    keyed: list[tuple[tuple[int, int, int], Row]] = []
    for group in groups:
        order = group.report_position if group.report_position is not None else 10_000
        keyed.append(((order, 0, group.position), group))
    for pitch in snapshot.pitches_of(item.id):
        keyed.append(((pitch.position, 1, pitch.id), pitch))
    return [row for _key, row in sorted(keyed, key=lambda pair: pair[0])]


def effective_minutes(row: Row, item: AgendaEntry, count: int) -> float | None:
    """The row's own speaking time, else the item's default per row."""
    return (
        row.speaking_minutes if row.speaking_minutes is not None else default_minutes(item, count)
    )


def teams(snapshot: SessionSnapshot) -> tuple[tuple[int, str], ...]:
    """Every breakout group of the session, labelled with its round when there are several."""
    several = sum(1 for r in snapshot.rounds if r.groups) > 1
    out = []
    for rnd in snapshot.rounds:
        for group in rnd.groups:
            name = group.title or _("Group {n}").format(n=group.position + 1)
            if several:
                name = f"{rnd.title or _('Round {n}').format(n=rnd.number)} · {name}"
            out.append((group.id, name))
    return tuple(out)


def action_notes(snapshot: SessionSnapshot) -> list[NoteInfo]:
    """The session's actions in agenda order, then reporting order of their group, then
    note order."""
    index = {item.id: n for n, item in enumerate(snapshot.agenda)}
    groups = {g.id: g for r in snapshot.rounds for g in r.groups}

    def key(note: NoteInfo) -> tuple[int, int, int, int, int]:
        group = groups.get(note.group_id) if note.group_id is not None else None
        return (
            index.get(note.agenda_item_id, 10_000) if note.agenda_item_id is not None else 10_000,
            group.report_position if group and group.report_position is not None else -1,
            group.position if group else -1,
            note.position,
            note.id,
        )

    return sorted((n for n in snapshot.notes if n.kind == NoteKind.ACTIE.value), key=key)


def note_counts(notes: tuple[NoteInfo, ...], item_id: int) -> tuple[Counter, Counter]:
    """Notes of one item per group and per typed entry."""
    mine = [n for n in notes if n.agenda_item_id == item_id]
    return (
        Counter(n.group_id for n in mine if n.group_id is not None),
        Counter(n.queue_entry_id for n in mine if n.queue_entry_id is not None),
    )


__all__ = [
    "action_notes",
    "breakout_candidates",
    "effective_minutes",
    "harvested_item",
    "note_counts",
    "ordered_groups",
    "queue_round",
    "speaking_order",
    "teams",
]
