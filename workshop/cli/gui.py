"""Subcommands that open windows: handed to the UI composition root (`ui.app`) by name."""

from __future__ import annotations

import argparse
import importlib
import os

from workshop.cli.common import CliError, db_url
from workshop.i18n import _, current_language


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser("app", parents=[common], help=_("open the app (the default)"))
    _exit_after_show(p)
    p.set_defaults(handler=run_app)

    p = subparsers.add_parser("demo", parents=[common], help=_("open the app on the demo session"))
    _exit_after_show(p)
    p.set_defaults(handler=run_demo)

    p = subparsers.add_parser(
        "selftest", parents=[common], help=_("headless end-to-end check of the whole app")
    )
    p.set_defaults(handler=run_selftest)


def _exit_after_show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--exit-after-show",
        action="store_true",
        help=_("quit with 0 once the main window has been shown and painted"),
    )


def _ui(module: str):
    try:
        return importlib.import_module(module)
    except ImportError as err:  # e.g. Qt's system libraries missing
        raise CliError(_("The window cannot start: {error}").format(error=err)) from err


def _language_chosen(args: argparse.Namespace) -> bool:
    """--lang or WORKSHOP_LANG was given: it wins over the language stored in the library."""
    return bool(getattr(args, "lang", None)) or "WORKSHOP_LANG" in os.environ


def run_app(args: argparse.Namespace) -> int:
    return _run_window(args, demo=False)


def run_demo(args: argparse.Namespace) -> int:
    return _run_window(args, demo=True)


def _run_window(args: argparse.Namespace, demo: bool) -> int:
    """Run the app; once it is done (the library closed), end the process at once."""
    app = _ui("ui.app")
    code = app.run(
        db_url(args),
        current_language(),
        demo=demo,
        exit_after_show=getattr(args, "exit_after_show", False),
        language_chosen=_language_chosen(args),
    )
    app.end_process(code)
    return code


def run_selftest(args: argparse.Namespace) -> int:
    return _ui("ui.selftest").run(current_language(), getattr(args, "db", None))
