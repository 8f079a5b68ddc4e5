"""The Telegram bot: a thin transport between Telegram and the turn service.

Conversation state lives in kawan's own store, exactly as for USSD; PTB's
``ConversationHandler`` and persistence are not used (they keep state in one process's
memory and write it every 60 s, notes/tech.md 2.1-2.2). Every update becomes one call
to :class:`~bot.service.Assistant`, whose reply is rendered once by
:func:`dialogs.render.render_chat` and sent as plain text with inline buttons.

Two ways in, one handler set:

- long polling (``kawan telegram``): :meth:`TelegramChannel.run_polling_until`;
- webhook (``POST /telegram/webhook`` under ``kawan serve``): :meth:`TelegramChannel.start`
  builds the application without an updater, and the server's route hands each update to
  :meth:`TelegramChannel.process_webhook`.

Updates are handled concurrently across workers and in order per worker
(:class:`~bot.telegram.processor.PerUserUpdateProcessor`); sending goes through PTB's
:class:`~telegram.ext.AIORateLimiter`. A failure shows the worker a short translated
"try again" message and is logged by kind, without the worker's id or text.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import Any, Final, TypeAlias

from telegram import (
    BotCommand,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.errors import UserError
from bot.service import Assistant, Channel, Turn
from bot.settings import Settings
from bot.telegram import texts
from bot.telegram.processor import PerUserUpdateProcessor
from bot.telegram.views import (
    LANGUAGE_PREFIX,
    MAX_TEXT,
    messages,
    parse_callback_data,
)
from dialogs.engine import HELP, LANGUAGE, MENU, RESUME
from dialogs.flows.common import LANGUAGE_MENU
from dialogs.i18n import LANGUAGES, Translator, get_translator, normalize_language
from dialogs.render import ChatView, render_chat
from dialogs.reply import Nav, Option, Reply, Text

log = logging.getLogger(__name__)

TelegramApp: TypeAlias = Application[Any, Any, Any, Any, Any, Any]
Context: TypeAlias = ContextTypes.DEFAULT_TYPE
Handler: TypeAlias = Callable[["TelegramChannel", Update, Context], Coroutine[Any, Any, None]]

MAX_RETRIES: Final = 3
"""Times PTB's rate limiter retries a request Telegram answered with "retry after"."""
ALLOWED_UPDATES: Final = (Update.MESSAGE, Update.CALLBACK_QUERY)
"""Everything else (edits, reactions, group events) is not asked for."""
CHOSEN_MARK: Final = "✔"
"""Put before the chosen option's label under a question once a button was pressed."""
RESTART: Final = "restart"
"""The id of "Start again" on the engine's welcome-back screen."""
COMMAND_LANGUAGES: Final[dict[str, str]] = {"zh_Hans": "zh", "fil": "tl"}
"""Telegram wants two-letter ISO 639-1 codes for per-language command lists."""
NO_PREVIEW: Final = LinkPreviewOptions(is_disabled=True)
MISSING_TOKEN: Final = (
    "KAWAN_TELEGRAM_TOKEN is not set: create a bot with @BotFather and put its token in "
    "KAWAN_TELEGRAM_TOKEN (environment or .env)."
)
RECONNECT_DELAYS: Final = (1.0, 2.0, 5.0, 15.0, 60.0)
"""Seconds between attempts to reach Telegram when ``kawan serve`` starts without it."""


def _guarded(handler: Handler) -> Handler:
    """Never let a failure reach the worker as silence or a traceback: log it by kind
    and send the short translated "please try again" message."""

    @functools.wraps(handler)
    async def run(self: TelegramChannel, update: Update, context: Context) -> None:
        try:
            await handler(self, update, context)
        except Exception as error:  # the worker must always get an answer
            await self._apologise(update, context, error, handler.__name__)

    return run


class TelegramChannel:
    """kawan on Telegram. One per process, sharing the process's :class:`Assistant`.

    Args:
        settings: ``telegram_token`` is required; ``telegram_api_base`` points PTB at the
            Bot API (a local Bot API server, or a test double).
        assistant: the turn service every channel calls.
    """

    def __init__(self, settings: Settings, assistant: Assistant) -> None:
        if not settings.telegram_token:
            raise UserError(MISSING_TOKEN)
        self.settings = settings
        self.assistant = assistant
        self.application: TelegramApp | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._refused = False

    # -- building --------------------------------------------------------------------

    def build_application(self, *, polling: bool) -> TelegramApp:
        """The PTB application: kawan's handlers, the per-user update processor, PTB's
        rate limiter, and the Bot API address from settings. Without ``polling`` it has
        no updater: updates arrive through :meth:`process_webhook`."""
        base = self.settings.telegram_api_base
        builder = (
            ApplicationBuilder()
            .token(self.settings.telegram_token or "")
            .base_url(base)
            .base_file_url(_file_url(base))
            .rate_limiter(AIORateLimiter(max_retries=MAX_RETRIES))
            .concurrent_updates(PerUserUpdateProcessor())
        )
        if not polling:
            builder = builder.updater(None)
        app: TelegramApp = builder.build()
        private = filters.ChatType.PRIVATE
        for name, callback in (
            ("start", self._on_start),
            ("language", self._on_language),
            ("help", self._on_help),
            ("restart", self._on_restart),
            ("privacy", self._on_privacy),
            ("delete", self._on_delete),
        ):
            app.add_handler(CommandHandler(name, callback, filters=private))
        new_message = private & filters.UpdateType.MESSAGE
        app.add_handler(CallbackQueryHandler(self._on_button))
        app.add_handler(MessageHandler(new_message & filters.COMMAND, self._on_unknown_command))
        app.add_handler(MessageHandler(new_message & filters.TEXT, self._on_text))
        app.add_handler(MessageHandler(new_message, self._on_unreadable))
        app.add_error_handler(self._on_error)
        return app

    # -- webhook mode ----------------------------------------------------------------

    async def start(self) -> None:
        """Start in webhook mode (``kawan serve``). If Telegram cannot be reached yet, the
        server still starts (USSD and the simulator must not depend on Telegram): updates
        are queued and handled once a background retry gets through."""
        self.application = self.build_application(polling=False)
        if not await self._connect(self.application):
            self._spawn(self._reconnect(self.application))

    async def stop(self) -> None:
        """Finish the updates in hand, then shut down (webhook mode)."""
        for task in list(self._background):
            task.cancel()
        for task in list(self._background):
            with contextlib.suppress(asyncio.CancelledError):
                await task
        app = self.application
        if app is None:
            return
        if app.running:
            await app.stop()
        await app.shutdown()

    async def process_webhook(self, payload: dict[str, Any]) -> None:
        """Queue one update that Telegram POSTed to the webhook; it is handled in the
        background, so the route answers Telegram at once."""
        app = self.application
        if app is None:
            raise RuntimeError("TelegramChannel.start() was not called")
        if self._refused:
            return  # the token was refused: nobody could be answered
        await app.update_queue.put(Update.de_json(payload, app.bot))

    async def _connect(self, app: TelegramApp) -> bool:
        try:
            await app.initialize()
        except InvalidToken:
            log.error("Telegram refused KAWAN_TELEGRAM_TOKEN; the Telegram webhook is off")
            self._refused = True
            return True
        except NetworkError as error:
            log.warning("Telegram not reachable yet (%s); retrying", type(error).__name__)
            return False
        await app.start()
        self._spawn(self.publish_commands(app))
        return True

    async def _reconnect(self, app: TelegramApp) -> None:
        for attempt in range(10_000):
            await asyncio.sleep(RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS) - 1)])
            if await self._connect(app):
                return

    def _spawn(self, coroutine: Awaitable[None]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # -- polling mode ----------------------------------------------------------------

    async def run_polling_until(self, stop: asyncio.Event, *, poll_timeout: int = 10) -> None:
        """Long-poll Telegram (``kawan telegram``) until ``stop`` is set, then finish the
        updates in hand and return.

        Raises:
            UserError: the token was refused, or the Bot API cannot be reached.
        """
        app = self.build_application(polling=True)
        self.application = app
        try:
            await app.initialize()
        except InvalidToken as error:
            raise UserError(
                "Telegram refused KAWAN_TELEGRAM_TOKEN: check the token @BotFather gave you."
            ) from error
        except NetworkError as error:
            raise UserError(
                f"cannot reach the Telegram Bot API at {_host(self.settings)} "
                f"({type(error).__name__}); check the network or KAWAN_TELEGRAM_API_BASE."
            ) from error
        try:
            assert app.updater is not None
            await app.updater.start_polling(
                timeout=poll_timeout, allowed_updates=list(ALLOWED_UPDATES)
            )
            await app.start()
            log.info("polling Telegram as @%s", app.bot.username)
            self._spawn(self.publish_commands(app))
            await stop.wait()
        finally:
            for task in list(self._background):
                task.cancel()
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
            await app.shutdown()

    # -- the command menu ------------------------------------------------------------

    async def publish_commands(self, app: TelegramApp) -> None:
        """Set the "/" command menu: English for everyone, and each language's own list
        for Telegram users whose app is in that language (where it is translated)."""
        english = get_translator("en")
        default = _commands(english)
        try:
            await app.bot.set_my_commands(default)
            for code in LANGUAGES:
                if code == english.lang:
                    continue
                translated = _commands(get_translator(code))
                if translated == default:
                    continue
                language = COMMAND_LANGUAGES.get(code, code)
                await app.bot.set_my_commands(translated, language_code=language)
        except TelegramError as error:
            log.warning("command menu not set: %s", type(error).__name__)

    # -- commands --------------------------------------------------------------------

    @_guarded
    async def _on_start(self, update: Update, context: Context) -> None:
        """A new worker chooses a language; a returning one mid-flow is asked whether to
        continue. ``/start bn`` (a ``t.me/<bot>?start=bn`` link an NGO shares) picks
        the language at once."""
        lang = context.args[0] if context.args else None
        turn = await self.assistant.open(Channel.TELEGRAM, _uid(update), lang=lang)
        await self._show(update, context, turn)

    @_guarded
    async def _on_language(self, update: Update, context: Context) -> None:
        """The language list, each in its own script; a press switches language and
        shows the main menu (:meth:`Assistant.set_language`)."""
        turn = await self.assistant.current(Channel.TELEGRAM, _uid(update))
        picker = Reply(
            body=LANGUAGE_MENU.prompt,
            options=tuple(
                Option(f"{LANGUAGE_PREFIX}{code}", code, Text.verbatim(name))
                for code, name in LANGUAGES.items()
            ),
            back=False,
            screen=LANGUAGE,
        )
        view = render_chat(picker, self._translator(update, turn))
        await self._send_view(update, context, replace(view, nav=()))

    @_guarded
    async def _on_help(self, update: Update, context: Context) -> None:
        """The commands, then the help screen (careline, offices, NGO contact); before a
        language is chosen, the commands in the language of the worker's Telegram app,
        then the language list again."""
        uid = _uid(update)
        turn = await self.assistant.current(Channel.TELEGRAM, uid)
        tr = self._translator(update, turn)
        await self._send_view(update, context, _note((Text(texts.HELP_COMMANDS),), tr))
        if turn.conversation.lang is not None and turn.reply.screen != HELP:
            turn = await self.assistant.send(Channel.TELEGRAM, uid, Nav.HELP.value)
        await self._show(update, context, turn)

    @_guarded
    async def _on_restart(self, update: Update, context: Context) -> None:
        """Back to the main menu with the answers cleared, the language and last result
        kept: the engine's own "Start again" of its welcome-back screen.

        The engine offers that screen only to a worker away from the main menu; one who
        went back to the menu with answers still kept (``00`` mid-flow) first steps to
        the help screen, so the same reset applies and no answer survives a restart."""
        uid = _uid(update)
        turn = await self.assistant.open(Channel.TELEGRAM, uid)
        if turn.reply.screen == MENU and turn.conversation.facts:
            await self.assistant.send(Channel.TELEGRAM, uid, Nav.HELP.value)
            turn = await self.assistant.open(Channel.TELEGRAM, uid)
        if turn.reply.screen == RESUME:
            turn = await self.assistant.send(Channel.TELEGRAM, uid, RESTART)
        await self._show(update, context, turn)

    @_guarded
    async def _on_privacy(self, update: Update, context: Context) -> None:
        turn = await self.assistant.current(Channel.TELEGRAM, _uid(update))
        note = texts.privacy_note(self.settings.retention_days)
        await self._send_view(update, context, _note(note, self._translator(update, turn)))

    @_guarded
    async def _on_delete(self, update: Update, context: Context) -> None:
        """Erase at once (a shared phone cannot wait for a confirmation), then say what
        is gone, in the language the worker was using."""
        uid = _uid(update)
        turn = await self.assistant.current(Channel.TELEGRAM, uid)
        tr = self._translator(update, turn)
        await self.assistant.erase(Channel.TELEGRAM, uid)
        await self._send_view(update, context, _note((Text(texts.DELETED),), tr))

    @_guarded
    async def _on_unknown_command(self, update: Update, context: Context) -> None:
        await self._show_current(update, context, Text(texts.UNKNOWN_COMMAND))

    @_guarded
    async def _on_unreadable(self, update: Update, context: Context) -> None:
        await self._show_current(update, context, Text(texts.UNREADABLE))

    # -- answers ---------------------------------------------------------------------

    @_guarded
    async def _on_text(self, update: Update, context: Context) -> None:
        assert update.effective_message is not None
        text = update.effective_message.text or ""
        turn = await self.assistant.send(Channel.TELEGRAM, _uid(update), text)
        await self._show(update, context, turn)

    @_guarded
    async def _on_button(self, update: Update, context: Context) -> None:
        """A pressed button: its key goes to the service as if typed. A button from an
        older message whose screen is gone shows the current screen instead."""
        query = update.callback_query
        assert query is not None
        uid = _uid(update)
        data = query.data or ""
        if data.startswith(LANGUAGE_PREFIX):
            await query.answer()
            code = data.removeprefix(LANGUAGE_PREFIX)
            turn = await self.assistant.set_language(Channel.TELEGRAM, uid, code)
            await self._mark_chosen(query.message, data)
            await self._show(update, context, turn)
            return
        key, screen = parse_callback_data(data)
        if screen is not None:
            now = await self.assistant.current(Channel.TELEGRAM, uid)
            if now.reply.screen != screen:
                notice = now.translator.gettext(texts.STALE_BUTTON)
                await query.answer(notice[:200])
                await self._mark_chosen(query.message, None)
                await self._show(update, context, now)
                return
        await query.answer()
        turn = await self.assistant.send(Channel.TELEGRAM, uid, key)
        # Only once the answer is kept: if the database was down, the buttons stay.
        await self._mark_chosen(query.message, data)
        await self._show(update, context, turn)

    async def _mark_chosen(self, message: object, data: str | None) -> None:
        """Take the buttons off a message once one was pressed, and write the chosen
        label under its text, so the chat reads as a transcript of the answers."""
        if not isinstance(message, Message) or message.reply_markup is None:
            return
        label = next(
            (
                button.text
                for row in message.reply_markup.inline_keyboard
                for button in row
                if data is not None and button.callback_data == data
            ),
            None,
        )
        text = message.text or ""
        marked = f"{text}\n\n{CHOSEN_MARK} {label}" if label else text
        try:
            if label and text and len(marked) <= MAX_TEXT:
                await message.edit_text(marked, reply_markup=None, link_preview_options=NO_PREVIEW)
            else:
                await message.edit_reply_markup(reply_markup=None)
        except BadRequest as error:  # too old to edit, or already edited: not worth a word
            log.debug("button message not edited: %s", type(error).__name__)

    # -- sending ---------------------------------------------------------------------

    async def _show(self, update: Update, context: Context, turn: Turn) -> None:
        view = render_chat(turn.reply, turn.translator)
        await self._send_view(update, context, view, screen=turn.reply.screen)

    async def _show_current(self, update: Update, context: Context, hint: Text) -> None:
        turn = await self.assistant.current(Channel.TELEGRAM, _uid(update))
        reply = replace(turn.reply, hint=hint)
        tr = self._translator(update, turn)
        await self._send_view(update, context, render_chat(reply, tr), screen=reply.screen)

    async def _send_view(
        self, update: Update, context: Context, view: ChatView, *, screen: str = ""
    ) -> None:
        chat = update.effective_chat
        assert chat is not None
        await self.deliver(context.bot, chat.id, view, screen=screen)

    @staticmethod
    async def deliver(bot: Any, chat_id: int, view: ChatView, *, screen: str = "") -> None:
        """Send ``view`` to ``chat_id``: plain text, split under Telegram's limit at
        paragraph boundaries, with the buttons under the last part."""
        for outgoing in messages(view, screen):
            await bot.send_message(
                chat_id,
                outgoing.text,
                reply_markup=outgoing.keyboard,
                link_preview_options=NO_PREVIEW,
            )

    def _translator(self, update: Update, turn: Turn) -> Translator:
        """The worker's language; before they chose one, their Telegram app's."""
        if turn.conversation.lang is not None:
            return turn.translator
        user = update.effective_user
        app_language = normalize_language(user.language_code if user else None)
        return get_translator(app_language) if app_language else turn.translator

    # -- failures --------------------------------------------------------------------

    async def _apologise(
        self, update: Update, context: Context, error: Exception, where: str
    ) -> None:
        frames = "".join(traceback.format_tb(error.__traceback__))
        log.error("telegram %s failed: %s\n%s", where, type(error).__name__, frames)
        user = update.effective_user
        text = self.assistant.unavailable_text(user.language_code if user else None)
        try:
            if update.callback_query is not None:
                with contextlib.suppress(TelegramError):
                    await update.callback_query.answer()
            if isinstance(error, Forbidden) or update.effective_chat is None:
                return  # the worker blocked the bot: nobody to tell
            await context.bot.send_message(update.effective_chat.id, text)
        except TelegramError as send_error:
            log.error("telegram apology not sent: %s", type(send_error).__name__)

    async def _on_error(self, update: object, context: Context) -> None:
        """Errors outside kawan's handlers (polling, network): logged by kind only; PTB's
        default would log the whole update, with the worker's id and text."""
        error = context.error
        log.warning("telegram: %s", type(error).__name__ if error else "unknown error")


def _uid(update: Update) -> str:
    user = update.effective_user
    if user is None:
        raise ValueError("an update without a user")
    return str(user.id)


def _note(body: tuple[Text, ...], tr: Translator) -> ChatView:
    """A channel message (help, privacy, delete) rendered like a screen, without buttons:
    the buttons of the screen above it stay valid."""
    return replace(render_chat(Reply(body=body, end=True), tr), end=False)


def _commands(tr: Translator) -> list[BotCommand]:
    return [BotCommand(name, tr.gettext(description)) for name, description in texts.COMMANDS]


def _file_url(base: str) -> str:
    """Telegram serves files from ``…/file/bot<token>`` beside ``…/bot<token>``."""
    head, _, _ = base.rpartition("/bot")
    return f"{head}/file/bot" if head else base


def _host(settings: Settings) -> str:
    return settings.telegram_api_base.split("//", 1)[-1].split("/", 1)[0]
