"""``kawan i18n preview --lang L``: every screen as a worker sees it, for review.

A fluent speaker (an NGO volunteer, often) reviews a translation best in context, top to
bottom: each screen of each flow (:mod:`dialogs.crawl`), with the inputs that reach it,
its USSD pages boxed like a phone screen with their character count against the budget,
and its chat form. One HTML page (right-to-left for Urdu, Noto fonts for every script)
and the same content as plain text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from bot.i18n import catalogues
from dialogs.crawl import REDIAL, CrawledScreen, crawl
from dialogs.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALES_DIR, Translator, load_translator
from dialogs.render import ChatView, UssdBudget, render_chat, render_ussd

SAFE_UCS2: Final = 75

FONT_STACK: Final = (
    '"Noto Sans", "Noto Sans Bengali", "Noto Sans Devanagari", "Noto Sans Myanmar", '
    '"Noto Sans Tamil", "Noto Naskh Arabic", "Noto Nastaliq Urdu", "Noto Sans Thai", '
    '"Noto Sans CJK SC", "Noto Sans SC", sans-serif'
)


@dataclass(frozen=True, slots=True)
class PreviewPage:
    text: str
    used: int
    allowed: int

    @property
    def state(self) -> str:
        if self.used > self.allowed:
            return "over"
        if self.allowed < 182 and self.used > SAFE_UCS2:
            return "tight"
        return "ok"


@dataclass(frozen=True, slots=True)
class PreviewScreen:
    number: int
    screen: CrawledScreen
    pages: tuple[PreviewPage, ...]
    end: bool
    chat: ChatView

    @property
    def typed(self) -> str:
        shown = ["(dial again)" if i == REDIAL else i for i in self.screen.inputs]
        return " › ".join(shown) if shown else "(first screen)"


def preview_screens(
    tr: Translator, screens: Sequence[CrawledScreen], budget: UssdBudget | None = None
) -> list[PreviewScreen]:
    budget = budget or UssdBudget()
    result = []
    for number, screen in enumerate(screens, start=1):
        ussd = render_ussd(screen.reply, tr, budget)
        pages = tuple(PreviewPage(page, *budget.cost(page)) for page in ussd.pages)
        result.append(PreviewScreen(number, screen, pages, ussd.end, render_chat(screen.reply, tr)))
    return result


def build_preview(code: str, locales: Path = LOCALES_DIR) -> tuple[str, str]:
    """(HTML, plain text) previews of every screen in language ``code``."""
    tr = load_translator(code, catalogues.catalogue_path(code, locales))
    screens = crawl(code if code in LANGUAGES else DEFAULT_LANGUAGE)
    items = preview_screens(tr, screens)
    return render_html(code, tr, items), render_plain(code, items)


def _title(code: str) -> str:
    return f"kawan: every screen in {catalogues.language_name(code)} ({code})"


def render_plain(code: str, items: Sequence[PreviewScreen]) -> str:
    out = [_title(code), f"{len(items)} screens. USSD pages show characters used/allowed.", ""]
    for item in items:
        out.append("=" * 72)
        out.append(f"[{item.number}] {item.screen.name}    typed: {item.typed}")
        for index, page in enumerate(item.pages, start=1):
            flag = {"over": "  OVER BUDGET", "tight": "  (above 75)", "ok": ""}[page.state]
            prefix = "END " if item.end and index == len(item.pages) else "CON "
            out.append(
                f"--- USSD page {index}/{len(item.pages)}: {page.used}/{page.allowed}{flag} ---"
            )
            out.append(prefix + page.text)
        out.append("--- chat ---")
        out.append(item.chat.as_plain())
        out.append("")
    return "\n".join(out) + "\n"


_CSS: Final = """
body { font-family: %(fonts)s; margin: 2rem; background: #f4f4f0; color: #1b1b1b; }
h1 { font-size: 1.4rem; } .meta { color: #555; }
section { background: #fff; border-radius: 8px; padding: 1rem 1.25rem; margin: 1.25rem 0;
  box-shadow: 0 1px 3px rgba(0,0,0,.12); }
section h2 { font-size: 1rem; margin: 0 0 .25rem; }
.typed { color: #555; font-size: .85rem; margin-bottom: .75rem; }
.typed code { background: #eee; padding: 0 .3em; border-radius: 3px; }
.views { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.ussd { display: flex; flex-wrap: wrap; gap: .75rem; }
.phone { width: 15rem; background: #222; border-radius: 14px; padding: .6rem .6rem .4rem; }
.screen { background: #dfe8d8; color: #111; min-height: 8rem; padding: .5rem;
  border-radius: 4px; white-space: pre-wrap; font-size: .9rem; line-height: 1.35; }
.count { color: #ddd; font-size: .75rem; text-align: center; margin-top: .3rem; }
.phone.tight .count { color: #ffcc55; } .phone.over { outline: 3px solid #d33; }
.phone.over .count { color: #ff8080; font-weight: bold; }
.chat { max-width: 26rem; }
.bubble { background: #e7f1ff; border-radius: 12px; padding: .6rem .8rem;
  white-space: pre-wrap; }
.buttons { display: flex; flex-wrap: wrap; gap: .35rem; margin-top: .4rem; }
.buttons span { border: 1px solid #7aa7e0; border-radius: 6px; padding: .15rem .5rem;
  font-size: .85rem; background: #fff; }
.buttons.nav span { border-color: #bbb; color: #555; }
.label { font-size: .75rem; color: #777; text-transform: uppercase; margin-bottom: .2rem; }
"""


def _lines(text: str) -> str:
    """Each line in its own block with ``dir="auto"``: a phone lays out every line (a
    paragraph, for the bidi algorithm) by its first strong character, so an untranslated
    English line in an Urdu screen reads left to right, as the worker would see it."""
    return "".join(
        f'<div dir="auto">{html.escape(line) or "&nbsp;"}</div>' for line in text.split("\n")
    )


def render_html(code: str, tr: Translator, items: Sequence[PreviewScreen]) -> str:
    direction = "rtl" if tr.rtl else "ltr"
    lang_attr = code.replace("_", "-")
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang_attr}" dir="{direction}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(_title(code))}</title>",
        f"<style>{_CSS % {'fonts': FONT_STACK}}</style>",
        "</head>",
        "<body>",
        f'<h1 dir="auto">{esc(_title(code))}</h1>',
        f'<p class="meta" dir="ltr">{len(items)} screens, each with what the worker typed to '
        "reach it. USSD pages show characters used / allowed (amber: above the 75-character "
        "safety margin; red: over budget). Untranslated text appears in English.</p>",
    ]
    for item in items:
        typed = " ".join(f"<code>{esc(step)}</code>" for step in item.typed.split(" › "))
        parts.append(f'<section id="screen-{item.number}">')
        parts.append(
            f'<h2 dir="ltr">{item.number}. {esc(item.screen.name)}</h2>'
            f'<div class="typed" dir="ltr">typed: {typed}</div>'
        )
        parts.append('<div class="views"><div><div class="label">USSD</div><div class="ussd">')
        for index, page in enumerate(item.pages, start=1):
            parts.append(
                f'<div class="phone {page.state}"><div class="screen">{_lines(page.text)}</div>'
                f'<div class="count" dir="ltr">page {index}/{len(item.pages)} · '
                f"{page.used}/{page.allowed}</div></div>"
            )
        parts.append('</div></div><div class="chat"><div class="label">chat</div>')
        parts.append(f'<div class="bubble">{_lines(item.chat.text)}</div>')
        if item.chat.buttons:
            buttons = "".join(f'<span dir="auto">{esc(b.label)}</span>' for b in item.chat.buttons)
            parts.append(f'<div class="buttons">{buttons}</div>')
        if item.chat.nav:
            nav = "".join(
                f'<span dir="auto">{esc(b.key)} {esc(b.label)}</span>' for b in item.chat.nav
            )
            parts.append(f'<div class="buttons nav">{nav}</div>')
        parts.append("</div></div></section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
