"""Who may use the room: a per-session secret, tokens derived from it, a short code, a PIN.

Every link carries a token. The session token lets a phone join as a participant; each
group's rapporteur token is derived from the same secret (HMAC), so changing the secret
ends every phone's access at once. The short code (six digits, also derived) can be typed
instead of scanning; the co-facilitator's remote asks for a PIN.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session as OrmSession

from workshop.model import Setting

TOKEN_BYTES = 16


def setting_key(session_id: int) -> str:
    return f"room.access.{session_id}"


@dataclass(frozen=True)
class RoomAccess:
    """The secret of one session's room (the stored setting) and what follows from it."""

    session_id: int
    secret: str
    pin: str

    @classmethod
    def new(cls, session_id: int) -> RoomAccess:
        return cls(
            session_id, secrets.token_urlsafe(TOKEN_BYTES), f"{secrets.randbelow(10**4):04d}"
        )

    def _derive(self, label: str) -> str:
        digest = hmac.new(self.secret.encode(), label.encode(), hashlib.sha256).digest()
        return digest.hex()

    @property
    def token(self) -> str:
        """The participants' token (in the join link and its QR code)."""
        return self._derive(f"session:{self.session_id}")[:22]

    def group_token(self, group_id: int) -> str:
        """The rapporteur token of one group (in that table's link and card QR)."""
        return self._derive(f"group:{group_id}")[:22]

    @property
    def code(self) -> str:
        """Six digits to type instead of scanning."""
        return f"{int(self._derive('code')[:12], 16) % 10**6:06d}"

    def is_token(self, token: str) -> bool:
        return hmac.compare_digest(token.encode(), self.token.encode())

    def is_group_token(self, group_id: int, token: str) -> bool:
        return hmac.compare_digest(token.encode(), self.group_token(group_id).encode())

    def is_code(self, code: str) -> bool:
        return hmac.compare_digest(code.strip().encode(), self.code.encode())

    def is_pin(self, pin: str) -> bool:
        return hmac.compare_digest(pin.strip().encode(), self.pin.encode())

    def to_json(self) -> str:
        return json.dumps({"secret": self.secret, "pin": self.pin})


def read_access(db: OrmSession, session_id: int) -> RoomAccess | None:
    row = db.get(Setting, setting_key(session_id))
    if row is None or not row.value:
        return None
    try:
        data = json.loads(row.value)
        return RoomAccess(session_id, str(data["secret"]), str(data["pin"]))
    except (ValueError, KeyError, TypeError):
        return None


def write_access(db: OrmSession, access: RoomAccess | None, session_id: int) -> None:
    row = db.get(Setting, setting_key(session_id))
    value = access.to_json() if access is not None else ""
    if row is None:
        db.add(Setting(key=setting_key(session_id), value=value))
    else:
        row.value = value
