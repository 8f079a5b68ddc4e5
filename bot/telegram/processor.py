"""Updates from different workers at once, each worker's updates one after another.

python-telegram-bot either handles updates strictly one by one (one slow database write
holds up every worker) or fully concurrently (two quick taps from one worker may be
applied in the wrong order, and their replies arrive swapped). kawan wants both: many
workers at the same time, each worker's messages in the order they were sent. This is
PTB's supported hook for that (``ApplicationBuilder.concurrent_updates``, notes/tech.md
2.3), shaped like aiogram's ``SimpleEventIsolation``: one :class:`asyncio.Lock` per user.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, Final

from telegram import Update
from telegram.ext import BaseUpdateProcessor

DEFAULT_CONCURRENCY: Final = 64
"""Updates in flight at once, across all workers."""


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across users, in arrival order per user.

    PTB starts one task per update in arrival order; each task takes its user's lock
    before handling the update. :class:`asyncio.Lock` wakes waiters first come, first
    served, so a user's updates run in the order they arrived. A lock lives only while
    some update of its user is running or waiting, so memory does not grow with the
    number of people who ever wrote. Updates without a user (channel posts, polls) run
    without a lock.
    """

    __slots__ = ("_locks",)

    def __init__(self, max_concurrent_updates: int = DEFAULT_CONCURRENCY) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, list[int]]] = {}

    @property
    def users_in_flight(self) -> int:
        """How many users have an update running or waiting right now."""
        return len(self._locks)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            await coroutine
            return
        entry = self._locks.get(user.id)
        if entry is None:
            entry = self._locks[user.id] = (asyncio.Lock(), [0])
        lock, holders = entry
        holders[0] += 1
        try:
            async with lock:
                await coroutine
        finally:
            holders[0] -= 1
            if holders[0] == 0:
                del self._locks[user.id]

    async def initialize(self) -> None:
        """Nothing to set up: locks are made on demand."""

    async def shutdown(self) -> None:
        """Nothing to free: every lock is gone once its updates are done."""
