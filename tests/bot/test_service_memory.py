"""The service remembers the conversation it saved last, and never trusts it blindly.

A worker's next turn in the same process starts from the row that process wrote, with no
database read. Another process may have written in between (no sticky routing, a second
server, a ``/delete`` handled elsewhere): its versioned write then tells, and the turn
starts again from the database. These tests run two services on one database, as two
processes would, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from bot.identity import keyed_hash
from bot.service import Assistant, Channel
from bot.settings import Settings
from bot.store import Key
from dialogs.conversation import Conversation
from tests.auxil.tally import TALLY

WORKER = "+60123334444"




def _seen(*inputs: str) -> dict[str, bool]:
    return {f"seen.{text}": True for text in inputs}


async def test_a_turn_after_another_process_wrote_builds_on_what_that_process_saved(
    settings: Settings,
) -> None:
    one = await Assistant.create(settings, flow=TALLY)
    two = await Assistant.create(settings, flow=TALLY)
    try:
        await one.set_language(Channel.WEB, WORKER, "en")
        await one.send(Channel.WEB, WORKER, "a")
        await two.send(Channel.WEB, WORKER, "b")
        turn = await one.send(Channel.WEB, WORKER, "c")
        assert turn.conversation.facts == _seen("a", "b", "c")
        again = await two.send(Channel.WEB, WORKER, "d")
        assert again.conversation.facts == _seen("a", "b", "c", "d")
    finally:
        await one.close()
        await two.close()


async def test_a_conversation_deleted_and_begun_again_elsewhere_is_not_overwritten(
    settings: Settings,
) -> None:
    """The new conversation reaches the same version number as the one remembered: the
    version alone would let the stale one overwrite it."""
    one = await Assistant.create(settings, flow=TALLY)
    two = await Assistant.create(settings, flow=TALLY)
    try:
        await one.set_language(Channel.TELEGRAM, WORKER, "en")
        await one.send(Channel.TELEGRAM, WORKER, "old1")
        await one.send(Channel.TELEGRAM, WORKER, "old2")
        await two.erase(Channel.TELEGRAM, WORKER)
        await two.set_language(Channel.TELEGRAM, WORKER, "en")
        await two.send(Channel.TELEGRAM, WORKER, "new1")
        await two.send(Channel.TELEGRAM, WORKER, "new2")
        turn = await one.send(Channel.TELEGRAM, WORKER, "next")
        assert turn.conversation.facts == _seen("new1", "new2", "next")
    finally:
        await one.close()
        await two.close()


async def test_what_is_stored_is_the_conversation_the_worker_was_shown(
    assistant: Assistant,
) -> None:
    """The row is written from pydantic's JSON of the conversation: reading it back gives
    the conversation the turn returned, hint, Bengali text and all."""
    key = Key(Channel.USSD.value, keyed_hash(assistant.settings.resolved_id_secret(), WORKER))
    await assistant.open(Channel.USSD, WORKER, session="s1", lang="bn")
    for text in ("1", "হ্যাঁ 🙂", "1"):
        turn = await assistant.send(Channel.USSD, WORKER, text, session="s1")
        saved = await assistant.store.load(key)
        assert saved is not None
        assert saved.data == turn.conversation.model_dump(mode="json")
        assert Conversation.model_validate(saved.data) == turn.conversation
