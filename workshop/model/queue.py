"""A speaking queue of an agenda item: pitches of initiatives or cities typed in on the
capture page. Not a breakout round: nobody is seated, Groepen and the planner never see it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from workshop.model.base import Base, utcnow


class QueueEntry(Base):
    __tablename__ = "queue_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    # SET NULL (not CASCADE): removing an agenda item is undone by pointing its rows back
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), nullable=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)  # speaking order
    name: Mapped[str] = mapped_column(String(300), default="")  # initiative or city
    speaking_minutes: Mapped[float | None] = mapped_column(nullable=True)
    # who brings it (the initiatiefnemer) and the team that works on it afterwards
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("breakout_groups.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
