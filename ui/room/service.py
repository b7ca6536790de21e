"""The per-session room service (SessionServices.room): the phones' server, on or off.

Nothing listens until the facilitator turns it on. The server (workshop/room/) runs on its
own thread and event loop (`RoomThread`); starting and stopping it run on the kit's worker
threads (`off_thread`), so the UI never waits for a bind or a read. Phones' writes reach
the app through the change bus; this service then reads the questions and answers again (on
the DB worker, as ops of `self.ops`) for the panel and the projector. A remote's buttons
(next, pause, +1 min, a message) drive the session's own live run on the UI thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os

from PySide6.QtCore import QObject, QTimer, Signal

from ui.kit.idle_gc import IdleCollector
from ui.kit.ops import BackgroundOps, off_thread, watch
from ui.widgets.alive import alive
from workshop.changes import Changes, Entity
from workshop.clock import Clock
from workshop.i18n import _
from workshop.room.network import describe_network, lan_address
from workshop.room.phones import Phone
from workshop.room.picture import RoomPicture
from workshop.room.qr import qr_matrix
from workshop.room.queries import PanelData, panel_data

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765
#: how often the panel's list of phones is read while the server runs (ms)
PHONES_REFRESH_MS = 2000


class RoomService(QObject):
    running_changed = Signal(bool)
    phones_changed = Signal()
    data_changed = Signal()  # questions, answers, results re-read
    picture_changed = Signal()  # what the projector shows of the room
    remote = Signal(str, str)  # (action, text) from the co-facilitator's phone
    failed = Signal(str)

    def __init__(
        self,
        db,
        commands,
        clock: Clock,
        session_id: int,
        live=None,
        projector=None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.commands, self.clock = db, commands, clock
        self.session_id = session_id
        self.live, self.projector = live, projector
        #: where to listen; WORKSHOP_ROOM_HOST/PORT override (tests use 127.0.0.1 and 0)
        self.host = os.environ.get("WORKSHOP_ROOM_HOST", "0.0.0.0")
        self.port = int(os.environ.get("WORKSHOP_ROOM_PORT", DEFAULT_PORT))
        self.server = None  # a workshop.room.server.RoomServer while running
        self._thread = None
        self.busy = False
        self.data = PanelData([], [], 0)
        self.projected_id: int | None = None  # the question the projector shows
        self.error = ""
        self._closed = False
        self.ops = BackgroundOps(self, "room")  # the reads of questions and answers
        self._reload = QTimer(self, singleShot=True, interval=150)
        watch(self, "room", "working")
        self._reload.timeout.connect(lambda: self._spawn(self.load()))
        self._phones_timer = QTimer(self, interval=PHONES_REFRESH_MS)
        self._phones_timer.timeout.connect(self.phones_changed.emit)
        commands.changed.connect(self._on_changes)
        self.remote.connect(self._on_remote)
        if live is not None:
            live.state_changed.connect(self._timer_moved)
        if projector is not None:
            projector.room_source = self.picture
            self.picture_changed.connect(lambda: projector.refresh_room())
        self._wanted = False  # read questions only once the panel or the server needs them

    def ensure_loaded(self) -> None:
        """The panel is shown or the server started: read now and on every change."""
        if not self._wanted:
            self._wanted = True
            self._spawn(self.load())

    # -- on and off ------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.server is not None

    async def start(self) -> None:
        """Listen (the default port, else any free one); a clear line when it fails."""
        if self.running or self.busy:
            return
        self.busy, self.error = True, ""
        self.running_changed.emit(False)
        try:
            server, thread = await off_thread(self._boot)
        except OSError as err:
            self.error = _("The phones' server could not start: {error}").format(
                error=err.strerror or err
            )
            self.failed.emit(self.error)
            return
        finally:
            self.busy = False
        if self._closed or not alive(self):
            await off_thread(thread.stop)
            return
        self.server, self._thread = server, thread
        IdleCollector.freezing_while(True)  # the phones' garbage never stalls the UI thread
        self.ensure_loaded()
        self._phones_timer.start()
        self.running_changed.emit(True)
        self.picture_changed.emit()

    def _boot(self):
        """On a worker thread: bind and read; the default port, else a free one."""
        from workshop.room.server import RoomServer
        from workshop.room.thread import RoomThread

        public = self.host if self.host not in ("0.0.0.0", "") else (lan_address() or "127.0.0.1")
        ports = [self.port] if self.port == 0 else [self.port, 0]
        for n, port in enumerate(ports):
            server = RoomServer(
                self.db.library,
                self.session_id,
                host=self.host,
                port=port,
                clock=self.clock,
                public_host=public,
            )
            server.on_remote = self._remote_from_phone
            thread = RoomThread(server)
            try:
                thread.start()
            except OSError:
                thread.stop()
                if n == len(ports) - 1:
                    raise
                continue
            return server, thread
        raise OSError(_("no free port"))

    async def stop(self) -> None:
        """Stop listening: every phone's connection ends."""
        thread, self.server, self._thread = self._thread, None, None
        self._phones_timer.stop()
        if thread is not None:
            IdleCollector.freezing_while(False)
            self.busy = True
            try:
                await off_thread(thread.stop)
            finally:
                self.busy = False
        self.running_changed.emit(False)
        self.phones_changed.emit()
        self.picture_changed.emit()

    async def toggle(self) -> None:
        await (self.stop() if self.running else self.start())

    # -- what the panel shows -----------------------------------------------------------------
    @property
    def address(self) -> str:
        return self.server.base_url if self.server is not None else ""

    @property
    def network(self) -> str:
        """Which kind of network phones reach the laptop on (for the panel's line)."""
        if self.server is None:
            return ""
        kind = describe_network(self.server.public_host)
        return {
            "loopback": _("this computer only (phones cannot reach it)"),
            "link-local": _("a direct link without a router"),
            "private": _("the local network (venue Wi-Fi or the laptop's hotspot)"),
            "public": _("a public address (check the firewall)"),
        }[kind]

    @property
    def join_url(self) -> str:
        return self.server.join_url if self.server is not None else ""

    @property
    def code(self) -> str:
        access = self.server.access if self.server is not None else None
        return access.code if access is not None else ""

    @property
    def pin(self) -> str:
        access = self.server.access if self.server is not None else None
        return access.pin if access is not None else ""

    @property
    def remote_url(self) -> str:
        return self.server.remote_url if self.server is not None else ""

    def rapporteur_urls(self) -> list[tuple[str, str]]:
        """(group label, link) of every group, for the panel and the table cards."""
        server = self.server
        if server is None or server.view is None:
            return []
        return [
            (card["label"], server.rapporteur_url(card["id"]))
            for card in server.view.groups.values()
        ]

    def rapporteur_links(self) -> dict[int, str]:
        """Group id -> its rapporteur link while the server runs (the table cards' QR codes);
        empty when it is off (the address is known only then)."""
        server = self.server
        if server is None or server.view is None:
            return {}
        return {gid: server.rapporteur_url(gid) for gid in server.view.groups}

    def phones(self) -> list[Phone]:
        return self.server.phones.snapshot() if self.server is not None else []

    def group_label(self, group_id: int | None) -> str:
        view = self.server.view if self.server is not None else None
        card = view.groups.get(group_id) if view is not None and group_id else None
        return card["label"] if card else ""

    def revoke(self, device: str) -> None:
        """Send one phone away (its connection closes; its requests are refused)."""
        if self._thread is not None and self.server is not None:
            self._thread.call(self.server.revoke(device))
            QTimer.singleShot(100, self.phones_changed.emit)

    # -- the projector ------------------------------------------------------------------------
    def picture(self) -> RoomPicture | None:
        """The room's part of the projector picture (None: nothing to show)."""
        question = next((q for q in self.data.questions if q["id"] == self.projected_id), None)
        if self.server is None and question is None:
            return None
        url = self.join_url
        return RoomPicture(
            join_url=url,
            code=self.code,
            address=(self.address + "/") if url else "",
            qr=qr_matrix(url) if url else (),
            question=question,
        )

    def project(self, question_id: int | None) -> None:
        """Show this question's results on the projector (None: take them off)."""
        self.projected_id = question_id
        self.picture_changed.emit()
        self.data_changed.emit()

    def hide_all(self) -> None:
        """Ctrl+Shift+H: nothing of the phones stays on the projector (answers hidden, with
        undo; the question taken off)."""
        from workshop.room.commands import HideAllAnswers

        self.project(None)
        self.commands.push(HideAllAnswers(self.session_id))

    # -- reading ------------------------------------------------------------------------------
    async def load(self) -> None:
        try:
            data = await self.db.call(panel_data, self.session_id)
        except Exception:  # noqa: BLE001 - the panel keeps what it had
            log.exception("the room's questions could not be read")
            return
        if self._closed or not alive(self):
            return
        before = self.picture()
        self.data = data
        if self.projected_id is not None and not any(
            q["id"] == self.projected_id for q in data.questions
        ):
            self.projected_id = None
        self.data_changed.emit()
        if self.picture() != before:  # a note from a table changes no projector picture
            self.picture_changed.emit()

    def _on_changes(self, changes: Changes) -> None:
        mine = changes.for_session(self.session_id)
        if not self._wanted:
            return
        relevant = mine and any(c.entity in (Entity.ROOM, Entity.NOTE) for c in mine.items)
        if relevant and not self._reload.isActive():  # one read per interval, also under load
            self._reload.start()

    def _spawn(self, coro) -> None:
        self.ops.run(coro)

    @property
    def working(self) -> bool:
        """A read, a reload about to start, or the server starting or stopping."""
        return self.ops.busy or self._reload.isActive() or self.busy

    async def wait_idle(self) -> None:
        """Tests: until every read has landed."""
        while self.ops.busy or self._reload.isActive():
            await asyncio.sleep(0.02)

    # -- the remote -----------------------------------------------------------------------------
    def _remote_from_phone(self, action: str, text: str) -> None:
        """On the server's thread: hand the remote's button to the UI thread (queued)."""
        self.remote.emit(action, text)

    def _on_remote(self, action: str, text: str) -> None:
        live = self.live
        if action == "message":
            if self.projector is not None:
                if text:
                    self.projector.set_message(text)
                else:
                    self.projector.clear_message()
            return
        if live is None:
            return
        if action == "next":
            live.next()
        elif action == "pause":
            live.toggle()
        elif action == "extend":
            live.extend(60)

    def _timer_moved(self) -> None:
        if self.server is not None:
            self.server.refresh_timer()

    # -- life ---------------------------------------------------------------------------------
    def close(self) -> None:
        """The session window closes: stop the server (waits for its thread, at most 15 s)."""
        if self._closed:
            return
        self._closed = True
        self._phones_timer.stop()
        self._reload.stop()
        with contextlib.suppress(RuntimeError, TypeError):
            self.commands.changed.disconnect(self._on_changes)
        thread, self.server, self._thread = self._thread, None, None
        if thread is not None:
            IdleCollector.freezing_while(False)
            thread.stop()
