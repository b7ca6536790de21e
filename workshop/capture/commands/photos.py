"""Commands on photos (attachments): add, rotate, caption, describe, delete.

Image work (decoding, scaling) happens before the command is made (`workshop.capture.photos`,
in a worker thread), so storing a photo is a plain insert.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from workshop.capture.photos import PreparedPhoto, rotated
from workshop.changes import Entity
from workshop.commands import rows
from workshop.commands.base import Change, Changes, Command, FieldEdit
from workshop.errors import CommandError
from workshop.i18n import _, format_number
from workshop.model import AgendaItem, Attachment, BreakoutGroup, QueueEntry

MAX_CAPTION = 2000


def _photo(db: OrmSession, photo_id: int) -> Attachment:
    obj = db.get(Attachment, photo_id)
    if obj is None:
        raise CommandError(_("This photo no longer exists"))
    return obj


def _check_caption(caption: str) -> None:
    if len(caption) > MAX_CAPTION:
        raise CommandError(
            _("This text is too long (at most {n} characters)").format(n=format_number(MAX_CAPTION))
        )


class AddPhoto(Command):
    def __init__(
        self,
        session_id: int,
        item_id: int | None,
        group_id: int | None,
        photo: PreparedPhoto,
        caption: str = "",
        entry_id: int | None = None,
    ) -> None:
        _check_caption(caption)
        self.session_id = session_id
        self.item_id = item_id
        self.group_id = group_id
        self.entry_id = entry_id
        self.photo = photo
        self.caption = caption
        self.photo_id: int | None = None
        self.position: int | None = None
        self.label = _("Add photo")

    def do(self, db: OrmSession) -> Changes:
        if self.item_id is not None:
            item = db.get(AgendaItem, self.item_id)
            if item is None or item.session_id != self.session_id:
                raise CommandError(_("This agenda item no longer exists"))
        if self.group_id is not None and db.get(BreakoutGroup, self.group_id) is None:
            raise CommandError(_("This group no longer exists"))
        if self.entry_id is not None and db.get(QueueEntry, self.entry_id) is None:
            raise CommandError(_("This pitch is no longer in the queue"))
        if self.position is None:
            found = db.execute(
                select(func.max(Attachment.position)).where(
                    Attachment.session_id == self.session_id
                )
            ).scalar()
            self.position = 0 if found is None else found + 1
        obj = Attachment(
            session_id=self.session_id,
            agenda_item_id=self.item_id,
            group_id=self.group_id,
            queue_entry_id=self.entry_id,
            caption=self.caption,
            filename=self.photo.filename[:500],
            mime=self.photo.mime,
            data=self.photo.data,
            thumbnail=self.photo.thumbnail,
            width=self.photo.width,
            height=self.photo.height,
            rotation=0,
            position=self.position,
        )
        if self.photo_id is not None:
            obj.id = self.photo_id
        db.add(obj)
        db.flush()
        self.photo_id = obj.id
        return Changes([Change(Entity.ATTACHMENT, "created", (obj.id,), self.session_id)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.photo_id is not None
        db.delete(_photo(db, self.photo_id))
        return Changes([Change(Entity.ATTACHMENT, "deleted", (self.photo_id,), self.session_id)])


_IMAGE_FIELDS = ("data", "thumbnail", "width", "height", "rotation")


class RotatePhoto(Command):
    """Turn a photo by quarter turns clockwise; the stored image itself is turned, so the
    report and the projector need not know. Undo puts back the exact previous bytes."""

    def __init__(
        self, photo_id: int, quarter_turns: int = 1, prepared: PreparedPhoto | None = None
    ) -> None:
        if quarter_turns % 4 == 0:
            raise CommandError(_("Nothing to change"))
        self.photo_id = photo_id
        self.quarter_turns = quarter_turns % 4
        self.prepared = prepared  # made off the UI thread by the caller; else made here
        self.old: dict | None = None
        self.new: dict | None = None
        self.session_id: int | None = None
        self.label = _("Rotate photo")

    def _apply(self, db: OrmSession, values: dict) -> Changes:
        obj = _photo(db, self.photo_id)
        for name, value in values.items():
            setattr(obj, name, value)
        self.session_id = obj.session_id
        return Changes(
            [Change(Entity.ATTACHMENT, "updated", (obj.id,), obj.session_id, ("data", "rotation"))]
        )

    def do(self, db: OrmSession) -> Changes:
        obj = _photo(db, self.photo_id)
        if self.old is None:
            self.old = {name: getattr(obj, name) for name in _IMAGE_FIELDS}
        if self.new is None:
            turned = self.prepared or rotated(obj.data, self.quarter_turns, obj.filename)
            self.new = {
                "data": turned.data,
                "thumbnail": turned.thumbnail,
                "width": turned.width,
                "height": turned.height,
                "rotation": (obj.rotation + 90 * self.quarter_turns) % 360,
            }
            self.prepared = None
        return self._apply(db, self.new)

    def undo(self, db: OrmSession) -> Changes:
        assert self.old is not None
        return self._apply(db, self.old)


class CaptionPhoto(FieldEdit):
    def __init__(self, photo_id: int, caption: str) -> None:
        _check_caption(caption)
        self.photo_id = photo_id
        self.new = {"caption": caption}
        self.session_id: int | None = None
        self.label = _("Edit caption")

    def _row(self, db: OrmSession) -> Attachment:
        return _photo(db, self.photo_id)

    def _changes(self, row: Attachment, fields: tuple[str, ...]) -> Changes:
        self.session_id = row.session_id
        return Changes([Change(Entity.ATTACHMENT, "updated", (row.id,), row.session_id, fields)])

    def merge_key(self) -> tuple | None:
        return ("photo-caption", self.photo_id)


class DescribePhoto(CaptionPhoto):
    """The description for who cannot see the photo (alt text in the HTML and DOCX verslag)."""

    def __init__(self, photo_id: int, description: str) -> None:
        _check_caption(description)
        self.photo_id = photo_id
        self.new = {"description": description}
        self.session_id = None
        self.label = _("Edit photo description")

    def merge_key(self) -> tuple | None:
        return ("photo-description", self.photo_id)


class DeletePhoto(Command):
    def __init__(self, photo_id: int) -> None:
        self.photo_id = photo_id
        self.saved: rows.RowSet | None = None
        self.session_id: int | None = None
        self.label = _("Delete photo")

    def do(self, db: OrmSession) -> Changes:
        obj = _photo(db, self.photo_id)
        self.session_id = obj.session_id
        self.saved = rows.capture(db, [("attachments", lambda t: t.c.id == self.photo_id)])
        db.delete(obj)
        return Changes([Change(Entity.ATTACHMENT, "deleted", (self.photo_id,), self.session_id)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.saved is not None
        rows.restore(db, self.saved)
        return Changes([Change(Entity.ATTACHMENT, "created", (self.photo_id,), self.session_id)])
