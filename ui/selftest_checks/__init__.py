"""Checks run by `workshop selftest`, one module per part of the app."""
