"""Reasons and claim steps: an English sentence marked for translation, filled from params.

Every :class:`~eligibility.models.Reason` and :class:`~eligibility.models.ClaimStep` carries
its ``template`` (the gettext msgid, marked with :func:`~eligibility.text.N_` where it is
written, with a ``# TRANSLATORS:`` comment), its ``params`` and its ``message``: the template
filled in English. Param types say how a channel formats them in the worker's language:

- :class:`~decimal.Decimal`: ringgit (English: ``RM1,234.50``);
- :class:`~datetime.date`: a date (English: ``1 June 2024``);
- ``int``: a count, or a percentage when the name ends in ``_pct``;
- ``str``: a name (form, agency, phone number, web address) or a non-whole percentage.

The same reason or step with the same params is built once and then shared between
assessments (``assess`` is called thousands of times a second): treat them, and their
``params``, as immutable values.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Final

from eligibility.models import ClaimStep, ParamValue, Reason
from eligibility.money import ringgit, to_sen
from eligibility.parameters import Parameter, ParameterValue, when_reloaded

__all__ = ["Citable", "citation", "english", "fill", "reason", "step"]

Citable = ParameterValue | Parameter | str

_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def english(value: ParamValue) -> str:
    """One param as English text.

    Examples:
        >>> english(Decimal("4500"))
        'RM4,500.00'
        >>> english(date(2024, 7, 1))
        '1 July 2024'
        >>> english(80)
        '80'
    """
    if isinstance(value, Decimal):
        return ringgit(value)
    if isinstance(value, date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    if value is None:
        return ""
    return str(value)


def fill(template: str, params: Mapping[str, ParamValue]) -> str:
    """The template filled in English."""
    return template % {name: english(value) for name, value in params.items()}


def _in_sen(params: dict[str, ParamValue]) -> dict[str, ParamValue]:
    """Ringgit params rounded to the sen, so JSON always shows two decimals."""
    return {
        name: to_sen(value) if isinstance(value, Decimal) else value
        for name, value in params.items()
    }


def citation(*sources: Citable) -> str:
    """The references of the parameters a rule rests on, each once, in order."""
    seen: dict[str, None] = {}
    for source in sources:
        text = source if isinstance(source, str) else source.reference
        for part in text.split(" ; "):
            seen.setdefault(part.strip(), None)
    return " ; ".join(seen)


def reason(
    rule: str, template: str, cite: Citable | Iterable[Citable], **params: ParamValue
) -> Reason:
    """A reason: the rule id, its citation, and the template filled in English."""
    sources: tuple[Citable, ...]
    if isinstance(cite, tuple):
        sources = cite
    elif isinstance(cite, ParameterValue | Parameter | str):
        sources = (cite,)
    else:
        sources = tuple(cite)
    return _reason(rule, template, sources, _key(params))


def step(
    step_id: str,
    template: str,
    *,
    forms: Iterable[str] = (),
    deadline: date | None = None,
    **params: ParamValue,
) -> ClaimStep:
    """A claim step: who files what and where, with the template filled in English.

    The ``deadline`` is also a param, ``%(deadline)s`` in the template.
    """
    if deadline is not None:
        params["deadline"] = deadline
    return _step(step_id, template, tuple(forms), deadline, _key(params))


_Key = tuple[tuple[str, ParamValue], ...]


def _key(params: dict[str, ParamValue]) -> _Key:
    """Params as a cache key. A param name has one type per template (``days`` is always an
    ``int``), so ``30`` and ``Decimal(30)`` can never meet under the same key."""
    return tuple(params.items())


@functools.lru_cache(maxsize=65536)
def _reason(rule: str, template: str, sources: tuple[Citable, ...], key: _Key) -> Reason:
    params = _in_sen(dict(key))
    return Reason(
        rule=rule,
        citation=citation(*sources),
        message=fill(template, params),
        params=params,
        template=template,
    )


@functools.lru_cache(maxsize=65536)
def _step(
    step_id: str, template: str, forms: tuple[str, ...], deadline: date | None, key: _Key
) -> ClaimStep:
    params = _in_sen(dict(key))
    return ClaimStep(
        id=step_id,
        message=fill(template, params),
        forms=list(forms),
        deadline=deadline,
        params=params,
        template=template,
    )


when_reloaded(_reason.cache_clear)
when_reloaded(_step.cache_clear)
