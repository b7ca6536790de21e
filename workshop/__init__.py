"""Workshop: the Qt-free core of the facilitation app.

Domain model, persistence, commands, services and the command line live here.
Nothing in this package imports PySide6 or qasync (checked by tests/test_architecture.py).
"""

__version__ = "0.1.0"
APP_NAME = "Workshop"
APP_ID = "workshop"
