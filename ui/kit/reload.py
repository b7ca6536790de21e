"""Coalesced reloads: many change notifications in a burst cause one read, never a pile-up."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from ui.kit.ops import watch

log = logging.getLogger(__name__)


class Reloader:
    """Runs `load()` on request; requests while it runs cause exactly one more run."""

    def __init__(
        self,
        load: Callable[[], Awaitable[None]],
        on_error: Callable[[str], None] | None = None,
        alive: Callable[[], bool] = lambda: True,
    ) -> None:
        self._load = load
        self._on_error = on_error
        self._alive = alive  # False once the widget is gone: late results are dropped
        self._task: asyncio.Task | None = None  # kept: a task without a reference may vanish
        self._again = False
        watch(self, "reload")

    def request(self) -> None:
        if self._task is not None and not self._task.done():
            self._again = True
            return
        self._task = asyncio.ensure_future(self._run())

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    async def wait(self) -> None:
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    async def _run(self) -> None:
        while True:
            self._again = False
            if not self._alive():
                return
            try:
                await self._load()
            except Exception as err:  # noqa: BLE001 - shown to the user, the page stays usable
                if not self._alive():
                    return  # the page was closed while reading; nothing to show
                log.warning("reload failed", exc_info=err)
                if self._on_error is not None:
                    self._on_error(str(err))
            if not self._again:
                return
