"""The Alembic head this code expects.

Kept as a constant so that opening a library needs no Alembic import when the schema is
already current (Alembic costs ~0.2 s at start-up). tests/test_migrations.py checks that it
equals the head of the migration scripts.
"""

HEAD = "0012_clock_lease"
