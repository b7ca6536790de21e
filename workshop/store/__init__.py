"""Persistence: engine set-up, migrations and the unit of work."""

from workshop.store.library import Library, LibraryError

__all__ = ["Library", "LibraryError"]
