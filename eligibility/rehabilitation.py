"""Rehabilitation after an employment injury (EIS) or for an invalid worker (IS).

Rules file sections 7.2 and 8: physical rehabilitation (physiotherapy, occupational therapy,
reconstructive surgery, prostheses and appliances) at PERKESO's rates. Whether foreign
workers also get dialysis, vocational rehabilitation or Return To Work is unclear in the
sources (UNVERIFIED): kawan tells the worker to ask.
"""

from __future__ import annotations

import functools
from datetime import date

from eligibility import claim_steps
from eligibility.context import EMPLOYMENT_INJURY_KINDS, Context
from eligibility.models import BenefitId, BenefitResult, Reason
from eligibility.outcome import Outcome
from eligibility.parameters import parameter, rules_period, value_at, when_reloaded
from eligibility.reasons import reason
from eligibility.text import N_

__all__ = ["decide"]


def decide(context: Context) -> BenefitResult:
    """Rehabilitation under the scheme the event falls in."""
    outcome = Outcome()
    if context.case.event.kind in EMPLOYMENT_INJURY_KINDS:
        outcome.require_scheme(context.employment_injury)
        outcome.note(*context.injury_notes)
    else:
        outcome.require_scheme(context.invalidity)
    outcome.note(*_notes(rules_period(context.rules_date)))
    return outcome.result(
        BenefitId.REHABILITATION, steps=claim_steps.for_benefit(BenefitId.REHABILITATION, context)
    )


@functools.lru_cache(maxsize=64)
def _notes(on: date) -> tuple[Reason, ...]:
    """What the benefit gives, under the rules of ``on`` (a :func:`rules_period` start)."""
    notes = []
    physical = value_at("rehabilitation.physical", on)
    if physical.flag:
        notes.append(
            reason(
                "rehabilitation.physical",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "PERKESO pays for physical rehabilitation, such as physiotherapy and "
                    "artificial limbs."
                ),
                physical,
            )
        )
    notes.append(
        reason(
            "rehabilitation.ask_extras",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under ~120
            # chars; USSD pages it.
            N_(
                "Ask PERKESO whether dialysis, job training or return-to-work help is included "
                "for you."
            ),
            parameter("rehabilitation.dialysis_vocational_return_to_work"),
        )
    )
    return tuple(notes)


when_reloaded(_notes.cache_clear)
