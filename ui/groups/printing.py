"""Table cards as a PDF: written on the DB worker, then opened (or its place said)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ui import system_open
from workshop.i18n import _
from workshop.store.library import Library


def write_cards_pdf(library: Library, *args, **kwargs) -> None:
    """Runs on the DB worker: ReportLab is imported there, not on the UI thread (~0.13 s)."""
    from workshop.grouping.cards_pdf import write_cards_pdf as write

    write(library, *args, **kwargs)


def cards_path(folder: Path, session_id: int, item_id: int, round_number: int) -> Path:
    return folder / f"tafelkaarten-{session_id}-{item_id}-r{round_number}.pdf"


def no_viewer_box(parent: QWidget, path: Path) -> QMessageBox:
    """Where the PDF went, when no program shows PDF files (with a button to its folder)."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        _("Table cards"),
        _("No program to show PDF files was found. The table cards are saved as:"),
        parent=parent,
    )
    box.setObjectName("cards-saved")
    box.setInformativeText(str(path))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    folder = box.addButton(_("Open folder"), QMessageBox.ButtonRole.ActionRole)
    folder.setObjectName("cards-open-folder")
    box.addButton(QMessageBox.StandardButton.Close)
    box.buttonClicked.connect(
        lambda button: system_open.open_path(path.parent) if button is folder else None
    )
    return box
