"""The room server on its own thread and event loop.

The app runs the server here so that phones never cost the UI's event loop a stall: the
UI thread only hears of stored changes through the change bus, like from any writer.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future
from typing import Any

from workshop.room.server import RoomServer


class RoomThread:
    """Runs one `RoomServer` on a daemon thread; `start` returns once it listens."""

    def __init__(self, server: RoomServer) -> None:
        self.server = server
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="room-server", daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        self.loop.close()

    def start(self, timeout: float = 15.0) -> RoomServer:
        self._thread.start()
        self.call(self.server.start()).result(timeout)
        return self.server

    def call(self, coro) -> Future[Any]:
        """Run a coroutine on the server's loop (from any thread)."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def stop(self, timeout: float = 15.0) -> None:
        if not self._thread.is_alive():
            return
        try:
            self.call(self.server.stop()).result(timeout)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(timeout)
