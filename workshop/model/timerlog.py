"""What actually happened to the clock: the source of planned-versus-actual in the report."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.model.base import Base

if TYPE_CHECKING:
    from workshop.model.session import WorkSession


class TimerEvent(Base):
    __tablename__ = "timer_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    amount_seconds: Mapped[float] = mapped_column(default=0.0)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)

    session: Mapped[WorkSession] = relationship(back_populates="timer_events")
