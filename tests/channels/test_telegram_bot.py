"""Talking to kawan on Telegram, end to end.

The real python-telegram-bot stack long-polls a fake Bot API over HTTP on 127.0.0.1
(:mod:`tests.auxil.fake_bot_api`); the real turn service keeps each worker's state in
SQLite or PostgreSQL. Tests act as a worker does (commands, typing, pressing buttons by
their label) and assert on what the bot sent.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bot.service import Channel
from bot.telegram import texts
from bot.telegram.views import MAX_TEXT, telegram_length
from dialogs.conversation import Conversation
from dialogs.engine import show
from dialogs.flows import FLOW
from dialogs.i18n import LANGUAGES, get_translator
from dialogs.nodes import Context
from dialogs.render import render_chat, render_text
from tests.auxil.fake_bot_api import FakeBotApi, TelegramUser
from tests.auxil.postgres import database_outage
from tests.auxil.telegram_bot import (
    RunningBot,
    WorkerChat,
    bot_settings,
    callback_data,
    labels,
    running_bot,
)

TODAY = date(2026, 11, 23)
CTX = Context(today=TODAY)


def screen_text(screen: str, lang: str) -> str:
    """What kawan's renderer shows for ``screen`` in ``lang`` (the expected text)."""
    conv = Conversation(lang=lang, node=screen, started_on=TODAY)
    return render_chat(show(conv, CTX, FLOW), get_translator(lang)).text


def screen_of(messages: list[dict[str, Any]]) -> str | None:
    """The screen the newest buttons belong to (the tag in their callback data)."""
    data = callback_data(messages[-1:])
    return data[0].partition("|")[2] if data else None


def new_worker(language_code: str | None = None) -> TelegramUser:
    """A worker never seen before (PostgreSQL is shared between tests)."""
    return TelegramUser(uuid.uuid4().int % 10**12 + 10**6, language_code=language_code)


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotApi, database_url: str) -> AsyncIterator[RunningBot]:
    async with running_bot(api, bot_settings(api, database_url)) as running:
        yield running


@pytest.fixture
def chat(bot: RunningBot) -> Callable[..., WorkerChat]:
    def make(language_code: str | None = None) -> WorkerChat:
        return WorkerChat(bot, new_worker(language_code))

    return make


async def start_in(worker: WorkerChat, language: str) -> list[dict[str, Any]]:
    """``/start`` and press the language named ``language`` (in its own script)."""
    await worker.command("/start")
    return await worker.press(language)


# -- /start and languages --------------------------------------------------------------


async def test_start_offers_every_language_as_a_button_in_its_own_script(
    chat: Callable[..., WorkerChat],
) -> None:
    worker = chat()
    [message] = await worker.command("/start")
    assert message["text"] == screen_text("language", "en")
    assert labels([message])[: len(LANGUAGES)] == list(LANGUAGES.values())
    assert "বাংলা" in labels([message]) and "اردو" in labels([message])


async def test_choosing_a_language_shows_the_main_menu_in_that_language(
    chat: Callable[..., WorkerChat], api: FakeBotApi
) -> None:
    worker = chat()
    [menu] = await start_in(worker, "Bahasa Indonesia")
    assert menu["text"] == screen_text("menu", "id")
    assert screen_of([menu]) == "menu"
    # The language message keeps the choice as text and loses its buttons.
    [language_message] = worker.transcript()[:1]
    assert language_message["text"].endswith("✔ Bahasa Indonesia")
    assert "reply_markup" not in language_message
    assert len(api.calls("answerCallbackQuery")) == 1


async def test_language_switches_the_language_and_shows_the_main_menu(
    chat: Callable[..., WorkerChat],
) -> None:
    worker = chat()
    await start_in(worker, "English")
    [picker] = await worker.command("/language")
    assert labels([picker]) == list(LANGUAGES.values())
    [menu] = await worker.press("नेपाली")
    assert menu["text"] == screen_text("menu", "ne")
    [help_screen] = await worker.say("99")
    assert help_screen["text"] == screen_text("help", "ne")


async def test_a_start_link_with_a_language_skips_the_language_list(
    chat: Callable[..., WorkerChat],
) -> None:
    worker = chat()
    [menu] = await worker.command("/start", "bn")
    assert menu["text"] == screen_text("menu", "bn")


async def test_a_returning_worker_in_the_middle_is_offered_to_continue_or_start_again(
    chat: Callable[..., WorkerChat],
) -> None:
    worker = chat()
    await start_in(worker, "English")
    await worker.press("Help and contacts")
    [welcome] = await worker.command("/start")
    assert "Welcome back" in welcome["text"]
    assert labels([welcome]) == ["Continue", "Start again", "Home", "Help"]
    [again] = await worker.press("Continue")
    assert again["text"] == screen_text("help", "en")


# -- the injury flow -------------------------------------------------------------------

HURT_AT_WORK: dict[str, str] = {
    "menu": "injury",
    "injury.start": "at_work",
    "injury.first_steps": "continue",
    "slot.date": "this_week",
    "slot.wage": "below_1700",
    "slot.mc_days": "12",  # typed: days of medical leave
    "slot.pct": "not_yet",
}
"""A worker hurt at work this week, earning below RM1,700, on MC for 12 days: the screen,
and the choice id pressed there (or what is typed). Other screens: "I don't know"."""


async def answer(worker: WorkerChat, choices: dict[str, str]) -> list[dict[str, Any]]:
    """Answer the current screen as ``choices`` says, pressing the button by the label the
    worker sees in their language; a typed answer is typed."""
    turn = await worker.bot.assistant.current(Channel.TELEGRAM, str(worker.user.id))
    wanted = choices.get(turn.reply.screen, "dont_know")
    option = next((o for o in turn.reply.options if o.id == wanted), None)
    if option is None and wanted.isdigit():
        return await worker.say(wanted)
    option = option or turn.reply.options[0]
    return await worker.press(render_text(option.label, turn.translator))


async def answer_until_summary(
    worker: WorkerChat, choices: dict[str, str], *, limit: int = 25
) -> tuple[list[str], list[dict[str, Any]]]:
    """Answer screen after screen until the summary: (screens seen, summary messages)."""
    seen: list[str] = []
    for _ in range(limit):
        replies = await answer(worker, choices)
        screen = screen_of(replies)
        assert screen is not None, replies
        seen.append(screen)
        if screen == "summary":
            return seen, replies
    raise AssertionError(f"no summary after {limit} answers: {seen}")


@pytest.mark.parametrize(("lang", "name"), [("en", "English"), ("bn", "বাংলা")])
async def test_a_worker_hurt_at_work_gets_a_summary_from_start_to_end(
    chat: Callable[..., WorkerChat], lang: str, name: str
) -> None:
    worker = chat()
    await start_in(worker, name)
    screens, summary = await answer_until_summary(worker, HURT_AT_WORK)
    assert screens[:3] == ["injury.start", "injury.first_steps", "slot.date"]
    assert "slot.mc_days" in screens
    tr = get_translator(lang)
    text = "\n\n".join(m["text"] for m in summary)
    assert tr.number(12) in text  # the 12 days of MC, in the worker's digits
    assert tr.money(Decimal("1600")) in text  # the wage band it was worked out from
    assert "1-300-22-8000" in text
    # Every answered question reads as a transcript: buttons gone, the choice written.
    answered = [m for m in worker.transcript() if "✔" in m["text"]]
    assert len(answered) >= len(screens) - 1
    # The summary in three languages (Bengali, Malay, English) for an officer is longer
    # than one Telegram message: it arrives in parts, split between paragraphs.
    both = await worker.press(tr.gettext("Show in Malay and English too"))
    assert all(telegram_length(m["text"]) <= MAX_TEXT for m in both)
    if lang == "bn":
        assert len(both) >= 2
    shown = await worker.bot.assistant.current(Channel.TELEGRAM, str(worker.user.id))
    whole = render_chat(shown.reply, shown.translator).text
    assert "\n\n".join(m["text"] for m in both) == whole  # cut only between paragraphs
    assert all("reply_markup" not in m for m in both[:-1])
    assert labels(both[-1:])[0] == tr.gettext("Main menu")


async def test_restart_in_the_middle_goes_to_the_main_menu_with_the_answers_cleared(
    chat: Callable[..., WorkerChat],
) -> None:
    worker = chat()
    await start_in(worker, "English")
    for _ in range(5):  # menu, kind, first steps, date, wage: now asked about MC days
        await answer(worker, HURT_AT_WORK)
    [asked] = worker.transcript()[-1:]
    assert screen_of([asked]) == "slot.mc_days"
    [menu] = await worker.command("/restart")
    assert menu["text"] == screen_text("menu", "en")
    for _ in range(3):
        replies = await answer(worker, HURT_AT_WORK)
    assert screen_of(replies) == "slot.date"  # asked again: the old answers are gone
    [welcome] = await worker.command("/start")
    assert "Welcome back" in welcome["text"]


async def test_restart_after_going_home_mid_flow_also_clears_the_answers(
    chat: Callable[..., WorkerChat],
) -> None:
    worker = chat()
    await start_in(worker, "English")
    for _ in range(4):  # menu, kind, first steps, date: now asked about the wage
        await answer(worker, HURT_AT_WORK)
    await worker.press("Home")
    [menu] = await worker.command("/restart")
    assert menu["text"] == screen_text("menu", "en")
    for _ in range(3):
        replies = await answer(worker, HURT_AT_WORK)
    assert screen_of(replies) == "slot.date"


# -- commands --------------------------------------------------------------------------


async def test_privacy_says_what_is_kept_and_for_how_many_days(
    api: FakeBotApi, database_url: str
) -> None:
    settings = bot_settings(api, database_url, retention_days=45)
    async with running_bot(api, settings) as bot:
        worker = WorkerChat(bot, new_worker())
        await start_in(worker, "English")
        [note] = await worker.command("/privacy")
    assert "45 days after your last message" in note["text"]
    assert "does not keep your name, phone number or passport number" in note["text"]
    assert "/delete" in note["text"]
    assert "reply_markup" not in note  # the menu's buttons above stay usable


async def test_help_lists_the_commands_then_shows_the_careline(
    chat: Callable[..., WorkerChat],
) -> None:
    worker = chat()
    await start_in(worker, "English")
    commands, help_screen = await worker.command("/help")
    for command in ("/start", "/language", "/restart", "/privacy", "/delete"):
        assert command in commands["text"]
    assert help_screen["text"] == screen_text("help", "en")
    assert "1-300-22-8000" in help_screen["text"]
    [_commands, screen_again] = await worker.command("/help")  # already on help: no hint
    assert screen_again["text"] == help_screen["text"]


async def test_help_before_a_language_is_chosen_shows_the_language_list_again(
    chat: Callable[..., WorkerChat],
) -> None:
    worker = chat()
    await worker.command("/start")
    commands, language = await worker.command("/help")
    assert "/language" in commands["text"]
    assert language["text"] == screen_text("language", "en")


async def test_delete_erases_everything_and_start_asks_for_the_language_again(
    chat: Callable[..., WorkerChat],
) -> None:
    worker = chat()
    await start_in(worker, "English")
    await worker.press("Help and contacts")
    [confirmation] = await worker.command("/delete")
    assert "Deleted: your answers, your language and your last result" in confirmation["text"]
    [first] = await worker.command("/start")
    assert first["text"] == screen_text("language", "en")  # no "welcome back": nothing kept


async def test_an_unknown_command_shows_the_same_screen_with_the_commands_that_work(
    chat: Callable[..., WorkerChat],
) -> None:
    worker = chat()
    await start_in(worker, "English")
    [reply] = await worker.command("/weather")
    assert reply["text"].startswith(get_translator("en").gettext(texts.UNKNOWN_COMMAND))
    assert screen_of([reply]) == "menu"


async def test_a_sticker_gets_a_hint_and_the_same_screen(
    chat: Callable[..., WorkerChat], api: FakeBotApi
) -> None:
    worker = chat()
    await start_in(worker, "English")
    api.send_sticker(worker.user)
    [reply] = await worker.replies()
    assert reply["text"].startswith("kawan can only read text.")
    assert screen_of([reply]) == "menu"


async def test_the_command_menu_is_published_for_every_translated_language(
    bot: RunningBot, api: FakeBotApi
) -> None:
    english = [description for _, description in texts.COMMANDS]
    translated = {
        code: get_translator(code)
        for code in LANGUAGES
        if [get_translator(code).gettext(d) for d in english] != english
    }
    await api.wait_for(
        lambda: len(api.calls("setMyCommands")) == 1 + len(translated), what="setMyCommands"
    )
    calls = api.calls("setMyCommands")
    assert all(call.ok for call in calls)  # every language code is one Telegram accepts
    assert "language_code" not in calls[0].params
    assert [c["command"] for c in calls[0].params["commands"]] == [
        "start",
        "language",
        "help",
        "restart",
        "privacy",
        "delete",
    ]
    published = {call.params["language_code"] for call in calls[1:]}
    assert len(published) == len(translated)


# -- answers and buttons ---------------------------------------------------------------


async def test_typed_numbers_and_native_digits_work_like_buttons(
    chat: Callable[..., WorkerChat],
) -> None:
    worker = chat()
    await start_in(worker, "English")
    [help_screen] = await worker.say("৯")  # Bengali nine: "Help and contacts"
    assert help_screen["text"] == screen_text("help", "en")
    [menu] = await worker.say("1")
    assert screen_of([menu]) == "menu"


async def test_a_button_from_an_earlier_question_shows_where_the_worker_is_now(
    chat: Callable[..., WorkerChat], api: FakeBotApi
) -> None:
    """Old messages keep their buttons on screen: pressing "Quick exit" under a menu that
    was answered by typing must not delete anything."""
    worker = chat()
    [menu] = await start_in(worker, "English")
    await worker.say("9")  # typed: the menu message keeps its buttons
    quick_exit = next(
        b["callback_data"]
        for b in FakeBotApi.buttons([menu])
        if b["text"] == "Quick exit (delete all)"
    )
    api.press(worker.user, menu["message_id"], quick_exit)
    [now] = await worker.replies()
    assert now["text"] == screen_text("help", "en")
    notice = api.calls("answerCallbackQuery")[-1].params
    assert notice["text"] == texts.STALE_BUTTON
    [welcome] = await worker.command("/start")
    assert "Welcome back" in welcome["text"]  # nothing was deleted


async def test_two_workers_writing_at_the_same_time_keep_separate_conversations(
    bot: RunningBot, api: FakeBotApi
) -> None:
    ana, budi = WorkerChat(bot, new_worker()), WorkerChat(bot, new_worker())
    await start_in(ana, "English")
    await start_in(budi, "Bahasa Indonesia")
    for _ in range(3):  # interleaved, without waiting for answers
        api.send_text(ana.user, "9")
        api.send_text(budi.user, "00")
        api.send_text(ana.user, "1")
    ana_replies, budi_replies = await ana.replies(), await budi.replies()
    assert [screen_of([m]) for m in ana_replies] == ["help", "menu"] * 3
    assert [m["text"] for m in budi_replies] == [screen_text("menu", "id")] * 3


async def test_rapid_messages_from_one_worker_are_answered_in_the_order_sent(
    chat: Callable[..., WorkerChat], api: FakeBotApi
) -> None:
    worker = chat()
    await start_in(worker, "English")
    sequence = ["9", "1"] * 6  # help, back to the menu, help, …
    for typed in sequence:
        api.send_text(worker.user, typed)
    replies = await worker.replies()
    assert [screen_of([m]) for m in replies] == ["help", "menu"] * 6


async def test_every_button_in_every_language_fits_telegrams_64_bytes(
    chat: Callable[..., WorkerChat],
) -> None:
    for name in LANGUAGES.values():
        worker = chat()
        await start_in(worker, name)
        await worker.say("9")
        await worker.command("/restart")
        await worker.command("/language")
        sent = worker.transcript()
        data = callback_data(sent)
        assert data, name
        assert all(d.isascii() and 1 <= len(d.encode()) <= 64 for d in data), name


# -- a database that is down -----------------------------------------------------------




@pytest.mark.postgres
async def test_while_the_database_is_down_a_worker_gets_a_short_message_and_loses_nothing(
    api: FakeBotApi, postgres_url: str
) -> None:
    async with running_bot(api, bot_settings(api, postgres_url)) as bot:
        worker = WorkerChat(bot, new_worker(language_code="id"))
        await start_in(worker, "English")
        with database_outage(postgres_url):
            pressed = await worker.press("Help and contacts")
            typed = await worker.say("9")
            started = await worker.command("/start")
        sorry = bot.assistant.unavailable_text("id")  # their Telegram app's language
        assert [m["text"] for m in pressed + typed + started] == [sorry] * 3
        # The menu kept its buttons: the same press works once the database is back.
        [help_screen] = await worker.press("Help and contacts")
    assert help_screen["text"] == screen_text("help", "en")
