"""Plain data a report is written from (no ORM objects, no Qt): frozen dataclasses.

The records are the read model's (`workshop.readmodel.records`); the loader
(`workshop.reports.loader`) derives `ReportData` from a session snapshot; the builders turn
it into flowables. Tests and the benchmark may also construct them directly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from workshop.readmodel.records import (
    AgendaEntry,
    AttachmentInfo,
    GroupInfo,
    NoteInfo,
    Person,
    PitchInfo,
    RoundInfo,
    SessionInfo,
)

__all__ = [
    "FORMATS",
    "KINDS",
    "SECTIONS",
    "AgendaEntry",
    "AttachmentInfo",
    "GroupInfo",
    "NoteInfo",
    "Person",
    "PitchInfo",
    "ReportData",
    "ReportError",
    "ReportOptions",
    "ReviewedAction",
    "RoundInfo",
    "SessionInfo",
]

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
        stored_kind, stored_lang = raw.get("kind"), raw.get("lang")
        kind = stored_kind if isinstance(stored_kind, str) and stored_kind in KINDS else base.kind
        lang = stored_lang if stored_lang in ("nl", "en") else base.lang
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
