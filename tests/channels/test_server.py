"""``kawan serve``: health, the command itself, and the Telegram webhook route."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import httpx

from tests.channels.conftest import ID_SECRET, RunningServer


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
    # uvicorn shuts down cleanly, then re-raises the signal it caught (exit -SIGTERM).
    assert "Application shutdown complete" in output
    assert server.returncode in (0, -signal.SIGTERM), output
    assert "+60190000001" not in output, "a phone number reached the log"


def test_the_telegram_webhook_is_not_found_without_a_bot_token(server: RunningServer) -> None:
    with server.client() as client:
        response = client.post("/telegram/webhook", json={"update_id": 1})
    assert response.status_code == 404
