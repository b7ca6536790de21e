"""The idle collector's freezing: the first full collection freezes what survived it; while
the phones' server runs every full collection does; stopping it unfreezes everything."""

from __future__ import annotations

import gc

import pytest


@pytest.fixture
def collector(qapp):
    from ui.kit.idle_gc import IdleCollector

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


def test_start_up_is_frozen_without_a_full_collection_and_the_first_one_freezes_again(
    collector, monkeypatch
):
    from ui.kit.idle_gc import IdleCollector

    gc.unfreeze()
    monkeypatch.setattr(IdleCollector, "_instance", collector)
    full = []
    real_collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *g: full.append(g) or real_collect(*g))
    IdleCollector.started()
    at_start = gc.get_freeze_count()
    assert at_start > 0 and collector.frozen
    assert full == [(1,)]  # a young collection only
    IdleCollector.started()  # once
    assert gc.get_freeze_count() == at_start
    later = [[n] for n in range(5000)]  # the pages opened after start-up
    collector.collect_now()
    assert gc.get_freeze_count() >= at_start + len(later)
    again = gc.get_freeze_count()
    collector.collect_now()  # the later ones walk only what came since
    assert gc.get_freeze_count() == again
    del later


def test_no_full_collection_while_work_runs_on_a_worker_thread(collector, monkeypatch, arun):
    from ui.kit import idle_gc
    from ui.kit.ops import off_thread

    full: list[int] = []
    monkeypatch.setattr(collector, "collect_now", lambda: full.append(1))
    collector._last_typing -= 10 * idle_gc.IDLE_SECONDS  # quiet, and collections are due
    collector._gen1_at_full -= idle_gc.FULL_AFTER
    with idle_gc.deferred():
        with idle_gc.deferred():
            collector._check()
        collector._check()
    assert full == []
    collector._check()
    assert full == [1]

    async def during() -> int:  # off_thread defers them while its work runs
        return await off_thread(lambda: idle_gc._deferred)

    assert arun(during()) == 1
    assert idle_gc._deferred == 0
