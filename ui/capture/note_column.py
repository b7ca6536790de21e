"""The middle column of the Capture tab: what the notes point at, the notes, their tools
and the chosen note's details."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.capture.note_details import NoteDetails
from ui.capture.note_list import NoteList
from ui.capture.note_tools import NoteTools


class NoteColumn(QWidget):
    """The notes of the chosen group, pitch or item, under its name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capture-middle")
        self.target_label = QLabel()
        self.target_label.setObjectName("capture-target")
        self.target_label.setStyleSheet("font-size:14pt;font-weight:bold;")
        self.target_label.setWordWrap(True)
        self.notes = NoteList()
        self.tools = NoteTools()
        self.details = NoteDetails()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.target_label)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.tools)
        layout.addWidget(self.details)

    def show_selection(self) -> None:
        """The details of the one chosen note; the tools that fit the choice."""
        chosen = self.notes.selected_notes()
        self.details.show_note(chosen[0] if len(chosen) == 1 else None)
        self.tools.set_chosen(len(chosen))
