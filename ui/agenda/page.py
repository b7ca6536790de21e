"""The Agenda page: edit the programme in a table, see the planned times and whether the
plan fits around fixed times; templates, import and export.

Every edit is a core command pushed through `CommandService`; the table shows an edit
at once and is reloaded (off the UI thread) when the stored change is announced.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Coroutine
from functools import partial
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.agenda.delegates import AgendaDelegate
from ui.agenda.details_panel import ItemDetails
from ui.agenda.import_dialog import ImportPreviewDialog
from ui.agenda.table_model import (
    COL_FIXED,
    COL_KIND,
    COL_LEAD,
    COL_MINUTES,
    COL_NOTES,
    COL_START,
    COL_TITLE,
    AgendaTableModel,
)
from ui.pages.registry import PageContext
from workshop.agenda.exporting import export_csv
from workshop.agenda.importing import ImportPreview, read_agenda_file
from workshop.agenda.templates import TemplateInfo, all_templates
from workshop.agenda.wording import describe_fit, describe_total
from workshop.commands import Changes, Command, CommandError
from workshop.commands.agenda import (
    AddItem,
    ApplyTemplate,
    DeleteTemplate,
    DuplicateItems,
    EditItem,
    ImportRows,
    RemoveItems,
    ReorderItems,
    SaveTemplate,
    moved_order,
)
from workshop.i18n import _, format_clock
from workshop.services.agenda import AgendaView, load_agenda

log = logging.getLogger(__name__)


class AgendaTable(QTableView):
    """The editor table: rows move by drag and drop; whole rows are selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda-table")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropOverwriteMode(False)
        # DragDrop rather than InternalMove: the model accepts only its own rows (by MIME type)
        # and reorders them itself, and drops can be driven in tests without a drag source.
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(30)


class AgendaPage(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("page-agenda")
        self.ctx = ctx
        self.view: AgendaView | None = None
        self.templates: list[TemplateInfo] = []
        self._tasks: set[asyncio.Task] = set()
        self._load_lock = asyncio.Lock()
        self._requested = 0  # reload requests made
        self._loaded = 0  # requests covered by what is shown
        self._dialogs: list[QWidget] = []  # open non-modal dialogs (kept alive)

        self.model = AgendaTableModel(self)
        self.model.edit_requested.connect(self._edit)
        self.model.reorder_requested.connect(self._reorder, Qt.ConnectionType.QueuedConnection)
        self.model.invalid_input.connect(self._info)
        self.table = AgendaTable()
        self.table.setModel(self.model)
        self.delegate = AgendaDelegate(self.table)
        self.delegate.edit_in_details.connect(self._edit_in_details)
        self.table.setItemDelegate(self.delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        widths = {
            COL_START: 64,
            COL_TITLE: 300,
            COL_KIND: 150,
            COL_MINUTES: 52,
            COL_LEAD: 170,
            COL_FIXED: 70,
            COL_NOTES: 180,
        }
        for col, width in widths.items():
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.details = ItemDetails()
        self.details.edited.connect(self._edit)
        ctx.commands.about_to_undo.connect(self.flush)
        ctx.commands.failed.connect(self._on_failed)
        self.destroyed.connect(partial(_cancel_all, self._tasks))

        self._build_actions()
        toolbar = self._build_toolbar()

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
        self._wide: tuple[bool, bool] | None = None
        self._arrange(800)

        self.times_label = QLabel()
        self.times_label.setObjectName("agenda-times")
        self.total_label = QLabel()
        self.total_label.setObjectName("agenda-total")
        self.fit_label = QLabel()
        self.fit_label.setObjectName("agenda-fit")
        self.fit_label.setWordWrap(True)
        self.info_label = QLabel()
        self.info_label.setObjectName("agenda-info")
        self.info_label.setStyleSheet("color: palette(mid);")
        status = QVBoxLayout()
        line = QHBoxLayout()
        line.addWidget(self.times_label)
        line.addWidget(self.total_label, 1)
        line.addWidget(self.info_label)
        status.addLayout(line)
        status.addWidget(self.fit_label)

        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)
        layout.addLayout(status)
        self.reload()

    # -- building -------------------------------------------------------------------------------
    def _action(
        self, text: str, keys: list[str], slot, name: str, on_table: bool = False
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        if on_table:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.table.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        if keys:
            action.setToolTip(
                f"{text} ({QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action(
            _("Add item"), ["Ctrl+Return", "Insert"], self.add_item, "agenda-add"
        )
        self.duplicate_action = self._action(
            _("Duplicate"), ["Ctrl+D"], self.duplicate_selected, "agenda-duplicate"
        )
        self.remove_action = self._action(
            _("Remove item"), ["Delete"], self.remove_selected, "agenda-remove", on_table=True
        )
        self.up_action = self._action(
            _("Move up"), ["Ctrl+Up"], lambda: self.move_selected(-1), "agenda-up", on_table=True
        )
        self.down_action = self._action(
            _("Move down"),
            ["Ctrl+Down"],
            lambda: self.move_selected(1),
            "agenda-down",
            on_table=True,
        )

    def _button(self, action: QAction, name: str) -> QPushButton:
        button = QPushButton(action.text())
        button.setObjectName(name)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        return button

    def _build_toolbar(self) -> QBoxLayout:
        bar = QHBoxLayout()
        self.add_button = self._button(self.add_action, "agenda-add-button")
        self.duplicate_button = self._button(self.duplicate_action, "agenda-duplicate-button")
        self.remove_button = self._button(self.remove_action, "agenda-remove-button")
        self.up_button = self._button(self.up_action, "agenda-up-button")
        self.up_button.setText("↑")
        self.down_button = self._button(self.down_action, "agenda-down-button")
        self.down_button.setText("↓")
        for b in (self.up_button, self.down_button):
            b.setFixedWidth(40)
        for b in (
            self.add_button,
            self.duplicate_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            bar.addWidget(b)
        bar.addStretch(1)
        self.template_menu = QMenu(self)
        self.template_menu.setObjectName("agenda-template-menu")
        self.template_menu.aboutToShow.connect(self._fill_template_menu)
        self.template_button = QToolButton()
        self.template_button.setObjectName("agenda-templates-button")
        self.template_button.setText(_("Templates"))
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.template_button.setMenu(self.template_menu)
        self.import_button = QPushButton(_("Import…"))
        self.import_button.setObjectName("agenda-import-button")
        self.import_button.setToolTip(_("Add an agenda from a CSV or Excel file"))
        self.import_button.clicked.connect(self.choose_import_file)
        self.export_button = QPushButton(_("Export CSV…"))
        self.export_button.setObjectName("agenda-export-button")
        self.export_button.clicked.connect(self.choose_export_file)
        files = QHBoxLayout()
        files.addStretch(1)  # right-aligned, also when they wrap under the edit buttons
        for w in (self.template_button, self.import_button, self.export_button):
            files.addWidget(w)
        self.toolbar = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.toolbar.addLayout(bar, 1)
        self.toolbar.addLayout(files)
        self._update_buttons()
        return self.toolbar

    # -- layout: details beside the table on a wide page, below it on a narrow one ----------
    WIDE = 1050

    def _arrange(self, width: int) -> None:
        wide = width >= self.WIDE
        columns = not wide and width >= 800  # details in two columns below the table
        if (wide, columns) == self._wide:
            return
        self._wide = (wide, columns)
        if wide:
            self.splitter.setOrientation(Qt.Orientation.Horizontal)
            self.toolbar.setDirection(QBoxLayout.Direction.LeftToRight)
            self.splitter.setSizes([max(420, width - 360), 340])
            self.table.setColumnWidth(COL_TITLE, 300)
        else:
            self.splitter.setOrientation(Qt.Orientation.Vertical)
            self.toolbar.setDirection(QBoxLayout.Direction.TopToBottom)
            self.splitter.setSizes([700, 260])
            self.table.setColumnWidth(COL_TITLE, 240 if width < 800 else 300)
        self.details.set_wide(columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._arrange(event.size().width())

    # -- tasks ----------------------------------------------------------------------------------
    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            return
        if not shiboken6.isValid(self):  # the window closed while the task ran
            log.debug("agenda task ended after its page closed: %s", error)
            return
        if isinstance(error, CommandError):
            self._warn(str(error))
        else:
            log.error("agenda page task failed", exc_info=error)
            self._warn(_("Something went wrong: {error}").format(error=error))

    async def wait_idle(self) -> None:
        """Tests and the selftest: until every task of this page has finished."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> asyncio.Task:
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
            if not shiboken6.isValid(self):
                return  # the window was closed meanwhile
            self._loaded = generation
            self.templates = templates
            self._show(view)

    def _show(self, view: AgendaView) -> None:
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

    def _on_failed(self, _message: str) -> None:
        self.reload()  # put the stored values back where an edit was shown but refused

    def on_changed(self, changes: Changes) -> None:
        for change in changes:
            if change.entity == "agenda_item" and change.session_id == self.ctx.session_id:
                self.reload()
                return
            if change.entity == "session" and self.ctx.session_id in change.ids:
                self.reload()
                return
            if change.entity == "agenda_template":
                self.reload()
                return

    def flush(self) -> None:
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
        for action in (self.duplicate_action, self.remove_action, self.up_action, self.down_action):
            action.setEnabled(has)
        for button in (self.duplicate_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(has)
        self.export_button.setEnabled(bool(self.model.rows))

    # -- status ---------------------------------------------------------------------------------
    def _show_status(self) -> None:
        view = self.view
        if view is None or view.plan is None:
            return
        if view.start_time and view.end_time:
            times = _("Session {start}–{end}").format(
                start=format_clock(view.start_time), end=format_clock(view.end_time)
            )
        elif view.start_time:
            times = _("Session from {start}").format(start=format_clock(view.start_time))
        else:
            times = _("Set the start and end time under Details")
        self.times_label.setText(times + " ·")
        plan = self.model.plan or view.plan
        self.total_label.setText(describe_total(plan))
        fit = describe_fit(plan)
        self.fit_label.setText(fit)
        self.fit_label.setVisible(bool(fit))
        self.fit_label.setStyleSheet("color:#b3261e;font-weight:600;" if fit else "")

    def _info(self, text: str) -> None:
        self.info_label.setText(text)

    def _warn(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Agenda"), message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- edits ----------------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        self.ctx.commands.push(command)

    def _edit(self, item_id: int, field: str, value: Any) -> None:
        try:
            command = EditItem(item_id, **{field: value})
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
        if not shiboken6.isValid(self):
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
        if not shiboken6.isValid(self):
            return
        self.select_ids(ids)

    async def _run_and_select(self, command: Command) -> None:
        self.flush()
        await self.ctx.commands.push_and_wait(command)
        await self._reload()
        if not shiboken6.isValid(self):
            return
        new_ids = list(getattr(command, "new_ids", ()))
        if new_ids:
            self.select_ids(new_ids)
            self.table.scrollTo(self.model.index(self.model.row_of_id(new_ids[0]), 0))

    def _edit_in_details(self, column: int) -> None:
        self.details.focus_field("notes" if column == COL_NOTES else "materials")

    # -- templates ------------------------------------------------------------------------------
    def _fill_template_menu(self) -> None:
        menu = self.template_menu
        menu.clear()
        programmes = [t for t in self.templates if not t.method and t.builtin]
        methods = [t for t in self.templates if t.method]
        own = [t for t in self.templates if not t.builtin]
        menu.addSection(_("Programmes"))
        for t in programmes + own:
            action = menu.addAction(
                _("{name} ({minutes} min)").format(name=t.name, minutes=t.total_minutes)
            )
            action.setToolTip(t.description)
            action.triggered.connect(lambda _c=False, t=t: self.apply_template(t))
        menu.addSection(_("Methods (inserted below the selection)"))
        for t in methods:
            action = menu.addAction(
                _("{name} ({minutes} min)").format(name=t.name, minutes=t.total_minutes)
            )
            action.setToolTip(t.description)
            action.triggered.connect(lambda _c=False, t=t: self.apply_template(t))
        menu.addSeparator()
        save = menu.addAction(_("Save this agenda as a template…"))
        save.setEnabled(bool(self.model.rows))
        save.triggered.connect(self.ask_template_name)
        if own:
            delete_menu = menu.addMenu(_("Delete one of my templates"))
            for t in own:
                action = delete_menu.addAction(t.name)
                action.triggered.connect(
                    lambda _c=False, t=t: self.push(DeleteTemplate(t.template_id))
                )
        menu.setToolTipsVisible(True)

    def apply_template(self, template: TemplateInfo, replace: bool | None = None) -> None:
        """Methods go below the selection; programmes replace or follow the agenda (asked)."""
        try:
            values = template.item_values()
        except CommandError as err:
            self._warn(str(err))
            return
        times = (template.start_time, template.end_time)
        if template.method:
            command = ApplyTemplate(
                self.ctx.session_id, values, template.name, index=self._insert_index()
            )
            self._spawn(self._run_and_select(command))
            return
        if replace is None and self.model.rows:
            self._ask_replace(template)
            return
        command = ApplyTemplate(
            self.ctx.session_id, values, template.name, replace=bool(replace), times=times
        )
        self._spawn(self._run_and_select(command))

    def _ask_replace(self, template: TemplateInfo) -> None:
        box = QMessageBox(self)
        box.setObjectName("agenda-template-replace")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Apply template"))
        box.setText(
            _("The agenda already has {n} items. What should “{name}” do?").format(
                n=len(self.model.rows), name=template.name
            )
        )
        box.setInformativeText(_("You can undo this with Ctrl+Z."))
        replace = box.addButton(_("Replace the agenda"), QMessageBox.ButtonRole.AcceptRole)
        append = box.addButton(_("Add at the end"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button) -> None:
            if button is replace:
                self.apply_template(template, replace=True)
            elif button is append:
                self.apply_template(template, replace=False)

        box.buttonClicked.connect(chosen)
        box.open()
        self._replace_box = box

    def ask_template_name(self) -> None:
        dialog = QInputDialog(self)
        dialog.setObjectName("agenda-template-name")
        dialog.setWindowTitle(_("Save as template"))
        dialog.setLabelText(_("Name of the template:"))
        title = self.view.session_title if self.view else ""
        dialog.setTextValue(title)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self.save_as_template)
        dialog.open()
        self._name_dialog = dialog

    def save_as_template(self, name: str) -> None:
        rows = [r.values() for r in self.model.rows]
        try:
            command = SaveTemplate(name, rows)
        except CommandError as err:
            self._warn(str(err))
            return
        self.push(command)
        self._info(_("Saved as template “{name}”").format(name=" ".join(name.split())))

    # -- import ---------------------------------------------------------------------------------
    def choose_import_file(self) -> None:
        dialog = QFileDialog(self, _("Import agenda"))
        dialog.setObjectName("agenda-import-file")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([_("Agenda (*.csv *.xlsx *.xlsm *.txt)"), _("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.import_file(path))
        dialog.open()
        self._file_dialog = dialog

    def import_file(self, path: str | Path) -> asyncio.Task:
        return self._spawn(self._import_file(Path(path)))

    async def _import_file(self, path: Path) -> None:
        try:
            preview: ImportPreview = await self.ctx.db.call(lambda _lib: read_agenda_file(path))
        except CommandError as err:
            if shiboken6.isValid(self):
                self._warn(str(err))
            return
        if not shiboken6.isValid(self):
            return
        dialog = ImportPreviewDialog(preview, bool(self.model.rows), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda d=dialog: self._import_chosen(d))
        dialog.finished.connect(
            lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None
        )
        self._dialogs.append(dialog)
        self.import_dialog = dialog
        dialog.open()

    def _import_chosen(self, dialog: ImportPreviewDialog) -> None:
        values = dialog.values()
        if not values:
            return
        command = ImportRows(self.ctx.session_id, values, replace=dialog.replace.isChecked())
        self._spawn(self._run_and_select(command))
        self._info(_("{n} items imported").format(n=len(values)))

    # -- export ---------------------------------------------------------------------------------
    def choose_export_file(self) -> None:
        title = self.view.session_title if self.view else ""
        name = re.sub(r"[^\w\- ]+", "", title).strip() or _("agenda")
        dialog = QFileDialog(self, _("Export agenda as CSV"))
        dialog.setObjectName("agenda-export-file")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(_("CSV for Excel (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"{name} - {_('agenda')}.csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(path))
        dialog.open()
        self._file_dialog = dialog

    def export_to(self, path: str | Path) -> asyncio.Task:
        return self._spawn(self._export(Path(path)))

    async def _export(self, path: Path) -> None:
        self.flush()
        await self.ctx.commands.wait_idle()
        session_id = self.ctx.session_id
        try:
            written = await self.ctx.db.call(
                lambda lib: export_csv(load_agenda(lib, session_id), path)
            )
        except OSError as err:
            self._warn(_("The agenda could not be written: {error}").format(error=err))
            return
        self._info(_("Exported to {path}").format(path=written))


def _cancel_all(tasks: set[asyncio.Task], *_args) -> None:
    """The page is gone: its pending loads have nowhere to show their result."""
    for task in list(tasks):
        task.cancel()
