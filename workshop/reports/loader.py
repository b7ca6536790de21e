"""Read one session out of the library as plain `ReportData` (runs on the DB worker)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, time

from sqlalchemy import func, select

from workshop.agenda.planning import planned_clock_times
from workshop.capture.queue import reporting_rounds
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import (
    AgendaItem,
    Attachment,
    BreakoutGroup,
    BreakoutRound,
    ItemKind,
    Membership,
    Note,
    Participant,
    QueueEntry,
    TimerEvent,
    TimerEventKind,
    WorkSession,
)
from workshop.reports.data import (
    AgendaEntry,
    AttachmentInfo,
    GroupInfo,
    NoteInfo,
    Person,
    PitchInfo,
    ReportData,
    ReportOptions,
    ReviewedAction,
    RoundInfo,
    SessionInfo,
)
from workshop.reports.room_results import load_room_results
from workshop.store.library import Library


def load_report_data(
    library: Library, session_id: int, options: ReportOptions | None = None
) -> ReportData:
    """Everything the report of `session_id` needs; photos only when the options show them."""
    options = options or ReportOptions()
    with library.read() as db:
        s = db.get(WorkSession, session_id)
        if s is None:
            raise CommandError(_("Session {id} does not exist").format(id=session_id))
        session = SessionInfo(
            id=s.id,
            title=s.title,
            subtitle=s.subtitle,
            date=s.date,
            start_time=s.start_time,
            end_time=s.end_time,
            place=s.place,
            online_link=s.online_link,
            organiser=s.organiser,
            facilitators=s.facilitators,
            goals=s.goals,
            background=s.background,
            welcome_line=s.welcome_line,
            summary=s.summary,
            follow_up=s.follow_up,
            logo=s.logo,
            cohosts=tuple((c.name, c.logo) for c in s.cohosts),
        )
        items = db.scalars(
            select(AgendaItem)
            .where(AgendaItem.session_id == session_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        ).all()
        events = db.scalars(
            select(TimerEvent)
            .where(TimerEvent.session_id == session_id)
            .order_by(TimerEvent.at, TimerEvent.id)
        ).all()
        if not options.include_rehearsals:  # a rehearsal on another day is no session
            events = [e for e in events if not is_rehearsal_event(e)]
        agenda = _agenda(items, s.start_time, events)
        people = tuple(
            Person(
                p.id,
                p.name,
                p.organisation,
                p.role,
                p.presence,
                bool(p.may_be_named),
                p.email or "",
                p.walk_in,
            )
            for p in db.scalars(
                select(Participant)
                .where(Participant.session_id == session_id)
                .order_by(Participant.name, Participant.id)
            )
        )
        rounds = _rounds(db, session_id)
        harvested = reporting_rounds(db, session_id)
        pitches = tuple(
            PitchInfo(e.id, e.agenda_item_id, e.position, e.name, e.participant_id, e.group_id)
            for e in db.scalars(
                select(QueueEntry)
                .where(QueueEntry.session_id == session_id)
                .order_by(QueueEntry.agenda_item_id, QueueEntry.position, QueueEntry.id)
            )
        )
        notes = tuple(
            NoteInfo(
                id=n.id,
                kind=n.kind,
                text=n.text,
                agenda_item_id=n.agenda_item_id,
                group_id=n.group_id,
                speaker=n.speaker,
                speaker_id=n.speaker_id,
                speaker_may_be_named=bool(n.speaker_may_be_named),
                action_who=n.action_who,
                action_due=n.action_due,
                action_due_text=n.action_due_text,
                theme=n.theme,
                starred=bool(n.starred),
                votes=n.votes or 0,
                position=n.position or 0,
                queue_entry_id=n.queue_entry_id,
                answered=bool(n.answered),
            )
            for n in db.scalars(
                select(Note).where(Note.session_id == session_id).order_by(Note.position, Note.id)
            )
        )
        attachments: tuple[AttachmentInfo, ...] = ()
        if options.kind == "verslag" and options.has("photos"):
            attachments = tuple(
                AttachmentInfo(
                    id=a.id,
                    data=a.data,
                    caption=a.caption,
                    description=a.description,
                    filename=a.filename,
                    mime=a.mime,
                    width=a.width,
                    height=a.height,
                    rotation=a.rotation,
                    agenda_item_id=a.agenda_item_id,
                    group_id=a.group_id,
                    position=a.position,
                    queue_entry_id=a.queue_entry_id,
                )
                for a in db.scalars(
                    select(Attachment)
                    .where(Attachment.session_id == session_id)
                    .order_by(Attachment.position, Attachment.id)
                )
                if a.data
            )
        room_results = load_room_results(db, session_id) if options.kind == "verslag" else ()
    harvests = _harvests(rounds, notes, attachments, harvested)
    reviewed: tuple[ReviewedAction, ...] = ()
    if any(i.kind == ItemKind.TERUGBLIK_ACTIES.value for i in agenda):
        reviewed = _reviewed_actions(library, session_id, session.date)
    return ReportData(
        session,
        agenda,
        people,
        rounds,
        notes,
        attachments,
        harvests=harvests,
        pitches=pitches,
        reviewed_actions=reviewed,
        room_results=room_results,
    )


def _reviewed_actions(library: Library, session_id: int, day) -> tuple[ReviewedAction, ...]:
    from workshop.series.review import actions_to_review

    return tuple(
        ReviewedAction(a.what, a.who, a.due, a.status, a.origin, a.overdue)
        for a in actions_to_review(library, session_id, today=day)
    )


def _harvests(
    rounds: tuple[RoundInfo, ...],
    notes: tuple[NoteInfo, ...],
    attachments: tuple[AttachmentInfo, ...],
    harvested: dict[int, int],
) -> tuple[RoundInfo, ...]:
    """The groups that spoke on another item than the one they were formed for.

    A note typed on the plenary harvest for "Groep 2" belongs to the harvest item, under
    Groep 2; the breakout item keeps only what was typed there. `harvested` (item -> round,
    from `capture.queue.reporting_rounds`, as the capture queue and projector use) gives a
    plenary item all groups of its breakout; notes for groups of other rounds add theirs.
    """
    home: dict[int, tuple[RoundInfo, GroupInfo]] = {g.id: (r, g) for r in rounds for g in r.groups}
    by_id = {r.id: r for r in rounds}
    spoke: dict[tuple[int | None, int], list[int]] = {}  # (item, round) -> group ids
    for item_id, round_id in harvested.items():
        rnd = by_id.get(round_id)
        if rnd is not None and rnd.agenda_item_id != item_id:
            spoke[(item_id, rnd.id)] = [g.id for g in rnd.groups]
    for record in (*notes, *attachments):
        found = home.get(record.group_id) if record.group_id is not None else None
        if found is None or found[0].agenda_item_id == record.agenda_item_id:
            continue
        key = (record.agenda_item_id, found[0].id)
        if record.group_id not in spoke.setdefault(key, []):
            spoke[key].append(record.group_id)
    out = []
    for (item_id, round_id), group_ids in spoke.items():
        rnd = by_id[round_id]
        out.append(
            RoundInfo(
                rnd.id,
                rnd.number,
                "",
                item_id,
                tuple(
                    replace(g, host_id=None, rapporteur_id=None, member_ids=())
                    for g in rnd.groups
                    if g.id in group_ids
                ),
                harvest=True,
            )
        )
    return tuple(out)


def _rounds(db, session_id: int) -> tuple[RoundInfo, ...]:
    rounds = db.scalars(
        select(BreakoutRound)
        .where(BreakoutRound.session_id == session_id)
        .order_by(BreakoutRound.number, BreakoutRound.id)
    ).all()
    if not rounds:
        return ()
    round_ids = [r.id for r in rounds]
    groups = db.scalars(
        select(BreakoutGroup)
        .where(BreakoutGroup.round_id.in_(round_ids))
        .order_by(BreakoutGroup.position, BreakoutGroup.id)
    ).all()
    members: dict[int, list[int]] = {}
    for group_id, participant_id in db.execute(
        select(Membership.group_id, Membership.participant_id)
        .where(Membership.round_id.in_(round_ids))
        .order_by(Membership.seat, Membership.id)
    ):
        members.setdefault(group_id, []).append(participant_id)
    by_round: dict[int, list[GroupInfo]] = {}
    for g in groups:
        by_round.setdefault(g.round_id, []).append(
            GroupInfo(
                id=g.id,
                position=g.position,
                name=g.name,
                table_name=g.table_name,
                theme=g.theme,
                host_id=g.host_id,
                rapporteur_id=g.rapporteur_id,
                report_position=g.report_position,
                speaking_minutes=g.speaking_minutes,
                member_ids=tuple(members.get(g.id, ())),
            )
        )
    return tuple(
        RoundInfo(r.id, r.number, r.title, r.agenda_item_id, tuple(by_round.get(r.id, ())))
        for r in rounds
    )


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


_RUN_KINDS = {
    TimerEventKind.START.value,
    TimerEventKind.RESTART.value,
    TimerEventKind.RESUME.value,
    TimerEventKind.PAUSE.value,
    TimerEventKind.EXTEND.value,
    TimerEventKind.STEP.value,
}


def is_rehearsal_event(event: TimerEvent) -> bool:
    """Logged during a rehearsal run (see `LiveEngine.rehearsal_start`)."""
    return isinstance(event.payload, dict) and bool(event.payload.get("rehearsal"))


def actual_times(
    events: list[TimerEvent],
) -> tuple[dict[int, tuple[datetime, datetime | None]], set[int]]:
    """(start, end) per agenda item from the timer log, and the items that were skipped.

    An item starts at its first running event and ends when the log first moves on to
    another item after its last event (or at the session end).
    """
    spans: dict[int, list[datetime | None]] = {}
    skipped: set[int] = set()
    current: int | None = None
    for event in events:
        at = _aware(event.at)
        item = event.agenda_item_id
        if event.kind == TimerEventKind.SESSION_END.value:
            if current is not None and spans[current][1] is None:
                spans[current][1] = at
            current = None
            continue
        if item is None:
            continue
        if event.kind == TimerEventKind.SKIP.value and item not in spans:
            skipped.add(item)
            continue
        if event.kind not in _RUN_KINDS and item not in spans:
            continue
        if current is not None and current != item and spans[current][1] is None:
            spans[current][1] = at
        if item not in spans:
            spans[item] = [at, None]
        else:
            spans[item][1] = None  # came back to it
        current = item
        skipped.discard(item)
    return {k: (v[0], v[1]) for k, v in spans.items() if v[0] is not None}, skipped


def _agenda(items, session_start: time | None, events) -> tuple[AgendaEntry, ...]:
    starts = planned_clock_times(items, session_start)
    logged, skipped = actual_times(list(events))
    out = []
    for item, planned in zip(items, starts, strict=True):
        log_start, log_end = logged.get(item.id, (None, None))
        steps = tuple(
            (str(step.get("title", "")), float(step.get("minutes") or 0))
            for step in (item.steps or [])
            if isinstance(step, dict)
        )
        out.append(
            AgendaEntry(
                id=item.id,
                position=item.position,
                title=item.title,
                kind=item.kind,
                planned_minutes=item.planned_minutes or 0,
                planned_start=planned,
                fixed_start=item.fixed_start,
                lead=item.lead,
                materials=item.materials,
                notes=item.notes,
                summary=item.summary,
                steps=steps,
                speaking_minutes=item.speaking_minutes,
                actual_start=_aware(item.actual_start) or log_start,
                actual_end=_aware(item.actual_end) or log_end,
                skipped=item.id in skipped and item.actual_start is None,
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
