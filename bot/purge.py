"""``kawan purge``: forget conversations past the retention limit (contract.md s.2, s.6).

Conversations idle for longer than ``KAWAN_RETENTION_DAYS`` (30 by default) and audit
rows older than that are deleted; run it daily from cron or a systemd timer. Fallback
counts hold no personal data and are kept.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta

from bot.errors import UserError
from bot.settings import Settings, get_settings
from bot.store import Purged, SqlStore, StoreUnavailable, utcnow


def run_purge(older_than_days: int | None = None, *, settings: Settings | None = None) -> int:
    """Delete what is older than ``older_than_days`` (default: the retention setting),
    print how many rows went, and return the exit code (1 if the database is down).

    Raises:
        UserError: a negative number of days.
    """
    settings = settings or get_settings()
    days = settings.retention_days if older_than_days is None else older_than_days
    if days < 0:
        raise UserError(f"--older-than must be 0 days or more, not {days}.")
    try:
        purged = asyncio.run(purge(settings.database_url, days))
    except StoreUnavailable:
        print("kawan: the database cannot be reached; nothing was deleted.", file=sys.stderr)
        return 1
    print(
        f"Deleted {purged.conversations} conversation(s) idle for more than {days} day(s) "
        f"and {purged.audits} assessment record(s) older than that."
    )
    return 0


async def purge(database_url: str, older_than_days: int) -> Purged:
    """Delete conversations idle for more than ``older_than_days`` days and audit rows
    from before that day."""
    store = await SqlStore.open(database_url)
    try:
        return await store.purge(utcnow() - timedelta(days=older_than_days))
    finally:
        await store.close()
