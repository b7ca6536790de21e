"""The co-host organisations of a session: one command sets the whole list (names, logos)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from workshop.changes import Entity
from workshop.commands.base import Change, Changes, Command
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import CoHost, WorkSession
from workshop.store.library import Library

MAX_COHOSTS = 12


@dataclass(frozen=True)
class CoHostInfo:
    name: str
    logo: bytes | None = None  # PNG made by workshop.sessions.logo.prepare_logo


def list_cohosts(library: Library, session_id: int) -> list[CoHostInfo]:
    with library.read() as db:
        return _current(db, session_id)


def _current(db: OrmSession, session_id: int) -> list[CoHostInfo]:
    rows = db.scalars(
        select(CoHost).where(CoHost.session_id == session_id).order_by(CoHost.position, CoHost.id)
    ).all()
    return [CoHostInfo(r.name, r.logo) for r in rows]


def cohost_names(hosts: Sequence[CoHostInfo]) -> str:
    """'A', 'A en B', 'A, B en C' ('and' in English), for "in samenwerking met …"."""
    names = [h.name for h in hosts if h.name.strip()]
    if len(names) <= 1:
        return "".join(names)
    return _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


class SetCoHosts(Command):
    """Replace a session's co-hosts (add, remove, rename, logo: all through this list)."""

    def __init__(self, session_id: int, hosts: Sequence[CoHostInfo], label: str = "") -> None:
        cleaned = [CoHostInfo(h.name.strip(), h.logo) for h in hosts]
        if any(not h.name for h in cleaned):
            raise CommandError(_("A co-host needs a name"))
        if len(cleaned) > MAX_COHOSTS:
            raise CommandError(_("At most {n} co-hosts").format(n=MAX_COHOSTS))
        self.session_id = session_id
        self.hosts = cleaned
        self.old: list[CoHostInfo] = []
        self.label = label or _("Change co-hosts")

    def _apply(self, db: OrmSession, hosts: list[CoHostInfo]) -> Changes:
        if db.get(WorkSession, self.session_id) is None:
            raise CommandError(_("Session {id} does not exist").format(id=self.session_id))
        for row in db.scalars(select(CoHost).where(CoHost.session_id == self.session_id)):
            db.delete(row)
        db.flush()
        for position, host in enumerate(hosts):
            db.add(
                CoHost(
                    session_id=self.session_id, name=host.name, logo=host.logo, position=position
                )
            )
        db.flush()
        return Changes(
            [Change(Entity.SESSION, "updated", (self.session_id,), self.session_id, ("cohosts",))]
        )

    def do(self, db: OrmSession) -> Changes:
        self.old = _current(db, self.session_id)
        return self._apply(db, self.hosts)

    def undo(self, db: OrmSession) -> Changes:
        return self._apply(db, self.old)
