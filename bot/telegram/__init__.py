"""kawan on Telegram (python-telegram-bot v22): long polling and webhook.

Public names:

- :class:`TelegramChannel`: the bot; ``start``/``stop``/``process_webhook`` for the
  webhook under ``kawan serve``, ``run_polling_until`` for polling.
- :func:`run_polling`: ``kawan telegram``.
- :class:`PerUserUpdateProcessor`: concurrent across workers, in order per worker.
"""

from __future__ import annotations

from bot.telegram.channel import TelegramChannel
from bot.telegram.polling import run_polling
from bot.telegram.processor import PerUserUpdateProcessor

__all__ = ["PerUserUpdateProcessor", "TelegramChannel", "run_polling"]
