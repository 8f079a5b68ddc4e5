"""A fake Telegram Bot API: a real HTTP server on 127.0.0.1 for end-to-end bot tests.

python-telegram-bot talks to it exactly as to ``api.telegram.org`` (point PTB's
``base_url``, i.e. ``KAWAN_TELEGRAM_API_BASE``, at :attr:`FakeBotApi.base_url`). It serves
updates that a test queues (a worker typing, or pressing a button) through ``getUpdates``
long polling, answers the methods kawan uses, records every call with its parameters, and
enforces the limits Telegram enforces (4096-character messages, 64-byte callback data,
two-letter command languages), so a bot that breaks them fails here as it would live.

Example::

    with FakeBotApi() as api:
        worker = TelegramUser(1001)
        api.send_command(worker, "/start")
        ...  # run the bot against api.base_url
        [reply] = api.messages_to(worker.id)
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Final
from urllib.parse import parse_qs

DEFAULT_TOKEN: Final = "123456:TEST-kawan-token"
BOT_USER: Final[dict[str, Any]] = {
    "id": 7_000_000_001,
    "is_bot": True,
    "first_name": "kawan",
    "username": "kawan_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

# PTB posts form fields: strings as they are, everything else JSON-encoded.
_JSON_FIELDS: Final = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "allowed_updates",
        "link_preview_options",
        "reply_parameters",
        "entities",
    }
)
_INT_FIELDS: Final = frozenset({"chat_id", "message_id", "offset", "limit", "timeout"})
_BOOL_FIELDS: Final = frozenset({"drop_pending_updates", "show_alert"})
_COMMAND: Final = re.compile(r"^[a-z0-9_]{1,32}$")


class ApiError(Exception):
    """What the real Bot API answers with ``ok: false``."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


@dataclass(frozen=True)
class TelegramUser:
    """A person writing to the bot from a private chat."""

    id: int
    first_name: str = "Worker"
    language_code: str | None = None

    def as_json(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    def chat(self) -> dict[str, Any]:
        return {"id": self.id, "type": "private", "first_name": self.first_name}


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made: the method name and its decoded parameters."""

    method: str
    params: dict[str, Any]
    ok: bool


@dataclass
class _State:
    updates: list[dict[str, Any]] = field(default_factory=list)
    calls: list[ApiCall] = field(default_factory=list)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    webhook: dict[str, Any] = field(default_factory=dict)


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


class FakeBotApi:
    """The server and the test's handle on it. Thread-safe; use as a context manager."""

    def __init__(self, token: str = DEFAULT_TOKEN, *, max_poll_wait: float = 0.2) -> None:
        self.token = token
        self.max_poll_wait = max_poll_wait
        self._state = _State()
        self._changed = threading.Condition()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------

    def start(self) -> FakeBotApi:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                api._handle(self)

            def do_GET(self) -> None:
                api._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="fake-bot-api", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the fake Bot API first"
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """What ``KAWAN_TELEGRAM_API_BASE`` is set to: PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    # -- what a worker does ----------------------------------------------------------

    def send_text(self, user: TelegramUser, text: str) -> int:
        """Queue a text message from ``user``; returns its update id."""
        message = self._incoming_message(user, text)
        return self._queue({"message": message})

    def send_command(self, user: TelegramUser, command: str, *args: str) -> int:
        """Queue ``/command arg…`` from ``user``, marked as a bot command as clients do."""
        text = " ".join((command, *args))
        message = self._incoming_message(user, text)
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return self._queue({"message": message})

    def send_sticker(self, user: TelegramUser) -> int:
        """Queue a message without text (a sticker), which the bot cannot read."""
        message = self._incoming_message(user, None)
        message["sticker"] = {
            "file_id": "sticker-1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return self._queue({"message": message})

    def press(self, user: TelegramUser, message_id: int, data: str) -> int:
        """Queue a press on the button with callback ``data`` under bot message
        ``message_id``."""
        with self._changed:
            message = json.loads(json.dumps(self._state.messages[message_id]))
        query = {
            "id": str(next(self._query_ids)),
            "from": user.as_json(),
            "chat_instance": f"chat-{user.id}",
            "data": data,
            "message": message,
        }
        return self._queue({"callback_query": query})

    def press_button(self, user: TelegramUser, label: str) -> int:
        """Press the button labelled ``label`` on the newest message to ``user`` that
        shows one; fails the test if no such button is on screen."""
        for message in reversed(self.messages_to(user.id)):
            for row in message.get("reply_markup", {}).get("inline_keyboard", []):
                for button in row:
                    if button["text"] == label:
                        return self.press(user, message["message_id"], button["callback_data"])
        shown = [b["text"] for b in self.buttons(self.messages_to(user.id)[-1:])]
        raise AssertionError(f"no button {label!r} on screen; buttons shown: {shown}")

    def _incoming_message(self, user: TelegramUser, text: str | None) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": user.chat(),
            "from": user.as_json(),
        }
        if text is not None:
            message["text"] = text
        return message

    def _queue(self, payload: dict[str, Any]) -> int:
        with self._changed:
            update_id = next(self._update_ids)
            self._state.updates.append({"update_id": update_id, **payload})
            self._changed.notify_all()
        return update_id

    def make_update(
        self, user: TelegramUser, text: str, *, command: bool = False
    ) -> dict[str, Any]:
        """An update as Telegram would POST it to a webhook (not queued for polling)."""
        message = self._incoming_message(user, text)
        if command:
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {"update_id": next(self._update_ids), "message": message}

    # -- what the bot did ------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[ApiCall]:
        with self._changed:
            return [c for c in self._state.calls if method is None or c.method == method]

    def messages_to(self, chat_id: int) -> list[dict[str, Any]]:
        """Messages the bot sent to ``chat_id``, oldest first, as they look now (after
        any edits)."""
        with self._changed:
            return [
                json.loads(json.dumps(m))
                for m in self._state.messages.values()
                if m["chat"]["id"] == chat_id and m.get("from", {}).get("is_bot")
            ]

    @staticmethod
    def buttons(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Every inline button under ``messages``, in order."""
        return [
            button
            for message in messages
            for row in message.get("reply_markup", {}).get("inline_keyboard", [])
            for button in row
        ]

    @property
    def webhook(self) -> dict[str, Any]:
        with self._changed:
            return dict(self._state.webhook)

    def pending_updates(self) -> int:
        with self._changed:
            return len(self._state.updates)

    async def wait_for(
        self, predicate: Callable[[], bool], *, timeout: float = 15.0, what: str = "the bot"
    ) -> None:
        """Wait (without blocking the event loop the bot runs in) until ``predicate``."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}")
            await asyncio.sleep(0.01)

    async def wait_for_messages(
        self, chat_id: int, count: int, *, timeout: float = 15.0
    ) -> list[dict[str, Any]]:
        """Wait until the bot has sent ``count`` messages in all to ``chat_id``."""
        await self.wait_for(
            lambda: len(self.messages_to(chat_id)) >= count,
            timeout=timeout,
            what=f"{count} messages to {chat_id} (got {len(self.messages_to(chat_id))})",
        )
        return self.messages_to(chat_id)

    async def next_messages(
        self, user: TelegramUser, since: int, *, count: int = 1, timeout: float = 15.0
    ) -> list[dict[str, Any]]:
        """The messages sent to ``user`` after the first ``since`` ones, once ``count``
        of them have arrived."""
        await self.wait_for_messages(user.id, since + count, timeout=timeout)
        return self.messages_to(user.id)[since:]

    # -- the HTTP side ---------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?", 1)[0]
        match = re.fullmatch(r"/bot(?P<token>[^/]+)/(?P<method>\w+)", path)
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        if match is None:
            self._respond(
                request, 404, {"ok": False, "error_code": 404, "description": "Not Found"}
            )
            return
        method = match["method"]
        params = self._decode(body, request.headers.get("Content-Type", ""))
        if match["token"] != self.token:
            self._record(method, params, ok=False)
            error = {"ok": False, "error_code": 401, "description": "Unauthorized"}
            self._respond(request, 401, error)
            return
        try:
            result = self._dispatch(method, params)
        except ApiError as error:
            self._record(method, params, ok=False)
            payload = {"ok": False, "error_code": error.code, "description": error.description}
            self._respond(request, error.code, payload)
            return
        self._record(method, params, ok=True)
        self._respond(request, 200, {"ok": True, "result": result})

    @staticmethod
    def _decode(body: bytes, content_type: str) -> dict[str, Any]:
        if not body:
            return {}
        if "json" in content_type:
            decoded: dict[str, Any] = json.loads(body)
            return decoded
        raw = {k: v[-1] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
        params: dict[str, Any] = {}
        for name, value in raw.items():
            if name in _JSON_FIELDS:
                params[name] = json.loads(value)
            elif name in _INT_FIELDS:
                params[name] = int(float(value))
            elif name in _BOOL_FIELDS:
                params[name] = value == "true"
            else:
                params[name] = value
        return params

    @staticmethod
    def _respond(request: BaseHTTPRequestHandler, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        # A long poll the bot gave up on while stopping has nobody to answer.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)

    def _record(self, method: str, params: dict[str, Any], *, ok: bool) -> None:
        if method == "getUpdates":
            return  # polling noise; see pending_updates() instead
        with self._changed:
            self._state.calls.append(ApiCall(method, params, ok))
            self._changed.notify_all()

    def _dispatch(self, method: str, params: dict[str, Any]) -> Any:
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        return handler(params)

    # -- methods ---------------------------------------------------------------------

    def _api_getMe(self, params: dict[str, Any]) -> Any:
        return BOT_USER

    def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self.max_poll_wait)
        deadline = time.monotonic() + wait
        with self._changed:
            if self._state.webhook.get("url"):
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            # Telegram forgets updates once a later offset confirms them.
            self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
            while not self._state.updates:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._changed.wait(remaining)
                self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
            return self._state.updates[:limit]

    def _check_markup(self, markup: dict[str, Any] | None) -> None:
        if not markup:
            return
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                if not button.get("text"):
                    raise ApiError(400, "Bad Request: text buttons are unallowed")

    @staticmethod
    def _check_text(text: str | None) -> str:
        if not text or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_length(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return text

    def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        text = self._check_text(params.get("text"))
        if "parse_mode" in params:
            raise ApiError(400, "Bad Request: kawan sends plain text only (test double)")
        markup = params.get("reply_markup")
        self._check_markup(markup)
        chat_id = int(params["chat_id"])
        with self._changed:
            message: dict[str, Any] = {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER,
                "text": text,
            }
            if markup:
                message["reply_markup"] = markup
            self._state.messages[message["message_id"]] = message
            return message

    def _find(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._state.messages.get(int(params.get("message_id") or 0))
        if message is None or message["chat"]["id"] != int(params.get("chat_id") or 0):
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        text = self._check_text(params.get("text"))
        markup = params.get("reply_markup")
        self._check_markup(markup)
        with self._changed:
            message = self._find(params)
            if message["text"] == text and message.get("reply_markup") == markup:
                raise ApiError(400, "Bad Request: message is not modified")
            message["text"] = text
            message.pop("reply_markup", None)
            if markup:
                message["reply_markup"] = markup
            return message

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        markup = params.get("reply_markup")
        self._check_markup(markup)
        with self._changed:
            message = self._find(params)
            message.pop("reply_markup", None)
            if markup:
                message["reply_markup"] = markup
            return message

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        if len(params.get("text") or "") > 200:
            raise ApiError(400, "Bad Request: answer text is too long")
        return True

    def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        language = params.get("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise ApiError(400, "Bad Request: invalid language code specified")
        for command in params.get("commands", []):
            if not _COMMAND.match(command.get("command", "")):
                raise ApiError(400, "Bad Request: command is invalid")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise ApiError(400, "Bad Request: command description is invalid")
        return True

    def _api_deleteMyCommands(self, params: dict[str, Any]) -> Any:
        return True

    def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        with self._changed:
            self._state.webhook = {}
            if params.get("drop_pending_updates"):
                self._state.updates.clear()
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        with self._changed:
            self._state.webhook = {"url": params.get("url", ""), "secret_token": secret}
        return True

    def _api_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        with self._changed:
            return {
                "url": self._state.webhook.get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": len(self._state.updates),
            }

    def _api_close(self, params: dict[str, Any]) -> Any:
        return True

    def _api_logOut(self, params: dict[str, Any]) -> Any:
        return True
