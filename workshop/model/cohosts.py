"""Co-host organisations of a session ("in samenwerking met …"), each with an optional logo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.model.base import Base

if TYPE_CHECKING:
    from workshop.model.session import WorkSession


class CoHost(Base):
    __tablename__ = "cohosts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # PNG, capped size
    position: Mapped[int] = mapped_column(Integer, default=0)

    session: Mapped[WorkSession] = relationship(back_populates="cohosts")
