"""The structured reply every channel renders.

A dialog never produces a finished string: it produces a :class:`Reply` of untranslated
:class:`Text` pieces and numbered :class:`Option` s. Each channel renders it (numbered USSD
lines and pages, Telegram buttons, web buttons) with :mod:`dialogs.render`, in the worker's
language or in two languages side by side, so one flow serves every channel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Union

Param = Union[str, int, Decimal, date, "Text"]
"""A value inside a message: ``Decimal`` is ringgit, ``date`` a date, ``int`` a number,
``Text`` a translatable phrase, ``str`` shown as is (a phone number, a form name)."""

_EMPTY: Mapping[str, Param] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Text:
    """An English gettext msgid with its parameters, translated when rendered.

    Attributes:
        msgid: the English sentence, with ``%(name)s`` placeholders.
        params: values for the placeholders.
        short: a shorter msgid for USSD screens, if the chat form is long.
        plural: the English plural msgid; ``count`` picks the form.
        literal: show ``msgid`` as is (a language's own name, a phone number).
        ussd: show it on USSD screens too. Detail that a chat message can carry but
            an 80-character USSD screen cannot is marked ``False`` and reached on
            USSD through an option instead (the summary's per-benefit screens).
    """

    msgid: str
    params: Mapping[str, Param] = field(default_factory=lambda: _EMPTY)
    short: str | None = None
    plural: str | None = None
    count: int | None = None
    literal: bool = False
    ussd: bool = True

    @classmethod
    def verbatim(cls, text: str) -> Text:
        return cls(text, literal=True)


class InputKind(StrEnum):
    """What the current screen waits for."""

    CHOICE = "choice"
    """One of the numbered options."""
    NUMBER = "number"
    """A whole number typed on the keypad (days, a percentage, months, an age)."""
    MONEY = "money"
    """An amount in ringgit."""
    DATE = "date"
    """A date typed as DD-MM-YYYY or MM-YYYY."""
    NONE = "none"
    """Nothing: the conversation has ended."""


class Nav(StrEnum):
    """Keys reserved on every screen (rules/ussd.md): never used for a numbered option."""

    BACK = "0"
    HOME = "00"
    MORE = "98"
    HELP = "99"


@dataclass(frozen=True, slots=True)
class Option:
    """A numbered choice: ``key`` is what the worker types, ``id`` is what routing uses."""

    key: str
    id: str
    label: Text


@dataclass(frozen=True, slots=True)
class Reply:
    """One screen of the conversation.

    Attributes:
        body: paragraphs, in order.
        options: numbered choices (keys ``1``, ``2`` …), in order.
        expects: what the worker may type.
        hint: shown above the body when the last input was not understood.
        back: whether ``0`` goes back from here (``00`` home is always offered
            unless the conversation has ended).
        end: the conversation is over (USSD answers ``END``).
        screen: the id of the node that produced it (for tests, previews and logs).
        erase: the worker asked to wipe their data now (quick exit, /delete): the
            channel deletes the stored conversation instead of saving it.
        also_in: more languages to show every paragraph in, after the worker's own
            (the bilingual summary a worker hands to an officer or caseworker).
    """

    body: tuple[Text, ...]
    options: tuple[Option, ...] = ()
    expects: InputKind = InputKind.CHOICE
    hint: Text | None = None
    back: bool = True
    end: bool = False
    screen: str = ""
    erase: bool = False
    also_in: tuple[str, ...] = ()
