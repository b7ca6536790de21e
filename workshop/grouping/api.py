"""The planner's contract: plain data in, plain data out.

Implemented by `workshop.grouping.planner.plan_rounds(request) -> PlanResult` and
`workshop.grouping.planner.absorb_change(...)`; used by the CLI, the Groepen page and tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PersonId = int | str


@dataclass(frozen=True)
class Person:
    id: PersonId
    name: str
    attributes: dict[str, str] = field(default_factory=dict)  # e.g. organisation, role
    theme: str = ""  # preferred theme
    second_theme: str = ""


@dataclass(frozen=True)
class FixedGroup:
    """A group the planner must keep as it is in a given round (locked by the facilitator)."""

    round_index: int
    group_index: int
    members: tuple[PersonId, ...]


@dataclass(frozen=True)
class PlanRequest:
    people: tuple[Person, ...]
    rounds: int = 1
    group_size: int | None = 6  # about this many per group ...
    group_count: int | None = None  # ... or exactly this many groups
    mix_on: tuple[str, ...] = ()  # attributes to spread (organisation, role)
    by_theme: bool = False
    themes: tuple[str, ...] = ()  # known themes (tables per theme follow demand)
    keep_together: tuple[tuple[PersonId, PersonId], ...] = ()
    keep_apart: tuple[tuple[PersonId, PersonId], ...] = ()
    hosts: dict[PersonId, int] = field(default_factory=dict)  # host -> group index, all rounds
    fixed: tuple[FixedGroup, ...] = ()
    # Meetings from earlier rounds (e.g. a previous session): pair -> times met.
    history: dict[frozenset, int] = field(default_factory=dict)
    seed: int | None = None
    time_limit: float = 2.0  # seconds the search may use


@dataclass(frozen=True)
class PlannedGroup:
    members: tuple[PersonId, ...]
    theme: str = ""
    host: PersonId | None = None


@dataclass(frozen=True)
class Quality:
    repeated_pairs: int  # a pair meeting k > 1 times counts k - 1
    max_meetings: int  # most times any pair meets
    attribute_clashes: int  # pairs sharing a mixed-on attribute value at one table
    theme_misses: int  # people not at their first-choice theme
    broken_rules: int  # keep-together / keep-apart violations, hosts away from their table
    second_choices: int = 0  # of the theme misses: people at their second-choice theme
    new_pairs: int = 0  # distinct pairs that meet for the first time
    size_spread: int = 0  # largest difference between group sizes within one round


@dataclass(frozen=True)
class PlanResult:
    rounds: tuple[tuple[PlannedGroup, ...], ...]
    quality: Quality
    seconds: float
    method: str  # e.g. "affine-plane", "kirkman", "local-search"
    notes: tuple[str, ...] = ()  # translated remarks for the facilitator (rules not kept, ...)
