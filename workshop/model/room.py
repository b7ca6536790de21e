"""Phones in the room: the facilitator's questions and what the phones answered."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workshop.model.base import Base, utcnow


class RoomQuestion(Base):
    """One question put to the phones: open text, one word, a scale, a choice or dot-voting."""

    __tablename__ = "room_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), nullable=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(16), default="text")  # text|word|scale|choice|dots
    prompt: Mapped[str] = mapped_column(Text, default="")
    #: choices (multiple choice), [low, high] (scale), note ids (dot-voting)
    options: Mapped[list] = mapped_column(JSON, default=list)
    dots: Mapped[int] = mapped_column(Integer, default=3)  # dot-voting: dots per phone
    moderated: Mapped[bool] = mapped_column(default=False)  # answers wait for the facilitator
    open: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RoomAnswer(Base):
    """One phone's answer (or one dot) to a question; anonymous: only the phone's random id."""

    __tablename__ = "room_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("room_questions.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    device: Mapped[str] = mapped_column(String(64), default="")  # the phone's random id
    client_id: Mapped[str] = mapped_column(String(64))  # one submission: never stored twice
    value: Mapped[str] = mapped_column(Text, default="")
    #: "shown" on the projector, "pending" moderation, "hidden" by the facilitator
    status: Mapped[str] = mapped_column(String(16), default="shown")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (Index("ix_room_answers_client", "question_id", "client_id", unique=True),)
