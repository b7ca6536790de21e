"""Full garbage collections only while the facilitator is not typing.

A full (generation 2) collection walks every Python object of the app and took 75–250 ms on
the UI thread in `bench/bench_capture.py` — a visible freeze in the middle of a sentence.
Young generations stay automatic (they take a millisecond or two); the full collection is
moved to moments without typing.

Once the app has started (its first window painted with content), what start-up made
(modules, classes, the first window: most of the app's objects) is frozen (`gc.freeze`)
without a full collection: that first full collection walked ~150,000 objects in ~90 ms,
a stall wherever it came (bench/bench_pages.py saw it open a page), and found a few hundred
unreachable ones (they stay until everything is unfrozen, below). After the first full
collection, what survived it (the pages opened since) is frozen too: later full collections
walk only the objects made since, a few milliseconds instead of 80–300 ms. That
matters when the phones' server runs: its garbage makes full collections come every few
seconds (bench/bench_room.py). Frozen objects are still freed by reference counting.
While the phones' server runs (`keep_freezing`), every full collection freezes what survived
it, so each walks only what came since; when the server stops, everything is unfrozen and
the next quiet moment's full collection walks it all once (cycles among the frozen are
reclaimed then).

While work runs on the kit's worker threads (`ui.kit.ops.off_thread`: a verslag's layout,
a photo), no full collection starts (`deferred`): it would walk every object that work
holds, alive, and free none of them (~25 ms on the UI thread, doubled by sharing the GIL
with the worker, in the middle of the huge session's verslag: bench/bench_interactions.py).
The next quiet second after the work does it.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterator

from PySide6.QtCore import QEvent, QObject, QTimer

IDLE_SECONDS = 2.0
CHECK_MS = 1000
#: generation-1 collections between full collections (CPython's own default is 10)
FULL_AFTER = 10
_NO_AUTOMATIC_FULL = 1_000_000


_deferred = 0  # works on the worker threads running now (changed on the UI thread only)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """No full collection starts while this block runs (nests; UI thread only)."""
    global _deferred
    _deferred += 1
    try:
        yield
    finally:
        _deferred -= 1


class IdleCollector(QObject):
    """One per process, installed by the composition root; every key press counts as typing
    (the root installs it as a filter on the focus widget, ui/widgets/focus_filters.py)."""

    _instance: IdleCollector | None = None

    def __init__(self) -> None:
        super().__init__()
        self._last_typing = time.monotonic()
        self._gen1_at_full = self._gen1_collections()
        self.frozen = False
        self._only_start_frozen = False  # frozen at start-up, no full collection since
        self._freeze_each = False
        gen0, gen1, _gen2 = gc.get_threshold()
        gc.set_threshold(gen0, gen1, _NO_AUTOMATIC_FULL)
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    @classmethod
    def install(cls, app: QObject | None = None) -> IdleCollector:
        """Create the collector once; with `app`, watch its key presses."""
        if cls._instance is None:
            cls._instance = cls()
            if app is not None:
                app.installEventFilter(cls._instance)
        return cls._instance

    @classmethod
    def started(cls) -> None:
        """The app has started: freeze what start-up made (once; a young collection first,
        which takes a millisecond or two)."""
        self = cls._instance
        if self is None or self.frozen:
            return
        gc.collect(1)
        gc.freeze()
        self.frozen = self._only_start_frozen = True

    def keep_freezing(self, on: bool) -> None:
        """On while the phones' server runs; off unfreezes (see the module's docstring)."""
        self._freeze_each = on
        if not on:
            gc.unfreeze()
            self.frozen = self._only_start_frozen = False

    @classmethod
    def freezing_while(cls, on: bool) -> None:
        """`keep_freezing` on the app's collector, when the app installed one."""
        if cls._instance is not None:
            cls._instance.keep_freezing(on)

    def typing(self) -> None:
        self._last_typing = time.monotonic()

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress:
            self._last_typing = time.monotonic()
        return False

    @staticmethod
    def _gen1_collections() -> int:
        return gc.get_stats()[1]["collections"]

    def _check(self) -> None:
        if _deferred or time.monotonic() - self._last_typing < IDLE_SECONDS:
            return
        if self._gen1_collections() - self._gen1_at_full < FULL_AFTER:
            return
        self.collect_now()

    def collect_now(self) -> None:
        """A full collection now (the first one freezes what survived it)."""
        gc.collect()
        if not self.frozen or self._only_start_frozen or self._freeze_each:
            gc.freeze()
            self.frozen, self._only_start_frozen = True, False
        self._gen1_at_full = self._gen1_collections()
