"""Node kinds the branches share, built on the core ones in :mod:`dialogs.nodes`.

- :class:`Slot`: a question about the worker, worded for the worker ("How old are you?")
  or, when the family reports a death, about the worker who died ("How old was the
  worker?").
- :class:`DateSlot`: the date of the event as choices ("this week", "earlier this month",
  "last month", "earlier: type the date"); see its docstring for the date each records.
- :class:`TypedDate`: the typed date, noting when only a month was given.
- :class:`CaseStart`: a branch's first menu, which starts a new case when the worker
  switches to a different event, so answers about one event never leak into another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Final

from pydantic import JsonValue

from dialogs.case import DATE_APPROXIMATE
from dialogs.conversation import Conversation
from dialogs.engine import MENU
from dialogs.nodes import (
    DONT_KNOW,
    HINT_CHOOSE,
    NEXT,
    Choice,
    Context,
    Menu,
    Node,
    Outcome,
    Question,
)
from dialogs.reply import InputKind, Option, Reply, Text
from eligibility.text import N_

# -- labels every branch uses -----------------------------------------------------------

# TRANSLATORS: answer option to a yes/no question. USSD: ≤ 20 chars.
YES = N_("Yes")
# TRANSLATORS: answer option to a yes/no question. USSD: ≤ 20 chars.
NO = N_("No")
# TRANSLATORS: option under an information screen: go on to the next question. USSD: ≤ 20 chars.
CONTINUE = N_("Continue")
# TRANSLATORS: option that returns to the main menu. USSD: ≤ 20 chars.
MAIN_MENU = N_("Main menu")

DECEASED_FACT: Final = "event.death"
"""When this fact is ``true`` the person talking is family or a friend of a worker who died."""


def about_deceased(conv: Conversation) -> bool:
    """Whether the questions are about a worker who died (asked of their family)."""
    return conv.fact(DECEASED_FACT) is True


def to_menu() -> Choice:
    """The "Main menu" option."""
    return Choice("menu", Text(MAIN_MENU), MENU)


@dataclass(frozen=True)
class Slot(Question):
    """A :class:`~dialogs.nodes.Question` with a second wording for a worker who died."""

    about_deceased: tuple[Text, ...] = ()

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        reply = super().show(conv, ctx)
        if self.about_deceased and about_deceased(conv):
            return replace(reply, body=self.about_deceased)
        return reply


_MONTH_ONLY: Final = re.compile(r"^\d{1,2}[-/. ]\d{4}$")


@dataclass(frozen=True)
class TypedDate(Slot):
    """The date typed on the keypad. A month typed without a day ("03-2025") is recorded
    as the 15th (see :func:`dialogs.nodes.parse_value`) and noted as approximate."""

    kind: InputKind = InputKind.DATE

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        outcome = super().handle(conv, text, ctx)
        if outcome.goto is None or outcome.facts.get(self.path) is None:
            return outcome
        approximate = bool(_MONTH_ONLY.match(text.strip()))
        return replace(outcome, facts={**outcome.facts, DATE_APPROXIMATE: approximate})


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def first_of_last_month(day: date) -> date:
    return (first_of_month(day) - timedelta(days=1)).replace(day=1)


@dataclass(frozen=True)
class DateSlot(Node):
    """When the event happened, as choices rather than typing.

    Each choice records ``event.date`` (ISO) and ``flow.date_approximate``:

    ============================  =============================  ===========
    choice                        ``event.date`` recorded         approximate
    ============================  =============================  ===========
    This week                     today                          yes
    Earlier this month            the 1st of this month          yes
    Last month                    the 1st of last month          yes
    Before that: type the date    the date typed (a month alone  only for a
                                  is the 15th of that month)     month alone
    I don't know                  ``null``                       —
    ============================  =============================  ===========

    The 1st of a month is the earliest day the answer can mean, so a deadline counted
    from it is never later than the real one; "this week" is today, so a fresh accident's
    48-hour report deadline is not shown as already passed. Every deadline counted from
    an approximate date says "about" in the summary.

    ``prompts`` words the question for each event kind (and for a death).
    """

    id: str
    path: str
    prompts: tuple[tuple[str, tuple[Text, ...]], ...]
    typed: str
    default_prompt: tuple[Text, ...] = ()

    def _prompt(self, conv: Conversation) -> tuple[Text, ...]:
        key = "death" if about_deceased(conv) else str(conv.fact("event.kind"))
        return dict(self.prompts).get(key, self.default_prompt)

    def _choices(self, today: date) -> tuple[Choice, ...]:
        def on(day: date) -> Mapping[str, JsonValue]:
            return {self.path: day.isoformat(), DATE_APPROXIMATE: True}

        return (
            # TRANSLATORS: option for when something happened. USSD: ≤ 30 chars.
            Choice("this_week", Text(N_("This week")), NEXT, on(today)),
            # TRANSLATORS: option for when something happened (before this week).
            # USSD: ≤ 30 chars.
            Choice("this_month", Text(N_("Earlier this month")), NEXT, on(first_of_month(today))),
            # TRANSLATORS: option for when something happened. USSD: ≤ 30 chars.
            Choice("last_month", Text(N_("Last month")), NEXT, on(first_of_last_month(today))),
            # TRANSLATORS: option: the worker will type the date on the next screen.
            # USSD: ≤ 30 chars.
            Choice("earlier", Text(N_("Before that: type the date")), self.typed),
            Choice("dont_know", Text(DONT_KNOW), NEXT, {self.path: None}),
        )

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        options = tuple(
            Option(str(i), c.id, c.label) for i, c in enumerate(self._choices(ctx.today), 1)
        )
        return Reply(body=self._prompt(conv), options=options, screen=self.id)

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        choices = self._choices(ctx.today)
        picked: Choice | None = None
        if text.isdecimal() and 1 <= int(text) <= len(choices):
            picked = choices[int(text) - 1]
        else:
            picked = next((c for c in choices if c.id == text), None)
        if picked is None:
            return Outcome(goto=None, hint=Text(HINT_CHOOSE))
        return Outcome(goto=picked.goto, facts=picked.facts)

    def edges(self) -> Iterable[tuple[str, str]]:
        return [(NEXT, self.path), (self.typed, "earlier")]


CASE_FACTS: Final = ("worker.", "wages.", "contributions.")
"""Facts about the worker themself, kept when they move on to another event of their own."""


def _differs(old: JsonValue, new: JsonValue) -> bool:
    return old is not None and new is not None and old != new


@dataclass(frozen=True)
class CaseStart(Menu):
    """A branch's first menu: its choices record what happened (``event.kind``,
    ``event.death``, ``worker.foreign_worker``).

    If the conversation already holds a *different* event (another kind, or a death
    where there was none), the answers about that event are forgotten and a new case
    starts. The worker's own facts (wage, age, contributions) are kept when both events
    are the worker's own; nothing is kept between a worker's own case and the case of a
    worker who died. Re-entering with the same event keeps every answer, so a worker who
    comes back never answers twice.
    """

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        outcome = super().handle(conv, text, ctx)
        if outcome.goto is None:
            return outcome
        new = outcome.facts
        changed = any(
            _differs(conv.facts.get(path), new.get(path)) for path in ("event.kind", DECEASED_FACT)
        )
        if not changed:
            return outcome
        mine = conv.fact(DECEASED_FACT) is not True and new.get(DECEASED_FACT) is not True
        kept = {
            path: value
            for path, value in conv.facts.items()
            if mine and path.startswith(CASE_FACTS)
        }
        return replace(outcome, facts={**kept, **new}, reset=True)
