"""The one set of queries a session snapshot is read with: one function per part, each a
few flat SELECTs (no per-row loading), in the one agenda order."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from workshop.agenda.planning import planned_clock_times
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import (
    AgendaItem,
    Attachment,
    BreakoutGroup,
    BreakoutRound,
    CoHost,
    Membership,
    Note,
    Participant,
    QueueEntry,
    TimerEvent,
    WorkSession,
)
from workshop.readmodel.order import AGENDA_ORDER
from workshop.readmodel.records import (
    AgendaEntry,
    AttachmentInfo,
    EventInfo,
    GroupInfo,
    MemberInfo,
    NoteInfo,
    Person,
    PitchInfo,
    RoundInfo,
    SessionInfo,
)
from workshop.readmodel.timer_log import aware, is_rehearsal_payload


def session_info(db: OrmSession, session_id: int) -> SessionInfo:
    """The session's own fields; a clear error when it is gone."""
    s = db.get(WorkSession, session_id)
    if s is None:
        raise CommandError(_("Session {id} does not exist").format(id=session_id))
    cohosts = db.execute(
        select(CoHost.name, CoHost.logo)
        .where(CoHost.session_id == session_id)
        .order_by(CoHost.position, CoHost.id)
    ).all()
    return SessionInfo(
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
        cohosts=tuple((name, logo) for name, logo in cohosts),
        current_item_id=s.current_item_id,
        report_language=s.report_language or "nl",
        run_state=s.run_state or "",
    )


def steps_of(raw: object) -> tuple[tuple[str, float], ...]:
    """(title, minutes) of a method's steps as stored; malformed entries are left out."""
    out = []
    for step in raw if isinstance(raw, list) else ():
        if not isinstance(step, dict):
            continue
        minutes = step.get("minutes") or 0
        if isinstance(minutes, bool) or not isinstance(minutes, int | float):
            try:
                minutes = float(minutes)
            except (TypeError, ValueError):
                continue
        out.append((str(step.get("title", "")), minutes))
    return tuple(out)


def agenda(db: OrmSession, session: SessionInfo) -> tuple[AgendaEntry, ...]:
    """The agenda in the one order, with planned starts; actual times as stored."""
    items = db.scalars(
        select(AgendaItem).where(AgendaItem.session_id == session.id).order_by(*AGENDA_ORDER)
    ).all()
    starts = planned_clock_times(items, session.start_time)
    return tuple(
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
            steps=steps_of(item.steps),
            speaking_minutes=item.speaking_minutes,
            actual_start=aware(item.actual_start),
            actual_end=aware(item.actual_end),
            flexible=bool(item.flexible),
            harvest_item_id=item.harvest_item_id,
        )
        for item, planned in zip(items, starts, strict=True)
    )


def rounds(db: OrmSession, session_id: int) -> tuple[RoundInfo, ...]:
    """Every breakout round by number, its groups by position, the members by seat.

    Three flat queries (rounds, groups, seats joined with people): a room of 500 over five
    rounds loads in a fraction of what per-object loading takes.
    """
    found = db.scalars(
        select(BreakoutRound)
        .where(BreakoutRound.session_id == session_id)
        .order_by(BreakoutRound.number, BreakoutRound.id)
    ).all()
    if not found:
        return ()
    round_ids = [r.id for r in found]
    groups = db.scalars(
        select(BreakoutGroup)
        .where(BreakoutGroup.round_id.in_(round_ids))
        .order_by(BreakoutGroup.position, BreakoutGroup.id)
    ).all()
    seats = db.execute(
        select(
            Membership.group_id,
            Participant.id,
            Participant.name,
            Participant.organisation,
            Participant.role,
            Participant.presence,
            Participant.theme_preference,
        )
        .join(Participant, Membership.participant_id == Participant.id)
        .where(Membership.round_id.in_(round_ids))
        .order_by(Membership.seat, Membership.id)
    ).all()
    members: dict[int, list[MemberInfo]] = {}
    for row in seats:
        members.setdefault(row[0], []).append(MemberInfo(*row[1:]))
    by_round: dict[int, list[GroupInfo]] = {}
    for g in groups:
        seated = tuple(members.get(g.id, ()))
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
                member_ids=tuple(m.participant_id for m in seated),
                locked=bool(g.locked),
                members=seated,
            )
        )
    return tuple(
        RoundInfo(
            id=r.id,
            number=r.number,
            title=r.title,
            agenda_item_id=r.agenda_item_id,
            groups=tuple(by_round.get(r.id, ())),
            settings=dict(r.settings or {}),
        )
        for r in found
    )


def people(db: OrmSession, session_id: int) -> tuple[Person, ...]:
    """The participants by name."""
    return tuple(
        Person(
            p.id,
            p.name,
            p.organisation,
            p.role,
            p.presence,
            bool(p.may_be_named),
            p.email or "",
            bool(p.walk_in),
            p.theme_preference or "",
        )
        for p in db.execute(
            select(
                Participant.id,
                Participant.name,
                Participant.organisation,
                Participant.role,
                Participant.presence,
                Participant.may_be_named,
                Participant.email,
                Participant.walk_in,
                Participant.theme_preference,
            )
            .where(Participant.session_id == session_id)
            .order_by(Participant.name, Participant.id)
        )
    )


def pitches(db: OrmSession, session_id: int) -> tuple[PitchInfo, ...]:
    """Typed speaking-queue entries, per item in speaking order."""
    return tuple(
        PitchInfo(
            e.id,
            e.agenda_item_id,
            e.position,
            e.name,
            e.participant_id,
            e.group_id,
            e.speaking_minutes,
        )
        for e in db.execute(
            select(
                QueueEntry.id,
                QueueEntry.agenda_item_id,
                QueueEntry.position,
                QueueEntry.name,
                QueueEntry.participant_id,
                QueueEntry.group_id,
                QueueEntry.speaking_minutes,
            )
            .where(QueueEntry.session_id == session_id)
            .order_by(QueueEntry.agenda_item_id, QueueEntry.position, QueueEntry.id)
        )
    )


def notes(db: OrmSession, session_id: int) -> tuple[NoteInfo, ...]:
    """Every note of the session, by position then id (columns, not ORM objects)."""
    rows = db.execute(
        select(
            Note.id,
            Note.kind,
            Note.text,
            Note.agenda_item_id,
            Note.group_id,
            Note.speaker,
            Note.speaker_id,
            Note.speaker_may_be_named,
            Note.action_who,
            Note.action_due,
            Note.action_due_text,
            Note.theme,
            Note.starred,
            Note.votes,
            Note.position,
            Note.queue_entry_id,
            Note.answered,
            Note.source,
        )
        .where(Note.session_id == session_id)
        .order_by(Note.position, Note.id)
    )
    return tuple(
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
            source=n.source or "",
        )
        for n in rows
    )


def events(db: OrmSession, session_id: int) -> tuple[EventInfo, ...]:
    """The timer log in order."""
    return tuple(
        EventInfo(e.id, aware(e.at), e.kind, e.agenda_item_id, is_rehearsal_payload(e.payload))
        for e in db.execute(
            select(
                TimerEvent.id,
                TimerEvent.at,
                TimerEvent.kind,
                TimerEvent.agenda_item_id,
                TimerEvent.payload,
            )
            .where(TimerEvent.session_id == session_id)
            .order_by(TimerEvent.at, TimerEvent.id)
        )
    )


def photos(db: OrmSession, session_id: int) -> tuple[AttachmentInfo, ...]:
    """The photos (print size) with their place, by position."""
    return tuple(
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
