"""From the Reeks page: putting an existing session into a series (made when new), and
making this meeting's agenda the series' usual programme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from workshop.commands.base import Change, Changes, Command
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import Series
from workshop.series.commands import AddToSeries, CreateSeries, _clean_name

if TYPE_CHECKING:
    from workshop.agenda.commands import SaveTemplate


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


class SetSeriesProgramme(Command):
    """This meeting's agenda becomes the series' usual programme (a template the next
    meetings start from); the series' earlier programme stays under "My templates"."""

    def __init__(self, series_id: int, session_id: int) -> None:
        self.series_id = series_id
        self.session_id = session_id
        # the SaveTemplate step, made from the agenda on the first run
        self.save: SaveTemplate | None = None
        self.old: list[int] = []  # template ids the series had
        self.link_id: int | None = None
        self.label = _("Set the series' programme")

    def do(self, db: OrmSession) -> Changes:
        from workshop.model import SeriesTemplate

        if self.save is None:
            from workshop.agenda.commands import SaveTemplate
            from workshop.model import AgendaItem, WorkSession
            from workshop.series.next_meeting import CARRIED_ITEM_FIELDS

            series = db.get(Series, self.series_id)
            meeting = db.get(WorkSession, self.session_id)
            if series is None or meeting is None:
                raise CommandError(_("This series or meeting no longer exists"))
            items = db.scalars(
                select(AgendaItem)
                .where(AgendaItem.session_id == self.session_id)
                .order_by(AgendaItem.position, AgendaItem.id)
            ).all()
            values = [{f: getattr(i, f) for f in CARRIED_ITEM_FIELDS} for i in items]
            self.save = SaveTemplate(
                _("Programme of {series}").format(series=series.name),
                values,
                times=(meeting.start_time, meeting.end_time),
            )
        changes = self.save.do(db)
        links = db.scalars(select(SeriesTemplate).where(SeriesTemplate.series_id == self.series_id))
        self.old = []
        for link in links:
            self.old.append(link.template_id)
            db.delete(link)
        db.flush()
        row = SeriesTemplate(series_id=self.series_id, template_id=self.save.template_id)
        if self.link_id is not None:
            row.id = self.link_id
        db.add(row)
        db.flush()
        self.link_id = row.id
        changes.add(_programme_change(self.series_id))
        return changes

    def undo(self, db: OrmSession) -> Changes:
        from workshop.model import SeriesTemplate

        row = db.get(SeriesTemplate, self.link_id)
        if row is not None:
            db.delete(row)
        db.flush()
        for template_id in self.old:
            db.add(SeriesTemplate(series_id=self.series_id, template_id=template_id))
        db.flush()
        assert self.save is not None  # made by do()
        changes = self.save.undo(db)
        changes.add(_programme_change(self.series_id))
        return changes


def _programme_change(series_id: int) -> Change:
    from workshop.changes import Entity

    return Change(Entity.SERIES, "updated", (series_id,), None, ("programme",))


class CarryConsent(Command):
    """Consent given or revoked at one meeting becomes the register's, and so every
    meeting's (`SetConsent` per person, one undo step)."""

    def __init__(self, changes: list[tuple[int, bool]]) -> None:
        from workshop.series.commands import SetConsent

        if not changes:
            raise CommandError(_("Nothing to change"))
        self.steps = [SetConsent(person_id, value) for person_id, value in changes]
        self.label = _("Consent into the register")

    def do(self, db: OrmSession) -> Changes:
        changes = Changes()
        for step in self.steps:
            changes.extend(step.do(db).items)
        return changes

    def undo(self, db: OrmSession) -> Changes:
        changes = Changes()
        for step in reversed(self.steps):
            changes.extend(step.undo(db).items)
        return changes
