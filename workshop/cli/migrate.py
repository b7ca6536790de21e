"""`workshop migrate [--dry-run]`: bring the library's schema up to date, or say what would change."""

from __future__ import annotations

import argparse

from workshop.cli.common import CliError, db_url, open_library
from workshop.i18n import _


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "migrate",
        parents=[common],
        help=_("bring the library's schema up to date (--dry-run: only say what would change)"),
    )
    p.add_argument(
        "--dry-run", action="store_true", help=_("change nothing; list the migration steps")
    )
    p.set_defaults(handler=cmd_migrate)


def cmd_migrate(args: argparse.Namespace) -> int:
    from workshop.store.migration_plan import plan  # not when building the parser

    url = db_url(args)
    found = plan(url)
    if found.unknown:
        raise CliError(
            _(
                "This library was made by a newer version of Workshop (schema {revision}); "
                "nothing was changed."
            ).format(revision=found.current)
        )
    if found.up_to_date:
        print(_("The library is up to date (schema {revision}).").format(revision=found.current))
        return 0
    print(
        _("Schema {current} → {head}: {n} step(s)").format(
            current=found.current or _("(new library)"), head=found.steps[-1][0], n=len(found.steps)
        )
    )
    for revision, what in found.steps:
        print(f"  {revision}: {what}")
    if not found.sqlite:
        print(
            _(
                "Make a backup with pg_dump first: "
                "pg_dump --format=custom --file=workshop-before-migration.dump DATABASE"
            )
        )
    elif found.current is not None:
        print(_("Workshop copies the library file to backups/ before it migrates."))
    if args.dry_run:
        print(_("Dry run: nothing was changed."))
        return 0
    library = open_library(args)  # migrates (a SQLite file is copied first)
    library.close()
    print(_("The library is up to date (schema {revision}).").format(revision=found.steps[-1][0]))
    return 0
