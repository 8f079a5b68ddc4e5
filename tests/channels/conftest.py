"""Shared fixtures for the channel tests: ``kawan serve``'s app under real uvicorn.

``server`` starts :func:`bot.server.create_app` under uvicorn on 127.0.0.1 on a free port,
once with a SQLite file and once with PostgreSQL (the throwaway server ``scripts/test``
starts and names in ``KAWAN_TEST_POSTGRES_URL``; without it those cases are skipped).
``start_server`` does the same for settings a test chooses (a USSD secret, a database
that is down). Clients talk to it over real HTTP with httpx.

:class:`UssdPhone` is a handset behind a gateway: it dials (a new ``sessionId``), types
answers, and sends them the way the gateway does, either accumulated (``1*2*3``, the
Africa's Talking form) or latest-input-only. Every screen it receives is checked against
the network's budget with its own counting, independent of kawan's renderer.
"""

from __future__ import annotations

import secrets
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

import httpx
import pytest
import uvicorn

from bot.server import create_app
from bot.settings import Settings
from tests.auxil.postgres import fresh_database

TODAY: Final = date(2026, 11, 23)
ID_SECRET: Final = "test-id-secret-not-for-production"
BACKENDS: Final = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))

# -- the USSD budget, counted here independently of dialogs.render -------------------------

GSM7: Final = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION: Final = frozenset("^{}\\[~]|€")
GSM7_BUDGET: Final = 182
UCS2_BUDGET: Final = 80


def screen_cost(screen: str) -> tuple[int, int, str]:
    """(units used, units allowed, encoding) of one USSD screen (rules/ussd.md)."""
    if all(c in GSM7 or c in GSM7_EXTENSION for c in screen):
        return sum(2 if c in GSM7_EXTENSION else 1 for c in screen), GSM7_BUDGET, "GSM-7"
    return len(screen.encode("utf-16-le")) // 2, UCS2_BUDGET, "UCS-2"


def assert_fits(screen: str) -> None:
    used, allowed, encoding = screen_cost(screen)
    assert used <= allowed, f"{encoding} screen of {used} > {allowed}:\n{screen}"


# -- servers ---------------------------------------------------------------------------------


@dataclass
class RunningServer:
    """An app served by uvicorn on loopback."""

    url: str
    settings: Settings

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10, **kwargs)


def make_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "id_secret": ID_SECRET,
        "today": TODAY,
        "ngo_contact": None,
        "telegram_token": None,
        "telegram_secret": None,
        "ussd_secret": None,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@contextmanager
def serve(settings: Settings) -> Iterator[RunningServer]:
    """Run ``create_app(settings)`` under uvicorn in a thread until the block ends."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings), log_level="warning", access_log=False, lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("kawan serve did not start")
        time.sleep(0.02)
    try:
        yield RunningServer(f"http://127.0.0.1:{port}", settings)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh database on the test PostgreSQL server for this session, dropped after."""
    with fresh_database("kawan_channels") as url:
        yield url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A kawan database: a fresh SQLite file, or the session's PostgreSQL database
    (shared by the tests: each phone has its own random number, so they never meet)."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'kawan.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def start_server(database_url: str) -> Iterator[Callable[..., RunningServer]]:
    """Start servers with chosen settings on this test's database: ``start_server(
    ussd_secret="s3cret")``. All are stopped at the end of the test."""
    stack: list[Any] = []

    def start(**overrides: Any) -> RunningServer:
        manager = serve(make_settings(overrides.pop("database_url", database_url), **overrides))
        stack.append(manager)
        return manager.__enter__()

    try:
        yield start
    finally:
        for manager in reversed(stack):
            manager.__exit__(None, None, None)


@pytest.fixture
def server(start_server: Callable[..., RunningServer]) -> RunningServer:
    """``kawan serve``'s app with default settings, on SQLite and on PostgreSQL."""
    return start_server()


# -- a phone behind a gateway ----------------------------------------------------------------


@dataclass
class Screen:
    """What the handset shows after one hop."""

    status: int
    kind: str
    text: str

    @property
    def open(self) -> bool:
        return self.kind == "CON"

    def lines(self) -> list[str]:
        return self.text.split("\n")

    def option(self, key: str) -> str | None:
        """The label of option ``key`` on this screen, if shown."""
        prefix = f"{key}. "
        return next((line[len(prefix) :] for line in self.lines() if line.startswith(prefix)), None)


def new_number() -> str:
    return "+60 19" + "".join(secrets.choice("0123456789") for _ in range(7))


@dataclass
class UssdPhone:
    """A worker's handset behind a gateway (accumulated ``text`` or latest input only)."""

    client: httpx.Client
    number: str = field(default_factory=new_number)
    accumulate: bool = True
    service_code: str = "*384*55#"
    session_id: str = ""
    inputs: list[str] = field(default_factory=list)
    screens: list[Screen] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    def dial(self) -> Screen:
        self.session_id = "ATUid_" + uuid.uuid4().hex
        self.inputs = []
        return self._hop("")

    def type(self, answer: str) -> Screen:
        """Type ``answer`` and press send."""
        assert self.session_id, "dial first"
        self.inputs.append(answer)
        text = "*".join(self.inputs) if self.accumulate else answer
        return self._hop(text)

    def resend(self, text: str) -> Screen:
        """A hop with exactly this ``text`` (a gateway's odd request)."""
        return self._hop(text)

    def _hop(self, text: str) -> Screen:
        response = self.client.post(
            "/ussd",
            data={
                "sessionId": self.session_id,
                "serviceCode": self.service_code,
                "phoneNumber": self.number,
                "networkCode": "50219",
                "text": text,
            },
            params=self.params,
            headers=self.headers,
        )
        body = response.text
        assert response.headers["content-type"].startswith("text/plain")
        assert body.startswith(("CON ", "END ")), body
        screen = Screen(response.status_code, body[:3], body[4:])
        assert screen.text.strip(), "an empty screen"
        assert_fits(screen.text)
        self.screens.append(screen)
        if not screen.open:
            self.session_id = ""
        return screen

    def end_notification(self, status: str = "Success") -> httpx.Response:
        """The gateway's end-of-session callback for the current session."""
        return self.client.post(
            "/ussd/events",
            data={
                "sessionId": self.session_id,
                "phoneNumber": self.number,
                "serviceCode": self.service_code,
                "networkCode": "50219",
                "status": status,
                "input": "*".join(self.inputs),
                "durationInMillis": "31000",
            },
            params=self.params,
            headers=self.headers,
        )


@pytest.fixture
def phone(server: RunningServer) -> Iterator[Callable[..., UssdPhone]]:
    """Handsets on ``server``: ``phone()``, or ``phone(accumulate=False)``."""
    clients: list[httpx.Client] = []

    def make(target: RunningServer | None = None, **kwargs: Any) -> UssdPhone:
        client = (target or server).client()
        clients.append(client)
        return UssdPhone(client, **kwargs)

    try:
        yield make
    finally:
        for client in clients:
            client.close()
