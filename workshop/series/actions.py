"""The action register's vocabulary: statuses, their words, what counts as overdue."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from workshop.i18n import N_, _


class ActionStatus(StrEnum):
    OPEN = "open"
    BEZIG = "bezig"  # in progress
    GEDAAN = "gedaan"  # done
    VERVALLEN = "vervallen"  # dropped


STATUS_WORDS = {
    ActionStatus.OPEN: N_("open"),
    ActionStatus.BEZIG: N_("in progress"),
    ActionStatus.GEDAAN: N_("done"),
    ActionStatus.VERVALLEN: N_("dropped"),
}

#: statuses that still ask for work (shown at the next meeting's "Terugblik acties")
STILL_OPEN = frozenset({ActionStatus.OPEN.value, ActionStatus.BEZIG.value})


def status_word(status: str) -> str:
    try:
        return _(STATUS_WORDS[ActionStatus(status)])
    except ValueError:
        return status


def parse_status(text: str) -> ActionStatus | None:
    """A status from its code or its word in either language ('done', 'gedaan', 'bezig')."""
    wanted = " ".join(text.split()).casefold()
    for status, word in STATUS_WORDS.items():
        if wanted in (status.value, word, _(word).casefold()):
            return status
    return None


def is_overdue(status: str, due: date | None, today: date) -> bool:
    return status in STILL_OPEN and due is not None and due < today
