"""The two lines above the board: how good the rounds are, and who is seated wrongly."""

from __future__ import annotations

from workshop.grouping.queries import RoundInfo, measure
from workshop.i18n import N_, _, plural
from workshop.people.queries import PersonInfo

NAMES_SHOWN = 12  # a long list of names says less than a count


def _names(names: list[str]) -> str:
    """Up to `NAMES_SHOWN` names, then how many more."""
    if len(names) <= NAMES_SHOWN:
        return ", ".join(names)
    rest = len(names) - NAMES_SHOWN
    more = plural(rest, N_("{n} other"), N_("{n} others")).format(n=rest)
    return _("{names} and {more}").format(names=", ".join(names[:NAMES_SHOWN]), more=more)


def quality_lines(
    rounds: list[RoundInfo],
    round_index: int,
    people: list[PersonInfo],
    choice_note: str,
    series_note: str = "",
) -> tuple[str, str]:
    """(quality line, status line) for the round at `round_index`; `series_note`: what the
    series' history gave the last plan of a meeting in a series."""
    present = {p.id for p in people if p.is_present}
    if not rounds:
        return (
            plural(len(present), N_("{n} person present"), N_("{n} people present")).format(
                n=len(present)
            ),
            "",
        )
    q = measure(rounds)
    placed = rounds[min(round_index, len(rounds) - 1)].placed()
    parts = [
        _("{n} placed").format(n=len(placed)),
        _("repeated meetings: {n}").format(n=q.repeated_pairs),
        _("most meetings of one pair: {n}").format(n=q.max_meetings),
        _("colleagues at one table: {n}").format(n=q.organisation_clashes),
        _("size difference: {n}").format(n=q.size_spread),
    ]
    if rounds[0].settings.get("by_theme"):
        parts.append(_("not at first-choice theme: {n}").format(n=q.theme_misses))
    missing = sorted(p.name for p in people if p.id in present - placed)
    gone = sorted(p.name for p in people if p.id in placed - present)
    notes = []
    if missing:
        notes.append(_("Present without a seat: {names}").format(names=_names(missing)))
    if gone:
        notes.append(_("Seated but not present: {names}").format(names=_names(gone)))
    if notes:
        notes.append(_("“Absorb arrivals and departures” fixes this with few seat changes."))
    if rounds[0].settings.get("method") == "self_select" and choice_note:
        notes.insert(0, choice_note)  # how the teams by choice came out
    if series_note:
        notes.insert(0, series_note)
    status = " ".join(n if n.endswith(".") else n + "." for n in notes)
    return " · ".join(parts), status
