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
from collections.abc import Sequence

from workshop import __version__
from workshop.cli.common import CliError, common_parser, run_handler
from workshop.i18n import LANGUAGES, _, set_language

SUBCOMMAND_MODULES = (
    "workshop.cli.gui",
    "workshop.cli.sessions",
    "workshop.cli.agenda",
    "workshop.cli.participants",
    "workshop.cli.groups",
    "workshop.cli.report",
    "workshop.cli.privacy",
)


def build_parser() -> argparse.ArgumentParser:
    common = common_parser()
    parser = argparse.ArgumentParser(
        prog="workshop",
        description=_("Run live participation sessions: agenda, timers, groups, capture, verslag."),
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"workshop {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common)
    return parser


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
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        args.command = "app"
        args.handler = importlib.import_module("workshop.cli.gui").run_app
    try:
        return run_handler(args)
    except CliError as err:
        print(f"workshop: {err}", file=sys.stderr)
        return err.code


__all__ = ["main", "build_parser"]
