"""The agenda as a Qt table model: planned start times computed, cells edited in place.

The model never writes to the library itself: an edit becomes `edit_requested(item_id,
field, value)` and a drop `reorder_requested(order)`; the page turns those into commands.
The model shows the edit at once (and recomputes the start times) so typing feels instant;
the reload after the command lands confirms it, or puts the stored value back.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ui.kit import theme
from workshop.agenda.commands import dropped_order
from workshop.agenda.fields import MAX_MINUTES, MAX_TEXT
from workshop.agenda.importing import parse_time_cell
from workshop.agenda.kinds import kind_label
from workshop.agenda.planning import AgendaPlan, PlannedItem, plan_times
from workshop.agenda.queries import AgendaRow, AgendaView
from workshop.agenda.wording import describe_problem
from workshop.i18n import N_, _, format_clock, plural
from workshop.model.kinds import ItemKind

MIME = "application/x-workshop-agenda-items"

COL_START, COL_TITLE, COL_KIND, COL_MINUTES, COL_LEAD, COL_FIXED, COL_NOTES, COL_MATERIALS = range(
    8
)
COLUMNS = (
    (N_("Begins"), None),
    (N_("Item"), "title"),
    (N_("Kind"), "kind"),
    (N_("Min."), "planned_minutes"),
    (N_("Who"), "lead"),
    (N_("Fixed at"), "fixed_start"),
    (N_("Remarks"), "notes"),
    (N_("Materials"), "materials"),
)
FIELD_COLUMN = {name: col for col, (_label, name) in enumerate(COLUMNS) if name}

PROBLEM_RED = theme.colour("error")
BREAK_TINT = QColor(90, 130, 200, 28)
FIXED_FONT = QFont()
FIXED_FONT.setBold(True)

Ref = QModelIndex | QPersistentModelIndex


def first_line(text: str, limit: int = 120) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


class AgendaTableModel(QAbstractTableModel):
    edit_requested = Signal(int, str, object, object)  # item id, field, value, value before
    reorder_requested = Signal(list)  # all item ids in the new order
    invalid_input = Signal(str)  # a message for the status line

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.view: AgendaView | None = None
        self.rows: list[AgendaRow] = []
        self.plan: AgendaPlan | None = None
        self._problems: dict[int, list[str]] = {}
        #: the cell an editor is open on (item id, field) and the value it opened over
        self._seen: tuple[int, str, Any] | None = None

    # -- data in ------------------------------------------------------------------------------
    def set_view(self, view: AgendaView) -> None:
        self.beginResetModel()
        self.view = view
        self.rows = list(view.rows)
        self._replan()
        self.endResetModel()

    def refresh_rows(self, view: AgendaView) -> bool:
        """Show `view` in place, without a reset, so an open editor stays open with its text:
        only when it holds the same items in the same order (False, nothing done, if not)."""
        if [r.id for r in view.rows] != self.order():
            return False
        self.view = view
        self.rows = list(view.rows)
        self._replan()
        if self.rows:  # the whole table: an editor is only reloaded on a one-cell change
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )
        return True

    def hold_seen(self, index: Ref) -> None:
        """An editor opens on `index`: remember the value it opened over, the one the edit
        is made over even when another writer's value is shown under the editor meanwhile."""
        name = COLUMNS[index.column()][1]
        if name and 0 <= index.row() < len(self.rows):
            row = self.rows[index.row()]
            self._seen = (row.id, name, getattr(row, name))

    def forget_seen(self) -> None:
        self._seen = None

    def apply_order(self, order: list[int]) -> None:
        by_id = {r.id: r for r in self.rows}
        if sorted(order) != sorted(by_id):
            return
        self.beginResetModel()
        self.rows = [by_id[i] for i in order]
        self._replan()
        self.endResetModel()

    def _replan(self) -> None:
        start = self.view.start_time if self.view else None
        end = self.view.end_time if self.view else None
        self.plan = plan_times(self.rows, start, end)
        self._problems = {}
        for problem in self.plan.problems:
            if problem.index is not None:
                self._problems.setdefault(problem.index, []).append(describe_problem(problem))

    def order(self) -> list[int]:
        return [r.id for r in self.rows]

    def row_of_id(self, item_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == item_id), -1)

    def planned(self, row: int) -> PlannedItem | None:
        if self.plan is None or not 0 <= row < len(self.plan.items):
            return None
        return self.plan.items[row]

    # -- Qt model API -------------------------------------------------------------------------
    def rowCount(self, parent: Ref = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Ref = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return _(COLUMNS[section][0])
            return str(section + 1)
        return None

    def flags(self, index: Ref) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        base = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        if index.column() != COL_START:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Ref, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        planned = self.planned(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, planned, col)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, planned, index.row(), col)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col == COL_START
            and index.row() in self._problems
        ):
            return QBrush(PROBLEM_RED)
        if role == Qt.ItemDataRole.FontRole and col in (COL_START, COL_FIXED) and row.fixed_start:
            return FIXED_FONT
        if role == Qt.ItemDataRole.BackgroundRole and row.kind == ItemKind.PAUZE:
            return QBrush(BREAK_TINT)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_START, COL_MINUTES, COL_FIXED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _display(self, row: AgendaRow, planned: PlannedItem | None, col: int) -> str:
        if col == COL_START:
            if planned is None:
                return ""
            if self.plan is not None and not self.plan.clock_known:
                minutes = round((planned.start - self.plan.start).total_seconds() / 60)
                return f"+{minutes // 60}:{minutes % 60:02d}"
            mark = "⚠ " if planned.index in self._problems else ""
            return mark + format_clock(planned.start)
        if col == COL_TITLE:
            if row.steps:
                return plural(
                    len(row.steps), N_("{title}  ({n} step)"), N_("{title}  ({n} steps)")
                ).format(title=row.title, n=len(row.steps))
            return row.title
        if col == COL_KIND:
            return kind_label(row.kind)
        if col == COL_MINUTES:
            return str(row.planned_minutes)
        if col == COL_LEAD:
            return row.lead
        if col == COL_FIXED:
            return format_clock(row.fixed_start) if row.fixed_start else ""
        if col == COL_NOTES:
            return first_line(row.notes)
        return first_line(row.materials)

    def _edit_value(self, row: AgendaRow, col: int) -> Any:
        if col == COL_FIXED:
            return format_clock(row.fixed_start) if row.fixed_start else ""
        name = COLUMNS[col][1]
        return getattr(row, name) if name else None

    def _tooltip(
        self, row: AgendaRow, planned: PlannedItem | None, index: int, col: int
    ) -> str | None:
        if col == COL_START and planned is not None:
            lines = [f"{format_clock(planned.start)}–{format_clock(planned.end)}"]
            if planned.gap_before >= 0.5:
                lines.append(
                    _("{n} min waiting before this fixed start").format(n=round(planned.gap_before))
                )
            lines += self._problems.get(index, [])
            return "\n".join(lines)
        if col == COL_TITLE:  # the full title (elided in a narrow table), and its steps
            steps = [f"{s.get('minutes', 0)} min · {s.get('title', '')}" for s in row.steps]
            return "\n".join([row.title, *steps]) or None
        if col in (COL_NOTES, COL_MATERIALS):
            text = row.notes if col == COL_NOTES else row.materials
            return text[:2000] or None
        if col in (COL_KIND, COL_LEAD):
            return self._display(row, planned, col) or None
        return None

    def setData(self, index: Ref, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = index.column()
        name = COLUMNS[col][1]
        if name is None:
            return False
        row = self.rows[index.row()]
        parsed = self._parse(name, value)
        if parsed is _INVALID:
            return False
        before = getattr(row, name)
        if self._seen is not None and self._seen[:2] == (row.id, name):
            before = self._seen[2]  # what the editor opened over
            self._seen = None
        if parsed in (before, getattr(row, name)):
            return False  # nothing typed, or the value is there already
        self.rows[index.row()] = dataclasses.replace(row, **{name: parsed})
        self._replan()
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))
        self.edit_requested.emit(row.id, name, parsed, before)
        return True

    def _parse(self, name: str, value: Any) -> Any:
        if name in ("title", "lead"):
            text = " ".join(str(value or "").split())
            if name == "title" and not text:
                self.invalid_input.emit(_("An item needs a title; the old one was kept"))
                return _INVALID
            return text[:MAX_TEXT]
        if name in ("notes", "materials"):
            return str(value or "")
        if name == "kind":
            return value if value in tuple(k.value for k in ItemKind) else _INVALID
        if name == "planned_minutes":
            try:
                minutes = int(value)
            except (TypeError, ValueError):
                self.invalid_input.emit(_("Minutes must be a whole number"))
                return _INVALID
            return max(0, min(MAX_MINUTES, minutes))
        if name == "fixed_start":
            text = str(value or "").strip()
            if not text:
                return None
            parsed = parse_time_cell(text)
            if parsed is None:
                self.invalid_input.emit(_("“{text}” is not a time like 16:00").format(text=text))
                return _INVALID
            return parsed
        return _INVALID

    # -- drag and drop ------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(MIME, json.dumps([self.rows[r].id for r in rows]).encode())
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Ref
    ) -> bool:  # noqa: N802
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        try:
            ids = [int(i) for i in json.loads(bytes(data.data(MIME)).decode())]
        except (ValueError, TypeError):
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.rows)
        order = self.order()
        new = dropped_order(order, ids, row)
        if new != order:
            self.reorder_requested.emit(new)
        # False: the view must not remove the dragged rows itself; the page reorders them.
        return False


class _Invalid:
    pass


_INVALID = _Invalid()
