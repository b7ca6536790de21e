"""The import preview: every row of the file with what will be imported and its problems.

Rows with errors start unticked (left out) and can be ticked to import them anyway, with
defaults filling the gaps; nothing is dropped without the user seeing it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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
from workshop.agenda.importing import ImportPreview, ImportRow, Level
from workshop.agenda.kinds import kind_label
from workshop.i18n import N_, _, format_clock, plural

ERROR_TINT = QColor(200, 40, 40, 40)
WARNING_TINT = QColor(230, 160, 0, 45)


class ImportPreviewDialog(QDialog):
    COL_USE, COL_LINE, COL_TITLE, COL_MINUTES, COL_KIND, COL_LEAD, COL_FIXED, COL_PROBLEMS = range(
        8
    )

    def __init__(
        self, preview: ImportPreview, agenda_has_items: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agenda-import-preview")
        self.setWindowTitle(_("Import agenda: {name}").format(name=preview.file_name))
        self.preview = preview
        self.resize(1000, 560)

        name = escape(preview.file_name, quote=False)
        source = escape(preview.source_description(), quote=False)
        intro = QLabel(f"<b>{name}</b><br>{source}")
        intro.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if preview.file_problems:
            notes = QLabel("\n".join("• " + p for p in preview.file_problems))
            notes.setObjectName("import-file-problems")
            notes.setWordWrap(True)
            notes.setStyleSheet(theme.style("warning"))
            layout.addWidget(notes)

        self.table = QTableWidget(len(preview.rows), 8)
        self.table.setObjectName("import-rows")
        self.table.setHorizontalHeaderLabels(
            [
                _("Import"),
                _("Line"),
                _("Item"),
                _("Min."),
                _("Kind"),
                _("Who"),
                _("Fixed at"),
                _("Problems"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.COL_PROBLEMS, QHeaderView.ResizeMode.Stretch)
        for r, row in enumerate(preview.rows):
            self._fill(r, row)
        self.table.resizeRowsToContents()
        self.table.setCurrentCell(-1, -1)
        self.table.itemChanged.connect(lambda _item: self._update_button())
        layout.addWidget(self.table, 1)

        self.summary = QLabel()
        self.summary.setObjectName("import-summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.replace = QCheckBox(
            _("Replace the current agenda (otherwise the rows are added at the end)")
        )
        self.replace.setObjectName("import-replace")
        self.replace.setVisible(agenda_has_items)
        layout.addWidget(self.replace)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import-accept")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_button()

    def _fill(self, r: int, row: ImportRow) -> None:
        values = row.values
        use = QTableWidgetItem()
        use.setFlags(
            Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
        )
        use.setCheckState(Qt.CheckState.Checked if row.ok else Qt.CheckState.Unchecked)
        cells = [
            use,
            QTableWidgetItem(str(row.line)),
            QTableWidgetItem(values["title"]),
            QTableWidgetItem(str(values["planned_minutes"])),
            QTableWidgetItem(kind_label(values["kind"])),
            QTableWidgetItem(values["lead"]),
            QTableWidgetItem(format_clock(values["fixed_start"]) if values["fixed_start"] else ""),
            QTableWidgetItem(
                "\n".join(self._problem_text(p.level, p.message) for p in row.problems)
            ),
        ]
        tint = ERROR_TINT if not row.ok else WARNING_TINT if row.problems else None
        for c, cell in enumerate(cells):
            if c:
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if tint is not None:
                cell.setBackground(QBrush(tint))
            self.table.setItem(r, c, cell)
        if not row.ok:
            cells[self.COL_USE].setToolTip(
                _("Left out because of an error; tick to import it anyway with default values")
            )

    @staticmethod
    def _problem_text(level: Level, message: str) -> str:
        prefix = _("Error") if level is Level.ERROR else _("Warning")
        return f"{prefix}: {message}"

    def chosen_rows(self) -> list[int]:
        return [
            r
            for r in range(self.table.rowCount())
            if self.table.item(r, self.COL_USE).checkState() == Qt.CheckState.Checked
        ]

    def set_included(self, row: int, included: bool) -> None:
        state = Qt.CheckState.Checked if included else Qt.CheckState.Unchecked
        self.table.item(row, self.COL_USE).setCheckState(state)

    def values(self) -> list[dict[str, Any]]:
        return [dict(self.preview.rows[r].values) for r in self.chosen_rows()]

    def _update_button(self) -> None:
        chosen = len(self.chosen_rows())
        total = len(self.preview.rows)
        errors = len(self.preview.error_rows)
        self.import_button.setText(
            plural(total, N_("Import {n} of {total} row"), N_("Import {n} of {total} rows")).format(
                n=chosen, total=total
            )
        )
        self.import_button.setEnabled(chosen > 0)
        parts = [plural(total, N_("{n} row read"), N_("{n} rows read")).format(n=total)]
        if errors:
            parts.append(_("{n} with errors (unticked: left out)").format(n=errors))
        if self.preview.warning_count:
            parts.append(
                plural(
                    self.preview.warning_count,
                    N_("{n} warning (imported with the adjustment shown)"),
                    N_("{n} warnings (imported with the adjustment shown)"),
                ).format(n=self.preview.warning_count)
            )
        self.summary.setText(" · ".join(parts))
