"""A throwaway library beside a real one, for `workshop selftest --db URL`.

The self-test writes sessions, participants and notes; on a user's library it must leave
nothing behind. So it runs on:

* SQLite: a consistent copy of the file (the online backup API) in a temporary folder, so
  the checks see that library's schema and data without changing a byte of it;
* PostgreSQL: a new schema ``workshop_selftest_<random>`` on that server and database
  (migrated from scratch there, with the same driver, rights and server version), dropped
  with everything in it afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from workshop.store import migrate
from workshop.store.engine import is_sqlite


def schema_url(url: str, schema: str) -> str:
    """`url` with every connection's search_path set to `schema` (PostgreSQL)."""
    parsed = make_url(url)
    query = dict(parsed.query)
    query["options"] = f"-csearch_path={schema}"
    return parsed.set(query=query).render_as_string(hide_password=False)


@contextmanager
def throwaway_library_url(url: str, tmp: Path) -> Iterator[str]:
    """Yield a URL of a scratch library next to `url`; remove the scratch library after."""
    if is_sqlite(url):
        database = make_url(url).database
        if not database or database == ":memory:":
            yield f"sqlite:///{tmp / 'selftest.sqlite'}"
            return
        source = Path(database)
        target = tmp / "selftest.sqlite"
        if source.exists():
            migrate.copy_sqlite(source, target)
        yield f"sqlite:///{target}"
        return  # the temporary folder goes with its owner
    schema = f"workshop_selftest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield schema_url(url, schema)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        admin.dispose()
