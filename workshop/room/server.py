"""The room's web server: pages, a small JSON API and a WebSocket per phone (aiohttp, no Qt).

Nothing here blocks the event loop: reads run on one reader thread, writes on the writer's
thread (`RoomWriter`, batched, through the command runner). Changes from anywhere (the
facilitator's laptop, another phone) arrive on the library's change bus; the server then
reads the room's view once and pushes it to every connected phone. Phones without a
working WebSocket poll `/api/state` instead.

Every request needs a token: the session's (participants, the remote) or a group's
(that table's rapporteur). See docs/phones.md for the API.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

from workshop.changes import Changes, Entity
from workshop.clock import Clock, SystemClock
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.paths import resource
from workshop.room.access import RoomAccess, read_access
from workshop.room.commands import (
    Answer,
    DeleteTableNote,
    EditTableNote,
    Outcome,
    RenewRoomAccess,
    TableNote,
)
from workshop.room.limits import MAX_BODY_BYTES, MAX_LINE_CHARS, RateLimiter
from workshop.room.phones import PhoneRegistry
from workshop.room.view import RoomView, load_room_view, load_timer
from workshop.room.writer import RoomWriter
from workshop.store.library import Library
from workshop.timing.lease import Claimant, machine_name, read_lease, send_request

log = logging.getLogger(__name__)

PAGES = {"p": "participant.html", "r": "rapporteur.html", "remote": "remote.html", "": "join.html"}
STATIC = {"room.css": "text/css", "room.js": "text/javascript"}
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
REMOTE_ACTIONS = ("next", "pause", "extend", "message")
#: how often the run state is read for the phones' timers (seconds)
TIMER_POLL_SECONDS = 1.0
#: the least time between two reads of the phones' view while changes keep coming
REFRESH_MIN_SECONDS = 0.25

RemoteHandler = Callable[[str, str], Awaitable[None] | None]


@dataclass(frozen=True)
class Who:
    """Whom a request's token names: a participant, or the rapporteur of one group."""

    role: str  # "participant" | "rapporteur"
    group_id: int | None = None


class RoomServer:
    """One session's room: start it on a running event loop, stop it to end all access."""

    def __init__(
        self,
        library: Library,
        session_id: int,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Clock | None = None,
        public_host: str | None = None,
    ) -> None:
        self.library = library
        self.session_id = session_id
        self.host, self.port = host, port
        self.public_host = public_host or host
        self.clock = clock or SystemClock()
        self.writer = RoomWriter(library, session_id)
        #: who the headless remote is to the clock lease (workshop/timing/lease.py)
        self.claimant = Claimant.new(f"workshop serve ({machine_name()})")
        self.reader = ThreadPoolExecutor(1, thread_name_prefix="room-reader")
        self.access: RoomAccess | None = None
        self.view: RoomView | None = None
        self.timer: dict[str, Any] = {}
        self.message = ""
        #: the app sets this to drive its own live run (next, pause, +1 min, message)
        self.on_remote: RemoteHandler | None = None
        self.write_limit = RateLimiter(rate=2.0, burst=10)  # per phone
        self.address_limit = RateLimiter(rate=100.0, burst=300)  # per address, all phones
        self.guess_limit = RateLimiter(rate=2.0, burst=10)  # bad tokens, codes and PINs
        self._clients: dict[web.WebSocketResponse, Who] = {}
        self._devices: dict[web.WebSocketResponse, str] = {}
        #: the phones seen (the facilitator's panel lists them and can revoke one)
        self.phones = PhoneRegistry()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._refreshing = False
        self._dirty = False
        self._tasks: set[asyncio.Task] = set()
        self._timer_task: asyncio.Task | None = None
        self.rev = 0
        self._payloads: dict[Any, str] = {}
        self._view_texts: dict[Any, str] = {}

    # -- life ----------------------------------------------------------------------------
    async def start(self) -> None:
        """Bind, read the room's access (making one when the session has none) and its view."""
        self._loop = asyncio.get_running_loop()
        access = await self._read(lambda: _access(self.library, self.session_id))
        if access is None:
            renew = RenewRoomAccess(self.session_id)
            await self.writer.run(renew)
            access = renew.new
        self.access = access
        self.view = await self._read(load_room_view, self.library, self.session_id)
        self.timer = await self._read(load_timer, self.library, self.session_id, self.clock)
        self._unsubscribe = self.library.changes.subscribe(self._on_bus)
        app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[_headers])
        app.add_routes(
            [
                web.get("/", self._page),
                web.get("/p", self._page),
                web.get("/r/{group}", self._page),
                web.get("/remote", self._page),
                web.get("/static/{name}", self._static),
                web.get("/api/state", self._state),
                web.post("/api/send", self._send),
                web.post("/api/code", self._code),
                web.get("/ws", self._websocket),
            ]
        )
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        if sockets:
            self.port = sockets[0].getsockname()[1]
        self._timer_task = self._loop.create_task(self._poll_timer())

    async def stop(self) -> None:
        """Close every phone's connection and stop listening."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._timer_task is not None:
            self._timer_task.cancel()
        for ws in list(self._clients):
            with contextlib.suppress(Exception):
                await ws.close(code=4001, message=b"stopped")
        self._clients.clear()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self.writer.close()
        self.reader.shutdown(wait=True)

    # -- addresses -------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://{self.public_host}:{self.port}"

    @property
    def join_url(self) -> str:
        assert self.access is not None
        return f"{self.base_url}/p?t={self.access.token}"

    def rapporteur_url(self, group_id: int) -> str:
        assert self.access is not None
        return f"{self.base_url}/r/{group_id}?t={self.access.group_token(group_id)}"

    @property
    def remote_url(self) -> str:
        assert self.access is not None
        return f"{self.base_url}/remote?t={self.access.token}"

    # -- reading, off the loop ---------------------------------------------------------------
    async def _read(self, fn: Callable[..., Any], *args: Any) -> Any:
        assert self._loop is not None
        return await self._loop.run_in_executor(self.reader, fn, *args)

    def _on_bus(self, changes: Changes) -> None:
        """From any thread: a stored change; read the view again if it concerns this session."""
        mine = changes.for_session(self.session_id)
        if not mine or self._loop is None or self._loop.is_closed():
            return
        renewed = any(c.entity is Entity.ROOM and "access" in c.fields for c in mine.items)
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._changed, renewed)

    def _changed(self, renewed: bool = False) -> None:
        if renewed:
            self._spawn(self._renew())
        if self._refreshing:
            self._dirty = True
            return
        self._refreshing = True
        self._spawn(self._refresh())

    async def _renew(self) -> None:
        """The token changed: every phone connected with the old one is sent away."""
        self.access = await self._read(lambda: _access(self.library, self.session_id))
        self.phones.clear_revoked()
        for ws in list(self._clients):
            self._clients.pop(ws, None)
            with contextlib.suppress(Exception):
                await ws.close(code=4003, message=b"token changed")

    async def _refresh(self) -> None:
        try:
            while True:
                started = time.monotonic()
                self._dirty = False
                try:
                    self.view = await self._read(load_room_view, self.library, self.session_id)
                except Exception:
                    log.exception("the room's view could not be read")
                    return
                self.rev += 1
                self._payloads.clear()
                await self._broadcast_state()
                if not self._dirty:
                    return
                # more changed meanwhile: at most a few reads a second under load (each
                # read competes with the app's UI thread for the interpreter)
                await asyncio.sleep(max(0.0, REFRESH_MIN_SECONDS - (time.monotonic() - started)))
        finally:
            self._refreshing = False

    async def _poll_timer(self) -> None:
        while True:
            await asyncio.sleep(TIMER_POLL_SECONDS)
            try:
                timer = await self._read(load_timer, self.library, self.session_id, self.clock)
            except Exception:
                log.exception("the run state could not be read")
                continue
            if _timer_moved(self.timer, timer):
                item_moved = timer.get("item_id") != self.timer.get("item_id")
                self.timer = timer
                await self._broadcast({"op": "timer", "timer": timer})
                if item_moved:
                    self._changed()
            else:
                self.timer = timer

    def refresh_timer(self) -> None:
        """The app's run changed (pause, next, +1 min): read and push the timer now."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(lambda: self._spawn(self._timer_now()))

    async def _timer_now(self) -> None:
        self.timer = await self._read(load_timer, self.library, self.session_id, self.clock)
        await self._broadcast({"op": "timer", "timer": self.timer})
        self._changed()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        assert self._loop is not None
        task = self._loop.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- pushing -------------------------------------------------------------------------------
    def _payload(self, who: Who) -> str:
        key = (who.role, who.group_id)
        found = self._payloads.get(key)
        if found is None:
            found = (
                f'{{"op": "state", "rev": {self.rev}, "view": {self._view_text(who)}, '
                f'"timer": {json.dumps(self.timer)}, '
                f'"message": {json.dumps(self.message, ensure_ascii=False)}}}'
            )
            self._payloads[key] = found
        return found

    def _view_text(self, who: Who) -> str:
        """The view `who` sees, as JSON (once per refresh and kind of phone)."""
        key = (who.role, who.group_id)
        found = self._view_texts.get(key)
        if found is None:
            found = json.dumps(self._view_for(who), ensure_ascii=False)
            self._view_texts[key] = found
        return found

    def _view_for(self, who: Who) -> dict[str, Any]:
        assert self.view is not None
        if who.role == "rapporteur" and who.group_id is not None:
            return self.view.for_group(who.group_id)
        return self.view.public()

    async def _broadcast_state(self) -> None:
        """The new state to every phone whose view changed (a vote elsewhere changes no
        participant's page: nothing is sent to them)."""
        before, self._view_texts = self._view_texts, {}
        for ws, who in list(self._clients.items()):
            key = (who.role, who.group_id)
            if key not in before or before[key] != self._view_text(who):
                await _send_quietly(ws, self._payload(who))

    async def _broadcast(self, message: dict[str, Any]) -> None:
        text = json.dumps(message, ensure_ascii=False)
        for ws in list(self._clients):
            await _send_quietly(ws, text)

    async def say(self, text: str) -> None:
        """A message to the room, shown on every phone."""
        self.message = text[:300]
        self._payloads.clear()
        await self._broadcast({"op": "message", "text": self.message})

    async def revoke(self, device: str) -> None:
        """The facilitator sends one phone away: its connections close, its requests fail."""
        self.phones.revoke(device)
        for ws, dev in list(self._devices.items()):
            if dev == device:
                self._clients.pop(ws, None)
                with contextlib.suppress(Exception):
                    await ws.close(code=4003, message=b"revoked")

    def _seen(self, request: web.Request, who: Who, **kw: Any) -> str | None:
        """The phone's id for `request` (None: revoked), noted as seen now."""
        device = _device(request.query.get("d"), request.remote)
        if self.phones.is_revoked(device):
            return None
        self.phones.seen(device, who.role, who.group_id, request.remote or "?", _monotonic(), **kw)
        return device

    # -- who is asking -----------------------------------------------------------------------------
    def _who(self, token: str, group: str | None) -> Who | None:
        access = self.access
        if access is None or not token or len(token) > 64:
            return None
        if group:
            if not group.isdigit() or self.view is None or int(group) not in self.view.groups:
                return None
            gid = int(group)
            return Who("rapporteur", gid) if access.is_group_token(gid, token) else None
        return Who("participant") if access.is_token(token) else None

    def _refused(self, request: web.Request) -> web.Response:
        address = request.remote or "?"
        if not self.guess_limit.allow(address):
            return _json({"error": _("Too many attempts; wait a moment")}, 429)
        return _json({"error": _("This link is no longer valid; scan the code again")}, 403)

    # -- HTTP handlers ---------------------------------------------------------------------------
    async def _page(self, request: web.Request) -> web.StreamResponse:
        path = request.path.strip("/").split("/")[0]
        name = PAGES.get(path)
        if name is None:
            raise web.HTTPNotFound()
        if path:
            group = request.match_info.get("group")
            if self._who(request.query.get("t", ""), group) is None:
                return self._refused_page(request)
        return web.FileResponse(resource("room", name), headers={"Cache-Control": "no-store"})

    def _refused_page(self, request: web.Request) -> web.Response:
        if not self.guess_limit.allow(request.remote or "?"):
            return web.Response(status=429, text=_("Too many attempts; wait a moment"))
        return web.Response(status=403, text=_("This link is no longer valid; scan the code again"))

    async def _static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in STATIC:
            raise web.HTTPNotFound()
        return web.FileResponse(resource("room", name), headers={"Cache-Control": "no-cache"})

    async def _state(self, request: web.Request) -> web.Response:
        who = self._who(request.query.get("t", ""), request.query.get("g"))
        if who is None or self._seen(request, who) is None:
            return self._refused(request)
        if request.query.get("since") == str(self.rev):
            return _json(
                {"op": "same", "rev": self.rev, "timer": self.timer, "message": self.message}
            )
        return web.Response(text=self._payload(who), content_type="application/json")

    async def _send(self, request: web.Request) -> web.Response:
        who = self._who(request.query.get("t", ""), request.query.get("g"))
        device = self._seen(request, who, message=True) if who is not None else None
        if who is None or device is None:
            return self._refused(request)
        try:
            message = await request.json()
        except web.HTTPRequestEntityTooLarge:
            return _json({"error": _("Too long")}, 413)
        except (ValueError, UnicodeDecodeError):
            return _json({"error": _("Not a message this server understands")}, 400)
        reply = await self.handle(who, device, request.remote or "?", message)
        status = {"slow": 429, "bad": 400}.get(reply.get("code", ""), 200)
        return _json(reply, status)

    async def _code(self, request: web.Request) -> web.Response:
        address = request.remote or "?"
        if not self.guess_limit.allow(address):
            return _json({"error": _("Too many attempts; wait a moment")}, 429)
        try:
            code = str((await request.json()).get("code", ""))[:12]
        except (ValueError, AttributeError, UnicodeDecodeError, web.HTTPRequestEntityTooLarge):
            return _json({"error": _("Not a message this server understands")}, 400)
        if self.access is None or not self.access.is_code(code):
            return _json({"error": _("Unknown code; check the code on the screen")}, 403)
        return _json({"url": f"/p?t={self.access.token}"})

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        who = self._who(request.query.get("t", ""), request.query.get("g"))
        device = self._seen(request, who, connections=1) if who is not None else None
        if who is None or device is None:
            return self._refused(request)
        ws = web.WebSocketResponse(heartbeat=20, max_msg_size=MAX_BODY_BYTES)
        try:
            await ws.prepare(request)
        except Exception:
            self.phones.seen(
                device, who.role, who.group_id, request.remote or "?", _monotonic(), connections=-1
            )
            raise
        self._clients[ws] = who
        self._devices[ws] = device
        await _send_quietly(ws, self._payload(who))
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    if msg.type == WSMsgType.ERROR:
                        break
                    await _send_quietly(
                        ws,
                        json.dumps(
                            {"op": "error", "code": "bad", "message": _("Text messages only")}
                        ),
                    )
                    continue
                if self.phones.is_revoked(device):
                    break
                self.phones.seen(
                    device,
                    who.role,
                    who.group_id,
                    request.remote or "?",
                    _monotonic(),
                    message=True,
                )
                self._spawn(self._answer_ws(ws, who, device, request.remote or "?", msg.data))
        finally:
            self._clients.pop(ws, None)
            self._devices.pop(ws, None)
            if not self.phones.is_revoked(device):
                self.phones.seen(
                    device,
                    who.role,
                    who.group_id,
                    request.remote or "?",
                    _monotonic(),
                    connections=-1,
                )
        return ws

    async def _answer_ws(self, ws, who: Who, device: str, address: str, data: str) -> None:
        try:
            message = json.loads(data)
        except ValueError:
            reply = {
                "op": "error",
                "code": "bad",
                "message": _("Not a message this server understands"),
            }
        else:
            reply = await self.handle(who, device, address, message)
        if ws in self._clients:
            await _send_quietly(ws, json.dumps(reply, ensure_ascii=False))

    # -- what a phone asks ------------------------------------------------------------------------
    async def handle(self, who: Who, device: str, address: str, message: Any) -> dict[str, Any]:
        """One message from a phone (WebSocket or POST): the reply to send back."""
        if not isinstance(message, dict) or not isinstance(message.get("op"), str):
            return _bad(_("Not a message this server understands"))
        op = message["op"]
        cid = message.get("cid")
        if op == "ping":
            return {
                "op": "pong",
                "rev": self.rev,
                "server_ms": int(self.clock.now().timestamp() * 1000),
            }
        if not self.write_limit.allow(device) or not self.address_limit.allow(address):
            return {
                "op": "error",
                "code": "slow",
                "cid": cid if isinstance(cid, str) else None,
                "message": _("Too fast; wait a moment and try again"),
            }
        try:
            if op == "note" and who.role == "rapporteur":
                return await self._note(who, message)
            if op in ("edit", "delete") and who.role == "rapporteur":
                return await self._edit(who, op, message)
            if op == "answer" and who.role == "participant":
                return await self._answer(device, message)
            if op == "remote" and who.role == "participant":
                return await self._remote(address, message)
        except CommandError as err:
            return {
                "op": "error",
                "cid": cid if isinstance(cid, str) else None,
                "message": str(err),
            }
        return _bad(_("Not allowed with this link"))

    async def _note(self, who: Who, message: dict) -> dict[str, Any]:
        cid, text = message.get("cid"), message.get("text")
        if not isinstance(cid, str) or not _ID.match(cid):
            return _bad(_("Not a message this server understands"))
        if not isinstance(text, str) or not text.strip():
            return _bad(_("An empty note is not stored"), cid)
        if len(text) > MAX_LINE_CHARS:
            return _bad(_("Too long (at most {n} characters)").format(n=MAX_LINE_CHARS), cid)
        assert self.view is not None and who.group_id is not None
        card = self.view.groups.get(who.group_id) or {}
        outcome = await self.writer.note(TableNote(who.group_id, card.get("item_id"), cid, text))
        return _outcome(cid, outcome)

    async def _edit(self, who: Who, op: str, message: dict) -> dict[str, Any]:
        note_id, text = message.get("id"), message.get("text")
        if not isinstance(note_id, int) or isinstance(note_id, bool):
            return _bad(_("Not a message this server understands"))
        assert who.group_id is not None
        if op == "delete":
            await self.writer.run(DeleteTableNote(self.session_id, who.group_id, note_id))
            return {"op": "done", "id": note_id}
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_LINE_CHARS:
            return _bad(_("A note cannot be empty; delete it instead"))
        await self.writer.run(EditTableNote(self.session_id, who.group_id, note_id, text))
        return {"op": "done", "id": note_id}

    async def _answer(self, device: str, message: dict) -> dict[str, Any]:
        cid, question, value = message.get("cid"), message.get("question"), message.get("value")
        if not isinstance(cid, str) or not _ID.match(cid):
            return _bad(_("Not a message this server understands"))
        if not isinstance(question, int) or isinstance(question, bool):
            return _bad(_("Not a message this server understands"), cid)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or len(value) > MAX_LINE_CHARS:
            return _bad(_("Not a message this server understands"), cid)
        outcome = await self.writer.answer(Answer(question, device, cid, value))
        return _outcome(cid, outcome)

    async def _remote(self, address: str, message: dict) -> dict[str, Any]:
        pin, action = message.get("pin"), message.get("action")
        assert self.access is not None
        if not isinstance(pin, str) or not self.access.is_pin(pin):
            self.guess_limit.allow(address, cost=2.0)
            return _bad(_("Wrong PIN"))
        if action not in REMOTE_ACTIONS:
            return _bad(_("Not a message this server understands"))
        text = message.get("text", "")
        if action == "message":
            if not isinstance(text, str) or len(text) > 300:
                return _bad(_("Too long (at most {n} characters)").format(n=300))
            await self.say(text.strip())
        if self.on_remote is not None:
            done = self.on_remote(action, text if isinstance(text, str) else "")
            if done is not None:
                await done
        elif action != "message":
            await self.writer.call(
                _headless_remote, self.library, self.session_id, self.clock, action, self.claimant
            )
            await self._timer_now()
        return {"op": "done", "action": action}


def _access(library: Library, session_id: int) -> RoomAccess | None:
    with library.read() as db:
        return read_access(db, session_id)


def _headless_remote(
    library: Library, session_id: int, clock: Clock, action: str, claimant: Claimant
) -> None:
    """Without the window: drive the stored run itself (`workshop serve`), unless a laptop
    runs the clock (the lease): then the action is asked of that laptop."""
    from workshop.timing.engine import LiveEngine
    from workshop.timing.plan import load_run
    from workshop.timing.settings import load_timing_settings
    from workshop.timing.store import save_update

    if read_lease(library, session_id, claimant, clock.now()).elsewhere:
        send_request(library, session_id, action, claimant, clock.now())
        return
    stored = load_run(library, session_id)
    updates: list = []
    engine = LiveEngine.restore(
        clock, stored.plan, stored.run_state, load_timing_settings(library), updates.append
    )
    {"next": engine.next, "pause": engine.toggle, "extend": lambda: engine.extend(60)}[action]()
    for update in updates:
        save_update(library, session_id, update, claimant, clock.now())
    if updates:
        library.changes.publish(Changes([_timer_change(session_id)], "room"))


def _timer_change(session_id: int):
    from workshop.changes import Change

    return Change(Entity.TIMER, "updated", (), session_id)


def _timer_moved(old: dict[str, Any], new: dict[str, Any]) -> bool:
    keys = ("running", "label", "item_id", "total_ms")
    if any(old.get(k) != new.get(k) for k in keys):
        return True
    if new.get("running"):
        return abs((old.get("deadline_ms") or 0) - (new.get("deadline_ms") or 0)) > 400
    return abs(old.get("remaining_ms", 0) - new.get("remaining_ms", 0)) > 400


def _monotonic() -> float:
    return time.monotonic()


def _device(value: str | None, address: str | None) -> str:
    if value and _ID.match(value):
        return value
    return f"addr:{address or '?'}"


def _outcome(cid: str, outcome: Outcome) -> dict[str, Any]:
    if outcome.error:
        return {"op": "error", "cid": cid, "message": outcome.error}
    return {"op": "ack", "cid": cid, "id": outcome.id, "again": outcome.again}


def _bad(message: str, cid: str | None = None) -> dict[str, Any]:
    return {"op": "error", "code": "bad", "cid": cid, "message": message}


def _json(data: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=lambda d: json.dumps(d, ensure_ascii=False))


async def _send_quietly(ws: web.WebSocketResponse, text: str) -> None:
    if ws.closed:
        return
    with contextlib.suppress(ConnectionError, RuntimeError):
        await ws.send_str(text)


@web.middleware
async def _headers(request: web.Request, handler) -> web.StreamResponse:
    response = await handler(request)
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
        "style-src 'self'; script-src 'self'; frame-ancestors 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def new_client_id() -> str:
    """A fresh client id (tests and the bench)."""
    return secrets.token_urlsafe(12)
