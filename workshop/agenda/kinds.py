"""Names of the kinds of agenda item, and reading a kind from what people type."""

from __future__ import annotations

from functools import cache

from workshop.i18n import N_, _, current_language, translator
from workshop.model.kinds import ItemKind
from workshop.tabular import normalise_header

KIND_LABELS: dict[str, str] = {
    ItemKind.WELKOM: N_("Welcome"),
    ItemKind.INTRODUCTIE: N_("Introduction"),
    ItemKind.PRESENTATIE: N_("Presentation"),
    ItemKind.GESPREK: N_("Conversation"),
    ItemKind.PITCH: N_("Pitch"),
    ItemKind.SUBGROEPEN: N_("Subgroups"),
    ItemKind.TERUGKOPPELING: N_("Plenary feedback"),
    ItemKind.PAUZE: N_("Break"),
    ItemKind.TERUGBLIK_ACTIES: N_("Action review"),
    ItemKind.REFLECTIE: N_("Reflection"),
    ItemKind.AFSLUITING: N_("Closing"),
    ItemKind.OVERIG: N_("Other"),
}

#: Other words people use for a kind (Dutch and English), normalised like headers.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    ItemKind.WELKOM: ("welkom", "welcome", "ontvangst", "inloop", "opening", "registratie"),
    ItemKind.INTRODUCTIE: ("introductie", "introduction", "intro", "inleiding", "aftrap"),
    ItemKind.PRESENTATIE: ("presentatie", "presentation", "lezing", "talk", "keynote", "spreker"),
    ItemKind.GESPREK: ("gesprek", "conversation", "discussie", "discussion", "dialoog", "panel"),
    ItemKind.PITCH: ("pitch", "pitches", "pitchronde"),
    ItemKind.SUBGROEPEN: (
        "subgroepen",
        "subgroups",
        "subgroep",
        "breakout",
        "breakouts",
        "werkgroepen",
        "groepen",
        "tafels",
        "workshop",
        "worldcafe",
    ),
    ItemKind.TERUGKOPPELING: (
        "terugkoppeling",
        "plenaireterugkoppeling",
        "feedback",
        "plenary",
        "plenaryfeedback",
        "plenair",
        "oogst",
        "harvest",
    ),
    ItemKind.TERUGBLIK_ACTIES: (
        "terugblikacties",
        "terugblikopacties",
        "actiereview",
        "actionreview",
        "reviewactions",
        "actiepunten",
    ),
    ItemKind.PAUZE: ("pauze", "break", "koffie", "koffiepauze", "lunch", "thee", "coffee"),
    ItemKind.REFLECTIE: ("reflectie", "reflection", "evaluatie", "vooruitblik"),
    ItemKind.AFSLUITING: ("afsluiting", "closing", "afsluiten", "einde", "end", "slot", "borrel"),
    ItemKind.OVERIG: ("overig", "other", "anders", "misc"),
}


def kind_label(kind: str) -> str:
    """The kind in the current language ('Pauze' / 'Break')."""
    label = KIND_LABELS.get(kind)
    return _(label) if label else kind


def kind_from_text(text: str) -> str | None:
    """The kind meant by `text` (a code, a Dutch or English name), or None when unknown."""
    key = normalise_header(text)
    return _lookup(current_language()).get(key) if key else None


@cache
def _lookup(lang: str) -> dict[str, str]:
    """Normalised word -> kind: synonyms, English labels and labels in `lang`."""
    table: dict[str, str] = {}
    translate = translator(lang)
    for kind, label in KIND_LABELS.items():
        for word in (*_SYNONYMS[kind], label, translate(label)):
            table.setdefault(normalise_header(word), str(kind))
    return table
