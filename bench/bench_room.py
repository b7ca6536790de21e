"""150 phones against the running app (offscreen): every submission stored exactly once,
note-to-capture-page latency, the UI thread's longest stall, the server's memory.

The app is the real session window with its phone server turned on through the room
service (on 127.0.0.1 only, a free port); the phones are aiohttp clients on a thread of
their own, so their work never runs on the UI thread:

* 10 rapporteurs (two phones at each of the demo's 5 tables) type 20 notes each over
  WebSocket, one every 0.6 s (the rate limit is 2 a second), and resend 2 of them with the
  same client id (a retry on bad Wi-Fi: must not be stored twice);
* 60 participants put 3 dots on the harvest, choose an evening and send one word;
* 80 watch the timer: 60 over WebSocket, 20 polling `/api/state` every 2 s (the fallback).

Baselines, measured in the same run:
* latency: a note typed by the facilitator's own window (a command through the window's
  command service) until the capture page lists it, against a note from a phone until the
  same page lists it;
* stall: the UI thread's longest gap with the server on and no phones, against the same
  with 150 phones;
* memory: the process's resident size before the server was turned on.

Bounded: every request has a 10 s timeout, the load a 90 s deadline, the counts are fixed.
Goals (docs/phones.md): note p95 < 200 ms; longest stall < 50 ms.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["WORKSHOP_ROOM_HOST"] = "127.0.0.1"  # nothing leaves this machine
os.environ["WORKSHOP_ROOM_PORT"] = "0"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

RAPPORTEURS_PER_TABLE = 2
NOTES_EACH = 20
RETRIES_EACH = 2
NOTE_GAP_S = 0.6
PARTICIPANTS = 60
WATCHERS_WS = 60
WATCHERS_POLL = 20
POLL_S = 2.0
REQUEST_TIMEOUT_S = 10.0
LOAD_DEADLINE_S = 90.0
BASELINE_NOTES = 20
IDLE_S = 6.0
GOALS = {"p95_ms": 200.0, "stall_ms": 50.0}


def rss_mb() -> float:
    """The process's resident memory now (Linux /proc; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Probe:
    """Gaps between ticks of a 1 ms timer on the UI thread (as bench_capture.py)."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self._last: float | None = None
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.monotonic()
        if self._last is not None:
            self.gaps.append(now - self._last)
        self._last = now

    def run(self) -> None:
        self.gaps.clear()
        self._last = None
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return max(self.gaps, default=0.0) * 1000 - 1.0


class Phones:
    """The simulated phones on their own thread and event loop (aiohttp clients)."""

    def __init__(self, base: str, token: str, groups: dict[int, str], questions: dict) -> None:
        self.base, self.token, self.groups, self.questions = base, token, groups, questions
        self.sent: dict[str, float] = {}  # note marker -> perf_counter when sent
        self.acks: dict[str, int] = {}  # client id -> stored note id
        self.answer_acks = 0
        self.errors: list[str] = []
        self.pushes = 0
        self.polls = 0
        self.stop = threading.Event()

    def main(self) -> dict:
        """Run the load here (the phones' own process) and say what happened."""
        failure = ""
        try:
            asyncio.run(asyncio.wait_for(self._all(), LOAD_DEADLINE_S))
        except BaseException as err:  # noqa: BLE001 - reported by the bench
            failure = repr(err)
        return {
            "sent": self.sent,
            "acks": self.acks,
            "answer_acks": self.answer_acks,
            "errors": self.errors,
            "pushes": self.pushes,
            "polls": self.polls,
            "failure": failure,
        }

    async def _all(self) -> None:
        import aiohttp

        timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(timeout=timeout, connector=connector) as http:
            watchers = [asyncio.create_task(self._watch(http, f"w{n}")) for n in range(WATCHERS_WS)]
            watchers += [
                asyncio.create_task(self._poll(http, f"p{n}")) for n in range(WATCHERS_POLL)
            ]
            await asyncio.sleep(0.5)
            workers = [
                asyncio.create_task(self._rapporteur(http, gid, token, f"r{gid}-{k}"))
                for gid, token in self.groups.items()
                for k in range(RAPPORTEURS_PER_TABLE)
            ]
            workers += [
                asyncio.create_task(self._participant(http, f"v{n}")) for n in range(PARTICIPANTS)
            ]
            try:
                await asyncio.gather(*workers)
            finally:
                self.stop.set()
                for task in watchers:
                    task.cancel()
                await asyncio.gather(*watchers, return_exceptions=True)

    def _ws_url(self, device: str, token: str | None = None, group: int | None = None) -> str:
        url = f"{self.base.replace('http', 'ws', 1)}/ws?t={token or self.token}&d={device}"
        return url + (f"&g={group}" if group is not None else "")

    async def _watch(self, http, device: str) -> None:
        async with http.ws_connect(self._ws_url(device), heartbeat=None) as ws:
            async for _msg in ws:
                self.pushes += 1

    async def _poll(self, http, device: str) -> None:
        rev = -1
        while not self.stop.is_set():
            url = f"{self.base}/api/state?t={self.token}&d={device}&since={rev}"
            async with http.get(url) as response:
                data = await response.json()
                rev = data.get("rev", rev)
                self.polls += 1
            await asyncio.sleep(POLL_S)

    async def _rapporteur(self, http, group: int, token: str, device: str) -> None:
        async with http.ws_connect(self._ws_url(device, token, group), heartbeat=None) as ws:
            pending: dict[str, asyncio.Future] = {}

            async def reader() -> None:
                async for msg in ws:
                    data = json.loads(msg.data)
                    cid = data.get("cid")
                    if cid in pending and not pending[cid].done():
                        pending[cid].set_result(data)

            read = asyncio.create_task(reader())
            try:
                for n in range(NOTES_EACH):
                    cid = f"{device}-{n}"
                    marker = f"[{cid}]"
                    text = f"Punt {n} van tafel {group} {marker}"
                    pending[cid] = asyncio.get_running_loop().create_future()
                    self.sent[marker] = time.monotonic()
                    await ws.send_str(json.dumps({"op": "note", "cid": cid, "text": text}))
                    reply = await asyncio.wait_for(pending[cid], REQUEST_TIMEOUT_S)
                    if reply.get("op") != "ack":
                        self.errors.append(f"{cid}: {reply}")
                    else:
                        self.acks[cid] = reply["id"]
                    if n < RETRIES_EACH:  # the same note again (a retry): stored once
                        pending[cid] = asyncio.get_running_loop().create_future()
                        await ws.send_str(json.dumps({"op": "note", "cid": cid, "text": text}))
                        again = await asyncio.wait_for(pending[cid], REQUEST_TIMEOUT_S)
                        if not again.get("again") or again.get("id") != self.acks.get(cid):
                            self.errors.append(f"retry {cid}: {again}")
                    await asyncio.sleep(NOTE_GAP_S)
            finally:
                read.cancel()

    async def _participant(self, http, device: str) -> None:
        q = self.questions
        messages = [
            {"question": q["dots"], "value": q["points"][(hash(device) + k) % len(q["points"])]}
            for k in range(3)
        ]
        messages.append({"question": q["choice"], "value": len(device) % 2})
        messages.append(
            {"question": q["word"], "value": ("samen", "buurt", "energie")[len(device) % 3]}
        )
        url = f"{self.base}/api/send?t={self.token}&d={device}"
        for k, message in enumerate(messages):
            body = {"op": "answer", "cid": f"{device}-{k}", **message}
            async with http.post(url, json=body) as response:
                data = await response.json()
            if data.get("op") == "ack":
                self.answer_acks += 1
            else:
                self.errors.append(f"{device}: {data}")
            await asyncio.sleep(0.3)


class PhonesResult:
    """What the phones' process reported (empty when it did not finish)."""

    def __init__(self, out: dict) -> None:
        self.sent: dict[str, float] = out.get("sent", {})
        self.acks: dict[str, int] = out.get("acks", {})
        self.answer_acks: int = out.get("answer_acks", 0)
        self.errors: list[str] = out.get("errors", [])
        self.pushes: int = out.get("pushes", 0)
        self.polls: int = out.get("polls", 0)
        self.failure: str = out.get("failure", "") if out else "the phones' process gave no result"


def phones_main(config_path: str, out_path: str) -> int:
    config = json.loads(Path(config_path).read_text())
    groups = {int(g): t for g, t in config["groups"].items()}
    phones = Phones(config["base"], config["token"], groups, config["questions"])
    Path(out_path).write_text(json.dumps(phones.main()))
    return 0


async def run(tmp: Path) -> int:
    from sqlalchemy import func, select

    from ui.app import build_session_services
    from ui.kit.context import PageContext
    from ui.services.commands import CommandService
    from ui.services.db import DbService
    from ui.session_window import SessionWindow
    from workshop.capture.commands.notes import AddNote, NoteContent
    from workshop.capture.parser import parse_line
    from workshop.capture.queries import reporting_queue
    from workshop.capture.queue import Target
    from workshop.clock import SystemClock
    from workshop.demo import ensure_demo
    from workshop.model import AgendaItem, Note, RoomAnswer
    from workshop.room.commands import AddQuestion
    from workshop.room.queries import votable_points
    from workshop.store.library import Library

    library = Library.open(f"sqlite:///{tmp / 'bench.sqlite'}")
    db = DbService(library)
    commands = CommandService(db)
    sid = await db.call(ensure_demo)
    clock = SystemClock()
    services = build_session_services(db, commands, clock, sid)
    window = SessionWindow(PageContext(sid, db, commands, clock, services))
    window.resize(1280, 800)
    window.show()

    def feedback(lib) -> int:
        with lib.read() as s:
            return s.scalars(
                select(AgendaItem.id).where(
                    AgendaItem.session_id == sid, AgendaItem.kind == "terugkoppeling"
                )
            ).one()

    fid = await db.call(feedback)
    groups = [e.group_id for e in (await db.call(reporting_queue, fid)).entries if e.group_id]
    shown_group = groups[0]
    page = window.show_page("capture")
    await asyncio.sleep(0.2)
    await page.settled()
    page.choose_item(fid)
    page.set_target(Target(group_id=shown_group))
    await page.settled()

    # -- when does a marker appear in the capture page's list --------------------------------
    seen: dict[str, float] = {}
    watching: set[str] = set()

    def look(*_args) -> None:
        now = time.monotonic()
        for i in range(page.notes.count()):
            text = page.notes.item(i).text()
            start = text.rfind("[")
            if start >= 0:
                marker = text[start : text.find("]", start) + 1]
                if marker in watching and marker not in seen:
                    seen[marker] = now

    model = page.notes.model()
    model.rowsInserted.connect(look)
    model.modelReset.connect(look)
    model.dataChanged.connect(look)

    # -- baseline 1: the facilitator's own notes, same page ----------------------------------
    own: list[float] = []
    for n in range(BASELINE_NOTES):
        marker = f"[own-{n}]"
        watching.add(marker)
        content = NoteContent.from_parsed(parse_line(f"Eigen punt {n} {marker}"))
        started = time.monotonic()
        commands.push(AddNote(sid, fid, shown_group, content))
        deadline = started + REQUEST_TIMEOUT_S
        while marker not in seen and time.monotonic() < deadline:
            await asyncio.sleep(0.002)
        if marker in seen:
            own.append((seen[marker] - started) * 1000)
        await asyncio.sleep(0.05)
    await commands.wait_idle()

    # -- the room: on, questions asked ----------------------------------------------------------
    room = services.room
    rss_before = rss_mb()
    await room.start()
    assert room.server is not None and room.server.host == "127.0.0.1"
    points = await db.call(votable_points, sid, None)

    async def ask(kind: str, prompt: str, options: list) -> int:
        command = AddQuestion(sid, kind, prompt, options, dots=3)
        await commands.push_and_wait(command)
        return command.question_id

    questions = {
        "dots": await ask("dots", "Waar gaan we mee verder?", points),
        "choice": await ask("choice", "Welke avond?", ["dinsdag", "donderdag"]),
        "word": await ask("word", "Eén woord?", []),
        "points": points,
    }
    server = room.server
    tokens = {gid: server.access.group_token(gid) for gid in groups}

    # the app has been open a while when the breakout starts: its idle collector has done its
    # first full collection (and frozen what survived it) before the phones come
    from ui.kit.idle_gc import IdleCollector

    if IdleCollector._instance is not None:
        IdleCollector._instance.collect_now()

    # -- baseline 2: the UI thread with the server on and no phones -------------------------------
    probe = Probe()
    probe.run()
    await asyncio.sleep(IDLE_S)
    idle_stall = probe.stop()

    # -- the load -------------------------------------------------------------------------------------
    config = {
        "base": server.base_url,
        "token": server.access.token,
        "groups": {str(g): t for g, t in tokens.items()},
        "questions": questions,
    }
    (tmp / "phones.json").write_text(json.dumps(config))
    for gid in groups:
        for k in range(RAPPORTEURS_PER_TABLE):
            for n in range(NOTES_EACH):
                if gid == shown_group:
                    watching.add(f"[r{gid}-{k}-{n}]")
    rss_peak = rss_mb()
    probe.run()
    started = time.monotonic()
    # the phones run in a process of their own: like real phones, they cost the app's
    # process nothing but the server's work (no share of its interpreter lock)
    child = subprocess.Popen(
        [sys.executable, __file__, "--phones", str(tmp / "phones.json"), str(tmp / "out.json")]
    )
    deadline = time.monotonic() + LOAD_DEADLINE_S + 15
    while child.poll() is None and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        rss_peak = max(rss_peak, rss_mb())
    if child.poll() is None:
        child.kill()
        child.wait(5)
    out = json.loads((tmp / "out.json").read_text()) if (tmp / "out.json").exists() else {}
    phones = PhonesResult(out)
    await commands.wait_idle()
    settle_until = time.monotonic() + 5
    expected = {m for m in watching if not m.startswith("[own")}
    while not expected <= set(seen) and time.monotonic() < settle_until:
        await asyncio.sleep(0.02)
    load_s = time.monotonic() - started
    load_stall = probe.stop()
    rss_peak = max(rss_peak, rss_mb())
    pushes, polls = phones.pushes, phones.polls

    def counts(lib) -> tuple[int, int, int]:
        with lib.read() as s:
            notes = s.scalar(
                select(func.count(Note.id)).where(Note.session_id == sid, Note.source == "table")
            )
            distinct = s.scalar(
                select(func.count(func.distinct(Note.client_id))).where(
                    Note.session_id == sid, Note.source == "table"
                )
            )
            answers = s.scalar(
                select(func.count(RoomAnswer.id)).where(RoomAnswer.session_id == sid)
            )
            return notes, distinct, answers

    notes, distinct, answers = await db.call(counts)
    batches = server.writer.batches
    for signal in (model.rowsInserted, model.modelReset, model.dataChanged):
        signal.disconnect(look)
    await room.stop()
    window.close()
    services.close()
    await commands.wait_idle()
    await asyncio.get_running_loop().run_in_executor(None, db.shutdown)

    latencies = sorted(
        (seen[m] - phones.sent[m]) * 1000 for m in expected if m in seen and m in phones.sent
    )
    tables = len(groups)
    notes_wanted = tables * RAPPORTEURS_PER_TABLE * NOTES_EACH
    answers_wanted = PARTICIPANTS * 5

    def pct(values: list[float], p: float) -> float:
        return (
            values[min(len(values) - 1, int(round(p * (len(values) - 1))))]
            if values
            else float("nan")
        )

    own.sort()
    print(
        f"{tables * RAPPORTEURS_PER_TABLE + PARTICIPANTS + WATCHERS_WS + WATCHERS_POLL} phones on "
        f"127.0.0.1 for {load_s:.1f} s: {tables * RAPPORTEURS_PER_TABLE} rapporteurs "
        f"({NOTES_EACH} notes each, {RETRIES_EACH} resent), {PARTICIPANTS} participants "
        f"(5 answers each), {WATCHERS_WS} watching over WebSocket, {WATCHERS_POLL} polling"
    )
    if phones.failure:
        print(f"LOAD FAILED: {phones.failure}")
    print(f"{'':44}{'baseline':>12}{'150 phones':>14}{'ratio':>8}")
    p50, p95 = pct(latencies, 0.5), pct(latencies, 0.95)
    b50, b95 = pct(own, 0.5), pct(own, 0.95)
    print(f"{'note -> capture page list, p50 (ms)':44}{b50:>12.1f}{p50:>14.1f}{p50 / b50:>8.2f}")
    print(f"{'note -> capture page list, p95 (ms)':44}{b95:>12.1f}{p95:>14.1f}{p95 / b95:>8.2f}")
    print(
        f"{'longest UI-thread stall (ms)':44}{idle_stall:>12.1f}{load_stall:>14.1f}{load_stall / max(idle_stall, 0.1):>8.2f}"
    )
    print(
        f"{'process resident memory (MB)':44}{rss_before:>12.1f}{rss_peak:>14.1f}{rss_peak / rss_before:>8.2f}"
    )
    print(
        "  latency baseline: the facilitator's own note (command service) on the same page; "
        "stall baseline: server on, no phones; memory baseline: before the server started"
    )
    print(
        f"notes from tables stored: {notes} of {notes_wanted} ({distinct} distinct client ids; "
        f"{len(phones.acks)} acknowledged); answers stored: {answers} of {answers_wanted} "
        f"({phones.answer_acks} acknowledged); {batches} write batches; "
        f"{len(latencies)} of {len(expected)} shown-table notes seen in the list"
    )
    print(
        f"pushes received by watchers: {pushes}; polls answered: {polls}; errors: {len(phones.errors)}"
    )
    for line in phones.errors[:5]:
        print(f"  {line}")
    once = notes == distinct == notes_wanted and answers == answers_wanted
    print(f"every submission stored exactly once: {'yes' if once else 'NO'}")
    print(
        f"goal note p95 < {GOALS['p95_ms']:.0f} ms: {'met' if p95 < GOALS['p95_ms'] else 'NOT met'}"
    )
    print(
        f"goal longest stall < {GOALS['stall_ms']:.0f} ms: {'met' if load_stall < GOALS['stall_ms'] else 'NOT met'}"
    )

    from figures import record

    record(
        "room",
        "phone note -> capture page, p50",
        p50,
        "ms",
        baseline=b50,
        baseline_name="the facilitator's own note, same page",
    )
    record(
        "room",
        "phone note -> capture page, p95",
        p95,
        "ms",
        baseline=b95,
        baseline_name="the facilitator's own note, same page",
        goal_value=GOALS["p95_ms"],
    )
    record(
        "room",
        "150 phones: longest UI stall",
        load_stall,
        "ms",
        baseline=idle_stall,
        baseline_name="server on, no phones",
        goal_value=GOALS["stall_ms"],
    )
    record(
        "room",
        "150 phones: resident memory",
        rss_peak,
        "MB",
        baseline=rss_before,
        baseline_name="the app before the server started",
    )
    return 0 if once and not phones.failure else 1


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--phones":
        return phones_main(sys.argv[2], sys.argv[3])
    from qasync import QEventLoop

    from ui.app import make_application

    app = make_application()
    app.setQuitOnLastWindowClosed(False)
    loop = QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory(prefix="bench-room-") as tmp, loop:
        return loop.run_until_complete(run(Path(tmp)))


if __name__ == "__main__":
    raise SystemExit(main())
