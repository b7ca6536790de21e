"""Collected only on the two-screen platform; tests/test_projector_two_screens.py starts it."""

import os

if "configfile=" not in os.environ.get("QT_QPA_PLATFORM", ""):
    collect_ignore = ["test_two_screens.py"]
