"""The session's logo on the cover of the verslag: checked, capped in size, stored as a command."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError
from sqlalchemy.orm import Session as OrmSession

from workshop.changes import Entity
from workshop.commands.base import Change, Changes, Command
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import WorkSession

MAX_LOGO_SIDE = 1200  # pixels; plenty for 6 cm at 300 dpi
MAX_LOGO_FILE = 30_000_000  # bytes read from disk at most


def prepare_logo(raw: bytes) -> bytes:
    """A logo as PNG (transparency kept), longest side at most MAX_LOGO_SIDE.

    Raises CommandError with a clear message for files that are not images.
    """
    if len(raw) > MAX_LOGO_FILE:
        raise CommandError(_("This logo file is too large (at most 30 MB)."))
    try:
        img: Image.Image = Image.open(io.BytesIO(raw))
        img.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as err:
        raise CommandError(_("This file is not an image that can be used as a logo.")) from err
    if img.mode not in ("RGB", "RGBA", "L", "LA"):
        img = img.convert("RGBA")
    img.thumbnail((MAX_LOGO_SIDE, MAX_LOGO_SIDE))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


class SetSessionLogo(Command):
    """Set (or with None, remove) the logo of a session."""

    def __init__(self, session_id: int, logo: bytes | None) -> None:
        self.session_id = session_id
        self.logo = logo
        self.old: bytes | None = None
        self.label = _("Remove logo") if logo is None else _("Set logo")

    def _apply(self, db: OrmSession, value: bytes | None) -> Changes:
        obj = db.get(WorkSession, self.session_id)
        if obj is None:
            raise CommandError(_("Session {id} does not exist").format(id=self.session_id))
        obj.logo = value
        return Changes([Change(Entity.SESSION, "updated", (obj.id,), obj.id, ("logo",))])

    def do(self, db: OrmSession) -> Changes:
        obj = db.get(WorkSession, self.session_id)
        self.old = obj.logo if obj is not None else None
        return self._apply(db, self.logo)

    def undo(self, db: OrmSession) -> Changes:
        return self._apply(db, self.old)


def get_logo(library, session_id: int) -> bytes | None:
    with library.read() as db:
        obj = db.get(WorkSession, session_id)
        return obj.logo if obj is not None else None
