"""Versioned JSON export / import of a whole session (see docs/exchange-format.md).

The export holds the session and every row that belongs to it, table by table. Row ids
are replaced by stable references ("item-3", "person-12"), so exporting an imported
session gives the same document again. Photos and the logos (the session's, the
co-hosts') travel as base64.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import JSON as SaJSON
from sqlalchemy import LargeBinary, Table, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session as OrmSession

from workshop import __version__
from workshop.changes import Entity
from workshop.commands.base import Change, Changes, Command
from workshop.errors import CommandError
from workshop.i18n import _
from workshop.model import Base, WorkSession
from workshop.privacy.image_metadata import strip_metadata
from workshop.store.library import Library

FORMAT = "workshop-session"
VERSION = 1

#: Tables exported, parent first, with the prefix of their references.
TABLES: tuple[tuple[str, str], ...] = (
    ("agenda_items", "item"),
    ("participants", "person"),
    ("breakout_rounds", "round"),
    ("breakout_groups", "group"),
    ("memberships", "member"),
    ("queue_entries", "queue"),
    ("notes", "note"),
    ("attachments", "photo"),
    ("timer_events", "event"),
    ("cohosts", "cohost"),
)

#: Rows of a session that are the state of one run on one machine, not its content.
NOT_EXPORTED = frozenset({"clock_leases"})


def exported_tables() -> list[tuple[str, str]]:
    """TABLES, then any other table with a `session_id` (added by later parts of the app)."""
    known = {name for name, _prefix in TABLES} | NOT_EXPORTED
    extra = [
        (t.name, t.name.rstrip("s").replace("_", "-"))
        for t in Base.metadata.sorted_tables
        if t.name not in known
        and "id" in t.c
        and "session_id" in t.c
        and _fk_target(t.c.session_id) == "sessions"
    ]
    return [*TABLES, *extra]


def _referenced() -> set[str]:
    """Tables whose rows other exported rows point at (their new ids are needed on import)."""
    names = {name for name, _prefix in exported_tables()}
    return {
        target for name in names for c in _table(name).columns if (target := _fk_target(c)) in names
    }


#: Session columns that are not exported: running state of this laptop, demo marker.
SESSION_SKIP = {"id", "current_item_id", "run_state", "is_demo"}


class ExchangeError(CommandError):
    """A file that is not a usable export; the message is for the user."""


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _mapper_class(name: str):
    for mapper in Base.registry.mappers:
        if mapper.local_table is _table(name):
            return mapper.class_
    raise KeyError(name)


def _fk_target(column) -> str | None:
    for fk in column.foreign_keys:
        return fk.column.table.name
    return None


def _dump_value(column, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _load_value(column, value: Any, where: str) -> Any:
    if value is None:
        return None
    kind = column.type
    try:
        if isinstance(kind, LargeBinary):  # photos and logos: no EXIF, GPS or comments
            return strip_metadata(base64.b64decode(value, validate=True))
        if isinstance(kind, SaJSON):
            return value
        python_type = kind.python_type
    except (binascii.Error, TypeError, ValueError) as err:
        raise ExchangeError(
            _("{where}: the value cannot be read ({error})").format(where=where, error=err)
        ) from err
    except NotImplementedError:
        return value
    try:
        if python_type is datetime:
            return datetime.fromisoformat(value)
        if python_type is date:
            return date.fromisoformat(value)
        if python_type is time:
            return time.fromisoformat(value)
        if python_type is bool:
            if not isinstance(value, bool):
                raise TypeError(value)
            return value
        if python_type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(value)
            return value
        if python_type is float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(value)
            return float(value)
        if python_type is str:
            if not isinstance(value, str):
                raise TypeError(value)
            return value
    except (TypeError, ValueError) as err:
        raise ExchangeError(
            _("{where}: {value!r} is not a valid value").format(where=where, value=value)
        ) from err
    return value


# -- export ----------------------------------------------------------------------------------


def export_session(library: Library, session_id: int, now: datetime | None = None) -> dict:
    """The whole session as a JSON-ready dict (format version `VERSION`)."""
    with library.read() as db:
        session_row = db.execute(
            select(_table("sessions")).where(_table("sessions").c.id == session_id)
        ).first()
        if session_row is None:
            raise CommandError(_("Session {id} does not exist").format(id=session_id))
        sessions = _table("sessions")
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "app_version": __version__,
            "exported_at": (now or datetime.now(UTC)).isoformat(timespec="seconds"),
            "session": {
                c.name: _dump_value(c, session_row._mapping[c.name])
                for c in sessions.columns
                if c.name not in SESSION_SKIP
            },
        }
        refs: dict[str, dict[int, str]] = {}
        round_ids = [
            r
            for (r,) in db.execute(
                select(_table("breakout_rounds").c.id).where(
                    _table("breakout_rounds").c.session_id == session_id
                )
            )
        ]
        for name, prefix in exported_tables():
            table = _table(name)
            if "session_id" in table.c:
                where = table.c.session_id == session_id
            else:  # memberships belong to the session through their round
                where = table.c.round_id.in_(round_ids)
            order = [table.c.position] if "position" in table.c else []
            rows = db.execute(select(table).where(where).order_by(*order, table.c.id)).all()
            refs[name] = {row._mapping["id"]: f"{prefix}-{n}" for n, row in enumerate(rows, 1)}
            out = []
            for row in rows:
                values = row._mapping
                item: dict[str, Any] = {"ref": refs[name][values["id"]]}
                for c in table.columns:
                    if c.name in ("id", "session_id"):
                        continue
                    target = _fk_target(c)
                    value = values[c.name]
                    if target and target != "sessions" and value is not None:
                        item[c.name] = refs.get(target, {}).get(value)
                    else:
                        item[c.name] = _dump_value(c, value)
                out.append(item)
            doc[name] = out
    return doc


def export_json(library: Library, session_id: int) -> str:
    return json.dumps(export_session(library, session_id), ensure_ascii=False, indent=1)


# -- import ----------------------------------------------------------------------------------


def parse_export(text: str | bytes) -> dict:
    """Read and check an export file's text; raises ExchangeError with a clear message."""
    from workshop.sessions import exchange_schema

    if len(text) > exchange_schema.MAX_FILE_BYTES:
        raise ExchangeError(_("This file is too large for a session export."))
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ExchangeError(
            _("This file is not a session export (no valid JSON): {error}").format(error=err)
        ) from err
    except RecursionError:
        raise ExchangeError(
            _("This file is not a session export: it is nested too deeply.")
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ExchangeError(_("This file is not a Workshop session export."))
    version = doc.get("version")
    if not isinstance(version, int) or version < 1:
        raise ExchangeError(_("This export has no valid format version."))
    if version > VERSION:
        raise ExchangeError(
            _(
                "This export was made by a newer version of Workshop (format {found}; this version reads up to {known})."
            ).format(found=version, known=VERSION)
        )
    if not isinstance(doc.get("session"), dict):
        raise ExchangeError(_("This export holds no session."))
    for name, _prefix in exported_tables():
        rows = doc.get(name, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ExchangeError(_("The part “{name}” of this export is damaged.").format(name=name))
    try:
        exchange_schema.check(doc)
    except exchange_schema.SchemaError as err:
        raise ExchangeError(str(err)) from None
    return doc


def _insert_session(db: OrmSession, doc: dict, session_id: int | None) -> WorkSession:
    sessions = _table("sessions")
    values = {}
    for c in sessions.columns:
        if c.name in SESSION_SKIP or c.name not in doc["session"]:
            continue
        values[c.name] = _load_value(c, doc["session"][c.name], f"session.{c.name}")
    obj = WorkSession(**values)
    if session_id is not None:
        obj.id = session_id
    db.add(obj)
    db.flush()
    return obj


def import_into(db: OrmSession, doc: dict, session_id: int | None = None) -> int:
    """Create the session of a checked export inside `db`; returns the new session id."""
    session = _insert_session(db, doc, session_id)
    new_ids: dict[str, dict[str, int]] = {}
    referenced = _referenced()
    for name, _prefix in exported_tables():
        table = _table(name)
        cls = _mapper_class(name)
        new_ids[name] = {}
        for n, row in enumerate(doc.get(name, []), 1):
            values: dict[str, Any] = {}
            for c in table.columns:
                if c.name == "id" or c.name not in row:
                    continue
                if c.name == "session_id":
                    continue
                target = _fk_target(c)
                value = row[c.name]
                if target and target != "sessions":
                    if value is None:
                        values[c.name] = None
                        continue
                    mapped = new_ids.get(target, {}).get(value)
                    if mapped is None and not c.nullable:
                        raise ExchangeError(
                            _("{where}: refers to {ref}, which is not in the export").format(
                                where=f"{name}[{n}].{c.name}", ref=value
                            )
                        )
                    values[c.name] = mapped
                else:
                    values[c.name] = _load_value(c, value, f"{name}[{n}].{c.name}")
            if "session_id" in table.c:
                values["session_id"] = session.id
            obj = cls(**values)
            db.add(obj)
            if name in referenced and row.get("ref") is not None:
                db.flush()
                new_ids[name][str(row["ref"])] = obj.id
    db.flush()
    return session.id


class ImportSession(Command):
    """Import an export as a new session (undo deletes it again)."""

    def __init__(self, doc: dict) -> None:
        self.doc = doc
        self.session_id: int | None = None
        self.label = _("Import session")

    def do(self, db: OrmSession) -> Changes:
        try:
            self.session_id = import_into(db, self.doc, self.session_id)
        except SQLAlchemyError as err:
            raise ExchangeError(
                _("The export could not be imported: {error}").format(
                    error=str(getattr(err, "orig", None) or err).splitlines()[0]
                )
            ) from err
        return Changes([Change(Entity.SESSION, "created", (self.session_id,), self.session_id)])

    def undo(self, db: OrmSession) -> Changes:
        assert self.session_id is not None  # set by do()
        obj = db.get(WorkSession, self.session_id)
        if obj is not None:
            db.delete(obj)
            db.flush()
        return Changes([Change(Entity.SESSION, "deleted", (self.session_id,), self.session_id)])
