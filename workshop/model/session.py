"""A session (bijeenkomst): the meeting being facilitated."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import Date, DateTime, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.model.base import Base, utcnow

if TYPE_CHECKING:
    from workshop.model.agenda import AgendaItem
    from workshop.model.cohosts import CoHost
    from workshop.model.groups import BreakoutRound
    from workshop.model.notes import Attachment, Note
    from workshop.model.people import Participant
    from workshop.model.timerlog import TimerEvent


class WorkSession(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: optimistic concurrency: checked and bumped by every ORM update (a race: ConflictError)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    title: Mapped[str] = mapped_column(String(500), default="")
    subtitle: Mapped[str] = mapped_column(String(500), default="")
    date: Mapped[date | None] = mapped_column(Date, nullable=True)
    start_time: Mapped[time | None] = mapped_column(Time, nullable=True)
    end_time: Mapped[time | None] = mapped_column(Time, nullable=True)
    place: Mapped[str] = mapped_column(String(500), default="")
    online_link: Mapped[str] = mapped_column(String(1000), default="")
    organiser: Mapped[str] = mapped_column(String(500), default="")
    facilitators: Mapped[str] = mapped_column(String(1000), default="")
    goals: Mapped[str] = mapped_column(Text, default="")  # doel van de middag
    background: Mapped[str] = mapped_column(Text, default="")  # aanleiding / achtergrond
    welcome_line: Mapped[str] = mapped_column(String(500), default="")  # wifi, hashtag
    report_language: Mapped[str] = mapped_column(String(8), default="nl")
    summary: Mapped[str] = mapped_column(Text, default="")  # samenvatting
    follow_up: Mapped[str] = mapped_column(Text, default="")  # vervolg / vooruitblik
    logo: Mapped[bytes | None] = mapped_column(nullable=True)
    is_demo: Mapped[bool] = mapped_column(default=False)
    # Hidden from the start screen's list unless "Show archive" is ticked (undoable).
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    # Running state, so a crash or restart resumes at the same item with the right time.
    current_item_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    run_state: Mapped[str] = mapped_column(Text, default="")  # JSON owned by the timer core

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="[AgendaItem.position, AgendaItem.id]",  # the one agenda order
    )
    participants: Mapped[list[Participant]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Participant.name"
    )
    rounds: Mapped[list[BreakoutRound]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="BreakoutRound.number"
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Note.position"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="Attachment.position"
    )
    timer_events: Mapped[list[TimerEvent]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="TimerEvent.id"
    )
    cohosts: Mapped[list[CoHost]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="CoHost.position"
    )
