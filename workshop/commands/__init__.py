"""Undoable user changes."""

from workshop.commands.base import Change, Changes, Command, CommandError
from workshop.commands.runner import CommandRunner, History

__all__ = ["Change", "Changes", "Command", "CommandError", "CommandRunner", "History"]
