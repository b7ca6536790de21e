"""Typed speakers are linked to participants: accents, case, first names; never a guess."""

from __future__ import annotations

from workshop.capture.speakers import Candidate, fold, link_speaker, speaker_candidates

PEOPLE = [
    Candidate(1, "Nina de Jong", "aanwezig"),
    Candidate(2, "Kübra Yılmaz", "aanwezig"),
    Candidate(3, "Jan Bakker", "aanwezig"),
    Candidate(4, "Jan de Vries", "onbekend"),
    Candidate(5, "Nina Smit", "afwezig"),
]


def test_fold():
    assert fold("  Kübra  Yılmaz ") == "kubra yilmaz"
    assert fold("Nina J.") == "nina j"


def test_first_name_full_name_accents_and_initial():
    assert link_speaker("Nina", PEOPLE) == 1  # the other Nina is absent
    assert link_speaker("kubra", PEOPLE) == 2
    assert link_speaker("KÜBRA YILMAZ", PEOPLE) == 2
    assert link_speaker("Jan B.", PEOPLE) == 3
    assert link_speaker("jan de vries", PEOPLE) == 4


def test_ambiguous_or_unknown_is_not_linked():
    assert link_speaker("Jan", PEOPLE) is None
    assert [c.id for c in speaker_candidates("Jan", PEOPLE)] == [3, 4]
    assert link_speaker("Egbert", PEOPLE) is None
    assert link_speaker("", PEOPLE) is None
