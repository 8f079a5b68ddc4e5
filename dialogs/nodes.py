"""The kinds of screen a flow is built from.

A flow is data: a set of nodes, each of which can *show* itself (a :class:`Reply`) and
*handle* one input (an :class:`Outcome`: where to go, which facts to record, or a hint
to re-ask with). Routing uses choice ids, never translated labels, so a translator can
reword any label without breaking a flow. Nodes list their edges so ``kawan flows`` can
draw the whole conversation for review.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property
from types import MappingProxyType
from typing import Final

from pydantic import JsonValue

from dialogs.conversation import Conversation
from dialogs.reply import InputKind, Option, Reply, Text
from eligibility.text import N_

NEXT: Final = "@next"
"""A goto target resolved at run time: the next slot the eligibility engine still
needs, or the summary when nothing decisive is missing."""

_NO_FACTS: Mapping[str, JsonValue] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Context:
    """What a step may know besides the conversation: today's date and configuration."""

    today: date
    ngo_contact: str | None = None
    pages: Callable[[Reply, str | None], int] | None = None
    """For paged channels (USSD): how many pages a reply takes in a language. ``98``
    then shows the next page and ``0`` the previous one, before ``0`` means back."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of handling one input.

    ``goto`` None means "not understood": the same screen is shown again with ``hint``.
    """

    goto: str | None
    facts: Mapping[str, JsonValue] = field(default_factory=lambda: _NO_FACTS)
    hint: Text | None = None
    erase: bool = False
    remember: bool = True
    """Push the current screen on the history so ``0`` comes back to it."""
    reset: bool = False
    """Forget the answers of the current conversation (keeps language and last result)."""


class Node(ABC):
    """One screen of a flow."""

    id: str

    @abstractmethod
    def show(self, conv: Conversation, ctx: Context) -> Reply: ...

    @abstractmethod
    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome: ...

    def edges(self) -> Iterable[tuple[str, str]]:
        """(target node id, choice id or input kind) for diagrams."""
        return ()

    def keeps(self, conv: Conversation, ctx: Context) -> Mapping[str, JsonValue] | None:
        """What the engine stores as ``Conversation.last_result`` when the worker arrives
        here (the summary keeps its facts and date, so "my last result" can show it again
        without a question); ``None`` leaves the last result as it is."""
        return None


# TRANSLATORS: hint above a menu when the reply was not one of the numbers. USSD: ≤ 40 chars.
HINT_CHOOSE = N_("Please type one of the numbers shown.")
# TRANSLATORS: hint when a whole number was expected (days, months, age). USSD: ≤ 40 chars.
HINT_NUMBER = N_("Please type a number, for example 12.")
# TRANSLATORS: hint when a number is outside the allowed range. %(low)s and %(high)s are
# numbers. USSD: ≤ 50 chars.
HINT_RANGE = N_("Please type a number from %(low)s to %(high)s.")
# TRANSLATORS: hint when an amount in ringgit was expected. USSD: ≤ 45 chars.
HINT_MONEY = N_("Please type the amount in ringgit, for example 1800.")
# TRANSLATORS: hint when a date was expected; keep the digit pattern as is. USSD: ≤ 60 chars.
HINT_DATE_CHAT = N_("Please type the date as day-month-year, for example 10-03-2025.")
# TRANSLATORS: USSD form of the hint above: a keypad has only digits, * and #, so the parts
# of the date are separated by *. Keep 10*03*2025 as is. USSD: ≤ 60 chars.
HINT_DATE_USSD = N_("Type the date as day*month*year, for example 10*03*2025.")
# TRANSLATORS: hint when the date typed is after today. USSD: ≤ 45 chars.
HINT_FUTURE = N_("That date is in the future. Please check it.")
# TRANSLATORS: option on questions the worker may not know the answer to. USSD: ≤ 20 chars.
DONT_KNOW = N_("I don't know")
DONT_KNOW_KEY: Final = "#"
"""The key for "I don't know" on a typed question, where digits are the answer."""


@dataclass(frozen=True, slots=True)
class Choice:
    """A numbered option: stable ``id``, translated ``label``, where it leads, and the
    facts it records."""

    id: str
    label: Text
    goto: str
    facts: Mapping[str, JsonValue] = field(default_factory=lambda: _NO_FACTS)
    erase: bool = False


def _keyed(choices: Iterable[Choice]) -> tuple[Option, ...]:
    return tuple(Option(str(i), c.id, c.label) for i, c in enumerate(choices, start=1))


def _pick(choices: tuple[Choice, ...], text: str) -> Choice | None:
    """The choice for typed ``text``: its number, or its id (buttons may send either)."""
    if text.isdecimal():
        index = int(text)
        if 1 <= index <= len(choices):
            return choices[index - 1]
        return None
    return next((c for c in choices if c.id == text), None)


@dataclass(frozen=True)
class Menu(Node):
    """A prompt with numbered choices."""

    id: str
    prompt: tuple[Text, ...]
    choices: tuple[Choice, ...] | Callable[[Conversation, Context], tuple[Choice, ...]]
    back: bool = True

    def _choices(self, conv: Conversation, ctx: Context) -> tuple[Choice, ...]:
        return self.choices(conv, ctx) if callable(self.choices) else self.choices

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        if not callable(self.choices):
            return self._fixed_reply
        return Reply(
            body=self.prompt,
            options=_keyed(self._choices(conv, ctx)),
            back=self.back,
            screen=self.id,
        )

    @cached_property
    def _fixed_reply(self) -> Reply:
        """The reply of a menu whose choices are fixed: built once, not on every show."""
        choices = self.choices
        assert not callable(choices)
        return Reply(body=self.prompt, options=_keyed(choices), back=self.back, screen=self.id)

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        choice = _pick(self._choices(conv, ctx), text)
        if choice is None:
            return Outcome(goto=None, hint=Text(HINT_CHOOSE))
        return Outcome(goto=choice.goto, facts=choice.facts, erase=choice.erase)

    def edges(self) -> Iterable[tuple[str, str]]:
        if callable(self.choices):
            return ()
        return [(c.goto, c.id) for c in self.choices]


@dataclass(frozen=True)
class Info(Node):
    """Information to read, then choices (at least a way on)."""

    id: str
    body: tuple[Text, ...] | Callable[[Conversation, Context], tuple[Text, ...]]
    choices: tuple[Choice, ...] = ()
    end: bool = False

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        body = self.body(conv, ctx) if callable(self.body) else self.body
        return Reply(
            body=body,
            options=self._options,
            expects=InputKind.NONE if self.end else InputKind.CHOICE,
            end=self.end,
            screen=self.id,
        )

    @cached_property
    def _options(self) -> tuple[Option, ...]:
        return _keyed(self.choices)

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        choice = _pick(self.choices, text)
        if choice is None:
            return Outcome(goto=None, hint=Text(HINT_CHOOSE))
        return Outcome(goto=choice.goto, facts=choice.facts, erase=choice.erase)

    def edges(self) -> Iterable[tuple[str, str]]:
        return [(c.goto, c.id) for c in self.choices]


@dataclass(frozen=True)
class Question(Node):
    """A slot: one fact of the case, asked once, validated, recorded under ``path``.

    With ``choices`` the worker picks a number (each choice records its own facts, e.g.
    a wage band records ``wages.average_monthly_wage``); otherwise they type a value of
    ``kind`` within ``low``..``high``. ``dont_know`` adds an "I don't know" option that
    records ``None`` so the slot is never asked again.
    """

    id: str
    path: str
    prompt: tuple[Text, ...]
    kind: InputKind = InputKind.CHOICE
    choices: tuple[Choice, ...] = ()
    low: int = 0
    high: int = 100_000
    dont_know: bool = True
    goto: str = NEXT

    def _all_choices(self) -> tuple[Choice, ...]:
        if not self.dont_know:
            return self.choices
        return (*self.choices, Choice("dont_know", Text(DONT_KNOW), self.goto, {self.path: None}))

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        return self._fixed_reply

    @cached_property
    def _fixed_reply(self) -> Reply:
        """A question's screen depends on nothing but the question: built once."""
        if self.kind is InputKind.CHOICE:
            options = _keyed(self._all_choices())
        else:
            # A typed question keeps every digit for the value: "I don't know" is "#".
            dont_know = Option(DONT_KNOW_KEY, "dont_know", Text(DONT_KNOW))
            options = (dont_know,) if self.dont_know else ()
        return Reply(body=self.prompt, options=options, expects=self.kind, screen=self.id)

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        if self.kind is InputKind.CHOICE:
            picked = _pick(self._all_choices(), text)
            if picked is None:
                return Outcome(goto=None, hint=Text(HINT_CHOOSE))
            facts = dict(picked.facts) or {self.path: picked.id}
            return Outcome(goto=picked.goto, facts=facts)
        if self.dont_know and text in (DONT_KNOW_KEY, "dont_know"):
            return Outcome(goto=self.goto, facts={self.path: None})
        value, hint = parse_value(self.kind, text, ctx.today, self.low, self.high)
        if hint is not None:
            return Outcome(goto=None, hint=hint)
        return Outcome(goto=self.goto, facts={self.path: value})

    def edges(self) -> Iterable[tuple[str, str]]:
        targets = {c.goto for c in self._all_choices()} | {self.goto}
        return [(t, self.path) for t in sorted(targets)]


_MONEY = re.compile(r"^(?:rm|myr)?\s*([0-9][0-9,]*(?:\.[0-9]{1,2})?)\s*(?:rm|myr)?$", re.I)
# A keypad has only digits, * and #: "10*03*2025" and "10032025" are dates too.
_DATE = re.compile(r"^(\d{1,2})[-/.* ](\d{1,2})(?:[-/.* ](\d{2,4}))?$")
_MONTH = re.compile(r"^(\d{1,2})[-/.* ](\d{4})$")
_DIGITS_DATE = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def parse_value(
    kind: InputKind, text: str, today: date, low: int, high: int
) -> tuple[JsonValue, Text | None]:
    """Validate typed input: (value, None) or (None, a hint to show).

    Examples:
        >>> parse_value(InputKind.NUMBER, "12", date(2026, 1, 1), 0, 365)
        (12, None)
        >>> parse_value(InputKind.MONEY, "RM1,800", date(2026, 1, 1), 0, 0)
        ('1800.00', None)
        >>> parse_value(InputKind.DATE, "10-03-2025", date(2026, 1, 1), 0, 0)
        ('2025-03-10', None)
        >>> parse_value(InputKind.DATE, "10*03*2025", date(2026, 1, 1), 0, 0)
        ('2025-03-10', None)
    """
    text = text.strip()
    if kind is InputKind.NUMBER:
        if not text.isdecimal() or len(text) > 7:
            return None, Text(HINT_NUMBER)
        number = int(text)
        if not low <= number <= high:
            return None, Text(HINT_RANGE, {"low": low, "high": high})
        return number, None
    if kind is InputKind.MONEY:
        match = _MONEY.match(text.replace(" ", ""))
        if not match:
            return None, Text(HINT_MONEY)
        try:
            amount = Decimal(match.group(1).replace(",", ""))
        except InvalidOperation:
            return None, Text(HINT_MONEY)
        if amount > Decimal(1_000_000):
            return None, Text(HINT_MONEY)
        return str(amount.quantize(Decimal("0.01"))), None
    if kind is InputKind.DATE:
        parsed = _parse_date(text, today)
        if parsed is None:
            return None, Text(HINT_DATE_CHAT, short=HINT_DATE_USSD)
        if parsed > today:
            return None, Text(HINT_FUTURE)
        return parsed.isoformat(), None
    return None, Text(HINT_CHOOSE)


def _parse_date(text: str, today: date) -> date | None:
    """DD-MM-YYYY, DD/MM/YY, or MM-YYYY (then the 15th, the middle of the month)."""
    digits = _DIGITS_DATE.match(text)
    if digits:
        text = "-".join(digits.groups())
    month_only = _MONTH.match(text)
    try:
        if month_only:
            return date(int(month_only.group(2)), int(month_only.group(1)), 15)
        match = _DATE.match(text)
        if not match:
            return None
        day, month, year_text = match.groups()
        year = today.year if year_text is None else int(year_text)
        if year < 100:
            year += 2000
        parsed = date(year, int(month), int(day))
    except ValueError:
        return None
    return parsed if parsed.year >= 1969 else None
