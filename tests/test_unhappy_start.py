"""Starting the app on libraries it cannot use: a clear message, a non-zero exit, the file kept."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, until

from workshop.store.library import Library, LibraryError


def start_app(db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`python -m workshop app --exit-after-show` offscreen: the error box is shown, then it quits."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKSHOP_LANG="nl")
    env.pop("WORKSHOP_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "workshop", "app", "--exit-after-show", "--db", f"sqlite:///{db}"]
        + list(extra),
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def future_library(path: Path) -> None:
    Library.open(f"sqlite:///{path}").close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    con.commit()
    con.close()


def test_app_on_a_file_that_is_not_a_library(tmp_path):
    path = tmp_path / "boodschappen.sqlite"
    original = b"melk, brood, kaas\n" * 40
    path.write_bytes(original)
    result = start_app(path)
    assert result.returncode == 1
    assert "is geen Workshop-bibliotheek" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["boodschappen.sqlite"]


def test_app_on_a_truncated_library(tmp_path):
    good = tmp_path / "good.sqlite"
    Library.open(f"sqlite:///{good}").close()
    broken = tmp_path / "broken.sqlite"
    original = good.read_bytes()[:1500]
    broken.write_bytes(original)
    result = start_app(broken)
    assert result.returncode == 1
    assert "kan niet worden gelezen" in result.stderr
    assert "Traceback" not in result.stderr
    assert broken.read_bytes() == original
    assert not list(tmp_path.glob("broken.sqlite.backup-*"))


def test_app_on_a_library_from_a_newer_version(tmp_path):
    path = tmp_path / "nieuw.sqlite"
    future_library(path)
    before = path.read_bytes()
    result = start_app(path)
    assert result.returncode == 1
    assert (
        "nieuwere versie van Workshop" in result.stderr and "0099_from_the_future" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("nieuw.sqlite.backup-*"))


def test_future_schema_is_refused_in_english_too(tmp_path, english):
    path = tmp_path / "new.sqlite"
    future_library(path)
    with pytest.raises(LibraryError, match="made by a newer version of Workshop"):
        Library.open(f"sqlite:///{path}")
    con = sqlite3.connect(path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (
        "0099_from_the_future",
    )
    con.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_library_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    path = folder / "lib.sqlite"
    Library.open(f"sqlite:///{path}").close()
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        with pytest.raises(LibraryError, match="alleen-lezen is"):
            Library.open(f"sqlite:///{path}")
        with pytest.raises(LibraryError, match="alleen-lezen is"):
            Library.open(f"sqlite:///{folder / 'nieuw.sqlite'}")
        result = start_app(path)
        assert result.returncode == 1 and "alleen-lezen" in result.stderr
    finally:
        folder.chmod(0o755)
    assert path.read_bytes() == before


def test_read_only_folder_check_as_any_user(tmp_path, monkeypatch):
    """The same refusal where the test cannot drop write access (e.g. as root)."""
    path = tmp_path / "lib.sqlite"
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    with pytest.raises(LibraryError, match="alleen-lezen is"):
        Library.open(f"sqlite:///{path}")
    assert not path.exists()


def test_demo_in_english_exits_after_show(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKSHOP_DB=f"sqlite:///{tmp_path / 'd'}")
    env.pop("WORKSHOP_LANG", None)
    result = subprocess.run(
        [sys.executable, "-m", "workshop", "demo", "--exit-after-show", "--lang", "en"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_demo_window_title_is_english(qtbot, arun, db_service):
    from PySide6.QtWidgets import QApplication

    from ui.app import AppController
    from workshop.clock import SystemClock
    from workshop.i18n import set_language

    set_language("en")
    controller = AppController(QApplication.instance(), db_service, SystemClock(), lambda: None)
    window = arun(controller.open_demo())
    arun(until(lambda: "2021" in window.windowTitle(), what="the title read"))
    assert "Friday 9 April 2021" in window.windowTitle()
    assert "vrijdag" not in window.windowTitle()
    controller.quitting = True
    window.close()


# -- files that are not ours (issue 12) ------------------------------------------------------


def _tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_another_applications_database_is_refused_untouched(tmp_path):
    path = tmp_path / "recepten.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.execute("INSERT INTO recipes VALUES ('stamppot')")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="is geen Workshop-bibliotheek"):
        Library.open(f"sqlite:///{path}")
    assert path.read_bytes() == before  # not even switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recepten.sqlite"]


def test_a_clashing_table_name_is_refused_before_any_migration(tmp_path):
    path = tmp_path / "clash.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE participants (x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="is geen Workshop-bibliotheek"):
        Library.open(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_another_application_id_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 12345")
    con.commit()
    con.close()
    with pytest.raises(LibraryError, match="is geen Workshop-bibliotheek"):
        Library.open(f"sqlite:///{path}")


def test_a_failed_first_migration_leaves_nothing_behind(tmp_path):
    """A view named like one of our tables makes CREATE TABLE fail half-way: all rolled back."""
    path = tmp_path / "half.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE VIEW sessions AS SELECT 1 AS id")
    con.commit()
    con.close()
    with pytest.raises(LibraryError):
        Library.open(f"sqlite:///{path}")
    assert _tables(path) == set()  # agenda_templates, drafts (made before 'sessions') are gone


def test_libraries_are_marked_and_old_ones_adopted(tmp_path):
    from workshop.store.ownership import APPLICATION_ID, schema_number

    path = tmp_path / "lib.sqlite"
    Library.open(f"sqlite:///{path}").close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert con.execute("PRAGMA user_version").fetchone() == (schema_number(),)
    con.execute("PRAGMA application_id = 0")  # a library made before the mark existed
    con.execute("PRAGMA user_version = 0")
    con.commit()
    con.close()
    Library.open(f"sqlite:///{path}").close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    con.close()


def test_a_zero_byte_file_is_empty_or_damaged(tmp_path):
    path = tmp_path / "leeg.sqlite"
    path.touch()
    with pytest.raises(LibraryError, match="leeg of beschadigd"):
        Library.open(f"sqlite:///{path}")
    assert path.stat().st_size == 0
    Library.open(f"sqlite:///{path}", created_now=True).close()  # the app's own new file
    assert "sessions" in _tables(path)


def test_an_address_that_is_no_database_is_one_clear_error():
    with pytest.raises(LibraryError, match="geen bibliotheekadres"):
        Library.open("nonsense://x")


def test_a_fifo_or_dev_null_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "fifo.sqlite"
    os.mkfifo(fifo)
    with pytest.raises(LibraryError, match="leeg of beschadigd"):
        Library.open(f"sqlite:///{fifo}")
    devnull = tmp_path / "null.sqlite"
    devnull.symlink_to(os.devnull)
    with pytest.raises(LibraryError, match="leeg of beschadigd"):
        Library.open(f"sqlite:///{devnull}")
