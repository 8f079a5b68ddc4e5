"""The summary screens: the result of a branch, the last result, and both in Malay and English.

``summary`` is where ``NEXT`` leads once nothing askable is missing. Arriving there stores
the facts and the date in ``Conversation.last_result`` (through :meth:`Node.keeps`), so
"My last result" (``summary.last``) shows the same summary later without a question: the
assessment is deterministic for the same case and date. ``summary.both`` shows the last
result with every line also in Malay and English (``Reply.also_in``), for the worker to
hand the phone to a PERKESO officer, an employer or a caseworker.

Each benefit of a summary is also a numbered option leading to ``summary.detail`` (its
reasons and claim steps) and "How to claim" leads to ``summary.steps``: on USSD that
detail is not on the summary itself (see :mod:`dialogs.summary`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from pydantic import JsonValue

from dialogs.case import DATE_APPROXIMATE, assess_facts, case_from_facts
from dialogs.conversation import Conversation
from dialogs.engine import MENU
from dialogs.flows.common import LAST_RESULT
from dialogs.flows.kinds import MAIN_MENU
from dialogs.nodes import HINT_CHOOSE, Context, Node, Outcome
from dialogs.reply import Option, Reply, Text
from dialogs.summary import (
    ASK_PERKESO,
    CARELINE,
    benefit_details,
    benefit_name,
    claim_step_lines,
    summary_lines,
)
from eligibility.models import Assessment, BenefitId
from eligibility.parameters import when_reloaded
from eligibility.text import N_

SUMMARY: Final = "summary"
BOTH: Final = "summary.both"
DETAIL: Final = "summary.detail"
STEPS: Final = "summary.steps"
DETAIL_FACT: Final = "flow.detail"
"""Which benefit ``summary.detail`` shows (a benefit id)."""
_BENEFIT_OPTION: Final = "benefit."
BILINGUAL: Final = ("ms", "en")
"""The languages shown beside the worker's own in the bilingual summary."""

_log = logging.getLogger(__name__)

MAX_SHOWN: Final = 512
"""Summary screens remembered per process (see :func:`_remembered`)."""
_shown: dict[Hashable, Reply] = {}
when_reloaded(_shown.clear)

# TRANSLATORS: option under a summary: show it again in Malay and English beside the
# worker's language, to show an officer. USSD: ≤ 30 chars.
SHOW_BOTH = N_("Show in Malay and English too")
# TRANSLATORS: option under a summary: every claim step with its deadline. USSD: ≤ 30 chars.
CLAIM_STEPS_OPTION = N_("How to claim")
# TRANSLATORS: "My last result" when there is none yet. USSD: ≤ 75 chars.
NO_RESULT = N_("You have no saved result yet. Choose what happened in the main menu.")
# TRANSLATORS: shown if kawan could not work out a summary (a fault). USSD: ≤ 75 chars.
FAILED = N_("Sorry, kawan cannot work this out right now. Your answers are kept.")


def _remembered(
    key: tuple[Hashable, ...], facts: Mapping[str, JsonValue], make: Callable[[], Reply]
) -> Reply:
    """``make()``, remembered by ``key`` and ``facts``: a summary screen is a pure function
    of the facts, the dates and the parameters (a reload forgets them all), and costs
    hundreds of microseconds, while the same screen is shown again on every page
    (``98``/``0``), every choice made on it (``handle`` reads its options) and every
    return to it."""
    try:
        full = (*key, json.dumps(facts, sort_keys=True))
        reply = _shown.get(full)
    except (TypeError, ValueError):  # facts that are not JSON: not remembered
        return make()
    if reply is None:
        reply = make()
        if len(_shown) >= MAX_SHOWN:
            del _shown[next(iter(_shown))]
        _shown[full] = reply
    return reply


def _facts_of(last: Mapping[str, JsonValue] | None) -> tuple[dict[str, JsonValue], date] | None:
    """The facts and date of a stored result, or ``None`` if there is none (or it is damaged)."""
    if not last:
        return None
    facts, as_of = last.get("facts"), last.get("as_of")
    if not isinstance(facts, dict) or not isinstance(as_of, str):
        return None
    try:
        return dict(facts), date.fromisoformat(as_of)
    except ValueError:
        return None


def assess_or_none(facts: Mapping[str, JsonValue], as_of: date) -> Assessment | None:
    """The assessment, or ``None`` if the rules fail: a fault in one rule must not cost
    the worker the conversation (their answers stay; the screen says so)."""
    try:
        return assess_facts(facts, as_of)
    except Exception:
        _log.exception("assessment failed")
        return None


def summary_body(
    facts: Mapping[str, JsonValue], as_of: date, ctx: Context
) -> tuple[Text, ...] | None:
    """The summary lines for ``facts`` on ``as_of``, or ``None`` if it cannot be made."""
    assessment = assess_or_none(facts, as_of)
    if assessment is None:
        return None
    case = case_from_facts(facts, as_of)
    return summary_lines(
        assessment,
        ctx.today,
        wage=case.wages.average_monthly_wage,
        approximate_date=facts.get(DATE_APPROXIMATE) is True,
        ngo_contact=ctx.ngo_contact,
    )


@dataclass(frozen=True)
class Summary(Node):
    """A summary screen.

    Attributes:
        id: ``summary``, ``summary.last`` or ``summary.both``.
        last: show ``Conversation.last_result`` instead of the current answers.
        bilingual: show every line in Malay and English too.
    """

    id: str
    last: bool = False
    bilingual: bool = False

    def _options(self, assessment: Assessment | None = None) -> tuple[Option, ...]:
        # The first two keys stay the same on every summary (1 both languages, 2 menu),
        # so a caseworker's habit and a recorded transcript keep working.
        ids: list[tuple[str, Text]] = [] if self.bilingual else [(BOTH, Text(SHOW_BOTH))]
        ids.append((MENU, Text(MAIN_MENU)))
        if not self.bilingual:
            benefits = assessment.benefits if assessment is not None else ()
            if benefits:
                ids.append((STEPS, Text(CLAIM_STEPS_OPTION)))
            ids.extend((_BENEFIT_OPTION + b.id.value, benefit_name(b.id)) for b in benefits)
        return tuple(Option(str(i), oid, label) for i, (oid, label) in enumerate(ids, start=1))

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        source = _facts_of(conv.last_result) if self.last else (dict(conv.facts), ctx.today)
        if source is None:
            menu_only = (Option("1", MENU, Text(MAIN_MENU)),)
            return Reply(body=(Text(NO_RESULT),), options=menu_only, screen=self.id)
        facts, as_of = source
        key = (self, as_of, ctx.today, ctx.ngo_contact)
        return _remembered(key, facts, lambda: self._summary(facts, as_of, ctx))

    def _summary(self, facts: dict[str, JsonValue], as_of: date, ctx: Context) -> Reply:
        source = (facts, as_of)
        menu_only = (Option("1", MENU, Text(MAIN_MENU)),)
        body = summary_body(*source, ctx)
        if body is None:
            failed = (Text(FAILED), Text(ASK_PERKESO, {"phone": CARELINE}))
            return Reply(body=failed, options=menu_only, screen=self.id)
        return Reply(
            body=body,
            options=self._options(assess_or_none(*source)),
            screen=self.id,
            also_in=BILINGUAL if self.bilingual else (),
        )

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        options = self.show(conv, ctx).options
        picked = next((o for o in options if text in (o.key, o.id)), None)
        if picked is None:
            return Outcome(goto=None, hint=Text(HINT_CHOOSE))
        if picked.id.startswith(_BENEFIT_OPTION):
            return Outcome(goto=DETAIL, facts={DETAIL_FACT: picked.id[len(_BENEFIT_OPTION) :]})
        return Outcome(goto=picked.id)

    def edges(self) -> Iterable[tuple[str, str]]:
        edges = [(o.id, o.id) for o in self._options()]
        if not self.bilingual:
            edges += [(DETAIL, "benefit"), (STEPS, STEPS)]
        return edges

    def keeps(self, conv: Conversation, ctx: Context) -> Mapping[str, JsonValue] | None:
        if self.last:
            return None
        return {"facts": dict(conv.facts), "as_of": ctx.today.isoformat()}


@dataclass(frozen=True)
class SummaryDetail(Node):
    """One benefit of the last result (``detail``), or all its claim steps."""

    id: str
    steps: bool = False

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        source = _facts_of(conv.last_result)
        if source is None:
            return self._detail(conv, source, ctx)
        detail = None if self.steps else conv.fact(DETAIL_FACT)
        key = (self, source[1], ctx.today, ctx.ngo_contact, str(detail))
        return _remembered(key, source[0], lambda: self._detail(conv, source, ctx))

    def _detail(
        self, conv: Conversation, source: tuple[dict[str, JsonValue], date] | None, ctx: Context
    ) -> Reply:
        menu_only = (Option("1", MENU, Text(MAIN_MENU)),)
        assessment = assess_or_none(*source) if source is not None else None
        if source is None or assessment is None:
            return Reply(body=(Text(NO_RESULT),), options=menu_only, screen=self.id)
        facts, _ = source
        approximate = facts.get(DATE_APPROXIMATE) is True
        if self.steps:
            body = claim_step_lines(assessment, ctx.today, approximate_date=approximate)
        else:
            try:
                benefit = BenefitId(str(conv.fact(DETAIL_FACT)))
            except ValueError:
                return Reply(body=(Text(NO_RESULT),), options=menu_only, screen=self.id)
            body = benefit_details(assessment, benefit, ctx.today, approximate_date=approximate)
        return Reply(body=body, options=menu_only, screen=self.id)

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        if text in ("1", MENU):
            return Outcome(goto=MENU)
        return Outcome(goto=None, hint=Text(HINT_CHOOSE))

    def edges(self) -> Iterable[tuple[str, str]]:
        return [(MENU, MENU)]


NODES: tuple[Node, ...] = (
    SummaryDetail(DETAIL),
    SummaryDetail(STEPS, steps=True),
    Summary(SUMMARY),
    Summary(LAST_RESULT, last=True),
    Summary(BOTH, last=True, bilingual=True),
)
