"""SQLAlchemy 2 typed models for the whole product."""

from workshop.model.agenda import AgendaItem, AgendaTemplate
from workshop.model.base import Base
from workshop.model.change_log import ChangeLogEntry
from workshop.model.clock_lease import ClockLease
from workshop.model.cohosts import CoHost
from workshop.model.groups import BreakoutGroup, BreakoutRound, Membership
from workshop.model.kinds import ItemKind, NoteKind, Presence, TimerEventKind
from workshop.model.notes import Attachment, Draft, Note
from workshop.model.people import Participant
from workshop.model.queue import QueueEntry
from workshop.model.room import RoomAnswer, RoomQuestion
from workshop.model.series import (
    Series,
    SeriesAction,
    SeriesAttendance,
    SeriesCoHost,
    SeriesMeeting,
    SeriesPerson,
    SeriesTemplate,
)
from workshop.model.session import WorkSession
from workshop.model.settings import Setting
from workshop.model.timerlog import TimerEvent

__all__ = [
    "AgendaItem",
    "AgendaTemplate",
    "Attachment",
    "Base",
    "CoHost",
    "BreakoutGroup",
    "BreakoutRound",
    "ChangeLogEntry",
    "ClockLease",
    "Draft",
    "ItemKind",
    "Membership",
    "Note",
    "NoteKind",
    "Participant",
    "Presence",
    "QueueEntry",
    "RoomAnswer",
    "RoomQuestion",
    "Series",
    "SeriesAction",
    "SeriesAttendance",
    "SeriesCoHost",
    "SeriesMeeting",
    "SeriesPerson",
    "SeriesTemplate",
    "Setting",
    "TimerEvent",
    "TimerEventKind",
    "WorkSession",
]
