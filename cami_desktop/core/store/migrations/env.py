"""Alembic environment for the CAMI Reporter store.

The store runs migrations itself (``store/migrate.py``) and hands over its own open connection
in ``config.attributes["connection"]``, so that the migration runs on a connection with the
store's pragmas and inside the writer lock. There is no ``alembic.ini``; a developer who wants
the ``alembic`` command (e.g. for ``alembic revision``) can point ``sqlalchemy.url`` at a copy.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

config = context.config


def _run(connection) -> None:
    # No render_as_batch on purpose: a batch copy drops and recreates the table, and dropping
    # ``reports`` with foreign keys on would cascade into every answer. Write migrations with
    # plain ADD/DROP COLUMN and new tables, which SQLite does in place.
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url or pass a connection in config.attributes")
    engine = create_engine(url)
    with engine.begin() as own_connection:
        _run(own_connection)
    engine.dispose()
