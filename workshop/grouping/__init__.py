"""Forming subgroups over one or more rounds (Qt-free)."""
