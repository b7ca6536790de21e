"""The projector window (what the room sees) and its control panel in the session window."""

from ui.projector.none_guard import protect_none

protect_none()
