"""The Actions tab: every action of the session in one table, read again when it is shown
(not after every note typed), edits stored as commands."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from ui.capture.actions_table import ActionsTable
from ui.kit.context import PageContext
from ui.kit.reload import Reloader
from ui.widgets.alive import alive
from workshop.capture.commands.notes import EditNote
from workshop.capture.queries import actions


class ActionsOverview(QObject):
    """Keeps `table` in step with the stored actions while it is the shown tab."""

    def __init__(
        self,
        ctx: PageContext,
        table: ActionsTable,
        shown: Callable[[], bool],
        on_error: Callable[[str], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.table = table
        self._shown = shown
        self._stale = True
        self.reload = Reloader(self._load, on_error, lambda: alive(self))
        table.edit.connect(
            lambda nid, fields, before: ctx.commands.push(EditNote(nid, **fields).seen(**before))
        )

    def changed(self) -> None:
        """Notes or groups changed: read now if shown, else when the tab is next shown."""
        if self._shown():
            self.reload.request()
        else:
            self._stale = True

    def tab_shown(self) -> None:
        if self._stale:
            self._stale = False
            self.reload.request()

    async def _load(self) -> None:
        self.table.show_actions(await self._ctx.db.call(actions, self._ctx.session_id))
