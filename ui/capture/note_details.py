"""What belongs to the chosen note: kind, speaker (and whether they may be named), who and
when for an action, theme, dot-votes, star. Every edit is a command, stored at once."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ui.capture.kinds import icon, kind_name
from workshop.capture.dates import parse_due
from workshop.capture.marks import MARKS
from workshop.capture.queries import NoteView
from workshop.i18n import _, format_short_date
from workshop.model import NoteKind


class NoteDetails(QWidget):
    """Emits `edit(note_id, fields)`; shows nothing when zero or several notes are chosen."""

    edit = Signal(int, dict, dict)  # note id, new values, the values shown before

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capture-note-details")
        self.note: NoteView | None = None
        self.session_date: date | None = None
        self._loading = False

        self.kind = QComboBox()
        self.kind.setObjectName("detail-kind")
        for mark in MARKS:
            self.kind.addItem(
                icon(mark.kind), f"{kind_name(mark.kind)}  (Ctrl+{mark.number})", mark.kind.value
            )
        self.kind.activated.connect(lambda _i: self._send(kind=self.kind.currentData()))

        self.speaker = QLineEdit()
        self.speaker.setObjectName("detail-speaker")
        self.speaker.setMaxLength(300)
        self.speaker.setPlaceholderText(_("Who said it (optional)"))
        self.speaker.editingFinished.connect(
            lambda: self._send(speaker=self.speaker.text().strip())
        )
        self.named = QCheckBox(_("Named in the report"))
        self.named.setObjectName("detail-named")
        self.named.toggled.connect(lambda on: self._send(speaker_may_be_named=on))
        self.person = QComboBox()
        self.person.setObjectName("detail-person")
        self.person.setToolTip(
            _("The participant who said it: their own choice about being named applies")
        )
        self.person.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.person.setMinimumContentsLength(10)
        self.person.activated.connect(lambda _i: self._send(speaker_id=self.person.currentData()))
        self.set_people(())
        speaker_row = QHBoxLayout()
        speaker_row.addWidget(self.speaker, 1)
        speaker_row.addWidget(self.person, 1)
        speaker_row.addWidget(self.named)

        self.who = QLineEdit()
        self.who.setObjectName("detail-who")
        self.who.setMaxLength(300)
        self.who.setPlaceholderText(_("Who does it"))
        self.who.editingFinished.connect(lambda: self._send(action_who=self.who.text().strip()))
        self.when = QLineEdit()
        self.when.setObjectName("detail-when")
        self.when.setMaxLength(100)
        self.when.setPlaceholderText(_("by 1 June, 1-6, next week"))
        self.when.editingFinished.connect(self._when_edited)
        self.when_shown = QLabel()
        action_row = QHBoxLayout()
        action_row.addWidget(self.who, 1)
        action_row.addWidget(self.when, 1)
        action_row.addWidget(self.when_shown)

        self.theme = QComboBox()
        self.theme.setObjectName("detail-theme")
        self.theme.setEditable(True)
        self.theme.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.theme.lineEdit().setPlaceholderText(_("Theme (to group notes in the report)"))
        self.theme.lineEdit().setMaxLength(300)
        self.theme.lineEdit().editingFinished.connect(
            lambda: self._send(theme=self.theme.currentText().strip())
        )
        self.theme.activated.connect(lambda _i: self._send(theme=self.theme.currentText().strip()))

        self.votes = QSpinBox()
        self.votes.setObjectName("detail-votes")
        self.votes.setRange(0, 999)
        self.votes.setSuffix(" " + _("dots"))
        self.votes.valueChanged.connect(lambda v: self._send(votes=v))
        self.star = QCheckBox(_("Starred"))
        self.star.setObjectName("detail-star")
        self.star.toggled.connect(lambda on: self._send(starred=on))
        extra_row = QHBoxLayout()
        extra_row.addWidget(self.theme, 1)
        extra_row.addWidget(self.votes)

        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 4, 0, 0)
        # narrow page (laptop + projector panel): a label goes above its field, never cut
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow(_("Kind"), self.kind)
        self.form.addRow(_("Speaker"), speaker_row)
        self.form.addRow(_("Action"), action_row)
        self.form.addRow(_("Theme"), extra_row)
        self.form.addRow("", self.star)  # its own line: the theme row stays readable when narrow
        self.answered = QCheckBox(_("Answered in the meeting (not an open question)"))
        self.answered.setObjectName("detail-answered")
        self.answered.toggled.connect(lambda on: self._send(answered=on))
        self.form.addRow("", self.answered)
        self.show_note(None)

    def set_people(self, people: tuple[tuple[int, str], ...]) -> None:
        """The session's participants a quote can be linked to (id, name)."""
        chosen = self.person.currentData()
        self._loading = True
        try:
            self.person.clear()
            self.person.addItem(_("Not linked to a participant"), None)
            for person_id, name in people:
                self.person.addItem(name, person_id)
            self.person.setCurrentIndex(max(0, self.person.findData(chosen)))
        finally:
            self._loading = False

    def set_themes(self, themes: tuple[str, ...]) -> None:
        text = self.theme.currentText()
        self._loading = True
        try:
            self.theme.clear()
            self.theme.addItems(list(themes))
            self.theme.setEditText(text)
            completer = QCompleter(list(themes), self.theme)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.theme.setCompleter(completer)
        finally:
            self._loading = False

    def show_note(self, note: NoteView | None) -> None:
        self.note = note
        self.setEnabled(note is not None)
        self._loading = True
        try:
            kind = note.kind if note else NoteKind.INZICHT.value
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
            self.speaker.setText(note.speaker if note else "")
            self.named.setChecked(bool(note and note.speaker_may_be_named))
            linked = note.speaker_id if note else None
            self.person.setCurrentIndex(max(0, self.person.findData(linked)))
            self.answered.setChecked(bool(note and note.answered))
            self.who.setText(note.action_who if note else "")
            self.when.setText(
                (note.action_due_text or self._date_text(note.action_due)) if note else ""
            )
            self.when_shown.setText(
                format_short_date(note.action_due) if note and note.action_due else ""
            )
            self.theme.setEditText(note.theme if note else "")
            self.votes.setValue(note.votes if note else 0)
            self.star.setChecked(bool(note and note.starred))
        finally:
            self._loading = False
        quote = note is not None and note.kind == NoteKind.CITAAT
        action = note is not None and note.kind == NoteKind.ACTIE
        question = note is not None and note.kind == NoteKind.VRAAG
        self.form.setRowVisible(1, quote)
        self.form.setRowVisible(2, action)
        self.form.setRowVisible(5, question)

    @staticmethod
    def _date_text(value: date | None) -> str:
        return value.strftime("%d-%m-%Y") if value else ""

    def _when_edited(self) -> None:
        text = self.when.text().strip()
        if self.note is None or self._loading:
            return
        if text == (self.note.action_due_text or self._date_text(self.note.action_due)):
            return
        due = parse_due(text, self.session_date or date.today()) if text else None
        self.when_shown.setText(
            format_short_date(due) if due else (_("no date recognised") if text else "")
        )
        self._send(action_due=due, action_due_text=text)

    def _send(self, **fields: Any) -> None:
        if self._loading or self.note is None:
            return
        changed = {k: v for k, v in fields.items() if getattr(self.note, k) != v}
        if changed:
            before = {k: getattr(self.note, k) for k in changed}
            self.note = dataclasses.replace(self.note, **changed)  # the new baseline
            self.edit.emit(self.note.id, changed, before)
