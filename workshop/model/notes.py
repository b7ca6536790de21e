"""Captured notes (points, quotes, questions, actions, levers, partners) and photos."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.model.base import Base, utcnow
from workshop.model.kinds import NoteKind

if TYPE_CHECKING:
    from workshop.model.session import WorkSession


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: optimistic concurrency: checked and bumped by every ORM update (a race: ConflictError)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), nullable=True, index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("breakout_groups.id", ondelete="SET NULL"), nullable=True, index=True
    )
    queue_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("queue_entries.id", ondelete="SET NULL"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default=NoteKind.INZICHT.value)
    text: Mapped[str] = mapped_column(Text, default="")
    speaker: Mapped[str] = mapped_column(String(300), default="")
    speaker_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True
    )
    speaker_may_be_named: Mapped[bool] = mapped_column(default=False)
    answered: Mapped[bool] = mapped_column(default=False)  # a question the meeting answered
    action_who: Mapped[str] = mapped_column(String(300), default="")
    action_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    action_due_text: Mapped[str] = mapped_column(String(100), default="")
    theme: Mapped[str] = mapped_column(String(300), default="")
    starred: Mapped[bool] = mapped_column(default=False)
    votes: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)
    #: where the note was typed: "" on the laptop, "table" by a rapporteur's phone
    source: Mapped[str] = mapped_column(String(16), default="", server_default="")
    #: the phone's id for this submission: a retry finds it and never stores twice
    client_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )

    session: Mapped[WorkSession] = relationship(back_populates="notes")

    __table_args__ = (Index("ix_notes_client_id", "session_id", "client_id", unique=True),)


class Attachment(Base):
    """A photo (flip-over, canvas) stored inside the library so one file holds everything."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), nullable=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("breakout_groups.id", ondelete="SET NULL"), nullable=True
    )
    queue_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("queue_entries.id", ondelete="SET NULL"), nullable=True
    )
    caption: Mapped[str] = mapped_column(Text, default="")
    #: what the photo shows, for who cannot see it (alt text; the caption when empty)
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    filename: Mapped[str] = mapped_column(String(500), default="")
    mime: Mapped[str] = mapped_column(String(100), default="image/jpeg")
    data: Mapped[bytes] = mapped_column(LargeBinary)  # scaled for print (longest side capped)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    rotation: Mapped[int] = mapped_column(Integer, default=0)  # degrees clockwise, 0/90/180/270
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    session: Mapped[WorkSession] = relationship(back_populates="attachments")


class Draft(Base):
    """Text being typed but not yet stored, so a crash loses no words."""

    __tablename__ = "drafts"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
