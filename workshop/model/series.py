"""Series (reeksen): meetings of one Community of Practice, its people register and actions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workshop.model.base import Base, utcnow


class Series(Base):
    """A reeks: a name, a theme, facilitators; meetings, co-hosts, people and actions hang off it."""

    __tablename__ = "series"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    theme: Mapped[str] = mapped_column(String(500), default="")
    facilitators: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SeriesCoHost(Base):
    """A co-host organisation of the whole series (same shape as a session's CoHost)."""

    __tablename__ = "series_cohosts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SeriesMeeting(Base):
    """A session's place in a series; a session belongs to at most one series."""

    __tablename__ = "series_meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), unique=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class SeriesTemplate(Base):
    """An agenda template that belongs to the usual programme of a series."""

    __tablename__ = "series_templates"
    __table_args__ = (UniqueConstraint("series_id", "template_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("agenda_templates.id", ondelete="CASCADE"))


class SeriesPerson(Base):
    """One person across the meetings of a series (the register)."""

    __tablename__ = "series_people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    #: consent to be named, carried from meeting to meeting; revocable
    may_be_named: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SeriesAttendance(Base):
    """Which register person a session's participant is, and whether they came."""

    __tablename__ = "series_attendance"
    __table_args__ = (UniqueConstraint("session_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("series_people.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )


class SeriesAction(Base):
    """An agreed action: what, who, when, status; it lives in the series, not one meeting."""

    __tablename__ = "series_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), index=True)
    #: the meeting where it was agreed (None: added between meetings)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), nullable=True
    )
    what: Mapped[str] = mapped_column(Text, default="")
    who: Mapped[str] = mapped_column(String(300), default="")
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
