"""`workshop forget --email ADDRESS | --name NAME [--dry-run]`: the AVG request to be forgotten."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from workshop.cli.common import CliError, open_library
from workshop.i18n import _

if TYPE_CHECKING:
    from workshop.privacy.forget import ForgetPlan


def register(subparsers, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "forget",
        parents=[common],
        help=_("erase one person from every session of the library (cannot be undone)"),
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--email", metavar="ADDRESS", help=_("the person's e-mail address"))
    who.add_argument("--name", metavar="NAME", help=_("the person's full name"))
    p.add_argument(
        "--dry-run", action="store_true", help=_("only list what would be erased, erase nothing")
    )
    p.set_defaults(handler=cmd_forget)


def describe(plan: ForgetPlan) -> list[str]:
    """One line per session: participant rows and mentions that go."""
    lines = []
    for s in plan.sessions:
        head = _("session {id} “{title}”").format(id=s.session_id, title=s.title)
        for _pid, name, email in s.participants:
            shown = name + (f" <{email}>" if email else "")
            lines.append(f"  {head}: " + _("participant {who}").format(who=shown.strip()))
        if s.mentions:
            fields = sorted({f"{e.table}.{e.field}" for e in s.mentions})
            lines.append(
                f"  {head}: "
                + _("{n} mentions ({fields})").format(n=len(s.mentions), fields=", ".join(fields))
            )
    return lines


def cmd_forget(args: argparse.Namespace) -> int:
    from workshop.privacy.forget import forget, plan_forget  # not when building the parser

    email = (args.email or "").strip()
    name = " ".join((args.name or "").split())
    if not (email or name):
        raise CliError(_("Give a non-empty --email or --name."))
    if email and "@" not in email:
        raise CliError(_("“{email}” is not an e-mail address.").format(email=email))
    library = open_library(args)
    try:
        plan = plan_forget(library, email, name)
        if plan.empty:
            print(_("Nobody with that e-mail address or name is in the library; nothing erased."))
            return 0
        print(_("This is erased from the library (this cannot be undone):"))
        for line in describe(plan):
            print(line)
        if args.dry_run:
            print(_("Nothing was erased (--dry-run)."))
            return 0
        done = forget(library, email, name)
    finally:
        library.close()
    print(
        _(
            "Erased: {people} participant rows and {mentions} mentions in {sessions} sessions. "
            "This cannot be undone."
        ).format(
            people=done.participant_count,
            mentions=done.mention_count,
            sessions=len(done.sessions),
        )
    )
    return 0
