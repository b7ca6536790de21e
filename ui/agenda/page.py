"""The Agenda page: edit the programme in a table, see the planned times and whether the
plan fits around fixed times; templates, import and export.

Every edit is a core command pushed through `CommandService`; the table shows an edit
at once and is reloaded (off the UI thread) when the stored change is announced.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.agenda.delegates import AgendaDelegate
from ui.agenda.details_panel import ItemDetails
from ui.agenda.file_actions import TemplateAndFileActions
from ui.agenda.status_line import AgendaStatus
from ui.agenda.table_model import (
    COL_NOTES,
    COL_TITLE,
    AgendaTableModel,
)
from ui.agenda.table_view import AgendaTable
from ui.agenda.toolbar import AgendaToolbar
from ui.kit.context import PageContext
from ui.kit.ops import BackgroundOps
from ui.widgets.alive import alive
from workshop.agenda.commands import (
    AddItem,
    DuplicateItems,
    EditItem,
    RemoveItems,
    ReorderItems,
    moved_order,
)
from workshop.agenda.queries import AgendaView, load_agenda
from workshop.agenda.templates import TemplateInfo, all_templates
from workshop.changes import Entity
from workshop.commands import Changes, Command, CommandError
from workshop.i18n import _

log = logging.getLogger(__name__)

#: what the agenda shows: its items, the session's times, the template list
REFRESH_ENTITIES = (Entity.AGENDA_ITEM, Entity.SESSION, Entity.AGENDA_TEMPLATE)


class AgendaPage(TemplateAndFileActions, QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("page-agenda")
        self.ctx = ctx
        self.view: AgendaView | None = None
        self.templates: list[TemplateInfo] = []
        self.ops = BackgroundOps(self, "agenda")  # public: `ops.busy`, `ops.settled`
        self._load_lock = asyncio.Lock()
        self._requested = 0  # reload requests made
        self._loaded = 0  # requests covered by what is shown
        self._dialogs: list[QWidget] = []  # open non-modal dialogs (kept alive)
        self._held = False  # a refresh waits for the open cell editor to close

        self.model = AgendaTableModel(self)
        self.model.edit_requested.connect(self._edit)
        self.model.reorder_requested.connect(self._reorder, Qt.ConnectionType.QueuedConnection)
        self.model.invalid_input.connect(self._info)
        self.table = AgendaTable()
        self.table.setModel(self.model)
        self.table.editor_closed.connect(self._editor_closed)
        self.delegate = AgendaDelegate(self.table)
        self.delegate.edit_in_details.connect(self._edit_in_details)
        self.table.setItemDelegate(self.delegate)
        self.table.fit_columns()
        self.column_fitter = self.table.column_fitter
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.details = ItemDetails()
        self.details.edited.connect(self._edit)
        ctx.commands.about_to_undo.connect(self.flush)
        ctx.commands.failed.connect(self._on_failed)
        self.ops.failed.connect(self._warn)

        self.toolbar = toolbar = AgendaToolbar(self)
        for name in (
            "add_action",
            "duplicate_action",
            "remove_action",
            "up_action",
            "down_action",
            "paste_action",
            "add_button",
            "duplicate_button",
            "remove_button",
            "up_button",
            "down_button",
            "template_menu",
            "template_button",
            "import_button",
            "export_button",
        ):  # under the page's names: tests, the selftest and the file actions use them
            setattr(self, name, getattr(toolbar, name))
        self._update_buttons()

        self.table.setMinimumWidth(300)
        details_scroll = QScrollArea()
        details_scroll.setObjectName("agenda-details-scroll")
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setWidget(self.details)
        details_scroll.setMinimumWidth(240)
        details_scroll.setMinimumHeight(160)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("agenda-splitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(details_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self._wide: tuple[bool, bool, bool] | None = None
        self._arrange(800)

        self.status_line = AgendaStatus()
        self.times_label, self.total_label = (
            self.status_line.times_label,
            self.status_line.total_label,
        )
        self.fit_label, self.info_label = self.status_line.fit_label, self.status_line.info_label

        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_line)
        self.reload()

    # -- layout: details beside the table on a wide page, below it on a narrow one ----------
    WIDE = 1050

    def _arrange(self, width: int) -> None:
        wide = width >= self.WIDE
        columns = not wide and width >= 800  # details in two columns below the table
        one_row = width >= 880  # edit buttons and file buttons on one toolbar row
        if (wide, columns, one_row) == self._wide:
            return
        self._wide = (wide, columns, one_row)
        self.toolbar.set_one_row(one_row)
        if wide:
            self.splitter.setOrientation(Qt.Orientation.Horizontal)
            self.splitter.setSizes([max(420, width - 360), 340])
        else:
            self.splitter.setOrientation(Qt.Orientation.Vertical)
            self.splitter.setSizes([700, 260])
        self.details.set_wide(columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._arrange(event.size().width())

    # -- tasks ----------------------------------------------------------------------------------
    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task | None:
        """Run `coro` as one of this page's background ops (errors end up in `_warn`)."""
        return self.ops.run(coro)

    async def wait_idle(self) -> None:
        """Tests and the selftest: until every op of this page has ended."""
        await self.ops.wait_idle()

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> asyncio.Task | None:
        return self._spawn(self._reload())

    async def _reload(self) -> None:
        """Load the agenda and show it; concurrent requests share one load made after them."""
        self._requested += 1
        wanted = self._requested
        async with self._load_lock:
            if self._loaded >= wanted:
                return  # a load that started after this request has been shown already
            generation = self._requested
            view = await self.ctx.db.call(load_agenda, self.ctx.session_id)
            templates = await self.ctx.db.call(all_templates)
            if not alive(self):
                return  # the window was closed meanwhile
            self._loaded = generation
            self.templates = templates
            self._show(view)

    def _show(self, view: AgendaView) -> None:
        if self.table.editing():  # the facilitator is typing in a cell: keep the editor open
            if not self.model.refresh_rows(view):
                self._held = True  # items came, went or moved: shown once the editor closes
                return
            self.view = view
            self._show_status()
            self._selection_changed()
            return
        selected = self.selected_ids()
        current = self.table.currentIndex()
        current_id = (
            self.model.rows[current.row()].id
            if current.isValid() and current.row() < len(self.model.rows)
            else None
        )
        current_col = current.column() if current.isValid() else COL_TITLE
        self.view = view
        self.model.set_view(view)
        self.select_ids(selected, current_id, current_col)
        self._show_status()
        self._selection_changed()

    def _editor_closed(self) -> None:
        self.model.forget_seen()
        if self._held:
            self._held = False
            self.reload()

    def _on_failed(self, _message: str) -> None:
        self.reload()  # put the stored values back where an edit was shown but refused

    def on_changed(self, changes: Changes) -> None:
        if changes.touches_any(REFRESH_ENTITIES, self.ctx.session_id):
            self.reload()

    def flush(self) -> None:
        self.table.commit_editor()
        self.details.flush()

    # -- selection ------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].id for r in rows if r < len(self.model.rows)]

    def select_ids(
        self, ids: list[int], current_id: int | None = None, column: int = COL_TITLE
    ) -> None:
        selection = QItemSelection()
        for item_id in ids:
            row = self.model.row_of_id(item_id)
            if row >= 0:
                selection.select(
                    self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1)
                )
        sm = self.table.selectionModel()
        if current_id is None and ids:
            current_id = ids[-1]
        row = self.model.row_of_id(current_id) if current_id is not None else -1
        if row >= 0:
            sm.setCurrentIndex(
                self.model.index(row, column), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _selection_changed(self, *_args) -> None:
        ids = self.selected_ids()
        row = self.view.row(ids[-1]) if self.view and len(ids) == 1 else None
        if row is not None:
            local = self.model.rows[self.model.row_of_id(row.id)]
            row = local
        self.details.show_row(row)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = (
            bool(self.table.selectionModel().selectedRows())
            if self.table.selectionModel()
            else False
        )
        self.toolbar.set_enabled(has, bool(self.model.rows))

    # -- status ---------------------------------------------------------------------------------
    def _show_status(self) -> None:
        view = self.view
        if view is not None and view.plan is not None:
            self.status_line.show_plan(view, self.model.plan or view.plan)

    def _info(self, text: str) -> None:
        self.status_line.info(text)

    def _tell(self, title: str, message: str) -> None:
        self.status_line.tell(title, message)

    def _warn(self, message: str) -> None:
        self.status_line.warn(message)

    # -- edits ----------------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        self.ctx.commands.push(command)

    def _edit(self, item_id: int, field: str, value: Any, before: Any) -> None:
        """Store an edit made over `before` (what this screen showed): refused, and said,
        when another laptop changed that field meanwhile."""
        try:
            command = EditItem(item_id, **{field: value}).seen(**{field: before})
        except CommandError as err:
            self._info(str(err))
            self.reload()
            return
        self.push(command)
        self._show_status()

    def _reorder(self, order: list[int]) -> None:
        ids = self.selected_ids()
        self.model.apply_order(order)
        self.select_ids(ids)
        self._show_status()
        self.push(ReorderItems(self.ctx.session_id, order))

    def move_selected(self, offset: int) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self.flush()
        order = self.model.order()
        new = moved_order(order, ids, offset)
        if new == order:
            return
        current = self.table.currentIndex()
        column = current.column() if current.isValid() else COL_TITLE
        self.model.apply_order(new)
        self.select_ids(ids, ids[0] if offset < 0 else ids[-1], column)
        self._show_status()
        self.push(ReorderItems(self.ctx.session_id, new))

    def _insert_index(self) -> int:
        rows = [i.row() for i in self.table.selectionModel().selectedRows()]
        return max(rows) + 1 if rows else len(self.model.rows)

    def add_item(self) -> asyncio.Task:
        return self._spawn(self._add_item())

    async def _add_item(self) -> None:
        self.flush()
        command = AddItem(self.ctx.session_id, self._insert_index(), title=_("New item"))
        await self.ctx.commands.push_and_wait(command)
        await self._reload()
        if not alive(self):
            return
        if not command.new_ids:
            return
        self.select_ids(list(command.new_ids), command.new_ids[0], COL_TITLE)
        row = self.model.row_of_id(command.new_ids[0])
        if row >= 0:
            self.table.setFocus()
            self.table.edit(self.model.index(row, COL_TITLE))

    def duplicate_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._spawn(self._run_and_select(DuplicateItems(self.ctx.session_id, ids)))

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self.flush()
        rows = sorted(self.model.row_of_id(i) for i in ids)
        self.push(RemoveItems(self.ctx.session_id, ids))
        self._info(_("Removed; Ctrl+Z brings it back"))
        follow = min(rows[0], len(self.model.rows) - len(ids) - 1)
        remaining = [r.id for r in self.model.rows if r.id not in ids]
        if remaining and follow >= 0:
            self._spawn(self._select_after_reload([remaining[follow]]))

    async def _select_after_reload(self, ids: list[int]) -> None:
        await self.ctx.commands.wait_idle()
        await self._reload()
        if not alive(self):
            return
        self.select_ids(ids)

    async def _run_and_select(self, command: Command) -> None:
        self.flush()
        await self.ctx.commands.push_and_wait(command)
        await self._reload()
        if not alive(self):
            return
        notes = list(getattr(command, "time_notes", ()))
        if notes:  # a template's fixed times moved or dropped to fit this session
            self._tell(_("Fixed times adjusted to this session"), "\n".join(notes))
        new_ids = list(getattr(command, "new_ids", ()))
        if new_ids:
            self.select_ids(new_ids)
            self.table.scrollTo(self.model.index(self.model.row_of_id(new_ids[0]), 0))

    def _edit_in_details(self, column: int) -> None:
        self.details.focus_field("notes" if column == COL_NOTES else "materials")
