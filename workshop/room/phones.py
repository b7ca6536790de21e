"""Which phones the room server has seen, and the ones the facilitator sent away.

A phone is known by the random id its page keeps (`d` on every request). The facilitator's
panel lists them (role, table, connected or last seen) and can revoke one: its connections
are closed and its requests refused from then on. A phone that clears its storage gets a
new id; renewing the session's access (`RenewRoomAccess`) ends every phone's access.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

#: the most phones remembered (the least recently seen are forgotten first)
MAX_PHONES = 2000


@dataclass(frozen=True)
class Phone:
    """One phone as the panel lists it."""

    device: str
    role: str  # "participant" | "rapporteur"
    group_id: int | None
    address: str
    first_seen: float  # monotonic seconds
    last_seen: float
    connections: int = 0  # open WebSockets
    messages: int = 0  # submissions received

    @property
    def connected(self) -> bool:
        return self.connections > 0


class PhoneRegistry:
    """Thread-safe: the server's loop writes, the panel's thread reads snapshots."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._phones: dict[str, Phone] = {}
        self._revoked: set[str] = set()

    def seen(
        self,
        device: str,
        role: str,
        group_id: int | None,
        address: str,
        now: float,
        *,
        connections: int = 0,
        message: bool = False,
    ) -> None:
        with self._lock:
            old = self._phones.pop(device, None)
            if old is None:
                old = Phone(device, role, group_id, address, now, now)
            self._phones[device] = replace(
                old,
                role=role,
                group_id=group_id,
                address=address,
                last_seen=now,
                connections=max(0, old.connections + connections),
                messages=old.messages + (1 if message else 0),
            )
            while len(self._phones) > MAX_PHONES:
                self._phones.pop(next(iter(self._phones)))

    def revoke(self, device: str) -> None:
        with self._lock:
            self._revoked.add(device)
            self._phones.pop(device, None)

    def is_revoked(self, device: str) -> bool:
        with self._lock:
            return device in self._revoked

    def clear_revoked(self) -> None:
        """A new access: the old ids need no ban any more (their tokens are dead)."""
        with self._lock:
            self._revoked.clear()

    def snapshot(self) -> list[Phone]:
        """Every known phone, connected first, then the most recently seen."""
        with self._lock:
            phones = list(self._phones.values())
        return sorted(phones, key=lambda p: (not p.connected, -p.last_seen))
