"""The Deelnemers page's table of people: presence chips, the "In report" column beside
them, and which people are selected or visible under the search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.pages.people_model import (
    NAMED_COLUMN,
    PRESENCE_COLUMN,
    PeopleFilter,
    PeopleModel,
    PresenceDelegate,
)
from workshop.people.queries import PersonInfo


class PeopleTable(QTableView):
    """A panel: shows the people (`people`, filtered by `proxy`); the page acts on them."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("people-table")
        self.people = PeopleModel()
        self.proxy = PeopleFilter()
        self.proxy.setSourceModel(self.people)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        self.delegate = PresenceDelegate(self)  # its `chosen(pid, presence)`: a chip clicked
        self.setItemDelegateForColumn(PRESENCE_COLUMN, self.delegate)
        head = self.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((210, 250, 210, 150, 160, 80)):
            self.setColumnWidth(column, width)
        head.setStretchLastSection(True)
        # Consent ("In verslag") sits right after presence, so it is in view on a laptop
        # beside the projector panel (visual order only; the model's columns stay).
        head.moveSection(head.visualIndex(NAMED_COLUMN), head.visualIndex(PRESENCE_COLUMN) + 1)

    def person_at(self, index) -> PersonInfo:
        return self.people.people[self.proxy.mapToSource(index).row()]

    def visible_people(self) -> list[PersonInfo]:
        return [self.person_at(self.proxy.index(r, 0)) for r in range(self.proxy.rowCount())]

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.selectionModel().selectedRows()})

    def selected_people(self) -> list[PersonInfo]:
        rows = self.selected_rows() if self.people.people else []
        return [self.person_at(self.proxy.index(r, 0)) for r in rows]

    def row_of(self, participant_id: int) -> int:
        for row in range(self.proxy.rowCount()):
            if self.person_at(self.proxy.index(row, 0)).id == participant_id:
                return row
        return -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.proxy.rowCount():
            self.selectRow(row)
            self.scrollTo(self.proxy.index(row, 0))

    def reselect(self, ids: set[int]) -> None:
        """Select these people again (after a reload)."""
        if not ids:
            return
        selection = self.selectionModel()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.person_at(index).id in ids:
                selection.select(
                    index,
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )
                self.setCurrentIndex(index)
