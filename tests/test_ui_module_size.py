"""No UI module over ~400 lines, unless it is a table of painting code.

Big pages rebuild plumbing (tasks, debounce, reloads, colours) that lives in `ui/kit/`;
a page over the limit is split into panels along those lines. Two kinds of exception:

- `PAINTING`: modules that are one long table of painting code (QPainter calls laid out
  for the projector), where splitting would scatter one picture over several files;
- `NOT_YET_SPLIT`: pages that were over the limit when the limit came (issue 13) and are
  being split one per change. Its number is the most it may have (its size then, plus
  about 30 lines for features landing alongside); it may only go down, and the test
  fails once the module is split (remove the entry then).

Nor does a UI module rebuild the kit's background plumbing: no thread pool and no task set
of its own (`test_background_work_goes_through_the_kit`).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 400

PAINTING = {
    "ui/projector/render.py": "the projector's pictures: one QPainter table per slide kind",
}

NOT_YET_SPLIT: dict[str, int] = {}


def _lines(relative: str) -> int:
    return len((ROOT / relative).read_text(encoding="utf-8").splitlines())


def test_no_ui_module_over_the_limit():
    too_long = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in PAINTING:
            continue
        lines = _lines(relative)
        allowed = NOT_YET_SPLIT.get(relative, LIMIT)
        if lines > allowed:
            too_long.append(f"{relative}: {lines} lines (at most {allowed})")
    assert not too_long, "split these along ui/kit lines:\n" + "\n".join(too_long)


def test_exceptions_are_still_needed():
    """An entry for a module that is gone or back under the limit is removed."""
    stale = [
        relative
        for relative in [*PAINTING, *NOT_YET_SPLIT]
        if not (ROOT / relative).exists() or _lines(relative) <= LIMIT
    ]
    assert not stale, f"remove from the allow-lists: {stale}"


#: modules that may start threads or keep tasks themselves: the kit itself, shutting down,
#: and the DB worker (one thread, so writes land in the order they were made)
OWN_PLUMBING = ("ui/kit/", "ui/shutdown.py", "ui/services/db.py")
THREAD_POOL = re.compile(r"\bThreadPoolExecutor\(")
TASK_SET = re.compile(r"add_done_callback\(\s*self\.\w+\.discard\s*\)")


def test_background_work_goes_through_the_kit():
    """Pages and services start work through `BackgroundOps` and `off_thread` (ui/kit/ops.py),
    never through a thread pool or a task set of their own (issue 13)."""
    own = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(OWN_PLUMBING):
            continue
        text = path.read_text(encoding="utf-8")
        if THREAD_POOL.search(text):
            own.append(f"{relative}: a ThreadPoolExecutor (use ui.kit.ops.off_thread)")
        if TASK_SET.search(text):
            own.append(f"{relative}: a task set of its own (use ui.kit.ops.BackgroundOps)")
    assert not own, "\n".join(own)


def test_the_plumbing_check_sees_a_task_set_and_a_pool():
    assert TASK_SET.search("task.add_done_callback(self._tasks.discard)")
    assert THREAD_POOL.search("PLANNER = ThreadPoolExecutor(max_workers=1)")
    assert not TASK_SET.search("future.add_done_callback(self._write_done)")
