"""The conversation store: SQLite (default) or PostgreSQL, behind one database thread.

Why a thread and batches. A turn needs one read and one durable write. Committing each
turn on its own through an async driver tops out at a few hundred to ~2,000 turns a
second on one core (tech.md "Throughput"; ``benchmarks/store_throughput.py``), below what
the channels must carry. So every database call is queued to one thread that owns a
synchronous connection (``sqlite3`` or ``psycopg``) and takes whatever has queued up
meanwhile as one batch: all the reads in one ``SELECT``, all the writes in one
transaction and one commit (group commit). Each turn's future resolves only after that
commit, so nothing is acknowledged before it is durable.

Why no turn is lost. A write is ``UPDATE … WHERE version = :read_version`` (``INSERT …
ON CONFLICT DO NOTHING`` for a new worker, ``DELETE`` for an erase), checked row by row
inside the batch. If the version moved, another process wrote first: that write alone is
refused, with its audit row and counts, and the service reloads and applies the input
again. Within one process, the service's per-worker lock already orders a worker's turns.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import sqlite3
import threading
from collections import Counter, deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final

import psycopg
import sqlalchemy
from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.store import migrate
from bot.store.dialects import Dialect, dialect_for
from bot.store.records import Key, Purged, Saved, StoreUnavailable, Write

log = logging.getLogger(__name__)

DB_ERRORS: Final = (SQLAlchemyError, sqlite3.Error, psycopg.Error, OSError)
"""What a database that is down, locked or unreachable raises."""

MAX_BATCH: Final = 512
"""Most calls handled in one batch (one SELECT, one commit)."""
WATCH_SECONDS: Final = 0.25
"""How often waiting calls are checked against their deadline."""
TIMEOUT: Final = 10.0
"""Seconds a turn waits for the database before the worker is told to try again (USSD
gateways drop a request after 10-15 s)."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def sync_url(url: str) -> str:
    """The synchronous driver for a configured URL: ``sqlite+aiosqlite`` -> ``sqlite``
    (the standard library's sqlite3), any PostgreSQL URL -> psycopg 3.

    Examples:
        >>> sync_url("sqlite+aiosqlite:///kawan.db")
        'sqlite:///kawan.db'
        >>> sync_url("postgresql+asyncpg://u@db/kawan")
        'postgresql+psycopg://u@db/kawan'
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        parsed = parsed.set(drivername="sqlite")
    elif backend == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers and the writer work at once; NORMAL syncs at checkpoints only
    (a power cut may lose the last turns, never corrupt the file); the busy timeout
    makes a second process wait for the write lock instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """A synchronous engine for the database thread. Statement parameters are never
    logged (they hold conversation state), even with SQL logging switched on."""
    target = sync_url(url)
    if target.startswith("sqlite"):
        engine = sqlalchemy.create_engine(
            target, hide_parameters=True, pool_size=1, connect_args={"timeout": 10}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sqlalchemy.create_engine(
        target,
        hide_parameters=True,
        pool_size=1,
        # A server that vanishes (no reset) is noticed in seconds, not TCP's minutes.
        connect_args={
            "connect_timeout": 5,
            "keepalives": 1,
            "keepalives_idle": 5,
            "keepalives_interval": 2,
            "keepalives_count": 3,
            "tcp_user_timeout": 10_000,
        },
    )


create_engine = make_engine
"""The engine :class:`SqlStore` takes (``SqlStore(create_engine(url))`` is a store that
has not migrated: every call raises :class:`StoreUnavailable` until the database answers
and has kawan's tables; :meth:`SqlStore.open` connects and migrates)."""


# -- the calls queued to the database thread ---------------------------------------------


@dataclass(slots=True)
class _Call:
    """One request to the database thread and the future awaiting its answer."""

    kind: str
    arg: Any
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop


_STOP: Final = object()
_Outcome = tuple[asyncio.Future[Any], bool, Any]


class SqlStore:
    """Conversations, the audit and fallback counts in one SQL database."""

    def __init__(
        self,
        engine: Engine,
        *,
        clock: Callable[[], datetime] = utcnow,
        max_batch: int = MAX_BATCH,
        timeout: float = TIMEOUT,
    ) -> None:
        self._engine = engine
        self._timeout = timeout
        self._deadlines: dict[
            asyncio.AbstractEventLoop, deque[tuple[float, asyncio.Future[Any]]]
        ] = {}
        self._clock = clock
        self._max_batch = max_batch
        self._dialect = engine.dialect.name
        self._queue: queue.SimpleQueue[_Call | object] = queue.SimpleQueue()
        self._raw: Any = None
        self._db: Dialect | None = None
        self._thread = threading.Thread(target=self._serve, name="kawan-store", daemon=True)
        self._thread.start()
        self._closed = False

    @classmethod
    async def open(
        cls,
        url: str,
        *,
        run_migrations: bool = True,
        clock: Callable[[], datetime] = utcnow,
        max_batch: int = MAX_BATCH,
        timeout: float = TIMEOUT,
    ) -> SqlStore:
        """Connect and (by default) migrate to the newest schema.

        ``clock`` stamps ``created_at``/``updated_at`` (tests make old conversations);
        ``max_batch=1`` turns group commit off (the benchmark compares both);
        ``timeout`` is how long a call waits for the database.

        Raises:
            StoreUnavailable: the database cannot be reached or opened.
        """
        engine = make_engine(url)
        store = cls(engine, clock=clock, max_batch=max_batch, timeout=timeout)
        if run_migrations:
            try:
                await store._call("migrate", None)
            except BaseException:
                await store.close()
                raise
        return store

    async def close(self) -> None:
        """Finish the queued calls, stop the thread and close the connection."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        await asyncio.to_thread(self._thread.join)
        self._engine.dispose()

    # -- the calls -------------------------------------------------------------------

    async def load(self, key: Key) -> Saved | None:
        """The worker's conversation as last saved (the turn's one read)."""
        result: Saved | None = await self._call("load", key)
        return result

    async def write(self, change: Write) -> bool:
        """Apply one turn's write; ``False`` if the conversation's version moved."""
        result: Saved | bool = await self._call("write", change)
        return result is not False

    async def write_row(self, change: Write) -> Saved | None:
        """Apply one turn's write of a conversation (``change.data`` is not ``None``):
        the row exactly as it is now stored, the same :class:`Saved` that :meth:`load`
        would return, or ``None`` if the conversation's version moved. The service keeps
        it, so the worker's next turn needs no read."""
        if change.data is None:
            raise ValueError("write_row writes a conversation; an erase is write()")
        result: Saved | bool = await self._call("write", change)
        return result if isinstance(result, Saved) else None

    async def delete(self, key: Key) -> None:
        """Remove the worker's conversation (``/delete``)."""
        await self._call("delete", key)

    async def record_fallbacks(self, counts: dict[tuple[str, date], int]) -> None:
        """Add English-fallback counts outside a turn (at shutdown)."""
        await self._call("fallbacks", counts)

    async def fallback_counts(self) -> dict[str, int]:
        """English fallbacks shown so far, per language (all days)."""
        result: dict[str, int] = await self._call("fallback_counts", None)
        return result

    async def purge(self, before: datetime) -> Purged:
        """Delete conversations idle since before ``before`` and audit rows from before
        its day."""
        result: Purged = await self._call("purge", before)
        return result

    async def ping(self) -> bool:
        """Whether the database answers (``/healthz``)."""
        try:
            await self._call("ping", None)
        except StoreUnavailable:
            return False
        return True

    async def _call(self, kind: str, arg: Any) -> Any:
        if self._closed:
            raise StoreUnavailable("the store is closed")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queue.put(_Call(kind, arg, future, loop))
        if kind != "migrate":
            self._watch(loop, future)
        return await future

    # -- timeouts --------------------------------------------------------------------
    # One timer per event loop, not one per call: every call waits the same time, so
    # the calls expire in the order they were made and a queue of deadlines suffices.

    def _watch(self, loop: asyncio.AbstractEventLoop, future: asyncio.Future[Any]) -> None:
        deadlines = self._deadlines.setdefault(loop, deque())
        deadlines.append((loop.time() + self._timeout, future))
        if len(deadlines) == 1:
            loop.call_later(WATCH_SECONDS, self._expire, loop)

    def _expire(self, loop: asyncio.AbstractEventLoop) -> None:
        deadlines = self._deadlines.get(loop)
        if not deadlines:
            return
        now = loop.time()
        while deadlines and (deadlines[0][1].done() or deadlines[0][0] <= now):
            _, future = deadlines.popleft()
            if not future.done():
                log.warning("store call timed out after %.0f s", self._timeout)
                future.set_exception(StoreUnavailable("the database did not answer in time"))
        if deadlines:
            loop.call_later(WATCH_SECONDS, self._expire, loop)
        else:
            del self._deadlines[loop]

    # -- the database thread -----------------------------------------------------------

    def _serve(self) -> None:
        stopping = False
        while not stopping:
            calls: list[_Call] = []
            item = self._queue.get()
            while True:
                if item is _STOP:
                    stopping = True
                else:
                    assert isinstance(item, _Call)
                    calls.append(item)
                if len(calls) >= self._max_batch:
                    break
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            if calls:
                self._settle(self._run(calls))
        self._disconnect()

    @staticmethod
    def _settle(outcomes: list[tuple[_Call, bool, Any]]) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[_Outcome]] = {}
        for call, ok, value in outcomes:
            by_loop.setdefault(call.loop, []).append((call.future, ok, value))
        for loop, results in by_loop.items():
            # RuntimeError: that event loop has closed, so nobody is waiting.
            with suppress(RuntimeError):
                loop.call_soon_threadsafe(_resolve, results)

    def _run(self, calls: list[_Call]) -> list[tuple[_Call, bool, Any]]:
        loads = [call for call in calls if call.kind == "load"]
        writes = [call for call in calls if call.kind == "write"]
        others = [call for call in calls if call.kind not in ("load", "write")]
        outcomes: list[tuple[_Call, bool, Any]] = []
        try:
            for call in others:
                if call.kind == "migrate":
                    self._migrate()
                    outcomes.append((call, True, None))
            db = self._connection()
            if loads:
                found = db.load_many([call.arg for call in loads])
                outcomes += [(call, True, found.get(call.arg)) for call in loads]
            if writes:
                outcomes += self._writes(db, writes)
            for call in others:
                if call.kind != "migrate":
                    outcomes.append((call, True, self._other(db, call)))
        except Exception as error:
            failure: Exception = error
            if isinstance(error, DB_ERRORS):
                log.warning("store unavailable: %s", type(error).__name__)
                failure = StoreUnavailable("the database cannot be reached")
                failure.__cause__ = error
            else:
                log.exception("store call failed")
            self._disconnect()
            done = {id(call) for call, _, _ in outcomes}
            outcomes += [(call, False, failure) for call in calls if id(call) not in done]
        return outcomes

    def _migrate(self) -> None:
        with self._engine.connect() as conn, conn.begin():
            migrate.upgrade(conn)
        return None

    def _connection(self) -> Dialect:
        """The thread's one connection, kept between batches (reopened after a failure)."""
        if self._db is None:
            self._raw = self._engine.raw_connection()
            self._db = dialect_for(self._dialect, self._raw.driver_connection)
        return self._db

    def _disconnect(self) -> None:
        if self._raw is not None:
            with suppress(Exception):
                self._raw.invalidate()
            with suppress(Exception):
                self._raw.close()
        self._raw = None
        self._db = None

    def _writes(self, db: Dialect, calls: list[_Call]) -> list[tuple[_Call, bool, Any]]:
        """Every write in the batch in one transaction and one commit; each conversation
        checked against its version on its own."""
        changes: list[Write] = [call.arg for call in calls]
        now = self._clock()
        try:
            applied = db.write_rows(changes, now)
            fallbacks: Counter[tuple[str, date]] = Counter()
            audits = []
            for change, ok in zip(changes, applied, strict=True):
                if ok:
                    fallbacks.update(change.fallbacks)
                    if change.audit is not None:
                        audits.append(change.audit)
            db.finish_write(audits, fallbacks.items())
        except BaseException:
            with suppress(Exception):
                db.rollback()
            raise
        stored = db.stored_time(now)
        return [
            (call, True, _written(change, ok, now, stored))
            for call, change, ok in zip(calls, changes, applied, strict=True)
        ]

    def _other(self, db: Dialect, call: _Call) -> Any:
        if call.kind == "ping":
            db.ping()
            return None
        if call.kind == "delete":
            db.delete(call.arg)
            return None
        if call.kind == "fallbacks":
            db.begin_write()
            db.add_fallbacks(call.arg.items())
            db.commit()
            return None
        if call.kind == "fallback_counts":
            return db.fallback_counts()
        if call.kind == "purge":
            return db.purge(call.arg)
        raise ValueError(f"unknown store call {call.kind!r}")


def _written(change: Write, applied: bool, now: datetime, stored: Any) -> Saved | bool:
    """A committed write's answer: ``False`` if refused, ``True`` for an erase, else the
    row as it now stands (``stored`` is ``now`` as the database holds it)."""
    if not applied or change.data is None:
        return applied
    if change.expected is None:
        version, created = 1, stored
    else:
        version, created = change.expected + 1, change.created
    return Saved(change.data, version, change.session_hash, now, change.lang, created)


def _resolve(results: list[_Outcome]) -> None:
    """On the event loop: hand each waiting turn its answer."""
    for future, ok, value in results:
        if future.done():
            continue
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)
