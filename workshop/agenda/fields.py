"""The fields of an agenda item a user edits, with their checks (shared by commands,
templates and import)."""

from __future__ import annotations

import math
from datetime import time
from typing import Any

from workshop.errors import CommandError
from workshop.i18n import _, format_number
from workshop.model.kinds import ItemKind

MAX_TEXT = 500  # title, lead (column width in the model)
MAX_LONG_TEXT = 20_000  # notes, materials
MAX_MINUTES = 24 * 60
MAX_STEPS = 50

#: Field name -> default value of a new item.
DEFAULTS: dict[str, Any] = {
    "title": "",
    "kind": ItemKind.OVERIG.value,
    "planned_minutes": 10,
    "lead": "",
    "notes": "",
    "materials": "",
    "fixed_start": None,
    "flexible": True,
    "steps": [],
    "speaking_minutes": None,
}
EDITABLE_FIELDS = tuple(DEFAULTS)

KINDS = tuple(k.value for k in ItemKind)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_steps(value: Any) -> list[dict[str, Any]]:
    """Steps as a clean list of {"title": str, "minutes": float}."""
    if not isinstance(value, list):
        raise CommandError(_("Steps must be a list"))
    if len(value) > MAX_STEPS:
        raise CommandError(_("At most {n} steps").format(n=MAX_STEPS))
    clean = []
    for step in value:
        if not isinstance(step, dict) or not isinstance(step.get("title", ""), str):
            raise CommandError(_("A step needs a title and minutes"))
        minutes = step.get("minutes", 0)
        if not _number(minutes) or not 0 <= minutes <= MAX_MINUTES:
            raise CommandError(_("A step needs a title and minutes"))
        entry = {"title": step.get("title", "").strip()[:MAX_TEXT], "minutes": minutes}
        if step.get("note"):
            entry["note"] = str(step["note"])[:MAX_LONG_TEXT]
        clean.append(entry)
    return clean


def check_field(name: str, value: Any) -> Any:
    """The value to store for field `name`, or CommandError with a message for the user."""
    if name not in DEFAULTS:
        raise CommandError(_("Unknown agenda field: {field}").format(field=name))
    if name in ("title", "lead"):
        if not isinstance(value, str):
            raise CommandError(_("Wrong value for {field}").format(field=name))
        value = " ".join(value.split())
        if len(value) > MAX_TEXT:
            raise CommandError(
                _("This text is too long (at most {n} characters)").format(
                    n=format_number(MAX_TEXT)
                )
            )
        return value
    if name in ("notes", "materials"):
        if not isinstance(value, str):
            raise CommandError(_("Wrong value for {field}").format(field=name))
        if len(value) > MAX_LONG_TEXT:
            raise CommandError(
                _("This text is too long (at most {n} characters)").format(
                    n=format_number(MAX_LONG_TEXT)
                )
            )
        return value
    if name == "kind":
        if value not in KINDS:
            raise CommandError(_("Unknown kind of item: {kind}").format(kind=value))
        return str(value)
    if name == "planned_minutes":
        if not _number(value) or int(value) != value or not 0 <= value <= MAX_MINUTES:
            raise CommandError(
                _("Minutes must be a whole number from 0 to {n}").format(n=MAX_MINUTES)
            )
        return int(value)
    if name == "fixed_start":
        if value is not None and not isinstance(value, time):
            raise CommandError(_("Wrong value for {field}").format(field=name))
        return value
    if name == "flexible":
        if not isinstance(value, bool):
            raise CommandError(_("Wrong value for {field}").format(field=name))
        return value
    if name == "speaking_minutes":
        if value is not None and (not _number(value) or not 0 <= value <= MAX_MINUTES):
            raise CommandError(_("Speaking time must be a number of minutes"))
        return None if value is None else float(value)
    return check_steps(value)


def check_values(values: dict[str, Any]) -> dict[str, Any]:
    return {name: check_field(name, value) for name, value in values.items()}


def new_item_values(values: dict[str, Any]) -> dict[str, Any]:
    """All fields of a new item: the defaults overridden by checked `values`."""
    merged = {k: (list(v) if isinstance(v, list) else v) for k, v in DEFAULTS.items()}
    merged.update(check_values(values))
    return merged


def steps_minutes(steps: list[dict[str, Any]]) -> float:
    return float(sum(step.get("minutes", 0) for step in steps))
