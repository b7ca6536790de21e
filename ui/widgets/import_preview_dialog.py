"""The import preview: every row of the list with what will happen and its problems.

The rows are a table model (`PreviewModel`) shown by a `QTableView`: a long list costs only
the rows on screen.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.kit import theme
from workshop.i18n import N_, _, format_number, plural
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


FIELDS = ["name", "organisation", "role", "email", "theme_preference", "may_be_named"]
FIT_ROWS = 500  # up to this many rows, columns and rows are sized to their text
LONG_LIST_WIDTHS = (50, 90, 180, 160, 130, 200, 110, 70)


class PreviewModel(QAbstractTableModel):
    """The preview's rows as a table model: a list of 100,000 people is not 900,000 items."""

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = preview.rows
        self.headers = [_("Row"), _("What happens")]
        self.headers += [_("Name"), _("Organisation"), _("Role"), _("E-mail"), _("Theme")]
        self.headers += [_("In report"), _("Remarks")]
        self._bold: QFont | None = None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def text(self, row: int, column: int) -> str:
        line = self.rows[row]
        if column == 0:
            return str(line.line)
        if column == 1:
            return action_label(line.action)
        if column < 2 + len(FIELDS):
            return _cell(line.values.get(FIELDS[column - 2], ""))
        return "\n".join(line.problems)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(ACTION_COLOURS[row.action])
        last = column == len(self.headers) - 1
        if last and row.problems and role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#8a1c12")
        if last and row.problems and role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(row.problems)
        changed = 2 <= column < 2 + len(FIELDS) and FIELDS[column - 2] in row.changed
        if role == Qt.ItemDataRole.FontRole and row.action == RowAction.UPDATE and changed:
            if self._bold is None:
                self._bold = QFont()
                self._bold.setBold(True)
            return self._bold
        return None


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

        self.model = PreviewModel(preview, self)
        self.table = QTableView()
        self.table.setObjectName("import-rows")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        head = self.table.horizontalHeader()
        head.setMinimumSectionSize(40)
        head.setStretchLastSection(True)
        if len(preview.rows) <= FIT_ROWS:  # a short list: columns and rows fit their text
            self.table.resizeColumnsToContents()
            self.table.verticalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents
            )
        else:  # a long list: the view asks only for the rows it shows
            self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            for column, width in enumerate(LONG_LIST_WIDTHS):
                self.table.setColumnWidth(column, width)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        count = preview.action_count
        self.import_button = buttons.addButton(
            plural(count, N_("Import {n} person"), N_("Import {n} people")).format(
                n=format_number(count)
            ),
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
