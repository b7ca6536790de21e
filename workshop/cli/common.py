"""Shared CLI plumbing: --db/--lang, opening the library, one-line errors."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from workshop.commands.base import CommandError
from workshop.errors import disk_full_message, is_disk_full, is_locked, user_message
from workshop.i18n import LANGUAGES, _, set_language
from workshop.paths import default_db_url
from workshop.store.library import Library, LibraryError


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
    try:
        return Library.open(db_url(args))
    except LibraryError as err:
        raise CliError(str(err)) from err


def run_handler(args: argparse.Namespace) -> Any:
    lang = getattr(args, "lang", None)
    if lang:
        set_language(lang)
    try:
        result = args.handler(args)
    except (CommandError, LibraryError) as err:
        raise CliError(str(err)) from err
    except OSError as err:
        if is_disk_full(err):
            raise CliError(disk_full_message()) from err
        raise CliError(_("File problem: {error}").format(error=err)) from err
    except SQLAlchemyError as err:
        if is_disk_full(err) or is_locked(err):
            raise CliError(user_message(err)) from err
        raise
    return 0 if result is None else int(result)
