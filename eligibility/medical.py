"""Medical Benefit: free treatment for an employment injury until the worker recovers.

Rules file section 8: PERKESO panel clinics or government clinics and hospitals; treatment
elsewhere may be reimbursed (perkeso.gov.my foreign-worker page, Fees Act 1951).
"""

from __future__ import annotations

import functools
from datetime import date

from eligibility import claim_steps
from eligibility.context import Context
from eligibility.models import BenefitId, BenefitResult, Reason
from eligibility.outcome import Outcome
from eligibility.parameters import rules_period, value_at, when_reloaded
from eligibility.reasons import reason
from eligibility.text import N_

__all__ = ["decide"]


def decide(context: Context) -> BenefitResult:
    """Medical benefit for an employment injury."""
    outcome = Outcome()
    outcome.require_scheme(context.employment_injury)
    outcome.note(*context.injury_notes, *_notes(rules_period(context.rules_date)))
    return outcome.result(
        BenefitId.MEDICAL, steps=claim_steps.for_benefit(BenefitId.MEDICAL, context)
    )


@functools.lru_cache(maxsize=64)
def _notes(on: date) -> tuple[Reason, ...]:
    """What the benefit gives, under the rules of ``on`` (a :func:`rules_period` start)."""
    notes = []
    free = value_at("medical.free_treatment", on)
    if free.flag:
        notes.append(
            reason(
                "medical.free_treatment",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "Treatment is free at PERKESO panel clinics and government clinics or "
                    "hospitals until you recover."
                ),
                free,
            )
        )
    refund = value_at("medical.reimbursement", on)
    if refund.flag:
        notes.append(
            reason(
                "medical.reimbursement",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_("Paid at another clinic? PERKESO may pay you back. Keep the receipts."),
                refund,
            )
        )
    return tuple(notes)


when_reloaded(_notes.cache_clear)
