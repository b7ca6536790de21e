"""Under the Verslag page's buttons: the progress of a document being written, one status
text, and what to do with the written file (open it, show its folder, send the verslag)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from workshop.i18n import _

if TYPE_CHECKING:
    from workshop.reports.build import BuildResult


class ResultPanel(QWidget):
    """Progress, status and the written file's buttons."""

    open_requested = Signal()
    folder_requested = Signal()
    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = QProgressBar()
        self.progress.setObjectName("report-progress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("report-status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(_("Open PDF"))
        self.open_button.clicked.connect(self.open_requested)
        self.folder_button = QPushButton(_("Show folder"))
        self.folder_button.clicked.connect(self.folder_requested)
        self.send_button = QPushButton(_("Send…"))
        self.send_button.setObjectName("report-send")
        self.send_button.setToolTip(
            _(
                "Opens an e-mail draft in your mail program, with the report attached and the "
                "participants who agreed in BCC. The app itself sends nothing."
            )
        )
        self.send_button.clicked.connect(self.send_requested)
        for button in (self.open_button, self.folder_button, self.send_button):
            button.hide()
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.send_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(row)

    def say(self, text: str) -> None:
        """One plain-text status line (replaces what was said)."""
        self.status.setText(escape(text, quote=False))

    def say_lines(self, lines: list[str]) -> None:
        self.status.setText("<br/>".join(escape(line, quote=False) for line in lines))

    def add_line(self, text: str) -> None:
        self.status.setText(self.status.text() + "<br/>" + escape(text, quote=False))

    def writing(self) -> None:
        """A document is being written: progress from zero, nothing else to do yet."""
        self.progress.setValue(0)
        self.progress.setFormat(_("Reading the session…"))
        self.progress.show()
        self.status.setText("")
        for button in (self.open_button, self.folder_button, self.send_button):
            button.hide()

    def show_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.progress.setFormat(f"{message} — %p%")

    def failed(self, message: str) -> None:
        self.progress.hide()
        self.status.setText(f"<b>{_('No PDF was made.')}</b> {escape(message, quote=False)}")

    def written(self, path: Path, result: BuildResult, fmt: str, can_send: bool) -> None:
        """The document is ready: its size, its warnings, and the buttons for it."""
        self.progress.hide()
        ready = (
            _("Ready: {path} — 1 page, {size} kB")
            if result.pages == 1
            else _("Ready: {path} — {pages} pages, {size} kB")
        )
        if fmt != "pdf":
            ready = _("Ready: {path} — {size} kB")
        size = max(1, round(result.size / 1024))
        lines = [ready.format(path=escape(str(path), quote=False), pages=result.pages, size=size)]
        lines += [f"⚠ {escape(w, quote=False)}" for w in result.warnings]
        self.status.setText("<br/>".join(lines))
        self.open_button.show()
        self.open_button.setText(_("Open PDF") if fmt == "pdf" else _("Open file"))
        self.folder_button.show()
        self.send_button.setVisible(can_send)
