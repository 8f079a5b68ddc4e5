"""The dialog engine: a pure function (conversation, input) -> (conversation, reply).

Every channel calls :func:`begin` when a session opens (a USSD dial, ``/start``) and
:func:`step` for each input. Navigation is the same everywhere: ``0`` back, ``00`` home
(the main menu), ``99`` help and contacts; unknown input re-asks the same screen with a
short hint and never ends the conversation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Final

from pydantic import JsonValue

from dialogs.conversation import Conversation
from dialogs.input import HINT_ZAWGYI, looks_like_zawgyi, normalize_input
from dialogs.nodes import NEXT, Context, Node, Outcome
from dialogs.reply import Nav, Param, Reply, Text

LANGUAGE: Final = "language"
MENU: Final = "menu"
RESUME: Final = "resume"
HELP: Final = "help"
ERASED: Final = "erased"
LANG_FACT: Final = "lang"
"""A choice recording this fact sets the conversation's language."""

EXIT_WORDS: Final = frozenset({"exit", "quit", "stop", "keluar", "berhenti", "x"})
"""Typed in chat, any of these wipes the conversation at once (a shared phone)."""

MAX_HISTORY: Final = 40


@dataclass(frozen=True)
class Flow:
    """The whole conversation: its screens and how ``@next`` is resolved."""

    nodes: Mapping[str, Node]
    resolve_next: Callable[[Conversation, Context], str]

    def node(self, node_id: str) -> Node:
        return self.nodes.get(node_id) or self.nodes[MENU]


def begin(conv: Conversation | None, ctx: Context, flow: Flow) -> tuple[Conversation, Reply]:
    """Open a session: a new worker chooses a language; a returning one mid-flow is
    asked whether to continue where they left off."""
    if conv is None or conv.lang is None:
        fresh = Conversation(started_on=ctx.today)
        return fresh, show(fresh, ctx, flow)
    if conv.node not in (LANGUAGE, MENU, RESUME, ERASED) and not _ended(conv, ctx, flow):
        conv = conv.model_copy(update={"resume_node": conv.node, "node": RESUME, "page": 0})
    elif conv.node != RESUME:
        conv = conv.model_copy(update={"node": MENU, "history": [], "page": 0})
    return conv, show(conv, ctx, flow)


def show(conv: Conversation, ctx: Context, flow: Flow, hint: Text | None = None) -> Reply:
    """The current screen, again (after a restart, or with a hint)."""
    reply = flow.node(conv.node).show(conv, ctx)
    if not conv.history and reply.back:
        reply = replace(reply, back=False)
    return replace(reply, hint=hint) if hint is not None else reply


def step(
    conv: Conversation, raw: str, ctx: Context, flow: Flow
) -> tuple[Conversation, Reply]:
    """Handle one input from the worker."""
    text = normalize_input(raw)
    if text.lower() in EXIT_WORDS:
        return _erase(ctx, flow)
    if conv.lang is None and conv.node != LANGUAGE:
        conv = conv.model_copy(update={"node": LANGUAGE, "history": []})

    shown_hint = _load_hint(conv.hint)
    if ctx.pages is not None and (text == Nav.MORE or (text == Nav.BACK and conv.page > 0)):
        current = show(conv, ctx, flow, hint=shown_hint)
        count = ctx.pages(current, conv.lang)
        page = conv.page + 1 if text == Nav.MORE else conv.page - 1
        if 0 <= page < count:
            return conv.model_copy(update={"page": page}), current
        return conv, current
    if conv.hint is not None:
        conv = conv.model_copy(update={"hint": None})
    if text == Nav.HOME and conv.lang is not None:
        moved = conv.model_copy(update={"node": MENU, "history": [], "page": 0})
        return moved, show(moved, ctx, flow)
    if text == Nav.BACK and conv.history:
        history = list(conv.history)
        previous = history.pop()
        moved = conv.model_copy(update={"node": previous, "history": history, "page": 0})
        return moved, show(moved, ctx, flow)
    if text == Nav.HELP and conv.lang is not None and conv.node != HELP:
        return _go(conv, HELP, Outcome(goto=HELP), ctx, flow)

    node = flow.node(conv.node)
    outcome = node.handle(conv, text, ctx)
    if outcome.erase:
        return _erase(ctx, flow)
    if outcome.goto is None:
        hint = outcome.hint
        if conv.lang == "my" and looks_like_zawgyi(text):
            # Legacy-encoded Burmese: say why it was not understood (no converter ships).
            hint = Text(HINT_ZAWGYI)
        hinted = conv.model_copy(update={"hint": _store_hint(hint), "page": 0})
        return hinted, show(hinted, ctx, flow, hint=hint)
    return _go(conv, outcome.goto, outcome, ctx, flow)


def _go(
    conv: Conversation, target: str, outcome: Outcome, ctx: Context, flow: Flow
) -> tuple[Conversation, Reply]:
    if outcome.reset:
        conv = conv.model_copy(update={"facts": {}, "asked": [], "history": []})
    chosen = dict(outcome.facts)
    lang = chosen.pop(LANG_FACT, conv.lang)
    facts = dict(conv.facts)
    facts.update(chosen)
    asked = list(conv.asked)
    for path in chosen:
        if path not in asked:
            asked.append(path)
    history = list(conv.history)
    if outcome.remember and conv.node not in (RESUME, target):
        history.append(conv.node)
    if target == MENU:
        history = []
    updated = conv.model_copy(
        update={
            "facts": facts,
            "asked": asked,
            "history": history[-MAX_HISTORY:],
            "page": 0,
            "resume_node": None if conv.node == RESUME else conv.resume_node,
            "lang": lang if isinstance(lang, str) else conv.lang,
        }
    )
    if target == NEXT:
        target = flow.resolve_next(updated, ctx)
    updated = updated.model_copy(update={"node": target})
    kept = flow.node(target).keeps(updated, ctx)
    if kept is not None:
        updated = updated.model_copy(update={"last_result": dict(kept)})
    return updated, show(updated, ctx, flow)


def _store_hint(hint: Text | None) -> dict[str, JsonValue] | None:
    """A hint as JSON for the conversation (its plain-number and text params only)."""
    if hint is None:
        return None
    params: dict[str, JsonValue] = {
        k: v for k, v in hint.params.items() if isinstance(v, int | str) and not isinstance(v, bool)
    }
    return {"msgid": hint.msgid, "short": hint.short, "params": params}


def _load_hint(stored: dict[str, JsonValue] | None) -> Text | None:
    if not stored or not isinstance(stored.get("msgid"), str):
        return None
    raw = stored.get("params")
    params: dict[str, Param] = (
        {k: v for k, v in raw.items() if isinstance(v, int | str)} if isinstance(raw, dict) else {}
    )
    short = stored.get("short")
    return Text(str(stored["msgid"]), params, short=short if isinstance(short, str) else None)


def _erase(ctx: Context, flow: Flow) -> tuple[Conversation, Reply]:
    fresh = Conversation(node=ERASED, started_on=ctx.today)
    return fresh, replace(show(fresh, ctx, flow), erase=True, end=True)


def _ended(conv: Conversation, ctx: Context, flow: Flow) -> bool:
    return flow.node(conv.node).show(conv, ctx).end
