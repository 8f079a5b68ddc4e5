"""What every benefit rule needs to know about a case, worked out once per assessment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eligibility import coverage
from eligibility.coverage import Coverage
from eligibility.models import Case, EventKind, Reason
from eligibility.qualifying_period import QualifyingPeriod, qualifying_period
from eligibility.wages import WageBasis, wage_basis

__all__ = ["EMPLOYMENT_INJURY_KINDS", "Context", "build_context"]

EMPLOYMENT_INJURY_KINDS = frozenset(
    {EventKind.WORK_ACCIDENT, EventKind.COMMUTING_ACCIDENT, EventKind.OCCUPATIONAL_DISEASE}
)


@dataclass(frozen=True, slots=True)
class Context:
    """A case with the facts derived from it: coverage, assumed wage, qualifying period."""

    case: Case
    as_of: date
    """The date of the assessment: claim deadlines are checked against it."""
    employment_injury: Coverage
    invalidity: Coverage
    wage: WageBasis
    qualifying: QualifyingPeriod | None
    """The Invalidity Scheme's qualifying period; ``None`` for an employment injury (no rule
    needs it) or without an event date (the rule in force is unknown)."""
    injury_notes: tuple[Reason, ...]
    """What every employment-injury benefit explains (the commuting rule)."""

    @property
    def event_date(self) -> date | None:
        return self.case.event.date

    @property
    def rules_date(self) -> date:
        """The date whose rules apply: the event date, or the assessment date if unknown."""
        event_date = self.case.event.date
        return self.as_of if event_date is None else event_date

    @property
    def payment_date(self) -> date:
        """When a periodic benefit is paid: today's rules (the minimum pension) apply."""
        event_date = self.case.event.date
        return self.as_of if event_date is None else max(self.as_of, event_date)


def build_context(case: Case, as_of: date) -> Context:
    """Work out coverage, wage and qualifying period once for all the benefit rules."""
    on = case.event.date
    return Context(
        case=case,
        as_of=as_of,
        employment_injury=coverage.employment_injury(case),
        invalidity=coverage.invalidity(case),
        wage=wage_basis(case),
        qualifying=(
            None
            if on is None or case.event.kind in EMPLOYMENT_INJURY_KINDS
            else qualifying_period(case.contributions, on)
        ),
        injury_notes=tuple(note for note in (coverage.commuting_rule(case),) if note is not None),
    )
