"""Turning what a worker told us (``Conversation.facts``) into an eligibility ``Case``.

Facts are kept flat, by dotted path into the case (``event.medical_leave_days``), so a
slot records exactly one path and ``Conversation.asked`` can say it was asked. Here they
become the nested dict ``Case.model_validate`` expects. Two kinds of fact are not case
paths and are handled apart:

- ``household.*``: the short dependants loop (``household.spouse`` yes/no,
  ``household.children`` under 21, ``household.parents`` alive) becomes the case's
  ``dependants`` list;
- ``flow.*`` and any other key: the flows' own notes (e.g. ``flow.date_approximate``),
  never part of the case.

A fact that no longer validates (a conversation saved by an older version) is dropped
rather than allowed to break the conversation: the eligibility engine then reports it
missing and the flow asks again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from pydantic import JsonValue, ValidationError

from eligibility.models import Assessment, Case, Relation

SPOUSE: Final = "household.spouse"
"""``true`` / ``false`` / ``null``: the worker has (had) a husband or wife."""
CHILDREN: Final = "household.children"
"""How many unmarried children under 21 (an int), ``0`` for none, ``null`` unknown."""
CHILD_AGES: Final = "household.child_ages"
"""Each of those children's age, in order (an int, or ``null`` if not known)."""
MAX_CHILDREN: Final = 20
PARENTS: Final = "household.parents"
"""How many parents are alive (0, 1 or 2), ``null`` unknown."""
DATE_APPROXIMATE: Final = "flow.date_approximate"
"""``true`` when ``event.date`` was recorded from "this week / this month / last month" or a
month typed without a day: deadlines computed from it are shown as "about"."""

_SECTIONS: Final = frozenset(
    name for name in Case.model_fields if name not in ("as_of", "dependants")
)
_MAX_REPAIRS: Final = 20


def household_dependants(facts: Mapping[str, JsonValue]) -> list[dict[str, Any]] | None:
    """The ``dependants`` list from the household answers; ``None`` if none is known.

    Examples:
        >>> household_dependants({"household.spouse": True, "household.children": 2,
        ...     "household.child_ages": [4, None]})  # doctest: +NORMALIZE_WHITESPACE
        [{'relation': 'spouse'}, {'relation': 'child', 'age': 4, 'married': False},
         {'relation': 'child', 'age': None, 'married': False}]
        >>> household_dependants({"household.spouse": None}) is None
        True
        >>> household_dependants({"household.spouse": False, "household.children": 0,
        ...                       "household.parents": 0})
        []
    """
    spouse, children, parents = facts.get(SPOUSE), facts.get(CHILDREN), facts.get(PARENTS)
    if spouse is None and children is None and parents is None:
        return None
    people: list[dict[str, Any]] = []
    if spouse is True:
        people.append({"relation": Relation.SPOUSE.value})
    if isinstance(children, int) and not isinstance(children, bool):
        ages = facts.get(CHILD_AGES)
        known = list(ages) if isinstance(ages, list) else []
        for index in range(min(children, MAX_CHILDREN)):
            age = known[index] if index < len(known) else None
            people.append({"relation": Relation.CHILD.value, "age": age, "married": False})
    if isinstance(parents, int) and not isinstance(parents, bool):
        people.extend({"relation": Relation.PARENT.value} for _ in range(min(parents, 2)))
    return people


def facts_tree(facts: Mapping[str, JsonValue], as_of: date) -> dict[str, Any]:
    """The nested dict of the case paths among ``facts`` (other keys are left out).

    Examples:
        >>> facts_tree({"event.kind": "work_accident", "flow.x": 1, "wages.average_monthly_wage":
        ...             "1850.00"}, date(2026, 11, 23))
        ... # doctest: +NORMALIZE_WHITESPACE
        {'as_of': '2026-11-23', 'event': {'kind': 'work_accident'},
         'wages': {'average_monthly_wage': '1850.00'}}
    """
    tree: dict[str, Any] = {"as_of": as_of.isoformat()}
    for path, value in facts.items():
        head, *rest = path.split(".")
        if head not in _SECTIONS or not rest:
            continue
        node = tree.setdefault(head, {})
        for part in rest[:-1]:
            node = node.setdefault(part, {})
        node[rest[-1]] = value
    dependants = household_dependants(facts)
    if dependants is not None:
        tree["dependants"] = dependants
    return tree


def case_from_facts(facts: Mapping[str, JsonValue], as_of: date) -> Case:
    """The eligibility case for ``facts`` on ``as_of``; invalid facts are dropped."""
    tree = facts_tree(facts, as_of)
    for _ in range(_MAX_REPAIRS):
        try:
            return Case.model_validate(tree)
        except ValidationError as error:
            if not _drop(tree, [tuple(e["loc"]) for e in error.errors()]):
                break
    return Case(as_of=as_of)


def _drop(tree: dict[str, Any], locations: list[tuple[int | str, ...]]) -> bool:
    """Remove the value at each location (its first two levels); True if any was removed."""
    removed = False
    for loc in locations:
        if not loc:
            continue
        head = loc[0]
        if head == "dependants" or len(loc) == 1:
            removed = tree.pop(str(head), None) is not None or removed
            continue
        section = tree.get(str(head))
        if isinstance(section, dict) and str(loc[1]) in section:
            del section[str(loc[1])]
            removed = True
    return removed


def assess_facts(facts: Mapping[str, JsonValue], as_of: date) -> Assessment:
    """What the eligibility engine says about ``facts`` on ``as_of``."""
    from eligibility import assess

    return assess(case_from_facts(facts, as_of), as_of)
