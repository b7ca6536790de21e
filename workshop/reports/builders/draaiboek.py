"""The draaiboek (run sheet for the facilitator team): programme, group lists, reporting order.

It is an internal document, so participants are named unless the anonymous option is on.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, Paragraph, Spacer

from workshop.i18n import babel_locale
from workshop.reports.builders.column_widths import content_widths
from workshop.reports.builders.common import Ctx, chunked_table, fraction_widths
from workshop.reports.data import GroupInfo, RoundInfo
from workshop.reports.fonts import BOLD, REGULAR
from workshop.reports.render.pdf import contents, count_people, title_block
from workshop.reports.text import escape


def build_draaiboek(ctx: Ctx) -> list[Flowable]:
    opts = ctx.options
    story: list[Flowable] = [NextPageTemplate("body")]
    story.append(Paragraph(escape(ctx._("Run sheet")).upper(), ctx.styles.small))
    story += title_block(ctx)
    s = ctx.data.session
    if s.welcome_line.strip():
        story.append(ctx.p(s.welcome_line, ctx.styles.small))
    if s.online_link.strip():
        story.append(
            ctx.label(
                f"{escape(ctx._('Link'))}: {ctx.text.inline(s.online_link)}", ctx.styles.small
            )
        )
    if opts.has("contents") and len(ctx.data.rounds) > 2:
        story += contents(ctx)
    if opts.has("programme"):
        story += run_programme(ctx)
    for rnd in ctx.data.rounds:
        story += round_lists(ctx, rnd)
    story += reporting_order(ctx)
    if opts.has("participants"):
        story += participant_list(ctx)
    return story


def _steps(ctx: Ctx, steps: tuple[tuple[str, float], ...]) -> str:
    if not steps:
        return ""
    parts = [
        f"{ctx.text.inline(title)} ({escape(ctx._('{n} min').format(n=_num(ctx, minutes)))})"
        for title, minutes in steps
    ]
    return "<br/>".join(f"· {p}" for p in parts)


def _num(ctx: Ctx, value: float) -> str:
    """'2,5' in Dutch, '2.5' in English; whole numbers without decimals."""
    return format_decimal(value, format="#,##0.#", locale=babel_locale(ctx.lang))


def run_programme(ctx: Ctx) -> list[Flowable]:
    _ = ctx._
    items = ctx.data.agenda
    if not items:
        return []
    rows = []
    for item in items:
        start = ctx.clock(item.planned_start)
        if item.fixed_start is not None:
            start += f"\n({_('fixed')})"
        what = [f"<b>{ctx.text.inline(item.title)}</b>"]
        if item.notes.strip():
            what.append(ctx.text.markup(item.notes))
        steps = _steps(ctx, item.steps)
        if steps:
            what.append(steps)
        if item.speaking_minutes:
            what.append(
                escape(
                    _("Speaking time per group: {n} min").format(n=_num(ctx, item.speaking_minutes))
                )
            )
        rows.append(
            [
                ctx.cell(start),
                ctx.cell(_("{n} min").format(n=item.planned_minutes)),
                ctx.label("<br/>".join(what), ctx.styles.cell),
                ctx.cell(item.lead),
                ctx.cell(item.materials),
            ]
        )
    header = [
        ctx.cell(h, head=True)
        for h in (_("Start"), _("Duration"), _("Part"), _("Lead"), _("Materials"))
    ]
    return [
        ctx.heading(_("Programme"), 0, user_text=False),
        *chunked_table(header, rows, fraction_widths(1.4, 1.5, 5.5, 2.9, 2.7)),
    ]


def _person(ctx: Ctx, pid: int | None, with_org: bool = True) -> str:
    name = ctx.name_of(pid)
    if not name:
        return ""
    person = ctx.data.people_by_id[pid]
    text = ctx.text.inline(name)
    if with_org and person.organisation.strip():
        text += f' <font color="#5f6b73">({ctx.text.inline(person.organisation)})</font>'
    return text


def _round_title(ctx: Ctx, rnd: RoundInfo) -> str:
    title = ctx._("Round {n}").format(n=rnd.number)
    return f"{title}: {rnd.title.strip()}" if rnd.title.strip() else title


def round_lists(ctx: Ctx, rnd: RoundInfo) -> list[Flowable]:
    """One table per round: group, table, theme, host and members."""
    _ = ctx._
    if not rnd.groups:
        return []
    rows = []
    for group in rnd.groups:
        members = [_person(ctx, pid) for pid in group.member_ids if pid != group.host_id]
        members = [m for m in members if m]
        unnamed = sum(1 for pid in group.member_ids if not ctx.may_name(pid))
        if unnamed:
            members.append(escape(count_people(ctx, unnamed)))
        rows.append(
            [
                ctx.label(
                    f"<b>{ctx.text.inline(group.name)}</b><br/>{ctx.text.inline(group.table_name)}",
                    ctx.styles.cell,
                ),
                ctx.cell(group.theme),
                ctx.label(_person(ctx, group.host_id), ctx.styles.cell),
                ctx.label("<br/>".join(members), ctx.styles.cell),
                ctx.cell(str(len(group.member_ids))),
            ]
        )
    header = [
        ctx.cell(h, head=True)
        for h in (_("Group / table"), _("Theme"), _("Host"), _("Members"), _("Number"))
    ]
    return [
        CondPageBreak(5 * cm),
        ctx.heading(_round_title(ctx, rnd), 0),
        *chunked_table(header, rows, _round_widths(ctx, rnd)),
    ]


def _round_widths(ctx: Ctx, rnd: RoundInfo) -> list[float]:
    """The round table's columns fit their longest word (names, tables, themes)."""
    _ = ctx._
    head = (_("Group / table"), _("Theme"), _("Host"), _("Members"), _("Number"))
    names = {}
    for pid in {pid for g in rnd.groups for pid in (*g.member_ids, g.host_id) if pid}:
        name = ctx.name_of(pid)
        person = ctx.data.people_by_id.get(pid)
        if name:
            names[pid] = f"{name} ({person.organisation})" if person else name
    columns = [
        [(head[0], BOLD)]
        + [(g.name, BOLD) for g in rnd.groups]
        + [(g.table_name, REGULAR) for g in rnd.groups],
        [(head[1], BOLD)] + [(g.theme, REGULAR) for g in rnd.groups],
        [(head[2], BOLD)] + [(names.get(g.host_id, ""), REGULAR) for g in rnd.groups],
        [(head[3], BOLD)] + [(n, REGULAR) for n in names.values()],
        [(head[4], BOLD)],
    ]
    return content_widths(columns, (2.2, 2.6, 2.8, 5.4, 1.3), ctx.styles.cell.fontSize)


def _report_order(rnd: RoundInfo) -> list[GroupInfo]:
    return sorted(
        rnd.groups, key=lambda g: (g.report_position is None, g.report_position or 0, g.position)
    )


def reporting_order(ctx: Ctx) -> list[Flowable]:
    """The order in which groups report back in the plenary, per round."""
    _ = ctx._
    story: list[Flowable] = []
    item_speaking = {i.id: i.speaking_minutes for i in ctx.data.agenda}
    for rnd in ctx.data.rounds:
        if not rnd.groups:
            continue
        rows = []
        for n, group in enumerate(_report_order(rnd), start=1):
            minutes = group.speaking_minutes or item_speaking.get(rnd.agenda_item_id or -1)
            rows.append(
                [
                    ctx.cell(str(n)),
                    ctx.label(
                        f"{ctx.text.inline(group.name)}"
                        + (f" — {ctx.text.inline(group.theme)}" if group.theme.strip() else ""),
                        ctx.styles.cell,
                    ),
                    ctx.label(_person(ctx, group.rapporteur_id, with_org=False), ctx.styles.cell),
                    ctx.cell(_("{n} min").format(n=_num(ctx, minutes)) if minutes else ""),
                ]
            )
        if len(ctx.data.rounds) > 1:
            story.append(Paragraph(ctx.text.inline(_round_title(ctx, rnd)), ctx.styles.h3))
        header = [
            ctx.cell(h, head=True) for h in ("#", _("Group"), _("Reports back"), _("Speaking time"))
        ]
        story += chunked_table(header, rows, fraction_widths(0.6, 6, 3, 1.6))
    if not story:
        return []
    return [CondPageBreak(5 * cm), ctx.heading(_("Reporting order"), 0, user_text=False), *story]


def participant_list(ctx: Ctx) -> list[Flowable]:
    """Everyone with organisation, role and their group per round (names unless anonymous)."""
    _ = ctx._
    people = ctx.data.participants
    if not people or ctx.options.anonymous:
        return []
    group_of: dict[tuple[int, int], str] = {}
    for rnd in ctx.data.rounds:
        for g in rnd.groups:
            for pid in g.member_ids:
                group_of[(rnd.id, pid)] = g.name
    round_cols = [r for r in ctx.data.rounds if r.groups]
    header = [_("Name"), _("Organisation"), _("Role")] + [
        _("Round {n}").format(n=r.number) for r in round_cols
    ]
    rows = [
        [ctx.cell(p.name), ctx.cell(p.organisation), ctx.cell(p.role)]
        + [ctx.cell(group_of.get((r.id, p.id), "")) for r in round_cols]
        for p in people
    ]
    widths = fraction_widths(3.2, 3.2, 2.4, *([1.6] * len(round_cols)))
    return [
        CondPageBreak(5 * cm),
        ctx.heading(_("Participants"), 0, user_text=False),
        *chunked_table([ctx.cell(h, head=True) for h in header], rows, widths),
        Spacer(1, 4),
    ]
