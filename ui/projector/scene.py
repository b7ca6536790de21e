"""Everything one projector picture is drawn from (plain data, easy to freeze)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workshop.projector.content import ProjectorContent
from workshop.projector.state import ProjectorState
from workshop.room.picture import RoomPicture
from workshop.timing.reading import TimerReading


@dataclass(frozen=True)
class Scene:
    state: ProjectorState  # what the room sees (overlays included)
    content: ProjectorContent | None
    item_reading: TimerReading | None  # agenda item / breakout timer
    speaking_reading: TimerReading | None  # plenaire terugkoppeling: the group's turn
    now: datetime
    paging_seconds: float = 0.0  # time since the breakout picture appeared
    #: (item id, expected start) of the running and coming items, at the current pace (the
    #: forecast the Live strip shows); empty without a running engine (planned times then)
    expected_starts: tuple[tuple[int, datetime], ...] = ()
    room: RoomPicture | None = None  # phones in the room: the join QR code, a question's votes

    def expected_start(self, item_id: int | None) -> datetime | None:
        return next((at for i, at in self.expected_starts if i == item_id), None)
