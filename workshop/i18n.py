"""One translation mechanism for UI, CLI and reports: the standard library's gettext.

Message ids are English; `resources/translations/<lang>/*.po` hold the translations (one
file per part of the app). `scripts/compile_translations.py` merges them into one catalog,
`resources/translations/<lang>/LC_MESSAGES/workshop.mo` (`bash run.sh` and build.spec run it;
the .mo files are built, not committed), which is read here with `gettext.GNUTranslations`.
Dutch is the default language; English, the language of the message ids, needs no catalog.

In a checkout where the .mo is missing or older than a .po (a .po just edited, a fresh
worktree), the .po files are compiled once into the user's cache folder, keyed by their
content, with the same checks as the build step (`CatalogError`). Babel is needed for that
and for dates and numbers; reading a compiled catalog does not import it.

* `_("text")` translates now, in the current language.
* `N_("text")` only marks a string for extraction (module-level constants); translate it
  with `_()` where it is shown.
* `translator(lang)` gives a `_` for another language (e.g. an English report while the
  UI is Dutch).
"""

from __future__ import annotations

import gettext
import io
import os
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from time import time as time_now

from workshop.paths import resource, user_dir

DEFAULT_LANGUAGE = "nl"
LANGUAGES = ("nl", "en")
DOMAIN = "workshop"
_current = os.environ.get("WORKSHOP_LANG", DEFAULT_LANGUAGE)
if _current not in LANGUAGES:
    _current = DEFAULT_LANGUAGE


class CatalogError(Exception):
    """The .po files of a language do not make one catalog; `problems` lists why, one a line."""

    def __init__(self, lang: str, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            f"the {lang!r} translations cannot be compiled:\n  " + "\n  ".join(problems)
        )


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang` (English: none, the message ids are English)."""
    if lang == "en":
        return gettext.NullTranslations()
    return load_translations(resource("translations", lang), lang)


@cache
def catalog(lang: str) -> Mapping[str, str]:
    """msgid -> msgstr for `lang`: the loaded catalog's table (empty for English).

    `_()` looks messages up here directly: half the cost of `GNUTranslations.gettext` (no
    plural forms to try: the .mo holds none, `plural()` picks between two msgids).
    """
    return getattr(translations(lang), "_catalog", {})


def mo_path(folder: Path) -> Path:
    """Where the build step puts the compiled catalog of a language folder."""
    return folder / "LC_MESSAGES" / f"{DOMAIN}.mo"


def po_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.po"))


def is_fresh(folder: Path, sources: list[Path] | None = None) -> bool:
    """The folder's .mo exists and is not older than its .po files (nor the folder itself,
    whose time changes when a .po is added, removed or replaced)."""
    try:
        built = mo_path(folder).stat().st_mtime_ns
        newest = max(
            [folder.stat().st_mtime_ns]
            + [p.stat().st_mtime_ns for p in (po_files(folder) if sources is None else sources)]
        )
    except OSError:
        return False
    return built >= newest


def load_translations(folder: Path, lang: str) -> gettext.GNUTranslations:
    """The language folder's compiled catalog; compiled into the cache folder when the .mo is
    missing or stale and .po files are there (a checkout). The frozen app ships only the .mo."""
    sources = po_files(folder)
    built = mo_path(folder)
    if (not sources and built.is_file()) or (sources and is_fresh(folder, sources)):
        with built.open("rb") as fh:
            loaded = gettext.GNUTranslations(fh)
    elif sources:
        loaded = gettext.GNUTranslations(io.BytesIO(_compiled_in_cache(sources, lang)))
    else:
        raise FileNotFoundError(
            f"no {lang!r} translations: neither {built} nor .po files in {folder} "
            "(build the catalog with scripts/compile_translations.py)"
        )
    # the header (already read): `_("")` stays ""; _catalog is private, typeshed lacks it
    loaded._catalog.pop("", None)  # type: ignore[attr-defined]
    return loaded


_CACHE_FORMAT = 1  # bump when compile_catalog's output changes


def _compiled_in_cache(sources: list[Path], lang: str) -> bytes:
    """The .mo bytes of `sources`, compiled once per content into the user's cache folder."""
    contents = [p.read_bytes() for p in sources]
    digest = 0
    for path, data in zip(sources, contents, strict=True):
        digest = zlib.crc32(data, zlib.crc32(path.name.encode() + b"\0", digest))
    size = sum(map(len, contents))
    cache_file = _cache_dir() / f"{DOMAIN}-{lang}-v{_CACHE_FORMAT}-{digest:08x}{size:x}.mo"
    try:
        return cache_file.read_bytes()
    except OSError:
        pass
    data = compile_catalog(sources, lang)
    week_ago = time_now() - 7 * 24 * 3600
    for old in cache_file.parent.glob(f"{DOMAIN}-{lang}-*.mo"):
        with suppress(OSError):  # another process may be at it too
            if old.stat().st_mtime < week_ago:  # other worktrees' recent ones stay
                old.unlink()
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_name(f"{cache_file.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(cache_file)
    except OSError:
        pass  # a read-only cache folder only costs speed
    return data


def _cache_dir() -> Path:
    override = os.environ.get("WORKSHOP_CACHE_DIR")
    return Path(override) if override else user_dir("cache")


_PLACEHOLDER = re.compile(r"\{(\w*)(?:[!:][^{}]*)?\}")


def placeholders(text: str) -> set[str]:
    """The names of the `str.format` fields in a message: {n}, {seconds:.2f}, {value!r}."""
    return set(_PLACEHOLDER.findall(text))


def merge_po_files(sources: Iterable[Path], lang: str) -> dict[str, str]:
    """msgid -> msgstr over all `sources` (translated, not fuzzy), or `CatalogError` when one
    msgid has two different translations or a translation's placeholders differ from its
    msgid's. Needs Babel (a build-time tool here)."""
    from babel.messages.pofile import read_po

    merged: dict[str, str] = {}
    where: dict[str, str] = {}
    problems: list[str] = []
    for po in sources:
        with po.open("rb") as fh:
            messages = read_po(fh, locale=lang)
        for message in messages:
            if not message.id or not message.string or message.fuzzy:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            value = message.string if isinstance(message.string, str) else message.string[0]
            here = f"{po.name}:{message.lineno}"
            if placeholders(key) != placeholders(value):
                problems.append(
                    f"{here}: placeholders differ: msgid {sorted(placeholders(key))} "
                    f"{key!r}, msgstr {sorted(placeholders(value))} {value!r}"
                )
            if key in merged and merged[key] != value:
                problems.append(
                    f"{here}: {key!r} is translated two ways: {merged[key]!r} "
                    f"({where[key]}) and {value!r}"
                )
                continue
            merged[key] = value
            where.setdefault(key, here)
    if problems:
        raise CatalogError(lang, problems)
    return merged


def compile_catalog(sources: Iterable[Path], lang: str) -> bytes:
    """The .mo bytes of the merged `sources` (`merge_po_files`); needs Babel."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    fixed = datetime(2000, 1, 1)  # the same .po files give the same bytes
    merged = Catalog(
        locale=lang, domain=DOMAIN, project=DOMAIN, creation_date=fixed, revision_date=fixed
    )
    for msgid, msgstr in merge_po_files(sources, lang).items():
        merged.add(msgid, msgstr)
    out = io.BytesIO()
    write_mo(out, merged)
    return out.getvalue()


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


def format_number(n: int, lang: str | None = None) -> str:
    """A count as people write it: '20.000' in Dutch, '20,000' in English."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=babel_locale(lang))


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
