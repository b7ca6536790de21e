"""The end of the app: loads still running settle before the library closes, and the
process ends without the interpreter's teardown once `ui.app.run` has returned."""

from __future__ import annotations

import os
import sys
import threading


async def settle_tasks(timeout: float = 2.0) -> None:
    """Let loads still running (a window closed right after opening) finish before the
    library closes, so none of them meets a closed worker."""
    import asyncio

    current = asyncio.current_task()
    pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
    if pending:
        await asyncio.wait(pending, timeout=timeout)


def end_process(code: int) -> None:
    """End the process with `code` without the interpreter's teardown.

    Called once `run()` returned: the library is closed and every edit is stored. Python
    would then free every module and object one by one (with Qt's ~0.15 s for `workshop
    demo`, a sixth of its start). Worker threads still busy (a PDF being written) are
    waited for first and exit handlers run, as at a normal exit; only the freeing is
    skipped. Set WORKSHOP_FULL_EXIT=1 to keep it (leak checkers, debuggers). Does nothing
    when CPython's exit steps are not where expected.
    """
    import atexit

    shutdown = getattr(threading, "_shutdown", None)  # joins threads, like the normal exit
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if os.environ.get("WORKSHOP_FULL_EXIT") or shutdown is None or run_exit_handlers is None:
        return
    if threading.current_thread() is not threading.main_thread():
        return
    shutdown()
    run_exit_handlers()  # logging's flush among them
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)
