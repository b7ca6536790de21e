"""Undoable user changes."""

from workshop.commands.base import Change, Changes, Command
from workshop.commands.runner import CommandRunner, History
from workshop.errors import CommandError

__all__ = ["Change", "Changes", "Command", "CommandError", "CommandRunner", "History"]
