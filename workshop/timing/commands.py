"""Commands of the live run: applying a back-on-schedule proposal (undoable)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session as OrmSession

from workshop.changes import Entity
from workshop.commands.base import Change, Changes, Command
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import AgendaItem, TimerEvent
from workshop.model.kinds import TimerEventKind
from workshop.timing.proposals import Proposal


class ApplyProposal(Command):
    """Set the planned minutes a proposal chose; undo puts the old minutes back.

    Refuses when the agenda changed since the proposal was made (the facilitator saw other
    numbers than the ones that would be stored).
    """

    def __init__(self, session_id: int, proposal: Proposal, when: datetime) -> None:
        if not proposal.changes:
            raise CommandError(_("This proposal changes nothing"))
        self.session_id = session_id
        self.kind = proposal.kind
        self.changes = proposal.changes  # (item id, old minutes, new minutes)
        self.when = when  # real time of the decision, for the timer log
        self.event_id: int | None = None
        self.label = _("Back on schedule")

    def _items(self, db: OrmSession) -> dict[int, AgendaItem]:
        out = {}
        for item_id, _old, _new in self.changes:
            item = db.get(AgendaItem, item_id)
            if item is None or item.session_id != self.session_id:
                raise CommandError(_("An item of this proposal no longer exists; look again"))
            out[item_id] = item
        return out

    def _set(self, db: OrmSession, new: bool) -> Changes:
        items = self._items(db)
        for item_id, old, new_minutes in self.changes:
            expected, value = (old, new_minutes) if new else (new_minutes, old)
            if items[item_id].planned_minutes != expected:
                raise CommandError(_("The agenda changed since this proposal was made; look again"))
            items[item_id].planned_minutes = value
        ids = tuple(i for i, _o, _n in self.changes)
        return Changes(
            [Change(Entity.AGENDA_ITEM, "updated", ids, self.session_id, ("planned_minutes",))]
        )

    def do(self, db: OrmSession) -> Changes:
        changes = self._set(db, new=True)
        event = TimerEvent(
            session_id=self.session_id,
            kind=TimerEventKind.REPLAN.value,
            at=self.when,
            payload={"proposal": self.kind, "changes": [list(c) for c in self.changes]},
        )
        if self.event_id is not None:
            event.id = self.event_id
        db.add(event)
        db.flush()
        self.event_id = event.id
        return changes

    def undo(self, db: OrmSession) -> Changes:
        changes = self._set(db, new=False)
        if self.event_id is not None:
            event = db.get(TimerEvent, self.event_id)
            if event is not None:
                db.delete(event)
        return changes
