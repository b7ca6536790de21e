"""Instellingen › Bibliotheek: a team library on a PostgreSQL server, tested for real.

This file starts its own throwaway cluster WITH password logins (tests/pg_cluster.py;
stopped on every exit path) so wrong passwords are really refused.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests import pg_cluster
from workshop import local_settings
from workshop.store.library import Library
from workshop.store.team_address import TeamAddress, check, password_for, store_password


@pytest.fixture(scope="module")
def cluster():
    server = pg_cluster.start()
    try:
        admin = create_engine(server.url(), poolclass=NullPool, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in ("team", "leeg", "ander", "nieuwer"):
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        Library.open(server.url("team")).close()
        Library.open(server.url("nieuwer")).close()
        for name, sql in (
            ("ander", "CREATE TABLE boodschappen (id int)"),
            ("nieuwer", "UPDATE alembic_version SET version_num = '9999_future'"),
        ):
            engine = create_engine(server.url(name), poolclass=NullPool)
            with engine.begin() as conn:
                conn.execute(text(sql))
            engine.dispose()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pgpass(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "home" / ".pgpass"
    monkeypatch.setenv("PGPASSFILE", str(path))
    monkeypatch.setitem(sys.modules, "keyring", None)  # no keyring: ~/.pgpass is used
    return path


def _address(cluster, database: str = "team", port: int | None = None) -> TeamAddress:
    return TeamAddress("127.0.0.1", port or cluster.port, database, "postgres")


def test_each_problem_gets_its_own_line(cluster, pgpass):
    good = cluster.password
    assert check(_address(cluster), good).line == "Verbonden: een Workshop-bibliotheek, bijgewerkt."
    wrong = check(_address(cluster), "fout")
    assert not wrong.ok and wrong.line.startswith("Verkeerde gebruikersnaam of wachtwoord")
    asks = check(_address(cluster), "")
    assert not asks.ok and "vraagt om een wachtwoord" in asks.line
    gone = check(_address(cluster, port=pg_cluster._free_port()), good)
    assert not gone.ok and "kan niet worden bereikt" in gone.line
    missing = check(_address(cluster, "bestaat_niet"), good)
    assert not missing.ok and "Er is geen database “bestaat_niet”" in missing.line
    other = check(_address(cluster, "ander"), good)
    assert not other.ok and "geen Workshop-bibliotheek" in other.line
    newer = check(_address(cluster, "nieuwer"), good)
    assert not newer.ok and "nieuwere versie" in newer.line and "9999_future" in newer.line
    empty = check(_address(cluster, "leeg"), good)
    assert empty.ok and "leeg" in empty.line
    for result in (wrong, asks, gone, missing, other, newer, empty):
        assert "\n" not in result.line and "Traceback" not in result.line
    assert check(TeamAddress("", 5432, "team", "anna"), "x").line == (
        "Vul de server in (hostnaam of adres)."
    )


def test_the_password_goes_to_pgpass_and_libpq_finds_it(cluster, pgpass):
    address = _address(cluster)
    assert store_password(address, cluster.password) == str(pgpass)
    assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
    assert pgpass.read_text() == f"127.0.0.1:{cluster.port}:team:postgres:{cluster.password}\n"
    store_password(address, cluster.password)  # again: one line, not two
    assert len(pgpass.read_text().splitlines()) == 1
    assert check(address, "").ok  # no password typed: libpq reads ~/.pgpass
    library = Library.open(address.url())  # and so does opening the library
    library.close()


def test_a_keyring_password_is_found_when_the_library_is_opened(cluster, monkeypatch):
    kept: dict[tuple[str, str], str] = {}

    class Ring:
        def set_password(self, service, key, value):
            kept[(service, key)] = value

        def get_password(self, service, key):
            return kept.get((service, key))

    fail = types.ModuleType("keyring.backends.fail")
    fail.Keyring = type("Keyring", (), {})
    backends = types.ModuleType("keyring.backends")
    backends.fail = fail
    ring = types.ModuleType("keyring")
    ring.backends = backends
    ring.get_keyring = Ring
    ring.set_password = Ring().set_password
    ring.get_password = Ring().get_password
    for name, module in (
        ("keyring", ring),
        ("keyring.backends", backends),
        ("keyring.backends.fail", fail),
    ):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    address = _address(cluster)
    assert store_password(address, cluster.password) == "keyring"
    assert password_for(address.url()) == cluster.password
    library = Library.open(address.url())  # the engine asks the keyring
    library.close()


def test_the_chosen_library_is_opened_from_the_next_start(monkeypatch):
    from workshop.cli.common import db_url

    monkeypatch.delenv("WORKSHOP_DB", raising=False)
    local_settings.put(local_settings.LIBRARY_KEY, "postgresql+psycopg://anna@db/workshop")
    assert db_url(argparse.Namespace()) == "postgresql+psycopg://anna@db/workshop"
    monkeypatch.setenv("WORKSHOP_DB", "sqlite:////tmp/x.sqlite")  # the environment goes first
    assert db_url(argparse.Namespace()) == "sqlite:////tmp/x.sqlite"
    assert db_url(argparse.Namespace(db="sqlite:////tmp/y.sqlite")) == "sqlite:////tmp/y.sqlite"


def test_the_dialog_tests_off_the_ui_thread_and_keeps_the_choice(
    qtbot, qloop, arun, cluster, pgpass, monkeypatch
):
    import threading

    from test_team_live_ui import until

    import ui.library_dialog as module
    from ui.library_dialog import LibraryDialog

    threads = []

    def watched(*args):
        threads.append(threading.current_thread())
        return check(*args)

    monkeypatch.setattr(module, "check", watched)

    dialog = LibraryDialog("sqlite:////tmp/lib.sqlite")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "bibliotheekbestand op deze laptop" in dialog.now_label.text()
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(cluster.port)
    dialog.database.setText("team")
    dialog.user.setText("postgres")
    dialog.password.setText("fout")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    arun(until(lambda: bool(threads) and dialog.testing is None, 10.0))
    assert threads[0] is not threading.main_thread()  # connecting runs on a worker thread
    assert dialog.result.text().startswith("Verkeerde gebruikersnaam of wachtwoord")
    assert not dialog.use_button.isEnabled()
    _grab(dialog, "library-dialog-wrong-password.png")

    dialog.password.setText(cluster.password)
    dialog.password.textEdited.emit(cluster.password)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    arun(until(lambda: len(threads) == 2 and dialog.testing is None, 10.0))
    assert dialog.result.text() == "Verbonden: een Workshop-bibliotheek, bijgewerkt."
    assert dialog.use_button.isEnabled()
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    arun(until(lambda: "volgende start" in dialog.result.text(), 5.0))
    assert f"postgres@127.0.0.1:{cluster.port}/team" in dialog.result.text()
    assert str(pgpass) in dialog.result.text()
    assert dialog.password.text() == ""  # not kept in the dialog either
    stored = local_settings.get(local_settings.LIBRARY_KEY)
    assert stored == f"postgresql+psycopg://postgres@127.0.0.1:{cluster.port}/team"
    assert cluster.password not in local_settings.settings_path().read_text()
    _grab(dialog, "library-dialog-ok.png")
    qtbot.mouseClick(dialog.local_button, Qt.MouseButton.LeftButton)
    arun(until(lambda: local_settings.get(local_settings.LIBRARY_KEY) == "", 5.0))


def _grab(widget, name: str) -> None:
    folder = Path(os.environ.get("WORKSHOP_SCREENSHOTS", "/tmp/workshop-screens"))
    folder.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(folder / name))


def test_the_start_window_opens_the_dialog_from_its_settings_menu(qtbot):
    from ui.start_window import StartWindow

    window = StartWindow()
    qtbot.addWidget(window)
    assert window.library_action in window.menuBar().actions()[1].menu().actions()
    window.library_action.trigger()
    dialog = window.findChild(type(window.open_library_dialog()), "library-dialog")
    assert dialog is not None and dialog.isVisible()
    dialog.close()
