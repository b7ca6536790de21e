"""The session run engine: which item runs, its countdown and steps, chimes, log, persistence.

Qt-free and clock-injected. Every action (start, pause, next, +1 minute, ...) changes the
state and hands a `RunUpdate` to `on_update`: the new run state as JSON, the current item,
the timer-log events with their real times and the items' actual start/end. The UI stores
that through `workshop.timing.store.save_update` on the DB worker, so a crash or restart
resumes (`LiveEngine.restore`) at the same item with the right remaining time.

Navigation keeps whether the clock runs: pressing "next" while running starts the next
item at once (a clicker in the facilitator's hand), while paused it arrives paused. An item
left and later returned to continues with the time it had left. Items with steps (1-2-4-All)
step through their own sub-timers first: "next" goes to the next step, after the last step
to the next item; the item's own countdown keeps running across its steps.

Sleep, per platform: the `SystemClock` keeps monotonic time running through suspend —
Linux reads CLOCK_BOOTTIME (CLOCK_MONOTONIC stops in suspend); macOS accumulates wall-clock
deltas (mach time stops in sleep) and ignores backwards jumps; Windows uses
`time.monotonic()` (GetTickCount64 up to Python 3.12 counts sleep; the QueryPerformanceCounter
of later versions may not). As a second line of defence the engine compares wall and
monotonic progress between two observations: when the wall clock moved more than
`SUSPEND_GAP` seconds further than the monotonic clock (a monotonic clock that stood still
while the laptop slept), running deadlines move by the missed time, so the display again
agrees with a wall clock. A wall clock set back never shortens a countdown.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from workshop.clock import Clock
from workshop.model.kinds import TimerEventKind as K
from workshop.timing import forecast, proposals
from workshop.timing.countdown import Countdown, seconds_to_next_change
from workshop.timing.plan import ItemPlan, SessionPlan
from workshop.timing.reading import TimerReading
from workshop.timing.settings import TimingSettings

log = logging.getLogger(__name__)

STATE_VERSION = 1
SUSPEND_GAP = 5.0  # seconds the wall clock may run ahead of monotonic before we correct


class RunStatus(StrEnum):
    IDLE = "idle"  # not started yet
    RUNNING = "running"  # started (the clock itself may be paused)
    FINISHED = "finished"


class ChimeKind(StrEnum):
    ONE_MINUTE = "one_minute"
    ZERO = "zero"


@dataclass(frozen=True)
class Chime:
    kind: ChimeKind
    item_id: int
    step: int | None  # step index, or None for the item's own countdown


@dataclass(frozen=True)
class LogEvent:
    kind: str  # a TimerEventKind value
    item_id: int | None
    at: datetime
    amount_seconds: float = 0.0
    payload: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RunUpdate:
    """Everything to store after one change of the run."""

    run_state: str
    current_item_id: int | None
    events: tuple[LogEvent, ...] = ()
    # (item id, actual_start, actual_end): the items' new actual times
    item_times: tuple[tuple[int, datetime | None, datetime | None], ...] = ()


@dataclass(frozen=True)
class StepInfo:
    index: int
    count: int
    titles: tuple[str, ...]


class LiveEngine:
    """Runs one session's agenda against a clock."""

    def __init__(
        self,
        clock: Clock,
        plan: SessionPlan,
        settings: TimingSettings | None = None,
        on_update: Callable[[RunUpdate], None] | None = None,
    ) -> None:
        self.clock = clock
        self.plan = plan
        self.settings = settings or TimingSettings()
        self.on_update = on_update
        self.status = RunStatus.IDLE
        self.index: int | None = None
        self.item_cd: Countdown | None = None
        self.step_index = 0
        self.step_cd: Countdown | None = None
        self._saved: dict[int, dict] = {}  # item id -> paused snapshot of a left item
        self._fired: set[str] = set()
        self._actual: dict[int, tuple[datetime | None, datetime | None]] = {
            i.id: (i.actual_start, i.actual_end) for i in plan.items
        }
        self._events: list[LogEvent] = []
        self._times: dict[int, tuple[datetime | None, datetime | None]] = {}
        self._last_wall: datetime | None = None
        self._last_mono: float | None = None
        self._rehearsal_start: datetime | None = None  # a rehearsal run: when it started

    # -- reading -----------------------------------------------------------------------
    @property
    def current(self) -> ItemPlan | None:
        if self.index is None or not (0 <= self.index < len(self.plan.items)):
            return None
        return self.plan.items[self.index]

    @property
    def running(self) -> bool:
        return (
            self.status is RunStatus.RUNNING and self.item_cd is not None and self.item_cd.running
        )

    def item_reading(self) -> TimerReading:
        """The current item's countdown (before the start: the first item, full and paused)."""
        self._observe()
        item = self.current or self._first_item()
        if item is None:
            return Countdown(0).reading(self.clock, "", self.settings.thresholds)
        cd = self.item_cd if self.current is not None else Countdown(item.planned_minutes * 60)
        assert cd is not None
        return cd.reading(self.clock, item.title, self.settings.thresholds)

    def reading(self) -> TimerReading:
        """What the big disk shows: the current step's countdown, else the item's."""
        self._observe()
        item = self.current
        if item is not None and self.step_cd is not None and item.steps:
            step = item.steps[self.step_index]
            return self.step_cd.reading(self.clock, step.title, self.settings.thresholds)
        return self.item_reading()

    def steps(self) -> StepInfo | None:
        item = self.current
        if item is None or not item.steps:
            return None
        return StepInfo(self.step_index, len(item.steps), tuple(s.title for s in item.steps))

    def next_change_in(self) -> float | None:
        """Seconds until the display changes; None while nothing runs."""
        if not self.running:
            return None
        return seconds_to_next_change(self.reading().remaining_seconds)

    def actual_times(self, item_id: int) -> tuple[datetime | None, datetime | None]:
        return self._actual.get(item_id, (None, None))

    def position(self) -> forecast.Position:
        if self.status is RunStatus.IDLE or self.index is None:
            return forecast.Position(None, 0.0)
        remaining = self.item_cd.remaining(self.clock) if self.item_cd is not None else 0.0
        return forecast.Position(self.index, remaining, self.status is RunStatus.FINISHED)

    def rehearsal_start(self) -> datetime | None:
        """When this run is a rehearsal (run on a day other than the session's date): the
        moment its times count from — its start, or now before it starts. Else None."""
        if self.status is RunStatus.IDLE:
            now = self.clock.now()
            return now if forecast.is_rehearsal_day(self.plan, now) else None
        return self._rehearsal_start

    @property
    def rehearsal(self) -> bool:
        return self.rehearsal_start() is not None

    def plan_with_actuals(self) -> SessionPlan:
        """The plan with the actual times this run has recorded so far; in a rehearsal
        moved to start when the rehearsal started (times relative to that moment)."""
        items = tuple(
            replace(
                i,
                actual_start=self._actual.get(i.id, (None, None))[0],
                actual_end=self._actual.get(i.id, (None, None))[1],
            )
            for i in self.plan.items
        )
        plan = replace(self.plan, items=items)
        anchor = self.rehearsal_start()
        return forecast.rehearsal_plan(plan, anchor) if anchor is not None else plan

    def standing(self) -> forecast.Standing:
        """Where do we stand: expected end at the current pace, what will not fit."""
        self._observe()
        return forecast.stand(self.plan_with_actuals(), self.position(), self.clock.now())

    def proposals(self) -> list[proposals.Proposal]:
        """Ways back on schedule (empty when on schedule)."""
        self._observe()
        return proposals.all_proposals(self.plan_with_actuals(), self.position(), self.clock.now())

    # -- actions -------------------------------------------------------------------------
    def start_session(self) -> RunUpdate | None:
        self._observe()
        if self.status is not RunStatus.IDLE:
            return None
        first = self._next_index(-1)
        if first is None:
            return None
        now = self.clock.now()
        self._rehearsal_start = now if forecast.is_rehearsal_day(self.plan, now) else None
        self.status = RunStatus.RUNNING
        self._log(K.SESSION_START, None)
        self._enter(first, run=True)
        return self._commit()

    def toggle(self) -> RunUpdate | None:
        """Space: start the session, else pause or resume the clock."""
        self._observe()
        if self.status is RunStatus.IDLE:
            return self.start_session()
        if self.status is RunStatus.FINISHED or self.item_cd is None:
            return None
        if self.item_cd.running:
            self._pause_clocks()
            self._log(K.PAUSE, self._cur_id(), payload=self._remaining_payload())
        else:
            self._run_clocks()
        return self._commit()

    def pause(self) -> RunUpdate | None:
        return self.toggle() if self.running else None

    def resume(self) -> RunUpdate | None:
        if self.status is RunStatus.RUNNING and not self.running:
            return self.toggle()
        return None

    def next(self) -> RunUpdate | None:
        """→ / Page Down: next step, else next item; after the last item the session ends."""
        self._observe()
        if self.status is RunStatus.IDLE:
            return self.start_session()
        if self.status is RunStatus.FINISHED:
            return None
        item = self.current
        assert item is not None
        if item.steps and self.step_index < len(item.steps) - 1:
            self._enter_step(self.step_index + 1)
            return self._commit()
        run = self.running
        target = self._next_index(self.index if self.index is not None else -1)
        self._log(
            K.NEXT,
            item.id,
            payload={"to": self.plan.items[target].id if target is not None else None},
        )
        self._next_index(self.index if self.index is not None else -1, log_skips=True)
        self._leave()
        if target is None:
            self.status = RunStatus.FINISHED
            self._log(K.SESSION_END, None)
            return self._commit()
        self._enter(target, run=run)
        return self._commit()

    def previous(self) -> RunUpdate | None:
        """← / Page Up: previous step, else back to the previous item (it continues)."""
        self._observe()
        if self.status is RunStatus.IDLE:
            return None
        if self.status is RunStatus.FINISHED:
            assert self.index is not None
            self.status = RunStatus.RUNNING
            self._log(K.PREVIOUS, None, payload={"to": self.plan.items[self.index].id})
            self._enter(self.index, run=False)
            return self._commit()
        item = self.current
        assert item is not None
        if item.steps and self.step_index > 0:
            self._enter_step(self.step_index - 1)
            return self._commit()
        target = self._previous_index(self.index if self.index is not None else 0)
        if target is None:
            return None
        run = self.running
        self._log(K.PREVIOUS, item.id, payload={"to": self.plan.items[target].id})
        self._leave()
        self._enter(target, run=run)
        return self._commit()

    def extend(self, seconds: float) -> RunUpdate | None:
        """+ / -: one minute more or less for the current item (and its current step)."""
        self._observe()
        if self.status is not RunStatus.RUNNING or self.item_cd is None:
            return None
        self.item_cd.extend(self.clock, seconds)
        if self.step_cd is not None:
            self.step_cd.extend(self.clock, seconds)
        self._rearm()
        self._log(K.EXTEND, self._cur_id(), amount=seconds, payload=self._remaining_payload())
        return self._commit()

    def restart(self) -> RunUpdate | None:
        """R: the current item from the top (planned minutes, first step)."""
        self._observe()
        item = self.current
        if self.status is not RunStatus.RUNNING or item is None or self.item_cd is None:
            return None
        self.item_cd.reset(self.clock, item.planned_minutes * 60)
        self.step_index = 0
        self.step_cd = self._step_countdown(item, 0)
        if self.step_cd is not None and self.item_cd.running:
            self.step_cd.start(self.clock)
        self._rearm()
        self._log(K.RESTART, item.id)
        return self._commit()

    def poll(self) -> list[Chime]:
        """Chimes due now, each once (call at least every second while running)."""
        self._observe()
        item = self.current
        if not self.running or item is None or self.item_cd is None:
            return []
        due: list[Chime] = []
        countdowns: list[tuple[Countdown, int | None]] = [(self.item_cd, None)]
        if self.step_cd is not None:
            countdowns.insert(0, (self.step_cd, self.step_index))
        for cd, step in countdowns:
            remaining = cd.remaining(self.clock)
            for kind, threshold, enabled in (
                (ChimeKind.ZERO, 0.0, self.settings.chime_at_zero),
                (ChimeKind.ONE_MINUTE, 60.0, self.settings.chime_one_minute and cd.total > 60),
            ):
                key = self._chime_key(item.id, step, kind)
                if enabled and remaining <= threshold and key not in self._fired:
                    self._fired.add(key)
                    if all(c.kind is not kind for c in due):  # step and item end together
                        due.append(Chime(kind, item.id, step))
        if due:
            self._commit()
        return due

    def set_plan(self, plan: SessionPlan) -> RunUpdate | None:
        """The agenda changed (edited, or a proposal applied): keep running the same item."""
        old_item = self.current
        self.plan = plan
        for item in plan.items:
            self._actual.setdefault(item.id, (item.actual_start, item.actual_end))
        if old_item is None or self.status is RunStatus.IDLE:
            self.index = None if self.status is RunStatus.IDLE else self.index
            if self.status is RunStatus.FINISHED:
                self.index = min(self.index or 0, max(0, len(plan.items) - 1))
            return None
        new_index = plan.index_of(old_item.id)
        if new_index is None:  # the running item was deleted: go on with the one in its place
            run = self.running
            candidate = next(
                (
                    i
                    for i, item in enumerate(plan.items)
                    if item.position >= old_item.position and not item.dropped
                ),
                None,
            )
            if candidate is None:
                self.status = RunStatus.FINISHED
                self.index = max(0, len(plan.items) - 1) if plan.items else None
                self.item_cd = self.step_cd = None
                self._log(K.SESSION_END, None)
                return self._commit()
            self._enter(candidate, run=run)
            return self._commit()
        self.index = new_index
        new_item = plan.items[new_index]
        delta = (new_item.planned_minutes - old_item.planned_minutes) * 60
        if delta and self.item_cd is not None:
            self.item_cd.extend(self.clock, delta)
            self._rearm()
        if new_item.steps != old_item.steps:
            self.step_index = min(self.step_index, max(0, len(new_item.steps) - 1))
            self.step_cd = self._step_countdown(new_item, self.step_index)
            if self.step_cd is not None and self.running:
                self.step_cd.start(self.clock)
        return self._commit()

    # -- persistence -----------------------------------------------------------------
    def snapshot(self) -> dict:
        return {
            "version": STATE_VERSION,
            "status": self.status.value,
            "current_item_id": self._cur_id(),
            "current_position": self.current.position if self.current else None,
            "item": self.item_cd.snapshot(self.clock) if self.item_cd else None,
            "step_index": self.step_index,
            "step": self.step_cd.snapshot(self.clock) if self.step_cd else None,
            "saved": {str(k): v for k, v in self._saved.items()},
            "fired": sorted(self._fired),
            "saved_at": self.clock.now().isoformat(),
            "rehearsal_start": (
                self._rehearsal_start.isoformat() if self._rehearsal_start is not None else None
            ),
        }

    def to_json(self) -> str:
        return json.dumps(self.snapshot(), sort_keys=True)

    @classmethod
    def restore(
        cls,
        clock: Clock,
        plan: SessionPlan,
        state: str,
        settings: TimingSettings | None = None,
        on_update: Callable[[RunUpdate], None] | None = None,
    ) -> LiveEngine:
        """An engine at the stored state; unreadable state gives a fresh (idle) engine."""
        engine = cls(clock, plan, settings, on_update)
        if not state.strip():
            return engine
        try:
            data = json.loads(state)
            engine._load(data)
        except (ValueError, TypeError, KeyError, AttributeError) as err:
            log.warning(
                "run state of session %s unreadable (%s); starting fresh", plan.session_id, err
            )
            return cls(clock, plan, settings, on_update)
        started = engine._rehearsal_start
        if started is not None and started.astimezone(clock.now().tzinfo).date() != (
            clock.now().date()
        ):  # yesterday's rehearsal does not go on today: a fresh run
            log.info("session %s: the stored run was a rehearsal of another day", plan.session_id)
            return cls(clock, plan, settings, on_update)
        return engine

    def _load(self, data: dict) -> None:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"unknown run state version {data.get('version')!r}")
        status = RunStatus(data["status"])
        if status is RunStatus.IDLE:
            return
        self._saved = {int(k): v for k, v in data.get("saved", {}).items()}
        self._fired = set(data.get("fired", []))
        rehearsal = data.get("rehearsal_start")
        self._rehearsal_start = datetime.fromisoformat(rehearsal) if rehearsal else None
        index = self.plan.index_of(data.get("current_item_id"))
        if index is None:  # the item was deleted while the app was closed
            pos = data.get("current_position") or 0
            index = next(
                (
                    i
                    for i, it in enumerate(self.plan.items)
                    if it.position >= pos and not it.dropped
                ),
                None,
            )
            if index is None and self.plan.items:
                index = len(self.plan.items) - 1
            if index is None:
                return
            self.status = status
            self._enter(index, run=False)
            self._events.clear()
            self._times.clear()
            return
        self.status = status
        self.index = index
        item = self.plan.items[index]
        self.item_cd = (
            Countdown.restore(data["item"], self.clock)
            if data.get("item")
            else Countdown(item.planned_minutes * 60)
        )
        self.step_index = int(data.get("step_index", 0))
        if item.steps:
            self.step_index = min(self.step_index, len(item.steps) - 1)
            self.step_cd = (
                Countdown.restore(data["step"], self.clock)
                if data.get("step")
                else self._step_countdown(item, self.step_index)
            )
        if status is RunStatus.FINISHED and self.item_cd is not None:
            self.item_cd.pause(self.clock)

    # -- internals -------------------------------------------------------------------
    def _observe(self) -> None:
        """Catch a monotonic clock that stood still during suspend (see module docstring)."""
        wall, mono = self.clock.now(), self.clock.monotonic()
        if self._last_wall is not None and self._last_mono is not None:
            missed = (wall - self._last_wall).total_seconds() - (mono - self._last_mono)
            if missed > SUSPEND_GAP:
                log.info("monotonic clock missed %.1f s (suspend); moving deadlines", missed)
                for cd in (self.item_cd, self.step_cd):
                    if cd is not None:
                        cd.shift(missed)
        self._last_wall, self._last_mono = wall, mono

    def _first_item(self) -> ItemPlan | None:
        index = self._next_index(-1)
        return None if index is None else self.plan.items[index]

    def _next_index(self, after: int, log_skips: bool = False) -> int | None:
        """The next item that is not dropped; `log_skips` logs the dropped ones passed over."""
        for i in range(after + 1, len(self.plan.items)):
            item = self.plan.items[i]
            if not item.dropped:
                return i
            if log_skips:
                self._log(K.SKIP, item.id, payload={"reason": "dropped"})
        return None

    def _previous_index(self, before: int) -> int | None:
        for i in range(before - 1, -1, -1):
            if not self.plan.items[i].dropped:
                return i
        return None

    def _cur_id(self) -> int | None:
        item = self.current
        return item.id if item is not None else None

    def _step_countdown(self, item: ItemPlan, index: int) -> Countdown | None:
        if not item.steps:
            return None
        return Countdown(item.steps[index].minutes * 60)

    def _enter(self, index: int, run: bool) -> None:
        self.index = index
        item = self.plan.items[index]
        saved = self._saved.pop(item.id, None)
        if saved is not None:
            self.item_cd = Countdown.restore(saved["item"], self.clock)
            self.step_index = min(int(saved.get("step_index", 0)), max(0, len(item.steps) - 1))
            self.step_cd = (
                Countdown.restore(saved["step"], self.clock)
                if saved.get("step") and item.steps
                else self._step_countdown(item, self.step_index)
            )
        else:
            self.item_cd = Countdown(item.planned_minutes * 60)
            self.step_index = 0
            self.step_cd = self._step_countdown(item, 0)
        start, end = self._actual.get(item.id, (None, None))
        if end is not None:
            self._set_times(item.id, start, None)
        if run:
            self._run_clocks()

    def _enter_step(self, index: int) -> None:
        item = self.current
        assert item is not None
        run = self.running
        self.step_index = index
        self.step_cd = self._step_countdown(item, index)
        self._log(K.STEP, item.id, payload={"step": index, "title": item.steps[index].title})
        if run and self.step_cd is not None:
            self.step_cd.start(self.clock)

    def _leave(self) -> None:
        item = self.current
        if item is None or self.item_cd is None:
            return
        self._pause_clocks()
        self._saved[item.id] = {
            "item": self.item_cd.snapshot(self.clock),
            "step_index": self.step_index,
            "step": self.step_cd.snapshot(self.clock) if self.step_cd else None,
        }
        start, _end = self._actual.get(item.id, (None, None))
        if start is not None:
            self._set_times(item.id, start, self.clock.now())

    def _run_clocks(self) -> None:
        item = self.current
        assert item is not None and self.item_cd is not None
        start, end = self._actual.get(item.id, (None, None))
        first = start is None
        self.item_cd.start(self.clock)
        if self.step_cd is not None:
            self.step_cd.start(self.clock)
        if first:
            self._set_times(item.id, self.clock.now(), None)
        self._log(K.START if first else K.RESUME, item.id, payload=self._remaining_payload())

    def _pause_clocks(self) -> None:
        for cd in (self.item_cd, self.step_cd):
            if cd is not None:
                cd.pause(self.clock)

    def _remaining_payload(self) -> dict:
        out = {}
        if self.item_cd is not None:
            out["remaining"] = round(self.item_cd.remaining(self.clock), 3)
        if self.step_cd is not None:
            out["step"] = self.step_index
            out["step_remaining"] = round(self.step_cd.remaining(self.clock), 3)
        return out

    def _chime_key(self, item_id: int, step: int | None, kind: ChimeKind) -> str:
        return f"{item_id}:{'-' if step is None else step}:{kind.value}"

    def _rearm(self) -> None:
        """After more time (or a restart), chimes whose moment lies ahead again may sound again."""
        item = self.current
        if item is None:
            return
        for cd, step in ((self.item_cd, None), (self.step_cd, self.step_index)):
            if cd is None:
                continue
            remaining = cd.remaining(self.clock)
            if remaining > 0:
                self._fired.discard(self._chime_key(item.id, step, ChimeKind.ZERO))
            if remaining > 60:
                self._fired.discard(self._chime_key(item.id, step, ChimeKind.ONE_MINUTE))

    def _set_times(self, item_id: int, start: datetime | None, end: datetime | None) -> None:
        self._actual[item_id] = (start, end)
        self._times[item_id] = (start, end)

    def _log(
        self, kind: K, item_id: int | None, amount: float = 0.0, payload: dict | None = None
    ) -> None:
        payload = dict(payload or {})
        if self._rehearsal_start is not None:  # the verslag leaves rehearsals out by default
            payload["rehearsal"] = True
        self._events.append(LogEvent(kind.value, item_id, self.clock.now(), amount, payload))

    def _commit(self) -> RunUpdate:
        update = RunUpdate(
            run_state=self.to_json(),
            current_item_id=self._cur_id() if self.status is not RunStatus.IDLE else None,
            events=tuple(self._events),
            # a rehearsal keeps its actual times in memory only: the real run starts clean
            item_times=()
            if self._rehearsal_start is not None
            else tuple((k, s, e) for k, (s, e) in self._times.items()),
        )
        self._events.clear()
        self._times.clear()
        if self.on_update is not None:
            self.on_update(update)
        return update
