"""`workshop groups`: plan rounds of groups from a people file, or for a session's item.

    workshop groups --people FILE --size N --rounds R [--mix COLUMN]... [--theme COLUMN]
                    [--seed S] --out plan.csv
    workshop groups SESSION --item ITEM ...

The file form needs no library; the session form is handled by
`plan_for_session(args)` below, with the planning in `workshop.grouping.session_plan`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workshop.cli.common import CliError
from workshop.errors import CommandError
from workshop.i18n import _


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a whole number: {value}").format(value=text)
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be at least 1: {value}").format(value=text))
    return value


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "groups",
        parents=[common],
        help=_("form groups over one or more rounds, from a people file or for a session"),
        description=_(
            "Form groups over one or more rounds so that people meet as many new people as "
            "possible. Without SESSION, people come from --people (CSV or XLSX) and the plan "
            "is written as CSV with the columns round,group,name."
        ),
    )
    p.add_argument("session", nargs="?", metavar="SESSION", help=_("session id (optional)"))
    p.add_argument("--item", metavar="ITEM", help=_("agenda item of the session"))
    p.add_argument("--people", metavar="FILE", help=_("CSV or XLSX file with a name column"))
    size = p.add_mutually_exclusive_group()
    size.add_argument("--size", type=_positive, metavar="N", help=_("about N people per group"))
    size.add_argument("--groups", type=_positive, metavar="N", help=_("exactly N groups"))
    p.add_argument("--rounds", type=_positive, default=1, metavar="R", help=_("number of rounds"))
    p.add_argument(
        "--mix",
        action="append",
        default=[],
        metavar="COLUMN",
        help=_("spread people with the same value of COLUMN (e.g. organisatie); repeatable"),
    )
    p.add_argument("--theme", metavar="COLUMN", help=_("column with each person's preferred theme"))
    p.add_argument("--second-theme", metavar="COLUMN", help=_("column with the second choice"))
    p.add_argument(
        "--no-history",
        action="store_true",
        help=_("a meeting of a series: ignore who met at its earlier meetings"),
    )
    p.add_argument(
        "--keep-themes",
        action="store_true",
        help=_("a meeting of a series: keep the themed (regional) tables stable"),
    )
    p.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed (default 1)"))
    p.add_argument(
        "--time-limit",
        type=float,
        default=2.0,
        metavar="SECONDS",
        help=_("time the search may use (default 2)"),
    )
    p.add_argument("--out", metavar="FILE", help=_("plan CSV to write (default: standard output)"))
    p.set_defaults(handler=cmd_groups)


def cmd_groups(args: argparse.Namespace) -> int:
    if args.session:
        return plan_for_session(args)
    if not args.people:
        raise CliError(_("Give --people FILE, or a SESSION with --item"), code=2)
    if args.item:
        raise CliError(_("--item belongs with a SESSION"), code=2)
    from workshop.grouping.api import PlanRequest
    from workshop.grouping.people_file import people_from_table, plan_csv, write_plan_csv
    from workshop.grouping.planner import plan_rounds
    from workshop.tabular import read_table

    table = read_table(Path(args.people))
    loaded = people_from_table(table, args.mix, args.theme, args.second_theme)
    for warning in loaded.warnings:
        print(f"workshop: {warning}", file=sys.stderr)
    if not loaded.people:
        raise CliError(_("No people with a name in {file}").format(file=args.people))
    request = PlanRequest(
        people=loaded.people,
        rounds=args.rounds,
        group_size=None if args.groups else (args.size or 6),
        group_count=args.groups,
        mix_on=tuple(args.mix),
        by_theme=bool(args.theme),
        seed=args.seed,
        time_limit=max(0.05, args.time_limit),
    )
    result = plan_rounds(request)
    names = {p.id: p.name for p in loaded.people}
    if args.out:
        write_plan_csv(result, names, Path(args.out))
    else:
        sys.stdout.write(plan_csv(result, names))
    q = result.quality
    groups = len(result.rounds[0]) if result.rounds else 0
    print(
        _(
            "{people} people in {groups} groups, {rounds} rounds: {repeats} repeated pairs, "
            "{clashes} clashes, {misses} theme misses ({method}, {seconds:.2f} s)"
        ).format(
            people=len(loaded.people),
            groups=groups,
            rounds=len(result.rounds),
            repeats=q.repeated_pairs,
            clashes=q.attribute_clashes,
            misses=q.theme_misses,
            method=result.method,
            seconds=result.seconds,
        ),
        file=sys.stderr,
    )
    for note in result.notes:
        print(f"workshop: {note}", file=sys.stderr)
    return 0


def plan_for_session(args: argparse.Namespace) -> int:
    """`workshop groups SESSION --item ITEM --size N --rounds R [--mix C]... [--theme C]
    [--seed S] [--out plan.csv]`: plan, store (undoable in the app), write the plan CSV."""
    from workshop.cli.common import open_library
    from workshop.commands import CommandRunner
    from workshop.csv_export import write_csv
    from workshop.grouping.queries import item_rounds, measure
    from workshop.grouping.session_plan import (
        PlanOptions,
        find_item,
        mix_attribute,
        plan_command,
        plan_csv,
        plan_rows,
    )
    from workshop.series.queries import series_id_of
    from workshop.sessions.queries import find_session

    if not getattr(args, "item", None):
        raise CommandError(_("Name the agenda item with --item (its number or title)"))
    library = open_library(args)
    try:
        session_id = find_session(library, str(args.session))
        item_id = find_item(library, session_id, str(args.item))
        mix = tuple(dict.fromkeys(mix_attribute(c) for c in (getattr(args, "mix", None) or [])))
        count = getattr(args, "count", None) or getattr(args, "groups", None)
        options = PlanOptions(
            rounds=int(getattr(args, "rounds", None) or 1),
            group_size=None if count else int(getattr(args, "size", None) or 6),
            group_count=int(count) if count else None,
            mix_on=mix,
            by_theme=bool(getattr(args, "theme", None)),
            series_history=not getattr(args, "no_history", False),
            keep_themes_stable=bool(getattr(args, "keep_themes", False)),
            seed=getattr(args, "seed", None),
            time_limit=float(getattr(args, "time_limit", None) or 2.0),
        )
        command, result = plan_command(library, session_id, item_id, options)
        CommandRunner(library).do(command)
        rounds = item_rounds(library, session_id, item_id)
        out = getattr(args, "out", None)
        if out:
            write_csv(out, plan_rows(rounds))
        else:
            sys.stdout.write(plan_csv(rounds))
        q = measure(rounds)
        print(
            _(
                "{people} people, {rounds} rounds: {repeats} repeated pairs, "
                "{clashes} organisation clashes ({method}, {seconds:.2f} s)"
            ).format(
                people=len(rounds[0].placed()) if rounds else 0,
                rounds=len(rounds),
                repeats=q.repeated_pairs,
                clashes=q.organisation_clashes,
                method=result.method,
                seconds=result.seconds,
            ),
            file=sys.stderr,
        )
        if options.series_history and series_id_of(library, session_id) is not None:
            print(
                _(
                    "series: {new} new encounters in this plan, {repeats} repeated encounters"
                ).format(new=result.quality.new_pairs, repeats=result.quality.repeated_pairs),
                file=sys.stderr,
            )
    finally:
        library.close()
    return 0
