"""``kawan telegram``: run the bot by long polling, until Ctrl+C or SIGTERM.

Polling needs no public address, so it is the way to try kawan on Telegram from a laptop
or to run it where no HTTPS endpoint is available. For a webhook, run ``kawan serve``
with the same token (README).
"""

from __future__ import annotations

import asyncio
import logging
import signal

from bot.errors import UserError
from bot.service import Assistant, StoreUnavailable
from bot.settings import Settings, get_settings
from bot.telegram.channel import MISSING_TOKEN, TelegramChannel

log = logging.getLogger(__name__)

QUIET_LOGGERS = ("httpx", "httpcore")
"""httpx logs every request URL at INFO, and a Bot API URL contains the bot token."""


def run_polling(settings: Settings | None = None) -> int:
    """Poll Telegram until interrupted; the exit status.

    Raises:
        UserError: no token, a refused token, no database, or no way to reach Telegram.
    """
    settings = settings or get_settings()
    if not settings.telegram_token:
        raise UserError(MISSING_TOKEN)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return asyncio.run(_poll(settings))


async def _poll(settings: Settings) -> int:
    try:
        assistant = await Assistant.create(settings)
    except StoreUnavailable as error:
        raise UserError(
            "kawan cannot open its database; check KAWAN_DATABASE_URL and that the "
            "database is running."
        ) from error
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await TelegramChannel(settings, assistant).run_polling_until(stop)
    finally:
        await assistant.close()
    log.info("stopped")
    return 0
