"""Back on schedule: the proposals, old and new times side by side, before anything changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop.i18n import _
from workshop.timing.describe import clock_text, proposal_result, proposal_title, sentence
from workshop.timing.plan import SessionPlan
from workshop.timing.proposals import Proposal

CHANGED_BG = QColor("#fff1c7")


class BackOnScheduleDialog(QDialog):
    """Lists the proposals; `chosen` carries the one to apply. Opened with `open()`."""

    chosen = Signal(object)  # Proposal

    COLUMNS = 6

    def __init__(
        self,
        proposals: list[Proposal],
        plan: SessionPlan,
        now: datetime,
        standing_text: str,
        parent: QWidget | None = None,
        on_space: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("back-on-schedule")
        self.setWindowTitle(_("Back on schedule"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.proposals = proposals
        self.plan = plan
        self.now = now
        self.resize(980, 520)

        intro = QLabel(
            _(
                "Calculated at {time}: {standing}. Nothing changes until you apply a proposal; "
                "Ctrl+Z takes it back."
            ).format(time=clock_text(now, now), standing=standing_text)
        )
        intro.setWordWrap(True)

        self.choices = QListWidget()
        self.choices.setObjectName("proposal-choices")
        self.choices.setMinimumWidth(300)
        self.choices.setMaximumWidth(360)
        self.choices.setWordWrap(True)
        self.choices.setSpacing(3)
        self.choices.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for proposal in proposals:
            item = QListWidgetItem(
                f"{proposal_title(proposal, plan)}\n{sentence(proposal_result(proposal, now))}"
            )
            self.choices.addItem(item)
        self.choices.currentRowChanged.connect(self._show)

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("proposal-table")
        self.table.setHorizontalHeaderLabels(
            [_("Item"), _("Fixed"), _("Start now"), _("New start"), _("Min now"), _("New min")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, self.COLUMNS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.result = QLabel()
        self.result.setObjectName("proposal-result")
        bold = QFont(self.result.font())
        bold.setBold(True)
        self.result.setFont(bold)

        self.body = QWidget()
        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        right.addWidget(self.result)
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.choices)
        body.addLayout(right, 1)

        self.buttons = QDialogButtonBox()
        self.apply_button = QPushButton(_("Apply this proposal"))
        self.apply_button.setObjectName("apply-proposal")
        # Applying is a deliberate click: neither Enter nor Space (the pause key) applies.
        self.apply_button.setAutoDefault(False)
        self.apply_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.apply_button.clicked.connect(self._apply)
        self.buttons.rejected.connect(self.reject)

        self.none_label = QLabel(_("You are on schedule: there is nothing to catch up."))
        self.none_label.setObjectName("no-proposals")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.none_label, 1)
        layout.addWidget(self.buttons)
        self.body.setVisible(bool(proposals))
        self.none_label.setVisible(not proposals)
        self.apply_button.setVisible(bool(proposals))
        self.apply_button.setEnabled(bool(proposals))
        if proposals:
            self.choices.setCurrentRow(0)
        self.choices.setFocus()
        if on_space is not None:  # the clock can still be paused while choosing
            pause = QShortcut(QKeySequence("Space"), self)
            pause.activated.connect(on_space)
            self.pause_shortcut = pause

    def current(self) -> Proposal | None:
        row = self.choices.currentRow()
        return self.proposals[row] if 0 <= row < len(self.proposals) else None

    def _show(self, row: int) -> None:
        proposal = self.current()
        self.table.setRowCount(0)
        if proposal is None:
            return
        self.table.setRowCount(len(proposal.rows))
        now = self.now
        for r, row_data in enumerate(proposal.rows):
            dropped = row_data.new_minutes == 0 and row_data.old_minutes > 0
            cells = [
                row_data.title,
                clock_text(datetime.combine(now.date(), row_data.fixed_start, now.tzinfo), now)
                if row_data.fixed_start
                else "",
                clock_text(row_data.old_start, now),
                "—" if dropped else clock_text(row_data.new_start, now),
                str(row_data.old_minutes),
                _("dropped") if dropped else str(row_data.new_minutes),
            ]
            moved = abs((row_data.new_start - row_data.old_start).total_seconds()) >= 30
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if (c in (4, 5) and row_data.changed) or (c in (2, 3) and moved):
                    cell.setBackground(QBrush(CHANGED_BG))
                if c in (3, 5) and (row_data.changed or moved):
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(r, c, cell)
        self.result.setText(sentence(proposal_result(proposal, now)))

    def _apply(self) -> None:
        proposal = self.current()
        if proposal is not None:
            self.chosen.emit(proposal)
        self.accept()
