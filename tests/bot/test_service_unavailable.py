"""A database that is down never shows a traceback and never loses the conversation:
the service raises ``StoreUnavailable`` and channels show the translated message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.service import Assistant, Channel, StoreUnavailable
from bot.settings import Settings
from dialogs.engine import HELP
from tests.auxil.postgres import database_outage

UNREACHABLE = "postgresql+psycopg://kawan@127.0.0.1:1/kawan"


def _settings(url: str) -> Settings:
    return Settings(_env_file=None, database_url=url, id_secret="x")  # type: ignore[call-arg]


async def test_an_unreachable_postgresql_raises_store_unavailable_at_start() -> None:
    with pytest.raises(StoreUnavailable):
        await Assistant.create(_settings(UNREACHABLE))


async def test_a_sqlite_file_that_cannot_be_opened_raises_store_unavailable(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/no/such/folder/kawan.db"
    with pytest.raises(StoreUnavailable):
        await Assistant.create(_settings(url))




@pytest.mark.postgres
async def test_while_postgresql_is_down_turns_fail_cleanly_and_resume_afterwards(
    postgres_url: str,
) -> None:
    assistant = await Assistant.create(_settings(postgres_url))
    worker = "+60177776666"
    try:
        await assistant.open(Channel.USSD, worker, session="s1", lang="ne")
        helped = await assistant.send(Channel.USSD, worker, "99", session="s1")
        assert helped.reply.screen == HELP
        with database_outage(postgres_url):
            for attempt in (
                assistant.send(Channel.USSD, worker, "1", session="s1"),
                assistant.open(Channel.USSD, worker, session="s2"),
                assistant.current(Channel.USSD, worker),
                assistant.erase(Channel.USSD, worker),
            ):
                with pytest.raises(StoreUnavailable):
                    await attempt
            assert not await assistant.ping()
            message = assistant.unavailable_text("ne")
            assert "1-300-22-8000" in message
        # The database is back: the worker is where they were before the outage.
        assert await assistant.ping()
        again = await assistant.current(Channel.USSD, worker)
        assert again.reply.screen == HELP
        assert again.conversation.lang == "ne"
    finally:
        await assistant.close()


@contextmanager
def _writes_blocked(database_url: str) -> Iterator[None]:
    """Another program holds the write lock (SQLite) or a table lock (PostgreSQL)."""
    engine = create_engine(database_url.replace("+aiosqlite", ""))
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.begin()
            conn.execute(text("LOCK TABLE conversation IN ACCESS EXCLUSIVE MODE"))
        try:
            yield
        finally:
            conn.rollback()
    engine.dispose()


async def test_a_database_that_hangs_gets_a_try_again_instead_of_a_hung_turn(
    settings: Settings,
) -> None:
    from bot.store import SqlStore

    store = await SqlStore.open(settings.database_url, timeout=1.0)
    assistant = Assistant(settings, store)
    try:
        await assistant.open(Channel.TELEGRAM, "4040", lang="bn")
        with _writes_blocked(settings.database_url), pytest.raises(StoreUnavailable):
            await assistant.send(Channel.TELEGRAM, "4040", "99")
        # The lock is gone: the conversation is still there and answers again.
        turn = await assistant.send(Channel.TELEGRAM, "4040", "00")
        assert turn.reply.screen == "menu"
        assert turn.conversation.lang == "bn"
    finally:
        await assistant.close()
