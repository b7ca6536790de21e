"""Compile the translations: resources/translations/<lang>/*.po -> <lang>/LC_MESSAGES/workshop.mo

    python scripts/compile_translations.py            every language folder, when stale
    python scripts/compile_translations.py --force    rebuild even when up to date
    python scripts/compile_translations.py --check    only check the .po files, write nothing

Each language's .po files (one per part of the app) are merged into one gettext catalog,
which `workshop.i18n` reads with the standard library. `bash run.sh` runs this after setting
up the virtualenv, and build.spec before collecting the frozen app's data files; the .mo
files are build output (.gitignore). Needs Babel (pofile/mofile).

Refuses, listing every problem with its file and line and exiting with status 1, when one
msgid has two different translations or a translation's `{placeholder}` names differ from
its msgid's; nothing is written then.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workshop.i18n import (  # noqa: E402
    CatalogError,
    compile_catalog,
    is_fresh,
    merge_po_files,
    mo_path,
    po_files,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--translations",
        type=Path,
        default=ROOT / "resources" / "translations",
        help="the folder with one subfolder of .po files per language",
    )
    parser.add_argument("--force", action="store_true", help="rebuild up-to-date catalogs too")
    parser.add_argument("--check", action="store_true", help="check only, write nothing")
    parser.add_argument("--quiet", action="store_true", help="print only problems")
    args = parser.parse_args(argv)

    folders = sorted(p for p in args.translations.iterdir() if p.is_dir() and po_files(p))
    if not folders:
        print(f"compile_translations: no .po files under {args.translations}", file=sys.stderr)
        return 1
    failed = False
    for folder in folders:
        lang, sources = folder.name, po_files(folder)
        target = mo_path(folder)
        try:
            if args.check:
                merged = merge_po_files(sources, lang)
                action = "checked"
            elif args.force or not is_fresh(folder, sources):
                data = compile_catalog(sources, lang)
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
                tmp.write_bytes(data)
                tmp.replace(target)
                merged = None
                action = f"compiled {len(data) / 1024:.0f} KiB into {target}"
            else:
                action = f"up to date: {target}"
                merged = None
        except CatalogError as error:
            print(f"compile_translations: {error}", file=sys.stderr)
            failed = True
            continue
        if not args.quiet:
            count = f"{len(merged)} messages, " if merged is not None else ""
            print(f"{lang}: {count}{len(sources)} .po files, {action}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
