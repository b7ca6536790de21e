"""Afterwards: the summary of each agenda item and of the whole session (samenvatting,
vervolg / vooruitblik). Stored after a pause in typing and whenever the field is left."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.kit.binder import FieldBinder
from ui.widgets.scrolling import scrolled
from workshop.capture.queries import SessionCapture
from workshop.i18n import N_, _, plural
from workshop.model import ItemKind

TYPING_PAUSE_MS = 600
SESSION_FIELDS = ("summary", "follow_up")
#: agenda items' rows made per turn of the event loop (60 in one go held the UI thread)
ROWS_PER_TURN = 10


class _Text(QPlainTextEdit):
    left = Signal()

    def event(self, event: QEvent) -> bool:  # not focusOutEvent(): see ui/capture/note_input.py
        handled = super().event(event)
        if event.type() == QEvent.Type.FocusOut:
            self.left.emit()
        return handled


class SummariesPanel(QWidget):
    """Emits `session_edited(field, text)` and `item_edited(item_id, text)` for text that
    differs from what was last shown as stored."""

    session_edited = Signal(str, str)
    item_edited = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("capture-summaries")
        self.info: SessionCapture | None = None
        # keys: a session field's name, or an agenda item's id
        self.binder: FieldBinder[str | int] = FieldBinder(self, self._store, TYPING_PAUSE_MS)
        self.session_fields: dict[str, _Text] = {}
        self.item_fields: dict[int, _Text] = {}
        self._item_ids: list[int] = []  # the items shown (their rows may still be being made)
        self._to_build: list = []  # items whose rows are made on the next turns
        self._build_timer = QTimer(self, singleShot=True, interval=0)
        self._build_timer.timeout.connect(self._build_rows)
        self.form = QFormLayout()
        for name, label, hint in (
            (
                "summary",
                _("Summary (samenvatting)"),
                _("What the session brought, in a few sentences"),
            ),
            ("follow_up", _("Follow-up (vervolg / vooruitblik)"), _("What happens next, and when")),
        ):
            edit = self._make(hint)
            edit.setObjectName(f"summary-session-{name}")
            edit.textChanged.connect(lambda n=name, e=edit: self._typed(n, e.toPlainText()))
            self.form.addRow(label, edit)
            self.session_fields[name] = edit
        self.items_title = QLabel(_("Per agenda item"))
        self.items_title.setStyleSheet("font-weight:bold;font-size:12pt;margin-top:12px;")
        self.form.addRow(self.items_title)
        scroll = scrolled(self.form, 1000)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _make(self, hint: str) -> _Text:
        edit = _Text()
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(hint)
        edit.setMinimumHeight(70)
        edit.setMaximumHeight(130)
        edit.left.connect(self.flush)
        return edit

    def show_info(self, info: SessionCapture) -> None:
        self.info = info
        with self.binder.loading():
            for name, edit in self.session_fields.items():
                value = getattr(info, name)
                if not self.binder.pending(name) and edit.toPlainText() != value:
                    edit.setPlainText(value)
            wanted = [i for i in info.items if i.kind != ItemKind.PAUZE.value]
            if [i.id for i in wanted] != self._item_ids:
                self._rebuild_items(wanted)
            for item in wanted:
                edit = self.item_fields.get(item.id)  # None: its row is made later
                if edit is None:
                    continue
                if not self.binder.pending(item.id) and edit.toPlainText() != item.summary:
                    edit.setPlainText(item.summary)

    def _rebuild_items(self, items) -> None:
        for edit in self.item_fields.values():
            self.form.removeRow(edit)
        self.item_fields.clear()
        self._item_ids = [i.id for i in items]
        self._to_build = [i.id for i in items]
        self._build_rows()

    def _build_rows(self) -> None:
        """The next ROWS_PER_TURN items' rows, with their stored summaries."""
        batch, self._to_build = self._to_build[:ROWS_PER_TURN], self._to_build[ROWS_PER_TURN:]
        by_id = {i.id: i for i in self.info.items} if self.info is not None else {}
        with self.binder.loading():
            for item_id in batch:
                if item_id in by_id:
                    self._add_row(by_id[item_id])
        if self._to_build:
            self._build_timer.start()

    def _add_row(self, item) -> None:
        edit = self._make(_("Summary of this item"))
        edit.setObjectName(f"summary-item-{item.id}")
        edit.textChanged.connect(lambda i=item.id, e=edit: self._typed(i, e.toPlainText()))
        notes = (
            plural(item.note_count, N_("{n} note"), N_("{n} notes")).format(n=item.note_count)
            if item.note_count
            else ""
        )
        label = QLabel(f"{item.position + 1}. {item.title}" + (f"\n{notes}" if notes else ""))
        label.setWordWrap(True)
        label.setMaximumWidth(260)
        self.form.addRow(label, edit)
        self.item_fields[item.id] = edit
        if not self.binder.pending(item.id):
            edit.setPlainText(item.summary)

    def _typed(self, key: str | int, text: str) -> None:
        self.binder.edited(key, text)

    def flush(self) -> None:
        self.binder.flush()

    def _store(self, pending: dict[str | int, str]) -> None:
        info = self.info
        if info is None:
            return
        summaries = {i.id: i.summary for i in info.items}
        for key, text in pending.items():
            if isinstance(key, str):
                if getattr(info, key) != text:
                    self.session_edited.emit(key, text)
            elif key in summaries and summaries[key] != text:
                self.item_edited.emit(key, text)
