"""Breakout rounds, their groups (tables) and who sits where."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.model.base import Base, utcnow

if TYPE_CHECKING:
    from workshop.model.people import Participant
    from workshop.model.session import WorkSession


class BreakoutRound(Base):
    __tablename__ = "breakout_rounds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), nullable=True
    )
    number: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(300), default="")
    settings: Mapped[dict] = mapped_column(JSON, default=dict)  # planner options used
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    session: Mapped[WorkSession] = relationship(back_populates="rounds")
    groups: Mapped[list[BreakoutGroup]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="BreakoutGroup.position"
    )


class BreakoutGroup(Base):
    __tablename__ = "breakout_groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: optimistic concurrency: checked and bumped by every ORM update (a race: ConflictError)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    round_id: Mapped[int] = mapped_column(
        ForeignKey("breakout_rounds.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300), default="")  # "Groep 3"
    table_name: Mapped[str] = mapped_column(String(300), default="")  # "Tafel 3"
    theme: Mapped[str] = mapped_column(String(300), default="")
    host_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True
    )
    rapporteur_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True
    )
    locked: Mapped[bool] = mapped_column(default=False)
    report_position: Mapped[int | None] = mapped_column(Integer, nullable=True)  # reporting order
    speaking_minutes: Mapped[float | None] = mapped_column(nullable=True)

    round: Mapped[BreakoutRound] = relationship(back_populates="groups")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="Membership.seat"
    )


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("round_id", "participant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("breakout_rounds.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(
        ForeignKey("breakout_groups.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    seat: Mapped[int] = mapped_column(Integer, default=0)

    group: Mapped[BreakoutGroup] = relationship(back_populates="memberships")
    participant: Mapped[Participant] = relationship()
