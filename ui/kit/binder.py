"""Form fields stored after a pause in typing and whenever they are left.

A page (or panel) keeps one `FieldBinder`. Typing calls `edited(key, value)`; after
`delay_ms` without typing, or on `flush()` (the field is left, the row changes, undo is
about to run, the window closes), the pending values go to `store` in one call. While the
page shows stored values (`with binder.loading():`) edits are ignored, and `pending(key)`
tells the page not to overwrite what the user is typing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QTimer

from ui.kit.ops import watch

K = TypeVar("K", bound=Hashable)

TYPING_PAUSE_MS = 500  # the default pause after which typed text is stored


class FieldBinder(QObject, Generic[K]):
    """Debounces edits of keyed fields and hands them to `store` on flush."""

    def __init__(
        self,
        parent: QObject,
        store: Callable[[dict[K, Any]], None],
        delay_ms: int = TYPING_PAUSE_MS,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._pending: dict[K, Any] = {}
        self._loading = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        watch(self, f"{type(parent).__name__} typing")

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Stored values are being shown: the edits this causes are not the user's."""
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    @property
    def is_loading(self) -> bool:
        return self._loading > 0

    def edited(self, key: K, value: Any, at_once: bool = False) -> bool:
        """The user changed `key`; False (nothing kept) while stored values are shown."""
        if self._loading:
            return False
        self._pending[key] = value
        if at_once:
            self.flush()
        else:
            self._timer.start()
        return True

    def discard(self, key: K) -> None:
        """Forget a pending value (half-typed input that must not be stored)."""
        self._pending.pop(key, None)

    def pending(self, key: K) -> bool:
        """Whether the user's typing in `key` is waiting to be stored (their text wins)."""
        return key in self._pending

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    @property
    def busy(self) -> bool:
        """Typing waits for its pause to be stored (`ui.kit.ops.wait_all_idle` waits for it)."""
        return bool(self._pending)

    def flush(self) -> None:
        """Store what is pending now (nothing when nothing is)."""
        self._timer.stop()
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        self._store(pending)

    def clear(self) -> None:
        """Drop everything pending without storing it."""
        self._timer.stop()
        self._pending.clear()
