"""The one read model: a frozen snapshot of a session, read by one set of queries.

* `records` — the plain frozen rows every view is made of (one `AgendaEntry`, one
  `GroupInfo`, one `RoundInfo`, ...);
* `order` — the one agenda order (position, then id);
* `reads` — the queries, one per part of a session;
* `snapshot` — `SessionSnapshot` and `read_snapshot` / `load_snapshot` (only the parts a
  view asks for);
* `harvest`, `timer_log` — pure functions over a snapshot.

The snapshot holds raw data (names and words as typed): whatever leaves the machine is
redacted by the view that sends it (`workshop.privacy`).
"""
