"""The notes of the current group or item: kind icons and colours, edit in place (F2),
reorder by drag or Ctrl+↑/↓, several selected for merge, move, delete, star."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QWidget,
)

from ui.capture.kinds import colour, icon, kind_name
from workshop.capture.queries import NoteView
from workshop.i18n import _, format_short_date
from workshop.model import NoteKind

NOTE_ROLE = Qt.ItemDataRole.UserRole + 1
#: Text longer than this is shortened in the list (the full note is edited with F2).
SHOWN_CHARS = 600
#: Notes made into list rows per turn of the event loop when a list is rebuilt (800 notes in
#: one go held the UI thread ~60 ms); Qt lays them out in batches of this size too.
BATCH = 60


def describe(note: NoteView) -> str:
    """One line for the list: text plus what belongs to it (speaker, who, when, votes...)."""
    text = note.text if len(note.text) <= SHOWN_CHARS else note.text[:SHOWN_CHARS] + " …"
    if note.kind == NoteKind.CITAAT:
        text = f"“{text}”"
    bits = []
    if note.kind == NoteKind.CITAAT and note.speaker:
        named = "" if note.speaker_may_be_named else " " + _("(not named in the report)")
        bits.append(f"— {note.speaker}{named}")
    if note.kind == NoteKind.ACTIE:
        bits.append("@" + note.action_who if note.action_who else _("who?"))
        if note.action_due:
            bits.append(format_short_date(note.action_due))
        elif note.action_due_text:
            bits.append(note.action_due_text)
        else:
            bits.append(_("when?"))
    if note.theme:
        bits.append("#" + note.theme)
    if note.votes:
        bits.append("●" * min(note.votes, 10) + f" {note.votes}")
    if note.starred:
        bits.insert(0, "★")
    if note.source == "table":
        bits.insert(0, _("from the table"))
    return text + ("   " + "  ·  ".join(bits) if bits else "")


class _InPlaceEditor(QStyledItemDelegate):
    """F2 / double-click edits the note's own text; the change goes out as a command."""

    def __init__(self, owner: NoteList) -> None:
        super().__init__(owner)
        self.owner = owner

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setObjectName("capture-inline-editor")
        editor.setMaxLength(20_000)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        note: NoteView = index.data(NOTE_ROLE)
        assert isinstance(editor, QLineEdit)
        editor.setText(note.text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:  # noqa: N802
        note: NoteView = index.data(NOTE_ROLE)
        assert isinstance(editor, QLineEdit)
        text = " ".join(editor.text().split())
        if text and text != note.text:
            self.owner.text_edited.emit(note.id, text, note.text)


class NoteList(QListWidget):
    text_edited = Signal(int, str, str)  # note id, new text, the text shown before
    reordered = Signal(list)  # note ids in the new order
    delete_requested = Signal()
    merge_requested = Signal()
    star_requested = Signal()
    vote_requested = Signal(int)  # +1 / -1
    move_step = Signal(int)  # -1 up, +1 down

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capture-notes")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSpacing(2)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setItemDelegate(_InPlaceEditor(self))
        self.setLayoutMode(QListView.LayoutMode.Batched)  # word-wrapped heights, 60 at a time
        self.setBatchSize(BATCH)
        self._ids: list[int] = []
        # notes not yet in the list (rows are added BATCH at a time), the ids to select among
        # them, the current id
        self._rest: tuple[list[NoteView], set[int], int | None] | None = None
        self._rest_timer = QTimer(self, singleShot=True, interval=0)
        self._rest_timer.timeout.connect(self._add_batch)
        self._pinned = False  # kept scrolled to the end while the rows are laid out
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._range_changed)
        bar.actionTriggered.connect(self._unpin)  # the user scrolls
        self.model().rowsMoved.connect(self._after_drag)

    # -- content ----------------------------------------------------------------------
    def show_notes(self, notes: list[NoteView]) -> None:
        """Show `notes`: appended and changed notes update in place (a full rebuild of a long
        word-wrapped list would stall typing), anything else rebuilds the list."""
        new_ids = [n.id for n in notes]
        old = len(self._ids)
        at_end = self.verticalScrollBar().value() >= self.verticalScrollBar().maximum() - 4
        if self._rest is None and self.count() == old and new_ids[:old] == self._ids:
            for row, note in enumerate(notes[:old]):
                item = self.item(row)
                if item.data(NOTE_ROLE) != note:
                    self._fill(item, note)
            if len(notes) > old:
                self._rest = (notes[old:], set(), None)
                self._add_batch()
        else:
            self._rebuild(notes)
        self._ids = new_ids
        self._pinned = at_end and len(notes) > old
        if self._pinned:
            self.scrollToBottom()

    def _rebuild(self, notes: list[NoteView]) -> None:
        chosen = set(self.selected_ids())
        current = self.currentItem().data(NOTE_ROLE).id if self.currentItem() else None
        if self._rest is not None:  # a rebuild still adding rows: what it was to select too
            chosen |= self._rest[1]
            current = current if current is not None else self._rest[2]
        self.clear()
        self._rest = (notes, chosen, current)
        self._add_batch()

    def _add_batch(self) -> None:
        """The next BATCH notes to add into the list; the rest on the next turn."""
        if self._rest is None:
            return
        notes, chosen, current = self._rest
        self.setUpdatesEnabled(False)
        try:
            for note in notes[:BATCH]:
                item = QListWidgetItem()
                self._fill(item, note)
                self.addItem(item)
                if note.id in chosen:
                    item.setSelected(True)
                if note.id == current:
                    self.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
        finally:
            self.setUpdatesEnabled(True)
        if len(notes) > BATCH:
            self._rest = (notes[BATCH:], chosen, current)
            self._rest_timer.start()
        else:
            self._rest = None

    def _add_all(self) -> None:
        """Every note in the list now (before choosing a row)."""
        while self._rest is not None:
            self._add_batch()
        self._rest_timer.stop()

    def clear(self) -> None:
        self._rest = None
        self._rest_timer.stop()
        super().clear()

    def _range_changed(self, _low: int, high: int) -> None:
        if self._pinned:
            self.verticalScrollBar().setValue(high)

    def _unpin(self, _action: int) -> None:
        self._pinned = False

    @staticmethod
    def _fill(item: QListWidgetItem, note: NoteView) -> None:
        item.setIcon(icon(note.kind))
        item.setText(describe(note))
        item.setData(NOTE_ROLE, note)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled)
        item.setForeground(QBrush(colour(note.kind).darker(140)))
        tip = note.text if len(note.text) <= 2000 else note.text[:2000] + " …"
        item.setToolTip(f"{kind_name(note.kind)}: {tip}")
        font = QFont(item.font())
        font.setBold(note.starred)
        item.setFont(font)

    def notes(self) -> list[NoteView]:
        rest = self._rest[0] if self._rest is not None else []
        return [self.item(i).data(NOTE_ROLE) for i in range(self.count())] + rest

    def selected_notes(self) -> list[NoteView]:
        rows = sorted(self.row(i) for i in self.selectedItems())
        rest = [n for n in self._rest[0] if n.id in self._rest[1]] if self._rest else []
        return [self.item(r).data(NOTE_ROLE) for r in rows] + rest

    def selected_ids(self) -> list[int]:
        return [n.id for n in self.selected_notes()]

    def select_id(self, note_id: int) -> None:
        self._add_all()
        for i in range(self.count()):
            if self.item(i).data(NOTE_ROLE).id == note_id:
                self.setCurrentRow(i)
                return

    # -- reorder ----------------------------------------------------------------------
    def _after_drag(self, *_args) -> None:
        order = [n.id for n in self.notes()]
        if order != self._ids:
            self._ids = order
            self.reordered.emit(order)

    def event(self, event: QEvent) -> bool:
        """Keys for the chosen notes (event(), not keyPressEvent(): see note_input.py)."""
        if (
            event.type() != QEvent.Type.KeyPress
            or self.state() == QAbstractItemView.State.EditingState
        ):
            return super().event(event)
        assert isinstance(event, QKeyEvent)
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Delete or (key == Qt.Key.Key_Backspace and ctrl):
            self.delete_requested.emit()
        elif ctrl and key == Qt.Key.Key_M:
            self.merge_requested.emit()
        elif ctrl and key == Qt.Key.Key_D:
            self.star_requested.emit()
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_step.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif not ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.vote_requested.emit(1)
        elif not ctrl and key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.vote_requested.emit(-1)
        else:
            return super().event(event)
        return True
