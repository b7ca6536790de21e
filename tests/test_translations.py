"""Every user-facing string has a Dutch translation, and dates read the Dutch way."""

from __future__ import annotations

import ast
from datetime import date

from conftest import REPO

from workshop.i18n import _, catalog, format_long_date, set_language, translator


def marked_strings() -> dict[str, str]:
    """msgid -> first place it is used, for every _("...") / N_("...") in workshop/ and ui/."""
    found: dict[str, str] = {}
    for folder in ("workshop", "ui"):
        for path in (REPO / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "N_")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    found.setdefault(node.args[0].value, f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_every_marked_string_has_a_dutch_translation():
    dutch = catalog("nl")
    missing = [
        f"{where}: {msgid!r}"
        for msgid, where in sorted(marked_strings().items())
        if msgid not in dutch
    ]
    assert not missing, "no Dutch translation for:\n" + "\n".join(missing)


def test_placeholders_survive_translation():
    dutch = catalog("nl")
    import re

    bad = []
    for msgid, msgstr in dutch.items():
        if set(re.findall(r"\{(\w*)\}", msgid)) != set(re.findall(r"\{(\w*)\}", msgstr)):
            bad.append(msgid)
    assert not bad, f"placeholders differ in: {bad}"


def test_language_switch():
    set_language("en")
    assert _("Participants") == "Participants"
    set_language("nl")
    assert _("Participants") == "Deelnemers"
    assert translator("en")("Participants") == "Participants"


def test_dutch_dates():
    assert format_long_date(date(2021, 4, 9)) == "vrijdag 9 april 2021"
    assert format_long_date(date(2021, 4, 9), "en") == "Friday 9 April 2021"


def test_no_message_is_translated_two_ways():
    """Catalogs of different parts merge into one table; one English text, one Dutch text."""
    from babel.messages.pofile import read_po

    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for po in sorted((REPO / "resources" / "translations" / "nl").glob("*.po")):
        with po.open("rb") as fh:
            for message in read_po(fh, locale="nl"):
                if not message.id or not message.string:
                    continue
                key = message.id if isinstance(message.id, str) else message.id[0]
                value = message.string if isinstance(message.string, str) else message.string[0]
                first = seen.setdefault(key, (po.name, value))
                if first[1] != value:
                    clashes.append(f"{key!r}: {first} vs {(po.name, value)}")
    assert not clashes, "\n".join(clashes)
