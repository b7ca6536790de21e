"""Sentences about the run, for the live page, the projector and the CLI (translated)."""

from __future__ import annotations

from datetime import datetime

from workshop.i18n import _, format_clock
from workshop.timing.forecast import Standing
from workshop.timing.plan import SessionPlan
from workshop.timing.proposals import DROP, SHORTEN, SHRINK, Proposal


def short_title(title: str, limit: int = 32) -> str:
    """A title cut to `limit` characters with an ellipsis (lists in one line)."""
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def sentence(text: str) -> str:
    """Capitalise the first letter (the parts above are written to sit inside a sentence)."""
    return text[:1].upper() + text[1:]


def clock_text(value: datetime, ref: datetime) -> str:
    """'15:10' in the time zone of `ref` (the clock's now)."""
    return format_clock(value.astimezone(ref.tzinfo))


def _end_text(end: datetime, delay: int, ref: datetime) -> str:
    when = clock_text(end, ref)
    if delay > 0:
        return _("expected end {time}, {minutes} min late").format(time=when, minutes=delay)
    if delay < 0:
        return _("expected end {time}, {minutes} min ahead").format(time=when, minutes=-delay)
    return _("expected end {time}, on schedule").format(time=when)


def standing_line(standing: Standing) -> str:
    """'verwachte eindtijd 17:08, 8 min uitloop'."""
    if standing.finished:
        return _("ended at {time}").format(time=clock_text(standing.expected_end, standing.now))
    return _end_text(standing.expected_end, standing.delay_minutes, standing.now)


def squeeze_lines(
    standing: Standing, plan: SessionPlan, running_id: int | None = None
) -> list[str]:
    """One sentence per stretch whose items will not get their planned time.

    The running item is left out of the names when others follow it: it is the one
    running late, the coming ones are those that lose time.
    """
    titles = {i.id: short_title(i.title) for i in plan.items}
    out = []
    for segment in standing.squeezed:
        ids = [i for i in segment.item_ids if i != running_id] or list(segment.item_ids)
        names = ", ".join(titles.get(i, "?") for i in ids)
        minutes = max(1, round(segment.short_seconds / 60))
        when = clock_text(segment.bound, standing.now)
        if segment.bound_item_id is not None:
            out.append(
                _("before “{title}” at {time}: {items} get {minutes} min too little").format(
                    title=titles.get(segment.bound_item_id, "?"),
                    time=when,
                    items=names,
                    minutes=minutes,
                )
            )
        else:
            out.append(
                _("before the end at {time}: {items} get {minutes} min too little").format(
                    time=when, items=names, minutes=minutes
                )
            )
    return out


def proposal_title(proposal: Proposal, plan: SessionPlan) -> str:
    titles = {i.id: short_title(i.title, 40) for i in plan.items}
    if proposal.kind == SHRINK:
        return _("Shrink the remaining flexible items in proportion")
    title = titles.get(proposal.item_id or -1, "?")
    if proposal.kind == SHORTEN:
        minutes = sum(old - new for _i, old, new in proposal.changes)
        return _("Shorten “{title}” by {minutes} min").format(title=title, minutes=minutes)
    if proposal.kind == DROP:
        return _("Drop “{title}”").format(title=title)
    return proposal.kind


def proposal_result(proposal: Proposal, now: datetime) -> str:
    return _end_text(proposal.new_end, proposal.new_delay_minutes, now)
