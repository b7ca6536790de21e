"""Shared CLI plumbing: --db/--lang, opening the library, one-line errors."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from workshop.i18n import LANGUAGES, _, set_language
from workshop.paths import default_db_url

if TYPE_CHECKING:
    from workshop.store.library import Library

# SQLAlchemy (through the store and the commands) is imported only by handlers that open the
# library: `workshop` and `workshop demo` show their window first and import it meanwhile.


class CliError(Exception):
    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def common_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=_("library database (SQLAlchemy URL); default: $WORKSHOP_DB or the user data folder"),
    )
    common.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=_("language (nl or en)")
    )
    return common


def db_url(args: argparse.Namespace) -> str:
    return getattr(args, "db", None) or default_db_url()


def open_library(args: argparse.Namespace) -> Library:
    from workshop.store.library import Library, LibraryError

    try:
        return Library.open(db_url(args))
    except LibraryError as err:
        raise CliError(str(err)) from err


def _user_error(err: Exception) -> bool:
    """A CommandError or LibraryError (their modules are loaded once a handler raised one)."""
    commands = sys.modules.get("workshop.commands.base")
    store = sys.modules.get("workshop.store.library")
    return (commands is not None and isinstance(err, commands.CommandError)) or (
        store is not None and isinstance(err, store.LibraryError)
    )


def run_handler(args: argparse.Namespace) -> Any:
    lang = getattr(args, "lang", None)
    if lang:
        set_language(lang)
    try:
        result = args.handler(args)
    except CliError:
        raise
    except Exception as err:
        if _user_error(err):
            raise CliError(str(err)) from err
        if isinstance(err, OSError):
            raise CliError(_("File problem: {error}").format(error=err)) from err
        raise
    return 0 if result is None else int(result)
