"""Details of the selected agenda item: notes, materials, speaking time, whether it may be
shortened, and the steps of a method (1-2-4-All, World Café rounds)."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.kit.binder import FieldBinder
from workshop.agenda.fields import MAX_MINUTES, steps_minutes
from workshop.agenda.queries import AgendaRow
from workshop.i18n import _

TYPING_PAUSE_MS = 400


class ItemDetails(QWidget):
    edited = Signal(int, str, object, object)  # item id, field, value, value shown before

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda-item-details")
        self.row: AgendaRow | None = None
        self.binder: FieldBinder[str] = FieldBinder(self, self._store, TYPING_PAUSE_MS)
        #: the stored value each field showed when the user started typing in it
        self._typed_over: dict[str, Any] = {}

        self.heading = QLabel()
        self.heading.setObjectName("details-heading")
        self.heading.setWordWrap(True)
        self.heading.setMinimumWidth(200)
        self.heading.setStyleSheet("font-weight:600;font-size:11pt;")
        self.notes = self._text("details-notes")
        self.materials = self._text("details-materials")
        self.speaking = QSpinBox()
        self.speaking.setObjectName("details-speaking")
        self.speaking.setRange(0, 120)
        self.speaking.setSpecialValueText("—")
        self.speaking.setSuffix(_(" min per speaker"))
        self.speaking.valueChanged.connect(
            lambda v: self._edited("speaking_minutes", float(v) if v else None, at_once=True)
        )
        self.flexible = QCheckBox(_("May be shortened to catch up"))
        self.flexible.setObjectName("details-flexible")
        self.flexible.toggled.connect(lambda on: self._edited("flexible", on, at_once=True))

        self.steps = QTableWidget(0, 2)
        self.steps.setObjectName("details-steps")
        self.steps.setHorizontalHeaderLabels([_("Step"), _("Min.")])
        self.steps.verticalHeader().setVisible(False)
        self.steps.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.steps.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setMinimumHeight(120)
        self.steps.itemChanged.connect(lambda _item: self._steps_edited())
        add_step = QPushButton(_("Add step"))
        add_step.setObjectName("details-add-step")
        add_step.clicked.connect(self._add_step)
        remove_step = QPushButton(_("Remove step"))
        remove_step.setObjectName("details-remove-step")
        remove_step.clicked.connect(self._remove_step)
        self.use_sum = QPushButton(_("Minutes = sum of steps"))
        self.use_sum.setObjectName("details-use-sum")
        self.use_sum.clicked.connect(self._use_sum)
        self.steps_sum = QLabel()
        self.steps_sum.setObjectName("details-steps-sum")
        self.steps_sum.setWordWrap(True)
        step_buttons = QHBoxLayout()
        for b in (add_step, remove_step):
            step_buttons.addWidget(b)
        step_buttons.addStretch(1)

        form = QFormLayout()
        form.addRow(_("Remarks"), self.notes)
        form.addRow(_("Materials"), self.materials)
        form.addRow(_("Speaking time"), self.speaking)
        form.addRow("", self.flexible)
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addLayout(form)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(QLabel(_("Steps (e.g. 1-2-4-All: alone, in pairs, in foursomes, all)")))
        right.addWidget(self.steps, 1)
        right.addLayout(step_buttons)
        right.addWidget(self.steps_sum)
        right.addWidget(self.use_sum, 0, Qt.AlignmentFlag.AlignLeft)
        self.columns = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.columns.addLayout(left, 1)
        self.columns.addLayout(right, 1)
        self.show_row(None)

    def set_wide(self, wide: bool) -> None:
        """Fields and steps side by side (below the table) or stacked (beside it)."""
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )

    def _text(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(90)
        field = "notes" if name.endswith("notes") else "materials"
        edit.textChanged.connect(lambda f=field, e=edit: self._edited(f, e.toPlainText()))
        return edit

    # -- showing ------------------------------------------------------------------------------
    def show_row(self, row: AgendaRow | None) -> None:
        if self.row is not None and (row is None or row.id != self.row.id):
            self.flush()
            self._typed_over.clear()
        self.row = row
        with self.binder.loading():
            self.setEnabled(row is not None)
            if row is None:
                self.heading.setText(_("Select an item to see its details"))
                for edit in (self.notes, self.materials):
                    edit.setPlainText("")
                self.speaking.setValue(0)
                self.flexible.setChecked(True)
                self.steps.setRowCount(0)
                self.steps_sum.setText("")
                return
            self.heading.setText(row.title)
            if not self.binder.pending("notes") and self.notes.toPlainText() != row.notes:
                self.notes.setPlainText(row.notes)
            if (
                not self.binder.pending("materials")
                and self.materials.toPlainText() != row.materials
            ):
                self.materials.setPlainText(row.materials)
            self.speaking.setValue(round(row.speaking_minutes or 0))
            self.flexible.setChecked(row.flexible)
            if list(row.steps) != self._steps_value():
                self.steps.setRowCount(len(row.steps))
                for r, step in enumerate(row.steps):
                    self.steps.setItem(r, 0, QTableWidgetItem(str(step.get("title", ""))))
                    self.steps.setItem(r, 1, QTableWidgetItem(_number(step.get("minutes", 0))))
            self._show_sum(row.planned_minutes)

    def _show_sum(self, planned: int) -> None:
        steps = self._steps_value()
        if not steps:
            self.steps_sum.setText(_("No steps: the item runs as one block."))
            self.use_sum.setEnabled(False)
            return
        total = steps_minutes(steps)
        text = _("Steps take {sum} of {planned} min").format(sum=_number(total), planned=planned)
        if abs(total - planned) > 0.01:
            text = "⚠ " + text
        self.steps_sum.setText(text)
        self.use_sum.setEnabled(abs(total - planned) > 0.01 and total <= MAX_MINUTES)

    def focus_field(self, name: str) -> None:
        {"notes": self.notes, "materials": self.materials}[name].setFocus()

    # -- editing ------------------------------------------------------------------------------
    def _edited(self, name: str, value: Any, at_once: bool = False) -> None:
        if self.row is None:
            return
        if not self.binder.pending(name):  # typing starts over what the field shows now
            self._typed_over[name] = getattr(self.row, name)
        self.binder.edited(name, value, at_once)

    def flush(self) -> None:
        self.binder.flush()

    def _store(self, pending: dict[str, Any]) -> None:
        if self.row is None:
            return  # the item is gone: nothing to store it on
        for name, value in pending.items():
            before = self._typed_over.pop(name, getattr(self.row, name))
            if before != value:
                self.row = dataclasses.replace(self.row, **{name: value})  # the new baseline
                self.edited.emit(self.row.id, name, value, before)

    def _steps_value(self) -> list[dict[str, Any]]:
        steps = []
        for r in range(self.steps.rowCount()):
            title_item, minutes_item = self.steps.item(r, 0), self.steps.item(r, 1)
            title = title_item.text().strip() if title_item else ""
            minutes = _parse_number(minutes_item.text() if minutes_item else "0")
            steps.append({"title": title, "minutes": minutes})
        return steps

    def _steps_edited(self) -> None:
        if self.binder.is_loading or self.row is None:
            return
        steps = self._steps_value()
        self._show_sum(self.row.planned_minutes)
        self._edited("steps", steps, at_once=True)

    def _add_step(self) -> None:
        if self.row is None:
            return
        r = self.steps.rowCount()
        with self.binder.loading():
            self.steps.insertRow(r)
            self.steps.setItem(r, 0, QTableWidgetItem(_("Step {n}").format(n=r + 1)))
            self.steps.setItem(r, 1, QTableWidgetItem("5"))
        self._steps_edited()
        self.steps.setCurrentCell(r, 0)
        self.steps.editItem(self.steps.item(r, 0))

    def _remove_step(self) -> None:
        rows = sorted({i.row() for i in self.steps.selectedIndexes()}, reverse=True)
        if not rows and self.steps.rowCount():
            rows = [self.steps.rowCount() - 1]
        with self.binder.loading():
            for r in rows:
                self.steps.removeRow(r)
        self._steps_edited()

    def _use_sum(self) -> None:
        if self.row is None:
            return
        total = round(steps_minutes(self._steps_value()))
        self.edited.emit(self.row.id, "planned_minutes", total, self.row.planned_minutes)


def _parse_number(text: str) -> float | int:
    try:
        value = float(text.strip().replace(",", ".") or 0)
    except ValueError:
        return 0
    value = max(0.0, min(float(MAX_MINUTES), value))
    return int(value) if value.is_integer() else value


def _number(value: Any) -> str:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return "0"
    return str(int(f)) if f.is_integer() else str(f).replace(".", ",")
