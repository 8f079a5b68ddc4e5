"""The JSON contract of `kawan assess` (contract.md section 4) as pydantic models.

A *case* is what a worker told us; an *assessment* is what PERKESO is likely to owe them.
Every field of a case is optional: an unknown fact is ``None`` and the engine answers
``needs_information`` naming it, instead of guessing.

Extensions beyond the contract (allowed: "extend it; never break it"):
- ``Amount.estimate`` is true where a figure is DERIVED (rules file) or rests on the
  worker's own wage estimate, so every channel labels it "about RM…".
- ``Reason.template`` / ``ClaimStep.template`` carry the English gettext msgid with
  ``%(name)s`` placeholders, so a channel can render ``message`` in any language from
  ``params``.  ``message`` is always that template filled in English.
- ``ClaimStep.deadline`` is an ISO date computed from the worker's dates, or ``null``.
"""

from __future__ import annotations

import datetime
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EventKind(StrEnum):
    """What happened to the worker."""

    WORK_ACCIDENT = "work_accident"
    """An accident while working or on business duty (Act 4 s.2, s.24)."""
    COMMUTING_ACCIDENT = "commuting_accident"
    """An accident on the way between home and work, or to a meal during a break (s.24)."""
    OCCUPATIONAL_DISEASE = "occupational_disease"
    """A disease caused by the work (Fifth Schedule of Act 4)."""
    INVALIDITY = "invalidity"
    """A lasting illness or condition not caused by work (Invalidity Scheme, s.16)."""
    DEATH_NON_WORK = "death_non_work"
    """A death not caused by work."""


class Relation(StrEnum):
    """A dependant's relation to the worker."""

    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    SIBLING = "sibling"
    GRANDPARENT = "grandparent"


class SchemeStatus(StrEnum):
    """Whether a PERKESO scheme covered the worker on the date of the event."""

    COVERED = "covered"
    NOT_COVERED = "not_covered"
    OTHER_REGIME = "other_regime"
    """Covered by another law, e.g. the Workmen's Compensation Act 1952 before 2019."""
    UNKNOWN = "unknown"


class Status(StrEnum):
    """The decision for one benefit."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_INFORMATION = "needs_information"


class BenefitId(StrEnum):
    """Every benefit kawan decides; the ids are part of the contract."""

    MEDICAL = "medical"
    TEMPORARY_DISABLEMENT = "temporary_disablement"
    PERMANENT_DISABLEMENT = "permanent_disablement"
    CONSTANT_ATTENDANCE = "constant_attendance"
    FUNERAL = "funeral"
    DEPENDANTS = "dependants"
    REHABILITATION = "rehabilitation"
    INVALIDITY_PENSION = "invalidity_pension"
    INVALIDITY_GRANT = "invalidity_grant"
    SURVIVORS_PENSION = "survivors_pension"
    REPATRIATION_REFUND = "repatriation_refund"


class Per(StrEnum):
    """How often an amount is paid."""

    DAY = "day"
    MONTH = "month"
    ONCE = "once"


NonNegativeInt = Annotated[int, Field(ge=0)]
Age = Annotated[int, Field(ge=0, le=120)]
Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Percent = Annotated[Decimal, Field(ge=0, le=100)]
ParamValue = str | int | Decimal | date | bool | None
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


class Worker(_Model):
    foreign_worker: bool | None = None
    domestic_worker: bool | None = None
    age: Age | None = None
    age_at_first_contribution: Age | None = None
    registered_by_employer: bool | None = None
    home_country: CountryCode | None = None
    """ISO 3166-1 alpha-2 code of the worker's home country (``"ID"``, ``"NP"``, ``"BD"`` …),
    used to name the PERKESO partner agency there once the worker has gone home."""


class Event(_Model):
    kind: EventKind | None = None
    # ``datetime.date``: a bare ``date`` here would resolve to this field, not the type.
    date: datetime.date | None = None
    medical_leave_days: NonNegativeInt | None = None
    loss_of_earning_capacity_pct: Percent | None = None
    needs_constant_attendance: bool | None = None
    death: bool | None = None
    died_in_malaysia: bool | None = None
    returned_home: bool | None = None


class Wages(_Model):
    average_monthly_wage: Money | None = None


class Contributions(_Model):
    invalidity_months_paid: NonNegativeInt | None = None
    invalidity_months_in_last_40: Annotated[int, Field(ge=0, le=40)] | None = None
    months_since_first_contribution: NonNegativeInt | None = None


class Dependant(_Model):
    relation: Relation
    age: Age | None = None
    in_higher_education: bool | None = None
    incapacitated: bool | None = None
    married: bool | None = None


class Case(_Model):
    """What the worker told us. Unknown facts are ``None``."""

    as_of: date | None = None
    worker: Worker = Field(default_factory=Worker)
    event: Event = Field(default_factory=Event)
    wages: Wages = Field(default_factory=Wages)
    contributions: Contributions = Field(default_factory=Contributions)
    dependants: list[Dependant] | None = None
    """``None``: not asked yet; ``[]``: the worker has no dependants."""


class Amount(_Model):
    """Ringgit, as decimal strings in JSON. Exactly one of ``value`` and ``max`` is set."""

    value: Decimal | None = None
    max: Decimal | None = None
    per: Per
    currency: str = "MYR"
    estimate: bool = False


class Reason(_Model):
    rule: str
    citation: str
    message: str
    params: dict[str, ParamValue] = Field(default_factory=dict)
    template: str = ""


class ClaimStep(_Model):
    id: str
    message: str
    forms: list[str] = Field(default_factory=list)
    deadline: date | None = None
    params: dict[str, ParamValue] = Field(default_factory=dict)
    template: str = ""


class BenefitResult(_Model):
    id: BenefitId
    status: Status
    amount: Amount | None = None
    reasons: list[Reason] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    claim_steps: list[ClaimStep] = Field(default_factory=list)


class Schemes(_Model):
    employment_injury: SchemeStatus
    invalidity: SchemeStatus


class Assessment(_Model):
    as_of: date
    schemes: Schemes
    benefits: list[BenefitResult]

    def benefit(self, benefit_id: BenefitId) -> BenefitResult | None:
        """The result for one benefit, or ``None`` if the case does not make it relevant."""
        return next((b for b in self.benefits if b.id == benefit_id), None)

    @property
    def missing(self) -> list[str]:
        """Every fact, as a dotted path, that would decide a benefit still undecided."""
        seen: dict[str, None] = {}
        for result in self.benefits:
            for path in result.missing:
                seen.setdefault(path, None)
        return list(seen)
