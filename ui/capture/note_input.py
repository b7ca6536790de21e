"""The always-ready input line: Enter stores, a leading mark or Ctrl+1…6 sets the kind,
and a preview shows how the line will be read (kind, who, when, speaker) before Enter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.capture.kinds import COLOURS, GLYPHS, kind_name
from workshop.capture.marks import BY_NUMBER
from workshop.capture.parser import MAX_NOTE_CHARS, ParsedNote, parse_line
from workshop.i18n import _, format_number, format_short_date
from workshop.model import NoteKind

#: Above this length the live preview is skipped (parsing stays off the keystroke path).
PREVIEW_LIMIT = 2000


class NoteLine(QLineEdit):
    """A line edit that keeps Ctrl+1…6 for itself (window shortcuts must not take them)."""

    kind_key = Signal(int)  # 1..6
    clear_kind = Signal()

    # Only event() is overridden: with PySide6 6.12 every call of a Python override of a
    # void virtual such as keyPressEvent() drops one reference to None, and a long day of
    # typing (or one 10,000-character note) ends in "deallocating None".
    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self._kind_number(event) is not None:
            event.accept()
            return True
        if kind == QEvent.Type.KeyPress:
            number = self._kind_number(event)
            if number is not None:
                self.kind_key.emit(number)
                return True
            if event.key() == Qt.Key.Key_Escape and not self.text():
                self.clear_kind.emit()
                return True
        return super().event(event)

    @staticmethod
    def _kind_number(event) -> int | None:
        if not isinstance(event, QKeyEvent):
            return None
        if (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_6
        ):
            return event.key() - Qt.Key.Key_0
        return None


class NoteInput(QWidget):
    """Emits `submitted(ParsedNote)` on Enter; `typed(str)` on every edit (for drafts)."""

    submitted = Signal(object)
    typed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session_date: date | None = None
        self.override: NoteKind | None = None
        self._chip_state: tuple[NoteKind, bool] | None = None
        self.line = NoteLine()
        self.line.setObjectName("capture-input")
        self.line.setMaxLength(MAX_NOTE_CHARS)
        self.line.setClearButtonEnabled(True)
        font = QFont(self.line.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.line.setFont(font)
        self.line.setMinimumHeight(40)
        self.kind_chip = QLabel()
        self.kind_chip.setObjectName("capture-kind-chip")
        self.kind_chip.setMinimumWidth(110)
        self.kind_chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview = QLabel()
        self.preview.setObjectName("capture-preview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setStyleSheet("color: palette(mid);")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.kind_chip)
        row.addWidget(self.line, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.preview)
        self.line.returnPressed.connect(self._submit)
        self.line.textChanged.connect(self._update_preview)
        self.line.textEdited.connect(lambda text: self.typed.emit(text))
        self.line.kind_key.connect(self.choose_kind)
        self.line.clear_kind.connect(lambda: self.choose_kind(None))
        self._update_preview(self.line.text())

    def set_placeholder(self, where: str) -> None:
        self.line.setPlaceholderText(
            _("Type a note for {where} · Enter stores · F1 marks and keys").format(where=where)
        )

    def choose_kind(self, number: int | None) -> None:
        """Ctrl+number: the kind of the next note, whatever its mark (Ctrl+same again: off)."""
        chosen = BY_NUMBER[number].kind if number in BY_NUMBER else None
        self.override = None if chosen == self.override else chosen
        self._update_preview(self.line.text())
        self.line.setFocus()

    def parsed(self) -> ParsedNote:
        return parse_line(self.line.text(), self.session_date, self.override)

    def _submit(self) -> None:
        parsed = self.parsed()
        if parsed.empty:
            self.preview.setText(_("Nothing to store: type the note after the mark."))
            return
        self.submitted.emit(parsed)

    def clear(self) -> None:
        self.line.clear()
        self.override = None
        self._update_preview("")

    def _update_preview(self, text: str) -> None:
        if len(text) > PREVIEW_LIMIT:
            kind = self.override or parse_line(text[:50], None, None).kind
            self._show_kind(kind, fixed=self.override is not None)
            self.preview.setText(_("{n} characters").format(n=format_number(len(text))))
            return
        parsed = parse_line(text, self.session_date, self.override)
        self._show_kind(parsed.kind, fixed=self.override is not None)
        bits = []
        if parsed.speaker:
            bits.append(_("speaker: {name}").format(name=parsed.speaker))
        if parsed.action_who:
            bits.append(_("who: {who}").format(who=parsed.action_who))
        if parsed.action_due:
            bits.append(_("when: {date}").format(date=format_short_date(parsed.action_due)))
        elif parsed.kind == NoteKind.ACTIE and text.strip():
            bits.append(_("no date recognised"))
        shown = " · ".join(bits)
        if shown != self.preview.text():
            self.preview.setText(shown)

    def _show_kind(self, kind: NoteKind, fixed: bool) -> None:
        if (kind, fixed) == self._chip_state:
            return  # restyling a widget costs milliseconds: only when the kind changes
        self._chip_state = (kind, fixed)
        label = f"{GLYPHS[kind]}  {kind_name(kind)}"
        if fixed:
            label += " 🔒"
        self.kind_chip.setText(label)
        self.kind_chip.setToolTip(
            _("Chosen with Ctrl+number; Escape on an empty line or the same key again turns it off")
            if fixed
            else _("Set by the first character; Ctrl+1…6 chooses a kind")
        )
        self.kind_chip.setStyleSheet(
            f"background:{COLOURS[kind]};color:white;border-radius:6px;padding:4px 8px;font-weight:bold;"
        )
