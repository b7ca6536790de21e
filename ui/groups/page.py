"""Groepen: plan breakout rounds for an agenda item, then adjust them by hand.

The planner runs on a worker thread (never the UI's); every adjustment (drag, lock, names,
host, rapporteur, reporting order, absorbing late changes) is one undoable command. The board
(ui/groups/board.py) shows the round as cards over one item model, built a few at a time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ui import system_open
from ui.groups.adjust import Adjustments
from ui.groups.board import GroupsBoard
from ui.groups.card import GroupCard
from ui.groups.pairs_dialog import PairsDialog
from ui.groups.planner import WIDGETS, PlannerPanel
from ui.groups.printing import cards_path, no_viewer_box, write_cards_pdf
from ui.groups.quality import quality_lines
from ui.groups.state import GroupsState, load_state
from ui.kit import theme
from ui.kit.context import PageContext
from ui.kit.ops import off_thread
from ui.widgets.alive import alive
from ui.widgets.page_undo import PageUndoButton, from_modules
from workshop.changes import Entity
from workshop.commands import Changes, CommandError
from workshop.grouping.queries import (
    RoundInfo,
)
from workshop.grouping.session_plan import (
    PlanOptions,
    absorb_command,
    build_request,
    run_planner,
    self_select_command,
    store_command,
)
from workshop.i18n import _, current_language
from workshop.paths import data_dir

REFRESH_ENTITIES = {Entity.GROUP, Entity.MEMBERSHIP, Entity.PARTICIPANT, Entity.AGENDA_ITEM}


class GroupsPage(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("page-groups")
        self.ctx = ctx
        self.state: GroupsState | None = None
        self.item_id: int | None = None
        self.round_index = 0
        self._dialogs: list = []
        self.print_dir: Path | None = None  # default: the user data folder's prints/
        self.open_file = system_open.open_path  # frozen app: no bundle paths leak to the viewer
        self.last_pdf: Path | None = None
        self.choice_note = ""  # the outcome of the last "teams by choice"
        self._items_shown: list[tuple[str, int]] = []
        self.series_note = ""  # a meeting of a series: the new encounters of the last plan

        self.item_combo = QComboBox()
        self.item_combo.setObjectName("groups-item")
        self.item_combo.setMinimumWidth(200)
        self.item_combo.activated.connect(self._item_chosen)
        self.round_tabs = QTabBar()
        self.round_tabs.setObjectName("groups-rounds")
        self.round_tabs.currentChanged.connect(self._round_chosen)
        self.adjust = Adjustments(ctx.commands, self.current_round, self._warn)
        self.delete_round = QPushButton(_("Delete round"))
        self.delete_round.clicked.connect(self.adjust.delete_round)
        # undoes this page's last step only (the Bewerken menu undoes any step)
        undo = PageUndoButton(ctx.commands, from_modules("workshop.grouping.commands"))
        undo.setObjectName("groups-undo")
        self.undo_button = undo

        self.planner = PlannerPanel()
        for name in WIDGETS:  # the page's own names for the planner's widgets
            setattr(self, name, getattr(self.planner, name))
        self.pairs_button.clicked.connect(self._edit_pairs)
        self.plan_button.clicked.connect(self.plan)
        self.absorb_button.clicked.connect(self.absorb)
        self.print_button.clicked.connect(self.print_cards)

        self.quality = QLabel()
        self.quality.setObjectName("groups-quality")
        self.quality.setWordWrap(True)
        legend = QLabel(
            "★ "
            + _("host")
            + " · ✎ "
            + _("rapporteur")
            + " · "
            + _("Drag people between tables; right-click a name for host, rapporteur and moves.")
        )
        legend.setStyleSheet("color:palette(mid);")
        legend.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("groups-status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(theme.style("warning"))

        self.board = GroupsBoard(self.adjust.wire)
        self.board.model.member_dropped.connect(self.adjust.dropped)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Agenda item")))
        top.addWidget(self.item_combo, 1)
        rounds_row = QHBoxLayout()
        rounds_row.addWidget(self.round_tabs)
        rounds_row.addStretch(1)
        rounds_row.addWidget(self.delete_round)
        rounds_row.addWidget(undo)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.planner)
        layout.addWidget(self.quality)
        layout.addWidget(self.status)
        layout.addLayout(rounds_row)
        layout.addWidget(self.board, 1)
        layout.addWidget(legend)
        self.reload()

    @property
    def cards(self) -> list[GroupCard]:
        """The cards built so far, in table order."""
        return self.board.cards

    # -- loading --------------------------------------------------------------------------
    @asyncSlot()
    async def reload(self) -> None:
        try:
            state = await self.ctx.db.call(load_state, self.ctx.session_id, self.item_id)
        except RuntimeError:  # the event loop stopped (app closing) before the load ran
            return
        if not alive(self.item_combo):  # the window closed meanwhile
            return
        first_load = self.state is None or self.item_id != state.item_id
        self.state = state
        self.planner.set_in_series(state.in_series)
        self.item_id = state.item_id
        self._show_items()
        if first_load and state.rounds:
            first = state.rounds[0]
            self.planner.show_options(PlanOptions.from_settings(first.settings), first.settings)
        self._show_rounds()
        if self._item_picked == state.item_id:  # the facilitator chose this item just now
            self._item_picked = None
            self._round_to_projector()

    def on_changed(self, changes: Changes) -> None:
        if changes.touches_any(REFRESH_ENTITIES, self.ctx.session_id):
            self.reload()

    def current_round(self) -> RoundInfo | None:
        if self.state is None or not self.state.rounds:
            return None
        return self.state.rounds[min(self.round_index, len(self.state.rounds) - 1)]

    def _show_items(self) -> None:
        assert self.state is not None
        self.item_combo.blockSignals(True)
        labels = [(f"{item.position + 1}. {item.title}", item.id) for item in self.state.items]
        if labels != self._items_shown:  # after a drag the items are the same: no rebuild
            self._items_shown = labels
            self.item_combo.clear()
            for label, item_id in labels:
                self.item_combo.addItem(label, item_id)
        index = self.item_combo.findData(self.item_id)
        self.item_combo.setCurrentIndex(index)
        self.item_combo.blockSignals(False)

    def _show_rounds(self) -> None:
        assert self.state is not None
        rounds = self.state.rounds
        self.round_tabs.blockSignals(True)
        tabs = [_("Round {n}").format(n=rnd.number) for rnd in rounds]
        if tabs != [self.round_tabs.tabText(i) for i in range(self.round_tabs.count())]:
            while self.round_tabs.count():
                self.round_tabs.removeTab(0)
            for text in tabs:
                self.round_tabs.addTab(text)
        self.round_index = min(self.round_index, max(len(rounds) - 1, 0))
        self.round_tabs.setCurrentIndex(self.round_index)
        self.round_tabs.blockSignals(False)
        self.delete_round.setEnabled(bool(rounds))
        self._show_board()
        self._show_quality()

    def _show_board(self) -> None:
        hint = (
            _(
                "Choose the group size and rounds, then press Plan. Only people who are "
                "present are placed."
            )
            if self.item_id is not None
            else _("This session has no agenda items yet.")
        )
        self.board.show_round(self.current_round(), hint)

    def _show_quality(self) -> None:
        assert self.state is not None
        quality, status = quality_lines(
            self.state.rounds,
            self.round_index,
            self.state.people,
            self.choice_note,
            self.series_note,
        )
        self.quality.setText(quality)
        self.status.setText(status)

    # -- choosing -------------------------------------------------------------------------
    #: The item the facilitator picked, until its rounds are loaded (then the projector follows).
    _item_picked: int | None = None

    def _item_chosen(self, index: int) -> None:
        self.item_id = self.item_combo.itemData(index)
        self._item_picked = self.item_id
        self.round_index = 0
        self.state = None
        self.reload()

    def _round_chosen(self, index: int) -> None:
        if index < 0:
            return
        self.round_index = index
        self._show_board()
        self._show_quality()
        self._round_to_projector()

    def _round_to_projector(self) -> None:
        """The room sees the round you open (a round tab, or an item with groups)."""
        rnd = self.current_round()
        projector = self.ctx.session_services.projector
        if rnd is not None and projector is not None:
            projector.select_round(rnd.id)

    def options(self) -> PlanOptions:
        rnd = self.current_round()
        hosts: tuple[tuple[int, int], ...] = ()
        if rnd is not None:
            hosts = tuple((g.host_id, g.position) for g in rnd.groups if g.host_id is not None)
        return self.planner.options(hosts)

    # -- planning -------------------------------------------------------------------------
    @asyncSlot()
    async def plan(self) -> None:
        if self.item_id is None:
            return
        if self.by_choice.isChecked():
            await self.plan_by_choice()
            return
        options = self.options()
        self.plan_button.setEnabled(False)
        self.plan_button.setText(_("Planning…"))
        try:
            context = await self.ctx.db.call(
                build_request, self.ctx.session_id, self.item_id, options
            )
            # on the kit's workers: planning never blocks the UI or the DB worker
            result = await off_thread(run_planner, context.request)
            command = store_command(context, result, _("Plan groups"))
            await self.ctx.commands.push_and_wait(command)
            note = _("series: {new} new encounters in this plan, {repeats} repeated encounters")
            q = result.quality
            in_series = self.state is not None and self.state.in_series and options.series_history
            self.series_note = note.format(new=q.new_pairs, repeats=q.repeated_pairs).capitalize()
            self.series_note = self.series_note if in_series else ""
        except CommandError as err:
            self._warn(str(err))
        except ImportError:
            self._warn(_("The planner is not available in this version"))
        finally:
            if alive(self.plan_button):
                self.plan_button.setEnabled(True)
                self.plan_button.setText(_("Plan"))

    async def plan_by_choice(self) -> None:
        """Teams by choice (self-selection), stored as one round; a summary in the status."""
        assert self.item_id is not None
        try:
            command, result = await self.ctx.db.call(
                self_select_command, self.ctx.session_id, self.item_id, self.team_max.value()
            )
            await self.ctx.commands.push_and_wait(command)
        except CommandError as err:
            self._warn(str(err))
            return
        if not alive(self.status):
            return
        parts = [
            _("{n} teams").format(n=len(result.teams)),
            _("first choice: {n}").format(n=result.got_first),
            _("other choice: {n}").format(n=result.got_other_choice),
            _("placed by the fair fill: {n}").format(n=len(result.filled)),
        ]
        text = " · ".join(parts) + "."
        if result.over_max:
            text += " " + _("Over the maximum (every team was full): {teams}.").format(
                teams=", ".join(result.over_max)
            )
        self.choice_note = text
        if self.state is not None and self.state.rounds:
            self._show_quality()

    @asyncSlot()
    async def absorb(self) -> None:
        if self.item_id is None:
            return
        try:
            command = await self.ctx.db.call(absorb_command, self.ctx.session_id, self.item_id)
        except CommandError as err:
            self._warn(str(err))
            return
        if not alive(self.status):
            return
        if command is None:
            self.status.setText(_("Everyone present has a seat; nothing to change."))
            return
        self.ctx.commands.push(command)

    def _edit_pairs(self) -> None:
        if self.state is None:
            return
        people = [p for p in self.state.people if p.is_present] or self.state.people
        dialog = PairsDialog(self, people, self.planner.together, self.planner.apart)
        dialog.accepted.connect(
            lambda: self.planner.set_pairs(dialog.pairs("together"), dialog.pairs("apart"))
        )
        self._open(dialog)

    # -- printing -------------------------------------------------------------------------
    @asyncSlot()
    async def print_cards(self) -> None:
        rnd = self.current_round()
        if self.item_id is None or rnd is None:
            self._warn(_("Plan the groups first"))
            return
        folder = self.print_dir or data_dir() / "prints"
        folder.mkdir(parents=True, exist_ok=True)
        path = cards_path(folder, self.ctx.session_id, self.item_id, rnd.number)
        room = self.ctx.session_services.built("room")  # phones on: each card gets its QR
        self.print_button.setEnabled(False)
        try:
            await self.ctx.db.call(
                write_cards_pdf,
                self.ctx.session_id,
                self.item_id,
                path,
                rnd.id,
                lang=current_language(),
                links=room.rapporteur_links() if room is not None else {},
            )
        except OSError as err:
            self._warn(_("The PDF could not be written: {error}").format(error=err))
            return
        finally:
            if alive(self.print_button):
                self.print_button.setEnabled(True)
        self.last_pdf = path
        if alive(self.status):
            self.status.setText(_("Table cards saved as {path}").format(path=path))
        if self.open_file(path) is False:  # no PDF viewer: say where it went
            self._open(no_viewer_box(self, path))

    # -- helpers --------------------------------------------------------------------------
    def _open(self, dialog) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(
            lambda _r, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None
        )
        dialog.open()

    def _warn(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Groups"), message, parent=self)
        self._open(box)
