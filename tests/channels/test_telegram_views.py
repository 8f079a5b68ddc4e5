"""What a Telegram message looks like: text within Telegram's limits, buttons that carry
ASCII keys within 64 bytes, long replies split between paragraphs with the buttons last.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.telegram import TelegramChannel
from bot.telegram.views import (
    MAX_CALLBACK_DATA,
    MAX_TEXT,
    callback_data,
    messages,
    parse_callback_data,
    split_text,
    telegram_length,
)
from dialogs.i18n import LANGUAGES, get_translator
from dialogs.render import ChatView, render_chat
from dialogs.reply import Option, Reply, Text
from tests.auxil.fake_bot_api import FakeBotApi, TelegramUser
from tests.auxil.telegram_bot import bot_settings, running_bot, text_of


def _long_summary(paragraphs: int, words: int = 60) -> str:
    return "\n\n".join(
        f"Paragraph {n}: " + " ".join(f"word{n}x{i}" for i in range(words))
        for n in range(paragraphs)
    )


def test_a_short_reply_is_one_message_with_its_buttons() -> None:
    reply = Reply(
        body=(Text("Where were you hurt?"),),
        options=(Option("1", "at_work", Text("At work")), Option("2", "off", Text("Off work"))),
        screen="injury.start",
    )
    [message] = messages(render_chat(reply, get_translator("en")), "injury.start")
    assert message.text == "Where were you hurt?"
    assert message.keyboard is not None
    rows = message.keyboard.inline_keyboard
    assert [[b.text for b in row] for row in rows] == [
        ["At work"],
        ["Off work"],
        ["Back", "Home", "Help"],
    ]
    assert rows[0][0].callback_data == "1|injury.start"


def test_a_reply_longer_than_telegram_allows_is_split_between_paragraphs() -> None:
    text = _long_summary(30)
    assert telegram_length(text) > MAX_TEXT
    parts = split_text(text)
    assert len(parts) >= 2
    assert all(telegram_length(part) <= MAX_TEXT for part in parts)
    assert "\n\n".join(parts) == text  # nothing lost, and every cut is a paragraph break


def test_a_single_paragraph_too_long_for_one_message_is_split_between_words() -> None:
    text = " ".join(f"kata{i}" for i in range(2000))
    parts = split_text(text)
    assert all(telegram_length(part) <= MAX_TEXT for part in parts)
    assert " ".join(parts) == text


def test_text_without_spaces_is_never_cut_before_a_vowel_sign() -> None:
    burmese = "မြန်မာ" * 1200  # no spaces, combining signs throughout
    parts = split_text(burmese)
    assert "".join(parts) == burmese
    assert all(telegram_length(part) <= MAX_TEXT for part in parts)
    for part in parts[1:]:
        assert part[0] == "မ"  # each part starts on a base letter, not a dangling sign


def test_emoji_count_twice_towards_telegrams_limit() -> None:
    text = "🙂" * 3000  # 3000 characters, 6000 UTF-16 code units
    parts = split_text(text)
    assert len(parts) == 2
    assert all(telegram_length(part) <= MAX_TEXT for part in parts)


def test_buttons_carry_the_option_key_and_the_screen_it_belongs_to() -> None:
    assert callback_data("2", "injury.start") == "2|injury.start"
    assert parse_callback_data("2|injury.start") == ("2", "injury.start")
    assert parse_callback_data("00") == ("00", None)
    # A screen id too long for 64 bytes falls back to the bare key rather than fail.
    assert callback_data("1", "x" * 80) == "1"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_button_of_every_screen_fits_64_bytes_in_every_language(lang: str) -> None:
    """Callback data never holds a translated label: the same ASCII in every language,
    and tagged with its screen on every screen of every flow."""
    from datetime import date

    from dialogs.conversation import Conversation
    from dialogs.engine import show
    from dialogs.flows import FLOW
    from dialogs.nodes import Context

    ctx = Context(today=date(2026, 11, 23))
    tr = get_translator(lang)
    checked, screens = 0, 0
    for node_id in FLOW.nodes:
        conv = Conversation(lang=lang, node=node_id, history=["menu"], started_on=ctx.today)
        try:
            reply = show(conv, ctx, FLOW)
        except Exception:  # a screen that needs earlier answers to show
            continue
        screens += 1
        for message in messages(render_chat(reply, tr), reply.screen):
            if message.keyboard is None:
                continue
            for row in message.keyboard.inline_keyboard:
                for button in row:
                    data = button.callback_data
                    assert isinstance(data, str)
                    assert data.isascii() and 1 <= len(data.encode()) <= MAX_CALLBACK_DATA
                    assert parse_callback_data(data)[1] == reply.screen, data
                    checked += 1
    assert screens >= len(FLOW.nodes) // 2 and checked >= screens


async def test_a_long_reply_reaches_telegram_as_several_messages_with_buttons_on_the_last(
    tmp_path: Path,
) -> None:
    """Through the real bot to the fake Bot API (which refuses over-long messages)."""
    body = tuple(Text.verbatim(p) for p in _long_summary(40).split("\n\n"))
    reply = Reply(body=body, options=(Option("1", "menu", Text("Main menu")),), screen="summary")
    view: ChatView = render_chat(reply, get_translator("en"))
    worker = TelegramUser(424242)
    with FakeBotApi() as api:
        settings = bot_settings(api, f"sqlite+aiosqlite:///{tmp_path}/kawan.db")
        async with running_bot(api, settings) as bot:
            app = bot.channel.application
            assert app is not None
            await TelegramChannel.deliver(app.bot, worker.id, view, screen="summary")
        sent = api.messages_to(worker.id)
    assert len(sent) >= 2
    assert all(telegram_length(m["text"]) <= MAX_TEXT for m in sent)
    assert text_of(sent) == view.text
    assert all("reply_markup" not in m for m in sent[:-1])
    last_buttons = [b["text"] for b in FakeBotApi.buttons(sent[-1:])]
    assert last_buttons == ["Main menu", "Back", "Home", "Help"]
    assert all(c.params.get("parse_mode") is None for c in api.calls("sendMessage"))
