"""Closed vocabularies stored as short strings (readable in the database and in exports)."""

from __future__ import annotations

from enum import StrEnum


class ItemKind(StrEnum):
    WELKOM = "welkom"
    INTRODUCTIE = "introductie"
    PRESENTATIE = "presentatie"
    GESPREK = "gesprek"
    PITCH = "pitch"
    SUBGROEPEN = "subgroepen"
    TERUGKOPPELING = "terugkoppeling"  # plenaire terugkoppeling
    PAUZE = "pauze"
    TERUGBLIK_ACTIES = "terugblik_acties"  # a series: the open actions of earlier meetings
    REFLECTIE = "reflectie"
    AFSLUITING = "afsluiting"
    OVERIG = "overig"


class NoteKind(StrEnum):
    INZICHT = "inzicht"  # a point
    CITAAT = "citaat"  # a quote
    VRAAG = "vraag"  # a question
    ACTIE = "actie"  # an action: what, who, when
    KNOP = "knop"  # a lever: what must change
    PARTNER = "partner"  # with whom


class Presence(StrEnum):
    UNKNOWN = "onbekend"
    PRESENT = "aanwezig"
    ABSENT = "afwezig"
    LEFT = "vertrokken"


class TimerEventKind(StrEnum):
    SESSION_START = "session_start"
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"  # amount_seconds may be negative
    RESTART = "restart"
    NEXT = "next"
    PREVIOUS = "previous"
    SKIP = "skip"
    STEP = "step"
    SESSION_END = "session_end"
    REPLAN = "replan"  # a back-on-schedule proposal was applied
