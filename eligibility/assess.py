"""``assess(case)``: every benefit the case makes relevant, decided, with amounts and steps.

Which benefits a case makes relevant (contract section 4):

- a work accident, commuting accident or occupational disease, not fatal: medical,
  temporary and permanent disablement, rehabilitation, and constant attendance when the
  worker says they need it;
- the same, fatal (``event.death``): funeral and dependants' benefit;
- invalidity: invalidity pension and grant, rehabilitation, constant attendance when needed;
- a death not caused by work (``death_non_work``, or ``invalidity`` with ``event.death``):
  survivors' pension, funeral, and the repatriation refund unless the worker is known to be
  Malaysian;
- no ``event.kind``: nothing yet.

Dates: coverage and amounts follow the rules in force on ``event.date``; ``as_of`` is the day
of the assessment (claim deadlines already passed, the minimum pension now paid). It is the
``as_of`` argument, else ``case.as_of``, else ``event.date``, else the date of the newest
parameter value kawan knows, so the same case always gives the same answer (the CLI passes
today's date when the case has none).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

from eligibility import (
    constant_attendance,
    dependants,
    funeral,
    invalidity,
    medical,
    permanent_disablement,
    rehabilitation,
    repatriation,
    survivors,
    temporary_disablement,
)
from eligibility.context import EMPLOYMENT_INJURY_KINDS, Context, build_context
from eligibility.models import (
    Assessment,
    BenefitId,
    BenefitResult,
    Case,
    Contributions,
    Dependant,
    Event,
    EventKind,
    Schemes,
    Wages,
    Worker,
)
from eligibility.parameters import all_parameters, when_reloaded

__all__ = ["assess", "decide_all", "relevant_benefits"]

_Decide = Callable[[Context], BenefitResult]

_DECIDE: dict[BenefitId, _Decide] = {
    BenefitId.MEDICAL: medical.decide,
    BenefitId.TEMPORARY_DISABLEMENT: temporary_disablement.decide,
    BenefitId.PERMANENT_DISABLEMENT: permanent_disablement.decide,
    BenefitId.CONSTANT_ATTENDANCE: constant_attendance.decide,
    BenefitId.FUNERAL: funeral.decide,
    BenefitId.DEPENDANTS: dependants.decide,
    BenefitId.REHABILITATION: rehabilitation.decide,
    BenefitId.INVALIDITY_PENSION: invalidity.decide_pension,
    BenefitId.INVALIDITY_GRANT: invalidity.decide_grant,
    BenefitId.SURVIVORS_PENSION: survivors.decide,
    BenefitId.REPATRIATION_REFUND: repatriation.decide,
}
"""One rule per benefit id, in the contract's order (the order of the output)."""


def assess(case: Case, as_of: date | None = None) -> Assessment:
    """What PERKESO is likely to owe the worker of ``case``, and how to claim it.

    The last 1,024 distinct (case, date) answers are remembered: many workers share the same
    early answers in the dialogs, and the models are frozen. Treat the result as immutable.

    Examples:
        >>> from eligibility.models import Case
        >>> case = Case.model_validate({
        ...     "worker": {"foreign_worker": True, "domestic_worker": False},
        ...     "event": {"kind": "work_accident", "date": "2025-03-10", "medical_leave_days": 3},
        ... })
        >>> assess(case).benefit(BenefitId.TEMPORARY_DISABLEMENT).status
        <Status.NOT_ELIGIBLE: 'not_eligible'>
    """
    day = as_of or case.as_of or case.event.date or _newest_rule_date()
    dependants = None if case.dependants is None else tuple(case.dependants)
    return _remembered(day, case.worker, case.event, case.wages, case.contributions, dependants)


@functools.lru_cache(maxsize=1024)
def _remembered(
    day: date,
    worker: Worker,
    event: Event,
    wages: Wages,
    contributions: Contributions,
    dependants: tuple[Dependant, ...] | None,
) -> Assessment:
    case = Case.model_construct(
        worker=worker,
        event=event,
        wages=wages,
        contributions=contributions,
        dependants=None if dependants is None else list(dependants),
    )
    return decide_all(case, day)


def decide_all(case: Case, day: date) -> Assessment:
    """Decide every relevant benefit of ``case`` as of ``day``, without the memory of
    :func:`assess` (what a case never seen before costs)."""
    context = build_context(case, day)
    wanted = relevant_benefits(case)
    return Assessment(
        as_of=day,
        schemes=Schemes(
            employment_injury=context.employment_injury.status,
            invalidity=context.invalidity.status,
        ),
        benefits=[decide(context) for benefit, decide in _DECIDE.items() if benefit in wanted],
    )


def relevant_benefits(case: Case) -> frozenset[BenefitId]:
    """The benefits the case makes relevant (see the module docstring)."""
    event = case.event
    kind = event.kind
    if kind in EMPLOYMENT_INJURY_KINDS:
        if event.death:
            return frozenset({BenefitId.FUNERAL, BenefitId.DEPENDANTS})
        injury = {
            BenefitId.MEDICAL,
            BenefitId.TEMPORARY_DISABLEMENT,
            BenefitId.PERMANENT_DISABLEMENT,
            BenefitId.REHABILITATION,
        }
        if event.needs_constant_attendance:
            injury.add(BenefitId.CONSTANT_ATTENDANCE)
        return frozenset(injury)
    if kind is EventKind.DEATH_NON_WORK or (kind is EventKind.INVALIDITY and event.death):
        death = {BenefitId.SURVIVORS_PENSION, BenefitId.FUNERAL}
        if case.worker.foreign_worker is not False:
            death.add(BenefitId.REPATRIATION_REFUND)
        return frozenset(death)
    if kind is EventKind.INVALIDITY:
        ill = {BenefitId.INVALIDITY_PENSION, BenefitId.INVALIDITY_GRANT, BenefitId.REHABILITATION}
        if event.needs_constant_attendance:
            ill.add(BenefitId.CONSTANT_ATTENDANCE)
        return frozenset(ill)
    return frozenset()


@functools.cache
def _newest_rule_date() -> date:
    return max(start for parameter in all_parameters().values() for start in parameter.starts)


when_reloaded(_newest_rule_date.cache_clear)
when_reloaded(_remembered.cache_clear)
