"""Putting an existing session into a series (made when new), from the Reeks page."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from workshop.commands.base import Changes, Command
from workshop.i18n import _
from workshop.model import Series
from workshop.series.commands import AddToSeries, CreateSeries, _clean_name


class JoinSeries(Command):
    """The session becomes the next meeting of the series called `name` (created when new)."""

    def __init__(self, name: str, session_id: int, theme: str = "") -> None:
        self.name = _clean_name(name)
        self.theme = theme.strip()
        self.session_id = session_id
        self.create: CreateSeries | None = None
        self.add: AddToSeries | None = None
        self.label = _("Add meeting to series")

    @property
    def series_id(self) -> int | None:
        return self.add.series_id if self.add is not None else None

    def do(self, db: OrmSession) -> Changes:
        changes = Changes()
        if self.add is None:
            found = db.scalar(
                select(Series.id).where(func.lower(Series.name) == self.name.casefold())
            )
            if found is None:
                self.create = CreateSeries(self.name, self.theme)
        if self.create is not None:
            changes.extend(self.create.do(db).items)
        if self.add is None:
            series_id = self.create.series_id if self.create is not None else found
            assert series_id is not None
            self.add = AddToSeries(series_id, self.session_id)
        changes.extend(self.add.do(db).items)
        return changes

    def undo(self, db: OrmSession) -> Changes:
        assert self.add is not None
        changes = self.add.undo(db)
        db.flush()
        if self.create is not None:
            changes.extend(self.create.undo(db).items)
        return changes
