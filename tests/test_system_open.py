"""ui.system_open: programs the frozen app starts get the user's environment, not the bundle's."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from ui import system_open

BUNDLE = "/opt/workshop/_internal"


def test_library_path_restored_from_the_saved_original():
    env = system_open.child_environment(
        {
            "LD_LIBRARY_PATH": f"{BUNDLE}:/home/u/lib",
            "LD_LIBRARY_PATH_ORIG": "/home/u/lib",
            "QT_PLUGIN_PATH": f"{BUNDLE}/PySide6/Qt/plugins",
            "QML2_IMPORT_PATH": f"{BUNDLE}/PySide6/Qt/qml",
            "HOME": "/home/u",
        },
        bundle=BUNDLE,
    )
    assert env["LD_LIBRARY_PATH"] == "/home/u/lib"
    assert "LD_LIBRARY_PATH_ORIG" not in env
    assert "QT_PLUGIN_PATH" not in env and "QML2_IMPORT_PATH" not in env
    assert env["HOME"] == "/home/u"
    assert env["PYINSTALLER_RESET_ENVIRONMENT"] == "1"


def test_library_path_removed_when_the_user_had_none():
    env = system_open.child_environment({"LD_LIBRARY_PATH": BUNDLE}, bundle=BUNDLE)
    assert "LD_LIBRARY_PATH" not in env


def test_user_entries_outside_the_bundle_survive():
    env = system_open.child_environment(
        {"QT_PLUGIN_PATH": f"{BUNDLE}/PySide6/Qt/plugins:/usr/lib/kde/plugins"}, bundle=BUNDLE
    )
    assert env["QT_PLUGIN_PATH"] == "/usr/lib/kde/plugins"


def test_not_frozen_leaves_the_environment_alone():
    env = {"LD_LIBRARY_PATH": "/x", "QT_PLUGIN_PATH": "/y"}
    assert system_open.child_environment(env, bundle=None) == env
    assert system_open.bundle_dir() is None  # pytest is not frozen


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-open is Linux's")
def test_frozen_app_opens_a_pdf_through_xdg_open_with_a_clean_environment(
    qapp, tmp_path, monkeypatch
):
    """A stand-in xdg-open records what it was started with."""
    record = tmp_path / "record.json"
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    opener = fake_bin / "xdg-open"
    opener.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"json.dump({{'argv': sys.argv[1:], 'env': dict(os.environ)}}, open({str(record)!r}, 'w'))\n"
    )
    opener.chmod(0o755)
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setenv("PATH", f"{fake_bin}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(bundle))
    monkeypatch.setenv("QT_PLUGIN_PATH", str(bundle / "PySide6" / "Qt" / "plugins"))
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    pdf = tmp_path / "verslag met spatie.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")

    assert system_open.open_path(pdf) is True
    deadline = time.monotonic() + 20
    while not record.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert record.exists(), "xdg-open was not started"
    time.sleep(0.1)  # let it finish writing
    seen = json.loads(record.read_text())
    assert seen["argv"] == [str(pdf.resolve())]
    assert "LD_LIBRARY_PATH" not in seen["env"]
    assert "QT_PLUGIN_PATH" not in seen["env"]
    assert seen["env"]["PYINSTALLER_RESET_ENVIRONMENT"] == "1"


def test_frozen_without_xdg_open_falls_back(qapp, tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(
        system_open.QDesktopServices, "openUrl", lambda url: calls.append(url) or True
    )
    assert system_open.open_path(Path(tmp_path / "x.pdf")) is True
    assert calls and calls[0].isLocalFile()


def test_clean_environment_when_frozen(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", str(tmp_path))
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    assert system_open.clean_environment()["LD_LIBRARY_PATH"] == "/usr/local/lib"
