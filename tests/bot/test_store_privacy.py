"""No phone number in clear: not in the database file, not in the logs (contract.md
privacy rules). Only keyed hashes of identifiers are ever stored or logged."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from bot.service import Assistant, Channel
from bot.settings import Settings

PHONE = "+60123456789"
SESSION = "ATUid_0f9e8d7c6b5a4"


async def test_a_ussd_conversation_leaves_no_phone_number_in_the_file_or_the_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite+aiosqlite:///{tmp_path}/kawan.db",
        id_secret="privacy-test-secret",
        today=date(2026, 11, 23),
    )
    assistant = await Assistant.create(settings)
    try:
        await assistant.open(Channel.USSD, PHONE, session=SESSION)
        for text in ("98", "0", "3", "99", "0", "zzz"):
            await assistant.send(Channel.USSD, PHONE, text, session=SESSION)
        await assistant.open(Channel.USSD, PHONE, session=SESSION + "-redial")
        await assistant.send(Channel.USSD, PHONE, "1", session=SESSION + "-redial")
    finally:
        await assistant.close()

    stored = b"".join(path.read_bytes() for path in tmp_path.glob("kawan.db*"))
    assert stored, "the conversation was saved"
    for needle in (PHONE, PHONE.lstrip("+"), "0123456789", SESSION):
        assert needle.encode() not in stored
        assert needle.encode("utf-16-le") not in stored
        assert needle not in caplog.text
    assert "zzz" not in caplog.text
    assert "CREATE TABLE conversation" in caplog.text, "SQL logging was captured"
