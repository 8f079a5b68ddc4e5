"""Every screen of every flow, reached the way a worker would reach it.

Translators, the ``kawan i18n check`` budget test, ``kawan i18n preview`` and property
tests all need the same thing: each distinct screen the conversation can show, in one
language, with the inputs that lead to it. :func:`crawl` finds them by playing the real
engine breadth-first from the language menu: every numbered option of every screen, and
on typed questions a few sample answers (valid, out of range, not understood, "I don't
know"), so hints and every branch that depends on a value are reached too.

A screen is *distinct* by its node id, its hint and the set of facts answered so far (so
a summary reached with different answers appears once per set of answers); a screen
re-shown with a hint, and the entry screens (language, main menu), appear once per node
and hint (see :func:`screen_key`). The search is bounded (``limit`` screens, ``max_steps``
engine calls, ``max_depth`` inputs) and deterministic. Nothing here does I/O: it only
calls the pure engine.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from dialogs.conversation import Conversation
from dialogs.engine import ERASED, LANGUAGE, MENU, RESUME, Flow, begin, step
from dialogs.flows import FLOW
from dialogs.nodes import Context
from dialogs.reply import InputKind, Nav, Reply

CRAWL_DAY: Final = date(2026, 11, 23)
"""The default "today" of a crawl: fixed, so previews and checks do not drift by day."""

NOT_UNDERSTOOD: Final = "?"
"""Typed once on each screen to reach its "not understood" hint."""

TYPED_SAMPLES: Final[dict[InputKind, tuple[str, ...]]] = {
    InputKind.NUMBER: ("12", "2", "60", "1800"),
    InputKind.MONEY: ("1800", "800", "6000"),
    InputKind.DATE: ("10-03-2025", "15-06-2018", "10-03-2099"),
}
"""Sample answers per kind of typed question: typical, small (short leave, low wage),
large, an accident before 2019 (another regime) and a future date (a hint)."""

REDIAL: Final = "<redial>"
"""Stands in ``CrawledScreen.inputs`` for a worker who hangs up and dials again (or
sends /start) in the middle of a flow: :func:`dialogs.engine.begin`, not an input."""

_NAV_KEYS: Final = frozenset(k.value for k in Nav)
_NOT_MID_FLOW: Final = frozenset({LANGUAGE, MENU, RESUME, ERASED})

ScreenKey = tuple[str, str | None, frozenset[str]]
"""(node id, hint msgid, answers): what makes a crawled screen distinct (see
:func:`screen_key`)."""


@dataclass(frozen=True, slots=True)
class CrawledScreen:
    """One screen as a worker meets it.

    Attributes:
        reply: the screen, untranslated (render it in any language).
        conversation: the state it was shown in.
        inputs: what the worker typed, from the first screen, to get here.
        key: what makes it distinct from every other crawled screen.
    """

    reply: Reply
    conversation: Conversation
    inputs: tuple[str, ...]
    key: ScreenKey

    @property
    def name(self) -> str:
        """A short label for reports: node id, and the hint if one is shown."""
        hint = f" (hint: {self.reply.hint.msgid})" if self.reply.hint is not None else ""
        return f"{self.reply.screen}{hint}"

    @property
    def is_summary(self) -> bool:
        """Whether this screen is a result the worker can act on (a summary node)."""
        return self.reply.screen.startswith("summary") or ".summary" in self.reply.screen


_TYPED_VALUE: Final = re.compile(r"^-?[\d.,:\-]+$")


def screen_key(conv: Conversation, reply: Reply) -> ScreenKey:
    """What makes a screen distinct: its node, its hint, and the answers so far.

    An answer picked from a menu counts with its value (a death at work and a death off
    work lead to different screens); a typed number, amount or date counts only as
    answered (its value rarely changes the text, and samples would multiply). A hint
    screen counts once per node and hint, and the entry screens (language, main menu,
    welcome back, erased) once each: they look the same whatever was answered, and
    exploring again from the main menu with old answers multiplies screens without
    reaching new ones (measured on the flows of November 2026: 32,579 screens against
    176, the same nodes reached).
    """
    if reply.hint is not None:
        return (reply.screen, reply.hint.msgid, frozenset())
    if reply.screen in _NOT_MID_FLOW:
        return (reply.screen, None, frozenset())
    answers = set()
    for path, value in conv.facts.items():
        typed = isinstance(value, (int, float)) and not isinstance(value, bool)
        if typed or (isinstance(value, str) and _TYPED_VALUE.match(value)):
            answers.add(path)
        else:
            answers.add(f"{path}={value}")
    return (reply.screen, None, frozenset(answers))


def candidate_inputs(reply: Reply, lang: str, hinted: bool) -> Iterable[str]:
    """What to type on ``reply``: its option keys (on the language menu only ``lang``),
    sample answers if it waits for a typed value, and a "not understood" input unless
    this node's hint was already reached."""
    if reply.end or reply.erase:
        return
    if reply.screen == LANGUAGE:
        yield from (o.key for o in reply.options if o.id == lang)
        return
    for option in reply.options:
        if option.key not in _NAV_KEYS:
            yield option.key
    yield from TYPED_SAMPLES.get(reply.expects, ())
    if not hinted:
        yield NOT_UNDERSTOOD


def crawl(
    lang: str,
    flow: Flow = FLOW,
    today: date = CRAWL_DAY,
    *,
    limit: int = 2000,
    per_screen: int = 40,
    max_steps: int = 60_000,
    max_depth: int = 60,
    ngo_contact: str | None = "NGO 03-0000 0000",
) -> list[CrawledScreen]:
    """Every distinct screen of ``flow`` in language ``lang``, in breadth-first order.

    Starts from :func:`dialogs.engine.begin` for a new worker (the language menu, where
    only ``lang`` is chosen) and follows each option and sample answer; the first time a
    screen in the middle of a flow is reached, it also redials from there (:data:`REDIAL`)
    to reach the welcome-back screen. Navigation keys
    (``0``, ``00``, ``98``, ``99``) are not followed: every screen they lead to is also
    reachable by an option, and following them would only repeat screens.

    Bounds: at most ``limit`` screens, ``per_screen`` variants of one node (so a node
    asked again and again, such as each child's age, cannot use up the budget; 40 reached
    every node an unbounded crawl reached in November 2026), ``max_steps`` engine calls
    and ``max_depth`` inputs from the first screen.

    Examples:
        >>> screens = crawl("en")
        >>> [s.reply.screen for s in screens[:2]]
        ['language', 'menu']
        >>> screens[1].inputs
        ('1',)
    """
    ctx = Context(today=today, ngo_contact=ngo_contact)
    conv, reply = begin(None, ctx, flow)
    first = CrawledScreen(reply, conv, (), screen_key(conv, reply))
    found: list[CrawledScreen] = [first]
    seen: set[ScreenKey] = {first.key}
    hinted: set[str] = set()
    variants: Counter[str] = Counter()
    queue: deque[CrawledScreen] = deque([first])
    steps = 0
    redialled = False
    while queue and len(found) < limit and steps < max_steps:
        current = queue.popleft()
        if len(current.inputs) >= max_depth:
            continue
        node = current.reply.screen
        inputs = list(candidate_inputs(current.reply, lang, node in hinted))
        if not redialled and node not in _NOT_MID_FLOW and not current.reply.end:
            redialled = True
            inputs.insert(0, REDIAL)
        for text in inputs:
            if text == NOT_UNDERSTOOD:
                hinted.add(node)
            steps += 1
            if text == REDIAL:
                after, shown = begin(current.conversation, ctx, flow)
            else:
                after, shown = step(current.conversation, text, ctx, flow)
            key = screen_key(after, shown)
            if key in seen or (shown.hint is None and variants[shown.screen] >= per_screen):
                continue
            seen.add(key)
            variants[shown.screen] += shown.hint is None
            screen = CrawledScreen(shown, after, (*current.inputs, text), key)
            found.append(screen)
            if shown.hint is None:
                queue.append(screen)
            if len(found) >= limit or steps >= max_steps:
                break
    return found


def unreached(screens: Iterable[CrawledScreen], flow: Flow = FLOW) -> list[str]:
    """Node ids of ``flow`` that no crawled screen showed (for coverage reports)."""
    shown = {s.reply.screen for s in screens}
    return sorted(set(flow.nodes) - shown)
