"""The `workshop` command line.

Each part of the app owns a module here with `register(subparsers, common)`; adding a
subcommand is adding that module to `SUBCOMMAND_MODULES`. Subcommands that need the window
(`workshop`, `demo`, `selftest`) hand over to the UI's composition root by name
(`ui.app`), so the core itself never imports Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from workshop import __version__
from workshop.cli.argparse_i18n import install as install_argparse_language
from workshop.cli.common import CliError, common_parser, run_handler
from workshop.i18n import LANGUAGES, _, set_language

if TYPE_CHECKING:
    from types import FrameType

    #: what signal.signal takes and gives back
    SignalHandler = Callable[[int, FrameType | None], Any] | int | None

#: Which module registers each subcommand. `main` builds the parser of the one subcommand
#: on the command line (its module alone is imported: `workshop demo` reads none of the
#: others); --help, no known subcommand or a typo get the full parser, which says it all.
COMMANDS = {
    "app": "workshop.cli.gui",
    "demo": "workshop.cli.gui",
    "selftest": "workshop.cli.gui",
    "sessions": "workshop.cli.sessions",
    "new": "workshop.cli.sessions",
    "agenda": "workshop.cli.agenda",
    "participants": "workshop.cli.participants",
    "groups": "workshop.cli.groups",
    "report": "workshop.cli.report",
    "export": "workshop.cli.report",
    "import": "workshop.cli.report",
    "backup": "workshop.cli.backup",
    "forget": "workshop.cli.privacy",
    "series": "workshop.cli.series",
    "actions": "workshop.cli.series",
    "migrate": "workshop.cli.migrate",
    "serve": "workshop.cli.room",
}
SUBCOMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))
#: Options of the common parser that take a value (skipped when looking for the subcommand).
_VALUE_OPTIONS = ("--db", "--lang")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or of `command` alone (the others are not imported)."""
    install_argparse_language()  # "gebruik:", "opties:" in the Dutch app
    common = common_parser()
    parser = argparse.ArgumentParser(
        prog="workshop",
        description=_("Run live participation sessions: agenda, timers, groups, capture, verslag."),
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"workshop {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = (COMMANDS[command],) if command in COMMANDS else SUBCOMMAND_MODULES
    for name in modules:
        importlib.import_module(name).register(subparsers, common)
    return parser


def command_in(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` asks for: "app" when it names none (the default), None when the
    full parser is needed (help before the subcommand, an unknown word)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("-h", "--help"):
            return None
        elif arg in _VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return "app"


def _early_language(argv: Sequence[str]) -> None:
    """Apply --lang before building the parser so --help is in the chosen language."""
    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGUAGES:
            set_language(value)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    _early_language(args_list)
    parser = build_parser(command_in(args_list))
    args = parser.parse_args(args_list)
    if args.command is None:
        args.command = "app"
        args.handler = importlib.import_module("workshop.cli.gui").run_app
    previous = None
    if getattr(args.handler, "__module__", "") != "workshop.cli.gui":
        previous = _exit_on_sigterm()
    try:
        return run_handler(args)
    except CliError as err:
        print(f"workshop: {err}", file=sys.stderr)
        return err.code
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # never a traceback for the user (WORKSHOP_DEBUG=1 shows it)
        return _unexpected(err)
    finally:
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)


class Terminated(SystemExit):
    """SIGTERM: exit code 143 whatever the message (ReportLab re-raises exceptions from a
    layout with their type and an annotated message; the code must survive that)."""

    def __init__(self, *_args: object) -> None:
        super().__init__(143)


def _exit_on_sigterm() -> SignalHandler:
    """SIGTERM (kill, a closing terminal) raises SystemExit, so `finally` blocks remove
    half-written files; without this Python dies at once and leaves them behind."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(_signum: int, _frame: object) -> None:
        raise Terminated()

    return signal.signal(signal.SIGTERM, stop)


def _unexpected(err: Exception) -> int:
    """One line on stderr, the traceback in the error log (and on stderr when debugging)."""
    import os
    import traceback

    from workshop.errors import log_traceback, user_message

    print(f"workshop: {user_message(err)}", file=sys.stderr)
    if os.environ.get("WORKSHOP_DEBUG", "") not in ("", "0"):
        traceback.print_exception(err, file=sys.stderr)
        return 1
    try:
        from workshop.paths import error_log_path

        where = log_traceback(err, error_log_path())
    except OSError:
        where = None
    if where is not None:
        print(_("workshop: details are in {path}").format(path=where), file=sys.stderr)
    return 1


__all__ = ["main", "build_parser"]
