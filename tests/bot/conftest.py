"""Shared fixtures for the ``bot`` tests: real databases, never mocks.

``database_url``, ``settings``, ``store`` and ``assistant`` are parametrised over SQLite
(a file in the test's tmp folder) and PostgreSQL (the throwaway server ``scripts/test``
starts and names in ``KAWAN_TEST_POSTGRES_URL``; one fresh database per test session,
emptied before each test). Without that variable the PostgreSQL cases are skipped.

Use them from any ``tests/bot`` module::

    async def test_something(assistant: Assistant) -> None:
        turn = await assistant.open(Channel.WEB, "sim-1", lang="bn")
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from bot.service import Assistant
from bot.settings import Settings
from bot.store import SqlStore
from tests.auxil.postgres import fresh_database

TODAY = date(2026, 11, 23)
"""Every test's "today" (``KAWAN_TODAY``), so dates in screens are stable."""

ID_SECRET = "test-id-secret-not-for-production"

BACKENDS = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh database on the test PostgreSQL server for this test session, dropped after."""
    with fresh_database("kawan_test") as url:
        yield url


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT to_regclass('public.conversation')")).scalar()
        if exists:
            conn.execute(text("TRUNCATE conversation, assessment_audit, fallback_count"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty kawan database: a SQLite file, or the session's PostgreSQL database."""
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("db")
        return f"sqlite+aiosqlite:///{folder / 'kawan.db'}"
    url: str = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return url


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Settings for a test: its database, a fixed id secret and a fixed today."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        id_secret=ID_SECRET,
        today=TODAY,
        ngo_contact=None,
    )


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[SqlStore]:
    """The migrated store on ``database_url``."""
    opened = await SqlStore.open(database_url)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def assistant(settings: Settings) -> AsyncIterator[Assistant]:
    """The turn service on ``settings`` (created and closed around the test)."""
    created = await Assistant.create(settings)
    try:
        yield created
    finally:
        await created.close()
