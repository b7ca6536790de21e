"""The verslag (report after the session): plain data in, flowables out, one function per section.

Every section returns an empty list when it has nothing to show, so no empty headings appear.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable

from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)
from reportlab.platypus.tableofcontents import TableOfContents

from workshop.i18n import N_
from workshop.model import NoteKind, Presence
from workshop.reports.builders.common import Ctx, chunked_table, fraction_widths
from workshop.reports.data import GroupInfo, NoteInfo, RoundInfo
from workshop.reports.fonts import REGULAR
from workshop.reports.images import ImageProblem, prepare_image
from workshop.reports.privacy import shown_counts
from workshop.reports.styles import WARM
from workshop.reports.text import escape


def build_verslag(ctx: Ctx) -> list[Flowable]:
    """The whole verslag story, section by section in reading order."""
    opts = ctx.options
    if opts.has("photos"):
        ctx.prepare_photos(ctx.data.attachments)
    sections: list[tuple[str, Callable[[Ctx], list[Flowable]]]] = [
        ("summary", summary),
        ("background", background),
        ("programme", programme),
        ("participants", participants),
        ("results", results),
        ("actions", actions),
        ("questions", open_questions),
        ("follow_up", follow_up),
    ]
    story: list[Flowable] = []
    if opts.has("cover"):
        story += cover(ctx)
    else:
        story += [NextPageTemplate("body"), *title_block(ctx)]
    if opts.has("contents"):
        story += contents(ctx)
    for key, section in sections:
        if opts.has(key) or (key == "results" and opts.has("photos")):
            story += section(ctx)
    return story


# -- cover and contents ------------------------------------------------------------------


def _meta_lines(ctx: Ctx) -> list[str]:
    _ = ctx._
    s = ctx.data.session
    lines: list[str] = []
    if s.date:
        lines.append(escape(ctx.long_date(s.date)))
    if s.start_time:
        span = ctx.clock(s.start_time) + (f"–{ctx.clock(s.end_time)}" if s.end_time else "")
        lines.append(escape(span))
    if s.place.strip():
        lines.append(ctx.text.inline(s.place))
    elif s.online_link.strip():
        lines.append(escape(_("Online")))
    if s.organiser.strip():
        lines.append(f"{escape(_('Organised by'))} {ctx.text.inline(s.organiser)}")
    if s.facilitators.strip():
        lines.append(f"{escape(_('Facilitation'))}: {ctx.text.inline(s.facilitators)}")
    return lines


def _logo(ctx: Ctx) -> Flowable | None:
    opts = ctx.options
    raw = opts.logo if opts.logo is not None else ctx.data.session.logo
    if not opts.use_logo or not raw:
        return None
    try:
        img = prepare_image(raw, 6 * cm, 3 * cm, dpi=300)
    except ImageProblem as err:
        ctx.warnings.append(
            ctx._("The logo could not be read and was left out: {error}").format(error=err)
        )
        return None
    logo = Image(io.BytesIO(img.data), img.width_pt, img.height_pt)
    logo.hAlign = "LEFT"
    return logo


def cover(ctx: Ctx) -> list[Flowable]:
    _ = ctx._
    s = ctx.data.session
    st = ctx.styles
    story: list[Flowable] = []
    logo = _logo(ctx)
    if logo is not None:
        story += [logo, Spacer(1, 2.5 * cm)]
    else:
        story.append(Spacer(1, 5 * cm))
    story.append(Paragraph(escape(_("Report")).upper(), st.small))
    story.append(
        Paragraph(ctx.text.inline(s.title) or escape(_("Untitled session")), st.cover_title)
    )
    if s.subtitle.strip():
        story.append(Paragraph(ctx.text.inline(s.subtitle), st.cover_subtitle))
    else:
        story.append(Spacer(1, 18))
    story += [Paragraph(line, st.cover_meta) for line in _meta_lines(ctx)]
    story += [NextPageTemplate("body"), PageBreak()]
    return story


def title_block(ctx: Ctx) -> list[Flowable]:
    """Title and meta lines at the top of page 1 (when there is no cover page)."""
    s = ctx.data.session
    st = ctx.styles
    story: list[Flowable] = [
        Paragraph(ctx.text.inline(s.title) or escape(ctx._("Untitled session")), st.cover_title)
    ]
    if s.subtitle.strip():
        story.append(Paragraph(ctx.text.inline(s.subtitle), st.cover_subtitle))
    story += [Paragraph(line, st.cover_meta) for line in _meta_lines(ctx)]
    story.append(Spacer(1, 14))
    return story


def contents(ctx: Ctx) -> list[Flowable]:
    st = ctx.styles
    toc = TableOfContents(levelStyles=[st.toc0, st.toc1], dotsMinLevel=0)
    return [Paragraph(escape(ctx._("Contents")), st.toc_title), toc, PageBreak()]


# -- texts of the session -----------------------------------------------------------------


def summary(ctx: Ctx) -> list[Flowable]:
    text = ctx.data.session.summary
    if not text.strip():
        return []
    return [ctx.heading(ctx._("Summary"), 0, user_text=False), ctx.p(text)]


def background(ctx: Ctx) -> list[Flowable]:
    _ = ctx._
    s = ctx.data.session
    story: list[Flowable] = []
    if s.background.strip():
        story += [ctx.heading(_("Reason for meeting"), 1, user_text=False), ctx.p(s.background)]
    goals = [line.strip() for line in s.goals.splitlines() if line.strip()]
    if goals:
        story.append(ctx.heading(_("Goals"), 1, user_text=False))
        story += ctx.bullets([ctx.text.markup(g) for g in goals])
    if not story:
        return []
    return [ctx.heading(_("Background and goals"), 0, user_text=False), *story]


def follow_up(ctx: Ctx) -> list[Flowable]:
    text = ctx.data.session.follow_up
    if not text.strip():
        return []
    return [ctx.heading(ctx._("Follow-up"), 0, user_text=False), ctx.p(text)]


# -- programme --------------------------------------------------------------------------


def _minutes(value: float | None) -> str:
    return "" if value is None else f"{round(value):d}"


def programme(ctx: Ctx) -> list[Flowable]:
    _ = ctx._
    items = ctx.data.agenda
    if not items:
        return []
    ran = any(i.actual_start is not None for i in items)
    if ran:
        header = [
            _("Planned"),
            _("Actual"),
            _("Part"),
            _("Min. planned"),
            _("Min. actual"),
            _("Difference"),
        ]
        widths = fraction_widths(1.7, 1.7, 4.9, 1.7, 1.7, 2.0)
    else:
        header = [_("Start"), _("Part"), _("Minutes"), _("Lead")]
        widths = fraction_widths(1.2, 6, 1.2, 3.5)
    rows = []
    over_total = 0.0
    for item in items:
        title = ctx.text.markup(item.title)
        if ran:
            diff = item.overrun_minutes
            if item.skipped:
                diff_text = escape(_("skipped"))
            elif diff is None:
                diff_text = ""
            elif round(diff) > 0:
                over_total += diff
                diff_text = f'<font color="#b5561b"><b>+{round(diff)}</b></font>'
            else:
                diff_text = f"{round(diff)}" if round(diff) else "0"
            rows.append([
                ctx.cell(ctx.clock(item.planned_start)),
                ctx.cell(ctx.clock(item.actual_start)),
                ctx.label(title, ctx.styles.cell),
                ctx.cell(_minutes(item.planned_minutes)),
                ctx.cell(_minutes(item.actual_minutes)),
                ctx.label(diff_text, ctx.styles.cell),
            ])  # fmt: skip
        else:
            rows.append([
                ctx.cell(ctx.clock(item.planned_start)),
                ctx.label(title, ctx.styles.cell),
                ctx.cell(_minutes(item.planned_minutes)),
                ctx.cell(item.lead),
            ])  # fmt: skip
    story: list[Flowable] = [ctx.heading(_("Programme"), 0, user_text=False)]
    story += chunked_table([ctx.cell(h, head=True) for h in header], rows, widths)
    if ran:
        planned = sum(i.planned_minutes for i in items if not i.skipped)
        actual = sum(i.actual_minutes or 0 for i in items)
        line = _("Planned {planned} minutes in total, actually {actual} minutes.").format(
            planned=planned, actual=round(actual)
        )
        overrun = [i for i in items if (i.overrun_minutes or 0) >= 1]
        if overrun:
            worst = max(overrun, key=lambda i: i.overrun_minutes or 0)
            line += " " + _(
                "{n} parts ran over; the longest overrun was {minutes} minutes ({title})."
            ).format(n=len(overrun), minutes=round(worst.overrun_minutes or 0), title=worst.title)
        story.append(ctx.p(line, ctx.styles.small))
    return story


# -- participants -----------------------------------------------------------------------


def participants(ctx: Ctx) -> list[Flowable]:
    _ = ctx._
    people = ctx.data.participants
    if not people:
        return []
    present = [p for p in people if p.presence == Presence.PRESENT.value]
    counted = present or [p for p in people if p.presence != Presence.ABSENT.value]
    story: list[Flowable] = [ctx.heading(_("Participants"), 0, user_text=False)]
    if present:
        line = _("{present} of the {registered} registered participants took part.").format(
            present=len(present), registered=len(people)
        )
    else:
        line = _("{n} participants registered.").format(n=len(counted))
    story.append(ctx.p(line))
    no_org = _("(no organisation given)")
    no_role = _("(no role given)")
    for title, column, key, empty in (
        (_("By organisation"), _("Organisation"), "organisation", no_org),
        (_("By role"), _("Role"), "role", no_role),
    ):
        counts = Counter((getattr(p, key) or "").strip() or empty for p in counted)
        if len(counts) == 1 and empty in counts:
            continue
        rows = [[ctx.cell(name), ctx.cell(str(n))] for name, n in shown_counts(counts, ctx.options)]
        story.append(ctx.heading(title, 1, user_text=False))
        story += chunked_table(
            [ctx.cell(column, head=True), ctx.cell(_("Number"), head=True)],
            rows,
            fraction_widths(6, 1.2),
        )
    named = [p for p in counted if ctx.may_name(p.id) and p.name.strip()]
    if named:
        story.append(ctx.heading(_("Who took part"), 1, user_text=False))
        entries = [
            ctx.text.inline(p.name)
            + (f" ({ctx.text.inline(p.organisation)})" if p.organisation.strip() else "")
            for p in named
        ]
        story.append(ctx.label(", ".join(entries), ctx.styles.body))
        unnamed = len(counted) - len(named)
        if unnamed:
            story.append(
                ctx.p(
                    _("1 participant is not named in this report.")
                    if unnamed == 1
                    else _("{n} participants are not named in this report.").format(n=unnamed),
                    ctx.styles.small,
                )
            )
    elif ctx.options.anonymous:
        story.append(ctx.p(_("This report names no participants."), ctx.styles.small))
    return story


# -- results: notes per agenda item, round and group --------------------------------------

_BULLET_KINDS = (
    (NoteKind.INZICHT.value, N_("Points")),
    (NoteKind.VRAAG.value, N_("Questions")),
    (NoteKind.KNOP.value, N_("Levers: what must change")),
    (NoteKind.PARTNER.value, N_("Partners: with whom")),
)


def _note_markup(ctx: Ctx, note: NoteInfo) -> str:
    text = ctx.text.markup(note.text)
    extras = []
    if note.theme.strip():
        extras.append(ctx.text.inline(note.theme))
    if note.votes:
        extras.append(escape(ctx._("{n} votes").format(n=note.votes)))
    if note.starred:
        text = "★ " + text
    if extras:
        text += f' <font color="#5f6b73">({"; ".join(extras)})</font>'
    return text


def _action_markup(ctx: Ctx, note: NoteInfo) -> str:
    parts = [ctx.text.markup(note.text)]
    who = ctx.text.inline(note.action_who)
    when = _due(ctx, note)
    if who or when:
        parts.append(f'<font color="#5f6b73">({" · ".join(x for x in (who, when) if x)})</font>')
    return " ".join(parts)


def _due(ctx: Ctx, note: NoteInfo) -> str:
    if note.action_due:
        return escape(ctx.short_date(note.action_due))
    return ctx.text.inline(note.action_due_text)


def quote(ctx: Ctx, note: NoteInfo) -> Flowable:
    """A pull quote; the speaker only when they agreed to be named (and not anonymous)."""
    markup = f"“{ctx.text.markup(note.text)}”"
    speaker = _speaker(ctx, note)
    if speaker:
        markup += f'<br/><font name="{REGULAR}" size="9" color="#5f6b73">— {speaker}</font>'
    return PullQuote(markup, ctx.styles.quote)


class PullQuote(Paragraph):
    """A quote set apart: tinted background (from its style) and a warm bar on the left.

    A paragraph rather than a table, so a very long quote splits across pages like text.
    """

    def draw(self) -> None:
        style = self.style
        pad = style.borderPadding
        super().draw()  # background first, then the bar on top of its left edge
        canv = self.canv
        canv.saveState()
        canv.setFillColor(WARM)
        height = self.height + pad[0] + pad[2]
        canv.rect(style.leftIndent - pad[3], -pad[2], 3, height, stroke=0, fill=1)
        canv.restoreState()


def _speaker(ctx: Ctx, note: NoteInfo) -> str:
    """The quote's speaker, only when the quote may name them *and* no participant refused.

    A participant who did not agree to be named stays unnamed even when a quote was marked
    "may be named": the person's own choice wins over a flag set while typing.
    """
    if ctx.options.anonymous or not note.speaker_may_be_named:
        return ""
    if note.speaker_id is not None and ctx.data.people_by_id.get(note.speaker_id):
        person = ctx.data.people_by_id[note.speaker_id]
        if not ctx.may_name(person.id):
            return ""
        name = ctx.text.inline(person.name, redact=False)
        if person.organisation.strip():
            name += f", {ctx.text.inline(person.organisation)}"
        return name
    if ctx.text.withholds(note.speaker):  # "Chantal", "mw. Janssen", "@chantal"
        return ""
    return ctx.text.inline(note.speaker)


def note_block(ctx: Ctx, notes: list[NoteInfo], photos: list) -> list[Flowable]:
    """Points, pull quotes, questions, levers, partners (and actions when not in the table)."""
    _ = ctx._
    by_kind: dict[str, list[NoteInfo]] = {}
    for note in notes:
        if note.text.strip():
            by_kind.setdefault(note.kind, []).append(note)
    story: list[Flowable] = []
    points = by_kind.pop(NoteKind.INZICHT.value, [])
    if points:
        story += ctx.bullets([_note_markup(ctx, n) for n in points])
    for note in by_kind.pop(NoteKind.CITAAT.value, []):
        story.append(quote(ctx, note))
    for kind, title in _BULLET_KINDS[1:]:
        found = by_kind.pop(kind, [])
        if found:
            story.append(Paragraph(escape(_(title)), ctx.styles.h3))
            story += ctx.bullets([_note_markup(ctx, n) for n in found])
    found = by_kind.pop(NoteKind.ACTIE.value, [])
    if found and not ctx.options.has("actions"):
        story.append(Paragraph(escape(_("Actions")), ctx.styles.h3))
        story += ctx.bullets([_action_markup(ctx, n) for n in found])
    for rest in by_kind.values():  # kinds added later by other parts still print
        story += ctx.bullets([_note_markup(ctx, n) for n in rest])
    if ctx.options.has("photos"):
        for att in photos:
            flow = ctx.photo(att)
            if flow is not None:
                story.append(flow)
    return story


def _members_line(ctx: Ctx, group: GroupInfo) -> str:
    _ = ctx._
    names = [n for n in (ctx.name_of(pid) for pid in group.member_ids) if n]
    total = len(group.member_ids)
    if not total:
        return ""
    if not names:
        return escape(count_people(ctx, total))
    rest = total - len(names)
    shown = ", ".join(ctx.text.inline(n) for n in names)
    if rest:
        other = _("and 1 other") if rest == 1 else _("and {n} others").format(n=rest)
        shown += " " + escape(other)
    return shown


def count_people(ctx: Ctx, n: int) -> str:
    """'1 deelnemer' / '6 deelnemers'."""
    return ctx._("1 participant") if n == 1 else ctx._("{n} participants").format(n=n)


def group_block(ctx: Ctx, rnd: RoundInfo, group: GroupInfo, level: int) -> list[Flowable]:
    _ = ctx._
    notes = ctx.notes_by_group.get(group.id, [])
    photos = ctx.photos_by_group.get(group.id, [])
    body = (
        note_block(ctx, notes, photos)
        if ctx.options.has("results")
        else note_block(ctx, [], photos)
    )
    title = group.name.strip() or _("Group {n}").format(n=group.position + 1)
    if group.theme.strip() and group.theme.strip() != title:
        title += f": {group.theme.strip()}"
    meta = []
    if group.table_name.strip():
        meta.append(f"{escape(_('Table'))}: {ctx.text.inline(group.table_name)}")
    host = ctx.name_of(group.host_id)
    if host:
        meta.append(f"{escape(_('Host'))}: {ctx.text.inline(host)}")
    members = _members_line(ctx, group)
    if members:
        meta.append(f"{escape(_('Members'))}: {members}")
    if not body and not meta:
        return []
    head = ctx.heading(title, level)
    story: list[Flowable] = [CondPageBreak(4 * cm), head]
    if meta:
        story.append(Paragraph(" · ".join(meta), ctx.styles.small))
    story += body
    return story


def round_blocks(ctx: Ctx, rnd: RoundInfo, level: int) -> list[Flowable]:
    groups = sorted(
        rnd.groups, key=lambda g: (g.report_position is None, g.report_position or 0, g.position)
    )
    inner: list[Flowable] = []
    for group in groups:
        inner += group_block(ctx, rnd, group, level + 1)
    if not inner:
        return []
    if len(ctx.data.rounds) == 1 and not rnd.title.strip():
        return inner
    title = rnd.title.strip() or ctx._("Round {n}").format(n=rnd.number)
    return [ctx.heading(title, level, in_toc=level <= 1), *inner]


def results(ctx: Ctx) -> list[Flowable]:
    """Per agenda item its summary and notes, with its breakout rounds and groups."""
    _ = ctx._
    rounds_by_item: dict[int | None, list[RoundInfo]] = {}
    for rnd in ctx.data.rounds:
        rounds_by_item.setdefault(rnd.agenda_item_id, []).append(rnd)
    known_items = {i.id for i in ctx.data.agenda}
    story: list[Flowable] = []
    show_notes = ctx.options.has("results")
    for item in ctx.data.agenda:
        inner: list[Flowable] = []
        if show_notes and item.summary.strip():
            inner.append(ctx.p(item.summary))
        inner += note_block(
            ctx,
            ctx.notes_by_item.get(item.id, []) if show_notes else [],
            ctx.photos_by_item.get(item.id, []),
        )
        for rnd in rounds_by_item.get(item.id, []):
            inner += round_blocks(ctx, rnd, 2)
        if inner:
            story += [CondPageBreak(5 * cm), ctx.heading(item.title, 1), *inner]
    loose_rounds = [r for key, rs in rounds_by_item.items() if key not in known_items for r in rs]
    loose: list[Flowable] = []
    for rnd in loose_rounds:
        loose += round_blocks(ctx, rnd, 1)
    loose_notes = [n for key, ns in ctx.notes_by_item.items() if key not in known_items for n in ns]
    loose_photos = [
        a for key, atts in ctx.photos_by_item.items() if key not in known_items for a in atts
    ]
    rest = note_block(ctx, loose_notes if show_notes else [], loose_photos)
    if rest:
        loose += [ctx.heading(_("Other contributions"), 1, user_text=False), *rest]
    story += loose
    if not story:
        return []
    return [PageBreak(), ctx.heading(_("What came up"), 0, user_text=False), *story]


# -- consolidated tables ------------------------------------------------------------------


def _group_names(ctx: Ctx) -> dict[int, str]:
    names = {}
    for rnd in ctx.data.rounds:
        for g in rnd.groups:
            names[g.id] = (
                g.name.strip() or g.theme.strip() or ctx._("Group {n}").format(n=g.position + 1)
            )
    return names


def _where_from(ctx: Ctx) -> Callable[[NoteInfo], str]:
    """Where a note came up: the name of its group, else the title of its agenda item."""
    groups = _group_names(ctx)
    items = {i.id: i.title for i in ctx.data.agenda}
    return lambda n: groups.get(n.group_id or -1) or items.get(n.agenda_item_id or -1, "")


def _notes_of_kind(ctx: Ctx, kind: NoteKind) -> list[NoteInfo]:
    return [n for n in ctx.data.notes if n.kind == kind.value and n.text.strip()]


def actions(ctx: Ctx) -> list[Flowable]:
    _ = ctx._
    found = _notes_of_kind(ctx, NoteKind.ACTIE)
    if not found:
        return []
    where = _where_from(ctx)
    rows = [
        [
            ctx.cell(n.text),
            ctx.cell(n.action_who),
            ctx.label(_due(ctx, n), ctx.styles.cell),
            ctx.cell(where(n)),
        ]
        for n in found
    ]
    header = [ctx.cell(h, head=True) for h in (_("What"), _("Who"), _("When"), _("Group"))]
    return [
        ctx.heading(_("Actions"), 0, user_text=False),
        *chunked_table(header, rows, fraction_widths(6, 2.4, 1.6, 2.2)),
    ]


def open_questions(ctx: Ctx) -> list[Flowable]:
    _ = ctx._
    found = _notes_of_kind(ctx, NoteKind.VRAAG)
    if not found:
        return []
    where = _where_from(ctx)
    rows = [
        [
            ctx.cell(n.text),
            ctx.cell(where(n)),
        ]
        for n in found
    ]
    header = [ctx.cell(_("Question"), head=True), ctx.cell(_("Where it came up"), head=True)]
    return [
        ctx.heading(_("Open questions"), 0, user_text=False),
        *chunked_table(header, rows, fraction_widths(7, 2.6)),
    ]
