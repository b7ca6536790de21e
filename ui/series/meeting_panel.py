"""The Reeks page's view of this meeting: who is new in the series, whom each person met
for the first time, and who on the list is not yet in the people register (with how the
register would recognise them, shown before "Koppelen" stores it)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.kit import theme
from workshop.i18n import _
from workshop.series.overview import SeriesOverview


class MeetingPanel(QWidget):
    link_requested = Signal()
    consent_requested = Signal()  # carry this meeting's consent changes into the register

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("series-this-meeting")
        self.register_line = QLabel()
        self.register_line.setObjectName("series-register-line")
        self.register_line.setWordWrap(True)
        self.link_button = QPushButton(_("Link to the register"))
        self.link_button.setObjectName("series-link")
        self.link_button.clicked.connect(self.link_requested.emit)
        self.consent_line = QLabel()
        self.consent_line.setObjectName("series-consent-line")
        self.consent_line.setWordWrap(True)
        self.consent_button = QPushButton(_("Into the register"))
        self.consent_button.setObjectName("series-consent")
        self.consent_button.clicked.connect(self.consent_requested.emit)
        self.new_label = QLabel()
        self.new_label.setObjectName("series-new-people")
        self.new_label.setWordWrap(True)
        self.met_label = QLabel()
        self.met_label.setObjectName("series-met-line")
        self.met = QTreeWidget()
        self.met.setObjectName("series-met")
        self.met.setColumnCount(2)
        self.met.setHeaderLabels([_("Person"), _("Met for the first time")])
        self.met.setRootIsDecorated(False)
        self.met.setUniformRowHeights(True)  # one row height: no measuring of every row
        self.met.setColumnWidth(0, 200)
        row = QHBoxLayout()
        row.addWidget(self.register_line, 1)
        row.addWidget(self.link_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        consent = QHBoxLayout()
        consent.addWidget(self.consent_line, 1)
        consent.addWidget(self.consent_button)
        layout.addLayout(consent)
        layout.addWidget(self.new_label)
        layout.addWidget(self.met_label)
        layout.addWidget(self.met, 1)

    def show_meeting(self, overview: SeriesOverview) -> None:
        waiting = sum(overview.unlinked.values())
        if waiting:
            text = _(
                "{n} people on this list are not in the series register yet: "
                "{email} known by e-mail, {name} by name and organisation, {new} new."
            ).format(
                n=waiting,
                email=overview.unlinked.get("email", 0),
                name=overview.unlinked.get("name", 0),
                new=overview.unlinked.get("new", 0),
            )
            theme.set_status(self.register_line, text, "warning")
        else:
            text = _("Everyone on this list is in the series register ({n} people).").format(
                n=overview.register_size
            )
            theme.set_status(self.register_line, text, "muted")
        self.link_button.setEnabled(bool(waiting))
        changed = overview.consent_changed
        self.consent_line.setVisible(bool(changed))
        self.consent_button.setVisible(bool(changed))
        if changed:
            names = ", ".join(
                _("{name} (now: may be named)").format(name=n)
                if value
                else _("{name} (now: not named)").format(name=n)
                for _pid, n, value in changed
            )
            theme.set_status(
                self.consent_line,
                _("Consent changed at this meeting, not yet in the register: {names}").format(
                    names=names
                ),
                "warning",
            )
        if overview.new_here:
            self.new_label.setText(
                _("New in the series ({n}): {names}").format(
                    n=len(overview.new_here), names=", ".join(overview.new_here)
                )
            )
        else:
            self.new_label.setText(_("Nobody is new in the series at this meeting."))
        pairs = sum(len(p.met) for p in overview.met_here) // 2
        self.met_label.setText(
            _("Who met whom: {n} new encounters at this meeting's tables").format(n=pairs)
            if overview.met_here
            else _("Who met whom: no tables planned at this meeting yet.")
        )
        items = []
        for person in overview.met_here:
            who = f"{person.name} ({person.organisation})" if person.organisation else person.name
            item = QTreeWidgetItem([who, ", ".join(person.met)])
            item.setToolTip(1, "\n".join(person.met))
            items.append(item)
        self.met.setUpdatesEnabled(False)  # one layout for the whole list, not one per person
        try:
            self.met.clear()
            self.met.addTopLevelItems(items)
        finally:
            self.met.setUpdatesEnabled(True)

    def met_by(self, name: str) -> list[str]:
        """The names a person met for the first time, as the list shows them (tests)."""
        for row in range(self.met.topLevelItemCount()):
            item = self.met.topLevelItem(row)
            if item.text(0).split(" (")[0] == name:
                return item.text(1).split(", ") if item.text(1) else []
        return []
