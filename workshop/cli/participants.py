"""`workshop participants SESSION [--import FILE]`: list (and import) a session's people."""

from __future__ import annotations

import argparse
import sys

from workshop.cli.common import open_library
from workshop.commands import CommandRunner
from workshop.i18n import _
from workshop.people.importer import ImportPreview, RowAction, preview_for_session
from workshop.services.people import list_people, presence_label
from workshop.services.sessions import find_session


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "participants",
        parents=[common],
        help=_("list a session's participants (name, organisation, role, present; tab-separated)"),
    )
    p.add_argument("session", metavar="SESSION", help=_("session id or exact title"))
    p.add_argument(
        "--import",
        dest="import_file",
        metavar="FILE",
        help=_("import a registration list first (CSV or XLSX); people already there are updated"),
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=_("with --import: only show what would happen, store nothing"),
    )
    p.set_defaults(handler=cmd_participants)


def report_preview(preview: ImportPreview, out=sys.stderr) -> None:
    """Every row with remarks, then the totals (on stderr: stdout stays the list)."""
    labels = {
        RowAction.NEW: _("new"),
        RowAction.UPDATE: _("update"),
        RowAction.UNCHANGED: _("unchanged"),
        RowAction.SKIP: _("skipped"),
    }
    for row in preview.rows:
        if row.problems:
            print(
                _("row {line} ({name}): {action}: {problems}").format(
                    line=row.line,
                    name=row.name or "-",
                    action=labels[row.action],
                    problems="; ".join(row.problems),
                ),
                file=out,
            )
    for warning in preview.warnings:
        print(warning, file=out)
    print(f"{preview.source}: {preview.summary()}", file=out)


def cmd_participants(args: argparse.Namespace) -> int:
    library = open_library(args)
    try:
        session_id = find_session(library, args.session)
        if args.import_file:
            preview = preview_for_session(library, session_id, args.import_file)
            report_preview(preview)
            command = preview.command(session_id)
            if command is not None and not args.dry_run:
                CommandRunner(library).do(command)
        for person in list_people(library, session_id):
            print(
                "\t".join(
                    (person.name, person.organisation, person.role, presence_label(person.presence))
                )
            )
    finally:
        library.close()
    return 0
