"""Fresh databases on the test PostgreSQL server (scripts/with_pg.sh): one per test.

A template database is migrated once per run; each test gets `CREATE DATABASE t_<uuid>
TEMPLATE <it>` (a file copy on the server, far quicker than migrating) and it is dropped
after the test.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

TEMPLATE = "workshop_template"

#: The test server (scripts/with_pg.sh sets it); empty: the tests run on SQLite files.
SERVER = os.environ.get("WORKSHOP_TEST_DB", "")

_template_ready = False
#: databases made during the running test, dropped after it (conftest)
created: list[str] = []


def library_url(tmp_path: Path, name: str = "lib.sqlite") -> str:
    """A fresh, empty library: a SQLite file in `tmp_path`, or a new database on the server."""
    global _template_ready
    if not SERVER:
        return f"sqlite:///{tmp_path / name}"
    if not _template_ready:
        make_template(SERVER)
        _template_ready = True
    url = create_database(SERVER, TEMPLATE)
    created.append(url)
    return url


def drop_created() -> None:
    while created:
        drop_database(SERVER, created.pop())


def _admin(server_url: str):
    return create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=_null_pool())


def _null_pool():
    from sqlalchemy.pool import NullPool

    return NullPool


def database_url(server_url: str, name: str) -> str:
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def make_template(server_url: str) -> str:
    """Create and migrate the template database (replacing one left by an earlier run)."""
    from workshop.store.library import Library

    engine = _admin(server_url)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{TEMPLATE}"'))
    finally:
        engine.dispose()
    Library.open(database_url(server_url, TEMPLATE)).close()
    return TEMPLATE


def create_database(server_url: str, template: str) -> str:
    name = f"t_{uuid.uuid4().hex[:16]}"
    engine = _admin(server_url)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    finally:
        engine.dispose()
    return database_url(server_url, name)


def drop_database(server_url: str, url: str) -> None:
    name = make_url(url).database
    engine = _admin(server_url)
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()
