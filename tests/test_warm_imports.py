"""The pages' modules imported ahead in small steps (ui/kit/warm_imports.py)."""

from __future__ import annotations

import importlib
import inspect
import sys
import textwrap

import pytest
from conftest import until


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A throwaway package `wi_pkg`: page imports model, helpers (relative) and, only for
    type checkers, heavy; helpers imports model; late imports latecomer inside a function."""
    root = tmp_path / "wi_pkg"
    root.mkdir()
    files = {
        "__init__.py": "",
        "page.py": """
            from __future__ import annotations
            from typing import TYPE_CHECKING
            from wi_pkg.model import THING
            from . import helpers
            if TYPE_CHECKING:
                from wi_pkg import heavy
            def later():
                import wi_pkg.latecomer
            """,
        "helpers.py": "from .model import THING\n",
        "model.py": "THING = 1\n",
        "heavy.py": "raise AssertionError('only for type checkers')\n",
        "latecomer.py": "raise AssertionError('imported late on purpose')\n",
    }
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text), "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    yield "wi_pkg"
    for name in [m for m in sys.modules if m == "wi_pkg" or m.startswith("wi_pkg.")]:
        del sys.modules[name]


def test_each_module_comes_after_what_it_imports(package):
    from ui.kit.warm_imports import import_order

    order = []
    for name in import_order(["wi_pkg.page"], own=("wi_pkg",)):
        order.append(name)
        importlib.import_module(name)  # as WarmImports does before asking for the next
    assert order == ["wi_pkg", "wi_pkg.model", "wi_pkg.helpers", "wi_pkg.page"]
    assert "wi_pkg.heavy" not in sys.modules and "wi_pkg.latecomer" not in sys.modules


def test_the_warmer_imports_in_steps_on_the_event_loop(package, qapp, arun, monkeypatch):
    from ui.kit import warm_imports

    monkeypatch.setattr(warm_imports, "OWN", ("wi_pkg",))
    steps = []
    real = importlib.import_module
    monkeypatch.setattr(
        warm_imports.importlib, "import_module", lambda name: steps.append(name) or real(name)
    )
    warmer = warm_imports.WarmImports(["wi_pkg.page"])
    warmer.start()
    assert "wi_pkg.page" not in sys.modules  # nothing before the event loop runs
    arun(until(lambda: warmer.done, 5))
    assert steps == ["wi_pkg", "wi_pkg.model", "wi_pkg.helpers", "wi_pkg.page"]


def test_every_page_names_the_module_its_factory_imports():
    from ui.pages.registry import PAGES

    for spec in PAGES:
        assert f"from {spec.module} import" in inspect.getsource(spec.factory), spec.key
