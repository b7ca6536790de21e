"""Linking a typed speaker ("— Nina") to a participant of the session, so that person's
own consent to be named applies to the quote.

Matching folds accents and case ("kubra" is "Kübra") and accepts the full name, the first
name, or the first name with the initial of the surname ("Nina J."). Absent people did not
speak. When more than one person fits, nobody is linked: the facilitator chooses.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

ABSENT = "afwezig"


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    presence: str = ""


def fold(text: str) -> str:
    """'  Kübra  Yılmaz ' -> 'kubra yilmaz' (accents and case folded, spaces collapsed)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace(".", " ").split())


def _forms(name: str) -> set[str]:
    words = fold(name).split()
    if not words:
        return set()
    forms = {" ".join(words), words[0]}
    if len(words) > 1:
        forms.add(f"{words[0]} {words[-1][0]}")  # "nina j"
    return forms


def speaker_candidates(typed: str, people: Sequence[Candidate]) -> list[Candidate]:
    """Who the typed speaker may be: a full-name match wins over first-name matches."""
    wanted = fold(typed)
    if not wanted:
        return []
    present = [p for p in people if p.presence != ABSENT]
    full = [p for p in present if fold(p.name) == wanted]
    if full:
        return full
    return [p for p in present if wanted in _forms(p.name)]


def link_speaker(typed: str, people: Sequence[Candidate]) -> int | None:
    """The one participant the typed speaker names, else None (nobody, or ambiguous)."""
    found = speaker_candidates(typed, people)
    return found[0].id if len(found) == 1 else None
