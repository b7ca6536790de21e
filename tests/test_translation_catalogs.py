"""The translations as the app reads them: .po files compiled into one gettext .mo per language
(scripts/compile_translations.py), rebuilt into the cache folder when stale, none for English."""

from __future__ import annotations

import gettext
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import REPO

from workshop import i18n

SCRIPT = REPO / "scripts" / "compile_translations.py"
HEADER = textwrap.dedent(
    """\
    msgid ""
    msgstr ""
    "Language: nl\\n"
    "Content-Type: text/plain; charset=utf-8\\n"

    """
)


def write_po(folder: Path, name: str, *pairs: tuple[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for msgid, msgstr in pairs)
    path = folder / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def compile_script(translations: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--translations", str(translations), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def po_content(folder: Path) -> dict[str, str]:
    """What the .po files say, read independently of workshop.i18n."""
    from babel.messages.pofile import read_po

    table: dict[str, str] = {}
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as fh:
            for message in read_po(fh, locale="nl"):
                if message.id and message.string and not message.fuzzy:
                    table[message.id] = message.string
    return table


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("WORKSHOP_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def fresh_translations():
    """Loaded catalogs are cached per process; forget them around a test that swaps them."""
    i18n.translations.cache_clear()
    i18n.catalog.cache_clear()
    yield
    i18n.translations.cache_clear()
    i18n.catalog.cache_clear()


def test_the_compiled_dutch_catalog_is_what_the_po_files_say(tmp_path, cache_dir):
    folder = REPO / "resources" / "translations" / "nl"
    expected = po_content(folder)
    assert len(expected) > 1000
    assert dict(i18n.catalog("nl")) == expected
    # and so is the file the build step writes (into a copy: the checkout stays as it is)
    copy = tmp_path / "translations" / "nl"
    copy.mkdir(parents=True)
    for po in folder.glob("*.po"):
        (copy / po.name).write_bytes(po.read_bytes())
    result = compile_script(tmp_path / "translations")
    assert result.returncode == 0, result.stderr
    with i18n.mo_path(copy).open("rb") as fh:
        built = gettext.GNUTranslations(fh)
    assert {k: v for k, v in built._catalog.items() if k} == expected
    assert built.gettext("Participants") == "Deelnemers"


def test_a_stale_catalog_is_rebuilt_once_into_the_cache(tmp_path, cache_dir, monkeypatch):
    folder = tmp_path / "nl"
    po = write_po(folder, "a.po", ("Participants", "Deelnemers"), ("Notes", "Notities"))
    assert compile_script(tmp_path).returncode == 0
    assert i18n.is_fresh(folder)
    assert i18n.load_translations(folder, "nl").gettext("Notes") == "Notities"
    assert not cache_dir.exists()  # a fresh .mo is read as it is

    write_po(folder, "a.po", ("Participants", "Deelnemers"), ("Notes", "Aantekeningen"))
    edited = po.stat().st_mtime_ns
    os.utime(i18n.mo_path(folder), ns=(edited - 10**9, edited - 10**9))  # built before the edit
    assert not i18n.is_fresh(folder)
    cache_dir.mkdir()
    for name, days in (("workshop-nl-v1-old.mo", 8), ("workshop-nl-v1-recent.mo", 1)):
        (cache_dir / name).write_bytes(b"")
        then = time.time() - days * 24 * 3600
        os.utime(cache_dir / name, (then, then))
    assert i18n.load_translations(folder, "nl").gettext("Notes") == "Aantekeningen"
    left = {p.name for p in cache_dir.glob("workshop-nl-*.mo")}
    assert len(left) == 2 and "workshop-nl-v1-recent.mo" in left  # a week-old one is gone

    def no_compiling(*args):
        raise AssertionError("compiled again")

    monkeypatch.setattr(i18n, "compile_catalog", no_compiling)  # the cached copy is reused
    assert i18n.load_translations(folder, "nl").gettext("Notes") == "Aantekeningen"

    # a .po added after the build makes the .mo stale as well, and so does a missing .mo
    assert compile_script(tmp_path, "--quiet").returncode == 0
    assert i18n.is_fresh(folder)
    built = i18n.mo_path(folder).stat().st_mtime_ns
    os.utime(po, ns=(built - 10**9, built - 10**9))
    write_po(folder, "b.po", ("Groups", "Groepen"))
    os.utime(i18n.mo_path(folder), ns=(built - 10**9, built - 10**9))
    assert not i18n.is_fresh(folder)
    monkeypatch.undo()
    monkeypatch.setenv("WORKSHOP_CACHE_DIR", str(cache_dir))
    assert i18n.load_translations(folder, "nl").gettext("Groups") == "Groepen"
    i18n.mo_path(folder).unlink()
    assert i18n.load_translations(folder, "nl").gettext("Groups") == "Groepen"

    assert compile_script(tmp_path, "--quiet").returncode == 0  # the build step catches up
    assert i18n.is_fresh(folder)


def test_the_build_step_refuses_a_placeholder_mismatch(tmp_path):
    folder = tmp_path / "nl"
    write_po(folder, "a.po", ("Participants", "Deelnemers"))
    write_po(folder, "b.po", ("{n} notes on {title}", "{n} notities bij {titel}"))
    result = compile_script(tmp_path)
    assert result.returncode == 1
    assert "b.po:" in result.stderr and "placeholders differ" in result.stderr
    assert "'titel'" in result.stderr and "'title'" in result.stderr
    assert not i18n.mo_path(folder).exists()
    # the same rule holds for the catalog compiled on the fly in a checkout
    with pytest.raises(i18n.CatalogError, match="placeholders differ"):
        i18n.compile_catalog(i18n.po_files(folder), "nl")


def test_the_build_step_refuses_one_message_translated_two_ways(tmp_path):
    folder = tmp_path / "nl"
    write_po(folder, "a.po", ("Close", "Sluiten"), ("{seconds:.2f} s", "{seconds:.2f} s"))
    write_po(folder, "b.po", ("Close", "Afsluiten"), ("Open", "Openen"))
    result = compile_script(tmp_path)
    assert result.returncode == 1
    assert "'Close' is translated two ways: 'Sluiten' (a.po:" in result.stderr
    assert "'Afsluiten'" in result.stderr and "placeholders" not in result.stderr
    assert not i18n.mo_path(folder).exists()

    write_po(folder, "b.po", ("Close", "Sluiten"), ("Open", "Openen"))  # the same twice: fine
    result = compile_script(tmp_path)
    assert result.returncode == 0, result.stderr
    assert i18n.load_translations(folder, "nl").gettext("Close") == "Sluiten"


def test_an_english_run_needs_no_catalog(monkeypatch, fresh_translations):
    def no_catalog(*parts):
        raise AssertionError(f"looked for a catalog: {parts}")

    monkeypatch.setattr(i18n, "resource", no_catalog)
    i18n.set_language("en")
    assert i18n._("Participants") == "Participants"
    assert i18n.translator("en")("{n} notes") == "{n} notes"
    assert dict(i18n.catalog("en")) == {}
    assert i18n.plural(2, "{n} note", "{n} notes") == "{n} notes"


def test_reading_a_compiled_catalog_needs_no_babel(tmp_path):
    folder = tmp_path / "nl"
    write_po(folder, "a.po", ("Participants", "Deelnemers"))
    assert compile_script(tmp_path).returncode == 0
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from workshop.i18n import load_translations
        t = load_translations(Path({str(folder)!r}), "nl")
        assert t.gettext("Participants") == "Deelnemers", t.gettext("Participants")
        assert t.gettext("") == ""
        assert not [m for m in sys.modules if m.split(".")[0] == "babel"], "Babel imported"
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and "ok" in result.stdout, result.stderr


def test_without_po_files_the_shipped_catalog_is_read_and_its_absence_is_an_error(
    tmp_path, cache_dir
):
    """The frozen app ships only the .mo (its times say nothing: no .po to compare with)."""
    folder = tmp_path / "nl"
    write_po(folder, "a.po", ("Participants", "Deelnemers"))
    assert compile_script(tmp_path).returncode == 0
    (folder / "a.po").unlink()
    assert i18n.load_translations(folder, "nl").gettext("Participants") == "Deelnemers"
    i18n.mo_path(folder).unlink()
    with pytest.raises(FileNotFoundError, match="compile_translations.py"):
        i18n.load_translations(folder, "nl")
