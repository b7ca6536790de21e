"""Adjusting a round by hand: what a drag, a lock, a rename or a menu choice on a card stores.

Each is one undoable command pushed to the command service; a move that would add someone
to (or take someone from) a locked table is refused with a message instead.
"""

from __future__ import annotations

from collections.abc import Callable

from ui.groups.card import GroupCard
from ui.services.commands import CommandService
from workshop.commands import CommandError
from workshop.grouping.commands import (
    DeleteRound,
    EditGroup,
    MoveMember,
    SetGroupLocked,
    SetReportOrder,
)
from workshop.grouping.queries import RoundInfo
from workshop.i18n import _


class Adjustments:
    """The board's edits as commands, for the round `current_round()` returns."""

    def __init__(
        self,
        commands: CommandService,
        current_round: Callable[[], RoundInfo | None],
        warn: Callable[[str], None],
    ) -> None:
        self.commands = commands
        self.current_round = current_round
        self.warn = warn

    def wire(self, card: GroupCard) -> None:
        """Connect a new card's edits."""
        card.lock_toggled.connect(self.lock)
        card.text_edited.connect(self.text_edited)
        card.role_chosen.connect(self.role_chosen)
        card.move_requested.connect(self.move_requested)
        card.report_position_changed.connect(self.report_position)

    def _push(self, command_factory) -> None:
        try:
            self.commands.push(command_factory())
        except CommandError as err:
            self.warn(str(err))

    def _locked_in_the_way(self, rnd: RoundInfo, participant_id: int, group_id: int | None) -> bool:
        """Say so (and do nothing) when a locked group would gain or lose someone."""
        for group in rnd.groups:
            involved = group.id == group_id or participant_id in group.member_ids
            if involved and group.locked:
                self.warn(
                    _("{group} is locked; unlock it first").format(
                        group=group.name or group.table_name
                    )
                )
                return True
        return False

    def dropped(self, group_id: int, participant_id: int, seat: int) -> None:
        rnd = self.current_round()
        if rnd is not None and not self._locked_in_the_way(rnd, participant_id, group_id):
            self._push(lambda: MoveMember(rnd.id, participant_id, group_id, seat))

    def move_requested(self, participant_id: int, group_id: int | None) -> None:
        rnd = self.current_round()
        if rnd is not None and not self._locked_in_the_way(rnd, participant_id, group_id):
            self._push(lambda: MoveMember(rnd.id, participant_id, group_id))

    def lock(self, group_id: int, locked: bool) -> None:
        self._push(lambda: SetGroupLocked(group_id, locked))

    def text_edited(self, group_id: int, field: str, text: str) -> None:
        self._push(lambda: EditGroup(group_id, **{field: text}))

    def role_chosen(self, group_id: int, field: str, participant_id: int | None) -> None:
        self._push(lambda: EditGroup(group_id, **{field: participant_id}))

    def report_position(self, group_id: int, position: int) -> None:
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

    def delete_round(self) -> None:
        rnd = self.current_round()
        if rnd is not None:
            self._push(lambda: DeleteRound(rnd.id))
