"""The packaging pieces that run without PyInstaller: ICU trimming, the bundle filter, the
desktop file, the icons, the version's single source and the launcher."""

from __future__ import annotations

import configparser
import re
import shutil
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "packaging"))

import bundle_filter  # noqa: E402
import elf  # noqa: E402
import trim_icu  # noqa: E402

ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def _qt_lib_dir() -> Path | None:
    try:
        import PySide6
    except ImportError:
        return None
    path = Path(PySide6.__file__).parent / "Qt" / "lib"
    return path if path.is_dir() else None


def _icu_data_library() -> Path:
    lib = _qt_lib_dir()
    found = sorted(lib.glob("libicudata.so.*")) if lib else []
    if not found:
        pytest.skip("this PySide6 ships no ICU data library")
    return found[0]


# -- ICU data package --------------------------------------------------------------------------
def _header() -> bytes:
    # DataHeader: headerSize, magic; UDataInfo: size, reserved, LE, ASCII, 2, 0, "CmnD", ...
    info = struct.pack("<HH4B4s4B4B", 20, 0, 0, 0, 2, 0, b"CmnD", 1, 0, 0, 0, 73, 0, 0, 0)
    head = struct.pack("<HBB", 32, 0xDA, 0x27) + info
    return head + b"\xaa" * (32 - len(head))


def test_package_round_trip_and_trim():
    items = (
        trim_icu.Item("coll/nl.res", b"NL" * 10),
        trim_icu.Item("coll/zh.res", b"ZH" * 100),
        trim_icu.Item("nl.res", b"nl"),
        trim_icu.Item("root.res", b"root-bundle"),
    )
    package = trim_icu.Package(_header(), "icudt73l/", items)
    blob = trim_icu.build_package(package)
    parsed = trim_icu.parse_package(blob)
    assert [i.name for i in parsed.items] == [i.name for i in items]
    for original, read in zip(items, parsed.items, strict=True):
        assert read.data.startswith(original.data)
        assert set(read.data[len(original.data) :]) <= {0xAA}  # only alignment padding
    trimmed = trim_icu.parse_package(trim_icu.build_package(trim_icu.trim(parsed)))
    assert [i.name for i in trimmed.items] == ["coll/nl.res", "nl.res", "root.res"]


def test_parse_rejects_other_data():
    with pytest.raises(ValueError, match="magic"):
        trim_icu.parse_package(b"\x20\x00\x00\x00" + b"\0" * 60)


def test_keep_rules():
    assert trim_icu.keep("coll/root.res") and trim_icu.keep("coll/nl.res")
    assert trim_icu.keep("coll/ucadata.icu") and trim_icu.keep("zoneinfo64.res")
    assert not trim_icu.keep("coll/zh.res")
    assert not trim_icu.keep("brkitr/cjdict.dict")
    assert not trim_icu.keep("translit/root.res")
    assert not trim_icu.keep("gb18030.cnv")
    assert trim_icu.keep("ibm-5348_P100-1997.cnv")  # Windows-1252


def test_real_icu_package_reads_back_byte_for_byte():
    symbol, blob = trim_icu.read_symbol(_icu_data_library())
    assert re.fullmatch(r"icudt\d+_dat", symbol)
    package = trim_icu.parse_package(blob)
    assert len(package.items) > 1000
    assert trim_icu.build_package(package) == blob
    kept = trim_icu.trim(package)
    names = {item.name for item in kept.items}
    assert {"root.res", "nl.res", "coll/nl.res", "coll/root.res", "pool.res"} <= names
    assert len(trim_icu.build_package(kept)) < len(blob) / 4


PROBE = textwrap.dedent(
    """
    from PySide6.QtCore import QCollator, QDateTime, QLocale, QTimeZone
    c = QCollator(QLocale("nl_NL")); c.setNumericMode(True)
    print(sorted(["Zee", "ijs", "Émile", "appel", "Öztürk", "tafel 10", "tafel 2"], key=c.sortKey))
    print(QLocale("nl_NL").toUpper("straße"), QLocale("tr_TR").toUpper("istanbul"))
    tz = QTimeZone(b"Europe/Amsterdam")
    when = QDateTime.fromString("2021-04-09T15:00:00", "yyyy-MM-ddTHH:mm:ss")
    print(tz.displayName(when, QTimeZone.NameType.LongName, QLocale("nl_NL")))
    print(tz.displayName(when, QTimeZone.NameType.LongName, QLocale("en_GB")))
    """
)


@pytest.mark.skipif(shutil.which("as") is None or shutil.which("ld") is None, reason="no binutils")
def test_trimmed_icu_gives_qt_the_same_dutch_and_english_answers(tmp_path):
    original = _icu_data_library()
    trimmed = trim_icu.trimmed_library(original, tmp_path)
    assert trimmed.stat().st_size < original.stat().st_size / 4
    assert elf.dynamic(trimmed)[0] == original.name  # same soname

    def probe(extra_env: dict[str, str]) -> str:
        env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", **extra_env}
        result = subprocess.run(
            [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    full = probe({})
    assert "appel" in full and "Midden-Europese" in full
    assert probe({"LD_PRELOAD": str(trimmed)}) == full


# -- the bundle filter -------------------------------------------------------------------------
def test_plugins_kept_and_dropped():
    keep = bundle_filter.keep_plugin
    assert keep("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert keep("PySide6/Qt/plugins/platforms/libqoffscreen.so")
    assert keep("PySide6/Qt/plugins/imageformats/libqjpeg.so")
    assert keep("PySide6/Qt/plugins/iconengines/libqsvgicon.so")
    assert not keep("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so")
    assert not keep("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert not keep("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so")
    assert not keep("PySide6/Qt/plugins/imageformats/libqpdf.so")
    assert keep("PySide6/QtCore.abi3.so")  # not a plugin


def test_data_kept_and_dropped():
    keep = bundle_filter.keep_data
    assert keep("PySide6/Qt/translations/qtbase_nl.qm")
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert not keep("PySide6/Qt/translations/qtmultimedia_nl.qm")
    assert keep("babel/locale-data/nl_NL.dat") and keep("babel/locale-data/root.dat")
    assert keep("babel/locale-data/en_GB.dat")
    assert not keep("babel/locale-data/ja.dat")
    assert keep("babel/global.dat")
    assert keep("resources/translations/nl/LC_MESSAGES/workshop.mo")
    assert not keep("resources/translations/nl/foundation.po")  # compiled into the .mo


def test_unreachable_libraries_leave_with_their_plugin():
    lib = _qt_lib_dir()
    if lib is None or not (lib / "libQt6XcbQpa.so.6").exists():
        pytest.skip("PySide6's Qt libraries are not here")
    plugins = lib.parent / "plugins"
    toc = [
        (
            "PySide6/Qt/plugins/platforms/libqxcb.so",
            str(plugins / "platforms/libqxcb.so"),
            "BINARY",
        ),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", str(lib / "libQt6XcbQpa.so.6"), "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", str(lib / "libQt6Gui.so.6"), "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", str(lib / "libQt6Core.so.6"), "BINARY"),
        ("PySide6/Qt/lib/libQt6Quick.so.6", str(lib / "libQt6Quick.so.6"), "BINARY"),
    ]
    kept, dropped = bundle_filter.prune_unreachable(toc)
    assert [d for d, _s, _k in dropped] == ["PySide6/Qt/lib/libQt6Quick.so.6"]
    assert len(kept) == 4


def test_elf_reader_sees_needed_libraries():
    lib = _qt_lib_dir()
    if lib is None or not (lib / "libQt6Gui.so.6").exists():
        pytest.skip("PySide6's Qt libraries are not here")
    soname, needed = elf.dynamic(lib / "libQt6Gui.so.6")
    assert soname == "libQt6Gui.so.6"
    assert "libQt6Core.so.6" in needed
    assert not elf.is_elf(REPO / "pyproject.toml")


# -- desktop file, icons, version --------------------------------------------------------------
def test_desktop_file_has_dutch_and_the_version():
    template = (REPO / "packaging" / "workshop.desktop").read_text(encoding="utf-8")
    text = bundle_filter.desktop_entry(template, "9.8.7")
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(text)
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Icon"] == "workshop"
    assert entry["Exec"].split()[0] == "workshop"
    assert entry["Name[nl]"] and entry["Comment[nl]"] and entry["GenericName[nl]"]
    assert entry["Comment[nl]"] != entry["Comment"]
    assert entry["X-Workshop-Version"] == "9.8.7"
    assert "@" not in text
    validator = shutil.which("desktop-file-validate")
    if validator:
        path = REPO / "packaging" / "workshop.desktop"
        result = subprocess.run([validator, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_icon_svg_and_rendered_sizes(qapp):
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    icons = REPO / "resources" / "icons"
    renderer = QSvgRenderer(str(icons / "workshop.svg"))
    assert renderer.isValid()
    assert renderer.defaultSize().width() == renderer.defaultSize().height()
    for size in ICON_SIZES:
        image = QImage(str(icons / f"workshop-{size}.png"))
        assert not image.isNull(), f"workshop-{size}.png is missing or unreadable"
        assert (image.width(), image.height()) == (size, size)
        corner = image.pixelColor(0, 0)
        centre = image.pixelColor(size // 2, size // 2)
        assert corner.alpha() < 255, "the rounded corner should be transparent"
        assert centre.alpha() == 255


def test_version_has_one_source():
    from workshop import __version__

    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "workshop.__version__" }' in pyproject
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    pattern = re.search(r"re\.search\(\s*r'(.+?)',", spec).group(1)
    init = (REPO / "workshop" / "__init__.py").read_text(encoding="utf-8")
    assert re.search(pattern, init, re.M).group(1) == __version__


def test_launcher_runs_the_command_line():
    result = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "launcher.py"), "--version"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    from workshop import __version__

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"workshop {__version__}"


def test_symlinks_to_dropped_libraries_are_dropped(tmp_path):
    toc = [
        ("PySide6/QtCore.abi3.so", str(tmp_path / "missing.so"), "EXTENSION"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Quick.so.6", str(tmp_path / "quick.so"), "BINARY"),
    ]
    kept, dropped = bundle_filter.prune_unreachable(toc)
    assert [d for d, _s, _k in kept] == ["PySide6/QtCore.abi3.so"]
    assert {d for d, _s, _k in dropped} == {"libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6"}


def test_dangling_links_among_data_files_are_dropped():
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
        ("alias.so.6", "libQt6Core.so.6", "SYMLINK"),  # a link to a link
        ("resources/demo/x.json", "/x/x.json", "DATA"),
    ]
    kept_bin, kept_data = bundle_filter.drop_dangling_symlinks(binaries, datas)
    assert kept_bin == binaries
    assert [d for d, _s, _k in kept_data] == [
        "libQt6Core.so.6",
        "alias.so.6",
        "resources/demo/x.json",
    ]


def test_install_desktop_script_installs_and_removes(tmp_path):
    app = tmp_path / "Apps" / "workshop"
    app.mkdir(parents=True)
    (app / "workshop").write_text("#!/bin/sh\necho workshop 1.2.3\n")
    (app / "workshop").chmod(0o755)
    bundle_filter.write_desktop_integration(REPO, app, "1.2.3")
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        ["sh", str(app / "install-desktop.sh")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    data = home / ".local" / "share"
    entry = (data / "applications" / "workshop.desktop").read_text(encoding="utf-8")
    assert f'Exec="{app}/workshop"' in entry and "X-Workshop-Version=1.2.3" in entry
    assert (data / "icons/hicolor/48x48/apps/workshop.png").is_file()
    assert (data / "icons/hicolor/scalable/apps/workshop.svg").is_file()
    assert (home / ".local/bin/workshop").resolve() == (app / "workshop").resolve()
    assert (app / "VERSION").read_text().strip() == "1.2.3"
    result = subprocess.run(
        ["sh", str(app / "install-desktop.sh"), "--remove"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert not (data / "applications" / "workshop.desktop").exists()
    assert not (home / ".local/bin/workshop").exists()
    assert (app / "workshop").exists()  # the app itself stays


def test_windows_and_macos_icons_are_made_from_the_svg():
    from PIL import Image

    with Image.open(REPO / "packaging" / "icons" / "workshop.ico") as ico:
        assert {(16, 16), (24, 24), (32, 32), (48, 48), (256, 256)} <= ico.info["sizes"]
    with Image.open(REPO / "packaging" / "icons" / "workshop.icns") as icns:
        assert icns.size == (1024, 1024)
        assert icns.getpixel((0, 0))[3] == 0 and icns.getpixel((512, 512))[3] == 255
