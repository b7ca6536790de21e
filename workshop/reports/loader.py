"""A session's `ReportData`, derived from its snapshot (`workshop.readmodel`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import (
    AgendaItem,
    Attachment,
    BreakoutGroup,
    BreakoutRound,
    ItemKind,
    Note,
    Participant,
    WorkSession,
)
from workshop.readmodel.harvest import reporting_rounds
from workshop.readmodel.records import EventInfo
from workshop.readmodel.snapshot import ALL_BUT_PHOTOS, Part, SessionSnapshot, read_snapshot
from workshop.readmodel.timer_log import actual_times
from workshop.reports.data import (
    AgendaEntry,
    AttachmentInfo,
    GroupInfo,
    NoteInfo,
    ReportData,
    ReportOptions,
    ReviewedAction,
    RoundInfo,
)
from workshop.reports.room_results import load_room_results
from workshop.store.library import Library

__all__ = ["ReportOverview", "actual_times", "load_report_data", "report_data", "report_overview"]


def load_report_data(
    library: Library, session_id: int, options: ReportOptions | None = None
) -> ReportData:
    """Everything the report of `session_id` needs; photos only when the options show them."""
    options = options or ReportOptions()
    parts = set(ALL_BUT_PHOTOS)
    if options.kind == "verslag" and options.has("photos"):
        parts.add(Part.PHOTOS)
    with library.read() as db:
        snapshot = read_snapshot(db, session_id, parts)
        room = load_room_results(db, session_id) if options.kind == "verslag" else ()
        if not snapshot.session.cohosts:  # a meeting of a series: the series' co-hosts
            hosts = _series_cohosts(db, session_id)
            if hosts:
                snapshot = replace(snapshot, session=replace(snapshot.session, cohosts=hosts))
    reviewed: tuple[ReviewedAction, ...] = ()
    if any(i.kind == ItemKind.TERUGBLIK_ACTIES.value for i in snapshot.agenda):
        reviewed = _reviewed_actions(library, session_id, snapshot.session.date)
    return report_data(snapshot, options, reviewed, room)


def _series_cohosts(db, session_id: int) -> tuple[tuple[str, bytes | None], ...]:
    from workshop.series.queries import series_cohosts

    return series_cohosts(db, session_id)


def _reviewed_actions(library: Library, session_id: int, day) -> tuple[ReviewedAction, ...]:
    from workshop.series.review import actions_to_review

    return tuple(
        ReviewedAction(a.what, a.who, a.due, a.status, a.origin, a.overdue)
        for a in actions_to_review(library, session_id, today=day)
    )


def report_data(
    snapshot: SessionSnapshot,
    options: ReportOptions,
    reviewed: tuple[ReviewedAction, ...] = (),
    room_results: tuple = (),
) -> ReportData:
    """The verslag's or draaiboek's data out of a snapshot (pure); `reviewed`: the actions
    a series meeting's "Terugblik acties" looked back on (read by `workshop.series`);
    `room_results`: the phones' questions and shown answers (`reports.room_results`)."""
    events = snapshot.events
    if not options.include_rehearsals:  # a rehearsal on another day is no session
        events = tuple(e for e in events if not e.rehearsal)
    photos = snapshot.photos if options.kind == "verslag" and options.has("photos") else ()
    return ReportData(
        snapshot.session,
        _with_actual_times(snapshot.agenda, events),
        snapshot.people,
        snapshot.rounds,
        snapshot.notes,
        photos,
        harvests=_harvests(snapshot.rounds, snapshot.notes, photos, reporting_rounds(snapshot)),
        pitches=snapshot.pitches,
        reviewed_actions=reviewed,
        room_results=room_results,
    )


def _with_actual_times(
    agenda: tuple[AgendaEntry, ...], events: Iterable[EventInfo]
) -> tuple[AgendaEntry, ...]:
    """Stored actual times, else those the timer log gives; items the log skipped."""
    logged, skipped = actual_times(events)
    out = []
    for item in agenda:
        log_start, log_end = logged.get(item.id, (None, None))
        out.append(
            replace(
                item,
                actual_start=item.actual_start or log_start,
                actual_end=item.actual_end or log_end,
                skipped=item.id in skipped and item.actual_start is None,
            )
        )
    return tuple(out)


def _harvests(
    rounds: tuple[RoundInfo, ...],
    notes: tuple[NoteInfo, ...],
    attachments: tuple[AttachmentInfo, ...],
    harvested: dict[int, int],
) -> tuple[RoundInfo, ...]:
    """The groups that spoke on another item than the one they were formed for.

    A note typed on the plenary harvest for "Groep 2" belongs to the harvest item, under
    Groep 2; the breakout item keeps only what was typed there. `harvested` (item -> round,
    from `readmodel.harvest.reporting_rounds`, as the capture queue and projector use) gives a
    plenary item all groups of its breakout; notes for groups of other rounds add theirs.
    """
    home: dict[int, tuple[RoundInfo, GroupInfo]] = {g.id: (r, g) for r in rounds for g in r.groups}
    by_id = {r.id: r for r in rounds}
    spoke: dict[tuple[int | None, int], list[int]] = {}  # (item, round) -> group ids
    for item_id, round_id in harvested.items():
        rnd = by_id.get(round_id)
        if rnd is not None and rnd.agenda_item_id != item_id:
            spoke[(item_id, rnd.id)] = [g.id for g in rnd.groups]
    records: tuple[NoteInfo | AttachmentInfo, ...] = (*notes, *attachments)
    for record in records:
        group_id = record.group_id
        found = home.get(group_id) if group_id is not None else None
        if group_id is None or found is None or found[0].agenda_item_id == record.agenda_item_id:
            continue
        key = (record.agenda_item_id, found[0].id)
        if group_id not in spoke.setdefault(key, []):
            spoke[key].append(group_id)
    out = []
    for (spoken_on, round_id), group_ids in spoke.items():
        rnd = by_id[round_id]
        out.append(
            RoundInfo(
                rnd.id,
                rnd.number,
                "",
                spoken_on,
                tuple(
                    replace(g, host_id=None, rapporteur_id=None, member_ids=(), members=())
                    for g in rnd.groups
                    if g.id in group_ids
                ),
                harvest=True,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class ReportOverview:
    """What a report of this session would hold, for the Verslag page."""

    title: str
    report_language: str
    items: int
    participants: int
    named: int
    groups: int
    notes: int
    photos: int
    has_logo: bool


def report_overview(library: Library, session_id: int) -> ReportOverview:
    with library.read() as db:
        s = db.get(WorkSession, session_id)
        if s is None:
            raise CommandError(_("Session {id} does not exist").format(id=session_id))

        def count(model, *where) -> int:
            return db.scalar(select(func.count()).select_from(model).where(*where)) or 0

        round_ids = select(BreakoutRound.id).where(BreakoutRound.session_id == session_id)
        return ReportOverview(
            title=s.title,
            report_language=s.report_language or "nl",
            items=count(AgendaItem, AgendaItem.session_id == session_id),
            participants=count(Participant, Participant.session_id == session_id),
            named=count(
                Participant,
                Participant.session_id == session_id,
                Participant.may_be_named.is_(True),
            ),
            groups=count(BreakoutGroup, BreakoutGroup.round_id.in_(round_ids)),
            notes=count(Note, Note.session_id == session_id),
            photos=count(Attachment, Attachment.session_id == session_id),
            has_logo=s.logo is not None,
        )
