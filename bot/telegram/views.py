"""From a rendered :class:`~dialogs.render.ChatView` to Telegram messages and buttons.

Telegram's limits shape this module (notes/tech.md section 3): a message holds at most
4096 characters (counted in UTF-16 code units), so a long summary is split between
paragraphs, with the buttons under the last part; a button's callback data holds at most
64 *bytes*, so it carries ASCII keys, never a translated label (21 Bengali letters would
already fill it).

A button's callback data is the option key the worker could also type (``1``, ``#``,
``00``…), tagged with the screen it belongs to: ``2|injury.kind``. Telegram keeps old
messages and their buttons on screen, so a worker can press "1" under a question that was
answered long ago; the tag lets the channel notice and show where the worker is now,
instead of applying "1" to a different question.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from dialogs.render import Button, ChatView

MAX_TEXT: Final = int(MessageLimit.MAX_TEXT_LENGTH)
MAX_CALLBACK_DATA: Final = int(InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)
SCREEN_TAG: Final = "|"
"""Separates the option key from the screen id in callback data."""
LANGUAGE_PREFIX: Final = "lang:"
"""Callback data of the ``/language`` picker: ``lang:`` and a language code."""
EMPTY_TEXT: Final = "…"
"""Sent in the rare case a reply has buttons but no text (Telegram refuses empty text)."""


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One ``sendMessage``: plain text (no parse mode, so nothing needs escaping) and
    optional inline buttons."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None


def callback_data(key: str, screen: str = "") -> str:
    """The callback data of a button: ``key|screen``, or ``key`` alone when there is no
    screen or the tag would not fit in Telegram's 64 bytes.

    Examples:
        >>> callback_data("2", "injury.kind")
        '2|injury.kind'
        >>> callback_data("00")
        '00'
    """
    if not screen:
        return key
    tagged = f"{key}{SCREEN_TAG}{screen}"
    return tagged if len(tagged.encode()) <= MAX_CALLBACK_DATA else key


def parse_callback_data(data: str) -> tuple[str, str | None]:
    """(key, screen or None) from callback data made by :func:`callback_data`.

    Examples:
        >>> parse_callback_data("2|injury.kind")
        ('2', 'injury.kind')
        >>> parse_callback_data("00")
        ('00', None)
    """
    key, tag, screen = data.partition(SCREEN_TAG)
    return key, (screen if tag else None)


def keyboard(view: ChatView, screen: str = "") -> InlineKeyboardMarkup | None:
    """One option per row (labels in Bengali or Burmese are long), then the navigation
    buttons (Back, Home, Help) side by side in one row."""
    rows: list[list[InlineKeyboardButton]] = [[_button(b, screen)] for b in view.buttons]
    if view.nav:
        rows.append([_button(b, screen) for b in view.nav])
    return InlineKeyboardMarkup(rows) if rows else None


def _button(button: Button, screen: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(button.label, callback_data=callback_data(button.key, screen))


def messages(view: ChatView, screen: str = "") -> list[Outgoing]:
    """The messages that show ``view``: its text split to fit, buttons on the last."""
    parts = split_text(view.text) or [EMPTY_TEXT]
    markup = keyboard(view, screen)
    return [
        Outgoing(part, markup if index == len(parts) - 1 else None)
        for index, part in enumerate(parts)
    ]


def telegram_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


_SEPARATORS: Final = ("\n\n", "\n", " ")


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split ``text`` into parts of at most ``limit`` (Telegram length), between
    paragraphs where possible, else between lines, else between words, and only as a
    last resort (a script written without spaces) between characters, never before a
    combining vowel sign. Whitespace-only parts are dropped.

    Examples:
        >>> split_text("one\\n\\ntwo\\n\\nthree", limit=9)
        ['one\\n\\ntwo', 'three']
    """
    parts = _pack(text, _SEPARATORS, limit)
    return [part for part in parts if part.strip()]


def _pack(text: str, separators: tuple[str, ...], limit: int) -> list[str]:
    if telegram_length(text) <= limit:
        return [text]
    if not separators:
        return _cut(text, limit)
    separator, finer = separators[0], separators[1:]
    parts: list[str] = []
    current: str | None = None
    for piece in text.split(separator):
        if telegram_length(piece) > limit:
            if current is not None:
                parts.append(current)
            *whole, current = _pack(piece, finer, limit)
            parts.extend(whole)
            continue
        candidate = piece if current is None else current + separator + piece
        if telegram_length(candidate) <= limit:
            current = candidate
        else:
            if current is not None:
                parts.append(current)
            current = piece
    if current is not None:
        parts.append(current)
    return parts


def _cut(text: str, limit: int) -> list[str]:
    parts: list[str] = []
    start = 0
    while start < len(text):
        end, used, cut = start, 0, start
        while end < len(text) and used + telegram_length(text[end]) <= limit:
            used += telegram_length(text[end])
            end += 1
            following = text[end] if end < len(text) else ""
            if not following or unicodedata.category(following) not in ("Mn", "Mc", "Me"):
                cut = end
        cut = cut if cut > start else max(end, start + 1)
        parts.append(text[start:cut])
        start = cut
    return parts
