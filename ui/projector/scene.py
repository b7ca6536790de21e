"""Everything one projector picture is drawn from (plain data, easy to freeze)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workshop.projector.content import ProjectorContent
from workshop.projector.state import ProjectorState
from workshop.timing.reading import TimerReading


@dataclass(frozen=True)
class Scene:
    state: ProjectorState  # what the room sees (overlays included)
    content: ProjectorContent | None
    item_reading: TimerReading | None  # agenda item / breakout timer
    speaking_reading: TimerReading | None  # plenaire terugkoppeling: the group's turn
    now: datetime
    paging_seconds: float = 0.0  # time since the breakout picture appeared
