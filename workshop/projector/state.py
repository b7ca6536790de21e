"""The projector state machine: which picture the room sees, and the overlays on top.

Base modes (one at a time): welcome, agenda item, programme, breakout, plenaire
terugkoppeling. Overlays: a message band, blackout (nothing but black) and freeze (the room
keeps seeing the picture of the moment freeze was switched on while the facilitator
prepares the next one). Freeze holds the *base picture* only: a message or blackout set
while frozen still reaches the room, so "Nog 2 minuten — rond af" never waits for unfreeze.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeGuard

from workshop.i18n import N_, _
from workshop.model import ItemKind

MAX_MESSAGE = 200


class Mode(StrEnum):
    WELCOME = "welcome"
    AGENDA_ITEM = "agenda_item"
    PROGRAMME = "programme"
    BREAKOUT = "breakout"
    REPORTING = "reporting"


MODE_TITLES: dict[Mode, str] = {
    Mode.WELCOME: N_("Welcome"),
    Mode.AGENDA_ITEM: N_("Agenda item"),
    Mode.PROGRAMME: N_("Programme"),
    Mode.BREAKOUT: N_("Breakout"),
    Mode.REPORTING: N_("Plenary feedback"),
}

#: Ready-made messages offered in the control panel (translated where shown).
PRESET_MESSAGES: tuple[str, ...] = (
    N_("2 minutes left — please wrap up"),
    N_("Back to the main room"),
    N_("Break — we start again in 10 minutes"),
)


def mode_title(mode: Mode) -> str:
    return _(MODE_TITLES[mode])


def mode_for_item_kind(kind: str) -> Mode:
    """The picture that suits an agenda item of this kind."""
    if kind == ItemKind.SUBGROEPEN.value:
        return Mode.BREAKOUT
    if kind == ItemKind.TERUGKOPPELING.value:
        return Mode.REPORTING
    return Mode.AGENDA_ITEM


def _is_id(value: object) -> TypeGuard[int | None]:
    """A stored row id: an int (not a bool), or None for none."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


@dataclass(frozen=True)
class ProjectorState:
    """Everything that decides the picture (content comes from `ProjectorContent`)."""

    mode: Mode = Mode.WELCOME
    message: str = ""  # overlay band; empty = none
    blackout: bool = False
    frozen: bool = False
    show_notes: bool = False  # plenaire terugkoppeling: captured points visible
    dark: bool = True  # projector theme
    follow_agenda: bool = True  # switch picture when the running item changes
    round_id: int | None = None  # breakout round shown (None: the round of the item)
    reporting_group_id: int | None = None  # group reporting (None: first in the order)

    @property
    def base(self) -> ProjectorState:
        """The state without overlays (what freeze keeps)."""
        return replace(self, message="", blackout=False, frozen=False)

    # -- what survives a restart of the app ------------------------------------------------
    def to_json(self) -> str:
        """The picture, round and group with the floor (overlays and freeze are moments,
        the theme is a library preference): stored per session, restored on reopening."""
        return json.dumps(
            {
                "mode": self.mode.value,
                "round_id": self.round_id,
                "reporting_group_id": self.reporting_group_id,
                "show_notes": self.show_notes,
                "follow_agenda": self.follow_agenda,
            },
            sort_keys=True,
        )

    def with_stored(self, text: str) -> ProjectorState:
        """This state with the stored parts of `text` applied; unreadable parts are ignored."""
        try:
            data = json.loads(text) if text.strip() else {}
        except ValueError:
            return self
        if not isinstance(data, dict):
            return self
        out = self
        if data.get("mode") in {m.value for m in Mode}:
            out = replace(out, mode=Mode(data["mode"]))
        round_id, group_id = data.get("round_id"), data.get("reporting_group_id")
        if _is_id(round_id):
            out = replace(out, round_id=round_id)
        if _is_id(group_id):
            out = replace(out, reporting_group_id=group_id)
        for key in ("show_notes", "follow_agenda"):
            if isinstance(data.get(key), bool):
                out = replace(out, **{key: data[key]})
        return out


Listener = Callable[[ProjectorState], None]
_UNSEEN = object()


class ProjectorStateMachine:
    """Holds the facilitator's state and what the room sees; notifies listeners on change."""

    def __init__(self, state: ProjectorState | None = None) -> None:
        self._state = state or ProjectorState()
        self._frozen_base: ProjectorState | None = None
        self._listeners: list[Listener] = []
        self._last_item_id: int | None | object = _UNSEEN

    # -- reading -------------------------------------------------------------------------
    @property
    def state(self) -> ProjectorState:
        """The facilitator's state (what the room sees once unfrozen)."""
        return self._state

    @property
    def visible(self) -> ProjectorState:
        """What the room sees now: the frozen base picture with the live overlays."""
        if self._frozen_base is None:
            return self._state
        return replace(
            self._frozen_base,
            message=self._state.message,
            blackout=self._state.blackout,
            frozen=True,
        )

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    # -- transitions ---------------------------------------------------------------------
    def _set(self, state: ProjectorState) -> ProjectorState:
        if state != self._state:
            self._state = state
            for listener in list(self._listeners):
                listener(state)
        return self._state

    def show(self, mode: Mode) -> ProjectorState:
        return self._set(replace(self._state, mode=Mode(mode)))

    def set_message(self, text: str) -> ProjectorState:
        """Show a message band; an empty text removes it. Long texts are cut, not refused."""
        cleaned = " ".join(text.split())
        if len(cleaned) > MAX_MESSAGE:
            cleaned = cleaned[: MAX_MESSAGE - 1].rstrip() + "…"
        return self._set(replace(self._state, message=cleaned))

    def clear_message(self) -> ProjectorState:
        return self.set_message("")

    def set_blackout(self, on: bool) -> ProjectorState:
        return self._set(replace(self._state, blackout=on))

    def toggle_blackout(self) -> ProjectorState:
        return self.set_blackout(not self._state.blackout)

    def set_frozen(self, on: bool) -> ProjectorState:
        if on and self._frozen_base is None:
            self._frozen_base = self._state.base
        elif not on:
            self._frozen_base = None
        return self._set(replace(self._state, frozen=on))

    def toggle_freeze(self) -> ProjectorState:
        return self.set_frozen(not self._state.frozen)

    def set_dark(self, dark: bool) -> ProjectorState:
        return self._set(replace(self._state, dark=dark))

    def set_show_notes(self, on: bool) -> ProjectorState:
        return self._set(replace(self._state, show_notes=on))

    def set_follow_agenda(self, on: bool) -> ProjectorState:
        return self._set(replace(self._state, follow_agenda=on))

    def select_round(self, round_id: int | None) -> ProjectorState:
        """Show this breakout round (None: the round of the running item).

        Every way of choosing a round (the Live step, the Groepen tab, the panel) ends here:
        the latest choice wins.
        """
        return self._set(replace(self._state, round_id=round_id))

    def restore(self, text: str) -> ProjectorState:
        """Reopening the session: the stored picture, round and group come back."""
        return self._set(self._state.with_stored(text))

    def select_reporting_group(self, group_id: int | None) -> ProjectorState:
        return self._set(replace(self._state, reporting_group_id=group_id))

    def item_changed(self, item_id: int | None, kind: str | None) -> ProjectorState:
        """The running agenda item moved: follow it with the suitable picture.

        Only a real move counts: the first observation (opening the projector) and reloads
        of the same item leave the facilitator's choice alone.
        """
        if item_id == self._last_item_id:
            return self._state
        first = self._last_item_id is _UNSEEN
        self._last_item_id = item_id
        if first or not self._state.follow_agenda or item_id is None or kind is None:
            return self._state
        mode = mode_for_item_kind(kind)
        # a new item: its own round (or the Live step's, set right after this) is shown
        return self._set(replace(self._state, mode=mode, reporting_group_id=None, round_id=None))
