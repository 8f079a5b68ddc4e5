"""The one turn driver every channel calls (USSD, Telegram, web simulator, terminal demo).

A channel hands over the worker's raw identifier and what they typed; the service hashes
the identifier (:mod:`bot.identity`), loads the conversation (one read, skipped when this
process wrote the row last and still remembers it), lets the pure dialog engine step it,
saves it (one versioned write, acknowledged once committed) and returns the reply with the
worker's translator. Channels only render. Everything about sessions lives here: a USSD
redial is offered "continue where you left off", an idle chat starts again at the main
menu with a short note, an erase deletes the row, and two messages from one worker
arriving at once are both applied (a per-worker lock in this process, a version check
across processes).
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Any, Final

from pydantic import ValidationError

from bot.identity import SESSION, KeyedHasher
from bot.settings import Settings, get_settings
from bot.store import AuditEvent, Key, Saved, Store, StoreUnavailable, Write, open_store, utcnow
from bot.ussd_screens import UssdScreens
from dialogs import engine
from dialogs.conversation import Conversation
from dialogs.engine import Flow
from dialogs.flows import FLOW
from dialogs.i18n import Translator, get_translator, normalize_language
from dialogs.nodes import Context
from dialogs.render import UssdBudget
from dialogs.reply import Reply, Text
from eligibility.text import N_

__all__ = ["Assistant", "Channel", "StoreUnavailable", "Turn"]

log = logging.getLogger(__name__)

MALAYSIA: Final = timezone(timedelta(hours=8), "MYT")
"""Workers' "today" is Malaysian time whatever the server's clock says."""

MAX_ATTEMPTS: Final = 50
"""Version conflicts in a row before a turn gives up (only another process writing the
same worker's row at the same instant causes one)."""

TRANSLATOR_RECHECK_SECONDS: Final = 1.0

MAX_KNOWN: Final = 10_000
"""Conversations kept in memory after their last write (the least recently used are
forgotten first): a worker's next turn in this process then needs no database read.
About 1.5 kB each, so 15 MB at most; ten thousand workers between two of their turns is
far more than one process serves at once."""

# TRANSLATORS: shown in chat (Telegram, web, terminal) instead of any screen when kawan's
# database is down. Keep the careline number as is. No USSD limit (USSD has its own
# shorter form).
UNAVAILABLE = N_(
    "kawan cannot reach its records, please try again in a few minutes. "
    "PERKESO careline 1-300-22-8000"
)
# TRANSLATORS: USSD form of the "cannot reach its records" message, shown as the whole
# screen when kawan's database is down. Keep the careline number as is. USSD: ≤ 75 chars.
UNAVAILABLE_USSD = N_("kawan is unavailable. Try again soon. Careline 1-300-22-8000")
# TRANSLATORS: hint above a screen shown again because kawan itself failed to handle the
# answer (a fault, not the worker's mistake). USSD: ≤ 45 chars.
FAULT = N_("Sorry, that did not work. Please try again.")
# TRANSLATORS: note above the main menu when a worker writes after their session ended
# (idle too long). USSD: ≤ 60 chars.
EXPIRED = N_("Your earlier session had expired; here is the main menu.")


class Channel(StrEnum):
    """Where a worker talks to kawan; part of the storage key."""

    USSD = "ussd"
    """A USSD gateway (short sessions, paged screens)."""
    TELEGRAM = "telegram"
    """The Telegram bot."""
    WEB = "web"
    """The web simulator used in NGO demos."""
    DEMO = "demo"
    """``kawan demo`` in a terminal."""


@dataclass(frozen=True)
class Turn:
    """What a channel renders after one turn."""

    reply: Reply
    conversation: Conversation
    translator: Translator
    """For the worker's language (the default language before one is chosen)."""


@dataclass(frozen=True, slots=True)
class _Outcome:
    conversation: Conversation
    reply: Reply
    session_hash: str | None
    shown_in: str | None
    """The language to show this reply in (an erase keeps the worker's own)."""
    write: bool = True


_Decide = Callable[[Saved | None, Conversation | None], _Outcome]


class _KeyedLocks:
    """One asyncio lock per worker, kept only while someone holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[Key, tuple[asyncio.Lock, list[int]]] = {}

    def hold(self, key: Key) -> _Holding:
        """``async with locks.hold(key):`` the worker's turns one at a time."""
        return _Holding(self._locks, key)


class _Holding:
    """The context manager :meth:`_KeyedLocks.hold` returns (a class, not a generator:
    it is entered on every turn)."""

    __slots__ = ("_entry", "_key", "_locks")

    def __init__(self, locks: dict[Key, tuple[asyncio.Lock, list[int]]], key: Key) -> None:
        self._locks = locks
        self._key = key

    async def __aenter__(self) -> None:
        entry = self._locks.get(self._key)
        if entry is None:
            entry = self._locks[self._key] = (asyncio.Lock(), [0])
        self._entry = entry
        entry[1][0] += 1
        try:
            await entry[0].acquire()
        except BaseException:
            self._leave()
            raise

    async def __aexit__(self, *_: object) -> None:
        self._entry[0].release()
        self._leave()

    def _leave(self) -> None:
        users = self._entry[1]
        users[0] -= 1
        if users[0] == 0:
            del self._locks[self._key]


class Assistant:
    """The turn service. Create one per process with :meth:`create`; close it at exit."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        clock: Callable[[], datetime] = utcnow,
        flow: Flow = FLOW,
    ) -> None:
        self.settings = settings
        self._known: OrderedDict[Key, Saved] = OrderedDict()
        self.store = store
        self.flow = flow
        self._hash = KeyedHasher(settings.resolved_id_secret())
        self._clock = clock
        self._locks = _KeyedLocks()
        self._chat_idle = timedelta(days=settings.chat_session_idle_days)
        self._ussd_idle = timedelta(seconds=settings.ussd_session_idle_seconds)
        self._pending_fallbacks: Counter[tuple[str, date]] = Counter()
        self._translators: dict[str, Translator] = {}
        self._translator_cache: dict[str, tuple[float, Translator]] = {}
        self._day = date.min
        self._day_ends = 0.0
        """Until when (``time.time()``) ``_day`` is Malaysia's date."""
        self.ussd_budget = UssdBudget(
            gsm7=settings.ussd_gsm7_budget, ucs2=settings.ussd_ucs2_budget
        )
        """The screen budget USSD pages are rendered with (from settings)."""
        self.ussd_screens = UssdScreens(self.ussd_budget)
        """Rendered USSD screens, shared with the USSD gateway."""

    @property
    def store(self) -> Store:
        """Where conversations are kept (replaced once when a server that started with
        its database down reaches it)."""
        return self._store

    @store.setter
    def store(self, store: Store) -> None:
        self._store = store
        self._known.clear()

    @classmethod
    async def create(
        cls,
        settings: Settings | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
        flow: Flow = FLOW,
    ) -> Assistant:
        """Open the store at ``settings.database_url`` and run its migrations.

        ``clock`` (UTC, aware) and ``flow`` are for tests and previews: an older clock
        makes idle conversations, a small flow isolates one behaviour.

        Raises:
            StoreUnavailable: the database cannot be reached.
        """
        settings = settings or get_settings()
        store = await open_store(settings.database_url, clock=clock)
        return cls(settings, store, clock=clock, flow=flow)

    async def close(self) -> None:
        """Save the fallback counts gathered since the last turn and close the store."""
        try:
            self._collect_misses()
            if self._pending_fallbacks:
                pending = dict(self._pending_fallbacks)
                self._pending_fallbacks.clear()
                await self.store.record_fallbacks(pending)
        except StoreUnavailable:
            log.warning("fallback counts not saved: store unavailable")
        finally:
            await self.store.close()

    async def __aenter__(self) -> Assistant:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    # -- what channels call ------------------------------------------------------------

    async def open(
        self,
        channel: Channel,
        user_id: str,
        *,
        session: str | None = None,
        lang: str | None = None,
    ) -> Turn:
        """A session opens (a USSD dial, Telegram ``/start``, a web page load).

        A new worker chooses a language (skipped when ``lang`` is given); a returning
        worker in the middle of a flow is asked whether to continue where they left off.
        """
        ctx = self._context(channel)
        session_hash = self._session_hash(session)
        preselect = normalize_language(lang)

        def decide(saved: Saved | None, conv: Conversation | None) -> _Outcome:
            if conv is not None and saved is not None and self._stale(saved):
                conv = self._fresh_keeping_language(conv, ctx)
            if preselect is not None:
                conv = conv or Conversation(started_on=ctx.today)
                update: dict[str, Any] = {"lang": preselect}
                if conv.lang is None or conv.node == engine.LANGUAGE:
                    update |= {"node": engine.MENU, "history": [], "page": 0}
                conv = conv.model_copy(update=update)
            new, reply = engine.begin(conv, ctx, self.flow)
            kept = session_hash or (saved.session_hash if saved else None)
            return _Outcome(new, reply, kept, new.lang)

        return await self._turn(channel, user_id, decide)

    async def send(
        self, channel: Channel, user_id: str, text: str, *, session: str | None = None
    ) -> Turn:
        """One input from the worker."""
        ctx = self._context(channel)
        session_hash = self._session_hash(session)

        def decide(saved: Saved | None, conv: Conversation | None) -> _Outcome:
            if conv is None or saved is None:
                new, reply = engine.begin(None, ctx, self.flow)
                return _Outcome(new, reply, session_hash, new.lang)
            kept = session_hash or saved.session_hash
            if self._stale(saved):
                fresh = self._fresh_keeping_language(conv, ctx)
                new, reply = engine.begin(fresh, ctx, self.flow)
                return _Outcome(new, _with_note(reply), kept, new.lang)
            if channel is Channel.USSD and self._redialled(saved, session_hash):
                new, reply = engine.begin(conv, ctx, self.flow)
                return _Outcome(new, _with_note(reply), kept, new.lang)
            new, reply = self._step(conv, text, ctx)
            return _Outcome(new, reply, kept, conv.lang if reply.erase else new.lang)

        return await self._turn(channel, user_id, decide)

    async def current(self, channel: Channel, user_id: str) -> Turn:
        """The current screen again, changing nothing (after a restart, a reconnect)."""
        ctx = self._context(channel)
        saved = await self.store.load(self._key(channel, user_id))
        conv = self._parse(saved) or Conversation(started_on=ctx.today)
        return Turn(engine.show(conv, ctx, self.flow), conv, self._translator(conv.lang))

    async def set_language(self, channel: Channel, user_id: str, lang: str) -> Turn:
        """Switch language (``/language``, the simulator's switch), then show the menu.
        An unknown code shows the language screen instead."""
        ctx = self._context(channel)
        code = normalize_language(lang)

        def decide(saved: Saved | None, conv: Conversation | None) -> _Outcome:
            conv = conv or Conversation(started_on=ctx.today)
            if code is None:
                moved = conv.model_copy(update={"node": engine.LANGUAGE, "history": [], "page": 0})
            else:
                moved = conv.model_copy(
                    update={"lang": code, "node": engine.MENU, "history": [], "page": 0}
                )
            kept = saved.session_hash if saved else None
            return _Outcome(moved, engine.show(moved, ctx, self.flow), kept, moved.lang)

        return await self._turn(channel, user_id, decide)

    async def erase(self, channel: Channel, user_id: str) -> None:
        """``/delete``: remove everything stored for this worker on this channel."""
        key = self._key(channel, user_id)
        async with self._locks.hold(key):
            self._known.pop(key, None)
            await self.store.delete(key)

    def unavailable_text(self, lang: str | None, *, ussd: bool = False) -> str:
        """The translated "cannot reach its records" message, for when the store is down;
        ``ussd=True`` gives the short form that fits one USSD screen in every language."""
        return self._translator(lang).gettext(UNAVAILABLE_USSD if ussd else UNAVAILABLE)

    async def fallback_counts(self) -> dict[str, int]:
        """English fallbacks shown per language so far (for ``kawan i18n stats``)."""
        self._collect_misses()
        if self._pending_fallbacks:
            pending = dict(self._pending_fallbacks)
            self._pending_fallbacks.clear()
            try:
                await self.store.record_fallbacks(pending)
            except BaseException:
                self._pending_fallbacks.update(pending)
                raise
        return await self.store.fallback_counts()

    async def ping(self) -> bool:
        """Whether the database answers (``/healthz``)."""
        return await self.store.ping()

    # -- one turn ----------------------------------------------------------------------

    async def _turn(self, channel: Channel, user_id: str, decide: _Decide) -> Turn:
        """Read, decide, write, under the worker's lock.

        The read is skipped when this process wrote the worker's conversation last and
        still remembers that row (:data:`MAX_KNOWN`): the write is versioned either way,
        so if another process wrote in between, it is refused and the turn reads the
        database and decides again. The row is taken out of memory for the turn, so a
        turn that fails or is cancelled leaves the next one to read the database."""
        key = self._key(channel, user_id)
        async with self._locks.hold(key):
            saved = self._known.pop(key, None)
            read = saved is None
            for attempt in range(MAX_ATTEMPTS):
                if read:
                    saved = await self.store.load(key)
                read = True
                outcome = decide(saved, self._parse(saved))
                if not outcome.write:
                    if saved is not None:
                        self._remember(key, saved)
                    break
                written = await self._save(key, saved, outcome)
                if written is not None:
                    if isinstance(written, Saved):
                        self._remember(key, written)
                    break
                log.info("version conflict for %s…, attempt %d", key.user_hash[:8], attempt + 1)
                await asyncio.sleep(random.uniform(0, 0.002 * (attempt + 1)))
            else:
                raise StoreUnavailable("too many simultaneous writes for one conversation")
        translator = self._translator(outcome.shown_in)
        return Turn(outcome.reply, outcome.conversation, translator)

    def _remember(self, key: Key, saved: Saved) -> None:
        known = self._known
        known[key] = saved
        if len(known) > MAX_KNOWN:
            known.popitem(last=False)

    async def _save(self, key: Key, saved: Saved | None, outcome: _Outcome) -> Saved | bool | None:
        """One versioned write: the row as now stored, ``True`` for an erase, ``None`` if
        the version moved (another turn wrote first)."""
        conv, reply = outcome.conversation, outcome.reply
        self._collect_misses()
        fallbacks = dict(self._pending_fallbacks)
        self._pending_fallbacks.clear()
        erase = reply.erase
        change = Write(
            key=key,
            data=None if erase else conv.model_dump(mode="json"),
            # Encoded here by pydantic's serializer: a third of json.dumps' time.
            text=None if erase else conv.model_dump_json(),
            expected=saved.version if saved is not None else None,
            lang=conv.lang,
            session_hash=outcome.session_hash,
            audit=self._audit(key.channel, saved, conv, reply),
            fallbacks=fallbacks,
            created=saved.created if saved is not None else None,
        )
        written: Saved | bool | None
        try:
            if change.data is None:
                written = await self.store.write(change) or None
            else:
                written = await self.store.write_row(change)
        except BaseException:
            self._pending_fallbacks.update(fallbacks)
            raise
        if written is None:
            self._pending_fallbacks.update(fallbacks)
        return written

    # -- helpers -----------------------------------------------------------------------

    def _step(self, conv: Conversation, text: str, ctx: Context) -> tuple[Conversation, Reply]:
        """``engine.step``, guarded: a fault in a flow re-shows the screen (or the main
        menu) with an apology instead of a traceback, and keeps the conversation."""
        try:
            return engine.step(conv, text, ctx, self.flow)
        except Exception:
            log.exception("flow error on screen %s", conv.node)  # never the input itself
        for screen in (conv, conv.model_copy(update={"node": engine.MENU, "page": 0})):
            try:
                return screen, engine.show(screen, ctx, self.flow, hint=Text(FAULT))
            except Exception:
                log.exception("flow error showing %s", screen.node)
        raise RuntimeError("the main menu cannot be shown")

    def _key(self, channel: Channel, user_id: str) -> Key:
        name = channel.value if isinstance(channel, Channel) else Channel(channel).value
        return Key(name, self._hash(user_id))

    def _session_hash(self, session: str | None) -> str | None:
        return self._hash(session, purpose=SESSION) if session else None

    def _today(self) -> date:
        fixed = self.settings.today
        if fixed is not None:
            return fixed
        now = time.time()
        if now >= self._day_ends:  # Malaysian midnight passed: look the day up again
            day = datetime.fromtimestamp(now, MALAYSIA).date()
            midnight = datetime.combine(day + timedelta(days=1), datetime.min.time(), MALAYSIA)
            self._day, self._day_ends = day, midnight.timestamp()
        return self._day

    def _context(self, channel: Channel) -> Context:
        pages = self._ussd_pages if channel == Channel.USSD else None
        return Context(today=self._today(), ngo_contact=self.settings.ngo_contact, pages=pages)

    def _ussd_pages(self, reply: Reply, lang: str | None) -> int:
        return self.ussd_screens.pages(reply, self._translator(lang))

    def _translator(self, lang: str | None) -> Translator:
        """The translator for ``lang``, looked up at most once a second: the lookup
        checks the catalogue file on disk (so a translator's edit shows in the demo),
        which would otherwise cost more than the rest of the turn."""
        lang = normalize_language(lang) or self.settings.default_language
        now = time.monotonic()
        cached = self._translator_cache.get(lang)
        if cached is not None and now - cached[0] < TRANSLATOR_RECHECK_SECONDS:
            return cached[1]
        translator = get_translator(lang)
        self._translator_cache[lang] = (now, translator)
        previous = self._translators.get(translator.lang)
        if previous is not None and previous is not translator:
            missed = previous.take_misses()  # a catalogue was edited: keep its counts
            if missed:
                self._pending_fallbacks[(translator.lang, self._today())] += missed
        self._translators[translator.lang] = translator
        return translator

    def _collect_misses(self) -> None:
        """Gather English fallbacks shown since the last turn: channels render after the
        turn returns, so they are saved with the next write (or at close)."""
        for lang, translator in self._translators.items():
            missed = translator.take_misses()
            if missed:
                self._pending_fallbacks[(lang, self._today())] += missed

    def _parse(self, saved: Saved | None) -> Conversation | None:
        if saved is None:
            return None
        try:
            return Conversation.model_validate(saved.data)
        except ValidationError:
            log.warning("unreadable saved conversation; starting again")
            return None

    def _stale(self, saved: Saved) -> bool:
        """Idle for longer than a chat may resume: start fresh (any channel)."""
        return self._clock() - saved.updated_at > self._chat_idle

    def _redialled(self, saved: Saved, session_hash: str | None) -> bool:
        """A USSD input from a new gateway session, or after the gateway's session must
        have ended: the worker dialled again."""
        if session_hash is not None and saved.session_hash not in (None, session_hash):
            return True
        return self._clock() - saved.updated_at > self._ussd_idle

    @staticmethod
    def _fresh_keeping_language(conv: Conversation, ctx: Context) -> Conversation:
        return Conversation(
            lang=conv.lang,
            node=engine.MENU if conv.lang else engine.LANGUAGE,
            last_result=conv.last_result,
            started_on=ctx.today,
        )

    def _audit(
        self, channel: str, saved: Saved | None, conv: Conversation, reply: Reply
    ) -> AuditEvent | None:
        """A new result reached: what kind of case, which benefits (never who).

        Showing a result again (paging, a hint, "my last result", the bilingual view) is
        not a new assessment: a summary counts when the result it keeps changes, or, for
        a summary that keeps none, when the worker arrives on it."""
        if not reply.screen.startswith("summary") or reply.erase:
            return None
        before = saved.data if saved is not None else {}
        if conv.last_result is not None:
            if conv.last_result == before.get("last_result"):
                return None
        elif before.get("node") == conv.node:
            return None
        return AuditEvent(
            day=self._today(),
            channel=channel,
            lang=conv.lang,
            event_kind=_event_kind(conv),
            screen=reply.screen,
            benefits=_benefit_statuses(conv, self._today()),
        )


def _with_note(reply: Reply) -> Reply:
    """The expired-session note above the main menu (not above "continue?")."""
    if reply.screen != engine.MENU:
        return reply
    return replace(reply, hint=Text(EXPIRED))


def _event_kind(conv: Conversation) -> str | None:
    kind = conv.fact("event.kind")
    if kind is None and isinstance(conv.last_result, dict):
        facts = conv.last_result.get("facts")
        if isinstance(facts, dict):
            kind = facts.get("event.kind")
    return kind if isinstance(kind, str) else None


def _benefit_statuses(conv: Conversation, today: date) -> dict[str, str]:
    """Benefit id -> status for the audit: as the summary kept it in ``last_result``
    (``{"benefits": {...}}`` or a list of ``{"id", "status"}``), or else assessed again
    from the facts it kept. Never raises: the audit must not break a turn."""
    result = conv.last_result if isinstance(conv.last_result, dict) else {}
    benefits = result.get("benefits")
    if isinstance(benefits, dict):
        return {str(k): str(v) for k, v in benefits.items()}
    if isinstance(benefits, list):
        return {
            str(item["id"]): str(item.get("status"))
            for item in benefits
            if isinstance(item, dict) and "id" in item
        }
    facts = result.get("facts")
    facts = facts if isinstance(facts, dict) else conv.facts
    as_of = result.get("as_of") or result.get("date")
    try:
        from dialogs.case import case_from_facts
        from eligibility import assess

        when = date.fromisoformat(as_of) if isinstance(as_of, str) else today
        assessment = assess(case_from_facts(facts, when), when)
        return {str(b.id): str(b.status) for b in assessment.benefits}
    except Exception as error:  # the audit is best effort, the worker's turn is not
        log.warning("audit without benefits: %s", type(error).__name__)
        return {}
