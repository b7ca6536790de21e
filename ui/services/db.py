"""The database worker: all library work runs on one thread, never on the UI thread."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from workshop.store.library import Library

T = TypeVar("T")


class DbService(QObject):
    """Runs `fn(library, ...)` on a single worker thread, so writes keep their order."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workshop-db")

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.executor, functools.partial(fn, self.library, *args, **kwargs)
        )

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any):
        """Schedule without awaiting; returns a concurrent.futures.Future."""
        return self.executor.submit(fn, self.library, *args, **kwargs)

    def shutdown(self) -> None:
        """Finish every scheduled write, then stop the worker and close the library."""
        self.executor.shutdown(wait=True)
        self.library.close()
