"""``kawan purge``: conversations and audit rows past the retention limit go; recent ones
stay; the count is printed."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.service import Assistant, Channel
from bot.settings import Settings
from bot.store import AuditEvent, Key, SqlStore, Write


def _kawan(
    settings: Settings, cwd: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "KAWAN_DATABASE_URL": settings.database_url,
        "KAWAN_ID_SECRET": settings.id_secret or "",
        **env,
    }
    return subprocess.run(
        ["kawan", *args], env=environment, cwd=cwd, capture_output=True, text=True, timeout=120
    )


async def _conversation_idle_for(settings: Settings, user: str, days: int) -> None:
    then = datetime.now(UTC) - timedelta(days=days)
    assistant = await Assistant.create(settings, clock=lambda: then)
    try:
        await assistant.open(Channel.TELEGRAM, user, lang="en")
    finally:
        await assistant.close()


async def _exists(settings: Settings, user: str) -> bool:
    from bot.identity import keyed_hash

    store = await SqlStore.open(settings.database_url)
    try:
        key = Key("telegram", keyed_hash(settings.resolved_id_secret(), user))
        return await store.load(key) is not None
    finally:
        await store.close()


async def test_purge_deletes_conversations_idle_past_the_limit_and_keeps_recent_ones(
    settings: Settings, tmp_path: Path
) -> None:
    await _conversation_idle_for(settings, "old-worker", days=40)
    await _conversation_idle_for(settings, "recent-worker", days=2)
    result = _kawan(settings, tmp_path, "purge", "--older-than", "30")
    assert result.returncode == 0, result.stderr
    assert "Deleted 1 conversation" in result.stdout
    assert not await _exists(settings, "old-worker")
    assert await _exists(settings, "recent-worker")


async def test_purge_defaults_to_the_retention_setting(settings: Settings, tmp_path: Path) -> None:
    await _conversation_idle_for(settings, "ten-days", days=10)
    kept = _kawan(settings, tmp_path, "purge")
    assert "Deleted 0 conversation" in kept.stdout
    assert await _exists(settings, "ten-days")
    purged = _kawan(settings, tmp_path, "purge", KAWAN_RETENTION_DAYS="7")
    assert "Deleted 1 conversation" in purged.stdout
    assert not await _exists(settings, "ten-days")


async def test_purge_deletes_audit_rows_from_before_the_limit(
    settings: Settings, store: SqlStore, tmp_path: Path
) -> None:
    today = datetime.now(UTC).date()
    for age, user in ((45, "a" * 64), (1, "b" * 64)):
        audit = AuditEvent(today - timedelta(days=age), "web", "en", None, "summary", {})
        assert await store.write(Write(Key("web", user), {}, expected=None, audit=audit))
    result = _kawan(settings, tmp_path, "purge", "--older-than", "30")
    assert "and 1 assessment record" in result.stdout


def test_purge_with_a_negative_age_is_refused_with_one_sentence(
    settings: Settings, tmp_path: Path
) -> None:
    result = _kawan(settings, tmp_path, "purge", "--older-than", "-3")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("kawan:")
    assert "Traceback" not in result.stderr


def test_purge_when_the_database_is_down_says_so_and_fails(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url="postgresql+psycopg://kawan@127.0.0.1:1/kawan",
        id_secret="x",
    )
    result = _kawan(settings, tmp_path, "purge")
    assert result.returncode == 1
    assert "cannot be reached" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_purge_returns_the_exit_code(tmp_path: Path) -> None:
    from bot.purge import run_purge

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite+aiosqlite:///{tmp_path}/k.db",
        id_secret="x",
        today=date(2026, 11, 23),
    )
    assert run_purge(5, settings=settings) == 0
