"""Where conversations are kept between turns (SQLModel tables, Alembic migrations).

The service talks to the store through a handful of calls: ``load`` (one read per turn),
``write`` (one write per turn, versioned), ``delete``, ``fallback_counts`` and ``purge``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.store.records import AuditEvent, Key, Purged, Saved, StoreUnavailable, Write
from bot.store.sql import SqlStore, sync_url, utcnow

Store = SqlStore

__all__ = [
    "AuditEvent",
    "Key",
    "Purged",
    "Saved",
    "SqlStore",
    "Store",
    "StoreUnavailable",
    "Write",
    "open_store",
    "sync_url",
    "utcnow",
]


async def open_store(url: str, *, clock: Callable[[], datetime] = utcnow) -> Store:
    """Open (and migrate) the store at ``url``."""
    return await SqlStore.open(url, clock=clock)
