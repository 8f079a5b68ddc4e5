"""The throwaway PostgreSQL server that scripts/test starts: a fresh database per test
session, and a way to take one down and bring it back (an outage)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url


def _admin() -> Engine:
    base = os.environ.get("KAWAN_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("KAWAN_TEST_POSTGRES_URL is not set (run the tests with scripts/test)")
    return create_engine(
        make_url(base).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )


@contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """A new, empty database on the test server (a psycopg URL), dropped afterwards."""
    admin = _admin()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(os.environ["KAWAN_TEST_POSTGRES_URL"]).set(
            drivername="postgresql+psycopg", database=name
        ).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def database_outage(database_url: str) -> Iterator[None]:
    """Refuse new connections to the test database and cut the open ones."""
    name = make_url(database_url).database
    admin = _admin()
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"
            ),
            {"name": name},
        )
    try:
        yield
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        admin.dispose()
