"""`workshop backup [-o FILE]`: a consistent copy of the library (SQLite backup API)."""

from __future__ import annotations

import argparse
from pathlib import Path

from workshop.cli.common import CliError, db_url
from workshop.i18n import _


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "backup",
        parents=[common],
        help=_("make a backup copy of the library (safe while Workshop runs)"),
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=_("where to write it (default: backups/ next to the library)"),
    )
    p.set_defaults(handler=cmd_backup)


def cmd_backup(args: argparse.Namespace) -> int:
    from workshop.store.backup import backup_file, library_file  # not when building the parser

    path = library_file(db_url(args))
    if not path.exists():
        raise CliError(_("There is no library at {path}").format(path=path))
    target = backup_file(path, Path(args.output) if args.output else None)
    print(_("Backup written to {path}").format(path=target))
    return 0
