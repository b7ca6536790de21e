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
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
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
from ui.agenda.file_actions import TemplateAndFileActions
from ui.agenda.table_model import (
    COL_FIXED,
    COL_KIND,
    COL_LEAD,
    COL_MATERIALS,
    COL_MINUTES,
    COL_NOTES,
    COL_START,
    COL_TITLE,
    AgendaTableModel,
)
from ui.kit import theme
from ui.kit.context import PageContext
from ui.kit.ops import BackgroundOps
from ui.widgets.alive import alive
from ui.widgets.fit_columns import ColumnFitter
from workshop.agenda.commands import (
    AddItem,
    DuplicateItems,
    EditItem,
    RemoveItems,
    ReorderItems,
    moved_order,
)
from workshop.agenda.planning import ProblemKind
from workshop.agenda.queries import AgendaView, load_agenda
from workshop.agenda.templates import TemplateInfo, all_templates
from workshop.agenda.wording import describe_fit, describe_total
from workshop.changes import Entity
from workshop.commands import Changes, Command, CommandError
from workshop.i18n import _, format_clock

log = logging.getLogger(__name__)

#: what the agenda shows: its items, the session's times, the template list
REFRESH_ENTITIES = (Entity.AGENDA_ITEM, Entity.SESSION, Entity.AGENDA_TEMPLATE)


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
        # fit the columns to the table: the title takes the rest (elided, full text as
        # tooltip); remarks and materials (also in the details below) go first when narrow
        self.column_fitter = ColumnFitter(
            self.table,
            stretch=COL_TITLE,
            caps={COL_KIND: 170, COL_LEAD: 170, COL_NOTES: 180, COL_MATERIALS: 160},
            hide_order=(COL_MATERIALS, COL_NOTES, COL_LEAD, COL_FIXED, COL_KIND),
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.details = ItemDetails()
        self.details.edited.connect(self._edit)
        ctx.commands.about_to_undo.connect(self.flush)
        ctx.commands.failed.connect(self._on_failed)
        self.ops.failed.connect(self._warn)

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
        self._wide: tuple[bool, bool, bool] | None = None
        self._arrange(800)

        self.times_label = QLabel()
        self.times_label.setObjectName("agenda-times")
        self.total_label = QLabel()
        self.total_label.setObjectName("agenda-total")
        self.total_label.setWordWrap(True)  # a narrow window wraps it instead of cutting it
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
        self.paste_action = self._action(
            _("Paste rows"), ["Ctrl+V"], self.paste_rows, "agenda-paste", on_table=True
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
        self.up_button.setAccessibleName(self.up_action.text())
        self.down_button = self._button(self.down_action, "agenda-down-button")
        self.down_button.setText("↓")
        self.down_button.setAccessibleName(self.down_action.text())
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
        self.import_button.setToolTip(
            _("Add an agenda from a CSV or Excel file (or paste rows from Excel with Ctrl+V)")
        )
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
        one_row = width >= 880  # edit buttons and file buttons on one toolbar row
        if (wide, columns, one_row) == self._wide:
            return
        self._wide = (wide, columns, one_row)
        self.toolbar.setDirection(
            QBoxLayout.Direction.LeftToRight if one_row else QBoxLayout.Direction.TopToBottom
        )
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
        if changes.touches_any(REFRESH_ENTITIES, self.ctx.session_id):
            self.reload()

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
        plan = self.model.plan or view.plan
        overlaps = any(p.kind is ProblemKind.BEFORE_FIXED for p in plan.problems)
        if view.start_time and plan.items and not overlaps:  # with overlaps the end misleads
            times += " · " + _("planned end {time}").format(time=format_clock(plan.end))
        self.times_label.setText(times + " ·")
        self.total_label.setText(describe_total(plan))
        fit = describe_fit(plan)
        self.fit_label.setText(fit)
        self.fit_label.setVisible(bool(fit))
        self.fit_label.setStyleSheet(theme.style("error", bold=True) if fit else "")

    def _info(self, text: str) -> None:
        self.info_label.setText(text)

    def _tell(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, _("Agenda"), title, parent=self)
        box.setObjectName("agenda-times-adjusted")
        box.setInformativeText(message)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)  # news, not a question: Ctrl+Z works
        box.show()
        self._info(title)

    def _warn(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Agenda"), message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

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
