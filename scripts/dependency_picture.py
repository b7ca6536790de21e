"""Draw the package dependencies of `workshop/` and `ui/`, read from the code.

Every `import` and `from ... import` in every module (also the ones inside functions and
under TYPE_CHECKING: import-linter counts them too) is an edge between the *packages* of the
two modules: `workshop.capture.commands.notes` counts as `workshop.capture`, a top-level
module such as `workshop/clock.py` is its own node (`workshop.clock`), and the modules
directly in `ui/` (the app shell: `app.py`, `session_window.py`, ...) are one node, `ui`.
The layers of the import-linter contract in `pyproject.toml` become the clusters (ranks,
top to bottom) and colours; `ui` sits above them all.

    python scripts/dependency_picture.py          # writes the .dot, renders .svg/.png if `dot` is there
    python scripts/dependency_picture.py --check  # exit 1 when the committed .dot is stale

Writes `docs/architecture/dependencies.dot`; with Graphviz installed also
`dependencies.svg` and `dependencies.png` beside it. `tests/test_dependency_picture.py`
fails when the committed .dot no longer matches the code.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "architecture" / "dependencies.dot"
ROOT_PACKAGES = ("workshop", "ui")
UI_SHELL = "ui"
UI_BASE = {"ui.kit", "ui.widgets", "ui.services"}
#: Fill colours, one a layer, highest layer first (ui first of all).
COLOURS = (
    "#f4cccc",  # ui
    "#fce5cd",  # cli
    "#fff2cc",  # demo
    "#d9ead3",  # features
    "#d0e0e3",  # commands
    "#cfe2f3",  # store
    "#d9d2e9",  # model
    "#eeeeee",  # foundation
)


def layers(pyproject: Path = ROOT / "pyproject.toml") -> list[list[str]]:
    """The layers of the core's import-linter contract, highest first: module names each."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract.get("type") == "layers":
            return [
                [name.strip() for name in line.replace("|", ":").split(":") if name.strip()]
                for line in contract["layers"]
            ]
    raise SystemExit("no layers contract in pyproject.toml")


def modules(root: Path = ROOT) -> Iterator[tuple[str, Path]]:
    """(dotted module name, path) of every module under the root packages."""
    for package in ROOT_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), path


def node_of(module: str, is_package: bool = False) -> str | None:
    """The node a module belongs to: its first two name parts (`workshop.capture`), or
    `ui` for the modules directly in `ui/`. None for anything outside the root packages."""
    parts = module.split(".")
    if parts[0] not in ROOT_PACKAGES:
        return None
    if len(parts) == 1:
        return parts[0]
    if parts[0] == UI_SHELL and len(parts) == 2 and not is_package:
        return UI_SHELL
    return ".".join(parts[:2])


def imported(module: str, path: Path) -> Iterator[str]:
    """Every module name `module` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            yield name
            for alias in node.names:  # `from workshop import demo` imports workshop.demo
                yield f"{name}.{alias.name}"


def graph(root: Path = ROOT) -> tuple[set[str], set[tuple[str, str]]]:
    """The nodes and the edges (importer, imported) between packages."""
    found = dict(modules(root))
    packages = {name for name, path in found.items() if path.name == "__init__.py"}

    def resolve(name: str) -> str | None:
        while name and name not in found:  # `from x import function`: x is the module
            name = name.rpartition(".")[0]
        return node_of(name, name in packages) if name else None

    nodes = {resolve(name) for name in found} - {None, "workshop"}
    edges: set[tuple[str, str]] = set()
    for name, path in found.items():
        source = resolve(name)
        for target in map(resolve, imported(name, path)):
            if source and target and target != source and target in nodes:
                edges.add((source, target))
    return nodes, edges


def layer_of(node: str, layer_names: list[list[str]]) -> int:
    """0 for the ui, 1.. for the core's layers (highest first)."""
    if node.startswith("ui"):
        return 0
    for index, names in enumerate(layer_names, start=1):
        if node in names:
            return index
    raise SystemExit(f"{node} is in no layer of the contract in pyproject.toml")


def label(node: str) -> str:
    if node == UI_SHELL:
        return "ui (app shell)"
    return node.split(".", 1)[1]


def hidden(target: str, layer_names: list[list[str]]) -> bool:
    """Edges into what every layer uses (the foundation, the ui's kit, widgets and services)
    are left out of the picture: they would cover it."""
    return target in UI_BASE or layer_of(target, layer_names) == len(layer_names)


def same_rank(nodes: list[str]) -> str:
    return "{rank=same; " + " ".join(f'"{node}"' for node in nodes) + "}"


def levels(members: list[str], edges: set[tuple[str, str]]) -> dict[str, int]:
    """Rows inside one layer: a package sits below every package of its layer that imports
    it (0 = imported by none of them). Packages that import each other share a row."""
    inside = {(a, b) for a, b in edges if a in members and b in members}
    reach = {m: {m} for m in members}
    changed = True
    while changed:  # transitive closure; a layer has a dozen packages at most
        changed = False
        for a, b in inside:
            if not reach[b] <= reach[a]:
                reach[a] |= reach[b]
                changed = True
    level = dict.fromkeys(members, 0)
    for _round in members:
        for a, b in sorted(inside):
            if a not in reach[b]:  # not a cycle: b goes below a
                level[b] = max(level[b], level[a] + 1)
    return level


def dot_text(root: Path = ROOT) -> str:
    """The Graphviz source, deterministic (sorted) so the committed copy can be compared."""
    layer_names = layers(root / "pyproject.toml")
    titles = ["ui (PySide6)", "cli", "demo", "features", "commands", "store", "model"]
    titles += ["foundation (used by every layer; edges into it are not drawn)"]
    nodes, edges = graph(root)
    visible = {(a, b) for a, b in edges if not hidden(b, layer_names)}
    by_layer: dict[int, list[str]] = {}
    for node in sorted(nodes):
        by_layer.setdefault(layer_of(node, layer_names), []).append(node)
    out = [
        "// Generated by scripts/dependency_picture.py from the imports in workshop/ and ui/;",
        "// do not edit. Clusters are the layers of the import-linter contract (pyproject.toml).",
        "// Every package import is an edge, but for the edges into the foundation and into",
        "// ui's kit, widgets and services (every layer uses them; not drawn).",
        "digraph dependencies {",
        "  graph [rankdir=TB, newrank=true, nodesep=0.3, ranksep=0.45, splines=line,",
        "         outputorder=edgesfirst,",
        '         fontname="Helvetica", fontsize=22, labelloc=t,',
        '         label="workshop/ and ui/: which package imports which (arrows point to the'
        ' imported package)"];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=14,'
        " height=0.3];",
        '  edge [color="#33333360", arrowsize=0.6];',
    ]
    rows: list[list[str]] = []  # top to bottom
    for index in sorted(by_layer):
        colour = COLOURS[min(index, len(COLOURS) - 1)]
        members = [m for m in by_layer[index] if m not in UI_BASE]
        out.append(f"  subgraph cluster_{index} {{")
        out.append(f'    label="{index}. {titles[index]}"; style="rounded,filled";')
        out.append(f'    fillcolor="{colour}60"; color="#888888"; fontsize=16;')
        for node in members:
            out.append(f'    "{node}" [label="{label(node)}", fillcolor="{colour}"];')
        level = levels(members, visible)
        for row in range(max(level.values()) + 1):
            rows.append([m for m in members if level[m] == row])
            out.append(f"    {same_rank(rows[-1])}")
        if index == 0:
            base = sorted(UI_BASE & nodes)
            out.append("    subgraph cluster_ui_base {")
            out.append('      label="ui base (used by every ui package; edges into it not drawn)";')
            out.append(f'      style="rounded,dashed"; fillcolor="{colour}"; fontsize=13;')
            for node in base:
                out.append(f'      "{node}" [label="{label(node)}", fillcolor="{colour}"];')
            out.append(f"      {same_rank(base)}")
            out.append("    }")
            rows.append(base)
        out.append("  }")
    # the rows in order, kept centred under each other by heavy invisible edges
    for upper, lower in zip(rows, rows[1:], strict=False):
        middle_upper, middle_lower = upper[len(upper) // 2], lower[len(lower) // 2]
        out.append(f'  "{middle_upper}" -> "{middle_lower}" [style=invis, weight=100];')
    for source, target in sorted(edges):
        if (source, target) not in visible:
            continue  # not drawn, and not kept: a new `_()` somewhere leaves the picture as is
        if layer_of(source, layer_names) == layer_of(target, layer_names):
            out.append(f'  "{source}" -> "{target}" [constraint=false, color="#1c4587c0"];')
        else:
            out.append(f'  "{source}" -> "{target}" [constraint=false];')
    out.append("}")
    return "\n".join(out) + "\n"


def render(dot_file: Path) -> list[Path]:
    exe = shutil.which("dot")
    if exe is None:
        print("Graphviz `dot` not found: wrote only the .dot (apt-get install graphviz)")
        return []
    made = []
    for fmt, extra in (("svg", []), ("png", ["-Gdpi=96"])):
        target = dot_file.with_suffix(f".{fmt}")
        subprocess.run([exe, f"-T{fmt}", *extra, "-o", str(target), str(dot_file)], check=True)
        made.append(target)
    try:  # a third of the size with 128 colours, as sharp (Pillow is the app's dependency)
        from PIL import Image
    except ImportError:
        return made
    png = dot_file.with_suffix(".png")
    Image.open(png).convert("RGB").quantize(128).save(png, optimize=True)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail when the .dot is stale")
    args = parser.parse_args(argv)
    text = dot_text()
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run python scripts/dependency_picture.py")
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    for path in [OUT, *render(OUT)]:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
