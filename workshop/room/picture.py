"""What the projector shows of the room: the join QR code and one question's live results.

Plain data (no Qt): the app's room service builds it, the projector draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workshop.room.qr import QrMatrix


@dataclass(frozen=True)
class RoomPicture:
    """The room's part of one projector picture."""

    join_url: str = ""  # empty: the server is off (no QR code)
    code: str = ""  # six digits to type at `address`
    address: str = ""  # http://ADDRESS:PORT/ (where the code is typed)
    qr: QrMatrix = ()
    #: a `question_rows` entry (workshop/room/view.py) shown with its results; None: none
    question: dict[str, Any] | None = None

    @property
    def joinable(self) -> bool:
        return bool(self.join_url and self.qr)
