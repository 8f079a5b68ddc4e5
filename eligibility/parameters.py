"""Dated parameters: every figure kawan uses, with the date it took effect and its source.

The law lives in ``eligibility/parameters/*.yaml``, in the OpenFisca style: one file per
benefit or theme, one leaf per parameter, each with a ``description``, a ``unit``, ``values``
keyed by the ISO date each value took effect, and ``metadata`` giving the ``reference`` (from
``shared/rules/perkeso-foreign-workers.md``) and the ``confidence`` (HIGH, MED, DERIVED,
UNVERIFIED). A parameter's name is its file name and its keys joined by dots:
``temporary_disablement.minimum_daily_rate``.

When the law changes, add a dated value to the YAML; old cases keep the old value and no code
changes. Two conventions:

- A value keyed ``0001-01-01`` (:data:`UNKNOWN_START`) applied before the next dated value;
  the rules file does not say when it began, so its :attr:`ParameterValue.start` is ``None``
  and no message states a start date for it.
- A value may carry its own metadata when its source differs from the parameter's:
  ``2022-09-01: {value: 5000, reference: …, confidence: MED}``.
- An UNVERIFIED parameter has no ``values`` at all: kawan states no figure for it and tells
  the worker what to ask PERKESO. It still carries its reference, for the citation.

The files are read once, on first use, and every lookup is cached; :func:`reload` reads
them again (a tool or a test that edits them).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import yaml

__all__ = [
    "PARAMETERS_DIR",
    "UNKNOWN_START",
    "Confidence",
    "Parameter",
    "ParameterError",
    "ParameterNotInForce",
    "ParameterValue",
    "Unit",
    "all_parameters",
    "flag_at",
    "parameter",
    "reload",
    "rules_period",
    "value_at",
    "when_reloaded",
]

PARAMETERS_DIR: Final = Path(__file__).with_name("parameters")
UNKNOWN_START: Final = date(1, 1, 1)
"""The key of a value whose start date is not in the rules file."""


class Confidence(StrEnum):
    """How far a parameter can be trusted (rules file, "Confidence labels")."""

    HIGH = "HIGH"
    """Official PERKESO page, statute text or a law firm's summary of the statute."""
    MED = "MED"
    """Reputable news or secondary source, or an official page that may be out of date."""
    DERIVED = "DERIVED"
    """Worked out from sourced rules; amounts resting on it are shown as estimates."""
    UNVERIFIED = "UNVERIFIED"
    """No source states it: no figure; the worker is told what to ask PERKESO."""


class Unit(StrEnum):
    """What a parameter's values measure."""

    RINGGIT = "ringgit"
    """Malaysian ringgit, as :class:`~decimal.Decimal`."""
    RATIO = "ratio"
    """A share: a :class:`~decimal.Decimal` (``"0.8"``) or a :class:`~fractions.Fraction`."""
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"
    HOURS = "hours"
    BOOLEAN = "boolean"
    """Whether a rule applies from that date."""
    TEXT = "text"
    """A name: a form, a phone number, a web address."""
    AGENCY = "agency"
    """A partner agency: a mapping with ``agency``, ``country`` and ``contact``."""


_COUNT_UNITS: Final = frozenset({Unit.DAYS, Unit.MONTHS, Unit.YEARS, Unit.HOURS})

Value = Decimal | Fraction | int | bool | str | Mapping[str, str]


class ParameterError(ValueError):
    """A parameter file is malformed, or a parameter is used with the wrong type."""


class ParameterNotInForce(LookupError):
    """The parameter had no value on that date (before its first value, or UNVERIFIED)."""


@dataclass(frozen=True, slots=True, eq=False)
class ParameterValue:
    """The value of one parameter in force on a date, with its source.

    There is one object per dated value, made when the files are read: compared and hashed
    by identity, it is a cheap cache key.
    """

    name: str
    value: Value
    start: date | None
    """The date this value took effect, or ``None`` if the rules file does not say."""
    unit: Unit
    reference: str
    confidence: Confidence

    @property
    def decimal(self) -> Decimal:
        """The value as a Decimal (ringgit, or a ratio written as a decimal)."""
        if isinstance(self.value, Decimal):
            return self.value
        raise ParameterError(f"{self.name} is not a decimal: {self.value!r}")

    @property
    def fraction(self) -> Fraction:
        """The value as an exact fraction (any ratio)."""
        if isinstance(self.value, Fraction):
            return self.value
        if isinstance(self.value, Decimal):
            return Fraction(self.value)
        raise ParameterError(f"{self.name} is not a ratio: {self.value!r}")

    @property
    def count(self) -> int:
        """The value as a whole number of days, months, years or hours."""
        if isinstance(self.value, int) and not isinstance(self.value, bool):
            return self.value
        raise ParameterError(f"{self.name} is not a count: {self.value!r}")

    @property
    def flag(self) -> bool:
        """The value as a boolean."""
        if isinstance(self.value, bool):
            return self.value
        raise ParameterError(f"{self.name} is not a boolean: {self.value!r}")

    @property
    def text(self) -> str:
        """The value as text."""
        if isinstance(self.value, str):
            return self.value
        raise ParameterError(f"{self.name} is not text: {self.value!r}")

    @property
    def mapping(self) -> Mapping[str, str]:
        """The value as a mapping of text (a partner agency)."""
        if isinstance(self.value, Mapping):
            return self.value
        raise ParameterError(f"{self.name} is not a mapping: {self.value!r}")


@dataclass(frozen=True, slots=True, eq=False)
class Parameter:
    """One parameter: its dated values and where they come from (hashed by identity)."""

    name: str
    description: str
    unit: Unit
    reference: str
    confidence: Confidence
    starts: tuple[date, ...]
    segments: tuple[ParameterValue, ...]
    """The value in force from each of ``starts``."""

    @property
    def values(self) -> tuple[Value, ...]:
        return tuple(segment.value for segment in self.segments)

    def at(self, on: date) -> ParameterValue:
        """The value in force on ``on``.

        Raises:
            ParameterNotInForce: ``on`` is before the first value, or the parameter is
                UNVERIFIED and has no value at all.
        """
        starts = self.starts
        if starts and on >= starts[-1]:  # the usual case: the newest value
            return self.segments[-1]
        index = bisect.bisect_right(starts, on) - 1
        if index < 0:
            raise ParameterNotInForce(f"{self.name} has no value on {on.isoformat()}")
        return self.segments[index]

    @property
    def first_known_date(self) -> date | None:
        """The first known date the parameter took a value (``None``: none is known)."""
        known = [start for start in self.starts if start != UNKNOWN_START]
        return known[0] if known else None


def value_at(name: str, on: date) -> ParameterValue:
    """The value of parameter ``name`` in force on ``on``, with its reference and confidence.

    Examples:
        >>> value_at("wages.ceiling", date(2024, 9, 30)).decimal
        Decimal('5000')
        >>> value_at("wages.ceiling", date(2024, 10, 1)).decimal
        Decimal('6000')
        >>> value_at("wages.ceiling", date(2024, 10, 1)).confidence
        <Confidence.HIGH: 'HIGH'>

    Raises:
        KeyError: no parameter has that name.
        ParameterNotInForce: it had no value on that date.
    """
    try:
        found = _load()[name]
    except KeyError:
        raise KeyError(f"no parameter named {name!r} in {_directory[0]}") from None
    return found.at(on)


def rules_period(on: date) -> date:
    """The first day of the stretch of time around ``on`` in which no parameter changes.

    ``value_at(name, rules_period(on))`` is ``value_at(name, on)`` for every parameter, so a
    cache keyed by the period instead of the day stays exact and hits far more often.

    Examples:
        >>> rules_period(date(2025, 3, 10))
        datetime.date(2024, 10, 5)
        >>> rules_period(date(2024, 10, 4))
        datetime.date(2024, 10, 1)
    """
    changes = _change_dates()
    return changes[bisect.bisect_right(changes, on) - 1]


@functools.cache
def _change_dates() -> tuple[date, ...]:
    starts = {start for found in _load().values() for start in found.starts}
    return tuple(sorted(starts | {UNKNOWN_START}))


def flag_at(name: str, on: date) -> bool:
    """Whether the boolean rule ``name`` applied on ``on`` (``False`` before its first value)."""
    try:
        return value_at(name, on).flag
    except ParameterNotInForce:
        return False


def parameter(name: str) -> Parameter:
    """The parameter called ``name`` (for its metadata, e.g. an UNVERIFIED one's reference)."""
    try:
        return _load()[name]
    except KeyError:
        raise KeyError(f"no parameter named {name!r} in {_directory[0]}") from None


def all_parameters() -> Mapping[str, Parameter]:
    """Every parameter by name, in file and key order."""
    return _load()


_directory: list[Path] = [PARAMETERS_DIR]
_on_reload: list[Callable[[], None]] = []


def reload(directory: Path = PARAMETERS_DIR) -> None:
    """Read the parameter files again, from ``directory``, and forget every cached lookup."""
    _directory[0] = directory
    _load.cache_clear()
    _change_dates.cache_clear()
    for clear in _on_reload:
        clear()


def when_reloaded(clear: Callable[[], None]) -> None:
    """Register a cache of values derived from parameters, cleared by :func:`reload`."""
    _on_reload.append(clear)


@functools.cache
def _load() -> Mapping[str, Parameter]:
    parameters: dict[str, Parameter] = {}
    for path in sorted(_directory[0].glob("*.yaml")):
        with path.open(encoding="utf-8") as stream:
            tree = yaml.safe_load(stream)
        if not isinstance(tree, dict):
            raise ParameterError(f"{path.name}: expected a mapping of parameters")
        for name, node in _leaves(path.stem, tree, path):
            parameters[name] = _parameter(name, node, path)
    return MappingProxyType(parameters)


def _leaves(prefix: str, tree: dict[Any, Any], path: Path) -> Iterator[tuple[str, dict[Any, Any]]]:
    for key, node in tree.items():
        name = f"{prefix}.{key}"
        if not isinstance(node, dict):
            raise ParameterError(f"{path.name}: {name} must be a mapping")
        if "unit" in node:
            yield name, node
        else:
            yield from _leaves(name, node, path)


def _parameter(name: str, node: dict[Any, Any], path: Path) -> Parameter:
    where = f"{path.name}: {name}"
    try:
        unit = Unit(node["unit"])
        metadata = node["metadata"]
        confidence = Confidence(metadata["confidence"])
        reference = " ".join(str(metadata["reference"]).split())
        description = " ".join(str(node["description"]).split())
    except (KeyError, TypeError, ValueError) as error:
        raise ParameterError(f"{where}: needs description, unit and metadata: {error}") from None
    raw_values = node.get("values") or {}
    if confidence is Confidence.UNVERIFIED:
        if raw_values:
            raise ParameterError(f"{where}: an UNVERIFIED parameter must not state a value")
    elif not raw_values:
        raise ParameterError(f"{where}: has no values")
    starts: list[date] = []
    values: list[Value] = []
    references: list[str] = []
    confidences: list[Confidence] = []
    for start, raw in raw_values.items():
        if not isinstance(start, date):
            raise ParameterError(f"{where}: value keys must be ISO dates, got {start!r}")
        starts.append(start)
        if isinstance(raw, dict) and "value" in raw:
            # A value with its own metadata: {value: …, reference: …, confidence: …}.
            references.append(" ".join(str(raw.get("reference", reference)).split()))
            confidences.append(Confidence(raw.get("confidence", confidence)))
            raw = raw["value"]
        else:
            references.append(reference)
            confidences.append(confidence)
        values.append(_convert(unit, raw, where))
    if starts != sorted(set(starts)):
        raise ParameterError(f"{where}: dates must be unique and in order")
    segments = tuple(
        ParameterValue(
            name=name,
            value=value,
            start=None if start == UNKNOWN_START else start,
            unit=unit,
            reference=value_reference,
            confidence=value_confidence,
        )
        for start, value, value_reference, value_confidence in zip(
            starts, values, references, confidences, strict=True
        )
    )
    return Parameter(
        name=name,
        description=description,
        unit=unit,
        reference=reference,
        confidence=confidence,
        starts=tuple(starts),
        segments=segments,
    )


def _convert(unit: Unit, raw: Any, where: str) -> Value:
    if unit is Unit.RINGGIT and isinstance(raw, int | str) and not isinstance(raw, bool):
        return Decimal(str(raw))
    if unit is Unit.RATIO and isinstance(raw, str):
        return Fraction(raw) if "/" in raw else Decimal(raw)
    if unit in _COUNT_UNITS and isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if unit is Unit.BOOLEAN and isinstance(raw, bool):
        return raw
    if unit is Unit.TEXT and isinstance(raw, str):
        return raw
    if unit is Unit.AGENCY and isinstance(raw, dict):
        return MappingProxyType({str(key): str(text) for key, text in raw.items()})
    raise ParameterError(
        f"{where}: {raw!r} is not a valid {unit.value} value"
        + (' (write ratios as quoted strings, e.g. "0.8" or "2/3")' if unit is Unit.RATIO else "")
    )
