"""F1: the marks and keys of the capture page on one sheet."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.capture.kinds import COLOURS, GLYPHS
from workshop.capture.marks import MARKS
from workshop.i18n import N_, _

#: (keys, what they do), shown under the marks; texts are translated where shown
KEYS: tuple[tuple[str, str], ...] = (
    ("Enter", N_("Store the note under the current group or item")),
    ("Ctrl+1 … Ctrl+6", N_("Choose the kind for the next note (overrides the mark)")),
    ("F8", N_("Next group or pitch: it gets the floor and its speaking time starts")),
    ("Shift+F8", N_("Back to the previous group or pitch")),
    ("F7", N_("Pause or resume the speaking time")),
    ("Alt+↑ / Alt+↓", N_("Move the chosen group up or down in the queue")),
    ("Ctrl+↑ / Ctrl+↓", N_("Move the chosen note up or down")),
    ("F2", N_("Edit the chosen note in place")),
    ("Delete", N_("Delete the chosen notes (Ctrl+Z brings them back)")),
    ("Ctrl+M", N_("Merge the chosen notes")),
    ("Ctrl+D", N_("Star the chosen notes")),
    ("+ / −", N_("One dot-vote more or less for the chosen note")),
    ("Ctrl+Z / Ctrl+Shift+Z", N_("Undo / redo, also a delete or a merge")),
    ("F1", N_("This sheet")),
)


def cheat_sheet_html() -> str:
    rows = []
    for mark in MARKS:
        sign = escape(mark.marks[0]) if mark.marks else "—"
        colour = COLOURS[mark.kind]
        rows.append(
            "<tr>"
            f"<td style='padding:4px 8px'><span style='color:white;background:{colour};"
            f"font-weight:bold'>&nbsp;{escape(GLYPHS[mark.kind])}&nbsp;</span> "
            f"<b>{escape(_(mark.name))}</b></td>"
            f"<td style='padding:4px 8px;font-family:monospace;font-size:13pt'><b>{sign}</b></td>"
            f"<td style='padding:4px 8px'>Ctrl+{mark.number}</td>"
            f"<td style='padding:4px 8px'>{escape(_(mark.explanation))}<br>"
            f"<span style='color:#555;font-family:monospace'>{escape(_(mark.example))}</span></td>"
            "</tr>"
        )
    keys = "".join(
        f"<tr><td style='padding:3px 8px;white-space:nowrap'><b>{escape(k)}</b></td>"
        f"<td style='padding:3px 8px'>{escape(_(what))}</td></tr>"
        for k, what in KEYS
    )
    dates = _(
        "Dates in actions: by 1 June, 1-6, 1 June 2026, tomorrow, next week, Friday. "
        "A date without a year is the first such day from the session date on."
    )
    escape_tip = _("Start with a backslash to keep a mark as text: \\?not a question.")
    head = "".join(
        f"<th align='left' style='padding:4px 8px'>{escape(t)}</th>"
        for t in (_("Kind"), _("Mark"), _("Key"), _("Meaning and example"))
    )
    return (
        f"<h2>{escape(_('Typing notes'))}</h2>"
        f"<p>{escape(_('Start a line with a mark to choose its kind; plain text is a point.'))}</p>"
        f"<table cellspacing='0'><tr>{head}</tr>{''.join(rows)}</table>"
        f"<p>{escape(dates)}</p><p>{escape(escape_tip)}</p>"
        f"<h2>{escape(_('Keys'))}</h2><table>{keys}</table>"
    )


class CheatSheet(QDialog):
    """Non-modal; shown with open() so typing can go on next to it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capture-cheatsheet")
        self.setWindowTitle(_("Cheat sheet: marks and keys"))
        self.setModal(False)
        self.resize(820, 680)
        label = QLabel(cheat_sheet_html())
        label.setObjectName("cheatsheet-text")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setContentsMargins(12, 6, 12, 6)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
