"""`workshop series [NAME]` and `workshop actions SESSION|--series NAME [--open]`."""

from __future__ import annotations

import argparse

from workshop.cli.common import CliError, open_library
from workshop.i18n import _


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "series",
        parents=[common],
        help=_("list series; with NAME: its meetings (id, date, title, present)"),
    )
    p.add_argument("name", nargs="?", metavar="NAME", help=_("series name or id"))
    p.add_argument("--pdf", metavar="FILE", help=_("with NAME: write the series verslag as PDF"))
    p.add_argument(
        "--anonymous", action="store_true", help=_("with --pdf: no names of people at all")
    )
    p.set_defaults(handler=cmd_series)

    p = subparsers.add_parser(
        "actions",
        parents=[common],
        help=_("list the actions of a meeting's series (status, what, who, due, origin)"),
    )
    p.add_argument("session", nargs="?", metavar="SESSION", help=_("session id or exact title"))
    p.add_argument("--series", metavar="NAME", help=_("series name or id"))
    p.add_argument("--open", action="store_true", help=_("only open and in-progress actions"))
    p.set_defaults(handler=cmd_actions)


def cmd_series(args: argparse.Namespace) -> int:
    from workshop.series.queries import find_series, list_meetings, list_series

    if args.pdf and not args.name:
        raise CliError(_("--pdf needs a series NAME"), code=2)
    library = open_library(args)
    try:
        if not args.name:
            for s in list_series(library):
                print(f"{s.id}\t{s.name}\t{s.theme}\t{s.meetings}")
            return 0
        series_id = find_series(library, args.name)
        if args.pdf:
            from workshop.i18n import current_language
            from workshop.series.report import write_series_pdf

            path = write_series_pdf(
                library, series_id, args.pdf, anonymous=args.anonymous, lang=current_language()
            )
            print(path)
            return 0
        for m in list_meetings(library, series_id):
            when = m.date.isoformat() if m.date else ""
            print(f"{m.session_id}\t{when}\t{m.title}\t{m.present}")
    finally:
        library.close()
    return 0


def cmd_actions(args: argparse.Namespace) -> int:
    from workshop.series.actions import status_word
    from workshop.series.queries import find_series, list_actions, series_id_of
    from workshop.sessions.queries import find_session

    if bool(args.session) == bool(args.series):
        raise CliError(_("Give a SESSION or --series NAME"), code=2)
    library = open_library(args)
    try:
        if args.series:
            series_id = find_series(library, args.series)
        else:
            session_id = find_session(library, args.session)
            found = series_id_of(library, session_id)
            if found is None:
                raise CliError(_("This session is not part of a series"))
            series_id = found
        for a in list_actions(library, series_id=series_id, open_only=args.open):
            status = status_word(a.status) + (" " + _("(overdue)") if a.overdue else "")
            due = a.due.isoformat() if a.due else ""
            print("\t".join((status, a.what, a.who, due, a.origin)))
    finally:
        library.close()
    return 0
