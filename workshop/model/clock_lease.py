"""Who runs the Live clock of a session: one lease row per session (issue 15).

The laptop whose `holder` id is in the row, with `expires_at` in the future, runs the clock
and stores its run state; it renews `expires_at` every few seconds while its Live service
is open (never on every tick). Other laptops follow the stored run read-only, and may take
the lease over explicitly or once it has expired (workshop/timing/lease.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from workshop.model.base import Base


class ClockLease(Base):
    __tablename__ = "clock_leases"

    session_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    holder: Mapped[str] = mapped_column(String(40))  # one Live service's random id
    holder_name: Mapped[str] = mapped_column(String(120), default="")  # shown to the others
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
