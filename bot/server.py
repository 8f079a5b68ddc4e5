"""``kawan serve``: the HTTP side of kawan in one ASGI app (contract.md section 3).

- ``POST /ussd`` and ``POST /ussd/events``: the USSD gateway callback (:mod:`bot.ussd`).
- ``POST /telegram/webhook``: Telegram updates, when a bot token is configured.
- ``GET /`` and ``POST /web/chat``: the web simulator for NGO demos (:mod:`bot.web`).
- ``GET /healthz``: status, whether the database answers, and the version.

The USSD routes are plain Starlette routes, not FastAPI operations: a hop is a tiny form
POST and FastAPI's ``Form()`` machinery halves the throughput (notes/tech.md section 7).
The gateway's usual hop (``POST /ussd``, URL-encoded) does not even go through those: the
app answers it before FastAPI's middleware, router and form parser (:class:`KawanApp`),
which cost more than kawan's own turn once the turn reads no database
(benchmarks/ussd_load.py). Any other request, and a hop in another encoding, takes the
ordinary route, which answers the same.
One :class:`~bot.service.Assistant` per process is created by the lifespan and shared by
every route, so catalogues, flows and the database pool are loaded once.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hmac
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import parse_qsl, unquote_plus

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send

from bot.service import Assistant, StoreUnavailable
from bot.settings import Settings, get_settings
from bot.store import SqlStore, open_store
from bot.store.sql import create_engine
from bot.ussd import UssdGateway, UssdRequest

if TYPE_CHECKING:
    from bot.telegram import TelegramChannel

logger = logging.getLogger(__name__)

SECRET_HEADER: Final = "x-kawan-ussd-secret"
SECRET_QUERY: Final = "secret"
TELEGRAM_SECRET_HEADER: Final = "x-telegram-bot-api-secret-token"
MAX_FORM_FIELDS: Final = 32
"""A gateway sends six fields; anything much larger is not a gateway."""
RECONNECT_SECONDS: Final = 5.0
"""How often a server that started with its database down tries it again."""
GC_YOUNG: Final = 10_000
"""Allocations between two collections of the youngest generation while serving."""
USSD_PATH: Final = "/ussd"
FORM: Final = "application/x-www-form-urlencoded"
MAX_FORM_BYTES: Final = 1024 * 1024
"""A hop's form larger than this is not read (Starlette's limit for one form field)."""
_TEXT_PLAIN: Final = (b"content-type", b"text/plain; charset=utf-8")
_SECRET_HEADER: Final = SECRET_HEADER.encode()
_FORM: Final = FORM.encode()


def package_version() -> str:
    try:
        return version("kawan")
    except PackageNotFoundError:
        return "0+unknown"


def _same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


# -- USSD --------------------------------------------------------------------------------


async def ussd(request: Request) -> Response:
    """One gateway hop: form in, ``CON``/``END`` text out, always HTTP 200 for a gateway
    that is allowed in (a gateway ends the session on any other status)."""
    gateway: UssdGateway = request.app.state.ussd
    settings: Settings = request.app.state.settings
    if settings.ussd_secret and not _same(
        request.headers.get(SECRET_HEADER) or request.query_params.get(SECRET_QUERY),
        settings.ussd_secret,
    ):
        return PlainTextResponse(gateway.unavailable(None), status_code=403)
    try:
        form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
        hop = _hop(form)
    except Exception as error:  # a malformed body still gets a screen
        logger.warning("ussd request unreadable: %s", type(error).__name__)
        return PlainTextResponse(gateway.unavailable(None))
    return PlainTextResponse(await _answer(gateway, hop))


def _hop(form: Any) -> UssdRequest:
    return UssdRequest(
        session_id=_field(form, "sessionId"),
        phone_number=_field(form, "phoneNumber"),
        text=_field(form, "text"),
        service_code=_field(form, "serviceCode"),
        network_code=_field(form, "networkCode"),
    )


async def _answer(gateway: UssdGateway, hop: UssdRequest) -> str:
    if not hop.session_id or not hop.phone_number:
        logger.warning("ussd request without sessionId or phoneNumber")
        return gateway.unavailable(None)
    return await gateway.answer(hop)


def parse_form(body: bytes, max_fields: int = MAX_FORM_FIELDS) -> dict[str, str]:
    """A URL-encoded form as Starlette's parser reads it: fields split at ``&`` (empty
    ones skipped), name and value at the first ``=``, ``+`` and ``%XX`` decoded (UTF-8,
    undecodable bytes replaced), bytes sent raw read as Latin-1; a repeated name keeps its
    last value.

    Examples:
        >>> parse_form(b"sessionId=ATU1&text=1%2A98&&phoneNumber=%2B60123+4")
        {'sessionId': 'ATU1', 'text': '1*98', 'phoneNumber': '+60123 4'}
        >>> parse_form(b"text=&text=2&flag")
        {'text': '2', 'flag': ''}

    Raises:
        ValueError: more than ``max_fields`` fields.
    """
    fields: dict[str, str] = {}
    count = 0
    for part in body.decode("latin-1").split("&"):
        if not part:
            continue
        count += 1
        if count > max_fields:
            raise ValueError(f"more than {max_fields} form fields")
        name, _, value = part.partition("=")
        fields[_unquote(name)] = _unquote(value)
    return fields


def _unquote(text: str) -> str:
    return unquote_plus(text) if "%" in text or "+" in text else text


async def _body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ConnectionError("the gateway hung up")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            raise ValueError("form too large")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _fast_ussd(
    app: FastAPI, gateway: UssdGateway, scope: Scope, receive: Receive, send: Send
) -> bool:
    """Answer a URL-encoded ``POST /ussd`` as :func:`ussd` would, without building a
    Request; ``False`` (nothing read) for any other encoding, left to :func:`ussd`."""
    content_type = b""
    given_secret: str | None = None
    for name, value in scope["headers"]:
        if name == b"content-type" and not content_type:
            content_type = value
        elif name == _SECRET_HEADER and given_secret is None:
            given_secret = value.decode("latin-1")
    if content_type.split(b";", 1)[0].strip().lower() != _FORM:
        return False
    settings: Settings = app.state.settings
    status = 200
    if settings.ussd_secret:
        if not given_secret:
            query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), True)
            given_secret = dict(query).get(SECRET_QUERY)
        if not _same(given_secret, settings.ussd_secret):
            status, answer = 403, gateway.unavailable(None)
    if status == 200:
        try:
            form = parse_form(await _body(receive))
            hop = UssdRequest(
                form.get("sessionId", ""),
                form.get("phoneNumber", ""),
                form.get("text", ""),
                form.get("serviceCode", ""),
                form.get("networkCode", ""),
            )
        except Exception as error:  # a malformed body still gets a screen
            logger.warning("ussd request unreadable: %s", type(error).__name__)
            answer = gateway.unavailable(None)
        else:
            answer = await _answer(gateway, hop)
    body = answer.encode()
    headers = [_TEXT_PLAIN, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
    return True


async def ussd_events(request: Request) -> Response:
    """The gateway's end-of-session notification (status Success/Incomplete/Failed)."""
    settings: Settings = request.app.state.settings
    if settings.ussd_secret and not _same(
        request.headers.get(SECRET_HEADER) or request.query_params.get(SECRET_QUERY),
        settings.ussd_secret,
    ):
        return PlainTextResponse("Forbidden", status_code=403)
    try:
        form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
        session_id, phone = _field(form, "sessionId"), _field(form, "phoneNumber")
    except Exception as error:
        logger.warning("ussd event unreadable: %s", type(error).__name__)
        return PlainTextResponse("OK")
    if session_id and phone:
        request.app.state.ussd.closed(session_id, phone)
    return PlainTextResponse("OK")


def _field(form: Any, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


# -- Telegram ----------------------------------------------------------------------------


async def telegram_webhook(request: Request) -> Response:
    channel: TelegramChannel | None = request.app.state.telegram
    settings: Settings = request.app.state.settings
    if channel is None:
        return JSONResponse({"error": "telegram is not configured"}, status_code=404)
    expected = settings.telegram_secret
    if not expected or not _same(request.headers.get(TELEGRAM_SECRET_HEADER), expected):
        return JSONResponse({"error": "forbidden"}, status_code=403)
    try:
        payload = await request.json()
    except ValueError:
        return JSONResponse({"error": "not JSON"}, status_code=400)
    if not isinstance(payload, dict):
        return JSONResponse({"error": "not an update"}, status_code=400)
    try:
        await channel.process_webhook(payload)
    except Exception as error:  # Telegram retries on errors; do not loop
        logger.error("telegram update failed with %s", type(error).__name__)
    return Response(status_code=200)


# -- health ------------------------------------------------------------------------------


async def healthz(request: Request) -> Response:
    assistant: Assistant = request.app.state.assistant
    reconnect: asyncio.Task[None] | None = request.app.state.reconnect
    # Until the store is opened and migrated, the database is not usable by kawan even
    # if it already answers.
    ready = reconnect is None or reconnect.done()
    database = ready and await _database_answers(assistant)
    return JSONResponse(
        {
            "status": "ok" if database else "degraded",
            "database": database,
            "version": package_version(),
        }
    )


async def _database_answers(assistant: Assistant) -> bool:
    try:
        return bool(await assistant.ping())
    except Exception:  # any failure means "not reachable" here
        return False


# -- start-up ----------------------------------------------------------------------------


async def start_assistant(settings: Settings) -> tuple[Assistant, asyncio.Task[None] | None]:
    """The Assistant, even when the database is down at start-up.

    A server that refused to start would leave gateways with no answer at all; instead
    every turn answers the translated "try again" screen (the store raises
    :class:`StoreUnavailable`), ``/healthz`` says ``degraded``, and a background task
    opens (and migrates) the store as soon as the database answers.
    """
    try:
        return await Assistant.create(settings), None
    except StoreUnavailable:
        logger.warning("database unreachable at start-up; answering 'try again' until it is")
    assistant = Assistant(settings, SqlStore(create_engine(settings.database_url)))
    return assistant, asyncio.create_task(_reconnect(assistant, settings.database_url))


async def _reconnect(assistant: Assistant, url: str) -> None:
    while True:
        await asyncio.sleep(RECONNECT_SECONDS)
        try:
            store = await open_store(url)
        except StoreUnavailable:
            continue
        unmigrated, assistant.store = assistant.store, store
        await unmigrated.close()
        logger.info("database reachable again")
        return


# -- the app -----------------------------------------------------------------------------


class KawanApp(FastAPI):
    """FastAPI, with the gateway's ``POST /ussd`` answered before FastAPI's middleware
    and router (module docstring); everything else is plain FastAPI."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["path"] == USSD_PATH
            and scope["method"] == "POST"
            and not scope.get("root_path")
        ):
            gateway = self.state._state.get("ussd")
            if gateway is not None and await _fast_ussd(self, gateway, scope, receive, send):
                return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    """The ASGI app. With ``assistant`` given, the caller owns it (tests, embedding);
    otherwise the lifespan creates one from ``settings`` and closes it on shutdown."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = assistant is None
        reconnect: asyncio.Task[None] | None = None
        if assistant is not None:
            service = assistant
        else:
            service, reconnect = await start_assistant(settings)
        app.state.settings = settings
        app.state.assistant = service
        app.state.ussd = UssdGateway(service, settings)
        app.state.reconnect = reconnect
        app.state.telegram = None
        if settings.telegram_token:
            from bot.telegram import TelegramChannel

            app.state.telegram = TelegramChannel(settings, service)
            await app.state.telegram.start()
        thresholds = gc.get_threshold()
        if own:
            # What start-up loaded (catalogues, flows, FastAPI, the ORM) lives as long as
            # the server: out of the collector's sight, every collection is cheaper. And
            # a hop leaves no reference cycles behind (reference counting frees it), so
            # the youngest generation is collected every GC_YOUNG objects rather than
            # 700: together about a tenth of a hop's CPU time (benchmarks/ussd_load.py).
            gc.collect()
            gc.freeze()
            gc.set_threshold(GC_YOUNG, *thresholds[1:])
        try:
            yield
        finally:
            if own:
                gc.set_threshold(*thresholds)
                gc.unfreeze()
            if reconnect is not None:
                reconnect.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await reconnect
            if app.state.telegram is not None:
                await app.state.telegram.stop()
            if own:
                await service.close()

    app = KawanApp(
        title="kawan",
        version=package_version(),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.add_route(USSD_PATH, ussd, methods=["POST"])
    app.add_route("/ussd/events", ussd_events, methods=["POST"])
    app.add_route("/telegram/webhook", telegram_webhook, methods=["POST"])
    app.add_route("/healthz", healthz, methods=["GET"])

    from bot.web.routes import mount_simulator

    mount_simulator(app)
    return app


def run_server(host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve until interrupted; the exit code for ``kawan serve``."""
    import uvicorn

    from bot.errors import UserError

    settings = get_settings()
    try:
        settings.resolved_id_secret()  # production without KAWAN_ID_SECRET: say so now
    except RuntimeError as error:
        raise UserError(str(error)) from error
    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        # The access log would show ?secret= from gateways that pass it in the URL.
        access_log=False,
        server_header=False,
        log_level="info",
    )
    try:
        uvicorn.Server(config).run()
    except SystemExit as stop:  # uvicorn exits 1 when it cannot bind the port
        return int(stop.code or 0)
    return 0
