"""The draaiboek as a format-neutral `Document`, for its HTML and DOCX versions.

The PDF draaiboek keeps its own ReportLab layout (`draaiboek.py`); this builder says the same
things in plain text from the same helpers: the programme, the groups per round with who has
no group, the reporting order with speaking times, and the participants (named unless
anonymous). A column that is empty in every row is left out, as in the PDF.
"""

from __future__ import annotations

from collections.abc import Sequence

from workshop.reports.builders.common import Ctx
from workshop.reports.builders.draaiboek import (
    _num,
    _report_order,
    _round_title,
    speaking_minutes,
    unassigned_line,
)
from workshop.reports.data import RoundInfo
from workshop.reports.document import Block, Cover, Document, Heading, Para, Table, runs
from workshop.reports.render.pdf import count_people


class DraaiboekWriter:
    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self._ = ctx._
        self.blocks: list[Block] = []

    def line(self, text: str | None, redact: bool = True) -> str:
        return " ".join(self.ctx.text.plain(text, redact).split())

    def keep(self, text: str | None) -> str:
        """User text with its line breaks (notes, materials)."""
        return self.ctx.text.plain(text).strip()

    def person(self, pid: int | None, with_org: bool = True) -> str:
        name = self.ctx.name_of(pid)
        if pid is None or not name:  # (a name is given only for a known id)
            return ""
        person = self.ctx.data.people_by_id[pid]
        org = self.line(person.organisation) if with_org else ""
        return f"{self.line(name)} ({org})" if org else self.line(name)

    def table(self, header: Sequence[str], rows: list[list[str]], widths: Sequence[float]) -> Table:
        """A table under its heading (no caption repeating the heading)."""
        keep = [i for i in range(len(header)) if any(row[i].strip() for row in rows)]
        return Table(
            tuple(header[i] for i in keep),
            tuple(tuple(row[i] for i in keep) for row in rows),
            tuple(widths[i] for i in keep),
        )

    # -- parts -------------------------------------------------------------------------------
    def meta(self) -> tuple[str, ...]:
        _ = self._
        ctx = self.ctx
        s = ctx.data.session
        lines = []
        if s.date:
            lines.append(ctx.long_date(s.date))
        if s.start_time:
            lines.append(
                ctx.clock(s.start_time) + (f"–{ctx.clock(s.end_time)}" if s.end_time else "")
            )
        if s.place.strip():
            lines.append(self.line(s.place))
        elif s.online_link.strip():
            lines.append(_("Online"))
        if s.organiser.strip():
            lines.append(f"{_('Organised by')} {self.line(s.organiser, redact=False)}")
        if s.facilitators.strip():
            lines.append(f"{_('Facilitation')}: {self.line(s.facilitators, redact=False)}")
        return tuple(lines)

    def programme(self) -> None:
        _ = self._
        ctx = self.ctx
        if not ctx.data.agenda:
            return
        rows = []
        for item in ctx.data.agenda:
            start = ctx.clock(item.planned_start)
            if item.fixed_start is not None:
                start += f" ({_('fixed')})"
            what = [self.line(item.title)]
            if item.notes.strip():
                what.append(self.keep(item.notes))
            what += [
                f"· {self.line(title)} ({_('{n} min').format(n=_num(ctx, minutes))})"
                for title, minutes in item.steps
            ]
            if item.speaking_minutes:
                what.append(
                    _("Speaking time per group: {n} min").format(n=_num(ctx, item.speaking_minutes))
                )
            rows.append(
                [
                    start,
                    _("{n} min").format(n=item.planned_minutes),
                    "\n".join(what),
                    self.keep(item.lead),
                    self.keep(item.materials),
                ]
            )
        header = (_("Start"), _("Duration"), _("Part"), _("Lead"), _("Materials"))
        self.blocks += [
            Heading(_("Programme"), 1),
            self.table(header, rows, (1.4, 1.5, 5.5, 2.9, 2.7)),
        ]

    def round(self, rnd: RoundInfo) -> None:
        _ = self._
        if not rnd.groups:
            return
        rows = []
        for group in rnd.groups:
            members = [
                m
                for m in (self.person(pid) for pid in group.member_ids if pid != group.host_id)
                if m
            ]
            unnamed = sum(1 for pid in group.member_ids if not self.ctx.may_name(pid))
            if unnamed:
                members.append(count_people(self.ctx, unnamed))
            name = self.line(group.name)
            if group.table_name.strip():
                name += f" ({self.line(group.table_name)})"
            rows.append(
                [
                    name,
                    self.line(group.theme),
                    self.person(group.host_id),
                    "\n".join(members),
                    str(len(group.member_ids)),
                ]
            )
        header = (_("Group / table"), _("Theme"), _("Host"), _("Members"), _("Number"))
        title = _round_title(self.ctx, rnd)
        self.blocks += [
            Heading(self.line(title), 1),
            self.table(header, rows, (2.2, 2.6, 2.8, 5.4, 1.3)),
        ]
        unassigned = unassigned_line(self.ctx, rnd)
        if unassigned:
            self.blocks.append(Para(runs(unassigned), small=True))

    def reporting_order(self) -> None:
        _ = self._
        ctx = self.ctx
        rounds = [r for r in ctx.data.rounds if r.groups]
        if not rounds:
            return
        self.blocks.append(Heading(_("Reporting order"), 1))
        for rnd in rounds:
            rows = []
            for n, group in enumerate(_report_order(rnd), start=1):
                minutes = speaking_minutes(ctx, rnd, group)
                name = self.line(group.name)
                if group.theme.strip():
                    name += f" — {self.line(group.theme)}"
                rows.append(
                    [
                        str(n),
                        name,
                        self.person(group.rapporteur_id, with_org=False),
                        _("{n} min").format(n=_num(ctx, minutes)) if minutes else "",
                    ]
                )
            title = self.line(_round_title(ctx, rnd))
            if len(ctx.data.rounds) > 1:
                self.blocks.append(Heading(title, 2))
            header = ("#", _("Group"), _("Reports back"), _("Speaking time"))
            self.blocks.append(self.table(header, rows, (0.6, 6, 3, 1.6)))

    def participants(self) -> None:
        _ = self._
        ctx = self.ctx
        if not ctx.data.participants or ctx.options.anonymous:
            return
        group_of = {
            (rnd.id, pid): g.name
            for rnd in ctx.data.rounds
            for g in rnd.groups
            for pid in g.member_ids
        }
        round_cols = [r for r in ctx.data.rounds if r.groups]
        header = [_("Name"), _("Organisation"), _("Role")] + [
            _("Round {n}").format(n=r.number) for r in round_cols
        ]
        rows = [
            [self.line(p.name), self.line(p.organisation), self.line(p.role)]
            + [self.line(group_of.get((r.id, p.id), "")) for r in round_cols]
            for p in ctx.data.participants
        ]
        widths = (3.2, 3.2, 2.4, *([1.6] * len(round_cols)))
        self.blocks += [
            Heading(_("Participants"), 1),
            self.table(header, rows, widths),
        ]

    def build(self) -> Document:
        _ = self._
        ctx = self.ctx
        s = ctx.data.session
        opts = ctx.options
        title = self.line(s.title, redact=False) or _("Untitled session")
        if s.welcome_line.strip():
            self.blocks.append(Para(runs(self.line(s.welcome_line)), small=True))
        if s.online_link.strip():
            self.blocks.append(
                Para(runs(f"{_('Link')}: {self.line(s.online_link, redact=False)}"), small=True)
            )
        if opts.has("programme"):
            self.programme()
        for rnd in ctx.data.rounds:
            self.round(rnd)
        self.reporting_order()
        if opts.has("participants"):
            self.participants()
        return Document(
            title=title,
            lang=opts.lang,
            cover=Cover(
                kicker=_("Run sheet"),
                title=title,
                subtitle=self.line(s.subtitle, redact=False),
                meta=self.meta(),
            ),
            author=self.line(s.organiser or s.facilitators, redact=False),
            subject=_("Run sheet") + f": {title}",
            with_cover_page=False,
            with_contents=opts.has("contents") and len(ctx.data.rounds) > 2,
            contents_title=_("Contents"),
            blocks=self.blocks,
        )


def build_draaiboek_document(ctx: Ctx) -> Document:
    """The draaiboek of `ctx.data` as a format-neutral document (HTML and DOCX)."""
    return DraaiboekWriter(ctx).build()
