"""Phones in the room, the facilitator's side: the room service and the Telefoons page."""
