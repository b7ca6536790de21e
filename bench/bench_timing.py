"""Timer correctness figures.

1. Fake clock: drift after a simulated three-hour session (irregular clock steps of 1 ms to
   2.5 s, pauses, extensions, a 20-minute suspend, a restart into a new engine). Drift is
   the difference between the engine's remaining time and exact integer-millisecond
   bookkeeping; goal: 0 ms, and every displayed second right.
2. Real clock: the timer widget (`TimerDisk` + `SecondAlignedTicker`, values from the
   core) runs for --seconds (default 60) while the UI thread is blocked for 250 ms every
   second (at a wandering phase, so it also straddles second boundaries). A thread samples what is on screen every 2 ms. Error = how far the true
   remaining time lies outside the second the display stands for (a display showing
   "09:59" stands for 598 < r <= 599); 0 means the display is right. Baselines in the same
   run: two naive tick-counting displays (a repeating 1000 ms QTimer, and a single-shot
   1000 ms QTimer re-armed on every tick) that count down one second per tick.
   Goal: never a full second wrong (error < 1000 ms).

    python bench/bench_timing.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from workshop.clock import FakeClock, SystemClock  # noqa: E402
from workshop.timing.countdown import shown_seconds  # noqa: E402
from workshop.timing.engine import LiveEngine  # noqa: E402
from workshop.timing.plan import ItemPlan, SessionPlan  # noqa: E402

# -- 1. fake clock --------------------------------------------------------------------------


def fake_clock_drift(seed: int = 7) -> dict:
    rng = random.Random(seed)
    items = tuple(
        ItemPlan(i + 1, i, f"Onderdeel {i + 1}", "overig", m)
        for i, m in enumerate((10, 20, 12, 40, 15, 30, 20, 15, 10, 8))
    )
    plan = SessionPlan(1, "Bench", None, None, items)
    start = datetime(2021, 4, 9, 13, 0, tzinfo=UTC)
    clock = FakeClock(start)
    engine = LiveEngine(clock, plan)
    engine.toggle()
    left_ms = {i.id: i.planned_minutes * 60_000 for i in items}  # exact reference
    running = True
    index = 0
    elapsed_ms = 0
    worst_ms = 0.0
    seconds_checked = wrong = 0
    suspended = restarted = False
    total_ms = 3 * 3600 * 1000
    while elapsed_ms < total_ms:
        step = rng.choice((1, 7, 250, 500, 999, 1000, 1001, 2500))
        clock.advance(step / 1000)
        elapsed_ms += step
        if running:
            left_ms[items[index].id] -= step
        if not suspended and elapsed_ms > 3600_000:
            suspended = True
            clock.advance(1200)  # a suspend: monotonic (boottime) and wall move together
            elapsed_ms += 1_200_000
            if running:
                left_ms[items[index].id] -= 1_200_000
        if not restarted and elapsed_ms > 7200_000:
            restarted = True
            state = engine.to_json()
            clock = FakeClock(clock.now())
            clock._mono = 3.0  # a new process: another monotonic origin
            engine = LiveEngine.restore(clock, plan, state)
        roll = rng.random()
        if roll < 0.002:
            engine.toggle()
            running = not running
        elif roll < 0.003 and running:
            engine.extend(60)
            left_ms[items[index].id] += 60_000
        elif roll < 0.0045 and index < len(items) - 1:
            engine.next()
            index += 1
        reading = engine.item_reading()
        exact = left_ms[items[index].id] / 1000
        worst_ms = max(worst_ms, abs(reading.remaining_seconds - exact) * 1000)
        seconds_checked += 1
        wrong += shown_seconds(reading.remaining_seconds) != math.ceil(exact)
    return {"drift_ms": round(worst_ms, 6), "looks": seconds_checked, "wrong_displays": wrong}


# -- 2. real clock --------------------------------------------------------------------------


def real_clock_run(seconds: float) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

    from ui.live.disk import TimerDisk
    from ui.live.ticker import SecondAlignedTicker
    from workshop.timing.countdown import Countdown, Thresholds

    app = QApplication.instance() or QApplication([])
    clock = SystemClock()
    total = 600
    plan = SessionPlan(1, "Bench", None, None, (ItemPlan(1, 0, "Bench", "overig", total // 60),))
    engine = LiveEngine(clock, plan)

    window = QWidget()
    layout = QHBoxLayout(window)
    ours = TimerDisk()
    naive_repeat = TimerDisk()
    naive_single = TimerDisk()
    for w in (ours, naive_repeat, naive_single):
        layout.addWidget(w)
    window.resize(900, 300)
    window.show()

    def naive_reading(count: int):
        cd = Countdown(total)
        cd._paused_remaining = float(count)
        return replace(cd.reading(clock, "naive", Thresholds()), running=True)

    counts = {"repeat": total, "single": total}

    def repeat_tick() -> None:
        counts["repeat"] -= 1
        naive_repeat.set_reading(naive_reading(counts["repeat"]))

    def single_tick() -> None:
        counts["single"] -= 1
        naive_single.set_reading(naive_reading(counts["single"]))
        QTimer.singleShot(1000, single_tick)

    rng = random.Random(3)
    origin = time.monotonic()
    next_block = [0.37]

    def block() -> None:
        """Hold the UI thread 250 ms, once a second on average, at a wandering phase."""
        time.sleep(0.25)
        next_block[0] += 1.0 + rng.uniform(-0.3, 0.3)
        elapsed = time.monotonic() - origin
        blocker.start(max(1, round((next_block[0] - elapsed) * 1000)))

    ticker = SecondAlignedTicker(engine.next_change_in)
    ticker.tick.connect(lambda: ours.set_reading(engine.reading()))
    repeat = QTimer()
    repeat.setInterval(1000)
    repeat.timeout.connect(repeat_tick)
    blocker = QTimer()
    blocker.setSingleShot(True)
    blocker.setTimerType(Qt.TimerType.PreciseTimer)
    blocker.timeout.connect(block)

    engine.toggle()
    deadline = engine.item_cd._deadline  # the truth, on the same monotonic scale
    ours.set_reading(engine.reading())
    naive_repeat.set_reading(naive_reading(total))
    naive_single.set_reading(naive_reading(total))
    ticker.start()
    repeat.start()
    QTimer.singleShot(1000, single_tick)
    blocker.start(370)

    samples = {"ours": [], "repeat": [], "single": []}
    stop = threading.Event()

    def parse(text: str) -> int | None:
        if not text or ":" not in text:
            return None
        sign = -1 if text.startswith("+") else 1
        minutes, secs = text.lstrip("+").split(":")
        return sign * (int(minutes) * 60 + int(secs))

    def sample() -> None:
        while not stop.is_set():
            true_left = deadline - clock.monotonic()
            for key, widget in (("ours", ours), ("repeat", naive_repeat), ("single", naive_single)):
                shown = parse(widget.shown)
                if shown is None:
                    continue
                # the display "09:59" stands for 598 < r <= 599
                outside = max(0.0, true_left - shown, (shown - 1) - true_left)
                samples[key].append(outside)
            time.sleep(0.002)

    sampler = threading.Thread(target=sample, daemon=True)
    QTimer.singleShot(200, sampler.start)  # after the first paint
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    stop.set()
    sampler.join()
    for t in (ticker, repeat, blocker):
        t.stop()
    window.close()

    def figures(values: list[float]) -> dict:
        if not values:
            return {"max_ms": float("nan"), "wrong_share": float("nan"), "end_ms": float("nan")}
        return {
            "max_ms": round(max(values) * 1000),
            "wrong_share": sum(v > 0 for v in values) / len(values),
            "end_ms": round(values[-1] * 1000),
        }

    return {key: figures(v) | {"samples": len(v)} for key, v in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="real-clock run length")
    args = parser.parse_args()

    started = time.perf_counter()
    fake = fake_clock_drift()
    print("1. fake clock, three-hour session (irregular steps, pauses, +1 min, suspend, restart)")
    print(f"   drift after three hours: {fake['drift_ms']:.3f} ms   (goal: 0 ms)")
    print(f"   looks at the display: {fake['looks']}, wrong: {fake['wrong_displays']}")
    print(f"   ({time.perf_counter() - started:.2f} s)")

    print(f"\n2. real clock, {args.seconds:g} s, UI thread blocked 250 ms every second")
    real = real_clock_run(args.seconds)
    names = {
        "ours": "deadline + second-aligned repaint (ours)",
        "repeat": "naive: repeating 1000 ms QTimer, count-1 per tick",
        "single": "naive: single-shot 1000 ms re-armed per tick",
    }
    print(f"   {'display':52} {'worst error':>12} {'wrong time':>11} {'at the end':>11}")
    for key, name in names.items():
        f = real[key]
        print(f"   {name:52} {f['max_ms']:>9} ms {f['wrong_share']:>10.1%} {f['end_ms']:>8} ms")
    ours, single = real["ours"]["max_ms"], real["single"]["max_ms"]
    from figures import record

    record("timing", "fake clock: drift after three hours", fake["drift_ms"], "ms", goal_value=0)
    record(
        "timing",
        "real clock, UI blocked 250 ms/s: worst display error",
        ours,
        "ms",
        baseline=single,
        baseline_name="naive single-shot 1000 ms QTimer",
        goal_value=999,
    )
    print(
        f"   goal: ours never a full second wrong (< 1000 ms): {'met' if ours < 1000 else 'NOT met'}"
    )
    if ours:
        print(f"   naive single-shot / ours (worst error): {single / ours:.1f}x")
    return 0 if fake["drift_ms"] == 0 and fake["wrong_displays"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
