"""The AVG request to be forgotten: one person erased from every session of the library.

`plan_forget` lists what would go (participant rows and mentions per session) without
changing anything; `forget` erases it in one transaction and then compacts the file.
There is no undo: that is the point of the request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from workshop.model import Participant, WorkSession
from workshop.people.commands import RemoveParticipants
from workshop.privacy.erasure import Edit, compact, scrub_session, session_redactor
from workshop.privacy.redaction import Who, key_of
from workshop.store.library import Library


@dataclass(frozen=True)
class SessionErasure:
    """What goes in one session: the person's rows and the fields that mention them."""

    session_id: int
    title: str
    participants: tuple[tuple[int, str, str], ...]  # id, name, e-mail
    mentions: tuple[Edit, ...]


@dataclass
class ForgetPlan:
    email: str
    name: str
    sessions: list[SessionErasure] = field(default_factory=list)

    @property
    def participant_count(self) -> int:
        return sum(len(s.participants) for s in self.sessions)

    @property
    def mention_count(self) -> int:
        return sum(len(s.mentions) for s in self.sessions)

    @property
    def empty(self) -> bool:
        return not self.sessions


def _matches(db: OrmSession, email: str, name: str) -> list[Participant]:
    query = select(Participant)
    if email:
        query = query.where(func.lower(func.trim(Participant.email)) == email.casefold())
        found = list(db.scalars(query))
        return [p for p in found if p.email.strip().casefold() == email.casefold()]
    wanted = key_of(name)
    return [p for p in db.scalars(query) if key_of(p.name) == wanted]


def _plan(db: OrmSession, email: str, name: str, write: bool) -> ForgetPlan:
    """What goes (listed before anything is written); with `write`, erased too."""
    email, name = email.strip(), " ".join(name.split())
    plan = ForgetPlan(email, name)
    people = _matches(db, email, name)
    identities = {(p.name, p.email) for p in people}
    if name:
        identities.add((name, ""))
    if email:
        identities.add(("", email))
    forgotten = [Who(n, e) for n, e in sorted(identities)]
    by_session: dict[int, list[Participant]] = {}
    for p in people:
        by_session.setdefault(p.session_id, []).append(p)
    for s in db.scalars(select(WorkSession).order_by(WorkSession.id)):
        mine = by_session.get(s.id, [])
        ids = [p.id for p in mine]
        rows = tuple((p.id, p.name, p.email) for p in mine)
        redactor = session_redactor(db, s.id, forgotten, keep_ids=ids)
        edits = scrub_session(db, s.id, redactor, write=False)
        if rows or edits:
            plan.sessions.append(SessionErasure(s.id, s.title, rows, tuple(edits)))
        if write and ids:
            RemoveParticipants(ids).do(db)  # memberships, hosts, speakers, mentions
        if write and (ids or edits):
            scrub_session(db, s.id, redactor)
    return plan


def plan_forget(library: Library, email: str = "", name: str = "") -> ForgetPlan:
    """What forgetting this person would erase; nothing is changed."""
    if not (email.strip() or name.strip()):
        raise ValueError("an e-mail address or a name is needed")
    with library.read() as db:
        plan = _plan(db, email, name, write=False)
        db.rollback()
    return plan


def forget(library: Library, email: str = "", name: str = "") -> ForgetPlan:
    """Erase the person everywhere, then compact the file. Cannot be undone."""
    if not (email.strip() or name.strip()):
        raise ValueError("an e-mail address or a name is needed")
    with library.unit_of_work() as db:
        plan = _plan(db, email, name, write=True)
    compact(library.engine)
    return plan
