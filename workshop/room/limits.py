"""Rate and size limits per phone: a token bucket for each key (a phone's id, an address)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

#: the largest HTTP body and WebSocket message a phone may send (bytes)
MAX_BODY_BYTES = 8 * 1024
#: the longest line a rapporteur may send (characters); the capture page allows more
MAX_LINE_CHARS = 2000
#: the most keys remembered (the oldest are forgotten first)
MAX_KEYS = 20_000


class RateLimiter:
    """`allow(key)` is True while `key` has tokens: `burst` at once, then `rate` per second."""

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, key: str, cost: float = 1.0) -> bool:
        now = self.clock()
        tokens, last = self._buckets.pop(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        allowed = tokens >= cost
        if allowed:
            tokens -= cost
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > MAX_KEYS:
            self._buckets.popitem(last=False)
        return allowed
