"""Linking a meeting's list to the series' people register, every match shown first.

One row per person on the list not yet in the register: name, organisation, e-mail, how
the register recognised them (e-mail, name and organisation, new) and a choice: the
register person they are, or "new in the series". Choosing another person merges a
wrong "new" with who they really are; choosing "new" splits a wrong match. Nothing is
stored until "Koppelen"; two people on the list cannot become one register person.
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.kit import theme
from workshop.i18n import N_, _
from workshop.series.register import Known, Match, MatchHow

HOW_WORDS = {
    MatchHow.EMAIL: N_("by e-mail"),
    MatchHow.NAME: N_("by name and organisation"),
    MatchHow.NEW: N_("new"),
}
NEW = -1  # the combo's data for "new in the series"


class LinkDialog(QDialog):
    """Opened with open(); after `accepted`, `matches()` holds what to store."""

    def __init__(
        self,
        matches: list[Match],
        register: list[Known],
        taken: set[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("series-link-dialog")
        self.setWindowTitle(_("Link to the register"))
        self.resize(860, 480)
        self.found = matches
        self.names = {p.id: p.name for p in register}
        self.taken = taken  # register people already linked at this meeting
        # one model for every row's choice (a register of thousands stays one list)
        self.people = QStandardItemModel(self)
        first = QStandardItem(_("New in the series"))
        first.setData(NEW)
        self.people.appendRow(first)
        for p in sorted(register, key=lambda p: (p.name.casefold(), p.organisation)):
            label = f"{p.name} ({p.organisation})" if p.organisation else p.name
            item = QStandardItem(label)
            item.setData(p.id)
            self.people.appendRow(item)
        self.rows: dict[int, int] = {NEW: 0}
        for row in range(self.people.rowCount()):
            self.rows[self.people.item(row).data()] = row
        counts = {how: sum(1 for m in matches if m.how == how) for how in MatchHow}
        self.intro = QLabel(
            _("{email} known by e-mail, {name} by name and organisation, {new} new.").format(
                email=counts[MatchHow.EMAIL], name=counts[MatchHow.NAME], new=counts[MatchHow.NEW]
            )
            + " "
            + _("Choose another person where the register got it wrong.")
        )
        self.intro.setWordWrap(True)
        self.table = QTableWidget(len(matches), 5)
        self.table.setObjectName("series-link-table")
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Organisation"), _("E-mail"), _("Found"), _("In the register")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.choices: list[QComboBox] = []
        for row, m in enumerate(matches):
            cells = (
                m.incoming.name,
                m.incoming.organisation,
                m.incoming.email,
                _(HOW_WORDS[m.how]),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            combo = QComboBox()
            combo.setModel(self.people)
            combo.setCurrentIndex(self.rows.get(m.person_id if m.person_id else NEW, 0))
            self.table.setCellWidget(row, 4, combo)
            self.choices.append(combo)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.error = QLabel()
        self.error.setObjectName("series-link-error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Link them"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def choose(self, name: str, person_id: int | None) -> None:
        """Set the row of `name` to a register person (None: new), as picking it does."""
        for row, m in enumerate(self.found):
            if m.incoming.name == name:
                self.choices[row].setCurrentIndex(self.rows[person_id or NEW])
                return
        raise KeyError(name)

    def matches(self) -> list[Match]:
        out = []
        for m, combo in zip(self.found, self.choices, strict=True):
            chosen = combo.currentData(257)  # Qt.UserRole + 1: QStandardItem.setData's role
            if chosen == NEW:
                out.append(Match(m.incoming, None, MatchHow.NEW))
            elif chosen == m.person_id:
                out.append(m)
            else:
                out.append(Match(m.incoming, chosen, MatchHow.NAME))  # chosen by hand
        return out

    def _check(self) -> None:
        seen: dict[int, str] = {}
        for m in self.matches():
            if m.person_id is None:
                continue
            if m.person_id in self.taken:
                text = _("{person} is already on this meeting's list.").format(
                    person=self.names[m.person_id]
                )
                theme.set_status(self.error, text, "error")
                return
            if m.person_id in seen:
                text = _("{a} and {b} cannot both be {person}.").format(
                    a=seen[m.person_id], b=m.incoming.name, person=self.names[m.person_id]
                )
                theme.set_status(self.error, text, "error")
                return
            seen[m.person_id] = m.incoming.name
        self.accept()
