"""The USSD gateway callback beyond the happy path: redials, the gateway's secret and
end-of-session notice, odd gateway requests, bad input, and a database that is down."""

from __future__ import annotations

import socket
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from bot.service import UNAVAILABLE_USSD
from dialogs.flows.common import MAIN_MENU
from dialogs.i18n import LANGUAGES, get_translator
from dialogs.nodes import HINT_CHOOSE
from tests.channels.conftest import (
    RunningServer,
    Screen,
    UssdPhone,
    assert_fits,
    make_settings,
    serve,
)

WELCOME_BACK = "Welcome back. Continue where you left off?"
MAIN_MENU_TITLE = MAIN_MENU.prompt[0].msgid


def language_key(lang: str) -> str:
    return str(list(LANGUAGES).index(lang) + 1)


def in_menu(phone: UssdPhone, lang: str) -> Screen:
    phone.dial()
    return phone.type(language_key(lang))


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- sessions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("accumulate", [True, False], ids=["accumulated", "latest-only"])
def test_a_worker_who_redials_is_offered_to_continue_where_they_left_off(
    phone: Callable[..., UssdPhone], accumulate: bool
) -> None:
    tr = get_translator("id")
    handset = phone(accumulate=accumulate)
    in_menu(handset, "id")
    left_at = handset.type("1")  # into the injury branch
    assert left_at.open

    again = handset.dial()  # the network dropped the call; a new sessionId, same number

    assert tr.gettext(WELCOME_BACK) in again.text
    assert again.option("1") and again.option("2")
    assert handset.type("1").text == left_at.text


def test_a_worker_who_starts_again_after_redialling_gets_the_main_menu(
    phone: Callable[..., UssdPhone],
) -> None:
    handset = phone()
    menu = in_menu(handset, "en")
    handset.type("1")
    handset.dial()
    assert handset.type("2").text == menu.text


def test_a_star_typed_inside_an_answer_is_read_as_part_of_that_answer(
    phone: Callable[..., UssdPhone],
) -> None:
    handset = phone()
    in_menu(handset, "en")
    # "1*2" is one answer here, not "1" then "2": the menu does not understand it.
    again = handset.type("1*2")
    assert again.text.startswith(HINT_CHOOSE)
    assert MAIN_MENU_TITLE in again.text


@pytest.mark.parametrize("accumulate", [True, False], ids=["accumulated", "latest-only"])
def test_a_worker_on_a_keypad_can_type_the_date_of_the_accident_with_stars(
    phone: Callable[..., UssdPhone], accumulate: bool
) -> None:
    handset = phone(accumulate=accumulate)
    in_menu(handset, "en")
    handset.type("1")  # hurt at work or on the way
    handset.type("1")  # at work
    handset.type("1")  # what to do now: continue
    asked = handset.type("4")  # before that: type the date
    assert "date" in asked.text.lower()

    answered = handset.type("10*03*2025")

    assert not answered.text.startswith("Please type the date"), answered.text


def test_a_gateway_that_sends_only_the_latest_input_can_repeat_the_same_answer(
    phone: Callable[..., UssdPhone],
) -> None:
    handset = phone(accumulate=False)
    handset.dial()
    first = handset.type("98")
    second = handset.type("98")
    assert second.text != first.text, "the second 98 shows the third page"


def test_an_empty_answer_shows_the_same_screen_again(phone: Callable[..., UssdPhone]) -> None:
    handset = phone()
    menu = in_menu(handset, "en")
    assert handset.resend("").text == menu.text
    assert handset.resend(f"{language_key('en')}*").text == menu.text


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param("😀🙏", id="emoji"),
        pytest.param("\x00\x07\x1b[2J", id="control characters"),
        pytest.param("9" * 5000, id="five thousand digits"),
        pytest.param("আমি " * 400, id="a pasted paragraph"),
    ],
)
def test_input_a_menu_cannot_understand_shows_the_same_menu_with_a_hint(
    phone: Callable[..., UssdPhone], answer: str
) -> None:
    tr = get_translator("bn")
    handset = phone()
    in_menu(handset, "bn")

    again = handset.type(answer)

    assert again.open
    assert again.text.startswith(tr.gettext(HINT_CHOOSE))
    assert tr.gettext(MAIN_MENU_TITLE) in again.text
    # The session goes on: the menu's choices still work.
    assert handset.type("99").open


def test_after_a_hint_98_still_shows_every_option_of_the_menu(
    phone: Callable[..., UssdPhone],
) -> None:
    handset = phone()
    menu = in_menu(handset, "bn")
    pages = [handset.type("😀")]
    while pages[-1].lines()[-1].startswith("98 "):
        pages.append(handset.type("98"))
    shown = "\n".join(page.text for page in pages)
    assert f"1. {menu.option('1')}" in shown


def test_the_session_ends_with_end_when_the_worker_quits(phone: Callable[..., UssdPhone]) -> None:
    handset = phone()
    menu = in_menu(handset, "en")
    pages = [menu]
    while pages[-1].lines()[-1].startswith("98 "):
        pages.append(handset.type("98"))
    quick_exit = pages[-1].lines()[-2].split(".")[0]

    erased = handset.type(quick_exit)

    assert erased.kind == "END"
    # Nothing was kept: the next dial starts at the language menu.
    assert handset.dial().option("1") == "English"


# -- the gateway ------------------------------------------------------------------------------


@pytest.fixture
def guarded(start_server: Callable[..., RunningServer]) -> RunningServer:
    return start_server(ussd_secret="gateway-s3cret")


def test_a_gateway_without_the_shared_secret_is_refused_with_an_end_screen(
    guarded: RunningServer,
) -> None:
    with guarded.client() as client:
        for headers, params in (
            ({}, {}),
            ({"X-Kawan-Ussd-Secret": "wrong"}, {}),
            ({}, {"secret": "gateway-s3cret-but-longer"}),
        ):
            response = client.post(
                "/ussd",
                data={"sessionId": "s", "phoneNumber": "+60191111111", "text": ""},
                headers=headers,
                params=params,
            )
            assert response.status_code == 403
            assert response.text.startswith("END ")


@pytest.mark.parametrize("where", ["header", "query"])
def test_a_gateway_with_the_shared_secret_is_served(
    guarded: RunningServer, phone: Callable[..., UssdPhone], where: str
) -> None:
    handset = phone(guarded)
    if where == "header":
        handset.headers["X-Kawan-Ussd-Secret"] = "gateway-s3cret"
    else:
        handset.params["secret"] = "gateway-s3cret"
    first = handset.dial()
    assert first.status == 200 and first.open


def test_the_end_of_session_notification_is_acknowledged_and_a_redial_continues(
    phone: Callable[..., UssdPhone],
) -> None:
    tr = get_translator("ne")
    handset = phone()
    in_menu(handset, "ne")
    handset.type("1")

    notice = handset.end_notification("Incomplete")

    assert notice.status_code == 200 and notice.text == "OK"
    assert tr.gettext(WELCOME_BACK) in handset.dial().text


def test_a_request_without_a_session_or_number_gets_an_end_screen_not_an_error(
    server: RunningServer,
) -> None:
    with server.client() as client:
        for body in ({"text": ""}, {"sessionId": "x"}, {}):
            response = client.post("/ussd", data=body)
            assert response.status_code == 200
            assert response.text.startswith("END ")
        garbage = client.post(
            "/ussd", content=b"\xff\xfe%%%", headers={"Content-Type": "multipart/form-data"}
        )
        assert garbage.status_code == 200 and garbage.text.startswith("END ")


# -- a database that is down ------------------------------------------------------------------


def test_a_database_that_is_down_gives_a_short_try_again_screen_not_an_error(
    start_server: Callable[..., RunningServer], phone: Callable[..., UssdPhone]
) -> None:
    url = f"postgresql+psycopg://kawan@127.0.0.1:{closed_port()}/kawan"
    down = start_server(database_url=url)
    handset = phone(down)

    screen = handset.dial()

    assert screen.status == 200
    assert screen.kind == "END"
    assert screen.text == get_translator("en").gettext(UNAVAILABLE_USSD)
    with down.client() as client:
        health = client.get("/healthz").json()
    assert health["status"] == "degraded" and health["database"] is False


@dataclass
class SpareDatabase:
    """A PostgreSQL database of its own, which a test can close to connections."""

    url: str
    name: str
    admin: Engine

    def refuse_connections(self) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS false'))
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": self.name},
            )

    def accept_connections(self) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS true'))


@pytest.fixture
def spare_database(postgres_url: str) -> Iterator[SpareDatabase]:
    name = f"kawan_spare_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(postgres_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield SpareDatabase(url, name, admin)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.postgres
def test_a_database_lost_mid_session_says_try_again_in_the_workers_language(
    spare_database: SpareDatabase,
) -> None:
    with serve(make_settings(spare_database.url)) as running, running.client() as client:
        handset = UssdPhone(client)
        in_menu(handset, "bn")
        spare_database.refuse_connections()

        screen = handset.type("1")

    assert screen.status == 200 and screen.kind == "END"
    assert screen.text == get_translator("bn").gettext(UNAVAILABLE_USSD)


@pytest.mark.postgres
def test_a_server_started_while_the_database_was_down_serves_once_it_is_up(
    spare_database: SpareDatabase,
) -> None:
    spare_database.refuse_connections()
    with serve(make_settings(spare_database.url)) as running, running.client() as client:
        assert UssdPhone(client).dial().kind == "END"
        assert client.get("/healthz").json()["database"] is False

        spare_database.accept_connections()

        deadline = time.monotonic() + 30
        while not client.get("/healthz").json()["database"]:
            assert time.monotonic() < deadline, "the server never reconnected"
            time.sleep(0.2)
        screen = UssdPhone(client).dial()
    assert screen.open and screen.option("1") == "English"


def test_no_error_page_ever_reaches_the_gateway(server: RunningServer) -> None:
    """Whatever a gateway posts, the answer is a CON/END screen."""
    with httpx.Client(base_url=server.url, timeout=10) as client:
        for data in (
            {"sessionId": "a" * 10_000, "phoneNumber": "+6019", "text": "1"},
            {"sessionId": "b", "phoneNumber": "\x00", "text": "*" * 3000},
            {"sessionId": "c", "phoneNumber": "x", "text": "*"},
        ):
            response = client.post("/ussd", data=data)
            assert response.status_code == 200
            assert response.text.startswith(("CON ", "END "))
            assert_fits(response.text[4:])
