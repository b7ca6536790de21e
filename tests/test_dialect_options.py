"""The model names PostgreSQL's index options only once a PostgreSQL engine is made, so a
start on a SQLite library does not import SQLAlchemy's PostgreSQL dialect."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO
from sqlalchemy.schema import CreateIndex


def test_a_sqlite_start_imports_no_postgresql_dialect(tmp_path):
    """(Creating or migrating a library imports Alembic, which imports every dialect.)"""
    from workshop.store.library import Library

    Library.open(f"sqlite:///{tmp_path / 'lib.sqlite'}").close()
    code = (
        "import sys\n"
        "from workshop.store.library import Library\n"
        "import workshop.model\n"
        f"Library.open('sqlite:///{tmp_path / 'lib.sqlite'}').close()\n"
        "print('sqlalchemy.dialects.postgresql' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_postgresql_engine_gets_the_partial_unique_email_index():
    from workshop.model.people import EMAIL_INDEX
    from workshop.store.engine import make_engine

    engine = make_engine("postgresql+psycopg://nobody@localhost:1/none")  # never connects
    try:
        ddl = str(CreateIndex(EMAIL_INDEX).compile(dialect=engine.dialect))
    finally:
        engine.dispose()
    assert "CREATE UNIQUE INDEX uq_participants_session_email" in ddl
    assert "lower(email)" in ddl and ddl.endswith("WHERE email != ''")


def test_sqlite_keeps_its_partial_index():
    from sqlalchemy.dialects import sqlite

    from workshop.model.people import EMAIL_INDEX

    ddl = str(CreateIndex(EMAIL_INDEX).compile(dialect=sqlite.dialect()))
    assert ddl.endswith("WHERE email != ''")
