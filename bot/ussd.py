"""The USSD gateway callback: the common aggregator form in, ``CON``/``END`` screens out.

A gateway (Africa's Talking and the many aggregators that copy it, rules/ussd.md) posts
``sessionId``, ``serviceCode``, ``phoneNumber``, ``networkCode`` and ``text`` for every
hop of a session. ``text`` is empty on the first hop and then holds *every* input so far
joined by ``*``; some gateways send only the latest input instead. A worker can type ``*``
inside an answer, so the history cannot be split reliably: the newest input is what was
appended to ``text`` since the previous hop of the same session, which is why the gateway
remembers the last ``text`` it saw per session (:class:`UssdSessions`).

Everything else is the one turn service and the one renderer: this module only decides
which service call a hop is, and picks the page the conversation is on. A hop never
answers with an error page: a store that is down or slow, or any unexpected failure, ends
the session with a short translated "please try again", inside the gateway's time limit.

Where the session map lives: in the process. ``kawan serve`` is one asyncio process (one
core answers thousands of hops a second, benchmarks/ussd_load.py), and the conversation
itself is always in the database (the service also remembers the row it wrote last, but
its versioned write notices when another process wrote since). A hop whose session this
process does not know (a restart mid-session, or several processes without sticky
routing) falls back on the database conversation and takes the last ``*``-separated part
of ``text`` as the input: right for menu choices and numbers, wrong only for an answer
that itself holds a ``*`` (a date typed as ``10*03*2025``). Several processes therefore
need sticky routing by ``sessionId``; one process is the default and is plenty.
"""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Final

from bot.identity import SESSION, KeyedHasher
from bot.service import Assistant, Channel, StoreUnavailable, Turn
from bot.settings import Settings
from bot.ussd_screens import MAX_SCREENS, UssdScreens
from dialogs.render import UssdBudget

__all__ = ["MAX_SCREENS", "UssdGateway", "UssdRequest", "UssdScreens", "UssdSessions"]

logger = logging.getLogger(__name__)

CONTINUE: Final = "CON "
END: Final = "END "
SEPARATOR: Final = "*"

TURN_TIMEOUT: Final = 4.0
"""Seconds a hop may take before the worker is told to try again. Gateways drop a
session after 5 to 15 s (rules/ussd.md); answering late is worse than answering no."""

DEADLINE_TICK: Final = 0.1
"""How often hops are checked against :data:`TURN_TIMEOUT`."""

MAX_SESSIONS: Final = 200_000
"""Live sessions remembered per process; the oldest are forgotten first."""


@dataclass(frozen=True, slots=True)
class UssdRequest:
    """One hop as the gateway sent it."""

    session_id: str
    phone_number: str
    text: str
    service_code: str = ""
    network_code: str = ""


@dataclass(slots=True)
class _Seen:
    """What one live session looked like at its previous hop (no text kept in clear:
    the length and a hash of ``text`` are enough to recognise an extension of it)."""

    length: int
    digest: int
    latest_only: bool
    lang: str | None
    expires: float


def newest_input(previous: _Seen, text: str) -> tuple[str, bool]:
    """The input typed since ``previous``, and whether the gateway sends latest-only.

    An accumulating gateway sends the previous ``text`` plus ``*`` plus the new input
    (or, on the first answer, the input alone). Anything else is a gateway that sends
    only the latest input; once seen, the session is treated that way to its end. An
    empty ``text`` fits both (an empty answer) and changes nothing.
    """
    if previous.latest_only or not text:
        return text, previous.latest_only
    if previous.length == 0:
        return text, False
    start = previous.length
    if len(text) > start and hash(text[:start]) == previous.digest:
        if text[start] == SEPARATOR:
            return text[start + 1 :], False
        if text[start - 1] == SEPARATOR:  # after an empty answer: "1*", then "1*2"
            return text[start:], False
    if len(text) == start and text[-1] == SEPARATOR and hash(text) == previous.digest:
        return "", False  # the same empty answer again
    return text, True


class UssdSessions:
    """The last ``text`` of every live USSD session, by keyed hash of its id and number.

    Entries expire after the channel's idle time (gateways end a session within about
    three minutes) and the map is bounded, so it never grows with traffic.
    """

    __slots__ = ("_capacity", "_entries", "_idle")

    def __init__(self, idle_seconds: float, capacity: int = MAX_SESSIONS) -> None:
        self._entries: OrderedDict[str, _Seen] = OrderedDict()
        self._idle = idle_seconds
        self._capacity = capacity

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> _Seen | None:
        seen = self._entries.get(key)
        if seen is None:
            return None
        if seen.expires < time.monotonic():
            del self._entries[key]
            return None
        return seen

    def remember(self, key: str, text: str | None, *, latest_only: bool, lang: str | None) -> None:
        """Note this hop's ``text`` (``None``: keep the one seen before)."""
        now = time.monotonic()
        seen = self._entries.get(key)
        if text is None and seen is not None:
            seen.latest_only, seen.lang, seen.expires = latest_only, lang, now + self._idle
        else:
            text = text or ""
            self._entries[key] = _Seen(len(text), hash(text), latest_only, lang, now + self._idle)
        self._entries.move_to_end(key)
        while len(self._entries) > self._capacity:
            self._entries.popitem(last=False)
        # Drop a few expired sessions from the old end on every write: cheap and enough.
        for _ in range(2):
            oldest = next(iter(self._entries.values()))
            if oldest.expires >= now:
                break
            self._entries.popitem(last=False)

    def close(self, key: str) -> None:
        self._entries.pop(key, None)


class _Deadline:
    """One hop's time limit (see :class:`_Deadlines`)."""

    __slots__ = ("at", "cancelling", "expired", "finished", "task")

    def __init__(self, at: float, task: asyncio.Task[object]) -> None:
        self.at = at
        self.task = task
        self.cancelling = task.cancelling()
        self.expired = False
        self.finished = False

    def timed_out(self) -> bool:
        """After a ``CancelledError``: whether it was this limit (then the task's
        cancellation is withdrawn) rather than a cancellation from outside."""
        return self.expired and self.task.uncancel() <= self.cancelling


class _Deadlines:
    """:data:`TURN_TIMEOUT` for every hop with one timer per event loop, not one each.

    ``asyncio.timeout`` schedules and cancels a timer per hop, which on uvloop costs as
    much as a tenth of the hop itself. Every hop has the same limit, so they expire in the
    order they started: a queue checked every :data:`DEADLINE_TICK` seconds is enough (a
    hop is cut off at most that much later than the limit)."""

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._queues: dict[asyncio.AbstractEventLoop, deque[_Deadline]] = {}

    def start(self) -> _Deadline:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task(loop)
        assert task is not None
        deadline = _Deadline(loop.time() + self._seconds, task)
        queue = self._queues.get(loop)
        if queue is None:
            queue = self._queues[loop] = deque()
            loop.call_later(DEADLINE_TICK, self._check, loop)
        queue.append(deadline)
        return deadline

    def _check(self, loop: asyncio.AbstractEventLoop) -> None:
        queue = self._queues[loop]
        now = loop.time()
        while queue and (queue[0].finished or queue[0].at <= now):
            deadline = queue.popleft()
            if not deadline.finished:
                deadline.expired = True
                deadline.task.cancel()
        if queue:
            loop.call_later(DEADLINE_TICK, self._check, loop)
        else:
            del self._queues[loop]


class UssdGateway:
    """Turns gateway hops into service calls and rendered screens."""

    def __init__(self, assistant: Assistant, settings: Settings) -> None:
        self._assistant = assistant
        budget = UssdBudget(settings.ussd_gsm7_budget, settings.ussd_ucs2_budget)
        # The service's cache when the budget is the same: a screen the service counted
        # pages of is not rendered again.
        shared = assistant.ussd_screens
        self.screens = shared if shared.budget == budget else UssdScreens(budget)
        self._hash = KeyedHasher(settings.resolved_id_secret())
        self.sessions = UssdSessions(settings.ussd_session_idle_seconds)
        self._deadlines = _Deadlines(TURN_TIMEOUT)

    def session_key(self, session_id: str, phone_number: str) -> str:
        """A session is its gateway id *and* number: a reused id never mixes two phones."""
        return self._hash(f"{session_id}\x00{phone_number}", purpose=SESSION)

    async def answer(self, hop: UssdRequest) -> str:
        """The response body for one hop: ``CON <screen>`` or ``END <screen>``."""
        key = self.session_key(hop.session_id, hop.phone_number)
        seen = self.sessions.get(key)
        lang = seen.lang if seen is not None else None
        deadline = self._deadlines.start()
        try:
            turn, latest_only = await self._turn(hop, seen)
        except asyncio.CancelledError:
            if not deadline.timed_out():
                raise
            logger.warning("ussd hop answered 'try again': no reply within %.1f s", TURN_TIMEOUT)
            return self._unavailable(key, lang)
        except StoreUnavailable:
            logger.warning("ussd hop answered 'try again': the store is unavailable")
            return self._unavailable(key, lang)
        except TimeoutError:
            logger.warning("ussd hop answered 'try again': no reply in time")
            return self._unavailable(key, lang)
        except Exception as error:  # the gateway must get a screen, always
            # The class and the frames only: an exception's message may quote the input.
            frames = "".join(traceback.format_tb(error.__traceback__))
            logger.error("ussd hop failed with %s\n%s", type(error).__name__, frames)
            return self._unavailable(key, lang)
        finally:
            deadline.finished = True

        screen = self.screens.render(turn.reply, turn.translator)
        page = screen.page(turn.conversation.page)
        if screen.end:
            self.sessions.close(key)
            return END + page
        # An empty text (re-show) keeps what was seen before, so the next accumulated
        # text is still recognised as an extension of it.
        text = hop.text if hop.text or seen is None else None
        self.sessions.remember(key, text, latest_only=latest_only, lang=turn.translator.lang)
        return CONTINUE + page

    async def _turn(self, hop: UssdRequest, seen: _Seen | None) -> tuple[Turn, bool]:
        service = self._assistant
        user, session = hop.phone_number, hop.session_id
        if seen is None:
            if not hop.text:
                # A dial, or a redial: the service offers to continue where they left off.
                return await service.open(Channel.USSD, user, session=session), False
            # A session this process has not seen (a restart mid-session): the
            # conversation is in the store, and the input is the last part of ``text``.
            newest = hop.text.rsplit(SEPARATOR, 1)[-1]
            latest_only = False
        else:
            newest, latest_only = newest_input(seen, hop.text)
        if not newest:
            return await service.current(Channel.USSD, user), latest_only
        return await service.send(Channel.USSD, user, newest, session=session), latest_only

    def _unavailable(self, key: str, lang: str | None) -> str:
        self.sessions.close(key)
        return self.unavailable(lang)

    def unavailable(self, lang: str | None) -> str:
        """``END`` and the translated "please try again" screen. An ``END`` screen cannot
        be paged, so a translation too long for one screen gives way to the default
        language (then English), and the gap is logged for the translators."""
        text = ""
        for code in dict.fromkeys((lang, None, "en")):
            text = self._assistant.unavailable_text(code, ussd=True)
            if self.screens.fits(text):
                return END + text
            logger.warning("the 'try again' screen in %s is over the USSD budget", code)
        return END + text

    def closed(self, session_id: str, phone_number: str) -> None:
        """The gateway says the session ended (its end-of-session notification)."""
        self.sessions.close(self.session_key(session_id, phone_number))
