"""The idle collector's freezing: the first full collection freezes what survived it; while
the phones' server runs every full collection does; stopping it unfreezes everything."""

from __future__ import annotations

import gc

import pytest


@pytest.fixture
def collector(qapp):
    from ui.idle_gc import IdleCollector

    threshold = gc.get_threshold()
    made = IdleCollector()
    yield made
    made._timer.stop()
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_freezing_follows_the_phones_server(collector):
    gc.unfreeze()
    collector.collect_now()
    first = gc.get_freeze_count()
    assert first > 0 and collector.frozen
    later = [[n] for n in range(5000)]  # survivors made after the first freeze
    collector.collect_now()
    assert gc.get_freeze_count() == first  # not frozen: the server is off
    collector.keep_freezing(True)
    collector.collect_now()
    assert gc.get_freeze_count() >= first + len(later)
    collector.keep_freezing(False)
    assert gc.get_freeze_count() == 0 and not collector.frozen
    del later
