"""The change log: what each stored step changed, for the other windows and laptops.

A row is written in the same transaction as the step it describes (the command runner
does it), so a reader never sees a change before it is stored, and never misses one that
was. `writer` names the library handle that wrote it (each open `Library` has its own), so
a listener skips its own steps, which its process already announced.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workshop.model.base import Base, utcnow


class ChangeLogEntry(Base):
    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    writer: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text)  # Changes.to_json()
