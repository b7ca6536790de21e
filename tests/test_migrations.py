"""The migration scripts and the models agree, and HEAD names the newest script."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from workshop.model import Base
from workshop.store.migrate import MIGRATIONS_DIR, alembic_config
from workshop.store.schema_version import HEAD


def test_head_constant_matches_scripts(library):
    script = ScriptDirectory.from_config(alembic_config(library.engine))
    assert script.get_heads() == [HEAD]
    assert MIGRATIONS_DIR.is_absolute()


def test_models_match_migrated_schema(library):
    with library.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations differ; add a migration: {diff}"


def test_the_unique_email_index_survives_every_migration(tmp_path):
    """Batch-mode migrations on SQLite rebuild tables from reflection, which cannot read an
    expression index: the one that keeps an e-mail unique per session must still be there."""
    import sqlite3
    import warnings

    from workshop.store.library import Library

    path = tmp_path / "lib.sqlite"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and the upgrade says nothing on stderr
        Library.open(f"sqlite:///{path}").close()
    con = sqlite3.connect(path)
    try:
        sql = con.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'uq_participants_session_email'"
        ).fetchone()
    finally:
        con.close()
    assert sql is not None and "lower(email)" in sql[0]
