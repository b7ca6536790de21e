"""Entry point of the frozen app (PyInstaller): the same command line as `workshop`.

`multiprocessing.freeze_support()` must run first: a frozen child process started by
multiprocessing re-executes this file and must not open the app.
"""

from __future__ import annotations

import multiprocessing
import sys


def main() -> int:
    multiprocessing.freeze_support()
    from workshop.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
