"""The Terugkoppeling page: queue of groups or pitches with a speaking timer, the notes of
the current group or item with an always-ready input line, photos, the actions overview and
the summaries. Every change is a core command; reads run on the DB worker."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.capture.actions_overview import ActionsOverview
from ui.capture.actions_table import ActionsTable
from ui.capture.capture_tabs import CaptureTabs
from ui.capture.cheatsheet import CheatSheet
from ui.capture.draft_keeper import DraftKeeper
from ui.capture.item_bar import ItemBar
from ui.capture.live_follow import LiveFollower
from ui.capture.note_actions import NoteActions
from ui.capture.note_column import NoteColumn
from ui.capture.note_input import NoteInput
from ui.capture.photo_actions import PhotoActions
from ui.capture.photos_panel import PhotosPanel
from ui.capture.queue_panel import QueuePanel
from ui.capture.reloads import CaptureReloads
from ui.capture.service import CaptureService
from ui.capture.speaking_order import SpeakingOrder
from ui.capture.summaries import SummariesPanel
from ui.capture.targets import MoveTarget, default_item, item_labels, move_targets, target_name
from ui.kit.context import PageContext
from ui.kit.ops import BackgroundOps
from ui.widgets.alive import alive
from workshop.capture.commands.notes import (
    AddNote,
    NoteContent,
    SetItemSummary,
)
from workshop.capture.drafts import draft_key
from workshop.capture.parser import ParsedNote
from workshop.capture.queries import (
    CaptureItem,
    ReportingQueue,
    SessionCapture,
    notes_for,
    photos_for,
    reporting_queue,
    session_capture,
)
from workshop.capture.queue import QUEUE_KINDS, WHOLE_ITEM, Target
from workshop.commands import Changes, CommandError
from workshop.i18n import _
from workshop.sessions.commands import EditSession


class CapturePage(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("page-capture")
        self.ctx = ctx
        service = ctx.session_services.capture
        self.service: CaptureService = (
            service if service is not None else CaptureService(ctx.clock, self)
        )
        self.info: SessionCapture | None = None
        self.item_id: int | None = None
        self.target: Target = WHOLE_ITEM  # a breakout group, a pitch, or the item itself
        self.storage_enabled = True  # the benchmark's baseline switches storing off
        self.ops = BackgroundOps(self, "capture")
        self.ops.failed.connect(self._show_error)
        self._cheatsheet: CheatSheet | None = None

        self.reloads = CaptureReloads(
            (self._load_info, self._load_queue, self._load_notes, self._load_photos),
            self._show_error,
            lambda: alive(self),
        )
        self.info_reload, self.queue_reload = self.reloads.info, self.reloads.queue
        self.notes_reload, self.photos_reload = self.reloads.notes, self.reloads.photos
        self._reloaders = self.reloads.all

        self._build()
        self.drafts = DraftKeeper(ctx.db, self.input.line, lambda: self.storage_enabled, self)
        ctx.commands.about_to_undo.connect(self.flush)
        self.setAcceptDrops(True)
        self.setEnabled(False)
        self.live = LiveFollower(ctx.session_services.live, self._live_moved, self)
        self.info_reload.request()

    # -- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.bar = ItemBar()
        self.bar.item_chosen.connect(self.choose_item)
        self.bar.help_requested.connect(self.show_cheat_sheet)
        self.items, self.message = self.bar.items, self.bar.message

        self.queue_panel = QueuePanel()
        self.queue_panel.target_chosen.connect(self._target_chosen)
        self.queue_panel.next_requested.connect(self.next_speaker)
        self.speaking = SpeakingOrder(
            self.queue_panel,
            self.service,
            lambda: self.item_id,
            self._push,
            self._make,
            self._show_info,
            self,
        )

        self.column = NoteColumn()
        self.target_label, self.notes = self.column.target_label, self.column.notes
        self.note_tools, self.details = self.column.tools, self.column.details
        self.tool_buttons = self.note_tools.buttons
        self.notes.itemSelectionChanged.connect(self.column.show_selection)
        self.note_actions = NoteActions(
            self.column,
            self._push,
            self._make,
            self._show_info,
            self.move_targets,
            self,
        )
        self.input = NoteInput()
        self.input.submitted.connect(self.store_note)
        self.input.typed.connect(lambda _text: self.drafts.typed())
        self.photos = PhotosPanel()
        self.photo_actions = PhotoActions(
            self.ctx,
            self.photos,
            self.ops,
            lambda: (self.item_id, self.target),
            self._show_error,
            lambda: self.tabs.show_capture(),
            self,
        )

        self.actions_table = ActionsTable()
        self.actions = ActionsOverview(
            self.ctx,
            self.actions_table,
            lambda: self.tabs.currentWidget() is self.actions_table,
            self._show_error,
            self,
        )
        self.actions_reload = self.actions.reload
        self.summaries = SummariesPanel()
        sid = self.ctx.session_id
        self.summaries.session_edited.connect(
            lambda field, text: self._make(lambda: EditSession(sid, **{field: text}))
        )
        self.summaries.item_edited.connect(
            lambda item_id, text: self._make(lambda: SetItemSummary(item_id, text))
        )

        self.tabs = CaptureTabs(
            self.queue_panel,
            self.photos,
            self.column,
            self.input,
            self.actions_table,
            self.summaries,
        )
        self.splitter, self.capture_tab = self.tabs.splitter, self.tabs.capture_tab
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)

        for keys, slot in (
            ("F8", self.next_speaker),
            ("Shift+F8", self.speaking.previous_speaker),
            ("F7", self.service.toggle_pause),
            ("F1", self.show_cheat_sheet),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.column.show_selection()

    # -- tasks and commands ----------------------------------------------------------
    def _push(self, command) -> None:
        self.ctx.commands.push(command)

    def _make(self, factory) -> None:
        """Build a command (it may refuse bad input with a message) and push it."""
        try:
            command = factory()
        except CommandError as err:
            self._show_error(str(err))
            return
        self._push(command)

    def _show_error(self, message: str) -> None:
        self.bar.show_error(message)

    def _show_info(self, message: str) -> None:
        self.bar.show_info(message)

    async def settled(self) -> None:
        """Tests and the benchmark: until every pending read, task and command has landed."""
        for _round in range(3):
            await self.ops.wait_idle()
            await self.ctx.commands.wait_idle()
            for reloader in (*self._reloaders, self.actions_reload):
                await reloader.wait()
            await asyncio.sleep(0)

    # -- loading ----------------------------------------------------------------------
    async def _load_info(self) -> None:
        info = await self.ctx.db.call(session_capture, self.ctx.session_id)
        previous, self.info = self.info, info
        first = previous is None
        self.input.session_date = info.session_date
        self.details.session_date = info.session_date
        self.details.set_people(info.people)
        self.actions_table.session_date = info.session_date
        if first or previous.themes != info.themes:
            self.details.set_themes(info.themes)
        if first or previous != info:
            self.summaries.show_info(info)
        self.bar.show_items(item_labels(info))
        if first:
            self.setEnabled(True)
            running = self.live.start({i.id for i in info.items})
            self.choose_item(running or default_item(info))
        elif self.item_id is not None:
            self.bar.select(self.item_id)

    def _live_moved(self, running: int) -> None:
        """Live started another item: notes typed from now on go to it."""
        if self.info is None or running == self.item_id:
            return
        if any(i.id == running for i in self.info.items):
            self.choose_item(running)

    def current_item(self) -> CaptureItem | None:
        if self.info is None:
            return None
        return next((i for i in self.info.items if i.id == self.item_id), None)

    async def _load_queue(self) -> None:
        item = self.current_item()
        if item is None:
            return
        queue = await self.ctx.db.call(reporting_queue, item.id)
        if item.id != self.item_id:
            return
        self.speaking.show(item.id, queue, self.target)
        if not self.target.is_item and self.target not in {e.target for e in queue.entries}:
            self.set_target(None)  # the group or pitch went away (undo of an add, removed)
        self._show_target_title()

    async def _read_for_target(self, query):
        """`query(item, group, entry)` for the chosen target; None once it changed."""
        item_id, target = self.item_id, self.target
        if item_id is None:
            return None
        rows = await self.ctx.db.call(query, item_id, target.group_id, target.entry_id)
        return rows if (item_id, target) == (self.item_id, self.target) else None

    async def _load_notes(self) -> None:
        notes = await self._read_for_target(notes_for)
        if notes is not None:
            self.notes.show_notes(notes)
            self.column.show_selection()

    async def _load_photos(self) -> None:
        photos = await self._read_for_target(photos_for)
        if photos is not None:
            self.photos.show_photos(photos)

    def on_changed(self, changes: Changes) -> None:
        self.reloads.on_changed(changes, self.ctx.session_id, self.actions.changed)

    def _tab_changed(self, index: int) -> None:
        self.summaries.flush()
        if self.tabs.widget(index) is self.actions_table:
            self.actions.tab_shown()

    # -- target -----------------------------------------------------------------------
    def choose_item(self, item_id: int | None) -> None:
        if item_id is None:
            return
        self.item_id = item_id
        self.bar.select(item_id)
        item = self.current_item()
        with_queue = item is not None and item.kind in QUEUE_KINDS
        self.speaking.item_chosen(with_queue)
        self.set_target(None)
        self.queue_reload.request()

    @property
    def queue(self) -> ReportingQueue | None:
        """The speaking order of the chosen item (None until read)."""
        return self.speaking.queue

    @property
    def group_id(self) -> int | None:
        """The breakout group the input line points at (None: a pitch or the item)."""
        return self.target.group_id

    @property
    def entry_id(self) -> int | None:
        """The typed queue entry (a pitch) the input line points at."""
        return self.target.entry_id

    def _target_chosen(self, target: Target | None) -> None:
        if (target or WHOLE_ITEM) != self.target:
            self.set_target(target)

    def set_target(self, target: Target | None) -> None:
        """Point the input line, the notes and the photos at a group or pitch (None: the
        item)."""
        self.target = target or WHOLE_ITEM
        key = draft_key(
            self.ctx.session_id, self.item_id, self.target.group_id, entry_id=self.target.entry_id
        )
        self.drafts.move_to(key)
        self._show_target_title()
        self.notes.clear()
        self.details.show_note(None)
        self.notes_reload.request()
        self.photos_reload.request()
        if not self.input.line.text().strip():
            self.ops.run(self.drafts.restore(key), success=self._restored)
        self.input.line.setFocus()

    def _show_target_title(self) -> None:
        item = self.current_item()
        name = target_name(item, self.queue, self.target)
        where = name if self.target.is_item or item is None else f"{name}  ·  {item.title}"
        self.target_label.setText(where)
        self.input.set_placeholder(name)

    def _restored(self, restored: bool) -> None:
        if restored:
            self._show_info(_("Restored text that had not been stored yet."))

    # -- typing and storing -----------------------------------------------------------
    def flush_draft(self) -> None:
        self.drafts.flush()

    def store_note(self, parsed: ParsedNote) -> None:
        """Enter: the note goes to the worker at once; the line is ready for the next one."""
        if self.item_id is None:
            self._show_error(_("Choose an agenda item first."))
            return
        try:
            command = AddNote(
                self.ctx.session_id,
                self.item_id,
                self.target.group_id,
                NoteContent.from_parsed(parsed),
                entry_id=self.target.entry_id,
            )
        except CommandError as err:
            self._show_error(str(err))
            return
        self.input.clear()
        self.drafts.note_stored()
        if self.storage_enabled:
            self._push(command)

    def flush(self) -> None:
        """Before undo and on close: store pending summaries and the draft."""
        self.summaries.flush()
        self.flush_draft()

    # -- note tools -------------------------------------------------------------------
    def move_targets(self) -> list[MoveTarget]:
        """Where the chosen notes can go: other groups of this queue, the item, other items."""
        return move_targets(self.info, self.current_item(), self.queue, self.target)

    # -- speaking time ----------------------------------------------------------------
    def next_speaker(self) -> None:
        self.speaking.next_speaker()
        if self.queue and self.queue.entries:
            self.input.line.setFocus()

    # -- photos -----------------------------------------------------------------------
    def add_photo_files(self, paths: list[str]) -> asyncio.Task | None:
        return self.photo_actions.add_files(paths)

    def event(self, event: QEvent) -> bool:
        """Photos dropped on the page (event(), not dragEnterEvent(): see note_input.py)."""
        photos = getattr(self, "photo_actions", None)  # events come while building, too
        return (photos is not None and photos.drop_event(event)) or super().event(event)

    def drop_files(self, paths: list[str]) -> None:
        self.photo_actions.drop_files(paths)

    # -- help -------------------------------------------------------------------------
    def show_cheat_sheet(self) -> None:
        if self._cheatsheet is None:
            self._cheatsheet = CheatSheet(self)
        self._cheatsheet.open()
        self._cheatsheet.raise_()
