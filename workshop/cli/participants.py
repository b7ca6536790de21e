"""`workshop participants SESSION [--import FILE]`: list (and import) a session's people."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from workshop.cli.common import open_library
from workshop.i18n import _

if TYPE_CHECKING:
    from workshop.people.importer import ImportPreview

# The handlers import what they use, so that building the parser stays cheap.


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
        "--anonymous",
        action="store_true",
        help=_("no names: a role word instead, organisations and roles of fewer than 3 as other"),
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help=_("with --import: only show what would happen, store nothing"),
    )
    p.add_argument(
        "--check-in",
        nargs="+",
        metavar="NAME",
        help=_("mark people present: 'all' or one or more names (exact, accents optional)"),
    )
    p.add_argument(
        "--check-out",
        nargs="+",
        metavar="NAME",
        help=_("mark people as left: 'all' or one or more names"),
    )
    p.set_defaults(handler=cmd_participants)


def report_preview(preview: ImportPreview, out=None) -> None:
    """Every row with remarks, then the totals (on stderr: stdout stays the list)."""
    out = out or sys.stderr
    from workshop.people.importer import RowAction

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


def print_anonymous(people) -> None:
    """The list without names or e-mail addresses, through the privacy module's rules."""
    from workshop.people.queries import presence_label
    from workshop.privacy.redaction import anonymous_rows

    shown = anonymous_rows([(p.organisation, p.role) for p in people], _("other"))
    rows = sorted(
        (org, role, presence_label(p.presence))
        for p, (org, role) in zip(people, shown, strict=True)
    )  # sorted: the order by name would give the names away
    for org, role, presence in rows:
        print("\t".join((_("a participant"), org, role, presence)))


def link_to_series(library, session_id: int, dry_run: bool = False) -> None:
    """A meeting of a series: show who is already known (and how), then link them."""
    from workshop.commands import CommandRunner
    from workshop.series.commands import LinkPeople
    from workshop.series.queries import preview_session_matches, series_id_of
    from workshop.series.register import MatchHow, summary

    if series_id_of(library, session_id) is None:
        return
    series_id, matches = preview_session_matches(library, session_id)
    if not matches:
        return
    how_words = {
        MatchHow.EMAIL: _("known (e-mail)"),
        MatchHow.NAME: _("known (name and organisation)"),
        MatchHow.NEW: _("new in the series"),
    }
    for m in matches:
        print(f"{m.incoming.name}: {how_words[m.how]}", file=sys.stderr)
    counts = summary(matches)
    print(
        _("series register: {email} by e-mail, {name} by name, {new} new").format(
            email=counts[MatchHow.EMAIL], name=counts[MatchHow.NAME], new=counts[MatchHow.NEW]
        ),
        file=sys.stderr,
    )
    if not dry_run:
        CommandRunner(library).do(LinkPeople(series_id, session_id, matches))


def check_in(library, session_id: int, names: list[str], presence: str) -> None:
    """Mark 'all' or the named people; an unknown name is one clear error, nothing stored."""
    from workshop.cli.common import CliError
    from workshop.commands import CommandRunner
    from workshop.people.commands import SetPresence
    from workshop.people.queries import list_people
    from workshop.privacy.redaction import key_of

    people = list_people(library, session_id)
    if [n.casefold() for n in names] in (["all"], ["alle"], ["iedereen"]):
        ids = [p.id for p in people]
    else:
        by_key: dict[str, list[int]] = {}
        for p in people:
            by_key.setdefault(key_of(p.name), []).append(p.id)
        ids = []
        for name in names:
            found = by_key.get(key_of(name), [])
            if len(found) != 1:
                message = (
                    _("No participant called {name}")
                    if not found
                    else _("Several participants are called {name}")
                )
                raise CliError(message.format(name=name))
            ids.extend(found)
    if ids:
        CommandRunner(library).do(SetPresence(ids, presence))


def cmd_participants(args: argparse.Namespace) -> int:
    from workshop.commands import CommandRunner
    from workshop.people.importer import preview_for_session
    from workshop.people.queries import list_people, presence_label
    from workshop.sessions.queries import find_session

    library = open_library(args)
    try:
        session_id = find_session(library, args.session)
        if args.import_file:
            preview = preview_for_session(library, session_id, args.import_file)
            report_preview(preview)
            command = preview.command(session_id)
            if command is not None and not args.dry_run:
                CommandRunner(library).do(command)
            link_to_series(library, session_id, dry_run=args.dry_run)
        for names, presence in ((args.check_in, "aanwezig"), (args.check_out, "vertrokken")):
            if names:
                check_in(library, session_id, names, presence)
        people = list_people(library, session_id)
        if args.anonymous:
            print_anonymous(people)
            return 0
        for person in people:
            print(
                "\t".join(
                    (person.name, person.organisation, person.role, presence_label(person.presence))
                )
            )
    finally:
        library.close()
    return 0
