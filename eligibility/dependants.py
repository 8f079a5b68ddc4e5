"""Dependants' Benefit (DB): for the family of a worker who died from an employment injury.

Rules file section 5 (perkeso.gov.my 198-dependants-benefit page): 90% of the assumed average
daily wage, at least RM30 a day, shared:

- widow or widower 3/5, for life (even after remarrying); children 2/5 between them, each
  until 21 or marriage, longer while studying for a first degree, and for as long as an
  incapacitated child cannot support themselves;
- with no widow(er) and no eligible child: parents 4/10 for life, brothers and sisters 3/10
  until 21 or marriage; grandparents if the parents have died, share UNVERIFIED (no figure).

Whether the RM30 minimum applies to the total or to each share is UNVERIFIED, so kawan shows
no per-person amount when the minimum is used. A fact about one dependant that would change
who is paid is listed in ``missing`` as ``dependants.<index>.<field>``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from eligibility import claim_steps
from eligibility.context import Context
from eligibility.facts import Fact, dependant_fact
from eligibility.models import Amount, BenefitId, BenefitResult, Dependant, Per, Reason, Relation
from eligibility.money import to_sen
from eligibility.outcome import Outcome
from eligibility.parameters import (
    ParameterNotInForce,
    ParameterValue,
    parameter,
    rules_period,
    value_at,
    when_reloaded,
)
from eligibility.percent import percent
from eligibility.reasons import reason
from eligibility.text import N_
from eligibility.wages import AssumedWage, daily_rate

__all__ = [
    "child_is_eligible",
    "child_rule",
    "decide",
    "sibling_is_eligible",
    "sibling_rule",
    "unknown_facts",
]

Tri = bool | None
"""Kleene logic: ``None`` is "not known yet"."""
_Rule = Callable[[Mapping[str, Tri]], Tri]


def _all(*values: Tri) -> Tri:
    if any(value is False for value in values):
        return False
    return True if all(values) else None


def _any(*values: Tri) -> Tri:
    if any(values):
        return True
    return False if all(value is False for value in values) else None


def _negate(value: Tri) -> Tri:
    return None if value is None else not value


def child_rule(facts: Mapping[str, Tri]) -> Tri:
    """A child is paid if incapacitated, or unmarried and under the age limit or studying."""
    return _any(
        facts["incapacitated"],
        _all(_negate(facts["married"]), _any(facts["age"], facts["in_higher_education"])),
    )


def sibling_rule(facts: Mapping[str, Tri]) -> Tri:
    """A brother or sister is paid if unmarried and under the age limit."""
    return _all(_negate(facts["married"]), facts["age"])


def _facts(dependant: Dependant, age_limit: int) -> dict[str, Tri]:
    """The yes/no facts of a dependant; ``age`` is "under the age limit"."""
    return {
        "age": None if dependant.age is None else dependant.age < age_limit,
        "married": dependant.married,
        "in_higher_education": dependant.in_higher_education,
        "incapacitated": dependant.incapacitated,
    }


def child_is_eligible(child: Dependant, age_limit: int) -> Tri:
    """Whether a child is paid: incapacitated, or unmarried and under the limit or studying.

    Examples:
        >>> from eligibility.models import Dependant, Relation
        >>> child_is_eligible(Dependant(relation=Relation.CHILD, age=4, married=False), 21)
        True
        >>> child_is_eligible(Dependant(relation=Relation.CHILD, age=23, married=False,
        ...     in_higher_education=False, incapacitated=False), 21)
        False
    """
    return child_rule(_facts(child, age_limit))


def sibling_is_eligible(sibling: Dependant, age_limit: int) -> Tri:
    """Whether a brother or sister is paid: under the limit and unmarried."""
    return sibling_rule(_facts(sibling, age_limit))


def unknown_facts(index: int, dependant: Dependant, age_limit: int, rule: _Rule) -> list[str]:
    """The unknown facts of one dependant that would change whether they are paid."""
    facts = _facts(dependant, age_limit)
    return [
        dependant_fact(index, name)
        for name, value in facts.items()
        if value is None and rule({**facts, name: True}) != rule({**facts, name: False})
    ]


def decide(context: Context) -> BenefitResult:
    """Dependants' benefit for a death from an employment injury."""
    outcome = Outcome()
    outcome.require_scheme(context.employment_injury)
    outcome.note(*context.injury_notes)
    basis = context.wage
    total = None
    if basis.wage is None or context.event_date is None:
        outcome.need_for_amount(*basis.missing)
        outcome.note(*basis.reasons)
    else:
        total = _total_daily_rate(basis.wage, rules_period(context.event_date))
        if total is not None:
            outcome.note(*total[2])
    daily = None if total is None or total[1] else total[0]
    dependants = context.case.dependants
    if dependants is None:
        outcome.require(None, missing=(Fact.DEPENDANTS,))
    else:
        outcome.merge(_shares(tuple(dependants), rules_period(context.rules_date), daily))
    amount = None if total is None else Amount(value=to_sen(total[0]), per=Per.DAY, estimate=True)
    return outcome.result(
        BenefitId.DEPENDANTS, amount, claim_steps.for_benefit(BenefitId.DEPENDANTS, context)
    )


@functools.lru_cache(maxsize=4096)
def _total_daily_rate(
    wage: AssumedWage, on: date
) -> tuple[Decimal, bool, tuple[Reason, ...]] | None:
    """The daily rate the family shares, whether it is the minimum, and how it was worked out;
    ``on`` is the event's :func:`rules_period`."""
    try:
        rate = value_at("dependants.rate", on)
        minimum = value_at("dependants.minimum_daily_rate", on)
    except ParameterNotInForce:
        return None
    total, floored = daily_rate(wage, rate.decimal, minimum.decimal)
    notes = [
        *wage.reasons(),
        reason(
            "dependants.rate",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(rate_pct)s: a
            # percentage; %(amount)s: ringgit a day. Keep under ~120 chars; USSD pages it.
            N_(
                "The family shares %(rate_pct)s%% of the worker's daily wage: about %(amount)s a "
                "day."
            ),
            rate,
            rate_pct=percent(rate.decimal * 100),
            amount=to_sen(total),
        ),
    ]
    if floored:
        notes.append(
            reason(
                "dependants.minimum",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                # %(minimum)s: ringgit a day. Keep under ~120 chars; USSD pages it.
                N_("This is the minimum rate of %(minimum)s a day. Ask PERKESO how it is shared."),
                minimum,
                minimum=minimum.decimal,
            )
        )
    return total, floored, tuple(notes)


@functools.lru_cache(maxsize=4096)
def _shares(dependants: tuple[Dependant, ...], on: date, daily: Decimal | None) -> Outcome:
    """Who is paid which share: a remembered piece of the decision (never changed once made)."""
    part = Outcome()
    _share(part, dependants, on, daily)
    return part


when_reloaded(_total_daily_rate.cache_clear)
when_reloaded(_shares.cache_clear)


def _share(
    outcome: Outcome, dependants: tuple[Dependant, ...], on: date, daily: Decimal | None
) -> None:
    child_limit = value_at("dependants.child_age_limit", on)
    sibling_limit = value_at("dependants.sibling_age_limit", on)
    spouses = [d for d in dependants if d.relation is Relation.SPOUSE]
    children = [(i, d) for i, d in enumerate(dependants) if d.relation is Relation.CHILD]
    eligible_children = [d for _, d in children if child_is_eligible(d, child_limit.count)]
    undecided_children = [
        fact
        for i, d in children
        if child_is_eligible(d, child_limit.count) is None
        for fact in unknown_facts(i, d, child_limit.count, child_rule)
    ]
    if any(child_is_eligible(d, child_limit.count) is False for _, d in children):
        outcome.note(
            reason(
                "dependants.child_age_limit",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                # %(age_limit)s: age in years. Keep under ~120 chars; USSD pages it.
                N_(
                    "Children are paid until age %(age_limit)s or marriage; longer while studying "
                    "for a first degree or if they cannot work."
                ),
                child_limit,
                age_limit=child_limit.count,
            )
        )

    if spouses or eligible_children:
        outcome.require(True)
        outcome.need_for_amount(*undecided_children)
        if spouses:
            outcome.note(_spouse_share(on, daily))
        if eligible_children:
            outcome.note(_children_share(on, daily, len(eligible_children)))
        return
    if undecided_children:
        outcome.require(None, missing=undecided_children)
        return

    parents = [d for d in dependants if d.relation is Relation.PARENT]
    siblings = [(i, d) for i, d in enumerate(dependants) if d.relation is Relation.SIBLING]
    grandparents = [d for d in dependants if d.relation is Relation.GRANDPARENT]
    paid_siblings = [d for _, d in siblings if sibling_is_eligible(d, sibling_limit.count)]
    undecided_siblings = [
        fact
        for i, d in siblings
        if sibling_is_eligible(d, sibling_limit.count) is None
        for fact in unknown_facts(i, d, sibling_limit.count, sibling_rule)
    ]
    receives = bool(parents or paid_siblings or grandparents)
    if receives:
        outcome.require(True)
        outcome.need_for_amount(*undecided_siblings)
    elif undecided_siblings:
        outcome.require(None, missing=undecided_siblings)
    else:
        outcome.require(
            False,
            reason(
                "dependants.none_eligible",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_("None of the family members listed can get this benefit."),
                (child_limit, sibling_limit),
            ),
        )
    if parents:
        outcome.note(_parents_share(on, daily))
    if paid_siblings:
        outcome.note(_siblings_share(on, daily, len(paid_siblings)))
    if grandparents and not parents:
        outcome.note(
            reason(
                "dependants.grandparents_share_unverified",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "Grandparents can be paid when the parents have died. Ask PERKESO what share "
                    "they get."
                ),
                parameter("dependants.share.grandparents"),
            )
        )


def _share_of(
    group: str, on: date, daily: Decimal | None
) -> tuple[ParameterValue, int | str, Decimal | None]:
    """The group's share parameter, as a percentage, and in ringgit a day when known."""
    share = value_at(f"dependants.share.{group}", on)
    amount = None if daily is None else to_sen(daily * share.decimal)
    return share, percent(share.decimal * 100), amount


def _spouse_share(on: date, daily: Decimal | None) -> Reason:
    rule = "dependants.spouse_share"
    share, share_pct, amount = _share_of("spouse", on, daily)
    if amount is None:
        return reason(
            rule,
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(share_pct)s: a
            # percentage. Keep under ~120 chars; USSD pages it.
            N_("The husband or wife gets %(share_pct)s%% of it, for life."),
            share,
            share_pct=share_pct,
        )
    return reason(
        rule,
        # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(share_pct)s: a
        # percentage; %(amount)s: ringgit a day. Keep under ~120 chars; USSD pages it.
        N_("The husband or wife gets %(share_pct)s%% of it, for life: about %(amount)s a day."),
        share,
        share_pct=share_pct,
        amount=amount,
    )


def _children_share(on: date, daily: Decimal | None, count: int) -> Reason:
    rule = "dependants.children_share"
    share, share_pct, amount = _share_of("children", on, daily)
    if amount is None:
        return reason(
            rule,
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(children)s:
            # number of children paid; %(share_pct)s: a percentage. Keep under ~120 chars;
            # USSD pages it.
            N_("Children paid: %(children)s. Together they get %(share_pct)s%% of it."),
            share,
            children=count,
            share_pct=share_pct,
        )
    return reason(
        rule,
        # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(children)s: number
        # of children paid; %(share_pct)s: a percentage; %(amount)s: ringgit a day. Keep under
        # ~120 chars; USSD pages it.
        N_(
            "Children paid: %(children)s. Together they get %(share_pct)s%% of it: about "
            "%(amount)s a day."
        ),
        share,
        children=count,
        share_pct=share_pct,
        amount=amount,
    )


def _parents_share(on: date, daily: Decimal | None) -> Reason:
    rule = "dependants.parents_share"
    share, share_pct, amount = _share_of("parents", on, daily)
    if amount is None:
        return reason(
            rule,
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(share_pct)s: a
            # percentage. Keep under ~120 chars; USSD pages it.
            N_("With no husband, wife or child, the parents get %(share_pct)s%% of it, for life."),
            share,
            share_pct=share_pct,
        )
    return reason(
        rule,
        # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(share_pct)s: a
        # percentage; %(amount)s: ringgit a day. Keep under ~120 chars; USSD pages it.
        N_(
            "With no husband, wife or child, the parents get %(share_pct)s%% of it: about "
            "%(amount)s a day."
        ),
        share,
        share_pct=share_pct,
        amount=amount,
    )


def _siblings_share(on: date, daily: Decimal | None, count: int) -> Reason:
    rule = "dependants.siblings_share"
    share, share_pct, amount = _share_of("siblings", on, daily)
    if amount is None:
        return reason(
            rule,
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(siblings)s:
            # number of brothers and sisters paid; %(share_pct)s: a percentage. Keep under ~120
            # chars; USSD pages it.
            N_("Brothers and sisters paid: %(siblings)s. Together they get %(share_pct)s%% of it."),
            share,
            siblings=count,
            share_pct=share_pct,
        )
    return reason(
        rule,
        # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(siblings)s: number
        # of brothers and sisters paid; %(share_pct)s: a percentage; %(amount)s: ringgit a day.
        # Keep under ~120 chars; USSD pages it.
        N_(
            "Brothers and sisters paid: %(siblings)s. Together they get %(share_pct)s%%: about "
            "%(amount)s a day."
        ),
        share,
        siblings=count,
        share_pct=share_pct,
        amount=amount,
    )
