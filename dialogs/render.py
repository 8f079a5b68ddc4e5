"""Turning a :class:`~dialogs.reply.Reply` into what a channel shows.

Rendering lives here once, for every channel: chat (Telegram, web chat, the terminal demo)
gets paragraphs and buttons; USSD gets numbered screens that each fit the network's budget
(rules/ussd.md): 182 GSM 7-bit characters, or 80 UTF-16 code units as soon as one
character is outside GSM-7. Longer content is paged with ``98`` for more, never cutting a
word, a number or an option in half.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from dialogs.i18n import LANGUAGES, Translator, get_translator, normalize_language
from dialogs.reply import Nav, Param, Reply, Text
from eligibility.models import Assessment, ParamValue
from eligibility.text import N_

# -- text -----------------------------------------------------------------------------


def render_text(text: Text, tr: Translator, *, ussd: bool = False) -> str:
    """Translate ``text`` into ``tr``'s language and fill in its parameters."""
    if text.literal:
        return text.msgid
    msgid = text.short if ussd and text.short else text.msgid
    if text.plural is not None and text.count is not None:
        template = tr.ngettext(msgid, text.plural, text.count)
    else:
        template = tr.gettext(msgid)
    if not text.params and text.count is None:
        return template
    values = {name: _format_param(value, tr, ussd) for name, value in text.params.items()}
    if text.count is not None and "count" not in values:
        values["count"] = tr.number(text.count)
    try:
        return template % values
    except (KeyError, ValueError, TypeError):
        # A broken translation must never hide the message: fall back to English.
        return msgid % values


def _format_param(value: Param, tr: Translator, ussd: bool) -> str:
    if isinstance(value, Text):
        return render_text(value, tr, ussd=ussd)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return tr.money(value)
    if isinstance(value, int):
        return tr.number(value)
    if isinstance(value, date):
        return tr.date(value)
    return tr.isolate(value) if tr.rtl and value.isascii() else value


# Navigation labels, shared by every channel.
# TRANSLATORS: navigation, every screen: go back one screen. USSD: keep under 8 characters.
BACK = N_("Back")
# TRANSLATORS: navigation, every screen: go to the main menu. USSD: keep under 8 characters.
HOME = N_("Home")
# TRANSLATORS: navigation, USSD: show the next page of a long screen. Keep under 8 characters.
MORE = N_("More")
# TRANSLATORS: navigation, every screen: help and contacts. USSD: keep under 8 characters.
HELP = N_("Help")


# -- chat -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Button:
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class ChatView:
    """A reply as chat channels show it: one text, then buttons."""

    text: str
    buttons: tuple[Button, ...]
    nav: tuple[Button, ...]
    end: bool
    rtl: bool

    def as_plain(self) -> str:
        """Text with numbered options, as the terminal demo prints it."""
        lines = [self.text]
        if self.buttons:
            lines.append("")
            lines.extend(f"{b.key}. {b.label}" for b in self.buttons)
        if self.nav:
            lines.append("  ".join(f"{b.key} {b.label}" for b in self.nav))
        return "\n".join(lines)


def _paragraphs(reply: Reply, tr: Translator, *, ussd: bool) -> list[str]:
    parts = [render_text(t, tr, ussd=ussd) for t in reply.body if t.ussd or not ussd]
    if reply.hint is not None:
        parts.insert(0, render_text(reply.hint, tr, ussd=ussd))
    return [p for p in parts if p]


def render_chat(reply: Reply, tr: Translator) -> ChatView:
    """Render for chat; with ``reply.also_in``, each paragraph is followed by its
    rendering in those languages, so two readers see the same facts and amounts."""
    paragraphs = _paragraphs(reply, tr, ussd=False)
    if reply.also_in:
        others = [get_translator(code) for code in reply.also_in if code != tr.lang]
        merged: list[str] = []
        for index, text in enumerate(reply.body):
            merged.append(render_text(text, tr))
            merged.extend("   " + render_text(text, other) for other in others)
            if index == 0 and reply.hint is not None:
                merged.insert(0, render_text(reply.hint, tr))
        paragraphs = [p for p in merged if p.strip()]
    buttons = tuple(Button(o.key, render_text(o.label, tr)) for o in reply.options)
    return ChatView(
        text="\n\n".join(paragraphs),
        buttons=buttons,
        nav=_nav_buttons(reply, tr) if not reply.end else (),
        end=reply.end,
        rtl=tr.rtl,
    )


def _nav_buttons(reply: Reply, tr: Translator) -> tuple[Button, ...]:
    nav = []
    if reply.back:
        nav.append(Button(Nav.BACK.value, tr.gettext(BACK)))
    nav.append(Button(Nav.HOME.value, tr.gettext(HOME)))
    nav.append(Button(Nav.HELP.value, tr.gettext(HELP)))
    return tuple(nav)


# -- USSD -----------------------------------------------------------------------------

GSM7_BASIC: Final = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION: Final = frozenset("^{}\\[~]|€\f")
_GSM7: Final = GSM7_BASIC | GSM7_EXTENSION


@dataclass(frozen=True, slots=True)
class UssdBudget:
    """Characters a USSD screen may hold, after the ``CON ``/``END `` prefix."""

    gsm7: int = 182
    ucs2: int = 80

    def cost(self, text: str) -> tuple[int, int]:
        """(characters used, characters allowed) for ``text`` as one screen.

        Examples:
            >>> UssdBudget().cost("1. Yes")
            (6, 182)
            >>> UssdBudget().cost("1. হ্যাঁ")
            (8, 80)
        """
        # Set and str operations run in C: this is called for every piece of every page.
        if _GSM7.issuperset(text):
            return len(text) + sum(map(text.count, GSM7_EXTENSION)), self.gsm7
        return len(text.encode("utf-16-le")) // 2, self.ucs2

    def fits(self, text: str) -> bool:
        used, allowed = self.cost(text)
        return used <= allowed


@dataclass(frozen=True, slots=True)
class UssdScreen:
    """The pages of one reply; page ``n`` is shown after ``98`` was typed ``n`` times."""

    pages: tuple[str, ...]
    end: bool

    def page(self, index: int) -> str:
        return self.pages[max(0, min(index, len(self.pages) - 1))]


_BREAK = re.compile(r"(?<=\s)|(?<=[,;:。、，！？；：।॥။၊])")


def _pieces(paragraph: str, limit: int, budget: UssdBudget) -> Iterator[str]:
    """Split a paragraph too long for one page at spaces or punctuation, never inside a
    word or number; as a last resort (scripts written without spaces) between grapheme
    clusters."""
    if budget.fits(paragraph) and budget.cost(paragraph)[0] <= limit:
        yield paragraph
        return
    current = ""
    for token in (t for t in _BREAK.split(paragraph) if t):
        candidate = current + token
        if budget.cost(candidate.strip())[0] <= limit:
            current = candidate
            continue
        if current.strip():
            yield current.strip()
        current = token
        while budget.cost(current.strip())[0] > limit:
            head, current = _split_graphemes(current, limit, budget)
            yield head
    if current.strip():
        yield current.strip()


def _split_graphemes(text: str, limit: int, budget: UssdBudget) -> tuple[str, str]:
    cut = 0
    for index in range(1, len(text) + 1):
        if budget.cost(text[:index])[0] > limit:
            break
        nxt = text[index] if index < len(text) else ""
        if not nxt or unicodedata.category(nxt) not in ("Mn", "Mc", "Me"):
            cut = index
    cut = max(cut, 1)
    return text[:cut], text[cut:]


def _used(page: list[tuple[str, bool]], budget: UssdBudget) -> int:
    return budget.cost("\n".join(text for text, _ in page))[0]


def _pack(
    lines: list[tuple[str, bool]], limit: int, budget: UssdBudget
) -> list[list[tuple[str, bool]]]:
    """Fill pages greedily. A paragraph that does not fit the room left on a page fills it
    and goes on at the next page, broken only at a space or punctuation; an option (a line
    marked ``True``) always stays whole on one page."""
    pages: list[list[tuple[str, bool]]] = []
    current: list[tuple[str, bool]] = []
    for text, whole in lines:
        if _used([*current, (text, whole)], budget) <= limit:
            current.append((text, whole))
            continue
        if whole and budget.cost(text)[0] <= limit:
            pages.append(current)
            current = [(text, whole)]
            continue
        tokens = [t for t in _BREAK.split(text) if t]
        head = ""
        while tokens and _used([*current, ((head + tokens[0]).strip(), False)], budget) <= limit:
            head += tokens.pop(0)
        if head.strip():
            current.append((head.strip(), False))
        rest = "".join(tokens).strip()
        if current:
            pages.append(current)
            current = []
        pieces = list(_pieces(rest, limit, budget)) if rest else []
        pages.extend([(piece, False)] for piece in pieces[:-1])
        current = [(pieces[-1], False)] if pieces else []
    if current or not pages:
        pages.append(current)
    return [page for page in pages if page] or [[]]


def render_ussd(reply: Reply, tr: Translator, budget: UssdBudget | None = None) -> UssdScreen:
    """Render ``reply`` as USSD pages, each within ``budget``.

    Every page but the last ends with ``98 More``; the last ends with the options and
    ``0 Back  00 Home``. Option keys stay ASCII digits whatever the script.
    """
    budget = budget or UssdBudget()
    more = f"98 {tr.gettext(MORE)}"
    nav_parts = []
    if not reply.end:
        if reply.back:
            nav_parts.append(f"0 {tr.gettext(BACK)}")
        nav_parts.append(f"00 {tr.gettext(HOME)}")
    nav = " ".join(nav_parts)
    lines: list[tuple[str, bool]] = [(p, False) for p in _paragraphs(reply, tr, ussd=True)]
    lines += [(f"{o.key}. {render_text(o.label, tr, ussd=True)}", True) for o in reply.options]

    # The tightest budget any page may face: UCS-2 if any line needs it. A page that goes
    # on ends with "98 More"; the last one with the navigation line, which may be longer.
    whole = "\n".join([*(text for text, _ in lines), nav, more])
    _, allowed = budget.cost(whole)
    limit_more = max(allowed - budget.cost(more)[0] - 1, 10)
    limit_last = max(allowed - (budget.cost(nav)[0] + 1 if nav else 0), 10)

    pages = _pack(lines, limit_more, budget)
    if _used(pages[-1], budget) > limit_last:
        pages[-1:] = _pack(pages[-1], limit_last, budget)

    finished: list[str] = []
    for index, page in enumerate(pages):
        body = "\n".join(text for text, _ in page)
        footer = nav if index == len(pages) - 1 else more
        finished.append(f"{body}\n{footer}" if footer and body else body or footer)
    return UssdScreen(pages=tuple(finished), end=reply.end)


# -- assessments ----------------------------------------------------------------------


def translate_assessment(assessment: Assessment, lang: str) -> Assessment:
    """The same assessment with every ``message`` rendered in ``lang`` (``kawan assess
    --lang``); rule ids, citations, templates, params and amounts stay as they are.

    Raises:
        LookupError: ``lang`` is not one of kawan's languages.
    """
    code = normalize_language(lang)
    if code is None:
        raise LookupError(f"unknown language; use one of {', '.join(LANGUAGES)}")
    tr = get_translator(code)

    def message(template: str, params: Mapping[str, ParamValue], english: str) -> str:
        if not template:
            return english
        values = {k: v for k, v in params.items() if v is not None}
        return render_text(Text(template, values), tr)

    benefits = [
        result.model_copy(
            update={
                "reasons": [
                    r.model_copy(update={"message": message(r.template, r.params, r.message)})
                    for r in result.reasons
                ],
                "claim_steps": [
                    s.model_copy(update={"message": message(s.template, s.params, s.message)})
                    for s in result.claim_steps
                ],
            }
        )
        for result in assessment.benefits
    ]
    return assessment.model_copy(update={"benefits": benefits})
