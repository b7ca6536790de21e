"""The rows of a session as plain frozen records: one type per concept, shared by every
view (projector, verslag, capture, agenda and groups pages)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time


@dataclass(frozen=True)
class SessionInfo:
    id: int
    title: str
    subtitle: str = ""
    date: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    online_link: str = ""
    organiser: str = ""
    facilitators: str = ""
    goals: str = ""
    background: str = ""
    welcome_line: str = ""
    summary: str = ""
    follow_up: str = ""
    logo: bytes | None = None
    #: co-host organisations: (name, logo PNG or None), in their order
    cohosts: tuple[tuple[str, bytes | None], ...] = ()
    current_item_id: int | None = None
    report_language: str = "nl"
    run_state: str = ""  # JSON owned by the timer core (`workshop.timing`)


@dataclass(frozen=True)
class AgendaEntry:
    """One agenda item with its planned start (fixed starts honoured)."""

    id: int
    position: int
    title: str
    kind: str = "overig"
    planned_minutes: int = 0
    planned_start: time | None = None
    fixed_start: time | None = None
    lead: str = ""
    materials: str = ""
    notes: str = ""
    summary: str = ""
    steps: tuple[tuple[str, float], ...] = ()
    speaking_minutes: float | None = None  # per group or pitch (None: shared out)
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    skipped: bool = False
    flexible: bool = True
    harvest_item_id: int | None = None  # the breakout whose groups report here (chosen)

    @property
    def done(self) -> bool:
        """The item has ended."""
        return self.actual_end is not None

    @property
    def actual_minutes(self) -> float | None:
        if self.actual_start is None or self.actual_end is None:
            return None
        return max(0.0, (self.actual_end - self.actual_start).total_seconds() / 60)

    @property
    def overrun_minutes(self) -> float | None:
        """Minutes longer than planned (negative: shorter); None when it did not run."""
        actual = self.actual_minutes
        return None if actual is None else actual - self.planned_minutes


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    organisation: str = ""
    role: str = ""
    presence: str = "onbekend"
    may_be_named: bool = False
    email: str = ""  # never printed; known so that redaction recognises it in notes
    walk_in: bool = False  # came in without being on the list (draaiboek: why no group)
    theme_preference: str = ""


@dataclass(frozen=True)
class MemberInfo:
    """A person seated in a group, with what the planner and the groups page show."""

    participant_id: int
    name: str
    organisation: str = ""
    role: str = ""
    presence: str = "onbekend"
    theme_preference: str = ""


@dataclass(frozen=True)
class GroupInfo:
    id: int
    position: int
    name: str
    table_name: str = ""
    theme: str = ""
    host_id: int | None = None
    rapporteur_id: int | None = None
    report_position: int | None = None
    speaking_minutes: float | None = None
    member_ids: tuple[int, ...] = ()  # by seat
    locked: bool = False
    members: tuple[MemberInfo, ...] = ()  # the same people with their details, by seat

    @property
    def title(self) -> str:
        return self.name or self.table_name


@dataclass(frozen=True)
class RoundInfo:
    id: int
    number: int
    title: str = ""
    agenda_item_id: int | None = None
    groups: tuple[GroupInfo, ...] = ()
    #: True for a plenary part: the groups as they spoke on `agenda_item_id` (a harvest of
    #: the breakout round `id`), without their members; never a round of its own.
    harvest: bool = False
    settings: dict = field(default_factory=dict, compare=False)  # the planner's options

    def placed(self) -> set[int]:
        return {pid for g in self.groups for pid in g.member_ids}


@dataclass(frozen=True)
class PitchInfo:
    """A pitch in an item's speaking queue (an initiative or a city), with who brings it and
    the team (breakout group) that works on it."""

    id: int
    agenda_item_id: int | None
    position: int
    name: str
    bringer_id: int | None = None
    team_id: int | None = None
    speaking_minutes: float | None = None


@dataclass(frozen=True)
class NoteInfo:
    id: int
    kind: str
    text: str
    agenda_item_id: int | None = None
    group_id: int | None = None
    speaker: str = ""
    speaker_id: int | None = None
    speaker_may_be_named: bool = False
    action_who: str = ""
    action_due: date | None = None
    action_due_text: str = ""
    theme: str = ""
    starred: bool = False
    votes: int = 0
    position: int = 0
    queue_entry_id: int | None = None  # said for a pitch (PitchInfo.id)
    answered: bool = False  # a question the meeting answered
    source: str = ""  # "table": typed by the group's rapporteur on a phone


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    data: bytes
    caption: str = ""
    description: str = ""  # alt text the facilitator wrote (the caption when empty)
    filename: str = ""
    mime: str = "image/jpeg"
    width: int = 0
    height: int = 0
    rotation: int = 0
    agenda_item_id: int | None = None
    group_id: int | None = None
    position: int = 0
    queue_entry_id: int | None = None


@dataclass(frozen=True)
class EventInfo:
    """One line of the timer log."""

    id: int
    at: datetime
    kind: str
    agenda_item_id: int | None
    rehearsal: bool = False  # logged during a rehearsal run
