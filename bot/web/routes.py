"""Routes of the web simulator: the page, its static files, the chat endpoint.

The page's own words (button titles, headings) are few, in English with icons: it is a
tool for NGO staff, and everything a worker would read comes from the engine, translated.
The language switch lists each language in its own script (:data:`dialogs.i18n.LANGUAGES`).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.staticfiles import StaticFiles

from bot.service import Assistant, Channel, StoreUnavailable, Turn
from dialogs.i18n import LANGUAGES, get_translator, normalize_language
from dialogs.render import render_chat

logger = logging.getLogger(__name__)

STATIC: Final = Path(__file__).resolve().parent / "static"
USER_ID: Final = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
"""The simulator's own random id for its chat user (never a real identifier)."""
MAX_TEXT: Final = 2000


async def index(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


async def languages(request: Request) -> Response:
    """Every language in menu order, in its own script, with its direction."""
    return JSONResponse(
        [
            {"code": code, "name": name, "rtl": get_translator(code).rtl}
            for code, name in LANGUAGES.items()
        ]
    )


def _view(turn: Turn) -> dict[str, Any]:
    view = render_chat(turn.reply, turn.translator)
    return {
        "text": view.text,
        "buttons": [{"key": b.key, "label": b.label} for b in view.buttons],
        "nav": [{"key": b.key, "label": b.label} for b in view.nav],
        "end": view.end,
        "rtl": view.rtl,
        "lang": turn.translator.lang,
        "screen": turn.reply.screen,
    }


def _bad(reason: str) -> Response:
    return JSONResponse({"error": reason}, status_code=400)


async def chat(request: Request) -> Response:
    """One chat turn: ``{user, text}``, ``{user, start: true, lang?, restart?}`` or
    ``{user, lang}`` (the language switch). Answers the rendered chat view as JSON."""
    assistant: Assistant = request.app.state.assistant
    try:
        body = await request.json()
    except ValueError:
        return _bad("the body is not JSON")
    if not isinstance(body, dict):
        return _bad("the body is not a JSON object")
    user = body.get("user")
    if not isinstance(user, str) or not USER_ID.match(user):
        return _bad("user must be 8 to 64 letters, digits, - or _")
    text, lang = body.get("text"), body.get("lang")
    if text is not None and not isinstance(text, str):
        return _bad("text must be a string")
    if lang is not None and not isinstance(lang, str):
        return _bad("lang must be a language code")
    code = normalize_language(lang)
    try:
        if body.get("start"):
            if body.get("restart"):
                await assistant.erase(Channel.WEB, user)
            turn = await assistant.open(Channel.WEB, user, lang=code)
        elif text is not None:
            turn = await assistant.send(Channel.WEB, user, text[:MAX_TEXT])
        elif code is not None:
            turn = await assistant.set_language(Channel.WEB, user, code)
        else:
            return _bad("send text, start, or lang")
    except StoreUnavailable:
        return _unavailable(request, code, 503)
    except Exception as error:  # the page must show a sentence, not a trace
        logger.error("web chat turn failed with %s", type(error).__name__)
        return _unavailable(request, code, 500)
    return JSONResponse(_view(turn))


def _unavailable(request: Request, lang: str | None, status: int) -> Response:
    assistant: Assistant = request.app.state.assistant
    translator = get_translator(lang or request.app.state.settings.default_language)
    return JSONResponse(
        {
            "text": assistant.unavailable_text(lang),
            "buttons": [],
            "nav": [],
            "end": True,
            "rtl": translator.rtl,
            "lang": translator.lang,
            "screen": "unavailable",
        },
        status_code=status,
    )


def mount_simulator(app: Starlette) -> None:
    """Add the simulator's routes to ``app``."""
    app.add_route("/", index, methods=["GET"])
    app.add_route("/web/languages", languages, methods=["GET"])
    app.add_route("/web/chat", chat, methods=["POST"])
    app.mount("/web/static", StaticFiles(directory=STATIC), name="simulator-static")
