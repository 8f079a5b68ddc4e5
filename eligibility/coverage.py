"""Which PERKESO scheme covered the worker on the date of the event.

- Employment Injury Scheme (EIS): foreign workers from 1 Jan 2019 (before that, the
  Workmen's Compensation Act 1952, run by the Labour Department); domestic workers from
  1 Jun 2021.
- Invalidity Scheme (IS): foreign workers from 1 Jul 2024, and only in the First Category:
  their first IS contribution was made before age 55.
- An employer who did not register the worker broke the law; the worker is still covered.

A yes/no fact nobody gave (foreign? domestic?) is tried both ways: if the answer is the same,
it is not asked (any worker's accident in 2023 is covered); if it differs, the scheme is
``unknown`` and ``missing`` names the fact.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from eligibility.facts import Fact
from eligibility.models import Case, EventKind, Reason, SchemeStatus, Worker
from eligibility.parameters import flag_at, parameter, value_at, when_reloaded
from eligibility.reasons import reason
from eligibility.text import N_

__all__ = ["Coverage", "employment_injury", "invalidity"]


@dataclass(frozen=True, slots=True)
class Coverage:
    """A scheme's status for the case, why, and what would decide it."""

    status: SchemeStatus
    reasons: tuple[Reason, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def covered(self) -> bool | None:
        """``True`` covered, ``False`` not covered by PERKESO, ``None`` unknown."""
        if self.status is SchemeStatus.COVERED:
            return True
        if self.status is SchemeStatus.UNKNOWN:
            return None
        return False


_Rule = Callable[[bool, bool, Worker, date], Coverage]
"""A scheme's rule for a worker known to be (or not) foreign and (or not) domestic."""

_UNKNOWN_DATE = Coverage(SchemeStatus.UNKNOWN, missing=(Fact.EVENT_DATE,))


def employment_injury(case: Case) -> Coverage:
    """The Employment Injury Scheme's status on the event date."""
    on = case.event.date
    if on is None:
        return _UNKNOWN_DATE
    return _employment_injury_on(case.worker, on)


def invalidity(case: Case) -> Coverage:
    """The Invalidity Scheme's status on the event date."""
    on = case.event.date
    if on is None:
        return _UNKNOWN_DATE
    return _invalidity_on(case.worker, on)


@functools.lru_cache(maxsize=4096)
def _employment_injury_on(worker: Worker, on: date) -> Coverage:
    return _with_registration(worker, on, _resolve(worker, on, _employment_injury))


@functools.lru_cache(maxsize=4096)
def _invalidity_on(worker: Worker, on: date) -> Coverage:
    return _with_registration(worker, on, _resolve(worker, on, _invalidity))


when_reloaded(_employment_injury_on.cache_clear)
when_reloaded(_invalidity_on.cache_clear)


def _employment_injury(foreign: bool, domestic: bool, worker: Worker, on: date) -> Coverage:
    if domestic and not flag_at("schemes.employment_injury.covers_domestic_workers", on):
        return _domestic_not_yet(on)
    if foreign:
        name = "schemes.employment_injury.covers_foreign_workers"
        if flag_at(name, on):
            return Coverage(SchemeStatus.COVERED)
        start = parameter(name).first_known_date
        rule = value_at(name, on)
        return Coverage(
            SchemeStatus.OTHER_REGIME,
            (
                reason(
                    "coverage.workmens_compensation",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                    # %(start)s: date foreign workers joined PERKESO. Keep under ~120 chars;
                    # USSD pages it.
                    N_(
                        "Before %(start)s, foreign workers were covered by the Workmen's "
                        "Compensation Act 1952. Ask the Labour Department."
                    ),
                    rule,
                    start=start,
                ),
            ),
        )
    if flag_at("schemes.employment_injury.covers_local_workers", on):
        return Coverage(SchemeStatus.COVERED)
    return Coverage(SchemeStatus.NOT_COVERED)


def _invalidity(foreign: bool, domestic: bool, worker: Worker, on: date) -> Coverage:
    if domestic and not flag_at("schemes.employment_injury.covers_domestic_workers", on):
        return _domestic_not_yet(on)
    if not foreign:
        covered = flag_at("schemes.invalidity.covers_local_workers", on)
        return Coverage(SchemeStatus.COVERED if covered else SchemeStatus.NOT_COVERED)
    name = "schemes.invalidity.covers_foreign_workers"
    if not flag_at(name, on):
        return Coverage(
            SchemeStatus.NOT_COVERED,
            (
                reason(
                    "coverage.invalidity_foreign_workers_from",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                    # %(start)s: date the Invalidity Scheme began for foreign workers. Keep
                    # under ~120 chars; USSD pages it.
                    N_("The Invalidity Scheme covers foreign workers only from %(start)s."),
                    value_at(name, on),
                    start=parameter(name).first_known_date,
                ),
            ),
        )
    first_age = worker.age_at_first_contribution
    if first_age is None:
        return Coverage(SchemeStatus.UNKNOWN, missing=(Fact.AGE_AT_FIRST_CONTRIBUTION,))
    limit = value_at("schemes.invalidity.entry_age_limit", on)
    if first_age >= limit.count:
        return Coverage(
            SchemeStatus.NOT_COVERED,
            (
                reason(
                    "coverage.invalidity_entry_age",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                    # %(age)s: the worker's age at their first Invalidity Scheme payment;
                    # %(limit)s: the age limit (years). Keep under ~120 chars; USSD pages it.
                    N_(
                        "Your first Invalidity Scheme payment was at age %(age)s. The scheme "
                        "covers only workers who start before %(limit)s."
                    ),
                    limit,
                    age=first_age,
                    limit=limit.count,
                ),
            ),
        )
    return Coverage(SchemeStatus.COVERED)


def _domestic_not_yet(on: date) -> Coverage:
    name = "schemes.employment_injury.covers_domestic_workers"
    return Coverage(
        SchemeStatus.NOT_COVERED,
        (
            reason(
                "coverage.domestic_workers_from",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                # %(start)s: date domestic workers joined PERKESO. Keep under ~120 chars;
                # USSD pages it.
                N_("Domestic workers are covered by PERKESO only from %(start)s."),
                value_at(name, on),
                start=parameter(name).first_known_date,
            ),
        ),
    )


def _resolve(worker: Worker, on: date, rule: _Rule) -> Coverage:
    """Apply ``rule``; where a yes/no fact is unknown, try both and ask only if they differ."""
    foreigns = (worker.foreign_worker,) if worker.foreign_worker is not None else (True, False)
    domestics = (worker.domestic_worker,) if worker.domestic_worker is not None else (True, False)
    outcomes = [rule(f, d, worker, on) for f in foreigns for d in domestics]
    first = outcomes[0]
    if all(outcome.status is first.status for outcome in outcomes):
        same: dict[str, None] = {fact: None for outcome in outcomes for fact in outcome.missing}
        return Coverage(first.status, first.reasons, tuple(same))
    asked: dict[str, None] = {}
    if len(foreigns) > 1 and _differs(outcomes, by_foreign=True):
        asked[Fact.FOREIGN_WORKER] = None
    if len(domestics) > 1 and _differs(outcomes, by_foreign=False):
        asked[Fact.DOMESTIC_WORKER] = None
    for outcome in outcomes:
        for fact in outcome.missing:
            asked.setdefault(fact, None)
    return Coverage(SchemeStatus.UNKNOWN, missing=tuple(asked))


def _differs(outcomes: list[Coverage], *, by_foreign: bool) -> bool:
    """Whether changing one unknown fact changes the status (outcomes form a 2x2 or 2x1 grid)."""
    if len(outcomes) == 2:
        return outcomes[0].status is not outcomes[1].status
    # Grid order: (T,T), (T,F), (F,T), (F,F) for (foreign, domestic).
    pairs = ((0, 2), (1, 3)) if by_foreign else ((0, 1), (2, 3))
    return any(outcomes[a].status is not outcomes[b].status for a, b in pairs)


def _with_registration(worker: Worker, on: date, coverage: Coverage) -> Coverage:
    if coverage.status is not SchemeStatus.COVERED or worker.registered_by_employer is not False:
        return coverage
    fine = value_at("schemes.employer_penalty.maximum_fine", on)
    prison = value_at("schemes.employer_penalty.maximum_prison", on)
    unregistered = reason(
        "coverage.employer_liable",
        # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(fine)s: the
        # maximum fine in ringgit; %(years)s: the maximum prison term in years. Keep under
        # ~120 chars; USSD pages it.
        N_(
            "Not registered? You are still protected. Your employer broke the law: a fine "
            "up to %(fine)s or %(years)s years in jail."
        ),
        (fine, prison),
        fine=fine.decimal,
        years=prison.count,
    )
    return Coverage(coverage.status, (*coverage.reasons, unregistered), coverage.missing)


def commuting_rule(case: Case) -> Reason | None:
    """Why a commuting accident counts, and when it does not (Act 4 s.24)."""
    if case.event.kind is not EventKind.COMMUTING_ACCIDENT or case.event.date is None:
        return None
    return reason(
        "coverage.commuting",
        # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under ~120
        # chars; USSD pages it.
        N_(
            "Accidents on the way between home and work are covered, but not during a stop "
            "or a detour."
        ),
        value_at("claims.commuting_evidence", case.event.date),
    )
