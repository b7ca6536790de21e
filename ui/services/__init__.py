"""Qt-side services that adapt the core (database worker, undo stack)."""
