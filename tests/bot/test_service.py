"""The turn service as channels use it, on SQLite and on PostgreSQL.

Only navigation every version of the flows has is used (language, main menu, help, back,
home, quick exit), so new branches do not break these tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import MappingProxyType

import pytest

from bot.service import Assistant, Channel
from bot.settings import Settings
from bot.store import Key, Write
from dialogs.conversation import Conversation
from dialogs.engine import ERASED, HELP, LANGUAGE, MENU, RESUME, Flow
from dialogs.i18n import LANGUAGES
from dialogs.nodes import Context, Node, Outcome
from dialogs.render import render_chat, render_text, render_ussd
from dialogs.reply import Reply, Text

PHONE = "+60123456789"


class Clock:
    """A clock the test moves forward (conversations stamped with it look idle)."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def _to_help(assistant: Assistant, channel: Channel, user: str) -> None:
    session = "s1" if channel is Channel.USSD else None
    await assistant.open(channel, user, session=session)
    await assistant.send(channel, user, "1", session=session)
    turn = await assistant.send(channel, user, "99", session=session)
    assert turn.reply.screen == HELP


async def test_a_new_worker_is_first_asked_for_their_language(assistant: Assistant) -> None:
    turn = await assistant.open(Channel.TELEGRAM, "4242")
    assert turn.reply.screen == LANGUAGE
    assert turn.translator.lang == "en"


async def test_a_language_given_by_the_channel_skips_the_language_screen(
    assistant: Assistant,
) -> None:
    turn = await assistant.open(Channel.WEB, "sim-1", lang="ms")
    assert turn.reply.screen == MENU
    assert turn.conversation.lang == "ms"
    assert turn.translator.lang == "ms"


async def test_choosing_a_language_then_help_then_back_returns_to_the_menu(
    assistant: Assistant,
) -> None:
    await assistant.open(Channel.TELEGRAM, "7")
    menu = await assistant.send(Channel.TELEGRAM, "7", "1")
    helped = await assistant.send(Channel.TELEGRAM, "7", "99")
    back = await assistant.send(Channel.TELEGRAM, "7", "0")
    assert (menu.reply.screen, helped.reply.screen, back.reply.screen) == (MENU, HELP, MENU)
    assert "1-300-22-8000" in render_chat(helped.reply, helped.translator).text


async def test_a_conversation_survives_a_restart_and_continues_at_the_same_screen(
    settings: Settings,
) -> None:
    first = await Assistant.create(settings)
    await _to_help(first, Channel.TELEGRAM, "99001")
    await first.close()

    second = await Assistant.create(settings)
    try:
        resumed = await second.open(Channel.TELEGRAM, "99001")
        assert resumed.reply.screen == RESUME
        continued = await second.send(Channel.TELEGRAM, "99001", "1")
        assert continued.reply.screen == HELP
    finally:
        await second.close()


async def test_a_worker_who_redials_ussd_is_offered_to_continue(assistant: Assistant) -> None:
    await _to_help(assistant, Channel.USSD, PHONE)
    redial = await assistant.open(Channel.USSD, PHONE, session="s2")
    assert redial.reply.screen == RESUME
    continued = await assistant.send(Channel.USSD, PHONE, "1", session="s2")
    assert continued.reply.screen == HELP


async def test_an_input_from_a_new_ussd_session_is_treated_as_a_redial(
    assistant: Assistant,
) -> None:
    await _to_help(assistant, Channel.USSD, PHONE)
    turn = await assistant.send(Channel.USSD, PHONE, "1", session="another-session")
    assert turn.reply.screen == RESUME


async def test_an_idle_ussd_session_is_treated_as_a_redial(settings: Settings) -> None:
    clock = Clock()
    assistant = await Assistant.create(settings, clock=clock)
    try:
        await _to_help(assistant, Channel.USSD, PHONE)
        clock.now += timedelta(seconds=settings.ussd_session_idle_seconds + 1)
        turn = await assistant.send(Channel.USSD, PHONE, "1", session="s1")
        assert turn.reply.screen == RESUME
    finally:
        await assistant.close()


async def test_a_chat_idle_for_days_restarts_at_the_menu_with_a_note_in_the_same_language(
    settings: Settings,
) -> None:
    clock = Clock()
    assistant = await Assistant.create(settings, clock=clock)
    try:
        await assistant.open(Channel.TELEGRAM, "555", lang="id")
        await assistant.send(Channel.TELEGRAM, "555", "99")
        clock.now += timedelta(days=settings.chat_session_idle_days, minutes=1)
        turn = await assistant.send(Channel.TELEGRAM, "555", "1")
        assert turn.reply.screen == MENU
        assert turn.reply.hint is not None
        assert "expired" in turn.reply.hint.msgid
        assert turn.conversation.lang == "id"
        assert turn.conversation.history == []
        # The note is shown once; the next input is handled normally.
        after = await assistant.send(Channel.TELEGRAM, "555", "99")
        assert after.reply.screen == HELP
    finally:
        await assistant.close()


async def test_a_chat_idle_for_days_keeps_the_last_result_to_show_again(
    settings: Settings,
) -> None:
    clock = Clock()
    assistant = await Assistant.create(settings, clock=clock)
    try:
        opened = await assistant.open(Channel.TELEGRAM, "556", lang="ne")
        key = Key("telegram", _hash(assistant, "556"))
        saved = await assistant.store.load(key)
        assert saved is not None
        result = {"facts": {"event.kind": "work_accident"}, "as_of": "2026-11-01"}
        with_result = opened.conversation.model_copy(update={"last_result": result})
        data = with_result.model_dump(mode="json")
        assert await assistant.store.write(Write(key, data, saved.version, lang="ne"))
        clock.now += timedelta(days=settings.chat_session_idle_days + 1)
        turn = await assistant.send(Channel.TELEGRAM, "556", "99")
        assert turn.reply.screen == MENU
        assert turn.conversation.last_result == result
        assert turn.conversation.lang == "ne"
    finally:
        await assistant.close()


async def test_ussd_98_and_0_page_through_a_screen_longer_than_one_page(
    assistant: Assistant,
) -> None:
    first = await assistant.open(Channel.USSD, PHONE, session="s1")
    pages = render_ussd(first.reply, first.translator, assistant.ussd_budget).pages
    assert len(pages) > 1
    more = await assistant.send(Channel.USSD, PHONE, "98", session="s1")
    assert more.conversation.page == 1
    assert more.reply.screen == LANGUAGE
    back = await assistant.send(Channel.USSD, PHONE, "0", session="s1")
    assert back.conversation.page == 0


async def test_every_ussd_page_fits_the_configured_budget(assistant: Assistant) -> None:
    turn = await assistant.open(Channel.USSD, PHONE, session="s1", lang="bn")
    for page in render_ussd(turn.reply, turn.translator, assistant.ussd_budget).pages:
        assert assistant.ussd_budget.fits(page)


async def test_quick_exit_deletes_the_conversation_and_answers_in_the_workers_language(
    assistant: Assistant,
) -> None:
    await assistant.open(Channel.TELEGRAM, "31337", lang="ms")
    menu = await assistant.current(Channel.TELEGRAM, "31337")
    quick_exit = next(o for o in menu.reply.options if o.id == "quick_exit")
    turn = await assistant.send(Channel.TELEGRAM, "31337", quick_exit.key)
    assert turn.reply.erase and turn.reply.screen == ERASED
    assert turn.translator.lang == "ms"
    key = Key("telegram", _hash(assistant, "31337"))
    assert await assistant.store.load(key) is None
    again = await assistant.send(Channel.TELEGRAM, "31337", "hello")
    assert again.reply.screen == LANGUAGE


async def test_an_exit_word_in_chat_deletes_the_conversation(assistant: Assistant) -> None:
    await assistant.open(Channel.WEB, "sim-9", lang="en")
    turn = await assistant.send(Channel.WEB, "sim-9", "exit")
    assert turn.reply.erase
    assert await assistant.store.load(Key("web", _hash(assistant, "sim-9"))) is None


async def test_delete_removes_the_workers_rows(assistant: Assistant) -> None:
    await _to_help(assistant, Channel.TELEGRAM, "808")
    await assistant.erase(Channel.TELEGRAM, "808")
    assert await assistant.store.load(Key("telegram", _hash(assistant, "808"))) is None
    fresh = await assistant.open(Channel.TELEGRAM, "808")
    assert fresh.reply.screen == LANGUAGE


async def test_the_same_identifier_on_two_channels_is_two_conversations(
    assistant: Assistant,
) -> None:
    await assistant.open(Channel.TELEGRAM, "12345", lang="bn")
    web = await assistant.open(Channel.WEB, "12345")
    assert web.reply.screen == LANGUAGE


async def test_switching_language_shows_the_menu_in_the_new_language(
    assistant: Assistant,
) -> None:
    await _to_help(assistant, Channel.TELEGRAM, "64")
    turn = await assistant.set_language(Channel.TELEGRAM, "64", "ne")
    assert turn.reply.screen == MENU
    assert turn.translator.lang == "ne" == turn.conversation.lang
    unknown = await assistant.set_language(Channel.TELEGRAM, "64", "klingon")
    assert unknown.reply.screen == LANGUAGE


async def test_current_shows_the_same_screen_and_changes_nothing(
    assistant: Assistant,
) -> None:
    await _to_help(assistant, Channel.WEB, "sim-2")
    key = Key("web", _hash(assistant, "sim-2"))
    before = await assistant.store.load(key)
    turn = await assistant.current(Channel.WEB, "sim-2")
    assert turn.reply.screen == HELP
    assert await assistant.store.load(key) == before


async def test_current_for_an_unknown_worker_shows_the_language_screen(
    assistant: Assistant,
) -> None:
    turn = await assistant.current(Channel.WEB, "nobody")
    assert turn.reply.screen == LANGUAGE


async def test_unknown_input_keeps_the_conversation_and_shows_a_hint(
    assistant: Assistant,
) -> None:
    await _to_help(assistant, Channel.TELEGRAM, "1")
    for noise in ("🙂🙂🙂", "\x00\x1b[2J", "x" * 10_000, "  ", "123456789012"):
        turn = await assistant.send(Channel.TELEGRAM, "1", noise)
        assert turn.reply.screen == HELP
        assert turn.reply.hint is not None


async def test_english_fallbacks_shown_are_counted_per_language(assistant: Assistant) -> None:
    turn = await assistant.open(Channel.WEB, "sim-3", lang="ta")
    # A message no catalogue has: rendering it shows English, a fallback to count.
    render_text(Text("kawan test sentence that no catalogue translates"), turn.translator)
    render_text(Text("kawan test sentence that no catalogue translates"), turn.translator)
    await assistant.send(Channel.WEB, "sim-3", "99")
    counts = await assistant.fallback_counts()
    assert counts.get("ta", 0) >= 2


async def test_fallbacks_rendered_after_the_last_turn_are_saved_at_close(
    settings: Settings,
) -> None:
    assistant = await Assistant.create(settings)
    turn = await assistant.open(Channel.WEB, "sim-4", lang="th")
    before = (await assistant.fallback_counts()).get("th", 0)
    render_text(Text("kawan test sentence that no catalogue translates"), turn.translator)
    await assistant.close()

    reopened = await Assistant.create(settings)
    try:
        assert (await reopened.fallback_counts()).get("th", 0) == before + 1
    finally:
        await reopened.close()


async def test_the_unavailable_message_names_the_careline_in_every_language(
    assistant: Assistant,
) -> None:
    for lang in (*LANGUAGES, None, "xx"):
        assert "1-300-22-8000" in assistant.unavailable_text(lang)
        assert "1-300-22-8000" in assistant.unavailable_text(lang, ussd=True)


async def test_the_ussd_unavailable_message_fits_one_screen_in_every_language(
    assistant: Assistant,
) -> None:
    for lang in LANGUAGES:
        text = assistant.unavailable_text(lang, ussd=True)
        assert assistant.ussd_budget.fits(text), (lang, text)


def _hash(assistant: Assistant, user_id: str) -> str:
    from bot.identity import keyed_hash

    return keyed_hash(assistant.settings.resolved_id_secret(), user_id)


@dataclass(frozen=True)
class _Faulty(Node):
    """A screen with a bug: any answer but "1" raises."""

    id: str = MENU

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        return Reply(body=(Text.verbatim("menu"),), screen=self.id)

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        if text == "1":
            return Outcome(goto=MENU, facts={"ok": True})
        raise ZeroDivisionError("a bug in a flow")


FAULTY = Flow(nodes=MappingProxyType({MENU: _Faulty()}), resolve_next=lambda conv, ctx: MENU)


async def test_a_fault_in_a_flow_shows_the_screen_again_with_an_apology_and_keeps_the_answers(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    assistant = await Assistant.create(settings, flow=FAULTY)
    try:
        await assistant.open(Channel.WEB, "sim-bug", lang="en")
        await assistant.send(Channel.WEB, "sim-bug", "1")
        turn = await assistant.send(Channel.WEB, "sim-bug", "secret 12345")
        assert turn.reply.screen == MENU
        assert turn.reply.hint is not None and "Sorry" in turn.reply.hint.msgid
        assert turn.conversation.facts == {"ok": True}
        assert "secret 12345" not in caplog.text
    finally:
        await assistant.close()
