"""Rendered USSD screens, kept per process: the renderer runs once per screen and language.

Rendering is a pure function of the reply, the translator and the budget, and most hops
show a screen every other worker has seen (the menus, the questions). Both the gateway
(the page it answers with) and the service (how many pages ``98`` may turn, through
``Context.pages``) ask for the same screen within one hop, so they share one cache.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import fields
from operator import attrgetter
from typing import Final

from dialogs.i18n import Translator
from dialogs.render import UssdBudget, UssdScreen, render_ussd
from dialogs.reply import Param, Reply, Text

MAX_SCREENS: Final = 4096
"""Rendered screens kept per process (menus and questions repeat for every worker)."""

MAX_RECENT: Final = 1024
"""Replies remembered by identity: the one a hop shows is asked for twice when the
worker pages (``Context.pages``, then the gateway), and a screen that does not change
(a static menu or question) is the same object every time; neither needs a key then."""

_TEXT_FIELDS: Final = attrgetter(*(f.name for f in fields(Text) if f.name != "params"))
_REPLY_FIELDS: Final = attrgetter(
    *(f.name for f in fields(Reply) if f.name not in ("body", "hint", "options"))
)


def _text_key(text: Text) -> Hashable:
    # Most texts have no parameters: their key is the tuple of the other fields alone (a
    # different shape from the pair below, so the two never compare equal).
    if not text.params:
        return _TEXT_FIELDS(text)
    params = tuple([(name, _param_key(value)) for name, value in text.params.items()])
    return (_TEXT_FIELDS(text), params)


def _param_key(value: Param) -> Hashable:
    # The type is part of the key: True == 1 and Decimal("1") == 1 render differently.
    return _text_key(value) if isinstance(value, Text) else (type(value), value)


def _reply_key(reply: Reply) -> Hashable:
    """Equal for two replies exactly when every field is equal (a field added to
    :class:`Reply` or :class:`Text` later is part of the key without a change here).
    Built with list comprehensions: this runs on every hop."""
    return (
        tuple([_text_key(t) for t in reply.body]),
        None if reply.hint is None else _text_key(reply.hint),
        tuple([(o.key, o.id, _text_key(o.label)) for o in reply.options]),
        _REPLY_FIELDS(reply),
    )


class UssdScreens:
    """Rendered pages by reply, language and budget (module docstring). A catalogue
    edited on disk gives a new :class:`Translator`, hence new entries."""

    __slots__ = ("_budget", "_recent", "_screens")

    def __init__(self, budget: UssdBudget) -> None:
        self._budget = budget
        self._screens: dict[Hashable, UssdScreen] = {}
        # (id(reply), translator) -> (reply, screen); holding the reply keeps its id unique.
        self._recent: dict[tuple[int, Translator], tuple[Reply, UssdScreen]] = {}

    @property
    def budget(self) -> UssdBudget:
        return self._budget

    def render(self, reply: Reply, translator: Translator) -> UssdScreen:
        mark = (id(reply), translator)
        recent = self._recent.get(mark)
        if recent is not None and recent[0] is reply:
            return recent[1]
        try:
            key = (translator, _reply_key(reply))
            screen = self._screens.get(key)
        except TypeError:  # a value that cannot be a key: render without the cache
            return render_ussd(reply, translator, self._budget)
        if screen is None:
            screen = render_ussd(reply, translator, self._budget)
            if len(self._screens) >= MAX_SCREENS:
                del self._screens[next(iter(self._screens))]
            self._screens[key] = screen
        if len(self._recent) >= MAX_RECENT:
            del self._recent[next(iter(self._recent))]
        self._recent[mark] = (reply, screen)
        return screen

    def pages(self, reply: Reply, translator: Translator) -> int:
        """How many pages ``reply`` takes (what ``Context.pages`` answers)."""
        return len(self.render(reply, translator).pages)

    def fits(self, text: str) -> bool:
        return self._budget.fits(text)
