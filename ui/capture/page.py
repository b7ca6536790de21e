"""The Terugkoppeling page: queue of groups or pitches with a speaking timer, the notes of
the current group or item with an always-ready input line, photos, the actions overview and
the summaries. Every change is a core command; reads run on the DB worker."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.capture.actions_table import ActionsTable
from ui.capture.cheatsheet import CheatSheet
from ui.capture.note_details import NoteDetails
from ui.capture.note_input import NoteInput
from ui.capture.note_list import NoteList
from ui.capture.photos_panel import PhotosPanel
from ui.capture.queue_panel import QueuePanel
from ui.capture.service import CaptureService
from ui.capture.summaries import SummariesPanel
from ui.kit import theme
from ui.kit.context import PageContext
from ui.kit.reload import Reloader
from workshop.capture.commands.notes import (
    AddNote,
    AddVotes,
    DeleteNotes,
    EditNote,
    MergeNotes,
    MoveNotes,
    NoteContent,
    ReorderNotes,
    SetItemSummary,
)
from workshop.capture.commands.photos import (
    AddPhoto,
    CaptionPhoto,
    DeletePhoto,
    DescribePhoto,
    RotatePhoto,
)
from workshop.capture.commands.queue import (
    AddQueueEntry,
    EditQueueEntry,
    RemoveQueueEntry,
    ReorderQueue,
    SetHarvestItem,
)
from workshop.capture.drafts import draft_key, load_draft, save_draft
from workshop.capture.parser import ParsedNote
from workshop.capture.photos import prepare_file, rotated
from workshop.capture.queries import (
    CaptureItem,
    ReportingQueue,
    SessionCapture,
    actions,
    notes_for,
    photo_data,
    photos_for,
    reporting_queue,
    session_capture,
)
from workshop.capture.queue import QUEUE_KINDS, WHOLE_ITEM, Target
from workshop.capture.speaking import Speaker
from workshop.changes import Entity
from workshop.commands import Changes, CommandError
from workshop.i18n import _
from workshop.model import ItemKind
from workshop.sessions.commands import EditSession
from workshop.timing.engine import RunStatus

log = logging.getLogger(__name__)

DRAFT_PAUSE_MS = 300  # a draft is written this long after the last keystroke
#: Decoding and scaling photos: off the UI thread and off the DB worker (notes keep flowing).
IMAGE_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workshop-images")


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
        self.queue: ReportingQueue | None = None
        self.storage_enabled = True  # the benchmark's baseline switches storing off
        self._tasks: set[asyncio.Task] = set()
        self._draft_dirty = False
        self._stored_drafts: set[str] = set()  # keys with a non-empty draft in the library
        self._draft_key: str | None = None
        self._cheatsheet: CheatSheet | None = None
        self._actions_stale = True

        def alive() -> bool:
            return shiboken6.isValid(self)

        self.info_reload = Reloader(self._load_info, self._show_error, alive)
        self.queue_reload = Reloader(self._load_queue, self._show_error, alive)
        self.notes_reload = Reloader(self._load_notes, self._show_error, alive)
        self.photos_reload = Reloader(self._load_photos, self._show_error, alive)
        self.actions_reload = Reloader(self._load_actions, self._show_error, alive)

        self._build()
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_PAUSE_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        ctx.commands.about_to_undo.connect(self.flush)
        self.service.tick.connect(self.queue_panel.show_reading)
        self.service.speaker_changed.connect(self.queue_panel.set_speaking)
        self.setAcceptDrops(True)
        self.setEnabled(False)
        # the page follows the item running on Live (a pick here holds until the next item)
        self._live = ctx.session_services.live
        self._live_item_id: int | None = None
        if self._live is not None:
            self._live.state_changed.connect(self._follow_live)
        self.info_reload.request()

    # -- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.items = QComboBox()
        self.items.setObjectName("capture-item")
        self.items.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.items.setMinimumContentsLength(24)
        self.items.activated.connect(lambda _i: self.choose_item(self.items.currentData()))
        help_button = QPushButton(_("Cheat sheet (F1)"))
        help_button.setObjectName("capture-help")
        help_button.clicked.connect(self.show_cheat_sheet)
        self.message = QLabel()
        self.message.setObjectName("capture-message")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Agenda item")))
        top.addWidget(self.items)
        top.addWidget(self.message, 1)
        top.addWidget(help_button)

        self.queue_panel = QueuePanel()
        self.queue_panel.target_chosen.connect(self._target_chosen)
        self.queue_panel.harvest_chosen.connect(self._harvest_chosen)
        self.queue_panel.add_entry.connect(self._add_entry)
        self.queue_panel.reordered.connect(lambda ids: self._push(ReorderQueue(ids)))
        self.queue_panel.renamed.connect(
            lambda gid, name: self._push(EditQueueEntry(gid, name=name))
        )
        self.queue_panel.minutes_set.connect(
            lambda gid, m: self._push(EditQueueEntry(gid, speaking_minutes=m))
        )
        self.queue_panel.remove_entry.connect(lambda gid: self._push(RemoveQueueEntry(gid)))
        self.queue_panel.team_set.connect(
            lambda target, team: self._make(lambda: EditQueueEntry(target, group_id=team))
        )
        self.queue_panel.next_requested.connect(self.next_speaker)
        self.queue_panel.previous_requested.connect(self.previous_speaker)
        self.queue_panel.pause_requested.connect(self.service.toggle_pause)
        self.queue_panel.extend_requested.connect(self.service.extend)
        self.queue_panel.stop_requested.connect(self.service.stop)

        self.target_label = QLabel()
        self.target_label.setObjectName("capture-target")
        self.target_label.setStyleSheet("font-size:14pt;font-weight:bold;")
        self.target_label.setWordWrap(True)
        self.notes = NoteList()
        self.notes.text_edited.connect(lambda nid, text: self._push(EditNote(nid, text=text)))
        self.notes.reordered.connect(lambda ids: self._push(ReorderNotes(ids)))
        self.notes.delete_requested.connect(self.delete_selected)
        self.notes.merge_requested.connect(self.merge_selected)
        self.notes.star_requested.connect(self.star_selected)
        self.notes.vote_requested.connect(self.vote_current)
        self.notes.move_step.connect(self.move_current)
        self.notes.itemSelectionChanged.connect(self._selection_changed)
        # one row of note tools; on a narrow page (laptop + projector panel) the worded
        # ones move to a second row instead of being cut off (see `_arrange_tools`)
        self._tools_top = QHBoxLayout()
        self._tools_bottom = QHBoxLayout()
        tools = QVBoxLayout()
        tools.setSpacing(2)
        tools.addLayout(self._tools_top)
        tools.addLayout(self._tools_bottom)
        self.tool_buttons: dict[str, QPushButton] = {}
        for key, label, tip, slot in (
            ("star", "★", _("Star (Ctrl+D)"), self.star_selected),
            ("vote_up", "+●", _("One dot-vote more (+)"), lambda: self.vote_current(1)),
            ("vote_down", "−●", _("One dot-vote less (−)"), lambda: self.vote_current(-1)),
            (
                "move",
                _("Move…"),
                _("Move the chosen notes to another group or item"),
                self.move_menu,
            ),
            ("merge", _("Merge"), _("Merge the chosen notes (Ctrl+M)"), self.merge_selected),
            (
                "delete",
                _("Delete"),
                _("Delete the chosen notes (Delete; Ctrl+Z brings them back)"),
                self.delete_selected,
            ),
        ):
            button = QPushButton(label)
            button.setObjectName(f"capture-{key}")
            button.setToolTip(tip)
            button.clicked.connect(slot)
            if key in ("star", "vote_up", "vote_down"):
                button.setFixedWidth(44)
            self._tools_top.addWidget(button)
            self.tool_buttons[key] = button
        self._tools_top.addStretch(1)
        self._tools_bottom.addStretch(1)
        self._tools_split = False
        self.details = NoteDetails()
        self.details.edit.connect(lambda nid, fields: self._push(EditNote(nid, **fields)))
        self.input = NoteInput()
        self.input.submitted.connect(self.store_note)
        self.input.typed.connect(self._typed)
        middle = QWidget()
        middle.setObjectName("capture-middle")
        middle.installEventFilter(self)
        self._middle = middle
        mid = QVBoxLayout(middle)
        mid.setContentsMargins(6, 0, 6, 0)
        mid.addWidget(self.target_label)
        mid.addWidget(self.notes, 1)
        mid.addLayout(tools)
        mid.addWidget(self.details)

        self.photos = PhotosPanel()
        self.photos.add_requested.connect(self.choose_photos)
        self.photos.rotate_requested.connect(
            lambda pid, turns: self._spawn(self._rotate(pid, turns))
        )
        self.photos.caption_edited.connect(lambda pid, text: self._push(CaptionPhoto(pid, text)))
        self.photos.description_edited.connect(
            lambda pid, text: self._push(DescribePhoto(pid, text))
        )
        self.photos.delete_requested.connect(lambda pid: self._push(DeletePhoto(pid)))

        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("capture-left")
        left.addWidget(self.queue_panel)
        left.addWidget(self.photos)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 700])
        self.splitter.setChildrenCollapsible(False)

        self.actions_table = ActionsTable()
        self.actions_table.edit.connect(lambda nid, fields: self._push(EditNote(nid, **fields)))
        self.summaries = SummariesPanel()
        self.summaries.session_edited.connect(self._session_summary)
        self.summaries.item_edited.connect(self._item_summary)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("capture-tabs")
        # The note input spans the whole tab, under both columns: on a laptop beside the
        # projector panel a note line needs the width more than the columns do.
        self.capture_tab = QWidget()
        self.capture_tab.setObjectName("capture-tab")
        capture_layout = QVBoxLayout(self.capture_tab)
        capture_layout.setContentsMargins(0, 0, 0, 0)
        capture_layout.addWidget(self.splitter, 1)
        capture_layout.addWidget(self.input)
        self.tabs.addTab(self.capture_tab, _("Capture"))
        self.tabs.addTab(self.actions_table, _("Actions"))
        self.tabs.addTab(self.summaries, _("Summaries"))
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        for keys, slot in (
            ("F8", self.next_speaker),
            ("Shift+F8", self.previous_speaker),
            ("F7", self.service.toggle_pause),
            ("F1", self.show_cheat_sheet),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._selection_changed()

    # -- tasks and commands ----------------------------------------------------------
    def _spawn(self, coro) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

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
        self.message.setText(message)
        self.message.setStyleSheet(theme.style("error"))

    def _show_info(self, message: str) -> None:
        self.message.setText(message)
        self.message.setStyleSheet(theme.style("muted"))

    async def settled(self) -> None:
        """Tests and the benchmark: until every pending read, task and command has landed."""
        for _round in range(3):
            while self._tasks:
                await asyncio.gather(*list(self._tasks), return_exceptions=True)
            await self.ctx.commands.wait_idle()
            for reloader in (
                self.info_reload,
                self.queue_reload,
                self.notes_reload,
                self.photos_reload,
                self.actions_reload,
            ):
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
        labels = [
            (f"{i.position + 1}. {i.title}" + (f"  ({i.note_count})" if i.note_count else ""), i.id)
            for i in info.items
        ]
        current = [
            (self.items.itemText(n), self.items.itemData(n)) for n in range(self.items.count())
        ]
        if labels != current:
            self.items.blockSignals(True)
            self.items.clear()
            for text, item_id in labels:
                self.items.addItem(text, item_id)
            self.items.blockSignals(False)
        if first:
            self.setEnabled(True)
            self._live_item_id = self._running_item_id()
            known = {i.id for i in info.items}
            running = self._live_item_id if self._live_item_id in known else None
            self.choose_item(running or self._default_item(info))
        elif self.item_id is not None:
            self.items.setCurrentIndex(max(0, self.items.findData(self.item_id)))

    @staticmethod
    def _default_item(info: SessionCapture) -> int | None:
        for kind in (ItemKind.TERUGKOPPELING.value, ItemKind.PITCH.value):
            for item in info.items:
                if item.kind == kind:
                    return item.id
        return info.items[0].id if info.items else None

    def _running_item_id(self) -> int | None:
        """The agenda item running on Live (None before the session started)."""
        engine = getattr(self._live, "engine", None)
        if engine is None or engine.status is RunStatus.IDLE or engine.current is None:
            return None
        return engine.current.id

    def _follow_live(self) -> None:
        """Live moved to another item: notes typed from now on go to that item. A step or a
        pause is no item change, so an item picked here after the change stays picked."""
        if not shiboken6.isValid(self):
            return
        running = self._running_item_id()
        if running == self._live_item_id:
            return
        self._live_item_id = running
        if running is None or self.info is None or running == self.item_id:
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
        self.queue = queue
        self.queue_panel.show_queue(queue, self.target)
        self.service.set_queue(
            item.id,
            [
                Speaker(
                    e.target, e.label, e.effective_minutes * 60 if e.effective_minutes else None
                )
                for e in queue.entries
            ],
        )
        self.queue_panel.set_speaking(self.service.current_key)
        if not self.target.is_item and self.target not in {e.target for e in queue.entries}:
            self.set_target(None)  # the group or pitch went away (undo of an add, removed)
        self._show_target_title()

    async def _load_notes(self) -> None:
        item_id, target = self.item_id, self.target
        if item_id is None:
            return
        notes = await self.ctx.db.call(notes_for, item_id, target.group_id, target.entry_id)
        if (item_id, target) != (self.item_id, self.target):
            return
        self.notes.show_notes(notes)
        self._selection_changed()

    async def _load_photos(self) -> None:
        item_id, target = self.item_id, self.target
        if item_id is None:
            return
        photos = await self.ctx.db.call(photos_for, item_id, target.group_id, target.entry_id)
        if (item_id, target) == (self.item_id, self.target):
            self.photos.show_photos(photos)

    async def _load_actions(self) -> None:
        self.actions_table.show_actions(await self.ctx.db.call(actions, self.ctx.session_id))

    def on_changed(self, changes: Changes) -> None:
        sid = self.ctx.session_id
        if changes.touches(Entity.NOTE, sid):
            self.notes_reload.request()
            self._actions_changed()
            self.queue_reload.request()  # note counts
            self.info_reload.request()  # counts and themes
        if changes.touches_any((Entity.GROUP, Entity.MEMBERSHIP, Entity.QUEUE_ENTRY), sid):
            self.queue_reload.request()
            self._actions_changed()
        if changes.touches(Entity.ATTACHMENT, sid):
            self.photos_reload.request()
        if changes.touches_any((Entity.AGENDA_ITEM, Entity.SESSION, Entity.PARTICIPANT), sid):
            self.info_reload.request()
            self.queue_reload.request()

    def _actions_changed(self) -> None:
        """The table is read again when it is shown (not after every note typed)."""
        if self.tabs.currentWidget() is self.actions_table:
            self.actions_reload.request()
        else:
            self._actions_stale = True

    def _tab_changed(self, index: int) -> None:
        self.summaries.flush()
        if self.tabs.widget(index) is self.actions_table and self._actions_stale:
            self._actions_stale = False
            self.actions_reload.request()

    # -- target -----------------------------------------------------------------------
    def choose_item(self, item_id: int | None) -> None:
        if item_id is None:
            return
        self.item_id = item_id
        self.items.setCurrentIndex(max(0, self.items.findData(item_id)))
        item = self.current_item()
        with_queue = item is not None and item.kind in QUEUE_KINDS
        self.queue_panel.setVisible(True)
        self.queue_panel.setEnabled(True)
        self.queue = None
        self.set_target(None)
        self.queue_panel.title.setText(
            _("Speaking order") if with_queue else _("Speaking order (optional for this item)")
        )
        self.queue_reload.request()

    def _harvest_chosen(self, source_item_id: int | None) -> None:
        """The plenary item harvests the groups of `source_item_id` (None: automatic)."""
        item_id = self.item_id
        if item_id is not None:
            self._make(lambda: SetHarvestItem(item_id, source_item_id))

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
        old_key = self._draft_key
        self.target = target or WHOLE_ITEM
        self._draft_key = draft_key(
            self.ctx.session_id,
            self.item_id,
            self.target.group_id,
            entry_id=self.target.entry_id,
        )
        text = self.input.line.text()
        if old_key is not None and old_key != self._draft_key and text.strip():
            self._save_draft_now(old_key, "")  # the half-typed text moves along with the line
            self._draft_dirty = True
            self.flush_draft()
        self._show_target_title()
        self.notes.clear()
        self.details.show_note(None)
        self.notes_reload.request()
        self.photos_reload.request()
        if not text.strip():
            self._spawn(self._restore_draft(self._draft_key))
        self.input.line.setFocus()

    def _target_name(self) -> str:
        item = self.current_item()
        if item is None:
            return ""
        if not self.target.is_item and self.queue is not None:
            entry = next((e for e in self.queue.entries if e.target == self.target), None)
            if entry is not None:
                theme = f" — {entry.theme}" if entry.theme else ""
                return f"{entry.label}{theme}"
        return item.title

    def _show_target_title(self) -> None:
        item = self.current_item()
        name = self._target_name()
        where = name if self.target.is_item or item is None else f"{name}  ·  {item.title}"
        self.target_label.setText(where)
        self.input.set_placeholder(name)

    async def _restore_draft(self, key: str) -> None:
        text = await self.ctx.db.call(load_draft, key)
        if text:
            self._stored_drafts.add(key)
        if text and key == self._draft_key and not self.input.line.text():
            self.input.line.setText(text)
            self._show_info(_("Restored text that had not been stored yet."))

    # -- typing and storing -----------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self._draft_dirty = True
        self._draft_timer.start()

    def flush_draft(self) -> None:
        self._draft_timer.stop()
        if not self._draft_dirty or self._draft_key is None or not self.storage_enabled:
            self._draft_dirty = False
            return
        self._draft_dirty = False
        self._save_draft_now(self._draft_key, self.input.line.text())

    def _save_draft_now(self, key: str, text: str) -> None:
        """Queue the draft write on the DB worker (after any note stored before it).

        Clearing a draft that was never written is skipped: every write is an fsync'ed
        commit, and after each Enter it would double the disk work of storing notes."""
        if not text.strip():
            if key not in self._stored_drafts:
                return
            self._stored_drafts.discard(key)
        else:
            self._stored_drafts.add(key)
        future = self.ctx.db.submit(save_draft, key, text)
        future.add_done_callback(
            lambda f: f.exception() and log.warning("draft not saved: %s", f.exception())
        )

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
        self._draft_timer.stop()
        self._draft_dirty = False
        if not self.storage_enabled:
            return
        self._push(command)
        if self._draft_key is not None:
            self._save_draft_now(self._draft_key, "")

    def flush(self) -> None:
        """Before undo and on close: store pending summaries and the draft."""
        self.summaries.flush()
        self.flush_draft()

    # -- note tools -------------------------------------------------------------------
    def _selection_changed(self) -> None:
        chosen = self.notes.selected_notes()
        self.details.show_note(chosen[0] if len(chosen) == 1 else None)
        for key, button in self.tool_buttons.items():
            needed = 2 if key == "merge" else 1
            button.setEnabled(len(chosen) >= needed)

    def delete_selected(self) -> None:
        ids = self.notes.selected_ids()
        if ids:
            self._push(DeleteNotes(ids))

    def merge_selected(self) -> None:
        ids = self.notes.selected_ids()
        if len(ids) >= 2:
            self._make(lambda: MergeNotes(ids))
        elif ids:
            self._show_info(_("Choose two or more notes to merge (Shift or Ctrl + click)."))

    def star_selected(self) -> None:
        chosen = self.notes.selected_notes()
        if not chosen:
            return
        on = not all(n.starred for n in chosen)
        for note in chosen:
            if note.starred != on:
                self._push(EditNote(note.id, starred=on))

    def vote_current(self, step: int) -> None:
        chosen = self.notes.selected_notes()
        if len(chosen) != 1:
            return
        votes = max(0, min(999, chosen[0].votes + step))
        if votes != chosen[0].votes:  # a delta: another laptop's votes at once both count
            self._push(AddVotes(chosen[0].id, step))

    def move_current(self, step: int) -> None:
        chosen = self.notes.selected_notes()
        if len(chosen) != 1:
            return
        ids = [n.id for n in self.notes.notes()]
        row = ids.index(chosen[0].id)
        target = row + step
        if 0 <= target < len(ids):
            ids[row], ids[target] = ids[target], ids[row]
            self._push(ReorderNotes(ids))

    def move_targets(self) -> list[tuple[str, int, Target]]:
        """Where the chosen notes can go: other groups of this queue, the item, other items."""
        out: list[tuple[str, int, Target]] = []
        item = self.current_item()
        if item is None or self.info is None:
            return out
        if self.queue is not None:
            for entry in self.queue.entries:
                if entry.target != self.target:
                    out.append((entry.label, item.id, entry.target))
        if not self.target.is_item:
            out.append((_("{item} (whole item)").format(item=item.title), item.id, WHOLE_ITEM))
        for other in self.info.items:
            if other.id != item.id and other.kind != ItemKind.PAUZE.value:
                out.append((f"{other.position + 1}. {other.title}", other.id, WHOLE_ITEM))
        return out

    def move_menu(self) -> None:
        ids = self.notes.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        menu.setObjectName("capture-move-menu")
        for label, item_id, target in self.move_targets():
            action = menu.addAction(label)
            action.triggered.connect(
                lambda _c=False, i=item_id, t=target: self._push(
                    MoveNotes(ids, i, t.group_id, t.entry_id)
                )
            )
        button = self.tool_buttons["move"]
        menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    # -- queue and speaking time ------------------------------------------------------
    def _add_entry(self, name: str) -> None:
        if self.item_id is not None:
            self._make(lambda: AddQueueEntry(self.item_id, name))

    def next_speaker(self) -> None:
        if not self.queue or not self.queue.entries:
            self._show_info(
                _("There is no speaking order for this item yet: add groups on the left.")
            )
            return
        speaker = self.service.next()
        if speaker is None:
            self._show_info(_("Everyone has had the floor."))
            self.queue_panel.select_group(None)
        else:
            self._show_info("")
            self.queue_panel.select_group(speaker.key)
        self.input.line.setFocus()

    def previous_speaker(self) -> None:
        if self.queue and self.queue.entries:
            speaker = self.service.previous()
            if speaker is not None:
                self.queue_panel.select_group(speaker.key)

    # -- summaries --------------------------------------------------------------------
    def _session_summary(self, field: str, text: str) -> None:
        if self.info is not None and getattr(self.info, field) != text:
            self._make(lambda: EditSession(self.ctx.session_id, **{field: text}))

    def _item_summary(self, item_id: int, text: str) -> None:
        item = next((i for i in self.info.items if i.id == item_id), None) if self.info else None
        if item is not None and item.summary != text:
            self._make(lambda: SetItemSummary(item_id, text))

    # -- photos -----------------------------------------------------------------------
    def choose_photos(self) -> None:
        dialog = QFileDialog(self, _("Add photos"))
        dialog.setObjectName("capture-photo-dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(
            [_("Photos (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp)"), _("All files (*)")]
        )
        dialog.filesSelected.connect(self.add_photo_files)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def add_photo_files(self, paths: list[str]) -> asyncio.Task:
        return self._spawn(self._add_photos([Path(p) for p in paths]))

    async def _add_photos(self, paths: list[Path]) -> None:
        item_id, target = self.item_id, self.target
        if item_id is None:
            return
        loop = asyncio.get_running_loop()
        problems = []
        commands = self.ctx.commands  # outlives the page: a photo chosen is stored even if
        for path in paths:  # the facilitator closes the window while it is being prepared
            if shiboken6.isValid(self):
                self.photos.set_busy(_("Preparing {name}…").format(name=path.name))
            try:
                prepared = await loop.run_in_executor(IMAGE_POOL, prepare_file, path)
            except CommandError as err:
                problems.append(str(err))
                continue
            commands.push(
                AddPhoto(
                    self.ctx.session_id,
                    item_id,
                    target.group_id,
                    prepared,
                    entry_id=target.entry_id,
                )
            )
        if not shiboken6.isValid(self):
            return
        if problems:
            self.photos.set_error("\n".join(problems))
            self._show_error(problems[-1])
        else:
            self.photos.set_busy("")

    async def _rotate(self, photo_id: int, turns: int) -> None:
        loop = asyncio.get_running_loop()
        try:
            data, name = await self.ctx.db.call(photo_data, photo_id)
            turned = await loop.run_in_executor(IMAGE_POOL, rotated, data, turns, name)
        except CommandError as err:
            if shiboken6.isValid(self):
                self.photos.set_error(str(err))
            return
        self.ctx.commands.push(RotatePhoto(photo_id, turns, turned))

    def eventFilter(self, watched, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is getattr(self, "_middle", None) and event.type() == QEvent.Type.Resize:
            self._arrange_tools(event.size().width())
        return super().eventFilter(watched, event)

    def _arrange_tools(self, width: int) -> None:
        """The worded note tools on a second row when one row would not fit."""
        spacing = max(0, self._tools_top.spacing()) or 6
        widths = [
            b.maximumWidth() if b.minimumWidth() == b.maximumWidth() else b.sizeHint().width()
            for b in self.tool_buttons.values()
        ]
        needed = sum(widths) + spacing * (len(widths) - 1) + 12  # + the column's margins
        split = width < needed
        if split == self._tools_split:
            return
        self._tools_split = split
        for key in ("move", "merge", "delete"):
            button = self.tool_buttons[key]
            target = self._tools_bottom if split else self._tools_top
            target.insertWidget(target.count() - 1, button)  # before the stretch

    def event(self, event: QEvent) -> bool:
        """Photos dropped on the page (event(), not dragEnterEvent(): see note_input.py)."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)
            if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
            if paths:
                event.acceptProposedAction()
                self.drop_files(paths)
                return True
        return super().event(event)

    def drop_files(self, paths: list[str]) -> None:
        folders = [p for p in paths if Path(p).is_dir()]
        files = [p for p in paths if p not in folders]
        if folders:
            self._show_error(_("Folders cannot be added; drop the photos themselves."))
        if files:
            self.tabs.setCurrentWidget(self.capture_tab)
            self.add_photo_files(files)

    # -- help -------------------------------------------------------------------------
    def show_cheat_sheet(self) -> None:
        if self._cheatsheet is None:
            self._cheatsheet = CheatSheet(self)
        self._cheatsheet.open()
        self._cheatsheet.raise_()
