"""Table columns that fit the table: no horizontal scrolling beside the projector panel.

Each column gets the width its header and texts need (up to a cap); one column takes
the rest and elides (its model gives the full text as tooltip); when the table is too
narrow, the least needed columns are hidden (their content is shown elsewhere).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QTableView

PADDING = 18  # cell margins + a little air
ROWS_MEASURED = 200


class ColumnFitter(QObject):
    def __init__(
        self,
        table: QTableView,
        stretch: int,
        caps: dict[int, int],
        hide_order: Sequence[int] = (),
        stretch_min: int = 200,
    ) -> None:
        super().__init__(table)
        self.table = table
        self.stretch = stretch
        self.caps = caps
        self.hide_order = list(hide_order)
        self.stretch_min = stretch_min
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        # the columns' needed widths, measured once per content (a resize only shares out the
        # room again: measuring asks the model for every cell, ~8 ms for the 60-item agenda)
        self._widths: dict[int, int] | None = None
        self._measured_with: tuple | None = None
        table.viewport().installEventFilter(self)
        model = table.model()
        for signal in (
            model.modelReset,
            model.dataChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
        ):
            signal.connect(self._content_changed)
        table.horizontalHeader().setStretchLastSection(False)

    def _content_changed(self, *_args) -> None:
        self._widths = None
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def needed(self, column: int) -> int:
        """Header and texts of one column, in pixels, capped."""
        model = self.table.model()
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = header.fontMetrics().horizontalAdvance(title) + PADDING
        if header.isSortIndicatorShown():
            width += 14
        for row in range(min(model.rowCount(), ROWS_MEASURED)):
            index = model.index(row, column)
            text = str(index.data() or "")
            font = index.data(Qt.ItemDataRole.FontRole)
            advance = (
                type(metrics)(font).horizontalAdvance(text)
                if font is not None
                else metrics.horizontalAdvance(text)
            )
            width = max(width, advance + PADDING)
        return min(width, self.caps.get(column, width))

    def fit(self) -> None:
        table = self.table
        available = table.viewport().width()
        if available <= 0:
            return
        columns = [c for c in range(table.model().columnCount()) if c != self.stretch]
        measured_with = (
            table.font().key(),
            table.horizontalHeader().font().key(),
            table.horizontalHeader().isSortIndicatorShown(),
            tuple(columns),
        )
        if self._widths is None or measured_with != self._measured_with:
            self._widths = {c: self.needed(c) for c in columns}
            self._measured_with = measured_with
        widths = self._widths
        hidden: set[int] = set()
        for candidate in [*self.hide_order, None]:
            used = sum(w for c, w in widths.items() if c not in hidden)
            if available - used >= self.stretch_min or candidate is None:
                break
            hidden.add(candidate)
        for column in columns:
            table.setColumnHidden(column, column in hidden)
            if column not in hidden:
                table.setColumnWidth(column, widths[column])
        used = sum(w for c, w in widths.items() if c not in hidden)
        table.setColumnWidth(self.stretch, max(80, available - used))
