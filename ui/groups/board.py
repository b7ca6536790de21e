"""The board of one round: a card per table, laid out in columns, built a few at a time.

A round of 30 tables takes ~150 ms of widget work; done in one go that is one long stall of
the UI thread. The board builds (and throws away) cards in batches of `BATCH`, one batch per
turn of the event loop, so no turn takes much over 30 ms; a newer round cancels the batches
still pending. The same tables as before are refreshed in place (only the changed ones);
another round (a round tab, a new plan) shows its tables on the cards already built.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QScrollArea, QWidget

from ui.groups.card import EmptyHint, GroupCard
from ui.groups.members import RoundModel
from ui.widgets.alive import alive
from workshop.grouping.queries import GroupInfo, RoundInfo

BATCH = 3  # cards built (or deleted) per turn of the event loop
CARD_WIDTH = 290  # a card and its spacing


class GroupsBoard(QScrollArea):
    """Cards for the tables of a round; `cards` lists those built so far, in table order."""

    def __init__(self, wire: Callable[[GroupCard], None]) -> None:
        super().__init__()
        self.setObjectName("groups-board")
        self.setWidgetResizable(True)
        self.model = RoundModel(self)
        self.cards: list[GroupCard] = []
        self.batch = BATCH  # the benchmark sets it to all cards at once, for its baseline
        self._wire = wire  # connects a new card's signals to the page
        self._pending: list[int] = []  # rows of the round still to build
        self._trash: list[QWidget] = []  # cards of an earlier round, deleted a batch at a time
        self._generation = 0
        self._hint: EmptyHint | None = None
        self._columns = 0
        self.surface = QWidget()
        self.grid = QGridLayout(self.surface)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.grid.setSpacing(12)
        self.setWidget(self.surface)

    def building(self) -> bool:
        """Cards still being built or thrown away."""
        return bool(self._pending or self._trash)

    # -- showing --------------------------------------------------------------------------
    def show_round(self, rnd: RoundInfo | None, hint: str) -> None:
        """Show `rnd`'s tables (or `hint` when there is no round)."""
        groups = list(rnd.groups) if rnd is not None else []
        if rnd is not None and [g.id for g in groups] == [g.id for g in self.model.groups]:
            self.model.set_groups(groups)
            for row, card in enumerate(self.cards):  # the same tables: refresh the changed
                group = groups[row]
                others = self._others(groups, group)
                if group != card.group or others != card.others:
                    card.show_group(group, others, len(groups))
            return
        self._generation += 1
        self.model.set_groups(groups)
        if self._hint is not None:
            self._hint.hide()
            self._trash.append(self._hint)
            self._hint = None
        # other tables: the cards there are shown again with them (cheap), extra ones go
        keep = self.cards[: len(groups)]
        for card in self.cards[len(groups) :]:
            card.hide()
            self.grid.removeWidget(card)
            self._trash.append(card)
        self.cards = keep
        for row, card in enumerate(keep):
            card.rebind(groups[row], self._others(groups, groups[row]), len(groups), row)
        self._pending = list(range(len(keep), len(groups)))
        if rnd is None:
            self._hint = EmptyHint(hint)
            self.grid.addWidget(self._hint, 0, 0)
        self._columns = self._columns or self.columns()
        generation = self._generation  # the first batch on the next turn: the page's own
        QTimer.singleShot(0, lambda: self._step(generation))  # work stays a turn of its own

    def _step(self, generation: int) -> None:
        if generation != self._generation or not alive(self.surface):
            return
        for widget in self._trash[: self.batch]:
            widget.setParent(None)
            widget.deleteLater()
        del self._trash[: self.batch]
        groups = self.model.groups
        for row in self._pending[: self.batch]:
            group = groups[row]
            card = GroupCard(
                group, self._others(groups, group), len(groups), self.model, row, self.surface
            )
            self._wire(card)
            self.cards.append(card)
            self._place(card, row)
        del self._pending[: self.batch]
        if self._pending or self._trash:
            QTimer.singleShot(2, lambda: self._step(generation))  # a timer: other events first

    @staticmethod
    def _others(groups: list[GroupInfo], group: GroupInfo) -> list[tuple[int, str]]:
        return [(g.id, g.table_name or g.name) for g in groups if g.id != group.id]

    # -- layout ---------------------------------------------------------------------------
    def columns(self) -> int:
        return max(1, (self.viewport().width() - 12) // CARD_WIDTH)

    def _place(self, card: GroupCard, row: int) -> None:
        columns = self._columns or self.columns()
        self.grid.addWidget(card, row // columns, row % columns, Qt.AlignmentFlag.AlignTop)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.cards and self.columns() != self._columns:
            self._columns = self.columns()
            for row, card in enumerate(self.cards):
                self.grid.removeWidget(card)
                self._place(card, row)
