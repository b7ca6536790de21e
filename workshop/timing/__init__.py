"""Timers and the live running of the agenda (deadline-based, clock-injected)."""
