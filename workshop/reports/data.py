"""Plain data a report is written from (no ORM objects, no Qt): frozen dataclasses.

The loader (`workshop.reports.loader`) fills these from the library; the builders turn them
into flowables. Tests and the benchmark may also construct them directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time

SECTIONS = (
    "cover",
    "contents",
    "summary",
    "background",
    "programme",
    "participants",
    "results",
    "photos",
    "actions",
    "questions",
    "follow_up",
)
"""Sections a user may switch off (verslag); the draaiboek uses the ones that apply."""

KINDS = ("verslag", "draaiboek")
FORMATS = ("pdf", "html", "docx")
"""The verslag is written as PDF, HTML (the accessible version) or DOCX (to edit in Word)."""


class ReportError(Exception):
    """A report that could not be written; the message is for the user."""


@dataclass(frozen=True)
class ReportOptions:
    """What to write: kind, language, naming and which sections."""

    kind: str = "verslag"
    lang: str = "nl"
    anonymous: bool = False
    sections: frozenset[str] = frozenset(SECTIONS)
    logo: bytes | None = None  # overrides the session's logo when given
    use_logo: bool = True
    image_dpi: int = 150  # photos are resampled to this resolution at their printed size
    include_rehearsals: bool = False  # the timer log of rehearsal runs (other days) too
    written_on: date | None = None  # the colofon's date (from the caller's clock)
    version: str = "1.0"  # the cover's and colofon's version number ("Versie 1.0, ...")
    author: str = ""  # who wrote it; empty: the session's facilitators, else its organiser

    def has(self, section: str) -> bool:
        return section in self.sections

    def to_json(self) -> str:
        """The choices worth remembering per session (not the logo bytes)."""
        return json.dumps(
            {
                "kind": self.kind,
                "lang": self.lang,
                "anonymous": self.anonymous,
                "sections": sorted(self.sections),
                "use_logo": self.use_logo,
                "include_rehearsals": self.include_rehearsals,
                "version": self.version,
                "author": self.author,
            }
        )

    @classmethod
    def from_json(cls, text: str, default: ReportOptions | None = None) -> ReportOptions:
        """Options saved by `to_json`; anything missing or unreadable keeps the default."""
        base = default or cls()
        try:
            raw = json.loads(text) if text else {}
        except ValueError:
            raw = {}
        if not isinstance(raw, dict):
            raw = {}
        kind = raw.get("kind") if raw.get("kind") in KINDS else base.kind
        lang = raw.get("lang") if raw.get("lang") in ("nl", "en") else base.lang
        sections = raw.get("sections")
        if isinstance(sections, list):
            chosen = frozenset(s for s in sections if s in SECTIONS)
        else:
            chosen = base.sections
        return cls(
            kind=kind,
            lang=lang,
            anonymous=bool(raw.get("anonymous", base.anonymous)),
            sections=chosen,
            use_logo=bool(raw.get("use_logo", base.use_logo)),
            image_dpi=base.image_dpi,
            include_rehearsals=bool(raw.get("include_rehearsals", base.include_rehearsals)),
            version=_short(raw.get("version"), 20) or base.version,
            author=_short(raw.get("author"), 200) if "author" in raw else base.author,
        )


def _short(value: object, limit: int) -> str:
    """A saved one-line text, or '' when it is missing, not text or too long."""
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    return text if len(text) <= limit else ""


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


@dataclass(frozen=True)
class AgendaEntry:
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
    speaking_minutes: float | None = None
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    skipped: bool = False

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
    member_ids: tuple[int, ...] = ()


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
class ReviewedAction:
    """An earlier meeting's action looked back on in this meeting ("Terugblik acties")."""

    what: str
    who: str
    due: date | None
    status: str  # open / bezig / gedaan / vervallen
    origin: str  # the title of the meeting where it was agreed
    overdue: bool


@dataclass(frozen=True)
class ReportData:
    """Everything one session's verslag or draaiboek may show."""

    session: SessionInfo
    agenda: tuple[AgendaEntry, ...] = ()
    participants: tuple[Person, ...] = ()
    rounds: tuple[RoundInfo, ...] = ()
    notes: tuple[NoteInfo, ...] = ()
    attachments: tuple[AttachmentInfo, ...] = ()
    #: Plenary parts: per item, the groups that spoke there (notes typed on that item for a
    #: group formed on another item). Notes belong to the item they were typed on.
    harvests: tuple[RoundInfo, ...] = ()
    pitches: tuple[PitchInfo, ...] = ()  # typed speaking queues, per item in speaking order
    #: a meeting of a series: the actions its "Terugblik acties" item looked back on
    reviewed_actions: tuple[ReviewedAction, ...] = ()
    #: phones in the room: the questions and their shown answers (workshop/reports/room_results)
    room_results: tuple = ()
    people_by_id: dict[int, Person] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.people_by_id and self.participants:
            object.__setattr__(self, "people_by_id", {p.id: p for p in self.participants})
