"""The store's SQL, once per database, on the driver's own connection.

The hot path (load, versioned write) runs as plain DB-API statements rather than through
SQLAlchemy's expression layer, which cost several times the database work itself per turn
(``benchmarks/store_throughput.py``). The schema is still SQLModel's and Alembic's; values
are written in the same formats SQLAlchemy uses (SQLite: JSON text, UTC timestamps as
``YYYY-MM-DD HH:MM:SS.ffffff``), so either can read what the other wrote.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from psycopg.pq import TransactionStatus

from bot.store.records import AuditEvent, Key, Purged, Saved, Write

_COLUMNS = "channel, user_hash, data, version, session_hash, updated_at, lang, created_at"


def _by_channel(keys: Sequence[Key]) -> dict[str, list[str]]:
    """The batch's keys grouped by channel: each group is one SELECT that the unique
    (channel, user_hash) index answers, however many conversations are stored."""
    groups: dict[str, set[str]] = {}
    for key in keys:
        groups.setdefault(key.channel, set()).add(key.user_hash)
    return {channel: sorted(hashes) for channel, hashes in groups.items()}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _row_json(change: Write) -> str:
    return change.text if change.text is not None else _json(change.data)


class Dialect(ABC):
    """One database's statements. ``conn`` is the driver's connection (sqlite3 or
    psycopg), used only from the store's thread."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    # -- per database ------------------------------------------------------------------

    @abstractmethod
    def load_many(self, keys: Sequence[Key]) -> dict[Key, Saved]: ...

    @abstractmethod
    def begin_write(self) -> None: ...

    @abstractmethod
    def write_rows(self, changes: Sequence[Write], now: datetime) -> list[bool]:
        """Open a transaction and apply each change in it; whether each was applied.
        :meth:`finish_write` or :meth:`rollback` ends the transaction."""

    def finish_write(
        self, audits: Sequence[AuditEvent], fallbacks: Iterable[tuple[tuple[str, date], int]]
    ) -> None:
        """Add the applied turns' audit rows and counts, and commit."""
        self.add_audits(audits)
        self.add_fallbacks(fallbacks)
        self.commit()

    @abstractmethod
    def _params(self, values: Iterable[Any]) -> tuple[Any, ...]: ...

    @abstractmethod
    def stored_time(self, moment: datetime) -> Any:
        """``moment`` as a timestamp column holds it and :meth:`load_many` returns it in
        :attr:`Saved.created` (what a write's ``created`` guard compares with)."""

    placeholder: str = "?"
    json_placeholder: str = "?"

    # -- shared ------------------------------------------------------------------------

    @abstractmethod
    def commit(self) -> None: ...

    @abstractmethod
    def rollback(self) -> None: ...

    def _sql(self, text: str) -> str:
        return text.replace("?j", self.json_placeholder).replace("?", self.placeholder)

    def add_audits(self, audits: Sequence[AuditEvent]) -> None:
        if not audits:
            return
        sql = self._sql(
            "INSERT INTO assessment_audit (day, channel, lang, event_kind, screen, benefits) "
            "VALUES (?, ?, ?, ?, ?, ?j)"
        )
        rows = [
            self._params((a.day, a.channel, a.lang, a.event_kind, a.screen, _json(a.benefits)))
            for a in audits
        ]
        self.conn.cursor().executemany(sql, rows)

    def add_fallbacks(self, counts: Iterable[tuple[tuple[str, date], int]]) -> None:
        rows = [self._params((lang, day, n)) for (lang, day), n in counts if n]
        if not rows:
            return
        sql = self._sql(
            "INSERT INTO fallback_count (lang, day, count) VALUES (?, ?, ?) "
            "ON CONFLICT (lang, day) DO UPDATE SET count = fallback_count.count + excluded.count"
        )
        self.conn.cursor().executemany(sql, rows)

    def delete(self, key: Key) -> None:
        self.begin_write()
        self.conn.cursor().execute(
            self._sql("DELETE FROM conversation WHERE channel = ? AND user_hash = ?"),
            (key.channel, key.user_hash),
        )
        self.commit()

    def fallback_counts(self) -> dict[str, int]:
        cursor = self.conn.cursor()
        cursor.execute("SELECT lang, SUM(count) FROM fallback_count GROUP BY lang")
        rows = cursor.fetchall()
        self.rollback()
        return {lang: int(total) for lang, total in rows}

    def purge(self, before: datetime) -> Purged:
        self.begin_write()
        cursor = self.conn.cursor()
        cursor.execute(
            self._sql("DELETE FROM conversation WHERE updated_at < ?"),
            self._params((before,)),
        )
        conversations = cursor.rowcount
        cursor.execute(
            self._sql("DELETE FROM assessment_audit WHERE day < ?"),
            self._params((before.date(),)),
        )
        audits = cursor.rowcount
        self.commit()
        return Purged(conversations, audits)

    def ping(self) -> None:
        cursor = self.conn.cursor()
        cursor.execute("SELECT 1")
        cursor.fetchall()
        self.rollback()


class Sqlite(Dialect):
    """The standard library's sqlite3, in autocommit mode with explicit transactions."""

    def __init__(self, conn: Any) -> None:
        super().__init__(conn)
        conn.isolation_level = None  # we say BEGIN and COMMIT ourselves

    def _params(self, values: Iterable[Any]) -> tuple[Any, ...]:
        return tuple(_sqlite_value(v) for v in values)

    def stored_time(self, moment: datetime) -> Any:
        return _sqlite_value(moment)

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def begin_write(self) -> None:
        # Take the write lock now: another process waits (busy timeout) rather than
        # failing half-way through a batch.
        self.conn.execute("BEGIN IMMEDIATE")

    def load_many(self, keys: Sequence[Key]) -> dict[Key, Saved]:
        rows = []
        for channel, hashes in _by_channel(keys).items():
            marks = ", ".join("?" * len(hashes))
            rows += self.conn.execute(
                f"SELECT {_COLUMNS} FROM conversation WHERE channel = ? AND user_hash IN ({marks})",
                (channel, *hashes),
            ).fetchall()
        return {
            Key(channel, user_hash): Saved(
                data=json.loads(data),
                version=version,
                session_hash=session_hash,
                updated_at=datetime.fromisoformat(updated_at).replace(tzinfo=UTC),
                lang=lang,
                created=created,
            )
            for channel, user_hash, data, version, session_hash, updated_at, lang, created in rows
        }

    def write_rows(self, changes: Sequence[Write], now: datetime) -> list[bool]:
        self.begin_write()
        stamp = _sqlite_value(now)
        execute = self.conn.execute
        applied: list[bool] = []
        for change in changes:
            key = change.key
            if change.data is None:
                execute(
                    "DELETE FROM conversation WHERE channel = ? AND user_hash = ?",
                    (key.channel, key.user_hash),
                )
                applied.append(True)
            elif change.expected is None:
                cursor = execute(
                    "INSERT INTO conversation (channel, user_hash, session_hash, data, lang, "
                    "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) "
                    "ON CONFLICT (channel, user_hash) DO NOTHING",
                    (
                        key.channel,
                        key.user_hash,
                        change.session_hash,
                        _row_json(change),
                        change.lang,
                        stamp,
                        stamp,
                    ),
                )
                applied.append(cursor.rowcount == 1)
            else:
                values = (
                    _row_json(change),
                    change.lang,
                    change.session_hash,
                    change.expected + 1,
                    stamp,
                    key.channel,
                    key.user_hash,
                    change.expected,
                )
                if change.created is None:
                    cursor = execute(_SQLITE_UPDATE, values)
                else:
                    cursor = execute(_SQLITE_UPDATE_ROW, (*values, change.created))
                applied.append(cursor.rowcount == 1)
        return applied


_SQLITE_UPDATE = (
    "UPDATE conversation SET data = ?, lang = ?, session_hash = ?, version = ?, updated_at = ? "
    "WHERE channel = ? AND user_hash = ? AND version = ?"
)
_SQLITE_UPDATE_ROW = _SQLITE_UPDATE + " AND created_at = ?"
"""The same, only on the life of the row the version was read from (``Write.created``)."""


def _sqlite_value(value: Any) -> Any:
    """Python values as SQLAlchemy stores them in SQLite."""
    if isinstance(value, datetime):
        utc = value.astimezone(UTC) if value.tzinfo else value
        return utc.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Postgres(Dialect):
    """psycopg 3, in autocommit mode with explicit transactions (a read is one round
    trip). A batch's writes go out pipelined: about three round trips per batch, not
    one per turn."""

    placeholder = "%s"
    json_placeholder = "CAST(%s AS json)"

    def __init__(self, conn: Any) -> None:
        super().__init__(conn)
        if conn.info.transaction_status != TransactionStatus.IDLE:
            conn.rollback()
        conn.autocommit = True

    def _params(self, values: Iterable[Any]) -> tuple[Any, ...]:
        return tuple(values)

    def stored_time(self, moment: datetime) -> Any:
        return moment

    def _in_transaction(self) -> bool:
        return bool(self.conn.info.transaction_status != TransactionStatus.IDLE)

    def begin_write(self) -> None:
        self.conn.execute("BEGIN")

    def commit(self) -> None:
        if self._in_transaction():
            self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self._in_transaction():
            self.conn.execute("ROLLBACK")

    def finish_write(
        self, audits: Sequence[AuditEvent], fallbacks: Iterable[tuple[tuple[str, date], int]]
    ) -> None:
        with self.conn.pipeline():
            self.add_audits(audits)
            self.add_fallbacks(fallbacks)
            self.conn.execute("COMMIT")

    def load_many(self, keys: Sequence[Key]) -> dict[Key, Saved]:
        cursor = self.conn.cursor()
        rows = []
        for channel, hashes in _by_channel(keys).items():
            cursor.execute(
                f"SELECT {_COLUMNS} FROM conversation WHERE channel = %s AND user_hash = ANY(%s)",
                (channel, hashes),
            )
            rows += cursor.fetchall()
        return {
            Key(channel, user_hash): Saved(
                data=data,
                version=version,
                session_hash=session_hash,
                updated_at=updated_at,
                lang=lang,
                created=created,
            )
            for channel, user_hash, data, version, session_hash, updated_at, lang, created in rows
        }

    def write_rows(self, changes: Sequence[Write], now: datetime) -> list[bool]:
        cursors = []
        with self.conn.pipeline():
            self.conn.execute("BEGIN")
            for change in changes:
                key = change.key
                cursor = self.conn.cursor()
                if change.data is None:
                    cursor.execute(
                        "DELETE FROM conversation WHERE channel = %s AND user_hash = %s",
                        (key.channel, key.user_hash),
                    )
                elif change.expected is None:
                    cursor.execute(
                        "INSERT INTO conversation (channel, user_hash, session_hash, data, "
                        "lang, version, created_at, updated_at) "
                        "VALUES (%s, %s, %s, CAST(%s AS json), %s, 1, %s, %s) "
                        "ON CONFLICT (channel, user_hash) DO NOTHING",
                        (
                            key.channel,
                            key.user_hash,
                            change.session_hash,
                            _row_json(change),
                            change.lang,
                            now,
                            now,
                        ),
                    )
                else:
                    values = (
                        _row_json(change),
                        change.lang,
                        change.session_hash,
                        change.expected + 1,
                        now,
                        key.channel,
                        key.user_hash,
                        change.expected,
                    )
                    if change.created is None:
                        cursor.execute(_POSTGRES_UPDATE, values)
                    else:
                        cursor.execute(
                            _POSTGRES_UPDATE + " AND created_at = %s", (*values, change.created)
                        )
                cursors.append((change, cursor))
        return [change.data is None or cursor.rowcount == 1 for change, cursor in cursors]


_POSTGRES_UPDATE = (
    "UPDATE conversation SET data = CAST(%s AS json), lang = %s, session_hash = %s, "
    "version = %s, updated_at = %s WHERE channel = %s AND user_hash = %s AND version = %s"
)


def dialect_for(name: str, conn: Any) -> Dialect:
    """The statements for SQLAlchemy dialect ``name`` on driver connection ``conn``."""
    if name == "sqlite":
        return Sqlite(conn)
    if name == "postgresql":
        return Postgres(conn)
    raise ValueError(f"kawan stores conversations in SQLite or PostgreSQL, not {name}")
