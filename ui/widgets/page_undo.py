"""An undo button on a page undoes that page's last step, and says which one.

The Bewerken menu (Ctrl+Z) undoes the last step of the whole window; a page's own button
is only enabled while the last step belongs to the page, and its tooltip names the step
("Ongedaan maken: Groep 2 vergrendelen"). When the last step was made elsewhere, the
tooltip says so instead of silently undoing a photo caption on another page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QToolButton, QWidget

from ui.services.commands import CommandService
from ui.widgets.alive import alive
from workshop.commands import Command
from workshop.i18n import _


def last_command(commands: CommandService) -> Command | None:
    """The core command Ctrl+Z would undo now, if any."""
    stack = commands.stack
    index = stack.index()
    if index <= 0:
        return None
    return getattr(stack.command(index - 1), "core", None)


def from_modules(*modules: str) -> Callable[[Command], bool]:
    """A `belongs` test: the command is defined in one of these modules."""
    return lambda command: type(command).__module__ in modules


class PageUndoButton(QToolButton):
    def __init__(
        self,
        commands: CommandService,
        belongs: Callable[[Command], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.commands = commands
        self.belongs = belongs
        self.setText(_("Undo"))
        self.clicked.connect(self._undo)
        commands.stack.indexChanged.connect(self.refresh)
        commands.stack.cleanChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        if not alive(self) or not alive(self.commands.stack):
            return  # the window is closing: the stack or this button is already gone
        command = last_command(self.commands)
        if command is None:
            self.setEnabled(False)
            self.setToolTip(_("Nothing to undo"))
        elif self.belongs(command):
            self.setEnabled(True)
            self.setToolTip(_("Undo: {what}").format(what=command.label))
        else:
            self.setEnabled(False)
            self.setToolTip(
                _("The last step was made elsewhere: {what} (Edit → Undo undoes it)").format(
                    what=command.label
                )
            )

    def _undo(self) -> None:
        command = last_command(self.commands)
        if command is not None and self.belongs(command):
            self.commands.undo()
