"""`workshop agenda SESSION [--import FILE] [--export FILE.csv] [--template NAME]`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from workshop.cli.common import CliError, open_library
from workshop.i18n import _, format_clock

if TYPE_CHECKING:
    from workshop.agenda.queries import AgendaView

# The handlers import what they use: building the parser (also for `workshop demo`) must
# not import the agenda core and SQLAlchemy.


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "agenda",
        parents=[common],
        help=_("print a session's agenda with start times; import, export or apply a template"),
    )
    p.add_argument(
        "session",
        metavar="SESSION",
        nargs="?",
        help=_("session id or exact title (not needed with --templates)"),
    )
    p.add_argument(
        "--import", dest="import_file", metavar="FILE", help=_("add the rows of a CSV or XLSX file")
    )
    p.add_argument(
        "--replace", action="store_true", help=_("with --import or --template: replace the agenda")
    )
    p.add_argument(
        "--include-problem-rows",
        action="store_true",
        help=_("with --import: also import rows with errors (defaults fill the gaps)"),
    )
    p.add_argument(
        "--export", dest="export_file", metavar="FILE.csv", help=_("write the agenda as CSV")
    )
    p.add_argument("--template", metavar="NAME", help=_("apply a template (name or part of it)"))
    p.add_argument("--templates", action="store_true", help=_("list the templates"))
    p.set_defaults(handler=cmd_agenda)


def print_agenda(view: AgendaView) -> None:
    from workshop.agenda.kinds import kind_label
    from workshop.agenda.wording import describe_fit, describe_total

    print(view.session_title)
    planned = {p.item_id: p for p in view.plan.items}
    for row in view.rows:
        plan = planned[row.id]
        start = format_clock(plan.start) if view.plan.clock_known else "     "
        marks = []
        if row.fixed_start:
            marks.append(_("fixed"))
        if plan.overlap_before:
            marks.append(_("{n} min overlap").format(n=round(plan.overlap_before)))
        extra = f"  [{', '.join(marks)}]" if marks else ""
        lead = f" · {row.lead}" if row.lead else ""
        print(
            f"{start}  {row.planned_minutes:>3} min  {row.title} ({kind_label(row.kind)}){lead}{extra}"
        )
        for step in row.steps:
            print(f"              · {step.get('minutes', 0)} min {step.get('title', '')}")
    print(describe_total(view.plan))
    fit = describe_fit(view.plan)
    if fit:
        print(fit)


def cmd_agenda(args: argparse.Namespace) -> int:
    from workshop.agenda.commands import ApplyTemplate, ImportRows, detached_lines
    from workshop.agenda.exporting import export_csv
    from workshop.agenda.importing import Level, read_agenda_file
    from workshop.agenda.queries import load_agenda
    from workshop.agenda.templates import all_templates
    from workshop.commands import CommandRunner
    from workshop.sessions.queries import find_session

    library = open_library(args)
    try:
        if args.templates:  # the templates belong to the library, not to a session
            for t in all_templates(library):
                mark = _("method") if t.method else _("programme")
                print(f"{t.name}\t{mark}\t{t.total_minutes} min")
            return 0
        if not args.session:
            raise CliError(_("Name a session (id or exact title), or use --templates"))
        session_id = find_session(library, args.session)
        runner = CommandRunner(library)
        if args.template:
            wanted = args.template.casefold()
            matches = [
                t for t in all_templates(library) if wanted in t.name.casefold() or wanted == t.key
            ]
            if len(matches) != 1:
                names = ", ".join(t.name for t in matches) or _("none")
                raise CliError(_("Choose one template; matching: {names}").format(names=names))
            t = matches[0]
            command = ApplyTemplate(
                session_id,
                t.item_values(),
                t.name,
                replace=args.replace,
                times=(t.start_time, t.end_time),
            )
            runner.do(command)
            for note in command.time_notes:
                print(note)
            for line in detached_lines(command.detached):
                print(line)
        if args.import_file:
            preview = read_agenda_file(args.import_file)
            print(preview.source_description())
            for problem in preview.file_problems:
                print(problem)
            for row in preview.rows:
                for p in row.problems:
                    prefix = _("error") if p.level is Level.ERROR else _("warning")
                    print(
                        _("line {line}: {level}: {message}").format(
                            line=row.line, level=prefix, message=p.message
                        )
                    )
            values = preview.values(include_errors=args.include_problem_rows)
            skipped = len(preview.rows) - len(values)
            if values:
                import_rows = ImportRows(session_id, values, replace=args.replace)
                runner.do(import_rows)
                for line in detached_lines(import_rows.detached):
                    print(line)
            print(_("{n} rows imported, {m} left out").format(n=len(values), m=skipped))
            if skipped:
                print(_("Use --include-problem-rows to import the rows with errors as well"))
        view = load_agenda(library, session_id)
        if args.export_file:
            path = export_csv(view, args.export_file)
            print(_("Agenda written to {path}").format(path=path))
        print_agenda(view)
    finally:
        library.close()
    return 0
