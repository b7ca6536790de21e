"""Rewrite imports of modules that moved into feature packages (issue 13's architecture step).

    python scripts/rewrite_moved_imports.py [ROOT]

Rewrites dotted module names (`workshop.commands.notes` -> `workshop.capture.commands.notes`),
`from PARENT import MODULE` forms, file paths in docs, and imports of the two error classes
that now live in `workshop.errors`. Idempotent; prints the files it changed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

#: old dotted module -> new dotted module
MOVES: dict[str, str] = {
    "workshop.commands.agenda": "workshop.agenda.commands",
    "workshop.commands.groups": "workshop.grouping.commands",
    "workshop.commands.people": "workshop.people.commands",
    "workshop.commands.timing": "workshop.timing.commands",
    "workshop.commands.notes": "workshop.capture.commands.notes",
    "workshop.commands.photos": "workshop.capture.commands.photos",
    "workshop.commands.reporting": "workshop.capture.commands.queue",
    "workshop.commands.sessions": "workshop.sessions.commands",
    "workshop.commands.cohosts": "workshop.sessions.cohosts",
    "workshop.reports.logo": "workshop.sessions.logo",
    "workshop.reports.exchange_schema": "workshop.sessions.exchange_schema",
    "workshop.reports.exchange": "workshop.sessions.exchange",
    "workshop.services.agenda": "workshop.agenda.queries",
    "workshop.services.capture": "workshop.capture.queries",
    "workshop.services.groups": "workshop.grouping.queries",
    "workshop.services.people": "workshop.people.queries",
    "workshop.services.sessions": "workshop.sessions.queries",
    "workshop.services.settings": "workshop.store.settings",
    # issue 14: the Groepen page split into ui/groups/
    "ui.pages.groups_page": "ui.groups.page",
    "ui.widgets.group_card": "ui.groups.card",
}
ERROR_NAMES = {"CommandError", "ConflictError"}
SUFFIXES = {".py", ".md", ".toml", ".spec", ".cfg", ".txt", ".po", ".pot", ".sh", ".ini"}
SKIP_DIRS = {".git", ".venv", "node_modules", "build", "dist", "__pycache__", ".mypy_cache"}


def _path(dotted: str) -> str:
    return dotted.replace(".", "/") + ".py"


def rewrite(text: str) -> str:
    """`text` with every moved module name replaced (longest names first)."""
    for old in sorted(MOVES, key=len, reverse=True):
        new = MOVES[old]
        text = re.sub(rf"(?<![\w.]){re.escape(old)}(?![\w])", new, text)
        text = text.replace(_path(old), _path(new))
        parent, name = old.rsplit(".", 1)
        new_parent, new_name = new.rsplit(".", 1)
        alias = "" if name == new_name else f" as {name}"
        text = re.sub(
            rf"^(\s*)from {re.escape(parent)} import {name}(\s*(#.*)?)$",
            rf"\1from {new_parent} import {new_name}{alias}\2",
            text,
            flags=re.M,
        )
    return _errors(text)


def _errors(text: str) -> str:
    """`from workshop.commands.base import CommandError` -> `from workshop.errors import ...`."""

    def one(match: re.Match[str]) -> str:
        indent, names = match.group(1), match.group(2)
        parts = [n.strip() for n in names.replace("(", "").replace(")", "").split(",") if n.strip()]
        errors = [n for n in parts if n.split(" as ")[0] in ERROR_NAMES]
        if not errors:
            return match.group(0)
        rest = [n for n in parts if n not in errors]
        lines = []
        if rest:
            lines.append(f"{indent}from workshop.commands.base import {', '.join(rest)}")
        lines.append(f"{indent}from workshop.errors import {', '.join(errors)}")
        return "\n".join(lines)

    return re.sub(
        r"^(\s*)from workshop\.commands\.base import (\([^)]*\)|[^\n]+)$", one, text, flags=re.M
    )


def main(root: Path) -> int:
    for path in sorted(root.rglob("*")):
        if path.suffix not in SUFFIXES or not path.is_file():
            continue
        if SKIP_DIRS.intersection(path.relative_to(root).parts):
            continue
        if path.name == "rewrite_moved_imports.py" or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        new = rewrite(text)
        if new != text:
            path.write_text(new, encoding="utf-8", errors="surrogateescape")
            print(path.relative_to(root))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))
