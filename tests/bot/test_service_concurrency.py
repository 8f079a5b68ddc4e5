"""Two messages from the same worker at once never lose either, on SQLite and PostgreSQL:
in one process (the per-worker lock), across two engines and across two processes (the
version check: the loser reloads and applies its input again).

A tally flow makes every input visible: each input is recorded as a fact of its own, so
the final conversation must hold every input exactly once. It is a real dialog engine
flow, just a one-screen one.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from bot.identity import keyed_hash
from bot.service import Assistant, Channel
from bot.settings import Settings
from bot.store import Key
from tests.auxil.tally import TALLY

WORKER = "+60111222333"




def _inputs(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(count)]


async def _version(assistant: Assistant, channel: Channel) -> int:
    key = Key(channel.value, keyed_hash(assistant.settings.resolved_id_secret(), WORKER))
    saved = await assistant.store.load(key)
    assert saved is not None
    return saved.version


async def test_twenty_simultaneous_messages_from_one_worker_are_each_applied_once(
    settings: Settings,
) -> None:
    assistant = await Assistant.create(settings, flow=TALLY)
    try:
        await assistant.open(Channel.TELEGRAM, WORKER, lang="en")
        inputs = _inputs("n", 20)
        turns = await asyncio.gather(
            *(assistant.send(Channel.TELEGRAM, WORKER, text) for text in inputs)
        )
        final = await assistant.current(Channel.TELEGRAM, WORKER)
        assert set(final.conversation.facts) == {f"seen.{text}" for text in inputs}
        # Each turn saw the ones before it: counts 1..20, each once.
        assert sorted(len(t.conversation.facts) for t in turns) == list(range(1, 21))
        assert await _version(assistant, Channel.TELEGRAM) == 21
    finally:
        await assistant.close()


async def test_simultaneous_first_messages_of_a_new_worker_are_all_kept(
    settings: Settings,
) -> None:
    """No row yet: every turn tries to create it; the losers reload and apply."""
    one = await Assistant.create(settings, flow=TALLY)
    two = await Assistant.create(settings, flow=TALLY)
    try:
        await asyncio.gather(
            one.set_language(Channel.WEB, WORKER, "en"),
            two.set_language(Channel.WEB, WORKER, "en"),
        )
        sends = [one.send(Channel.WEB, WORKER, t) for t in _inputs("a", 5)]
        sends += [two.send(Channel.WEB, WORKER, t) for t in _inputs("b", 5)]
        await asyncio.gather(*sends)
        final = await one.current(Channel.WEB, WORKER)
        assert len(final.conversation.facts) == 10
    finally:
        await one.close()
        await two.close()


async def test_two_engines_on_one_database_never_lose_a_message(settings: Settings) -> None:
    one = await Assistant.create(settings, flow=TALLY)
    two = await Assistant.create(settings, flow=TALLY)
    try:
        await one.open(Channel.USSD, WORKER, session="s1", lang="en")
        left, right = _inputs("l", 15), _inputs("r", 15)
        sends = [one.send(Channel.USSD, WORKER, t, session="s1") for t in left]
        sends += [two.send(Channel.USSD, WORKER, t, session="s1") for t in right]
        await asyncio.gather(*sends)
        final = await two.current(Channel.USSD, WORKER)
        assert set(final.conversation.facts) == {f"seen.{t}" for t in left + right}
        assert await _version(one, Channel.USSD) == 31
    finally:
        await one.close()
        await two.close()


_CHILD = """
import asyncio, sys
sys.path.insert(0, {tests!r})
sys.path.insert(0, {root!r})
from test_service_concurrency import WORKER
from tests.auxil.tally import TALLY
from bot.service import Assistant, Channel
from bot.settings import Settings

async def main(prefix):
    assistant = await Assistant.create(Settings(), flow=TALLY)
    try:
        await asyncio.gather(*(
            assistant.send(Channel.TELEGRAM, WORKER, f"{{prefix}}{{i}}") for i in range(40)
        ))
    finally:
        await assistant.close()

asyncio.run(main(sys.argv[1]))
"""


async def test_two_processes_writing_for_one_worker_never_lose_a_message(
    settings: Settings, tmp_path: Path
) -> None:
    assistant = await Assistant.create(settings, flow=TALLY)
    try:
        await assistant.open(Channel.TELEGRAM, WORKER, lang="en")
        env = {
            **os.environ,
            "KAWAN_DATABASE_URL": settings.database_url,
            "KAWAN_ID_SECRET": settings.id_secret or "",
        }
        code = _CHILD.format(tests=str(Path(__file__).parent), root=str(Path(__file__).parents[2]))
        children = [
            subprocess.Popen(
                [sys.executable, "-c", code, prefix], env=env, cwd=tmp_path, stderr=subprocess.PIPE
            )
            for prefix in ("p", "q")
        ]
        for child in children:
            _, err = child.communicate(timeout=120)
            assert child.returncode == 0, err.decode()
        final = await assistant.current(Channel.TELEGRAM, WORKER)
        expected = {f"seen.{t}" for t in _inputs("p", 40) + _inputs("q", 40)}
        assert set(final.conversation.facts) == expected
        assert await _version(assistant, Channel.TELEGRAM) == 81
    finally:
        await assistant.close()


async def test_many_workers_at_once_each_keep_their_own_conversation(
    assistant: Assistant,
) -> None:
    workers = [f"+6010{i:07d}" for i in range(30)]
    await asyncio.gather(*(assistant.open(Channel.USSD, w, session=w) for w in workers))
    await asyncio.gather(*(assistant.send(Channel.USSD, w, "1", session=w) for w in workers))
    helped = await asyncio.gather(
        *(assistant.send(Channel.USSD, w, "99", session=w) for w in workers[::2])
    )
    assert {t.reply.screen for t in helped} == {"help"}
    screens = await asyncio.gather(*(assistant.current(Channel.USSD, w) for w in workers))
    assert [t.reply.screen for t in screens] == [
        "help" if i % 2 == 0 else "menu" for i in range(30)
    ]
