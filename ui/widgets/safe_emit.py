"""`emit(signal, *args)`: Signal.emit without PySide6 6.12's lost reference to True.

PySide6 6.12.0's `SignalInstance.emit` returns `True` without taking a reference for it,
so every Python-side emit lowers the reference count of `True` by one. On Python 3.11
(where `True` is not immortal) a signal emitted every second brings the count to zero
within the hour, and the interpreter aborts ("bool_dealloc: deallocating True"). A probe
measures the loss once; `emit` then gives the reference back. On a fixed PySide6 the probe
measures nothing and `emit` is a plain emit.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


@cache
def lost_per_emit() -> int:
    """References to True that one emit loses (0 on a PySide6 without the bug)."""
    probe = _Probe()
    rounds = 8
    before = sys.getrefcount(True)
    for _ in range(rounds):
        probe.ping.emit()
    lost = round((before - sys.getrefcount(True)) / rounds)
    for _ in range(max(0, lost) * rounds):
        _give_back()
    return max(0, lost)


def _give_back() -> None:
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


def emit(signal, *args) -> None:
    signal.emit(*args)
    for _ in range(lost_per_emit()):
        _give_back()
