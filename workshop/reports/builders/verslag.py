"""The verslag (report after the session) as a format-neutral `Document`.

Written the way a Dutch verslag reads: an opening that says who came, how many and why; what
came up per part of the programme with the participants' quotes between the points; actions
and follow-up; the attendance list as a bijlage; a colofon at the end. Sections without content
are left out. All text goes through `ctx.text` (cleaned, names withheld) before it lands in
the document, so every renderer prints the same redacted words.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, time

from workshop import __version__
from workshop.i18n import N_
from workshop.model import ItemKind, NoteKind, Presence
from workshop.privacy.redaction import MIN_GROUP_SIZE, group_small_counts
from workshop.reports.builders.common import Ctx
from workshop.reports.data import AgendaEntry, GroupInfo, NoteInfo, PitchInfo, RoundInfo
from workshop.reports.document import (
    Block,
    Bullets,
    Cover,
    Document,
    Figure,
    Heading,
    Inline,
    NewPage,
    Para,
    Quote,
    Run,
    Table,
    runs,
)
from workshop.reports.images import ImageProblem, PrintImage, prepare_image
from workshop.reports.room_results import room_blocks
from workshop.series.actions import STATUS_WORDS

ANONYMITY_THRESHOLD = MIN_GROUP_SIZE  # an organisation with fewer people is not counted by name

_KIND_HEADINGS = {
    NoteKind.VRAAG.value: (N_("Question"), N_("Questions")),
    NoteKind.KNOP.value: (N_("Lever"), N_("Levers: what must change?")),
    NoteKind.PARTNER.value: (N_("Partner"), N_("With whom? (partners)")),
    NoteKind.ACTIE.value: (N_("Action"), N_("Actions")),
}

_STATUS_BY_CODE: dict[str, str] = {s.value: word for s, word in STATUS_WORDS.items()}


def _words(text: str) -> set[str]:
    return {w.strip(".,;:!?()“”\"'‘’").casefold() for w in text.split()} - {""}


def _repeats(text: str, summary_words: set[str]) -> bool:
    """A point that says (almost) what the summary already says: 3 in 4 words in it."""
    words = _words(text)
    return bool(words and summary_words) and len(words & summary_words) >= 0.75 * len(words)


def mime_of(data: bytes) -> str:
    return "image/png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"


def figure_of(img: PrintImage, caption: str, alt: str) -> Figure:
    return Figure(img.data, mime_of(img.data), img.width_pt, img.height_pt, caption, alt)


def report_time(value: time | None, lang: str) -> str:
    """'15.00' in Dutch (as a Dutch report writes it), '15:00' in English."""
    if value is None:
        return ""
    if lang == "nl":
        return f"{value.hour}.{value.minute:02d}"
    return f"{value.hour:02d}:{value.minute:02d}"


def report_span(start: time | None, end: time | None, lang: str) -> str:
    """'15.00–17.00 uur' / '15:00–17:00'."""
    if start is None:
        return ""
    text = report_time(start, lang) + (f"–{report_time(end, lang)}" if end else "")
    return text + " uur" if lang == "nl" else text


def written_date(value: date, lang: str) -> str:
    """'1 juni 2021' / '1 June 2021' (no weekday, for tables and the colofon)."""
    from babel.dates import format_date

    from workshop.i18n import babel_locale

    return format_date(value, "d MMMM y", locale=babel_locale(lang))


def cohost_line(ctx: Ctx) -> str:
    """'in samenwerking met Provincie Gelderland en Alliander' ('' without co-hosts)."""
    names = [" ".join(name.split()) for name, _logo in ctx.data.session.cohosts if name.strip()]
    if not names:
        return ""
    joined = (
        names[0]
        if len(names) == 1
        else ctx._("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])
    )
    return ctx._("in collaboration with {names}").format(names=joined)


def cohost_figures(ctx: Ctx) -> tuple[Figure, ...]:
    """The co-hosts' logos, sized for a row under the cover's meta lines."""
    figures = []
    for name, raw in ctx.data.session.cohosts:
        if not raw:
            continue
        try:
            img = prepare_image(raw, 113.0, 45.0, dpi=300)
        except ImageProblem as err:
            ctx.warnings.append(
                ctx._("The logo of {name} could not be read and was left out: {error}").format(
                    name=name, error=err
                )
            )
            continue
        figures.append(figure_of(img, "", ctx._("Logo of {organiser}").format(organiser=name)))
    return tuple(figures)


class VerslagWriter:
    """Builds the verslag `Document` of one session, section by section."""

    def __init__(self, ctx: Ctx, written_on: date | None = None) -> None:
        self.ctx = ctx
        self._ = ctx._
        self.opts = ctx.options
        self.lang = ctx.lang
        self.written_on = written_on
        self.blocks: list[Block] = []
        self.group_short = self._group_short_names()

    # -- helpers ---------------------------------------------------------------------------
    def t(self, text: str | None, redact: bool = True) -> str:
        """User text cleaned and redacted, line breaks kept."""
        return self.ctx.text.plain(text, redact).strip()

    def one_line(self, text: str | None, redact: bool = True) -> str:
        return " ".join(self.ctx.text.plain(text, redact).split())

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    # -- the document ----------------------------------------------------------------------
    def build(self) -> Document:
        ctx, _ = self.ctx, self._
        if self.opts.has("photos"):
            ctx.prepare_photos(ctx.data.attachments)
        s = ctx.data.session
        title = self.one_line(s.title) or _("Untitled session")
        sections = (
            ("summary", self.opening),
            ("background", self.goals),
            ("programme", self.programme),
            ("results", self.results),
            ("results", self.room_results),
            ("actions", self.actions),
            ("follow_up", self.follow_up),
            ("participants", self.attendance),
        )
        for key, section in sections:
            if self.opts.has(key) or (key == "results" and self.opts.has("photos")):
                section()
        self.colofon()
        return Document(
            title=title,
            lang=self.content_lang(),
            cover=self.cover(title),
            author=self.one_line(self.opts.author, redact=False)
            or self.one_line(s.organiser or s.facilitators, redact=False),
            subject=_("Report") + f": {title}" + (f", {ctx.long_date(s.date)}" if s.date else ""),
            keywords=tuple(k for k in (_("Report"), self.one_line(s.organiser)) if k),
            with_cover_page=self.opts.has("cover"),
            with_contents=self.opts.has("contents"),
            contents_title=_("Contents"),
            blocks=self.blocks,
            paged_note=_(
                "This PDF is not tagged for screen readers. The accessible version of this "
                "report is the HTML file made from the same text; ask {who} for it."
            ).format(who=self.contact() or _("the organiser")),
        )

    def content_lang(self) -> str:
        """The language the report is written in: its options' language (the session's report
        language by default), whatever the app's own language is."""
        return self.lang

    # -- cover -------------------------------------------------------------------------------
    def meta_lines(self) -> list[str]:
        _ = self._
        s = self.ctx.data.session
        lines: list[str] = []
        when = ", ".join(
            x
            for x in (
                self.ctx.long_date(s.date) if s.date else "",
                report_span(s.start_time, s.end_time, self.lang),
            )
            if x
        )
        if when:
            lines.append(when)
        if s.place.strip():
            lines.append(self.one_line(s.place))
        elif s.online_link.strip():
            lines.append(_("Online"))
        if s.organiser.strip():
            lines.append(f"{_('Organised by')} {self.one_line(s.organiser, redact=False)}")
        if s.facilitators.strip():
            lines.append(f"{_('Facilitation')}: {self.one_line(s.facilitators, redact=False)}")
        cohosts = cohost_line(self.ctx)
        if cohosts:
            lines.append(cohosts)
        return lines

    def author(self) -> str:
        """Who wrote it: the author given in the options, else the facilitators, else the
        organiser (the team's names, never a participant's)."""
        return self.one_line(self.opts.author, redact=False) or self.contact()

    def version_line(self) -> str:
        """'Versie 1.0, 4 december 2026' (the day it was written, else the session's date)."""
        _ = self._
        number = self.one_line(self.opts.version, redact=False) or "1.0"
        day = self.written_on or self.ctx.data.session.date
        if day is None:
            return _("Version {number}").format(number=number)
        return _("Version {number}, {date}").format(
            number=number, date=written_date(day, self.lang)
        )

    def byline(self) -> tuple[str, ...]:
        author = self.author()
        lines = [self._("Written by {author}").format(author=author)] if author else []
        return (*lines, self.version_line())

    def cover(self, title: str) -> Cover:
        return Cover(
            byline=self.byline(),
            kicker=self._("Report"),
            title=title,
            subtitle=self.one_line(self.ctx.data.session.subtitle),
            meta=tuple(self.meta_lines()),
            logo=self.logo(),
            cohost_logos=cohost_figures(self.ctx),
        )

    def logo(self) -> Figure | None:
        opts = self.opts
        raw = opts.logo if opts.logo is not None else self.ctx.data.session.logo
        if not opts.use_logo or not raw:
            return None
        try:
            img = prepare_image(raw, 170.0, 85.0, dpi=300)
        except ImageProblem as err:
            self.ctx.warnings.append(
                self._("The logo could not be read and was left out: {error}").format(error=err)
            )
            return None
        organiser = self.one_line(self.ctx.data.session.organiser, redact=False)
        alt = (
            self._("Logo of {organiser}").format(organiser=organiser)
            if organiser
            else self._("Logo")
        )
        return figure_of(img, "", alt)

    # -- opening -----------------------------------------------------------------------------
    def counted(self):
        people = self.ctx.data.participants
        present = [p for p in people if p.presence == Presence.PRESENT.value]
        return present or [p for p in people if p.presence != Presence.ABSENT.value], bool(present)

    def organisations_line(self) -> str:
        """'Deelnemers kwamen van A, B en C.' Anonymous: only organisations with 3 or more."""
        counted, _present = self.counted()
        counts = Counter(self.one_line(p.organisation) for p in counted if p.organisation.strip())
        if self.opts.anonymous:
            counts = Counter({k: n for k, n in counts.items() if n >= ANONYMITY_THRESHOLD})
        names = [k for k, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))]
        if not names:
            return ""
        shown = self.join_words(names[:8])
        if len(names) > 8:
            return self._("They came from {list} and {n} other organisations.").format(
                list=", ".join(names[:8]), n=len(names) - 8
            )
        if self.opts.anonymous:
            return self._("Among them were people from {list}.").format(list=shown)
        return self._("They came from {list}.").format(list=shown)

    def join_words(self, words: list[str]) -> str:
        if len(words) <= 1:
            return "".join(words)
        return ", ".join(words[:-1]) + f" {self._('and')} " + words[-1]

    def opening(self) -> None:
        """One paragraph: when, who came and how many, why; then the short summary."""
        _ = self._
        s = self.ctx.data.session
        title = self.one_line(s.title)
        counted, present = self.counted()
        parts: list[str] = []
        when = self.ctx.long_date(s.date) if s.date else ""
        where = self.one_line(s.place) or (_("online") if s.online_link.strip() else "")
        n = len(counted)
        if n:
            text = (
                _("On {date}, {n} people met for “{title}”").format(date=when, n=n, title=title)
                if when
                else _("{n} people met for “{title}”").format(n=n, title=title)
            )
        else:
            text = (
                _("On {date}, the meeting “{title}” took place").format(date=when, title=title)
                if when
                else _("The meeting “{title}” took place").format(title=title)
            )
        if where:
            text += f", {where}," if "(" in where else f" ({where})"
        if s.organiser.strip():
            text += " " + _("at the invitation of {organiser}").format(
                organiser=self.one_line(s.organiser, redact=False)
            )
        parts.append(text + ".")
        orgs = self.organisations_line()
        if orgs:
            parts.append(orgs)
        if s.background.strip() and self.opts.has("background"):
            parts.append(self.one_line(s.background))
        self.add(Heading(_("Introduction to the report"), 1), Para(runs(" ".join(parts))))
        if s.summary.strip():
            self.add(Heading(_("In brief"), 2), *self.paras(s.summary))

    def paras(self, text: str, small: bool = False) -> list[Para]:
        """User text split into paragraphs at blank lines; single line breaks kept."""
        chunks = [c.strip() for c in self.t(text).split("\n\n") if c.strip()]
        return [Para(runs(c), small=small) for c in chunks]

    def goals(self) -> None:
        _ = self._
        s = self.ctx.data.session
        goals = [self.one_line(g) for g in s.goals.splitlines() if g.strip()]
        if not goals:
            return
        if len(goals) == 1:
            self.add(Heading(_("Goal"), 2), Para(runs(goals[0])))
        else:
            self.add(Heading(_("Goals"), 2), Bullets(tuple(runs(g) for g in goals)))

    # -- programme ---------------------------------------------------------------------------
    def programme(self) -> None:
        _ = self._
        items = self.ctx.data.agenda
        if not items:
            return
        ran = any(i.actual_start is not None for i in items)
        rows: list[tuple[str, ...]] = []
        for item in items:
            start = (
                item.actual_start.astimezone().time() if item.actual_start else item.planned_start
            )
            title = self.one_line(item.title)
            if not ran:
                minutes = _("{n} min.").format(n=item.planned_minutes)
                rows.append((report_time(start, self.lang), title, minutes))
                continue
            diff = item.overrun_minutes
            if item.skipped:
                diff_text = _("skipped")
            elif diff is None:
                diff_text = ""
            else:
                diff_text = f"+{round(diff)}" if round(diff) > 0 else f"{round(diff)}"
            actual = "" if item.actual_minutes is None else str(round(item.actual_minutes))
            rows.append(
                (report_time(start, self.lang), title, str(item.planned_minutes), actual, diff_text)
            )
        if ran:
            header: tuple[str, ...] = (
                _("Time"),
                _("Part"),
                _("Min. planned"),
                _("Min. actual"),
                _("Difference"),
            )
            widths: tuple[float, ...] = (1.2, 6.2, 1.5, 1.5, 1.5)
        else:
            header, widths = (_("Time"), _("Part"), _("Duration")), (1.2, 7.5, 1.6)
        self.add(
            Heading(_("Programme"), 1),
            Table(
                header,
                tuple(rows),
                widths,
                caption=_("Programme as it ran") if ran else _("Programme as planned"),
            ),
        )
        if ran:
            planned = sum(i.planned_minutes for i in items if not i.skipped)
            actual_total = sum(i.actual_minutes or 0 for i in items)
            line = _("Planned {planned} minutes in total, actually {actual} minutes.").format(
                planned=planned, actual=round(actual_total)
            )
            overrun = [i for i in items if (i.overrun_minutes or 0) >= 1]
            if overrun:
                worst = max(overrun, key=lambda i: i.overrun_minutes or 0)
                line += " " + _(
                    "{n} parts ran over; the longest overrun was {minutes} minutes ({title})."
                ).format(
                    n=len(overrun),
                    minutes=round(worst.overrun_minutes or 0),
                    title=self.one_line(worst.title),
                )
            self.add(Para(runs(line), small=True))

    # -- results -----------------------------------------------------------------------------
    def note_extras(self, note: NoteInfo) -> str:
        _ = self._
        extras = []
        if note.theme.strip():
            extras.append(_("theme: {theme}").format(theme=self.one_line(note.theme)))
        if note.votes:
            extras.append(
                _("1 dot in the prioritisation")
                if note.votes == 1
                else _("{n} dots in the prioritisation").format(n=note.votes)
            )
        if note.starred:
            extras.append(_("highlighted by the group"))
        if note.answered and note.kind == NoteKind.VRAAG.value:
            extras.append(_("answered"))
        return "; ".join(extras)

    def note_inline(self, note: NoteInfo, label: str = "") -> Inline:
        parts: list[Run] = []
        if label:
            parts.append(Run(f"{label}: ", label=True))
        parts.append(Run(self.t(note.text)))
        extras = self.note_extras(note)
        if extras:
            parts.append(Run(f" ({extras})", muted=True))
        return tuple(parts)

    def action_inline(self, note: NoteInfo, label: str = "") -> Inline:
        parts: list[Run] = []
        if label:
            parts.append(Run(f"{label}: ", label=True))
        parts.append(Run(self.t(note.text)))
        who = self.one_line(note.action_who)
        when = self.due(note)
        if who or when:
            parts.append(Run(f" ({', '.join(x for x in (who, when) if x)})", muted=True))
        return tuple(parts)

    def due(self, note: NoteInfo) -> str:
        if note.action_due:
            return written_date(note.action_due, self.lang)
        return self.one_line(note.action_due_text)

    def speaker(self, note: NoteInfo) -> str:
        """The quote's speaker, only when the quote may name them *and* no participant refused."""
        ctx = self.ctx
        if self.opts.anonymous or not note.speaker_may_be_named:
            return ""
        if note.speaker_id is not None and ctx.data.people_by_id.get(note.speaker_id):
            person = ctx.data.people_by_id[note.speaker_id]
            if not ctx.may_name(person.id):
                return ""
            name = self.one_line(person.name, redact=False)
            if person.organisation.strip():
                name += f", {self.one_line(person.organisation)}"
            return name
        if ctx.text.withholds(note.speaker):  # "Chantal", "mw. Janssen", "@chantal"
            return ""
        return self.one_line(note.speaker)

    def notes(
        self, notes: list[NoteInfo], photos: list, skip_text: str = "", level: int = 4
    ) -> list[Block]:
        """Points as text, quotes between them, other kinds under a heading only when several."""
        _ = self._
        summary_words = _words(skip_text)
        by_kind: dict[str, list[NoteInfo]] = {}
        for note in notes:
            if not note.text.strip():
                continue
            if note.kind == NoteKind.INZICHT.value and _repeats(note.text, summary_words):
                continue  # the summary is not repeated as a point
            by_kind.setdefault(note.kind, []).append(note)
        out: list[Block] = []
        points = by_kind.pop(NoteKind.INZICHT.value, [])
        quotes = by_kind.pop(NoteKind.CITAAT.value, [])
        if len(points) == 1:
            out.append(Para(self.note_inline(points[0])))
        elif points:
            out.append(Bullets(tuple(self.note_inline(n) for n in points)))
        for note in quotes:
            out.append(Quote(self.t(note.text), self.speaker(note)))
        if not self.opts.has("actions"):
            pass
        else:
            by_kind.pop(NoteKind.ACTIE.value, None)  # in the actions table
        for kind, (one, several) in _KIND_HEADINGS.items():
            found = by_kind.pop(kind, [])
            inline = self.action_inline if kind == NoteKind.ACTIE.value else self.note_inline
            if len(found) == 1:
                out.append(Para(inline(found[0], _(one))))
            elif found:
                out += [
                    Heading(_(several), level, in_toc=False),
                    Bullets(tuple(inline(n) for n in found)),
                ]
        for rest in by_kind.values():  # kinds added later by other parts still print
            out.append(Bullets(tuple(self.note_inline(n) for n in rest)))
        if self.opts.has("photos"):
            for att in photos:
                img = self.ctx.images.get(att.id)
                if img is None:
                    continue
                caption = self.one_line(att.caption)
                alt = (
                    self.one_line(att.description) or caption or _("Photo taken during the meeting")
                )
                out.append(figure_of(img, caption, alt))
        return out

    def members_sentence(self, group: GroupInfo) -> str:
        """'Aan tafel 1, met tafelhost Anna: Bram, Carla en nog één deelnemer.'"""
        _ = self._
        ctx = self.ctx
        host = ctx.name_of(group.host_id)
        member_ids = [pid for pid in group.member_ids if pid != group.host_id]
        names = [self.one_line(n, redact=False) for n in (ctx.name_of(p) for p in member_ids) if n]
        total = len(group.member_ids)
        bits: list[str] = []
        table = self.one_line(group.table_name)
        if table:
            word = _("Table")
            named = table.casefold().startswith(word.casefold())  # "Tafel 2", not "Tafel: Tafel 2"
            bits.append(table if named else _("Table: {table}").format(table=table))
        if host:
            bits.append(_("table host: {name}").format(name=self.one_line(host, redact=False)))
        if names:
            rest = len(member_ids) - len(names)
            shown = ", ".join(names)
            if rest == 1:
                shown += " " + _("and one more participant")
            elif rest:
                shown += " " + _("and {n} more participants").format(n=rest)
            bits.append(_("with {names}").format(names=shown))
        elif total:
            bits.append(_("1 participant") if total == 1 else _("{n} participants").format(n=total))
        return "; ".join(bits) + "." if bits else ""

    def group_blocks(self, group: GroupInfo, level: int, item_id: int | None) -> list[Block]:
        """A group's notes typed on `item_id` (the item they were typed on, not the item the
        group was formed for), under the group's name; nothing for a group without notes."""
        ctx = self.ctx
        key = (item_id, group.id)
        notes = ctx.notes_by_group.get(key, []) if self.opts.has("results") else []
        body = self.notes(notes, ctx.photos_by_group.get(key, []), level=level + 1)
        if not body:
            return []  # no empty group headings for groups without notes
        title = self.one_line(group.name) or self._("Group {n}").format(n=group.position + 1)
        theme = self.one_line(group.theme)
        if theme and theme != title:
            title += f": {theme}"
        out: list[Block] = [Heading(title, level, in_toc=False)]
        meta = [self.members_sentence(group)]
        pitches = [self.one_line(p.name) for p in ctx.data.pitches if p.team_id == group.id]
        if pitches:
            meta.append(self._("Initiative: {names}").format(names=", ".join(pitches)))
        line = " ".join(m for m in meta if m)
        if line:
            out.append(Para((Run(line, muted=True),)))
        return out + body

    def pitch_blocks(self, pitch: PitchInfo, level: int) -> list[Block]:
        """One initiative or city: who brought it, its team, and what was said about it."""
        _ = self._
        ctx = self.ctx
        notes = ctx.notes_by_pitch.get(pitch.id, []) if self.opts.has("results") else []
        body = self.notes(notes, ctx.photos_by_pitch.get(pitch.id, []), level=level + 1)
        meta = []
        bringer = ctx.name_of(pitch.bringer_id)
        if bringer:
            meta.append(
                _("Brought in by: {name}").format(name=self.one_line(bringer, redact=False))
            )
        team = next((g for r in ctx.data.rounds for g in r.groups if g.id == pitch.team_id), None)
        if team is not None:
            name = self.one_line(team.name) or _("Group {n}").format(n=team.position + 1)
            meta.append(_("Team: {name}").format(name=name))
        if not body and not meta:
            return []
        out: list[Block] = [Heading(self.one_line(pitch.name), level, in_toc=False)]
        if meta:
            out.append(Para((Run(" · ".join(meta), muted=True),)))
        return out + body

    def round_blocks(
        self, rnd: RoundInfo, level: int, single: bool, item_title: str
    ) -> list[Block]:
        groups = sorted(
            rnd.groups,
            key=lambda g: (g.report_position is None, g.report_position or 0, g.position),
        )
        inner: list[Block] = []
        title = self.one_line(rnd.title)
        # a round heading only when it says something the item heading did not
        with_heading = not single and not rnd.harvest  # a harvest is never a round of its own
        group_level = level + 1 if with_heading else level
        for group in groups:
            inner += self.group_blocks(group, group_level, rnd.agenda_item_id)
        if not inner:
            return []
        if not with_heading or title.casefold() in item_title.casefold():
            return inner
        return [
            Heading(title or self._("Round {n}").format(n=rnd.number), level, in_toc=False),
            *inner,
        ]

    def item_blocks(self, item: AgendaEntry, rounds: list[RoundInfo]) -> list[Block]:
        ctx = self.ctx
        show = self.opts.has("results")
        summary = item.summary if show else ""
        inner: list[Block] = []
        if summary.strip():
            inner += self.paras(summary)
        if item.kind == ItemKind.TERUGBLIK_ACTIES.value:
            inner += self.reviewed_actions()
        inner += self.notes(
            ctx.notes_by_item.get(item.id, []) if show else [],
            ctx.photos_by_item.get(item.id, []),
            skip_text=summary,
            level=3,
        )
        for pitch in (p for p in ctx.data.pitches if p.agenda_item_id == item.id):
            inner += self.pitch_blocks(pitch, 3)
        with_notes = [r for r in rounds if self.round_has_content(r)]
        for rnd in with_notes:
            inner += self.round_blocks(rnd, 3, len(with_notes) == 1, self.one_line(item.title))
        return inner

    def reviewed_actions(self) -> list[Block]:
        """The series' actions this meeting looked back on, with their status (redacted)."""
        _ = self._
        found = self.ctx.data.reviewed_actions
        if not found:
            return [Para(runs(_("No open actions from earlier meetings.")))]
        rows = tuple(
            (
                self.t(a.what),
                self.one_line(a.who),
                self.written_due(a.due),
                _(_STATUS_BY_CODE.get(a.status, a.status))
                + (f" ({_('overdue')})" if a.overdue else ""),
                self.one_line(a.origin),
            )
            for a in found
        )
        return [
            Table(
                (_("What"), _("Who"), _("When"), _("Status"), _("From")),
                rows,
                (5, 2.2, 1.8, 1.8, 2.4),
                caption=_("Actions from earlier meetings, with their status"),
            )
        ]

    def written_due(self, due: date | None) -> str:
        return written_date(due, self.lang) if due is not None else ""

    def round_has_content(self, rnd: RoundInfo) -> bool:
        return any(self.group_blocks(g, 3, rnd.agenda_item_id) for g in rnd.groups)

    def room_results(self) -> None:
        """Questions to the room (phones): shown answers only, redacted like notes."""
        if not self.opts.has("results"):
            return
        self.add(*room_blocks(self.ctx.data.room_results, self._, self.one_line, self.t))

    def results(self) -> None:
        _ = self._
        ctx = self.ctx
        rounds_by_item: dict[int | None, list[RoundInfo]] = {}
        for rnd in (*ctx.data.rounds, *ctx.data.harvests):
            rounds_by_item.setdefault(rnd.agenda_item_id, []).append(rnd)
        known = {i.id for i in ctx.data.agenda}
        story: list[Block] = []
        for item in ctx.data.agenda:
            inner = self.item_blocks(item, rounds_by_item.get(item.id, []))
            if inner:
                story += [Heading(self.one_line(item.title), 2), *inner]
        loose: list[Block] = []
        for key, rnds in rounds_by_item.items():
            if key in known:
                continue
            for rnd in rnds:
                loose += self.round_blocks(rnd, 3, len(rnds) == 1, "")
        for pitch in (p for p in ctx.data.pitches if p.agenda_item_id not in known):
            loose += self.pitch_blocks(pitch, 3)
        loose_notes = [n for k, ns in ctx.notes_by_item.items() if k not in known for n in ns]
        loose_photos = [a for k, ats in ctx.photos_by_item.items() if k not in known for a in ats]
        loose += self.notes(loose_notes if self.opts.has("results") else [], loose_photos, level=3)
        if loose:
            story += [Heading(_("Other contributions"), 2), *loose]
        if story:
            self.add(Heading(_("What came up"), 1), *story)

    # -- actions and follow-up -----------------------------------------------------------------
    def _group_short_names(self) -> dict[int, str]:
        names = {}
        for rnd in self.ctx.data.rounds:
            for g in rnd.groups:
                names[g.id] = (
                    self.one_line(g.name)
                    or self.one_line(g.theme)
                    or self._("Group {n}").format(n=g.position + 1)
                )
        return names

    def where(self, note: NoteInfo) -> str:
        """The pitch's or group's short name, else 'plenair'."""
        pitch = next((p for p in self.ctx.data.pitches if p.id == note.queue_entry_id), None)
        if pitch is not None:
            return self.one_line(pitch.name)
        if note.group_id is not None and note.group_id in self.group_short:
            return self.group_short[note.group_id]
        return self._("plenary")

    def actions(self) -> None:
        _ = self._
        found = [
            n for n in self.ctx.data.notes if n.kind == NoteKind.ACTIE.value and n.text.strip()
        ]
        if not found:
            return
        found.sort(
            key=lambda n: (n.action_due is None, n.action_due or date.max, n.action_who.casefold())
        )
        rows = tuple(
            (self.t(n.text), self.one_line(n.action_who), self.due(n), self.where(n)) for n in found
        )
        self.add(
            Heading(_("Actions"), 1),
            Table(
                (_("What"), _("Who"), _("When"), _("Group")),
                rows,
                (6, 2.4, 2.0, 1.8),
                caption=_("Agreed actions, by date"),
            ),
        )

    def follow_up(self) -> None:
        _ = self._
        s = self.ctx.data.session
        questions = [
            n
            for n in self.ctx.data.notes
            if n.kind == NoteKind.VRAAG.value and n.text.strip() and not n.answered
        ]
        blocks: list[Block] = []
        if s.follow_up.strip():
            blocks += self.paras(s.follow_up)
        if questions and self.opts.has("questions") and self.opts.has("results"):
            blocks.append(
                Para(
                    runs(
                        _(
                            "1 question stayed open; it is listed above, with the part where it came up."
                        )
                        if len(questions) == 1
                        else _(
                            "{n} questions stayed open; they are listed above, with the part "
                            "where they came up."
                        ).format(n=len(questions))
                    )
                )
            )
        if blocks:
            self.add(Heading(_("Follow-up"), 1), *blocks)

    # -- bijlage and colofon ---------------------------------------------------------------------
    def attendance(self) -> None:
        _ = self._
        ctx = self.ctx
        people = ctx.data.participants
        if not people:
            return
        counted, present = self.counted()
        blocks: list[Block] = []
        if present:
            line = _("{present} of the {registered} registered participants took part.").format(
                present=len(counted), registered=len(people)
            )
        else:
            line = _("{n} participants registered.").format(n=len(counted))
        blocks.append(Para(runs(line)))
        named = [p for p in counted if ctx.may_name(p.id) and p.name.strip()]
        if named:
            rows = tuple(
                (self.one_line(p.name, redact=False), self.one_line(p.organisation))
                for p in sorted(named, key=lambda p: p.name.casefold())
            )
            blocks.append(
                Table((_("Name"), _("Organisation")), rows, (4, 6), caption=_("Participants"))
            )
            unnamed = len(counted) - len(named)
            if unnamed:
                blocks.append(
                    Para(
                        runs(
                            _("1 participant is not named in this report.")
                            if unnamed == 1
                            else _("{n} participants are not named in this report.").format(
                                n=unnamed
                            )
                        ),
                        small=True,
                    )
                )
        else:
            counts = Counter(
                self.one_line(p.organisation) for p in counted if p.organisation.strip()
            )
            other_label = _("Other organisations")
            unknown = len(counted) - sum(counts.values())  # no organisation given
            if unknown:
                counts[other_label] += unknown
            shown = group_small_counts(counts, other_label, ANONYMITY_THRESHOLD)
            if any(label != other_label for label, _n in shown):
                rows = tuple((k, str(n)) for k, n in shown)
                blocks.append(
                    Table(
                        (_("Organisation"), _("Number")),
                        rows,
                        (6, 1.4),
                        caption=_("Participants by organisation"),
                    )
                )
            if self.opts.anonymous:
                blocks.append(Para(runs(_("This report names no participants.")), small=True))
        self.add(NewPage(), Heading(_("Appendix: attendance"), 1), *blocks)

    def contact(self) -> str:
        s = self.ctx.data.session
        return self.one_line(s.facilitators, redact=False) or self.one_line(
            s.organiser, redact=False
        )

    def colofon(self) -> None:
        _ = self._
        s = self.ctx.data.session
        lines: list[tuple[str, str]] = []
        writer = self.author()
        if writer:
            lines.append((_("Written by"), writer))
        if s.organiser.strip():
            lines.append((_("Commissioned by"), self.one_line(s.organiser, redact=False)))
        if self.written_on is not None:
            lines.append((_("Date"), written_date(self.written_on, self.lang)))
        lines.append(
            (
                _("Contact"),
                _("questions about this report go to {who}").format(
                    who=writer or _("the organiser")
                ),
            )
        )
        lines.append(
            (
                _("Version"),
                _("{number}, made with Workshop {version}").format(
                    number=self.one_line(self.opts.version, redact=False) or "1.0",
                    version=__version__,
                ),
            )
        )
        if self.opts.anonymous:
            lines.append((_("Privacy"), _("this version names no participants")))
        self.add(
            Heading(_("Colophon"), 1),
            *[Para((Run(f"{k}: ", bold=True), Run(v))) for k, v in lines],
        )


def build_verslag_document(ctx: Ctx, written_on: date | None = None) -> Document:
    """The verslag of `ctx.data` as a format-neutral document."""
    return VerslagWriter(ctx, written_on).build()
