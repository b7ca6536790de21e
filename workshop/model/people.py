"""Participants (deelnemers)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.model.base import Base, utcnow
from workshop.model.kinds import Presence

if TYPE_CHECKING:
    from workshop.model.session import WorkSession


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: optimistic concurrency: checked and bumped by every ORM update (a race: ConflictError)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300), default="")
    organisation: Mapped[str] = mapped_column(String(300), default="")
    role: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    involvement: Mapped[str] = mapped_column(Text, default="")  # betrokkenheid
    initiative: Mapped[str] = mapped_column(String(500), default="")  # initiatief
    theme_preference: Mapped[str] = mapped_column(String(300), default="")
    second_theme: Mapped[str] = mapped_column(String(300), default="")
    presence: Mapped[str] = mapped_column(String(16), default=Presence.UNKNOWN.value)
    may_be_named: Mapped[bool] = mapped_column(default=False)  # in the report
    walk_in: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    session: Mapped[WorkSession] = relationship(back_populates="participants")


#: One person per e-mail address per session (where an address is set), case-insensitive.
#: Parallel imports of the same list then agree (ImportParticipants upserts on it).
#: PostgreSQL's `where` is added by `add_dialect_options` when a PostgreSQL library is
#: opened: naming `postgresql_where` here imports SQLAlchemy's PostgreSQL dialect (~35 ms)
#: at every start of the app, which mostly opens a SQLite file.
EMAIL_INDEX = Index(
    "uq_participants_session_email",
    Participant.session_id,
    func.lower(Participant.email),
    unique=True,
    sqlite_where=Participant.email != "",
)


def add_dialect_options(dialect_name: str) -> None:
    """The partial-index option of `dialect_name` (PostgreSQL) on EMAIL_INDEX; idempotent."""
    if dialect_name == "postgresql":
        EMAIL_INDEX.dialect_options["postgresql"]["where"] = Participant.email != ""
