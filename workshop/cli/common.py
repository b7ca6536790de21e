"""Shared CLI plumbing: --db/--lang, opening the library, one-line errors."""

from __future__ import annotations

import argparse
import os
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
    """--db, else $WORKSHOP_DB, else the library chosen on this machine, else the file in
    the user data folder."""
    given = getattr(args, "db", None) or os.environ.get("WORKSHOP_DB", "")
    if given:
        return given
    from workshop import local_settings

    return local_settings.get(local_settings.LIBRARY_KEY) or default_db_url()


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
        from workshop.errors import disk_full_message, is_disk_full, is_locked, user_message

        if _user_error(err):
            raise CliError(str(err)) from err
        if isinstance(err, OSError):
            if is_disk_full(err):
                raise CliError(disk_full_message()) from err
            raise CliError(_("File problem: {error}").format(error=err)) from err
        sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")  # loaded once a handler used it
        if (
            sqlalchemy_exc is not None
            and isinstance(err, sqlalchemy_exc.SQLAlchemyError)
            and (is_disk_full(err) or is_locked(err))
        ):
            raise CliError(user_message(err)) from err
        raise
    return 0 if result is None else int(result)
