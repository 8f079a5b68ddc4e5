"""Running kawan's real Telegram bot against :class:`~tests.auxil.fake_bot_api.FakeBotApi`,
and talking to it as a worker would.

``running_bot`` starts the real stack: the real :class:`~bot.service.Assistant` on a real
database, :class:`~bot.telegram.TelegramChannel` long-polling the fake Bot API over HTTP on
127.0.0.1. :class:`WorkerChat` is one worker's phone: send a command, type, press a button
by its label, and read what the bot sent back.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.service import Assistant
from bot.settings import Settings
from bot.telegram import TelegramChannel
from tests.auxil.fake_bot_api import FakeBotApi, TelegramUser

TODAY = date(2026, 11, 23)


def bot_settings(api: FakeBotApi, database_url: str, **overrides: Any) -> Settings:
    """Settings for a bot talking to ``api``, with no ``.env`` read."""
    values: dict[str, Any] = {
        "database_url": database_url,
        "id_secret": "telegram-test-secret",
        "telegram_token": api.token,
        "telegram_api_base": api.base_url,
        "today": TODAY,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@dataclass
class RunningBot:
    api: FakeBotApi
    channel: TelegramChannel
    assistant: Assistant
    settings: Settings

    async def settle(self, timeout: float = 15.0) -> None:
        """Wait until every update queued on the fake server has been fetched and fully
        handled (its replies sent)."""
        await self.api.wait_for(
            lambda: self.api.pending_updates() == 0, timeout=timeout, what="getUpdates"
        )
        app = self.channel.application
        assert app is not None
        await asyncio.wait_for(app.update_queue.join(), timeout)


@contextlib.asynccontextmanager
async def running_bot(api: FakeBotApi, settings: Settings) -> AsyncIterator[RunningBot]:
    """The bot polling ``api`` until the block ends."""
    assistant = await Assistant.create(settings)
    channel = TelegramChannel(settings, assistant)
    stop = asyncio.Event()
    polling = asyncio.create_task(channel.run_polling_until(stop, poll_timeout=1))
    try:
        await api.wait_for(
            lambda: (
                polling.done() or (channel.application is not None and channel.application.running)
            ),
            what="the bot to start polling",
        )
        if polling.done():
            polling.result()  # raise what stopped it
        yield RunningBot(api, channel, assistant, settings)
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(polling, 30)
        await assistant.close()


@dataclass
class WorkerChat:
    """One worker's side of a private chat with the bot."""

    bot: RunningBot
    user: TelegramUser
    seen: int = field(default=0)

    @property
    def api(self) -> FakeBotApi:
        return self.bot.api

    async def command(self, command: str, *args: str) -> list[dict[str, Any]]:
        self.api.send_command(self.user, command, *args)
        return await self.replies()

    async def say(self, text: str) -> list[dict[str, Any]]:
        self.api.send_text(self.user, text)
        return await self.replies()

    async def press(self, label: str) -> list[dict[str, Any]]:
        """Press the button labelled ``label`` on the newest message that shows it."""
        self.api.press_button(self.user, label)
        return await self.replies()

    async def replies(self) -> list[dict[str, Any]]:
        """What the bot sent since the last look, once it has handled everything."""
        await self.bot.settle()
        messages = self.api.messages_to(self.user.id)
        new, self.seen = messages[self.seen :], len(messages)
        return new

    def transcript(self) -> list[dict[str, Any]]:
        """Every message the bot sent to this worker, as they look now."""
        return self.api.messages_to(self.user.id)


def text_of(messages: list[dict[str, Any]]) -> str:
    return "\n\n".join(m["text"] for m in messages)


def labels(messages: list[dict[str, Any]]) -> list[str]:
    return [b["text"] for b in FakeBotApi.buttons(messages)]


def callback_data(messages: list[dict[str, Any]]) -> list[str]:
    return [b["callback_data"] for b in FakeBotApi.buttons(messages)]
