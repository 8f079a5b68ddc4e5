"""Turns per second through ``Assistant.send`` on SQLite and PostgreSQL, against the bare
dialog engine (no store) measured in the same run.

Many workers talk at once (``--workers``, each sending its inputs one after another as a
phone does), which is how a USSD gateway or Telegram load the service. Every turn is a
real one: load, ``dialogs.engine.step``, a versioned write, committed before the turn
returns. Three stores are compared on each database:

- ``group commit``: kawan's store (``bot.store``), one database thread batching what has
  queued up: one SELECT for the batch's reads, one transaction and commit for its writes;
- ``commit per turn``: the same store with batches of one;
- ``async SQLAlchemy``: the textbook design (tech.md "Throughput"): SQLAlchemy's async
  engine (aiosqlite / async psycopg), a read and a committed write per turn.

    python benchmarks/store_throughput.py                    # SQLite only
    python benchmarks/store_throughput.py --postgres URL     # and PostgreSQL
    KAWAN_TEST_POSTGRES_URL=... python benchmarks/store_throughput.py

Each figure is the median of ``--repeat`` runs on a fresh database.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select, text, update
from sqlalchemy.ext.asyncio import create_async_engine

from bot.service import Assistant, Channel
from bot.settings import Settings
from bot.store import Key, Saved, SqlStore, Write
from bot.store.models import ConversationRecord
from dialogs import engine
from dialogs.conversation import Conversation
from dialogs.flows import FLOW
from dialogs.nodes import Context

TODAY = date(2026, 11, 23)
INPUTS = ("99", "0")
"""Main menu -> help -> back to the main menu: screens every version of the flows has."""
CONVERSATION: Any = ConversationRecord.__table__  # type: ignore[attr-defined]


class AsyncSqlAlchemyStore:
    """The reference design: SQLAlchemy's async engine, one committed write per turn."""

    def __init__(self, url: str) -> None:
        self.engine = create_async_engine(url)

    async def load(self, key: Key) -> Saved | None:
        query = select(CONVERSATION).where(
            CONVERSATION.c.channel == key.channel, CONVERSATION.c.user_hash == key.user_hash
        )
        async with self.engine.connect() as conn:
            row = (await conn.execute(query)).first()
        if row is None:
            return None
        return Saved(row.data, row.version, row.session_hash, row.updated_at, row.lang)

    async def write(self, change: Write) -> bool:
        now = datetime.now(UTC)
        key = change.key
        async with self.engine.begin() as conn:
            if change.expected is None:
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
                return True
            result = await conn.execute(
                update(CONVERSATION)
                .where(
                    CONVERSATION.c.channel == key.channel,
                    CONVERSATION.c.user_hash == key.user_hash,
                    CONVERSATION.c.version == change.expected,
                )
                .values(
                    data=change.data,
                    lang=change.lang,
                    session_hash=change.session_hash,
                    version=change.expected + 1,
                    updated_at=now,
                )
            )
            return bool(result.rowcount == 1)

    async def record_fallbacks(self, counts: object) -> None:
        """Not measured."""

    async def close(self) -> None:
        await self.engine.dispose()


def bare_engine(turns: int) -> float:
    """The dialog engine alone, with the JSON round trip any store needs."""
    ctx = Context(today=TODAY)
    conv, _ = engine.begin(Conversation(lang="en", node=engine.MENU), ctx, FLOW)
    start = time.perf_counter()
    for i in range(turns):
        conv = Conversation.model_validate(conv.model_dump(mode="json"))
        conv, _ = engine.step(conv, INPUTS[i % 2], ctx, FLOW)
    return turns / (time.perf_counter() - start)


async def through_service(
    make: Callable[[], Awaitable[Assistant]], workers: int, each: int
) -> float:
    assistant = await make()
    try:
        users = [f"+60{uuid.uuid4().int % 10**9:09d}" for _ in range(workers)]
        await asyncio.gather(
            *(assistant.open(Channel.USSD, u, session=u, lang="en") for u in users)
        )

        async def talk(user: str) -> None:
            for i in range(each):
                await assistant.send(Channel.USSD, user, INPUTS[i % 2], session=user)

        start = time.perf_counter()
        await asyncio.gather(*(talk(u) for u in users))
        return workers * each / (time.perf_counter() - start)
    finally:
        await assistant.close()


def _settings(url: str) -> Settings:
    return Settings(_env_file=None, database_url=url, id_secret="bench", today=TODAY)  # type: ignore[call-arg]


def _makers(url: str) -> dict[str, Callable[[], Awaitable[Assistant]]]:
    settings = _settings(url)

    async def group_commit() -> Assistant:
        return await Assistant.create(settings)

    async def commit_per_turn() -> Assistant:
        return Assistant(settings, await SqlStore.open(url, max_batch=1))

    async def async_sqlalchemy() -> Assistant:
        return Assistant(settings, AsyncSqlAlchemyStore(url))  # type: ignore[arg-type]

    return {
        "group commit (kawan)": group_commit,
        "commit per turn": commit_per_turn,
        "async SQLAlchemy": async_sqlalchemy,
    }


async def _prepare(url: str, rows: int) -> None:
    """A migrated database holding ``rows`` other workers' conversations, so reads and
    writes go through indexes of a realistic size."""
    await (await SqlStore.open(url)).close()
    data = Conversation(lang="bn", node="injury.days", facts={"event.kind": "work_accident"})
    stored = json.dumps(data.model_dump(mode="json"))
    if url.startswith("postgresql"):
        fill = (
            "INSERT INTO conversation (channel, user_hash, data, lang, version, created_at, "
            "updated_at) SELECT 'ussd', md5(i::text) || md5((-i)::text), CAST(:data AS json), "
            "'bn', 1, now(), now() FROM generate_series(1, :rows) AS i"
        )
    else:
        fill = (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :rows) "
            "INSERT INTO conversation (channel, user_hash, data, lang, version, created_at, "
            "updated_at) SELECT 'ussd', printf('%064d', i), :data, 'bn', 1, "
            "'2026-11-20 00:00:00.000000', '2026-11-20 00:00:00.000000' FROM n"
        )
    async_engine = create_async_engine(url)
    async with async_engine.begin() as conn:
        await conn.execute(text("DELETE FROM conversation"))
        if rows:
            await conn.execute(text(fill), {"rows": rows, "data": stored})
    await async_engine.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=64, help="workers talking at once")
    parser.add_argument("--turns", type=int, default=50, help="inputs per worker")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--rows", type=int, default=50_000, help="other conversations already stored"
    )
    parser.add_argument("--postgres", default=os.environ.get("KAWAN_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    total = args.workers * args.turns

    rows: list[tuple[str, str, float]] = []
    baseline = statistics.median(bare_engine(total) for _ in range(args.repeat))
    rows.append(("none", "engine.step + JSON round trip", baseline))

    databases: list[tuple[str, Callable[[str], str]]] = [
        ("sqlite", lambda folder: f"sqlite+aiosqlite:///{folder}/bench-{uuid.uuid4().hex}.db")
    ]
    if args.postgres:
        pg = args.postgres
        databases.append(("postgresql", lambda folder: pg))
    with tempfile.TemporaryDirectory() as folder:
        for backend, url_in in databases:
            for label in _makers("sqlite://"):
                rates = []
                for _ in range(args.repeat):
                    url = url_in(folder)
                    await _prepare(url, args.rows)
                    make = _makers(url)[label]
                    rates.append(await through_service(make, args.workers, args.turns))
                rows.append((backend, label, statistics.median(rates)))

    print(
        f"\n{args.workers} workers x {args.turns} turns ({total} turns per run) over "
        f"{args.rows:,} stored conversations, one process, median of {args.repeat}, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{'database':<11} {'store':<30} {'turns/s':>9} {'vs engine':>10}")
    for backend, label, rate in rows:
        print(f"{backend:<11} {label:<30} {rate:>9,.0f} {rate / baseline:>10.1%}")


if __name__ == "__main__":
    asyncio.run(main())
