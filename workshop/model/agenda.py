"""Agenda items (programme onderdelen) and agenda templates."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.model.base import Base, utcnow
from workshop.model.kinds import ItemKind

if TYPE_CHECKING:
    from workshop.model.session import WorkSession


class AgendaItem(Base):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: optimistic concurrency: checked and bumped by every ORM update (a race: ConflictError)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500), default="")
    kind: Mapped[str] = mapped_column(String(32), default=ItemKind.OVERIG.value)
    planned_minutes: Mapped[int] = mapped_column(Integer, default=10)
    lead: Mapped[str] = mapped_column(String(500), default="")  # wie
    notes: Mapped[str] = mapped_column(Text, default="")  # opmerkingen
    materials: Mapped[str] = mapped_column(Text, default="")  # benodigdheden
    fixed_start: Mapped[time | None] = mapped_column(Time, nullable=True)
    flexible: Mapped[bool] = mapped_column(default=True)  # may be shortened to catch up
    # Steps of a method (1-2-4-All, World Café rounds): [{"title": str, "minutes": float}]
    steps: Mapped[list] = mapped_column(JSON, default=list)
    speaking_minutes: Mapped[float | None] = mapped_column(nullable=True)  # per group/pitch
    summary: Mapped[str] = mapped_column(Text, default="")
    # A plenary item's breakout: the item whose groups report back here (None: the nearest
    # earlier item with groups, see workshop.readmodel.harvest).
    harvest_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), nullable=True
    )
    actual_start: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    actual_end: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    session: Mapped[WorkSession] = relationship(back_populates="items")


class AgendaTemplate(Base):
    """A saved agenda to start new sessions from (built-in ones ship as JSON files)."""

    __tablename__ = "agenda_templates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    items: Mapped[list] = mapped_column(JSON, default=list)
    #: The session times the agenda was planned for (its fixed times are shifted from here)
    start_time: Mapped[time | None] = mapped_column(Time, nullable=True)
    end_time: Mapped[time | None] = mapped_column(Time, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
