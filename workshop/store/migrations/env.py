"""Alembic environment: runs against the engine handed over by workshop.store.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from workshop.model import Base
from workshop.store.engine import is_sqlite

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    outer = config.attributes.get("connection")
    if outer is not None:  # workshop.store.migrate.upgrade owns the (single) transaction
        context.configure(
            connection=outer,
            target_metadata=target_metadata,
            render_as_batch=is_sqlite(str(outer.engine.url)),
            compare_type=True,
            transactional_ddl=True,
        )
        context.run_migrations()
        return
    engine = config.attributes.get("engine")
    if engine is None:  # plain `alembic` command line (developers only)
        url = config.get_main_option("sqlalchemy.url")
        if url is None:
            raise RuntimeError("alembic.ini names no sqlalchemy.url")
        engine = create_engine(url)
    sqlite = is_sqlite(str(engine.url))
    with engine.connect() as connection:
        if sqlite:
            # Batch mode copies a table and drops the old one; with foreign keys on, that
            # DROP runs the ON DELETE actions and empties every link to the table (notes lose
            # their agenda item). Off for the migration (outside a transaction, or SQLite
            # ignores it), checked and on again after it.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=sqlite,  # SQLite needs batch ALTER TABLE
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken links: {broken[:5]}")
        connection.commit()
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


run_migrations_online()
