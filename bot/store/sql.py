"""The conversation store on SQLAlchemy's async engine: SQLite (aiosqlite) or PostgreSQL
(async psycopg).

One read and one write per turn. The write is a single transaction: the conversation's
``UPDATE … WHERE version = :read_version`` (or ``INSERT`` for a new worker, or
``DELETE`` for an erase) together with the turn's audit row and fallback counts. When the
version no longer matches, another message from the same worker got there first; the
write reports a conflict and the service reloads and applies the input again, so neither
message is lost.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, event, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot.store import migrate
from bot.store.models import AssessmentAudit, ConversationRecord, FallbackCount
from bot.store.records import Key, Purged, Saved, StoreUnavailable, Write

log = logging.getLogger(__name__)

CONVERSATION = ConversationRecord.__table__  # type: ignore[attr-defined]
AUDIT = AssessmentAudit.__table__  # type: ignore[attr-defined]
FALLBACK = FallbackCount.__table__  # type: ignore[attr-defined]


def utcnow() -> datetime:
    return datetime.now(UTC)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers and the writer work at once; NORMAL syncs at checkpoints only
    (a power cut may lose the last turns, never corrupt the file); the busy timeout
    makes a second process wait for the write lock instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def create_engine(url: str) -> AsyncEngine:
    """An async engine for ``url`` with the settings kawan relies on. Statement
    parameters are never logged (they hold conversation state), even with SQL logging on."""
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 10}, hide_parameters=True)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(
        url,
        pool_pre_ping=True,
        hide_parameters=True,
        pool_size=10,
        max_overflow=10,
        connect_args={"connect_timeout": 5},
    )


class SqlStore:
    """Conversations, audit and fallback counts in one SQL database."""

    def __init__(self, engine: AsyncEngine, *, clock: Callable[[], datetime] = utcnow) -> None:
        self._engine = engine
        self._dialect = engine.dialect.name
        self._clock = clock

    @classmethod
    async def open(
        cls, url: str, *, run_migrations: bool = True, clock: Callable[[], datetime] = utcnow
    ) -> SqlStore:
        """Connect and (by default) migrate; :class:`StoreUnavailable` if unreachable.

        ``clock`` stamps ``created_at``/``updated_at`` (tests make old conversations).
        """
        engine = create_engine(url)
        store = cls(engine, clock=clock)
        if run_migrations:
            try:
                async with store._connection() as conn:
                    await conn.run_sync(migrate.upgrade)
                    await conn.commit()
            except BaseException:
                await engine.dispose()
                raise
        return store

    async def close(self) -> None:
        await self._engine.dispose()

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[AsyncConnection]:
        try:
            async with self._engine.connect() as conn:
                yield conn
        except IntegrityError:
            raise
        except (OperationalError, DBAPIError, OSError) as error:
            log.warning("store unavailable: %s", type(error).__name__)
            raise StoreUnavailable("the database cannot be reached") from error

    async def ping(self) -> bool:
        """Whether the database answers (for ``/healthz``)."""
        try:
            async with self._connection() as conn:
                await conn.execute(select(1))
        except StoreUnavailable:
            return False
        return True

    async def load(self, key: Key) -> Saved | None:
        query = select(
            CONVERSATION.c.data,
            CONVERSATION.c.version,
            CONVERSATION.c.session_hash,
            CONVERSATION.c.updated_at,
            CONVERSATION.c.lang,
        ).where(CONVERSATION.c.channel == key.channel, CONVERSATION.c.user_hash == key.user_hash)
        async with self._connection() as conn:
            row = (await conn.execute(query)).first()
        if row is None:
            return None
        return Saved(
            data=row.data,
            version=row.version,
            session_hash=row.session_hash,
            updated_at=row.updated_at,
            lang=row.lang,
        )

    async def write(self, change: Write) -> bool:
        """Apply one turn's write in one transaction; ``False`` if the version moved."""
        try:
            async with self._connection() as conn:
                applied = await self._apply(conn, change, self._clock())
                if applied:
                    await conn.commit()
                else:
                    await conn.rollback()
                return applied
        except IntegrityError:
            # Another message created the row first: a conflict like any other.
            return False

    async def _apply(self, conn: AsyncConnection, change: Write, now: datetime) -> bool:
        key = change.key
        where = (CONVERSATION.c.channel == key.channel, CONVERSATION.c.user_hash == key.user_hash)
        if change.data is None:
            await conn.execute(delete(CONVERSATION).where(*where))
        elif change.expected is None:
            await conn.execute(
                insert(CONVERSATION).values(
                    channel=key.channel,
                    user_hash=key.user_hash,
                    session_hash=change.session_hash,
                    data=change.data,
                    lang=change.lang,
                    version=1,
                    created_at=now,
                    updated_at=now,
                )
            )
        else:
            result = await conn.execute(
                update(CONVERSATION)
                .where(*where, CONVERSATION.c.version == change.expected)
                .values(
                    data=change.data,
                    lang=change.lang,
                    session_hash=change.session_hash,
                    version=change.expected + 1,
                    updated_at=now,
                )
            )
            if result.rowcount != 1:
                return False
        if change.audit is not None:
            audit = change.audit
            await conn.execute(
                insert(AUDIT).values(
                    day=audit.day,
                    channel=audit.channel,
                    lang=audit.lang,
                    event_kind=audit.event_kind,
                    screen=audit.screen,
                    benefits=audit.benefits,
                )
            )
        await self._add_fallbacks(conn, change.fallbacks.items())
        return True

    async def _add_fallbacks(
        self, conn: AsyncConnection, counts: Iterable[tuple[Any, int]]
    ) -> None:
        rows = [{"lang": lang, "day": day, "count": n} for (lang, day), n in counts if n]
        if not rows:
            return
        dialect_insert = postgresql.insert if self._dialect == "postgresql" else sqlite.insert
        statement = dialect_insert(FALLBACK)
        await conn.execute(
            statement.on_conflict_do_update(
                index_elements=["lang", "day"],
                set_={"count": FALLBACK.c.count + statement.excluded.count},
            ),
            rows,
        )

    async def delete(self, key: Key) -> None:
        async with self._connection() as conn:
            await conn.execute(
                delete(CONVERSATION).where(
                    CONVERSATION.c.channel == key.channel,
                    CONVERSATION.c.user_hash == key.user_hash,
                )
            )
            await conn.commit()

    async def record_fallbacks(self, counts: dict[tuple[str, date], int]) -> None:
        """Add English-fallback counts outside a turn (at shutdown)."""
        async with self._connection() as conn:
            await self._add_fallbacks(conn, counts.items())
            await conn.commit()

    async def fallback_counts(self) -> dict[str, int]:
        """English fallbacks shown so far, per language (all days)."""
        query = select(FALLBACK.c.lang, func.sum(FALLBACK.c.count)).group_by(FALLBACK.c.lang)
        async with self._connection() as conn:
            rows = (await conn.execute(query)).all()
        return {lang: int(total) for lang, total in rows}

    async def purge(self, before: datetime) -> Purged:
        """Delete conversations idle since before ``before`` and audit rows from before it."""
        async with self._connection() as conn:
            conversations = await conn.execute(
                delete(CONVERSATION).where(CONVERSATION.c.updated_at < before)
            )
            audits = await conn.execute(delete(AUDIT).where(AUDIT.c.day < before.date()))
            await conn.commit()
        return Purged(conversations.rowcount, audits.rowcount)
