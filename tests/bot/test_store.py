"""The store itself: schema, versioned writes, the audit of summaries, on both databases."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pydantic import JsonValue
from sqlalchemy import create_engine, select, text
from sqlmodel import SQLModel

import bot.store.models  # noqa: F401 - the tables
from bot.service import Assistant, Channel
from bot.settings import Settings
from bot.store import AuditEvent, Key, SqlStore, Write
from bot.store.models import AssessmentAudit
from dialogs.conversation import Conversation
from dialogs.engine import MENU, Flow
from dialogs.nodes import Context, Node, Outcome
from dialogs.reply import Option, Reply, Text

KEY = Key("ussd", "0" * 64)


def _sync(url: str) -> str:
    """The same database through a synchronous driver (psycopg serves both)."""
    return url.replace("+aiosqlite", "")


def test_the_migrations_create_exactly_the_tables_the_code_uses(
    database_url: str, store: SqlStore
) -> None:
    engine = create_engine(_sync(database_url))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    assert differences == []
    assert version is not None


async def test_opening_an_up_to_date_database_again_changes_nothing(
    database_url: str, store: SqlStore
) -> None:
    assert await store.write(Write(KEY, {"node": "menu"}, expected=None, lang="en"))
    again = await SqlStore.open(database_url)
    try:
        saved = await again.load(KEY)
        assert saved is not None and saved.data == {"node": "menu"}
    finally:
        await again.close()


async def test_a_sqlite_store_uses_write_ahead_logging(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/wal.db"
    opened = await SqlStore.open(url)
    await opened.close()
    engine = create_engine(_sync(url))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


async def test_a_write_based_on_an_old_version_is_refused_and_changes_nothing(
    store: SqlStore,
) -> None:
    assert await store.write(Write(KEY, {"n": 1}, expected=None, lang="en"))
    first = await store.load(KEY)
    assert first is not None and first.version == 1
    assert await store.write(Write(KEY, {"n": 2}, expected=1, lang="en"))
    assert not await store.write(Write(KEY, {"n": 3}, expected=1, lang="en"))
    assert not await store.write(Write(KEY, {"n": 4}, expected=None, lang="en"))
    latest = await store.load(KEY)
    assert latest is not None and latest.data == {"n": 2} and latest.version == 2


async def test_json_state_in_every_script_round_trips(store: SqlStore) -> None:
    data = {"lang": "my", "facts": {"note": "မြန်မာ বাংলা नेपाली اردو 简体 🙂", "n": 12}}
    assert await store.write(Write(KEY, data, expected=None, lang="my"))
    saved = await store.load(KEY)
    assert saved is not None and saved.data == data and saved.lang == "my"


async def test_a_refused_write_does_not_keep_its_audit_row(
    database_url: str, store: SqlStore
) -> None:
    audit = AuditEvent(date(2026, 11, 23), "ussd", "bn", "work_accident", "summary", {})
    assert await store.write(Write(KEY, {"n": 1}, expected=None))
    assert not await store.write(Write(KEY, {"n": 2}, expected=7, audit=audit))
    assert _audit_rows(database_url) == []


# -- the audit of summaries -------------------------------------------------------------


@dataclass(frozen=True)
class _Menu(Node):
    id: str = MENU

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        return Reply(
            body=(Text.verbatim("menu"),),
            options=(Option("1", "injury", Text.verbatim("injury")),),
            screen=self.id,
        )

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        if text != "1":
            return Outcome(goto=None, hint=Text.verbatim("?"))
        return Outcome(goto="summary.injury", facts={"event.kind": "work_accident"})

    def edges(self) -> Iterable[tuple[str, str]]:
        return ()


@dataclass(frozen=True)
class _Summary(Node):
    id: str = "summary.injury"

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        return Reply(body=(Text.verbatim("You can claim."),), screen=self.id)

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        return Outcome(goto=None, hint=Text.verbatim("?"))


SUMMARY_FLOW = Flow(
    nodes=MappingProxyType({MENU: _Menu(), "summary.injury": _Summary()}),
    resolve_next=lambda conv, ctx: MENU,
)


def _audit_rows(database_url: str) -> list[dict[str, object]]:
    engine = create_engine(_sync(database_url))
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(select(AssessmentAudit.__table__))]
    engine.dispose()
    return rows


async def test_reaching_a_summary_records_an_audit_row_without_personal_data(
    settings: Settings, database_url: str
) -> None:
    phone = "+60199998888"
    assistant = await Assistant.create(settings, flow=SUMMARY_FLOW)
    try:
        await assistant.open(Channel.USSD, phone, session="s1", lang="bn")
        await assistant.send(Channel.USSD, phone, "1", session="s1")
        # Re-showing the same summary (an unknown input) is not a second assessment.
        await assistant.send(Channel.USSD, phone, "hello", session="s1")
    finally:
        await assistant.close()
    rows = _audit_rows(database_url)
    assert len(rows) == 1
    row = rows[0]
    assert (row["channel"], row["lang"], row["event_kind"], row["screen"]) == (
        "ussd",
        "bn",
        "work_accident",
        "summary.injury",
    )
    assert row["day"] == settings.today
    assert set(row) == {"id", "day", "channel", "lang", "event_kind", "screen", "benefits"}
    assert phone not in repr(row)


@dataclass(frozen=True)
class _KeptSummary(_Summary):
    """A summary that keeps its facts as the last result, as kawan's summary does."""

    id: str = "summary.injury"

    def keeps(self, conv: Conversation, ctx: Context) -> dict[str, JsonValue] | None:
        if self.id != "summary.injury":
            return None
        return {"facts": dict(conv.facts), "as_of": ctx.today.isoformat()}

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        if text == "2":
            return Outcome(goto="summary.both")
        return Outcome(goto=None, hint=Text.verbatim("?"))


@dataclass(frozen=True)
class _InjuryMenu(_Menu):
    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        if text != "1":
            return Outcome(goto=None, hint=Text.verbatim("?"))
        facts: dict[str, JsonValue] = {
            "event.kind": "work_accident",
            "event.date": "2026-11-02",
            "event.medical_leave_days": 12,
            "worker.foreign_worker": True,
            "wages.average_monthly_wage": "1800.00",
        }
        return Outcome(goto="summary.injury", facts=facts)


KEPT_FLOW = Flow(
    nodes=MappingProxyType(
        {
            MENU: _InjuryMenu(),
            "summary.injury": _KeptSummary(),
            "summary.both": _KeptSummary(id="summary.both"),
        }
    ),
    resolve_next=lambda conv, ctx: MENU,
)


async def test_one_result_seen_twice_is_one_audit_row_with_each_benefits_status(
    settings: Settings, database_url: str
) -> None:
    assistant = await Assistant.create(settings, flow=KEPT_FLOW)
    try:
        await assistant.open(Channel.TELEGRAM, "777", lang="id")
        await assistant.send(Channel.TELEGRAM, "777", "1")
        both = await assistant.send(Channel.TELEGRAM, "777", "2")  # the bilingual view
        assert both.reply.screen == "summary.both"
    finally:
        await assistant.close()
    rows = _audit_rows(database_url)
    assert len(rows) == 1
    benefits = rows[0]["benefits"]
    assert isinstance(benefits, dict) and benefits
    assert set(benefits.values()) <= {"eligible", "not_eligible", "needs_information"}
