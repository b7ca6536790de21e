"""One translation mechanism for UI, CLI and reports: gettext catalogs read with Babel.

Message ids are English; `resources/translations/<lang>/*.po` hold the translations (one
file per part of the app, merged at load). Dutch is the default language.

* `_("text")` translates now, in the current language.
* `N_("text")` only marks a string for extraction (module-level constants); translate it
  with `_()` where it is shown.
* `translator(lang)` gives a `_` for another language (e.g. an English report while the
  UI is Dutch).
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from workshop.paths import resource, user_dir

DEFAULT_LANGUAGE = "nl"
LANGUAGES = ("nl", "en")
_current = os.environ.get("WORKSHOP_LANG", DEFAULT_LANGUAGE)
if _current not in LANGUAGES:
    _current = DEFAULT_LANGUAGE


@cache
def catalog(lang: str) -> dict[str, str]:
    """All translations for `lang` (empty for English, the language of the message ids).

    Parsing .po files with Babel costs tens of milliseconds at start-up, so the merged
    table is cached as JSON in the user's cache folder, keyed by the files' sizes and times.
    """
    folder = resource("translations", lang)
    if lang == "en" or not folder.is_dir():
        return {}
    files = sorted(folder.glob("*.po"))
    stamp = repr([(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files]).encode()
    signature = f"{zlib.crc32(stamp):08x}{zlib.adler32(stamp):08x}"  # zlib: hashlib costs 6 ms
    cache_file = _cache_dir() / f"catalog-{lang}-{signature}.json"
    try:
        return json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    merged = _parse_po_files(files, lang)
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(merged, ensure_ascii=False), encoding="utf-8")
        tmp.replace(cache_file)
    except OSError:
        pass  # a read-only cache folder only costs speed
    return merged


def _cache_dir() -> Path:
    override = os.environ.get("WORKSHOP_CACHE_DIR")
    return Path(override) if override else user_dir("cache")


def _parse_po_files(files: list[Path], lang: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    merged: dict[str, str] = {}
    for po in files:
        with po.open("rb") as fh:
            cat = read_po(fh, locale=lang)
        for message in cat:
            if message.id and message.string and not message.fuzzy:
                key = message.id if isinstance(message.id, str) else message.id[0]
                value = message.string if isinstance(message.string, str) else message.string[0]
                merged[key] = value
    return merged


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose from {', '.join(LANGUAGES)}")
    _current = lang


def current_language() -> str:
    return _current


def translator(lang: str) -> Callable[[str], str]:
    table = catalog(lang)
    return lambda message: table.get(message, message)


def _(message: str) -> str:
    return catalog(_current).get(message, message)


def N_(message: str) -> str:  # noqa: N802 - gettext convention
    return message


def plural(n: int, one: str, many: str, translate: Callable[[str], str] | None = None) -> str:
    """The message for a count: `one` when n == 1, else `many`, translated (not formatted).

    Mark both with N_: `plural(k, N_("{n} note"), N_("{n} notes")).format(n=k)`.
    """
    return (translate or _)(one if n == 1 else many)


def babel_locale(lang: str | None = None) -> str:
    return {"nl": "nl_NL", "en": "en_GB"}[lang or _current]


def format_long_date(value: date, lang: str | None = None) -> str:
    """'vrijdag 9 april 2021' / 'Friday 9 April 2021'."""
    from babel.dates import format_date

    return format_date(value, "EEEE d MMMM y", locale=babel_locale(lang))


def format_short_date(value: date, lang: str | None = None) -> str:
    """'9 apr. 2021' style, for lists."""
    from babel.dates import format_date

    return format_date(value, "medium", locale=babel_locale(lang))


def format_clock(value: time | datetime | None) -> str:
    """'15:00' — Dutch and English users alike read 24-hour times in this app."""
    if value is None:
        return "--:--"
    return f"{value.hour:02d}:{value.minute:02d}"
