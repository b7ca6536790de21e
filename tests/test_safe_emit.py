"""Emitting a signal every second for hours must not wear out the reference count of True."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from ui.widgets.safe_emit import emit


class _Source(QObject):
    changed = Signal(object)


def test_emit_keeps_the_reference_count_of_true(qapp):
    source = _Source()
    got = []
    source.changed.connect(got.append)
    before = sys.getrefcount(True)
    for i in range(5000):
        emit(source.changed, i)
    assert len(got) == 5000
    assert abs(sys.getrefcount(True) - before) < 50
