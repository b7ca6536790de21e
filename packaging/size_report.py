"""What the frozen app weighs: on disk, packed, and its largest parts.

    python packaging/size_report.py dist/workshop [--pack]

`--pack` also writes the release archive dist/workshop-<version>-linux-<arch>.tar.xz (and
measures a .tar.gz of the same folder, which is not kept).
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

GROUPS = (
    ("Qt libraries", "_internal/PySide6/Qt/lib/"),
    ("Qt plugins", "_internal/PySide6/Qt/plugins/"),
    ("Qt translations", "_internal/PySide6/Qt/translations/"),
    ("PySide6 bindings", "_internal/PySide6/"),
    ("shiboken6", "_internal/shiboken6/"),
    ("Python standard library (extensions)", "_internal/python3"),
    ("Python runtime (libpython)", "_internal/libpython"),
    ("Pillow", "_internal/PIL"),
    ("Pillow's libraries", "_internal/pillow.libs/"),
    ("ReportLab", "_internal/reportlab/"),
    ("SQLAlchemy", "_internal/sqlalchemy/"),
    ("Babel", "_internal/babel/"),
    ("app resources", "_internal/resources/"),
    ("executable (bootloader + compiled Python code)", "workshop"),
    ("desktop files and icons", "share/"),
)


def _files(root: Path) -> list[tuple[Path, int]]:
    out = []
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            path = Path(dirpath) / name
            if not path.is_symlink():
                out.append((path, path.stat().st_size))
    return out


def _group(rel: str) -> str:
    for name, prefix in GROUPS:
        if rel.startswith(prefix):
            return name
    if rel.startswith("_internal/") and ".so" in rel and "/" not in rel[len("_internal/") :]:
        return "system libraries (X11/xcb, glib, fontconfig, sqlite, ...)"
    return "other Python packages and data"


def _mib(n: float) -> str:
    return f"{n / 2**20:7.1f} MiB"


def packed_size(app_dir: Path, compressor: list[str], target: Path) -> int:
    with target.open("wb") as out:
        tar = subprocess.Popen(
            ["tar", "-C", str(app_dir.parent), "-cf", "-", app_dir.name], stdout=subprocess.PIPE
        )
        subprocess.run(compressor, stdin=tar.stdout, stdout=out, check=True)
        tar.stdout.close()
        if tar.wait() != 0:
            raise RuntimeError("tar failed")
    return target.stat().st_size


def version_of(app_dir: Path) -> str:
    version_file = app_dir / "VERSION"
    return version_file.read_text().strip() if version_file.exists() else "unknown"


def main(argv: list[str]) -> int:
    app_dir = Path(argv[0] if argv and not argv[0].startswith("-") else "dist/workshop")
    if not (app_dir / "workshop").exists():
        print(f"size_report: no frozen app in {app_dir}", file=sys.stderr)
        return 1
    files = _files(app_dir)
    total = sum(size for _p, size in files)
    du = subprocess.run(["du", "-sk", str(app_dir)], capture_output=True, text=True)
    on_disk = int(du.stdout.split()[0]) * 1024 if du.returncode == 0 else total
    print(f"frozen app {app_dir} (version {version_of(app_dir)}): {len(files)} files")
    print(f"  on disk (du):     {_mib(on_disk)}")
    print(f"  sum of file sizes:{_mib(total)}")
    if "--pack" in argv:
        arch = platform.machine()
        xz_target = app_dir.parent / f"workshop-{version_of(app_dir)}-linux-{arch}.tar.xz"
        if shutil.which("xz"):
            size = packed_size(app_dir, ["xz", "-T2", "-6"], xz_target)
            print(f"  packed tar.xz:    {_mib(size)}  ({xz_target})")
        with tempfile.TemporaryDirectory() as tmp:
            size = packed_size(app_dir, ["gzip", "-6"], Path(tmp) / "app.tar.gz")
        print(f"  packed tar.gz:    {_mib(size)}")
    groups: dict[str, int] = defaultdict(int)
    for path, size in files:
        groups[_group(path.relative_to(app_dir).as_posix())] += size
    print("\nby part:")
    for name, size in sorted(groups.items(), key=lambda kv: -kv[1]):
        print(f"  {_mib(size)}  {name}")
    print("\nlargest files:")
    for path, size in sorted(files, key=lambda f: -f[1])[:20]:
        print(f"  {_mib(size)}  {path.relative_to(app_dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
