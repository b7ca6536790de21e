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
