"""Updates are handled concurrently across workers and in arrival order per worker
(:class:`bot.telegram.PerUserUpdateProcessor`, python-telegram-bot's own hook)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from telegram import Bot, Update

from bot.telegram import PerUserUpdateProcessor
from tests.auxil.fake_bot_api import FakeBotApi, TelegramUser

BOT = Bot("123456:TEST-kawan-token")
_api = FakeBotApi()  # only builds update payloads here; its server is not started


def _update(user: TelegramUser, text: str) -> Update:
    return Update.de_json(_api.make_update(user, text), BOT)


async def _until(condition: Callable[[], bool]) -> None:
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("condition never met")


async def test_a_slow_answer_for_one_worker_does_not_hold_up_another() -> None:
    processor = PerUserUpdateProcessor(8)
    ana, budi = TelegramUser(1), TelegramUser(2)
    log: list[str] = []
    release = asyncio.Event()

    async def handle(name: str, wait: bool) -> None:
        log.append(f"{name} start")
        if wait:
            await release.wait()
        log.append(f"{name} end")

    async with processor:
        tasks = [
            asyncio.create_task(processor.process_update(_update(ana, "1"), handle("ana-1", True))),
            asyncio.create_task(
                processor.process_update(_update(ana, "2"), handle("ana-2", False))
            ),
            asyncio.create_task(
                processor.process_update(_update(budi, "1"), handle("budi", False))
            ),
        ]
        await _until(lambda: "budi end" in log)
        assert "ana-2 start" not in log  # Ana's second message waits for her first
        release.set()
        await asyncio.gather(*tasks)
    assert log == ["ana-1 start", "budi start", "budi end", "ana-1 end", "ana-2 start", "ana-2 end"]
    assert processor.users_in_flight == 0


async def test_many_messages_from_one_worker_are_handled_in_the_order_they_arrived() -> None:
    processor = PerUserUpdateProcessor(64)
    worker = TelegramUser(3)
    handled: list[int] = []

    async def handle(number: int) -> None:
        for _ in range((7 * number) % 5):  # uneven amounts of work
            await asyncio.sleep(0)
        handled.append(number)

    async with processor:
        await asyncio.gather(
            *(
                asyncio.create_task(processor.process_update(_update(worker, str(n)), handle(n)))
                for n in range(40)
            )
        )
    assert handled == list(range(40))
    assert processor.users_in_flight == 0
