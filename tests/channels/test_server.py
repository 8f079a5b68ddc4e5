"""``kawan serve``: health, the command itself, and the Telegram webhook route."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import httpx
import pytest

from tests.auxil.fake_bot_api import DEFAULT_TOKEN, FakeBotApi, TelegramUser
from tests.channels.conftest import ID_SECRET, RunningServer

WEBHOOK_SECRET = "hook-s3cret"


def test_health_says_ok_with_the_database_and_the_version(server: RunningServer) -> None:
    with server.client() as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "version": version("kawan")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_kawan_serve_answers_a_gateway_on_the_port_it_is_given(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "KAWAN_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'kawan.db'}",
        "KAWAN_ID_SECRET": ID_SECRET,
    }
    env.pop("KAWAN_TELEGRAM_TOKEN", None)
    kawan = shutil.which("kawan")
    launcher = [kawan] if kawan else [sys.executable, "-c", "from bot.cli import main; main()"]
    command = [*launcher, "serve", "--port", str(port)]
    server = subprocess.Popen(
        command,
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
            health = None
            for _ in range(300):
                try:
                    health = client.get("/healthz")
                    break
                except httpx.TransportError:
                    assert server.poll() is None, server.communicate()[0]
                    time.sleep(0.05)
            assert health is not None and health.json()["status"] == "ok"
            dial = client.post(
                "/ussd",
                data={"sessionId": "cli-1", "phoneNumber": "+60190000001", "text": ""},
            )
            assert dial.text.startswith("CON ")
            assert "1. English" in dial.text
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert server.returncode == 0, output
    assert "+60190000001" not in output, "a phone number reached the log"


def test_the_telegram_webhook_is_not_found_without_a_bot_token(server: RunningServer) -> None:
    with server.client() as client:
        response = client.post("/telegram/webhook", json={"update_id": 1})
    assert response.status_code == 404


@pytest.fixture
def bot_api() -> FakeBotApi:
    with FakeBotApi() as api:
        yield api  # type: ignore[misc]


def test_the_telegram_webhook_refuses_updates_without_the_secret_token(
    start_server: Callable[..., RunningServer], bot_api: FakeBotApi
) -> None:
    running = start_server(
        telegram_token=DEFAULT_TOKEN,
        telegram_secret=WEBHOOK_SECRET,
        telegram_api_base=bot_api.base_url,
    )
    worker = TelegramUser(4242)
    update = bot_api.make_update(worker, "/start", command=True)
    with running.client() as client:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "not-it"}):
            assert client.post("/telegram/webhook", json=update, headers=headers).status_code == 403
    time.sleep(0.3)
    assert bot_api.messages_to(worker.id) == []


def test_a_worker_writing_through_the_telegram_webhook_gets_the_language_menu(
    start_server: Callable[..., RunningServer], bot_api: FakeBotApi
) -> None:
    running = start_server(
        telegram_token=DEFAULT_TOKEN,
        telegram_secret=WEBHOOK_SECRET,
        telegram_api_base=bot_api.base_url,
    )
    worker = TelegramUser(4343)
    update = bot_api.make_update(worker, "/start", command=True)
    with running.client() as client:
        response = client.post(
            "/telegram/webhook",
            json=update,
            headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET},
        )
    assert response.status_code == 200
    deadline = time.monotonic() + 15
    while not bot_api.messages_to(worker.id) and time.monotonic() < deadline:
        time.sleep(0.02)
    [menu] = bot_api.messages_to(worker.id)
    labels = [button["text"] for button in FakeBotApi.buttons([menu])]
    assert "বাংলা" in labels and "नेपाली" in labels
