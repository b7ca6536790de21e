"""The Terugkoppeling page's tabs: Capture (queue and photos beside the notes, the note
line under both), Actions, Summaries."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from workshop.i18n import _


class CaptureTabs(QTabWidget):
    """Lays the page's panels out; holds no state of its own."""

    def __init__(
        self,
        queue: QWidget,
        photos: QWidget,
        notes: QWidget,
        line: QWidget,
        actions: QWidget,
        summaries: QWidget,
    ) -> None:
        super().__init__()
        self.setObjectName("capture-tabs")
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("capture-left")
        left.addWidget(queue)
        left.addWidget(photos)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(notes)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 700])
        self.splitter.setChildrenCollapsible(False)
        # The note line spans the whole tab, under both columns: on a laptop beside the
        # projector panel a note line needs the width more than the columns do.
        self.capture_tab = QWidget()
        self.capture_tab.setObjectName("capture-tab")
        capture_layout = QVBoxLayout(self.capture_tab)
        capture_layout.setContentsMargins(0, 0, 0, 0)
        capture_layout.addWidget(self.splitter, 1)
        capture_layout.addWidget(line)
        self.addTab(self.capture_tab, _("Capture"))
        self.addTab(actions, _("Actions"))
        self.addTab(summaries, _("Summaries"))

    def show_capture(self) -> None:
        self.setCurrentWidget(self.capture_tab)
