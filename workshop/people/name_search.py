"""Finding a person at the door: names first, accent- and case-insensitive.

Typing "kubra" finds "Kübra Yılmaz", "vries" and "de vries" find "Anouk de Vries",
"A. de Vries" and "AdV" find her by initials. Organisation, role and e-mail are searched
only when no name matches, so "zoe" never picks an "Onderzoeker" while a Zoë is on the list.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

#: Dutch and neighbouring name particles ("tussenvoegsels") a search may leave out.
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "het",
        "'t",
        "ter",
        "ten",
        "te",
        "in",
        "op",
        "la",
        "le",
        "l'",
        "d'",
        "zu",
    ]
)
#: Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "’": "'"}
)


class Searchable(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def email(self) -> str: ...


P = TypeVar("P", bound=Searchable)


def fold(text: str) -> str:
    """Lower case without accents: 'Kübra Yılmaz' -> 'kubra yilmaz'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(_FOLD)


def _tokens(text: str) -> list[str]:
    """Folded words of a name; hyphens and dots separate words."""
    cleaned = "".join(c if c.isalnum() or c == "'" else " " for c in fold(text))
    return cleaned.split()


def _initials_forms(tokens: list[str]) -> set[str]:
    """'anouk de vries' -> {'adv', 'av'} (with and without the particles)."""
    all_letters = "".join(t[0] for t in tokens)
    core = "".join(t[0] for t in tokens if t not in PARTICLES)
    return {form for form in (all_letters, core) if len(form) >= 2}


@dataclass(frozen=True)
class _Query:
    words: list[str]
    initials: str  # a compact 'AdV' / 'A.d.V.' query folded to 'adv', else ''


def _parse(text: str) -> _Query:
    raw_words = text.split()
    words = _tokens(text)
    if not words:
        return _Query([], "")
    significant = [w for w in words if w not in PARTICLES]
    initials = ""
    if len(raw_words) == 1:
        compact = "".join(c for c in fold(raw_words[0]) if c.isalpha())
        if 2 <= len(compact) <= 4:
            initials = compact
    return _Query(significant or words, initials)


def _name_score(tokens: list[str], query: _Query) -> int:
    """0 = no match; higher = better. Every word must start a word of the name."""
    if not tokens:
        return 0
    joined = ("".join(t for t in tokens if t not in PARTICLES), "".join(tokens[1:]))
    score = 0
    for word in query.words:
        if word in tokens:
            score += 3
        elif any(t.startswith(word) for t in tokens):
            score += 2
        elif len(word) >= 4 and any(j.startswith(word) for j in joined):
            score += 1
        else:
            score = 0
            break
    if score:
        return score
    if query.initials and query.initials in _initials_forms(tokens):
        return 1
    return 0


def _other_match(person: Searchable, query: _Query) -> bool:
    haystack = fold(" ".join((person.organisation, person.role, person.email)))
    return all(word in haystack for word in query.words)


def search_people(people: Sequence[P], text: str) -> list[P]:
    """The people `text` finds, best match first.

    Names are searched first; only when no name matches are organisation, role and e-mail
    searched (every typed word must appear). An empty search finds everyone, in list order.
    """
    query = _parse(text)
    if not query.words:
        return list(people)
    scored = [
        (score, i) for i, p in enumerate(people) if (score := _name_score(_tokens(p.name), query))
    ]
    if scored:
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [people[i] for _score, i in scored]
    return [p for p in people if _other_match(p, query)]
