"""Add or edit one participant (opened with open(); the page stores the result as a command)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.kit import theme
from workshop.i18n import _
from workshop.model import Presence
from workshop.people.commands import clean_text
from workshop.people.queries import PersonInfo, presence_label

TEXT_FIELDS = (
    ("name", lambda: _("Name")),
    ("organisation", lambda: _("Organisation")),
    ("role", lambda: _("Role")),
    ("email", lambda: _("E-mail")),
    ("initiative", lambda: _("Initiative")),
    ("theme_preference", lambda: _("Preferred theme")),
    ("second_theme", lambda: _("Second theme")),
)


class PersonDialog(QDialog):
    """Fields of one person; `values()` gives what changed (all fields for a new person)."""

    def __init__(self, parent: QWidget | None, person: PersonInfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("person-dialog")
        self.person = person
        self.setWindowTitle(_("Edit participant") if person else _("Add participant"))
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label in TEXT_FIELDS:
            edit = QLineEdit(getattr(person, key) if person else "")
            edit.setObjectName(f"person-{key}")
            form.addRow(label(), edit)
            self.edits[key] = edit
        self.involvement = QPlainTextEdit(person.involvement if person else "")
        self.involvement.setObjectName("person-involvement")
        self.involvement.setTabChangesFocus(True)
        self.involvement.setFixedHeight(70)
        form.addRow(_("Involvement"), self.involvement)
        self.presence = QComboBox()
        for value in Presence:
            self.presence.addItem(presence_label(value.value), value.value)
        if person:
            self.presence.setCurrentIndex(self.presence.findData(person.presence))
        form.addRow(_("Presence"), self.presence)
        self.named = QCheckBox(_("May be named in the report"))
        self.named.setObjectName("person-may-be-named")
        self.named.setChecked(bool(person and person.may_be_named))
        form.addRow("", self.named)
        self.error = QLabel()
        self.error.setStyleSheet(theme.style("error"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def _accept(self) -> None:
        if not clean_text(self.edits["name"].text()):
            self.error.setText(_("A participant needs a name"))
            self.edits["name"].setFocus()
            return
        self.accept()

    def all_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {key: edit.text() for key, edit in self.edits.items()}
        values["involvement"] = self.involvement.toPlainText()
        values["presence"] = self.presence.currentData()
        values["may_be_named"] = self.named.isChecked()
        return values

    def values(self) -> dict[str, Any]:
        """For a new person every field; for an existing one only the changed fields."""
        values = self.all_values()
        if self.person is None:
            return values
        changed = {}
        for key, value in values.items():
            old = getattr(self.person, key)
            new = clean_text(value) if isinstance(value, str) and key != "involvement" else value
            if isinstance(new, str) and key == "involvement":
                new = new.strip()
            if new != old:
                changed[key] = value
        return changed
