"""The summary screens: the result of a branch, the last result, and both in Malay and English.

``summary`` is where ``NEXT`` leads once nothing askable is missing. Arriving there stores
the facts and the date in ``Conversation.last_result`` (through :meth:`Node.keeps`), so
"My last result" (``summary.last``) shows the same summary later without a question: the
assessment is deterministic for the same case and date. ``summary.both`` shows the last
result with every line also in Malay and English (``Reply.also_in``), for the worker to
hand the phone to a PERKESO officer, an employer or a caseworker.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
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
from dialogs.summary import ASK_PERKESO, CARELINE, summary_lines
from eligibility.models import Assessment
from eligibility.text import N_

SUMMARY: Final = "summary"
BOTH: Final = "summary.both"
BILINGUAL: Final = ("ms", "en")
"""The languages shown beside the worker's own in the bilingual summary."""

_log = logging.getLogger(__name__)

# TRANSLATORS: option under a summary: show it again in Malay and English beside the
# worker's language, to show an officer. USSD: ≤ 30 chars.
SHOW_BOTH = N_("Show in Malay and English too")
# TRANSLATORS: "My last result" when there is none yet. USSD: ≤ 75 chars.
NO_RESULT = N_("You have no saved result yet. Choose what happened in the main menu.")
# TRANSLATORS: shown if kawan could not work out a summary (a fault). USSD: ≤ 75 chars.
FAILED = N_("Sorry, kawan cannot work this out right now. Your answers are kept.")


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

    def _options(self) -> tuple[Option, ...]:
        options = [] if self.bilingual else [Option("1", BOTH, Text(SHOW_BOTH))]
        options.append(Option(str(len(options) + 1), MENU, Text(MAIN_MENU)))
        return tuple(options)

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        source = _facts_of(conv.last_result) if self.last else (dict(conv.facts), ctx.today)
        menu_only = (Option("1", MENU, Text(MAIN_MENU)),)
        if source is None:
            return Reply(body=(Text(NO_RESULT),), options=menu_only, screen=self.id)
        body = summary_body(*source, ctx)
        if body is None:
            failed = (Text(FAILED), Text(ASK_PERKESO, {"phone": CARELINE}))
            return Reply(body=failed, options=menu_only, screen=self.id)
        return Reply(
            body=body,
            options=self._options(),
            screen=self.id,
            also_in=BILINGUAL if self.bilingual else (),
        )

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        options = self.show(conv, ctx).options
        picked = next((o for o in options if text in (o.key, o.id)), None)
        if picked is None:
            return Outcome(goto=None, hint=Text(HINT_CHOOSE))
        return Outcome(goto=picked.id)

    def edges(self) -> Iterable[tuple[str, str]]:
        return [(o.id, o.id) for o in self._options()]

    def keeps(self, conv: Conversation, ctx: Context) -> Mapping[str, JsonValue] | None:
        if self.last:
            return None
        return {"facts": dict(conv.facts), "as_of": ctx.today.isoformat()}


NODES: tuple[Node, ...] = (
    Summary(SUMMARY),
    Summary(LAST_RESULT, last=True),
    Summary(BOTH, last=True, bilingual=True),
)
