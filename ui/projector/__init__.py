"""The projector window (what the room sees) and its control panel in the session window."""
