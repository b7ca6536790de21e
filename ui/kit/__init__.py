"""The UI kit: the plumbing every page shares.

- `ops.BackgroundOps` — a page's background operations (errors, progress, cancellation,
  references kept, a public `settled` signal);
- `binder.FieldBinder` — fields stored after a pause in typing and whenever they are left;
- `reload.Reloader` — coalesced reloads (a burst of changes causes one read);
- `theme` — the colours and the status-text tones (one red for error text).
"""
