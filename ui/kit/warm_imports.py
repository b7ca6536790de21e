"""The pages' code imported while the facilitator is not waiting for it.

Opening a page for the first time imported its modules on the UI thread: 4–48 ms per page
with cached bytecode, doubled on a busy laptop, in one piece (bench/bench_pages.py). Once the
window is ready, `WarmImports` imports them ahead, one module per turn of the event loop
and each module's own imports first, so every step costs one module's own body (a few ms;
PySide's enum types are made here too) and no step is a stall.

A module's imports are read from its code object (the top-level `import` statements; those
under `if TYPE_CHECKING:` and inside functions are left alone: what a module imports late it
imports late on purpose). A module whose code cannot be read is simply imported.
"""

from __future__ import annotations

import dis
import importlib
import importlib.util
import logging
import sys
from collections.abc import Callable, Iterable, Iterator

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

#: ms between two steps: the event loop runs (input, paints, timers) in between
STEP_MS = 5
#: the packages whose modules are imported one by one
OWN = ("ui", "workshop")


def imported_by(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """What `name`'s top level imports, in order: (module, names imported from it), relative
    imports resolved."""
    try:
        spec = importlib.util.find_spec(name)
        code = spec.loader.get_code(name) if spec is not None and spec.loader else None
    except (ImportError, AttributeError, ValueError, SyntaxError):
        return []
    if code is None:
        return []
    package = name if spec.submodule_search_locations is not None else name.rpartition(".")[0]
    found: list[tuple[str, tuple[str, ...]]] = []
    skip_until = -1
    previous: list[dis.Instruction] = []
    for ins in dis.get_instructions(code):
        if ins.offset < skip_until:
            continue
        if (
            ins.opname.startswith("POP_JUMP")
            and "IF_FALSE" in ins.opname
            and previous
            and previous[-1].argval == "TYPE_CHECKING"
        ):
            skip_until = ins.argval  # the `if TYPE_CHECKING:` block
        elif ins.opname == "IMPORT_NAME" and len(previous) >= 2:
            level, fromlist = previous[-2].argval, previous[-1].argval
            target = ins.argval
            if level:
                base = package.rsplit(".", level - 1)[0] if level > 1 else package
                target = f"{base}.{target}" if target else base
            found.append((target, tuple(i for i in fromlist or () if i != "*")))
        previous = [*previous[-1:], ins]
    return found


def _submodule(package: str, item: str) -> bool:
    """Whether `from package import item` imports a module (`package` is imported)."""
    module = sys.modules.get(package)
    if module is None or not hasattr(module, "__path__") or item in vars(module):
        return False
    try:
        return importlib.util.find_spec(f"{package}.{item}") is not None
    except (ImportError, ValueError):
        return False


def import_order(names: Iterable[str], own: tuple[str, ...] | None = None) -> Iterator[str]:
    """Modules to import, each after the modules it imports that are not imported yet. Lazy:
    whoever iterates imports each name before asking for the next. Only the modules of the
    `own` packages are taken apart; any other (the standard library's, a dependency's) is
    imported in one step, with whatever its platform needs."""
    own = OWN if own is None else own
    seen: set[str] = set()

    def visit(name: str) -> Iterator[str]:
        if name in seen or name in sys.modules:
            return
        seen.add(name)
        if name.partition(".")[0] not in own:
            yield name
            return
        parent = name.rpartition(".")[0]
        if parent:
            yield from visit(parent)
        if name in sys.modules:  # its package imported it
            return
        for target, items in imported_by(name):
            yield from visit(target)
            for item in items:
                if f"{target}.{item}" not in sys.modules and _submodule(target, item):
                    yield from visit(f"{target}.{item}")
        yield name

    for name in names:
        yield from visit(name)


class WarmImports(QObject):
    """Runs each of `first` (other one-time costs), then imports `modules` (and what they
    import), one step per turn of the event loop on the UI thread."""

    def __init__(
        self,
        modules: Iterable[str],
        first: Iterable[Callable[[], object]] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._first = list(first)
        self._order = import_order(list(modules))
        self.done = False
        self._timer = QTimer(self, singleShot=True, interval=STEP_MS)
        self._timer.timeout.connect(self._step)

    def start(self, delay_ms: int = STEP_MS) -> None:
        if not self.done:
            self._timer.start(delay_ms)

    def _step(self) -> None:
        if self._first:
            try:
                self._first.pop(0)()
            except Exception:  # noqa: BLE001 - only ahead of time: whoever needs it does it again
                log.debug("warm step failed", exc_info=True)
            self._timer.start(STEP_MS)
            return
        name = next(self._order, None)
        while name is not None and name in sys.modules:
            name = next(self._order, None)
        if name is None:
            self.done = True
            return
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the page imports it again when opened, and says why
            log.debug("warm import of %s failed", name, exc_info=True)
        self._timer.start(STEP_MS)
