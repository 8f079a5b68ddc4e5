"""Schema migrations, run by kawan itself at start-up (``alembic upgrade head``).

Alembic is configured in code rather than in an ``alembic.ini``, so ``kawan demo`` on a
fresh clone creates its SQLite file with no extra step, and a server upgrades its
PostgreSQL schema when it starts. On PostgreSQL an advisory lock keeps two processes
starting at once from migrating twice.

To change the schema, edit ``bot/store/models.py`` and generate the migration with::

    python -c "from bot.store.migrate import revision; revision('add a column')"

then read the new file in ``bot/migrations/versions/`` (SQLite needs batch operations,
which Alembic writes here because ``render_as_batch`` is on for SQLite).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection

MIGRATIONS: Final = Path(__file__).resolve().parent.parent / "migrations"
_LOCK_KEY: Final = 0x6B6177616E  # "kawan"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for kawan's migrations, optionally bound to a connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(connection: Connection) -> None:
    """Bring the schema behind ``connection`` to the newest revision."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    command.upgrade(alembic_config(connection), "head")


def revision(message: str) -> None:
    """Autogenerate a migration from the difference between the models and the newest
    revision (compared on a throwaway SQLite database brought to ``head``)."""
    import tempfile

    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite:///{folder}/schema.db")
        with engine.begin() as connection:
            upgrade(connection)
            command.revision(alembic_config(connection), message=message, autogenerate=True)
        engine.dispose()
