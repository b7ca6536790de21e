"""The database worker: all library work runs on one thread, never on the UI thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject

from ui.kit.ops import watch

if TYPE_CHECKING:
    from workshop.store.library import Library

T = TypeVar("T")


class DbService(QObject):
    """Runs `fn(library, ...)` on a single worker thread, so writes keep their order."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workshop-db")
        self._in_flight: set[Future] = set()  # scheduled here and not yet done
        watch(self, "database worker")

    @property
    def busy(self) -> bool:
        """Work scheduled through `call` or `submit` has not finished yet."""
        return bool(self._in_flight)

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await asyncio.wrap_future(self.submit(fn, *args, **kwargs))

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        """Schedule without awaiting; returns a concurrent.futures.Future."""
        future = self.executor.submit(fn, self.library, *args, **kwargs)
        self._in_flight.add(future)
        future.add_done_callback(self._in_flight.discard)  # on the worker thread: one call
        return future

    def shutdown(self) -> None:
        """Finish every scheduled write, then stop the worker and close the library."""
        self.executor.shutdown(wait=True)
        self.library.close()
