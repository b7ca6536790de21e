"""The marks that set a note's kind while typing, and the keys that override them.

Plain text is an inzicht; a leading mark picks another kind. Ctrl+1 … Ctrl+6 choose the
kind by number (the same order as the cheat sheet).
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop.i18n import N_
from workshop.model import NoteKind


@dataclass(frozen=True)
class Mark:
    kind: NoteKind
    number: int  # Ctrl+number
    marks: tuple[str, ...]  # leading characters; the first is the one to show
    name: str  # N_() marked; translate where shown
    example: str  # N_() marked
    explanation: str  # N_() marked


MARKS: tuple[Mark, ...] = (
    Mark(
        NoteKind.INZICHT,
        1,
        (),
        N_("Point"),
        N_("Initiatives need a fixed contact person at the municipality"),
        N_("Plain text, no mark: an insight or point made"),
    ),
    Mark(
        NoteKind.CITAAT,
        2,
        ('"', "“", "„", "”"),
        N_("Quote"),
        N_('"We do not fit in a box." — Anouk'),
        N_(
            "A quote; after the closing quote: — name or @name for the speaker (not named in the report unless you allow it)"
        ),
    ),
    Mark(
        NoteKind.VRAAG,
        3,
        ("?",),
        N_("Question"),
        N_("?How do we express the value of volunteer work?"),
        N_("An open question"),
    ),
    Mark(
        NoteKind.ACTIE,
        4,
        ("!",),
        N_("Action"),
        N_("!Send the report around @Marieke by 1 June"),
        N_("An action: what, then @who and a date (by 1 June, 1-6, next week)"),
    ),
    Mark(
        NoteKind.KNOP,
        5,
        (">",),
        N_("Lever"),
        N_(">Budgets per neighbourhood instead of per department"),
        N_("A lever: what must change (which knobs to turn)"),
    ),
    Mark(
        NoteKind.PARTNER,
        6,
        ("+",),
        N_("Partner"),
        N_("+Housing corporation and grid operator"),
        N_("With whom: a partner to involve"),
    ),
)

BY_KIND: dict[NoteKind, Mark] = {m.kind: m for m in MARKS}
BY_NUMBER: dict[int, Mark] = {m.number: m for m in MARKS}
BY_CHAR: dict[str, Mark] = {c: m for m in MARKS for c in m.marks}

#: Characters that end a quote (straight and typographic).
CLOSING_QUOTES = ('"', "”", "“", "»")

#: A leading backslash keeps a mark as plain text: "\?" stores an inzicht starting with "?".
ESCAPE = "\\"


def mark_for(kind: str | NoteKind) -> Mark:
    return BY_KIND[NoteKind(kind)]
