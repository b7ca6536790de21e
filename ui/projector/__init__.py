"""The projector window (what the room sees) and its control panel in the session window."""

from ui.projector.refcount_guard import protect_singletons

protect_singletons()
