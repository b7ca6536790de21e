"""The import preview: every row of the list with what will happen and its problems."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.kit import theme
from workshop.i18n import N_, _, plural
from workshop.people.importer import ImportPreview, RowAction

ACTION_COLOURS = {
    RowAction.NEW: "#e6f4ea",
    RowAction.UPDATE: "#e8f0fb",
    RowAction.UNCHANGED: "#ffffff",
    RowAction.SKIP: "#fbe9e7",
}


def action_label(action: RowAction) -> str:
    return {
        RowAction.NEW: _("new"),
        RowAction.UPDATE: _("update"),
        RowAction.UNCHANGED: _("unchanged"),
        RowAction.SKIP: _("skipped"),
    }[action]


def _cell(value: object) -> str:
    """A preview cell: the consent column reads yes/no, not True/False."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


class ImportPreviewDialog(QDialog):
    """Shows the preview; accepting means “import these rows” (nothing is stored before)."""

    def __init__(self, parent: QWidget | None, preview: ImportPreview) -> None:
        super().__init__(parent)
        self.setObjectName("import-preview")
        self.preview = preview
        self.setWindowTitle(_("Import {file}").format(file=preview.source))
        encoding = {"utf-8-sig": "UTF-8 (BOM)", "cp1252": "Windows-1252", "xlsx": "Excel"}.get(
            preview.encoding, preview.encoding.upper()
        )
        separator = {";": ";", ",": ",", "\t": _("tab"), "": ""}.get(
            preview.delimiter, preview.delimiter
        )
        mapping = " · ".join(f"{label} ← {header}" for label, header in preview.mapping.describe())
        unused = ", ".join(preview.mapping.unused)
        info = _("Read as {encoding}").format(encoding=encoding)
        if separator:
            info += " · " + _("separator {sep}").format(sep=separator)
        text = (
            f"<b>{_('Columns')}</b>: {escape(mapping, quote=False)}<br/>{escape(info, quote=False)}"
        )
        if unused:
            text += "<br/>" + escape(_("Not used: {columns}").format(columns=unused), quote=False)
        for warning in preview.warnings:
            text += (
                f"<br/><span style='color:{theme.ERROR}'>"
                + escape(warning, quote=False)
                + "</span>"
            )
        header = QLabel(text)
        header.setWordWrap(True)
        header.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel(preview.summary())
        self.summary.setObjectName("import-summary")
        self.summary.setStyleSheet("font-weight:600;")

        fields = ["name", "organisation", "role", "email", "theme_preference", "may_be_named"]
        self.table = QTableWidget(len(preview.rows), 3 + len(fields))
        self.table.setObjectName("import-rows")
        self.table.setHorizontalHeaderLabels(
            [_("Row"), _("What happens")]
            + [_("Name"), _("Organisation"), _("Role"), _("E-mail"), _("Theme"), _("In report")]
            + [_("Remarks")]
        )
        for r, row in enumerate(preview.rows):
            cells = [str(row.line), action_label(row.action)]
            cells += [_cell(row.values.get(f, "")) for f in fields]
            cells.append("\n".join(row.problems))
            colour = QBrush(QColor(ACTION_COLOURS[row.action]))
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setBackground(colour)
                if c == len(cells) - 1 and row.problems:
                    item.setForeground(QBrush(QColor("#8a1c12")))
                    item.setToolTip("\n".join(row.problems))
                changed = 2 <= c < 2 + len(fields) and fields[c - 2] in row.changed
                if row.action == RowAction.UPDATE and changed:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setMinimumSectionSize(40)
        head.setSectionResizeMode(len(fields) + 2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        count = len(preview.actions)
        self.import_button = buttons.addButton(
            plural(count, N_("Import {n} person"), N_("Import {n} people")).format(n=count),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.import_button.setObjectName("import-confirm")
        self.import_button.setEnabled(count > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1180, 600)
