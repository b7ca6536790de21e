"""The reporting queue: groups or pitches in speaking order, their speaking time, the total
against the item's planned time, and the countdown of whoever has the floor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.capture.queue_list import ENTRY_ROLE, QueueList
from ui.capture.speaking_clock import SpeakingClock
from ui.kit import theme
from workshop.capture.queries import QueueEntry, ReportingQueue
from workshop.capture.queue import Target
from workshop.i18n import N_, _, plural
from workshop.timing.reading import TimerReading

GENERAL = -1  # the row for notes of the item as a whole


def minutes_text(minutes: float | None) -> str:
    if minutes is None:
        return ""
    whole = int(minutes)
    return f"{whole} min" if minutes == whole else f"{minutes:g} min"


class QueuePanel(QWidget):
    """Emits the user's wishes; the page turns them into commands and timer steps."""

    target_chosen = Signal(object)  # a Target, or None for the item as a whole
    harvest_chosen = Signal(object)  # the breakout item whose groups report here, or None
    add_entry = Signal(str)
    reordered = Signal(list)
    renamed = Signal(object, str)  # Target, name
    minutes_set = Signal(object, object)  # Target, minutes or None (item default)
    remove_entry = Signal(object)  # Target of a typed pitch
    team_set = Signal(object, object)  # Target of a typed pitch, breakout group id or None
    next_requested = Signal()
    previous_requested = Signal()
    pause_requested = Signal()
    extend_requested = Signal(float)
    stop_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("capture-queue-panel")
        self.queue: ReportingQueue | None = None
        self.speaking_id: Target | None = None
        self._loading = False

        self.title = QLabel(_("Speaking order"))
        self.title.setStyleSheet("font-weight:bold;")
        self.harvest_label = QLabel(_("Groups of"))
        self.harvest = QComboBox()
        self.harvest.setObjectName("capture-harvest")
        self.harvest.setToolTip(
            _("Which earlier item's groups report back on this item; chosen once, stored")
        )
        self.harvest.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.harvest.setMinimumContentsLength(12)
        self.harvest.activated.connect(self._harvest_activated)
        self.harvest.currentIndexChanged.connect(self._harvest_tooltip)
        self.harvest_label.setBuddy(self.harvest)
        harvest_row = QHBoxLayout()
        harvest_row.addWidget(self.harvest_label)
        harvest_row.addWidget(self.harvest, 1)
        self.list = QueueList()
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.reordered.connect(self.reordered.emit)
        self.list.renamed.connect(self.renamed.emit)

        self.adder = QLineEdit()
        self.adder.setObjectName("capture-queue-add")
        self.adder.setMaxLength(300)
        self.adder.setPlaceholderText(_("Add a group, initiative or city · Enter"))
        self.adder.returnPressed.connect(self._add)

        self.minutes = QDoubleSpinBox()
        self.minutes.setObjectName("capture-queue-minutes")
        self.minutes.setRange(0, 240)
        self.minutes.setDecimals(1)
        self.minutes.setSingleStep(0.5)
        self.minutes.setSuffix(" min")
        self.minutes.setSpecialValueText(_("default"))
        self.minutes.editingFinished.connect(self._minutes_edited)
        self.remove = QPushButton(_("Remove"))
        self.remove.setObjectName("capture-queue-remove")
        self.remove.clicked.connect(self._remove)
        entry_row = QHBoxLayout()
        entry_row.addWidget(QLabel(_("Speaking time")))
        entry_row.addWidget(self.minutes, 1)
        entry_row.addWidget(self.remove)
        self.team = QComboBox()
        self.team.setObjectName("capture-queue-team")
        self.team.setToolTip(_("The team (breakout group) that works on this pitch"))
        self.team.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.team.setMinimumContentsLength(12)
        self.team.activated.connect(self._team_activated)
        self.team_label = QLabel(_("Team"))
        self.team_label.setBuddy(self.team)
        team_row = QHBoxLayout()
        team_row.addWidget(self.team_label)
        team_row.addWidget(self.team, 1)

        self.total = QLabel()
        self.total.setObjectName("capture-queue-total")
        self.total.setWordWrap(True)

        self.speaking = SpeakingClock(self)
        self.speaking.next_requested.connect(self.next_requested)
        self.speaking.pause_requested.connect(self.pause_requested)
        self.speaking.extend_requested.connect(self.extend_requested)
        self.speaking.stop_requested.connect(self.stop_requested)
        self.speaker, self.clock = self.speaking.speaker, self.speaking.clock
        self.next_button, self.pause_button = self.speaking.next_button, self.speaking.pause_button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(harvest_row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.adder)
        layout.addLayout(entry_row)
        layout.addLayout(team_row)
        layout.addWidget(self.total)
        layout.addSpacing(8)
        self.speaking.lay_out(layout)
        self._entry_controls(None)

    # -- showing ----------------------------------------------------------------------
    def _show_harvest(self, queue: ReportingQueue) -> None:
        """The choice of breakout: shown when earlier items have groups."""
        choices = queue.harvest_choices
        self.harvest_label.setVisible(bool(choices))
        self.harvest.setVisible(bool(choices))
        self.harvest.blockSignals(True)
        try:
            self.harvest.clear()
            default = choices[0].title if choices else ""
            self.harvest.addItem(_("Automatic: {item}").format(item=default), None)
            for choice in choices:
                self.harvest.addItem(choice.title, choice.item_id)
            row = self.harvest.findData(queue.harvest_item_id) if queue.harvest_chosen else 0
            self.harvest.setCurrentIndex(max(0, row))
            self._harvest_tooltip()
        finally:
            self.harvest.blockSignals(False)

    def _harvest_tooltip(self, *_args) -> None:
        """The whole choice in the tooltip: a long item title does not fit a laptop's panel."""
        explanation = _("Which earlier item's groups report back on this item; chosen once, stored")
        current = self.harvest.currentText()
        self.harvest.setToolTip(f"{current}\n{explanation}" if current else explanation)

    def _harvest_activated(self, row: int) -> None:
        chosen = self.harvest.itemData(row)
        if self.queue is None:
            return
        current = self.queue.harvest_item_id if self.queue.harvest_chosen else None
        if chosen != current:
            self.harvest_chosen.emit(chosen)

    def show_queue(self, queue: ReportingQueue, chosen: Target | None) -> None:
        previous, self.queue = self.queue, queue
        self._show_harvest(queue)
        if (
            previous is not None
            and [e.target for e in previous.entries] == [e.target for e in queue.entries]
            and self.list.count() == len(queue.entries) + 1
        ):
            for row, entry in enumerate(queue.entries, start=1):  # same entries: update in place
                item = self.list.item(row)
                if item.data(ENTRY_ROLE) != entry:
                    item.setData(ENTRY_ROLE, entry)
                    self._paint_entry(item, row, entry)
            self._entry_controls(self.current_entry())
            self._show_total(queue)
            return
        self._loading = True
        try:
            self.list.clear()
            general = QListWidgetItem(_("Whole item (plenary notes)"))
            general.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            font = QFont(general.font())
            font.setItalic(True)
            general.setFont(font)
            self.list.addItem(general)
            for number, entry in enumerate(queue.entries, start=1):
                item = QListWidgetItem()
                item.setData(ENTRY_ROLE, entry)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsDragEnabled
                    | Qt.ItemFlag.ItemIsEditable
                )
                self._paint_entry(item, number, entry)
                self.list.addItem(item)
            row = 0
            for i in range(1, self.list.count()):
                if self.list.item(i).data(ENTRY_ROLE).target == chosen:
                    row = i
            self.list.setCurrentRow(row)
        finally:
            self._loading = False
        self._entry_controls(self.current_entry())
        self._show_total(queue)

    def _show_total(self, queue: ReportingQueue) -> None:
        total, planned = queue.total_minutes, queue.planned_minutes
        text = _("Total {total} of {planned} planned").format(
            total=minutes_text(total) or "0 min", planned=minutes_text(planned)
        )
        if queue.default_minutes:
            text += " · " + _("default {m} per group").format(m=minutes_text(queue.default_minutes))
        self.total.setText(text)
        self.total.setStyleSheet(theme.style("error", bold=True) if queue.over_plan else "")

    def _paint_entry(self, item: QListWidgetItem, number: int, entry: QueueEntry) -> None:
        speaking = entry.target == self.speaking_id
        bits = [minutes_text(entry.effective_minutes)] if entry.effective_minutes else []
        if entry.note_count:
            bits.append(
                plural(entry.note_count, N_("{n} note"), N_("{n} notes")).format(n=entry.note_count)
            )
        theme = f" — {entry.theme}" if entry.theme else ""
        if entry.team_name:
            theme += " → " + entry.team_name
        prefix = "▶ " if speaking else f"{number}. "
        item.setText(f"{prefix}{entry.label}{theme}" + (f"   ({' · '.join(bits)})" if bits else ""))
        font = QFont(item.font())
        font.setBold(speaking)
        item.setFont(font)
        item.setForeground(QBrush(QColor("#1b5e20")) if speaking else QBrush())

    def set_speaking(self, target: Target | None) -> None:
        self.speaking_id = target
        for i in range(1, self.list.count()):
            item = self.list.item(i)
            self._paint_entry(item, i, item.data(ENTRY_ROLE))
        self.pause_button.setEnabled(target is not None)

    def show_reading(self, reading: TimerReading | None) -> None:
        self.speaking.show_reading(reading)

    def current_entry(self) -> QueueEntry | None:
        item = self.list.currentItem()
        return item.data(ENTRY_ROLE) if item is not None else None

    def select_group(self, target: Target | int | None) -> None:
        """Choose a row: a Target, a breakout group id, or None for the whole item."""
        if isinstance(target, int):
            target = Target(group_id=target)
        for i in range(self.list.count()):
            entry = self.list.item(i).data(ENTRY_ROLE)
            if (entry.target if entry else None) == target:
                self.list.setCurrentRow(i)
                return

    # -- user -------------------------------------------------------------------------
    def _current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        entry = current.data(ENTRY_ROLE) if current is not None else None
        self._entry_controls(entry)
        if not self._loading and current is not None:
            self.target_chosen.emit(entry.target if entry else None)

    def _show_teams(self, entry: QueueEntry | None) -> None:
        """A typed pitch can be linked to its team; shown when the session has groups."""
        teams = self.queue.teams if self.queue is not None else ()
        pitch = entry is not None and entry.entry_id is not None
        self.team.setVisible(bool(teams))
        self.team_label.setVisible(bool(teams))
        self.team.setEnabled(pitch)
        self.team.blockSignals(True)
        try:
            self.team.clear()
            self.team.addItem(_("No team"), None)
            for group_id, name in teams:
                self.team.addItem(name, group_id)
            chosen = entry.team_id if pitch and entry is not None else None
            self.team.setCurrentIndex(max(0, self.team.findData(chosen)))
        finally:
            self.team.blockSignals(False)

    def _team_activated(self, row: int) -> None:
        entry = self.current_entry()
        if entry is None or entry.entry_id is None:
            return
        team = self.team.itemData(row)
        if team != entry.team_id:
            self.team_set.emit(entry.target, team)

    def _entry_controls(self, entry: QueueEntry | None) -> None:
        self._show_teams(entry)
        self.minutes.setEnabled(entry is not None)
        self.remove.setEnabled(entry is not None and not entry.from_breakout)
        self.remove.setToolTip(
            _("Groups of the breakout are removed on the Groups page")
            if entry is not None and entry.from_breakout
            else _("Remove from the queue; its notes stay with the item")
        )
        self.minutes.blockSignals(True)
        self.minutes.setValue(entry.speaking_minutes or 0 if entry else 0)
        self.minutes.blockSignals(False)

    def _add(self) -> None:
        name = " ".join(self.adder.text().split())
        if name:
            self.add_entry.emit(name)
            self.adder.clear()

    def _minutes_edited(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        value = self.minutes.value()
        minutes = None if value == 0 else value
        if minutes != entry.speaking_minutes:
            self.minutes_set.emit(entry.target, minutes)

    def _remove(self) -> None:
        entry = self.current_entry()
        if entry is not None and not entry.from_breakout:
            self.remove_entry.emit(entry.target)
