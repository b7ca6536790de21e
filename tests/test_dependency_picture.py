"""The dependency picture in docs/architecture/ is made from the code and kept up to date."""

from __future__ import annotations

import importlib.util
import re

from conftest import REPO

SCRIPT = REPO / "scripts" / "dependency_picture.py"
_spec = importlib.util.spec_from_file_location("dependency_picture", SCRIPT)
picture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(picture)


def test_committed_dot_matches_the_code():
    committed = picture.OUT.read_text(encoding="utf-8")
    assert committed == picture.dot_text(), (
        "docs/architecture/dependencies.dot is stale: run python scripts/dependency_picture.py"
        " and commit the .dot, .svg and .png"
    )
    for rendered in ("dependencies.png", "dependencies.svg"):
        assert (picture.OUT.parent / rendered).stat().st_size > 0


def test_edges_are_the_package_imports():
    nodes, edges = picture.graph()
    # a few imports every version of the app has
    assert ("workshop.cli", "workshop.store") in edges
    assert ("workshop.commands", "workshop.store") in edges
    assert ("ui.capture", "workshop.capture") in edges
    assert not any(target.startswith("ui") for source, target in edges if source[:8] == "workshop")
    assert {"workshop.readmodel", "workshop.changes", "ui", "ui.kit", "ui.groups"} <= nodes
    # every package has a layer of the import-linter contract (or is the ui)
    layer_names = picture.layers()
    assert {picture.layer_of(node, layer_names) for node in nodes} == set(
        range(len(layer_names) + 1)
    )


def test_architecture_doc_describes_every_package():
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    described = set(re.findall(r"^\| `([\w/.]+)`", doc, flags=re.M))
    nodes, _edges = picture.graph()
    missing = []
    for node in sorted(nodes - {"ui"}):
        path = node.replace(".", "/")
        if f"{path}/" not in described and f"{path}.py" not in described:
            missing.append(node)
    assert not missing, f"docs/architecture.md has no line for {missing}"
    assert "![Package dependencies](architecture/dependencies.png)" in doc
