"""A page's background operations, in one place (modelled on Anki's `CollectionOp`).

A page owns one `BackgroundOps` and starts every piece of work that must not block the UI
thread through it::

    self.ops.run(self._export(path), success=self._exported, progress=_("Exporting…"))

What it takes care of, so pages stop rebuilding it:
- **references kept**: the task is held until it ends (a task without a reference may be
  collected mid-flight);
- **errors**: a `CommandError` reads as its own message, a file problem as "File problem:
  …", anything else is logged and reads as "Something went wrong: …"; the message goes to
  the op's `failure` callback or, without one, to the `failed` signal. Nothing is shown
  once the page is gone;
- **progress**: `progress(text)` while an op with a progress text runs, `progress("")`
  after;
- **cancellation**: an op started with a `key` replaces a running op with the same key
  (the latest preview wins); every op is cancelled when the page is destroyed;
- **settled**: `busy`, `busy_changed(bool)` and `settled()` (emitted when the last op
  ended) are the public way for tests and the selftest to wait: `await ops.wait_idle()`
  or `until(lambda: not page.ops.busy)` (tests/conftest.py); nobody reaches into a task set.
- **the whole app quiet**: every `BackgroundOps`, and every service that `watch()`es itself
  (commands, the DB worker, typing not yet stored, the live, room and projector services),
  is listed in one weak registry; `busy_now()` names the busy ones and `wait_all_idle()`
  waits until none is (tests' `idle()`, instead of sleeping a guessed time).

`off_thread(fn, *args)` runs plain file, image or PDF work on the kit's worker threads
(database work goes through `DbService.call`, which keeps writes in order).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import weakref
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from ui.kit import idle_gc
from ui.widgets.alive import alive
from workshop import errors
from workshop.commands import CommandError
from workshop.errors import is_disk_full
from workshop.i18n import _

log = logging.getLogger(__name__)

T = TypeVar("T")

#: files, images and PDFs: two threads, so a long PDF never holds up a photo's rotation
WORKERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="workshop-work")


#: how often (s) a thread must hand the GIL over while the kit's work runs (CPython: 5 ms)
SWITCH_INTERVAL = 0.0005
_working = 0  # works running on WORKERS now (changed on the UI thread only)
_usual_interval = sys.getswitchinterval()


@contextlib.contextmanager
def _sharing_the_gil() -> Iterator[None]:
    """While a work runs on WORKERS: the GIL changes hands every SWITCH_INTERVAL, and no
    full garbage collection starts (`ui.kit.idle_gc.deferred`).

    The UI thread needs the GIL for every Python slot it runs; a worker laying out a PDF
    gives it up only every switch interval, so each slot waited up to 5 ms and a turn of
    the event loop with a few of them stalled 40-80 ms in the huge session's verslag
    (bench/bench_interactions.py). A thread that runs alone never switches."""
    global _working, _usual_interval
    if _working == 0:
        _usual_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(_usual_interval, SWITCH_INTERVAL))
    _working += 1
    try:
        with idle_gc.deferred():
            yield
    finally:
        _working -= 1
        if _working == 0:
            sys.setswitchinterval(_usual_interval)


async def off_thread(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)` on the kit's worker threads, awaited without blocking the UI (sharing
    the GIL more often meanwhile: `_sharing_the_gil`)."""
    loop = asyncio.get_running_loop()
    with _sharing_the_gil():
        return await loop.run_in_executor(WORKERS, partial(fn, *args))


#: everything that says whether it still has work under way: object -> (name, attribute)
_WATCHED: weakref.WeakKeyDictionary[Any, tuple[str, str]] = weakref.WeakKeyDictionary()


def watch(obj: Any, name: str, attribute: str = "busy") -> None:
    """List `obj` among what `wait_all_idle()` waits for: busy while `obj.<attribute>`."""
    _WATCHED[obj] = (name, attribute)


def busy_now() -> list[str]:
    """The names of the watched objects that are busy now (gone Qt objects are skipped)."""
    names = []
    for obj, (name, attribute) in list(_WATCHED.items()):
        try:
            if (not isinstance(obj, QObject) or alive(obj)) and getattr(obj, attribute):
                names.append(name)
        except RuntimeError:  # its C++ side went while we looked
            continue
    return names


async def wait_all_idle(timeout: float = 10.0, quiet_rounds: int = 3) -> None:
    """Until nothing watched is busy for `quiet_rounds` checks in a row, 10 ms apart (the
    event loop runs in between, so queued Qt events and zero-timers that start more work
    are seen). TimeoutError names what was still busy."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    quiet = 0
    while quiet < quiet_rounds:
        busy = busy_now()
        quiet = 0 if busy else quiet + 1
        if busy and loop.time() > deadline:
            raise TimeoutError(f"still busy after {timeout} s: {', '.join(sorted(busy))}")
        await asyncio.sleep(0.01)


def user_message(error: BaseException) -> str:
    """The one line a user reads for an op that failed (a full disk, a busy library and
    anything unexpected read as `workshop.errors.user_message` says them)."""
    if isinstance(error, CommandError):
        return str(error)
    if isinstance(error, OSError) and not is_disk_full(error):
        return _("File problem: {error}").format(error=error)
    return errors.user_message(error)


@dataclass
class _Op:
    success: Callable[[Any], None] | None
    failure: Callable[[str], None] | None
    progress: str
    key: str | None


class BackgroundOps(QObject):
    """The background operations of one page (or panel); a child of it."""

    busy_changed = Signal(bool)
    settled = Signal()  # the last running op ended
    progress = Signal(str)  # the progress text of a running op; "" when none is left
    failed = Signal(str)  # the message of a failed op that has no failure callback

    def __init__(self, owner: QObject, name: str = "page") -> None:
        super().__init__(owner)
        self._owner = owner
        self._name = name
        self._ops: dict[asyncio.Task, _Op] = {}
        self._keyed: dict[str, asyncio.Task] = {}
        # the dict itself (not self) is bound: the owner's C++ side is gone when this runs
        owner.destroyed.connect(partial(_cancel_all, self._ops))
        watch(self, f"{type(owner).__name__} ops ({name})")

    # -- starting -------------------------------------------------------------------------
    def run(
        self,
        work: Coroutine[Any, Any, T] | Awaitable[T],
        *,
        success: Callable[[T], None] | None = None,
        failure: Callable[[str], None] | None = None,
        progress: str = "",
        key: str | None = None,
    ) -> asyncio.Task | None:
        """Start `work`; None (and `work` closed) when no event loop runs (shutting down)."""
        try:
            task = asyncio.ensure_future(work)
        except RuntimeError:
            if asyncio.iscoroutine(work):
                work.close()
            return None
        if key is not None:
            previous = self._keyed.get(key)
            if previous is not None and not previous.done():
                previous.cancel()
            self._keyed[key] = task
        was_busy = bool(self._ops)
        self._ops[task] = _Op(success, failure, progress, key)
        task.add_done_callback(self._done)
        if progress:
            self.progress.emit(progress)
        if not was_busy:
            self.busy_changed.emit(True)
        return task

    def cancel(self, key: str) -> None:
        """Cancel the running op started with `key`, if any."""
        task = self._keyed.pop(key, None)
        if task is not None:
            task.cancel()

    def cancel_all(self) -> None:
        _cancel_all(self._ops)

    # -- waiting --------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._ops)

    async def wait_idle(self) -> None:
        """Until every op (also those started by ops that ended meanwhile) has ended."""
        while self._ops:
            await asyncio.gather(*list(self._ops), return_exceptions=True)
            await asyncio.sleep(0)  # let the done callbacks run

    # -- ending ---------------------------------------------------------------------------
    def _done(self, task: asyncio.Task) -> None:
        op = self._ops.pop(task, None)
        if op is None:
            return
        if op.key is not None and self._keyed.get(op.key) is task:
            del self._keyed[op.key]
        if not alive(self) or not alive(self._owner):
            return  # the page closed while the op ran: nothing to show
        try:
            self._report(task, op)
        finally:
            if op.progress and not any(o.progress for o in self._ops.values()):
                self.progress.emit("")
            if not self._ops:
                self.busy_changed.emit(False)
                self.settled.emit()

    def _report(self, task: asyncio.Task, op: _Op) -> None:
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            if op.success is not None:
                op.success(task.result())
            return
        if not isinstance(error, CommandError | OSError):
            log.error("%s: background op failed", self._name, exc_info=error)
        message = user_message(error)
        if op.failure is not None:
            op.failure(message)
        else:
            self.failed.emit(message)


def _cancel_all(ops: dict[asyncio.Task, _Op], *_args: object) -> None:
    for task in list(ops):
        task.cancel()
