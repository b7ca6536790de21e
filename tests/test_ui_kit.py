"""The UI kit: background ops (errors, progress, cancel, settled) and the field binder."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QLabel, QWidget

from ui.kit import theme
from ui.kit.binder import FieldBinder
from ui.kit.ops import BackgroundOps, off_thread
from workshop.commands import CommandError


def test_ops_report_results_errors_progress_and_settle(qtbot, arun):
    owner = QWidget()
    qtbot.addWidget(owner)
    ops = BackgroundOps(owner, "test")
    seen: list[object] = []
    ops.failed.connect(lambda m: seen.append(("failed", m)))
    ops.progress.connect(lambda t: seen.append(("progress", t)))
    ops.settled.connect(lambda: seen.append("settled"))

    async def value() -> int:
        return await off_thread(lambda a, b: a + b, 2, 3)

    async def refused() -> None:
        raise CommandError("Niet toegestaan")

    async def broken() -> None:
        raise KeyError("x")

    ops.run(value(), success=lambda v: seen.append(("ok", v)), progress="Bezig…")
    ops.run(refused())
    ops.run(broken(), failure=lambda m: seen.append(("own failure", m)))
    assert ops.busy
    arun(ops.wait_idle())
    assert not ops.busy
    assert ("ok", 5) in seen
    assert ("failed", "Niet toegestaan") in seen
    assert any(s[0] == "own failure" and "x" in s[1] for s in seen if isinstance(s, tuple))
    assert seen[0] == ("progress", "Bezig…") and ("progress", "") in seen
    assert seen.count("settled") == 1


def test_ops_with_a_key_keep_only_the_latest_and_end_with_their_page(qtbot, arun):
    owner = QWidget()
    ops = BackgroundOps(owner)
    shown: list[int] = []

    async def preview(n: int) -> int:
        await asyncio.sleep(0.05)
        return n

    first = ops.run(preview(1), success=shown.append, key="preview")
    ops.run(preview(2), success=shown.append, key="preview")
    arun(ops.wait_idle())
    assert first is not None and first.cancelled()
    assert shown == [2]

    late = ops.run(preview(3), success=shown.append)
    owner.deleteLater()
    arun(asyncio.sleep(0.1))
    assert late is not None and late.cancelled()
    assert shown == [2]  # nothing shown on a page that is gone


def test_binder_debounces_flushes_and_ignores_loading(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    stored: list[dict] = []
    binder: FieldBinder[str] = FieldBinder(owner, stored.append, delay_ms=30)
    with binder.loading():
        assert not binder.edited("title", "shown from the store")
    binder.edited("title", "Wo")
    binder.edited("title", "Workshop")
    assert binder.pending("title") and stored == []
    qtbot.waitUntil(lambda: stored == [{"title": "Workshop"}], timeout=2000)
    binder.edited("place", "Utrecht")
    binder.edited("date", "9-4-")
    binder.discard("date")
    binder.flush()
    assert stored[-1] == {"place": "Utrecht"}
    binder.edited("goals", "x", at_once=True)
    assert stored[-1] == {"goals": "x"} and not binder.has_pending


def test_theme_has_one_red_for_error_text(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    theme.set_status(label, "Fout", "error")
    assert theme.ERROR in label.styleSheet() and label.text() == "Fout"
    theme.set_status(label, "")
    assert label.styleSheet() == ""


def test_off_thread_hands_the_gil_over_more_often_while_work_runs(arun):
    import sys
    import threading

    from ui.kit import ops

    usual = sys.getswitchinterval()
    release = threading.Event()

    async def two_at_once() -> list[float]:
        slow = asyncio.ensure_future(off_thread(release.wait, 5))
        seen = [await off_thread(sys.getswitchinterval)]
        seen.append(sys.getswitchinterval())  # the slow one still runs
        release.set()
        await slow
        return seen

    assert arun(two_at_once()) == [min(usual, ops.SWITCH_INTERVAL)] * 2
    assert sys.getswitchinterval() == usual  # back once the last work ended
