"""`workshop migrate --dry-run` says what would change and changes nothing (both engines)."""

from __future__ import annotations

from alembic import command

from workshop.cli import main
from workshop.store import migrate
from workshop.store.library import Library
from workshop.store.schema_version import HEAD


def _one_step_behind(url: str) -> str:
    library = Library.open(url)
    try:
        cfg = migrate.alembic_config(library.engine)
        command.downgrade(cfg, "-1")
        return migrate.current_revision(library.engine)
    finally:
        library.close()


def test_dry_run_lists_the_steps_and_changes_nothing_then_migrate_does(db_url, capsys):
    behind = _one_step_behind(db_url)
    assert behind != HEAD
    assert main(["--lang", "en", "--db", db_url, "migrate", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"Schema {behind} → {HEAD}: 1 step(s)" in out
    assert f"  {HEAD}: " in out
    assert "Dry run: nothing was changed." in out
    if db_url.startswith("postgresql"):
        assert "Make a backup with pg_dump first" in out
    else:
        assert "copies the library file to backups/" in out
    from workshop.store.engine import make_engine

    engine = make_engine(db_url)
    try:
        assert migrate.current_revision(engine) == behind
    finally:
        engine.dispose()

    assert main(["--lang", "en", "--db", db_url, "migrate"]) == 0
    assert f"The library is up to date (schema {HEAD})." in capsys.readouterr().out
    assert main(["--lang", "en", "--db", db_url, "migrate", "--dry-run"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_dry_run_on_a_new_file_creates_nothing(tmp_path, capsys):
    target = tmp_path / "nieuw.sqlite"
    assert main(["--lang", "en", "--db", f"sqlite:///{target}", "migrate", "--dry-run"]) == 0
    assert "(new library)" in capsys.readouterr().out
    assert not target.exists()
