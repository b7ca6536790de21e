"""What opening a library would migrate, without migrating it (`workshop migrate --dry-run`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import make_url

from workshop.store import migrate
from workshop.store.engine import is_sqlite, make_engine


@dataclass
class MigrationPlan:
    """The library's schema revision and the migration steps still to run, oldest first."""

    current: str | None
    steps: list[tuple[str, str]] = field(default_factory=list)  # (revision, what it does)
    unknown: bool = False  # made by a newer Workshop: nothing will be changed
    sqlite: bool = True

    @property
    def up_to_date(self) -> bool:
        return not self.steps and not self.unknown


def plan(url: str) -> MigrationPlan:
    """Read the library's revision and list the steps to the head; changes nothing."""
    from alembic.script import ScriptDirectory

    sqlite = is_sqlite(url)
    if sqlite:
        database = make_url(url).database
        from pathlib import Path

        if not database or not Path(database).exists():
            return MigrationPlan(None, _all_steps(None), sqlite=True)
    engine = make_engine(url)
    try:
        current = migrate.current_revision(engine)
        if current is not None and not migrate.is_known_revision(engine, current):
            return MigrationPlan(current, unknown=True, sqlite=sqlite)
        scripts = ScriptDirectory.from_config(migrate.alembic_config(engine))
    finally:
        engine.dispose()
    return MigrationPlan(current, _steps(scripts, current), sqlite=sqlite)


def _all_steps(current: str | None) -> list[tuple[str, str]]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    return _steps(ScriptDirectory.from_config(cfg), current)


def _steps(scripts, current: str | None) -> list[tuple[str, str]]:
    revisions = list(scripts.iterate_revisions("heads", current))
    revisions.reverse()  # iterate_revisions walks from the head down
    return [(rev.revision, (rev.doc or "").strip().splitlines()[0]) for rev in revisions]
