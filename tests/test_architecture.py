"""The core is Qt-free: importing and using it never needs PySide6, shiboken6, qasync or ui."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import REPO

BLOCKER = textwrap.dedent(
    """
    import importlib.abc, sys
    BLOCKED = ("PySide6", "shiboken6", "qasync", "ui")
    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"the core imported {name}")
            return None
    sys.meta_path.insert(0, Block())
    """
)


def test_core_modules_import_without_qt(tmp_path):
    script = BLOCKER + textwrap.dedent(
        f"""
        import importlib, pkgutil, workshop
        names = [m.name for m in pkgutil.walk_packages(workshop.__path__, "workshop.")
                 if ".migrations" not in m.name]
        for name in names:
            importlib.import_module(name)
        from workshop.cli import main
        db = "sqlite:///{tmp_path / "lib.sqlite"}"
        assert main(["new", "--db", db, "--title", "X", "--date", "2021-04-09", "--start", "15:00"]) == 0
        assert main(["sessions", "--db", db]) == 0
        print("imported", len(names))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stdout


def test_import_linter_contract():
    beside_python = Path(sys.executable).with_name("lint-imports")
    exe = str(beside_python) if beside_python.exists() else shutil.which("lint-imports")
    assert exe, "import-linter is not installed (pip install -e '.[test]')"
    result = subprocess.run([exe], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


def test_core_type_checks():
    """mypy finds no error in workshop/ (files and settings: [tool.mypy] in pyproject.toml).
    run.sh's test step runs it first; here it also guards landing on main."""
    beside_python = Path(sys.executable).with_name("mypy")
    exe = str(beside_python) if beside_python.exists() else shutil.which("mypy")
    assert exe, "mypy is not installed (pip install -e '.[test]')"
    result = subprocess.run([exe], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
