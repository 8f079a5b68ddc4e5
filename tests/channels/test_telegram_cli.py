"""``kawan telegram``: the bot by long polling, as an operator runs it.

Each test starts the real command in its own process, with the environment an operator
would set, against the fake Bot API on 127.0.0.1.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.auxil.fake_bot_api import FakeBotApi, TelegramUser

REPO = Path(__file__).resolve().parents[2]
KAWAN = [sys.executable, "-c", "from bot.cli import main; main()", "telegram"]


def _environment(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAWAN_")}
    env["PYTHONPATH"] = str(REPO)
    env["KAWAN_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'kawan.db'}"
    env["KAWAN_ID_SECRET"] = "cli-test-secret"
    env.update(values)
    return env


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


def test_without_a_token_it_exits_2_with_one_clear_sentence(tmp_path: Path) -> None:
    done = subprocess.run(
        KAWAN, cwd=tmp_path, env=_environment(tmp_path), capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "kawan: KAWAN_TELEGRAM_TOKEN is not set: create a bot with @BotFather and put its "
        "token in KAWAN_TELEGRAM_TOKEN (environment or .env)."
    ]


def test_a_token_telegram_refuses_exits_2_without_printing_the_token(
    tmp_path: Path, api: FakeBotApi
) -> None:
    env = _environment(
        tmp_path,
        KAWAN_TELEGRAM_TOKEN="999:not-the-right-token",
        KAWAN_TELEGRAM_API_BASE=api.base_url,
    )
    done = subprocess.run(KAWAN, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("kawan: Telegram refused KAWAN_TELEGRAM_TOKEN")
    assert "Traceback" not in done.stderr
    assert "not-the-right-token" not in done.stderr + done.stdout


async def test_it_answers_workers_by_polling_and_stops_cleanly_on_sigterm(
    tmp_path: Path, api: FakeBotApi
) -> None:
    env = _environment(
        tmp_path, KAWAN_TELEGRAM_TOKEN=api.token, KAWAN_TELEGRAM_API_BASE=api.base_url
    )
    worker = TelegramUser(5550001)
    process = subprocess.Popen(
        KAWAN, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        api.send_command(worker, "/start")
        [reply] = await api.wait_for_messages(worker.id, 1, timeout=60)
        assert reply["text"] == "Choose your language / Pilih bahasa"
        api.send_text(worker, "1")
        await api.wait_for_messages(worker.id, 2)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert api.token not in out + err  # httpx logs request URLs, which hold the token
    assert str(worker.id) not in out + err
