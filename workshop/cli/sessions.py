"""`workshop sessions` and `workshop new`."""

from __future__ import annotations

import argparse

from workshop.cli.common import open_library
from workshop.i18n import _

# The handlers import what they use, so that building the parser stays cheap.


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "sessions",
        parents=[common],
        help=_("list sessions, newest first (id, date, title; tab-separated)"),
    )
    p.set_defaults(handler=cmd_sessions)

    p = subparsers.add_parser("new", parents=[common], help=_("create a session and print its id"))
    p.add_argument("--title", required=True)
    p.add_argument("--date", required=True, help="YYYY-MM-DD")
    p.add_argument("--start", required=True, help="HH:MM")
    p.add_argument("--end", help="HH:MM")
    p.add_argument(
        "--series", metavar="NAME", help=_("a meeting of this series (created when new)")
    )
    p.set_defaults(handler=cmd_new)


def cmd_sessions(args: argparse.Namespace) -> int:
    from workshop.sessions.queries import list_sessions

    library = open_library(args)
    try:
        for s in list_sessions(library):
            print(f"{s.id}\t{s.date.isoformat() if s.date else ''}\t{s.title}")
    finally:
        library.close()
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from workshop.commands import CommandRunner
    from workshop.sessions.commands import CreateSession
    from workshop.sessions.queries import parse_date, parse_time

    fields = {
        "title": args.title.strip(),
        "date": parse_date(args.date),
        "start_time": parse_time(args.start),
    }
    if args.end:
        fields["end_time"] = parse_time(args.end)
    library = open_library(args)
    try:
        command: NewMeeting | CreateSession
        if args.series:
            from workshop.series.commands import NewMeeting

            command = NewMeeting(args.series, **fields)
        else:
            command = CreateSession(**fields)
        CommandRunner(library).do(command)
        print(command.session_id)
    finally:
        library.close()
    return 0
