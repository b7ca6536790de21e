"""The draaiboek (run sheet for the facilitator team): programme, group lists, reporting order.

It is an internal document, so participants are named unless the anonymous option is on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from babel.numbers import format_decimal
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, Paragraph, Spacer

from workshop.i18n import babel_locale
from workshop.reports.builders.column_widths import content_widths
from workshop.reports.builders.common import Ctx, chunked_table
from workshop.reports.data import AgendaEntry, GroupInfo, RoundInfo
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
                f"{escape(ctx._('Link'))}: {linked(ctx.text.inline(s.online_link))}",
                ctx.styles.small,
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


_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]]")


def linked(markup: str) -> str:
    """Paragraph markup with every web address made a clickable link."""

    def link(m: re.Match[str]) -> str:
        url = m.group(0)
        href = url if "://" in url else f"https://{url}"
        return f'<a href="{href}" color="#1f5f8b"><u>{url}</u></a>'

    return _URL.sub(link, markup)


@dataclass(frozen=True)
class _Cell:
    """One table cell: what it shows, and the words (with their font) it must fit."""

    value: object  # a Paragraph or a short plain string
    words: tuple[tuple[str, str], ...] = ()
    empty: bool = False


def _plain(ctx: Ctx, text: str | None, font: str = REGULAR) -> _Cell:
    plain = ctx.text.plain(text).strip()
    cell = ctx.cell(text)
    if "://" in plain or "www." in plain:
        cell = ctx.label(linked(ctx.text.markup(text)), ctx.styles.cell)
    return _Cell(cell, ((plain, font),), not plain)


def _markup(ctx: Ctx, markup: str, words: Sequence[tuple[str, str]] = ()) -> _Cell:
    return _Cell(ctx.label(markup, ctx.styles.cell), tuple(words), not markup.strip())


def _one_line(header: str) -> str:
    """A header of two short words is measured as one ("Speaking time" on one line)."""
    words = header.split()
    return "\u00a0".join(words) if len(words) == 2 and len(header) <= 16 else header


def _table(
    ctx: Ctx, header: Sequence[str], rows: list[list[_Cell]], fractions: Sequence[float]
) -> list[Flowable]:
    """A table whose columns fit their longest word; a column empty in every row is left
    out (the anonymous draaiboek has no host or rapporteur to show)."""
    keep = [i for i in range(len(header)) if any(not row[i].empty for row in rows)]
    columns = [
        [(_one_line(header[i]), BOLD)] + [w for row in rows for w in row[i].words] for i in keep
    ]
    widths = content_widths(columns, [fractions[i] for i in keep], ctx.styles.cell.fontSize)
    head = [ctx.cell(header[i], head=True) for i in keep]
    body = [[row[i].value for i in keep] for row in rows]
    return chunked_table(head, body, widths)


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
            what.append(linked(ctx.text.markup(item.notes)))
        steps = _steps(ctx, item.steps)
        if steps:
            what.append(steps)
        if item.speaking_minutes:
            what.append(
                escape(
                    _("Speaking time per group: {n} min").format(n=_num(ctx, item.speaking_minutes))
                )
            )
        words = [(ctx.text.plain(item.title), BOLD), (ctx.text.plain(item.notes), REGULAR)]
        rows.append(
            [
                _plain(ctx, start),
                _plain(ctx, _("{n} min").format(n=item.planned_minutes)),
                _markup(ctx, "<br/>".join(what), words),
                _plain(ctx, item.lead),
                _plain(ctx, item.materials),
            ]
        )
    header = (_("Start"), _("Duration"), _("Part"), _("Lead"), _("Materials"))
    return [
        ctx.heading(_("Programme"), 0, user_text=False),
        *_table(ctx, header, rows, (1.4, 1.5, 5.5, 2.9, 2.7)),
    ]


def _person(ctx: Ctx, pid: int | None, with_org: bool = True) -> str:
    name = ctx.name_of(pid)
    if pid is None or not name:
        return ""
    person = ctx.data.people_by_id[pid]
    text = ctx.text.inline(name)
    if with_org and person.organisation.strip():
        text += f' <font color="#5f6b73">({ctx.text.inline(person.organisation)})</font>'
    return text


def _person_words(ctx: Ctx, pid: int | None, with_org: bool = True) -> list[tuple[str, str]]:
    name = ctx.name_of(pid)
    if pid is None or not name:
        return []
    person = ctx.data.people_by_id[pid]
    org = f" ({person.organisation})" if with_org and person.organisation.strip() else ""
    return [(ctx.text.plain(name + org), REGULAR)]


def _round_title(ctx: Ctx, rnd: RoundInfo) -> str:
    title = ctx._("Round {n}").format(n=rnd.number)
    return f"{title}: {rnd.title.strip()}" if rnd.title.strip() else title


def round_lists(ctx: Ctx, rnd: RoundInfo) -> list[Flowable]:
    """One table per round: group, table, theme, host and members; then who has no group."""
    _ = ctx._
    if not rnd.groups:
        return []
    rows = []
    for group in rnd.groups:
        others = [pid for pid in group.member_ids if pid != group.host_id]
        members = [m for m in (_person(ctx, pid) for pid in others) if m]
        unnamed = sum(1 for pid in group.member_ids if not ctx.may_name(pid))
        if unnamed:
            members.append(escape(count_people(ctx, unnamed)))
        rows.append(
            [
                _markup(
                    ctx,
                    f"<b>{ctx.text.inline(group.name)}</b><br/>{ctx.text.inline(group.table_name)}",
                    [
                        (ctx.text.plain(group.name), BOLD),
                        (ctx.text.plain(group.table_name), REGULAR),
                    ],
                ),
                _plain(ctx, group.theme),
                _markup(ctx, _person(ctx, group.host_id), _person_words(ctx, group.host_id)),
                _markup(
                    ctx,
                    "<br/>".join(members),
                    [w for pid in others for w in _person_words(ctx, pid)],
                ),
                _plain(ctx, str(len(group.member_ids))),
            ]
        )
    header = (_("Group / table"), _("Theme"), _("Host"), _("Members"), _("Number"))
    story: list[Flowable] = [
        CondPageBreak(5 * cm),
        ctx.heading(_round_title(ctx, rnd), 0),
        *_table(ctx, header, rows, (2.2, 2.6, 2.8, 5.4, 1.3)),
    ]
    line = unassigned_line(ctx, rnd)
    if line:
        story.append(Paragraph(escape(line), ctx.styles.small))
    return story


def unassigned_line(ctx: Ctx, rnd: RoundInfo) -> str:
    """'Niet ingedeeld: 3 deelnemers (2 kwamen later, 1 afwezig)', or '' when all have a group."""
    _ = ctx._
    placed = {pid for g in rnd.groups for pid in (*g.member_ids, g.host_id) if pid}
    if not placed:  # a pitch round of initiatives: nobody is placed, nobody is left out
        return ""
    left_out = [p for p in ctx.data.participants if p.id not in placed]
    if not left_out:
        return ""
    later = sum(1 for p in left_out if p.walk_in and p.presence not in ("afwezig", "vertrokken"))
    absent = sum(1 for p in left_out if p.presence == "afwezig")
    gone = sum(1 for p in left_out if p.presence == "vertrokken" and not p.walk_in)
    other = len(left_out) - later - absent - gone
    reasons = []
    if later:
        reasons.append(_("1 came later") if later == 1 else _("{n} came later").format(n=later))
    if absent:
        reasons.append(_("{n} absent").format(n=absent))
    if gone:
        reasons.append(_("{n} left early").format(n=gone))
    if other:
        reasons.append(_("{n} without a reason noted").format(n=other))
    return _("Not in a group: {people} ({reasons})").format(
        people=count_people(ctx, len(left_out)), reasons=", ".join(reasons)
    )


def _report_order(rnd: RoundInfo) -> list[GroupInfo]:
    return sorted(
        rnd.groups, key=lambda g: (g.report_position is None, g.report_position or 0, g.position)
    )


def reporting_item(ctx: Ctx, rnd: RoundInfo) -> AgendaEntry | None:
    """The agenda item in which the round's groups report back, as the capture queue says:
    the round's own item when it is a terugkoppeling or pitch, else the plenary item that
    harvests this round (its harvest link, else the nearest earlier breakout), else, for
    data made without harvests, the first terugkoppeling after the round's item."""
    agenda = sorted(ctx.data.agenda, key=lambda i: i.position)
    by_id = {i.id: i for i in agenda}
    own = by_id.get(rnd.agenda_item_id or -1)
    if own is None:
        return None
    if own.kind in ("terugkoppeling", "pitch"):
        return own
    harvesting = [
        by_id[h.agenda_item_id]
        for h in ctx.data.harvests
        if h.id == rnd.id and h.agenda_item_id in by_id
    ]
    if harvesting:
        return min(harvesting, key=lambda i: (i.kind != "terugkoppeling", i.position))
    for item in agenda:
        if item.position <= own.position:
            continue
        if item.kind == "terugkoppeling":
            return item
        if item.kind == "subgroepen":
            break
    return None


def speaking_minutes(ctx: Ctx, rnd: RoundInfo, group: GroupInfo) -> float | None:
    """A group's speaking time as the capture queue gives it: its own, else the reporting
    item's time per group, else that item's minutes shared over the groups (rounded down
    to half minutes)."""
    if group.speaking_minutes:
        return group.speaking_minutes
    item = reporting_item(ctx, rnd)
    if item is None:
        return None
    if item.speaking_minutes:
        return item.speaking_minutes
    if item.planned_minutes and rnd.groups:
        share = int(item.planned_minutes / len(rnd.groups) * 2) / 2
        return share if share > 0 else 0.5
    return None


def reporting_order(ctx: Ctx) -> list[Flowable]:
    """The order in which groups report back in the plenary, per round."""
    _ = ctx._
    story: list[Flowable] = []
    for rnd in ctx.data.rounds:
        if not rnd.groups:
            continue
        rows = []
        for n, group in enumerate(_report_order(rnd), start=1):
            minutes = speaking_minutes(ctx, rnd, group)
            name = ctx.text.inline(group.name) + (
                f" — {ctx.text.inline(group.theme)}" if group.theme.strip() else ""
            )
            rows.append(
                [
                    _plain(ctx, str(n)),
                    _markup(ctx, name, [(ctx.text.plain(f"{group.name} {group.theme}"), REGULAR)]),
                    _markup(
                        ctx,
                        _person(ctx, group.rapporteur_id, with_org=False),
                        _person_words(ctx, group.rapporteur_id, with_org=False),
                    ),
                    _plain(ctx, _("{n} min").format(n=_num(ctx, minutes)) if minutes else ""),
                ]
            )
        if len(ctx.data.rounds) > 1:
            story.append(Paragraph(ctx.text.inline(_round_title(ctx, rnd)), ctx.styles.h3))
        header = ("#", _("Group"), _("Reports back"), _("Speaking time"))
        story += _table(ctx, header, rows, (0.6, 6, 3, 1.6))
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
        [_plain(ctx, p.name), _plain(ctx, p.organisation), _plain(ctx, p.role)]
        + [_plain(ctx, group_of.get((r.id, p.id), "")) for r in round_cols]
        for p in people
    ]
    fractions = (3.2, 3.2, 2.4, *([1.6] * len(round_cols)))
    return [
        CondPageBreak(5 * cm),
        ctx.heading(_("Participants"), 0, user_text=False),
        *_table(ctx, header, rows, fractions),
        Spacer(1, 4),
    ]
