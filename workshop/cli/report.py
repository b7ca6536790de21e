"""`workshop report`, `workshop export` and `workshop import`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workshop.atomic import write_text_atomic
from workshop.cli.common import CliError, open_library
from workshop.i18n import LANGUAGES, _

#: The documents `workshop report` writes; equal to `workshop.reports.data.KINDS` (checked by
#: tests/test_cli_lazy.py), spelled out so that building the parser imports no report code.
KINDS = ("verslag", "draaiboek")
FORMATS = ("pdf", "html", "docx")  # likewise workshop.reports.data.FORMATS


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "report",
        parents=[common],
        help=_("write the report (verslag) or the run sheet (draaiboek) as PDF, HTML or DOCX"),
    )
    p.add_argument("session", metavar="SESSION", help=_("session id or exact title"))
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE.{pdf,html,docx}",
        help=_("file to write; its extension chooses the format"),
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help=_("pdf, html or docx (default: from the file's extension)"),
    )
    p.add_argument(
        "--kind", choices=KINDS, default="verslag", help=_("verslag (default) or draaiboek")
    )
    p.add_argument(
        "--anonymous", action="store_true", help=_("leave out the names of all participants")
    )
    p.add_argument(
        "--include-rehearsals",
        action="store_true",
        help=_("also report the timer log of rehearsals (runs on another day)"),
    )
    p.set_defaults(handler=cmd_report)

    p = subparsers.add_parser("export", parents=[common], help=_("export a whole session as JSON"))
    p.add_argument("session", metavar="SESSION", help=_("session id or exact title"))
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE.json", help=_("JSON file to write")
    )
    p.set_defaults(handler=cmd_export)

    p = subparsers.add_parser(
        "import",
        parents=[common],
        help=_("import a session from a JSON export and print its new id"),
    )
    p.add_argument("file", metavar="FILE.json")
    p.set_defaults(handler=cmd_import)


def cmd_report(args: argparse.Namespace) -> int:
    from workshop.clock import SystemClock
    from workshop.reports import ReportError, ReportOptions, load_report_data
    from workshop.sessions.queries import find_session, get_details

    output = Path(args.output)
    fmt = args.format or output.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise CliError(
            _("{path}: give a file name ending in .pdf, .html or .docx, or use --format").format(
                path=output
            )
        )
    library = open_library(args)
    try:
        session_id = find_session(library, args.session)
        # --lang chooses the document's language too; else the session's report language
        lang = getattr(args, "lang", None) or get_details(library, session_id).report_language
        lang = lang if lang in LANGUAGES else "nl"
        options = ReportOptions(
            kind=args.kind,
            lang=lang,
            anonymous=args.anonymous,
            include_rehearsals=args.include_rehearsals,
            written_on=SystemClock().now().date(),
        )
        data = load_report_data(library, session_id, options)
    finally:
        library.close()
    if output.is_dir():
        raise CliError(_("{path} is a folder; give a file name ending in .pdf").format(path=output))
    from workshop.reports.build import build_report

    try:
        result = build_report(data, options, output, fmt)
    except ReportError as err:
        raise CliError(str(err)) from err
    for warning in result.warnings:
        print(f"workshop: {warning}", file=sys.stderr)
    size = max(1, round(result.size / 1024))
    if fmt != "pdf":
        print(_("{path}: {size} kB").format(path=output, size=size))
    elif result.pages == 1:
        print(_("{path}: 1 page, {size} kB").format(path=output, size=size))
    else:
        print(
            _("{path}: {pages} pages, {size} kB").format(path=output, pages=result.pages, size=size)
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workshop.sessions.exchange import export_json
    from workshop.sessions.queries import find_session

    library = open_library(args)
    try:
        session_id = find_session(library, args.session)
        text = export_json(library, session_id)
    finally:
        library.close()
    output = Path(args.output)
    write_text_atomic(output, text)
    size = max(1, round(output.stat().st_size / 1024))
    print(_("{path}: {size} kB").format(path=output, size=size))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from workshop.commands import CommandRunner
    from workshop.sessions.exchange import ImportSession, parse_export

    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as err:
        raise CliError(_("File not found: {path}").format(path=path)) from err
    doc = parse_export(raw)
    library = open_library(args)
    try:
        command = ImportSession(doc)
        CommandRunner(library).do(command)
        print(command.session_id)
    finally:
        library.close()
    return 0
