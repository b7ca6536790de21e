"""Groepen: plan breakout rounds for an agenda item, then adjust them by hand.

The planner runs on a worker thread (never the UI's); every adjustment (drag, lock, names,
host, rapporteur, reporting order, absorbing late changes) is one undoable command.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTabBar,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ui import system_open
from ui.kit import theme
from ui.kit.context import PageContext
from ui.widgets.alive import alive
from ui.widgets.group_card import EmptyHint, GroupCard
from ui.widgets.page_undo import PageUndoButton, from_modules
from workshop.changes import Entity
from workshop.commands import Changes, CommandError
from workshop.grouping.commands import (
    DeleteRound,
    EditGroup,
    MoveMember,
    SetGroupLocked,
    SetReportOrder,
)
from workshop.grouping.queries import (
    ItemChoice,
    RoundInfo,
    default_group_item,
    group_items,
    item_rounds,
    measure,
)
from workshop.grouping.session_plan import (
    PlanOptions,
    absorb_command,
    build_request,
    run_planner,
    self_select_command,
    store_command,
)
from workshop.i18n import N_, _, current_language, plural
from workshop.paths import data_dir
from workshop.people.queries import PersonInfo, list_people
from workshop.store.library import Library

#: The planner's own worker thread: planning never blocks the UI or the DB worker.
PLANNER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workshop-planner")

REFRESH_ENTITIES = {Entity.GROUP, Entity.MEMBERSHIP, Entity.PARTICIPANT, Entity.AGENDA_ITEM}


@dataclass(frozen=True)
class GroupsState:
    items: list[ItemChoice]
    item_id: int | None
    rounds: list[RoundInfo]
    people: list[PersonInfo]


def load_state(library: Library, session_id: int, item_id: int | None) -> GroupsState:
    """Everything the page shows, read in one go on the DB worker."""
    items = group_items(library, session_id)
    if item_id is None or all(i.id != item_id for i in items):
        first = default_group_item(items)  # the first item with groups, if any
        item_id = first.id if first else None
    rounds = item_rounds(library, session_id, item_id) if item_id is not None else []
    return GroupsState(items, item_id, rounds, list_people(library, session_id))


class PairsDialog(QDialog):
    """Keep-together and keep-apart pairs for the planner."""

    def __init__(self, parent: QWidget, people: list[PersonInfo], together, apart) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keep together or apart"))
        self.names = {p.id: p.name for p in people}
        self.first = QComboBox()
        self.second = QComboBox()
        for combo in (self.first, self.second):
            for person in people:
                combo.addItem(person.name, person.id)
        add_together = QPushButton(_("Keep together"))
        add_apart = QPushButton(_("Keep apart"))
        add_together.clicked.connect(lambda: self._add("together"))
        add_apart.clicked.connect(lambda: self._add("apart"))
        self.list = QListWidget()
        for kind, pairs in (("together", together), ("apart", apart)):
            for pair in pairs:
                self._item(kind, tuple(pair))
        remove = QPushButton(_("Remove pair"))
        remove.clicked.connect(
            lambda: [self.list.takeItem(self.list.row(i)) for i in self.list.selectedItems()]
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        pick = QHBoxLayout()
        pick.addWidget(self.first, 1)
        pick.addWidget(self.second, 1)
        pick.addWidget(add_together)
        pick.addWidget(add_apart)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.list, 1)
        layout.addWidget(remove)
        layout.addWidget(buttons)
        self.resize(620, 380)

    def _item(self, kind: str, pair: tuple[int, int]) -> None:
        if not all(pid in self.names for pid in pair):
            return
        word = _("together") if kind == "together" else _("apart")
        item = QListWidgetItem(f"{self.names[pair[0]]} + {self.names[pair[1]]}: {word}")
        item.setData(Qt.ItemDataRole.UserRole, (kind, pair))
        self.list.addItem(item)

    def _add(self, kind: str) -> None:
        a, b = self.first.currentData(), self.second.currentData()
        if a is None or b is None or a == b:
            return
        self._item(kind, (a, b))

    def pairs(self, kind: str) -> tuple[tuple[int, int], ...]:
        out = []
        for row in range(self.list.count()):
            k, pair = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            if k == kind:
                out.append(tuple(pair))
        return tuple(out)


def _write_cards_pdf(library: Library, *args, **kwargs) -> None:
    """Runs on the DB worker: ReportLab is imported there, not on the UI thread (~0.13 s)."""
    from workshop.grouping.cards_pdf import write_cards_pdf

    write_cards_pdf(library, *args, **kwargs)


class GroupsPage(QWidget):
    def __init__(self, ctx: PageContext) -> None:
        super().__init__()
        self.setObjectName("page-groups")
        self.ctx = ctx
        self.state: GroupsState | None = None
        self.item_id: int | None = None
        self.round_index = 0
        self.cards: list[GroupCard] = []
        self.together: tuple[tuple[int, int], ...] = ()
        self.apart: tuple[tuple[int, int], ...] = ()
        self._dialogs: list = []
        self.print_dir: Path | None = None  # default: the user data folder's prints/
        self.open_file = system_open.open_path  # frozen app: no bundle paths leak to the viewer
        self.last_pdf: Path | None = None
        self.choice_note = ""  # the outcome of the last "teams by choice"

        self.item_combo = QComboBox()
        self.item_combo.setObjectName("groups-item")
        self.item_combo.setMinimumWidth(200)
        self.item_combo.activated.connect(self._item_chosen)
        self.round_tabs = QTabBar()
        self.round_tabs.setObjectName("groups-rounds")
        self.round_tabs.currentChanged.connect(self._round_chosen)
        self.delete_round = QPushButton(_("Delete round"))
        self.delete_round.clicked.connect(self._delete_round)
        # undoes this page's last step only (the Bewerken menu undoes any step)
        undo = PageUndoButton(ctx.commands, from_modules("workshop.grouping.commands"))
        undo.setObjectName("groups-undo")
        self.undo_button = undo

        # planner options
        self.by_size = QRadioButton(_("Groups of"))
        self.by_size.setChecked(True)
        self.size = QSpinBox()
        self.size.setObjectName("plan-size")
        self.size.setRange(2, 50)
        self.size.setValue(6)
        self.by_count = QRadioButton(_("Number of groups"))
        self.count = QSpinBox()
        self.count.setObjectName("plan-count")
        self.count.setRange(1, 200)
        self.count.setValue(5)
        self.by_choice = QRadioButton(_("Teams by choice"))
        self.by_choice.setObjectName("plan-by-choice")
        self.by_choice.setToolTip(
            _(
                "One team per initiative (the Initiative column), hosted by whoever brings it. "
                "Each person's chosen case is their preferred theme (then second theme), "
                "first come first served; the rest fill the smallest teams."
            )
        )
        self.team_max = QSpinBox()
        self.team_max.setObjectName("plan-team-max")
        self.team_max.setRange(1, 50)
        self.team_max.setValue(6)
        self.team_max.setPrefix(_("max.") + " ")
        self.team_max.setSuffix(" " + _("per team"))
        widest = self.team_max.fontMetrics().horizontalAdvance(
            self.team_max.prefix() + "50" + self.team_max.suffix()
        )
        self.team_max.setMinimumWidth(widest + 48)  # the arrows and the frame
        self.rounds = QSpinBox()
        self.rounds.setObjectName("plan-rounds")
        self.rounds.setRange(1, 20)
        self.mix_org = QCheckBox(_("Spread organisations"))
        self.mix_org.setChecked(True)
        self.mix_role = QCheckBox(_("Spread roles"))
        self.by_theme = QCheckBox(_("By preferred theme"))
        self.hosts_stay = QCheckBox(_("Hosts stay at their table"))
        self.hosts_stay.setToolTip(
            _("World Café: the current hosts keep their table in every round; others move")
        )
        self.pairs_button = QPushButton(_("Together / apart…"))
        self.pairs_button.clicked.connect(self._edit_pairs)
        self.plan_button = QPushButton(_("Plan"))
        self.plan_button.setObjectName("plan-groups")
        self.plan_button.setDefault(True)
        self.plan_button.setToolTip(_("Form the groups; locked groups stay as they are"))
        self.plan_button.setStyleSheet("font-weight:600;padding:4px 18px;")
        self.plan_button.clicked.connect(self.plan)
        self.absorb_button = QPushButton(_("Absorb arrivals and departures"))
        self.absorb_button.setObjectName("absorb-changes")
        self.absorb_button.setToolTip(
            _("Seat late arrivals and free the seats of people who left, moving as few as possible")
        )
        self.absorb_button.clicked.connect(self.absorb)
        self.print_button = QPushButton(_("Print table cards…"))
        self.print_button.setObjectName("print-cards")
        self.print_button.clicked.connect(self.print_cards)

        options = QGroupBox(_("Planner"))
        grid = QGridLayout(options)
        grid.addWidget(self.by_size, 0, 0)
        grid.addWidget(self.size, 0, 1)
        grid.addWidget(self.by_count, 0, 2)
        grid.addWidget(self.count, 0, 3)
        grid.addWidget(QLabel(_("Rounds")), 0, 4)
        grid.addWidget(self.rounds, 0, 5)
        grid.addWidget(self.mix_org, 1, 0, 1, 2)
        grid.addWidget(self.mix_role, 1, 2, 1, 2)
        grid.addWidget(self.by_theme, 1, 4, 1, 2)
        grid.addWidget(self.hosts_stay, 2, 0, 1, 2)
        grid.addWidget(self.pairs_button, 2, 2, 1, 2)
        choice_row = QHBoxLayout()  # a row of its own: the spin box says "max. 6 per team"
        choice_row.addWidget(self.by_choice)
        choice_row.addWidget(self.team_max)
        choice_row.addStretch(1)
        grid.addLayout(choice_row, 3, 0, 1, 7)
        grid.setColumnStretch(6, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.plan_button)
        actions.addWidget(self.absorb_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        grid.addLayout(actions, 4, 0, 1, 7)

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

        self.board = QWidget()
        self.board_layout = QGridLayout(self.board)
        self.board_layout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.board_layout.setSpacing(12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.board)
        self.scroll = scroll

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
        layout.addWidget(options)
        layout.addWidget(self.quality)
        layout.addWidget(self.status)
        layout.addLayout(rounds_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(legend)
        self.reload()

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
        self.item_id = state.item_id
        self._show_items()
        if first_load and state.rounds:
            self._show_options(PlanOptions.from_settings(state.rounds[0].settings))
            if state.rounds[0].settings.get("method") == "self_select":
                self.by_choice.setChecked(True)
                self.team_max.setValue(int(state.rounds[0].settings.get("max_per_team", 6)))
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
        self.item_combo.clear()
        for item in self.state.items:
            self.item_combo.addItem(f"{item.position + 1}. {item.title}", item.id)
        index = self.item_combo.findData(self.item_id)
        self.item_combo.setCurrentIndex(max(index, 0))
        self.item_combo.blockSignals(False)
        has_item = self.item_id is not None
        for widget in (self.plan_button, self.absorb_button, self.print_button):
            widget.setEnabled(has_item)

    def _show_options(self, options: PlanOptions) -> None:
        if options.group_count:
            self.by_count.setChecked(True)
            self.count.setValue(options.group_count)
        else:
            self.by_size.setChecked(True)
            self.size.setValue(options.group_size or 6)
        self.rounds.setValue(options.rounds)
        self.mix_org.setChecked("organisation" in options.mix_on)
        self.mix_role.setChecked("role" in options.mix_on)
        self.by_theme.setChecked(options.by_theme)
        self.hosts_stay.setChecked(bool(options.hosts))
        self.together = options.keep_together
        self.apart = options.keep_apart

    def _show_rounds(self) -> None:
        assert self.state is not None
        rounds = self.state.rounds
        self.round_tabs.blockSignals(True)
        while self.round_tabs.count():
            self.round_tabs.removeTab(0)
        for rnd in rounds:
            self.round_tabs.addTab(_("Round {n}").format(n=rnd.number))
        self.round_index = min(self.round_index, max(len(rounds) - 1, 0))
        self.round_tabs.setCurrentIndex(self.round_index)
        self.round_tabs.blockSignals(False)
        self.delete_round.setEnabled(bool(rounds))
        self._show_board()
        self._show_quality()

    def _show_board(self) -> None:
        rnd = self.current_round()
        if rnd is not None and [g.id for g in rnd.groups] == [c.group.id for c in self.cards]:
            others = [(g.id, g.table_name or g.name) for g in rnd.groups]
            for card, group in zip(self.cards, rnd.groups, strict=True):  # same tables: refresh
                card.show_group(group, [o for o in others if o[0] != group.id], len(rnd.groups))
            return
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        while self.board_layout.count():
            widget = self.board_layout.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        rnd = self.current_round()
        if rnd is None:
            hint = (
                _(
                    "Choose the group size and rounds, then press Plan. Only people who are "
                    "present are placed."
                )
                if self.item_id is not None
                else _("This session has no agenda items yet.")
            )
            self.board_layout.addWidget(EmptyHint(hint), 0, 0)
            return
        others = [(g.id, g.table_name or g.name) for g in rnd.groups]
        columns = self._columns()
        for index, group in enumerate(rnd.groups):
            card = GroupCard(group, [o for o in others if o[0] != group.id], len(rnd.groups))
            card.member_dropped.connect(self._dropped)
            card.lock_toggled.connect(self._lock)
            card.text_edited.connect(self._text_edited)
            card.role_chosen.connect(self._role_chosen)
            card.move_requested.connect(self._move_requested)
            card.report_position_changed.connect(self._report_position)
            self.cards.append(card)
            self.board_layout.addWidget(
                card, index // columns, index % columns, Qt.AlignmentFlag.AlignTop
            )

    def _columns(self) -> int:
        return max(1, (self.scroll.viewport().width() - 12) // 290)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if self.cards and self._columns() != getattr(self, "_laid_columns", 0):
            self._laid_columns = self._columns()
            for index, card in enumerate(self.cards):
                self.board_layout.removeWidget(card)
                self.board_layout.addWidget(
                    card,
                    index // self._laid_columns,
                    index % self._laid_columns,
                    Qt.AlignmentFlag.AlignTop,
                )

    def _show_quality(self) -> None:
        assert self.state is not None
        rounds = self.state.rounds
        present = {p.id for p in self.state.people if p.is_present}
        if not rounds:
            self.quality.setText(
                plural(len(present), N_("{n} person present"), N_("{n} people present")).format(
                    n=len(present)
                )
            )
            self.status.setText("")
            return
        q = measure(rounds)
        placed = rounds[min(self.round_index, len(rounds) - 1)].placed()
        parts = [
            _("{n} placed").format(n=len(placed)),
            _("repeated meetings: {n}").format(n=q.repeated_pairs),
            _("most meetings of one pair: {n}").format(n=q.max_meetings),
            _("colleagues at one table: {n}").format(n=q.organisation_clashes),
            _("size difference: {n}").format(n=q.size_spread),
        ]
        if rounds[0].settings.get("by_theme"):
            parts.append(_("not at first-choice theme: {n}").format(n=q.theme_misses))
        self.quality.setText(" · ".join(parts))
        missing = sorted(p.name for p in self.state.people if p.id in present - placed)
        gone = sorted(p.name for p in self.state.people if p.id in placed - present)
        notes = []
        if missing:
            notes.append(_("Present without a seat: {names}").format(names=", ".join(missing)))
        if gone:
            notes.append(_("Seated but not present: {names}").format(names=", ".join(gone)))
        if notes:
            notes.append(_("“Absorb arrivals and departures” fixes this with few seat changes."))
        if rounds[0].settings.get("method") == "self_select" and self.choice_note:
            notes.insert(0, self.choice_note)  # how the teams by choice came out
        self.status.setText(" ".join(n if n.endswith(".") else n + "." for n in notes))

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
        mix = tuple(
            name
            for name, box in (("organisation", self.mix_org), ("role", self.mix_role))
            if box.isChecked()
        )
        hosts: tuple[tuple[int, int], ...] = ()
        rnd = self.current_round()
        if self.hosts_stay.isChecked() and rnd is not None:
            hosts = tuple((g.host_id, g.position) for g in rnd.groups if g.host_id is not None)
        return PlanOptions(
            rounds=self.rounds.value(),
            group_size=self.size.value() if self.by_size.isChecked() else None,
            group_count=self.count.value() if self.by_count.isChecked() else None,
            mix_on=mix,
            by_theme=self.by_theme.isChecked(),
            keep_together=self.together,
            keep_apart=self.apart,
            hosts=hosts,
        )

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
            loop = asyncio.get_running_loop()
            result = await loop.run_in_executor(PLANNER, run_planner, context.request)
            command = store_command(context, result, _("Plan groups"))
            await self.ctx.commands.push_and_wait(command)
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
        dialog = PairsDialog(self, people, self.together, self.apart)

        def store() -> None:
            self.together = dialog.pairs("together")
            self.apart = dialog.pairs("apart")
            self.pairs_button.setText(
                _("Together / apart ({n})…").format(n=len(self.together) + len(self.apart))
            )

        dialog.accepted.connect(store)
        self._open(dialog)

    # -- adjusting ------------------------------------------------------------------------
    def _push(self, command_factory) -> None:
        try:
            self.ctx.commands.push(command_factory())
        except CommandError as err:
            self._warn(str(err))

    def _locked_in_the_way(self, rnd: RoundInfo, participant_id: int, group_id: int | None) -> bool:
        """Say so (and do nothing) when a locked group would gain or lose someone."""
        for group in rnd.groups:
            involved = group.id == group_id or participant_id in group.member_ids
            if involved and group.locked:
                self._warn(
                    _("{group} is locked; unlock it first").format(
                        group=group.name or group.table_name
                    )
                )
                return True
        return False

    def _dropped(self, group_id: int, participant_id: int, seat: int) -> None:
        rnd = self.current_round()
        if rnd is not None and not self._locked_in_the_way(rnd, participant_id, group_id):
            self._push(lambda: MoveMember(rnd.id, participant_id, group_id, seat))

    def _move_requested(self, participant_id: int, group_id: int | None) -> None:
        rnd = self.current_round()
        if rnd is not None and not self._locked_in_the_way(rnd, participant_id, group_id):
            self._push(lambda: MoveMember(rnd.id, participant_id, group_id))

    def _lock(self, group_id: int, locked: bool) -> None:
        self._push(lambda: SetGroupLocked(group_id, locked))

    def _text_edited(self, group_id: int, field: str, text: str) -> None:
        self._push(lambda: EditGroup(group_id, **{field: text}))

    def _role_chosen(self, group_id: int, field: str, participant_id: int | None) -> None:
        self._push(lambda: EditGroup(group_id, **{field: participant_id}))

    def _report_position(self, group_id: int, position: int) -> None:
        rnd = self.current_round()
        if rnd is None:
            return
        ordered = sorted(
            rnd.groups,
            key=lambda g: g.report_position if g.report_position is not None else g.position,
        )
        ids = [g.id for g in ordered if g.id != group_id]
        ids.insert(min(position - 1, len(ids)), group_id)
        self._push(lambda: SetReportOrder(rnd.id, ids))

    def _delete_round(self) -> None:
        rnd = self.current_round()
        if rnd is not None:
            self._push(lambda: DeleteRound(rnd.id))

    # -- printing -------------------------------------------------------------------------
    @asyncSlot()
    async def print_cards(self) -> None:
        rnd = self.current_round()
        if self.item_id is None or rnd is None:
            self._warn(_("Plan the groups first"))
            return
        folder = self.print_dir or data_dir() / "prints"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"tafelkaarten-{self.ctx.session_id}-{self.item_id}-r{rnd.number}.pdf"
        room = self.ctx.session_services.room  # phones on: each card gets its rapporteur QR
        self.print_button.setEnabled(False)
        try:
            await self.ctx.db.call(
                _write_cards_pdf,
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
            self._no_viewer(path)

    def _no_viewer(self, path: Path) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Table cards"),
            _("No program to show PDF files was found. The table cards are saved as:"),
            parent=self,
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
        self._open(box)

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
