"""What the note column does to the notes: edits in the list and the details, and what the
note tools and the list's keys do to the chosen notes (star, dot-votes, reorder, move,
merge, delete). Each is a core command pushed on the page's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QWidget

from ui.capture.note_column import NoteColumn
from ui.capture.targets import MoveTarget
from workshop.capture.commands.notes import (
    AddVotes,
    DeleteNotes,
    EditNote,
    MergeNotes,
    MoveNotes,
    ReorderNotes,
)
from workshop.commands import Command
from workshop.i18n import _


class NoteActions(QObject):
    """The notes of one `NoteColumn`, changed through commands."""

    def __init__(
        self,
        column: NoteColumn,
        push: Callable[[Command], None],
        make: Callable[[Callable[[], Command]], None],
        show_info: Callable[[str], None],
        move_targets: Callable[[], list[MoveTarget]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._notes = notes = column.notes
        self._tools = tools = column.tools
        self._push = push
        self._make = make  # builds a command that may refuse bad input with a message
        self._show_info = show_info
        self._move_targets = move_targets
        notes.text_edited.connect(
            lambda nid, text, before: push(EditNote(nid, text=text).seen(text=before))
        )
        notes.reordered.connect(lambda ids: push(ReorderNotes(ids)))
        column.details.edit.connect(
            lambda nid, fields, before: push(EditNote(nid, **fields).seen(**before))
        )
        notes.delete_requested.connect(self.delete_selected)
        notes.merge_requested.connect(self.merge_selected)
        notes.star_requested.connect(self.star_selected)
        notes.vote_requested.connect(self.vote_current)
        notes.move_step.connect(self.move_current)
        tools.star.connect(self.star_selected)
        tools.vote.connect(self.vote_current)
        tools.move.connect(self.move_menu)
        tools.merge.connect(self.merge_selected)
        tools.delete.connect(self.delete_selected)

    def delete_selected(self) -> None:
        ids = self._notes.selected_ids()
        if ids:
            self._push(DeleteNotes(ids))

    def merge_selected(self) -> None:
        ids = self._notes.selected_ids()
        if len(ids) >= 2:
            self._make(lambda: MergeNotes(ids))
        elif ids:
            self._show_info(_("Choose two or more notes to merge (Shift or Ctrl + click)."))

    def star_selected(self) -> None:
        chosen = self._notes.selected_notes()
        if not chosen:
            return
        on = not all(n.starred for n in chosen)
        for note in chosen:
            if note.starred != on:
                self._push(EditNote(note.id, starred=on))

    def vote_current(self, step: int) -> None:
        chosen = self._notes.selected_notes()
        if len(chosen) != 1:
            return
        votes = max(0, min(999, chosen[0].votes + step))
        if votes != chosen[0].votes:  # a delta: another laptop's votes at once both count
            self._push(AddVotes(chosen[0].id, step))

    def move_current(self, step: int) -> None:
        chosen = self._notes.selected_notes()
        if len(chosen) != 1:
            return
        ids = [n.id for n in self._notes.notes()]
        row = ids.index(chosen[0].id)
        target = row + step
        if 0 <= target < len(ids):
            ids[row], ids[target] = ids[target], ids[row]
            self._push(ReorderNotes(ids))

    def move_menu(self) -> None:
        ids = self._notes.selected_ids()
        if not ids:
            return
        menu = QMenu(self._notes)
        menu.setObjectName("capture-move-menu")
        for label, item_id, target in self._move_targets():
            action = menu.addAction(label)
            action.triggered.connect(
                lambda _c=False, i=item_id, t=target: self._push(
                    MoveNotes(ids, i, t.group_id, t.entry_id)
                )
            )
        button = self._tools.buttons["move"]
        menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
