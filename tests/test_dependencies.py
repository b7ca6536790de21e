"""Dependencies said out loud: every third-party package that workshop/ or ui/ imports is
declared in pyproject.toml: in `dependencies`, or in the `postgres` extra for the modules
that only a team library on PostgreSQL reaches (imported there lazily)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import REPO

#: optional: imported only inside the functions a PostgreSQL library calls
POSTGRES_ONLY = {"psycopg", "keyring"}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(requirements: list[str]) -> set[str]:
    return {canonical(re.match(r"[A-Za-z0-9._-]+", r).group()) for r in requirements}


def third_party_imports() -> dict[str, str]:
    """Top-level module -> first file importing it, for workshop/ and ui/."""
    found: dict[str, str] = {}
    for folder in ("workshop", "ui"):
        for path in sorted((REPO / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in ("workshop", "ui"):
                        found.setdefault(top, str(path.relative_to(REPO)))
    return found


def test_every_imported_package_is_declared():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = requirement_names(project["dependencies"])
    postgres = requirement_names(project["optional-dependencies"]["postgres"])
    distributions = packages_distributions()
    imports = third_party_imports()
    assert {"PIL", "PySide6", "shiboken6", "sqlalchemy", "babel"} <= set(imports)
    undeclared = []
    for module, where in sorted(imports.items()):
        names = {canonical(d) for d in distributions.get(module, [])}
        if not names and module in POSTGRES_ONLY:  # the extra need not be installed
            names = {canonical(module)}
        assert names, f"{module} (imported in {where}) is not installed"
        allowed = required | (postgres if module in POSTGRES_ONLY else set())
        if not names & allowed:
            undeclared.append(f"{module} ({', '.join(sorted(names))}), imported in {where}")
    assert not undeclared, "not declared in pyproject.toml:\n" + "\n".join(undeclared)


def test_pillow_is_a_dependency_of_its_own():
    """Photos are read, rotated and stripped with Pillow directly, not only via ReportLab."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "pillow" in requirement_names(project["dependencies"])
