"""The Telegram webhook under ``kawan serve``: Telegram POSTs updates to
``/telegram/webhook`` with the secret it was given in ``setWebhook``; anyone else is
refused. ``kawan serve`` runs under real uvicorn on 127.0.0.1 and the bot answers through
the fake Bot API.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.auxil.fake_bot_api import FakeBotApi, TelegramUser

RunningServer = Any
"""``tests/channels/conftest.py``'s server handle: ``.url``, ``.client()``."""

SECRET = "kawan-webhook-s3cret_ok"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
def webhook_server(api: FakeBotApi, start_server: Callable[..., RunningServer]) -> RunningServer:
    return start_server(
        telegram_token=api.token, telegram_api_base=api.base_url, telegram_secret=SECRET
    )


def _worker() -> TelegramUser:
    return TelegramUser(uuid.uuid4().int % 10**12 + 10**6)


async def test_an_update_with_the_right_secret_is_answered(
    api: FakeBotApi, webhook_server: RunningServer
) -> None:
    worker = _worker()
    with webhook_server.client() as client:
        response = client.post(
            "/telegram/webhook",
            json=api.make_update(worker, "/start", command=True),
            headers={HEADER: SECRET},
        )
    assert response.status_code == 200
    [reply] = await api.wait_for_messages(worker.id, 1)
    assert reply["text"] == "Choose your language / Pilih bahasa"
    assert "বাংলা" in [b["text"] for b in FakeBotApi.buttons([reply])]


async def test_a_whole_conversation_works_through_the_webhook(
    api: FakeBotApi, webhook_server: RunningServer
) -> None:
    worker = _worker()
    with webhook_server.client(headers={HEADER: SECRET}) as client:
        client.post("/telegram/webhook", json=api.make_update(worker, "/start", command=True))
        await api.wait_for_messages(worker.id, 1)
        client.post("/telegram/webhook", json=api.make_update(worker, "1"))
        await api.wait_for_messages(worker.id, 2)
        client.post("/telegram/webhook", json=api.make_update(worker, "9"))
        messages = await api.wait_for_messages(worker.id, 3)
    assert messages[1]["text"].startswith("kawan: your PERKESO rights")
    assert "1-300-22-8000" in messages[2]["text"]


@pytest.mark.parametrize(
    "headers",
    [{}, {HEADER: "wrong"}, {HEADER: SECRET + "x"}],
    ids=["no secret", "wrong secret", "longer secret"],
)
async def test_an_update_without_the_right_secret_is_refused_and_not_answered(
    api: FakeBotApi, webhook_server: RunningServer, headers: dict[str, str]
) -> None:
    worker = _worker()
    with webhook_server.client() as client:
        refused = client.post(
            "/telegram/webhook",
            json=api.make_update(worker, "/delete", command=True),
            headers=headers,
        )
        # A genuine update afterwards is answered: the refused one was never queued.
        client.post(
            "/telegram/webhook",
            json=api.make_update(worker, "/start", command=True),
            headers={HEADER: SECRET},
        )
    assert refused.status_code == 403
    [only] = await api.wait_for_messages(worker.id, 1)
    assert only["text"] == "Choose your language / Pilih bahasa"


def test_the_server_starts_and_serves_ussd_while_telegram_is_unreachable(
    start_server: Callable[..., RunningServer],
) -> None:
    """A Bot API that does not answer must not keep ``kawan serve`` (USSD) down."""
    server = start_server(
        telegram_token="123:abc",
        telegram_api_base="http://127.0.0.1:9/bot",
        telegram_secret=SECRET,
    )
    with httpx.Client(base_url=server.url, timeout=10) as client:
        response = client.post(
            "/ussd",
            data={"sessionId": "s-1", "serviceCode": "*1#", "phoneNumber": "+60190000001"},
        )
    assert response.text.startswith("CON ")
