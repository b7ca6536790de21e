"""Demo content for capture: a plenaire terugkoppeling with notes of every kind, a flip-over
photo, notes on the plenary items, summaries.

Notes are written in the demo JSON the way a facilitator types them ("!… @wie voor 1 juni")
and go through the same parser, so dates resolve against the demo's session date. The
groups are the breakout groups of the subgroepen item when the Groepen part made them;
otherwise the feedback queue is typed in here, as a facilitator would.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session as OrmSession

from workshop.capture.commands.notes import NoteContent
from workshop.capture.parser import parse_line
from workshop.capture.photos import prepare_file
from workshop.capture.queue_view import ordered_groups, queue_round
from workshop.errors import CommandError
from workshop.model import (
    AgendaItem,
    Attachment,
    BreakoutGroup,
    BreakoutRound,
    ItemKind,
    Note,
    WorkSession,
)
from workshop.paths import resource
from workshop.readmodel.order import agenda_key
from workshop.readmodel.snapshot import Part, read_snapshot

log = logging.getLogger(__name__)


def _note(
    session: WorkSession, item: AgendaItem, group: BreakoutGroup | None, spec: Any, position: int
) -> Note:
    spec = {"line": spec} if isinstance(spec, str) else spec
    parsed = parse_line(spec["line"], session.date)
    content = NoteContent.from_parsed(parsed)
    return Note(
        session_id=session.id,
        agenda_item_id=item.id,
        group_id=group.id if group else None,
        position=position,
        kind=content.kind,
        text=content.text,
        speaker=content.speaker,
        speaker_may_be_named=bool(spec.get("named", False)),
        action_who=content.action_who,
        action_due=content.action_due,
        action_due_text=content.action_due_text,
        theme=spec.get("theme", ""),
        starred=bool(spec.get("star", False)),
        votes=int(spec.get("votes", 0)),
    )


def _feedback_groups(db: OrmSession, item: AgendaItem, specs: list[dict]) -> list[BreakoutGroup]:
    """Existing breakout groups in reporting order, or groups typed in when there are none.

    Typed-in demo groups belong to the subgroepen item before the feedback (they are the
    groups that met), so a round the Groepen part adds later for that item simply wins.
    """
    snapshot = read_snapshot(db, item.session_id, {Part.AGENDA, Part.ROUNDS})
    entry = snapshot.item(item.id)
    found = queue_round(snapshot, entry) if entry is not None else None
    if found is not None and found.groups:
        return [db.get_one(BreakoutGroup, g.id) for g in ordered_groups(found)]
    breakout = next(
        (
            i
            for i in sorted(item.session.items, key=agenda_key, reverse=True)
            if agenda_key(i) < agenda_key(item) and i.kind == ItemKind.SUBGROEPEN.value
        ),
        item,
    )
    rnd = BreakoutRound(
        session_id=item.session_id,
        agenda_item_id=breakout.id,
        number=1 + max((r.number for r in item.session.rounds), default=0),
        title=item.title,
    )
    rnd.groups = [
        BreakoutGroup(position=i, report_position=i, name=spec["name"], theme=spec.get("theme", ""))
        for i, spec in enumerate(specs)
    ]
    db.add(rnd)
    db.flush()
    return list(rnd.groups)


def _pair_by_theme(
    groups: list[BreakoutGroup], specs: list[dict]
) -> list[tuple[BreakoutGroup, dict]]:
    """Notes about a theme go to the group with that theme; the rest in reporting order."""
    free = list(groups)
    pairs: list[tuple[BreakoutGroup, dict]] = []
    unmatched = []
    for spec in specs:
        theme = spec.get("theme", "").casefold()
        match = next((g for g in free if theme and g.theme.casefold() == theme), None)
        if match is None:
            unmatched.append(spec)
        else:
            free.remove(match)
            pairs.append((match, spec))
    pairs.extend(zip(free, unmatched, strict=False))
    return pairs


def _photo(session: WorkSession, item: AgendaItem, group: BreakoutGroup, spec: dict, position: int):
    try:
        prepared = prepare_file(resource("demo", spec["file"]))
    except CommandError as err:  # a damaged checkout must not break the demo
        log.warning("demo photo skipped: %s", err)
        return None
    return Attachment(
        session_id=session.id,
        agenda_item_id=item.id,
        group_id=group.id,
        caption=spec.get("caption", ""),
        filename=prepared.filename,
        mime=prepared.mime,
        data=prepared.data,
        thumbnail=prepared.thumbnail,
        width=prepared.width,
        height=prepared.height,
        position=position,
    )


def _member_names(db: OrmSession, group: BreakoutGroup) -> list[str]:
    """The names of the group's members (host first), for quotes and actions of the group."""
    from sqlalchemy import select

    from workshop.model import Membership, Participant

    names = list(
        db.scalars(
            select(Participant.name)
            .join(Membership, Membership.participant_id == Participant.id)
            .where(Membership.group_id == group.id)
            .order_by(Membership.seat, Participant.name)
        )
    )
    host = db.get(Participant, group.host_id) if group.host_id else None
    if host is not None and host.name in names:
        names.remove(host.name)
        names.insert(0, host.name)
    return names


def _from_the_group(note: Note, members: list[str]) -> Note:
    """A quote or action of a group names someone who sat at that table (the demo's groups
    are formed at build time, so the names in the demo file need not match them)."""
    if not members:
        return note
    if note.speaker and note.speaker not in members:
        note.speaker = members[(note.position + 1) % len(members)]
    if note.action_who and note.action_who not in members:
        note.action_who = members[0]
    return note


def build_capture_demo(db: OrmSession, session: WorkSession, data: dict[str, Any]) -> None:
    """DEMO_EXTENSIONS entry: the plenaire terugkoppeling and plenary notes of the demo."""
    spec = data.get("capture")
    if not spec:
        return
    by_kind: dict[str, AgendaItem] = {}
    for session_item in session.items:
        by_kind.setdefault(session_item.kind, session_item)
    feedback = by_kind.get(ItemKind.TERUGKOPPELING.value)
    photos = 0
    if feedback is not None:
        specs = spec.get("groups", [])
        groups = _feedback_groups(db, feedback, specs)
        for group, group_spec in _pair_by_theme(groups, specs):
            if not group.theme and group_spec.get("theme"):
                group.theme = group_spec["theme"]
            members = _member_names(db, group)
            for position, note in enumerate(group_spec.get("notes", [])):
                db.add(_from_the_group(_note(session, feedback, group, note, position), members))
            if "photo" in group_spec:
                photo = _photo(session, feedback, group, group_spec["photo"], photos)
                if photo is not None:
                    db.add(photo)
                    photos += 1
    for item_spec in spec.get("items", []):
        item = by_kind.get(item_spec["kind"])
        if item is None:
            continue
        if item_spec.get("summary") and not item.summary:
            item.summary = item_spec["summary"]
        for position, note in enumerate(item_spec.get("notes", [])):
            db.add(_note(session, item, None, note, position))
    if spec.get("summary") and not session.summary:
        session.summary = spec["summary"]
    if spec.get("follow_up") and not session.follow_up:
        session.follow_up = spec["follow_up"]
    db.flush()
