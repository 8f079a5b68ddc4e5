"""Deciding one benefit from conditions that are met, failed or still unknown.

A benefit is ``not_eligible`` as soon as one known fact rules it out, ``needs_information``
while a condition depends on a fact nobody gave (``missing`` names those facts), and
``eligible`` otherwise. A refusal shows only the reasons of the decided conditions: not the
amount it would have been, nor the conditions still open. Facts that only change the amount
(the wage) are listed in ``missing`` of an eligible benefit too, so the dialogs know what to
ask next; kawan never guesses them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from eligibility.models import Amount, BenefitId, BenefitResult, ClaimStep, Reason, Status

_NOTE, _DECIDED, _PENDING = range(3)

if TYPE_CHECKING:
    from eligibility.coverage import Coverage

__all__ = ["Outcome"]


class Outcome:
    """Collects the conditions, reasons and missing facts of one benefit."""

    __slots__ = ("_amount_missing", "_missing", "_reasons", "refused", "undecided")

    def __init__(self) -> None:
        self._reasons: list[tuple[Reason, int]] = []
        self._missing: dict[str, None] = {}
        self._amount_missing: dict[str, None] = {}
        self.refused = False
        self.undecided = False

    def note(self, *reasons: Reason) -> None:
        """Explain something about a benefit that may be paid (shown unless it is refused)."""
        self._reasons.extend((reason, _NOTE) for reason in reasons)

    def require(self, met: bool | None, *reasons: Reason, missing: Iterable[str] = ()) -> None:
        """A condition of the benefit: met, failed, or ``None`` while ``missing`` is unknown.

        The reasons of an unknown condition are dropped if another condition fails.
        """
        if met is False:
            self.refused = True
        elif met is None:
            self.undecided = True
            for fact in missing:
                self._missing.setdefault(fact, None)
        kind = _PENDING if met is None else _DECIDED
        self._reasons.extend((reason, kind) for reason in reasons)

    def require_scheme(self, coverage: Coverage) -> None:
        """The scheme paying the benefit must have covered the worker on the event date."""
        self.require(coverage.covered, *coverage.reasons, missing=coverage.missing)

    def need_for_amount(self, *facts: str) -> None:
        """Facts that would give the amount of a benefit whose eligibility they do not change."""
        for fact in facts:
            self._amount_missing.setdefault(fact, None)

    def merge(self, part: Outcome) -> None:
        """Add the conditions, reasons and missing facts of ``part`` (a remembered piece)."""
        self._reasons.extend(part._reasons)
        for fact in part._missing:
            self._missing.setdefault(fact, None)
        for fact in part._amount_missing:
            self._amount_missing.setdefault(fact, None)
        self.refused = self.refused or part.refused
        self.undecided = self.undecided or part.undecided

    @property
    def status(self) -> Status:
        if self.refused:
            return Status.NOT_ELIGIBLE
        if self.undecided:
            return Status.NEEDS_INFORMATION
        return Status.ELIGIBLE

    def result(
        self,
        benefit: BenefitId,
        amount: Amount | None = None,
        steps: Iterable[ClaimStep] = (),
    ) -> BenefitResult:
        """The decision, with the amount and claim steps only where the benefit may be paid."""
        status = self.status
        if status is Status.NOT_ELIGIBLE:
            reasons = [reason for reason, kind in self._reasons if kind == _DECIDED]
            return BenefitResult(id=benefit, status=status, reasons=reasons)
        missing = self._missing
        if self._amount_missing:
            missing = {**missing, **self._amount_missing}
        return BenefitResult(
            id=benefit,
            status=status,
            amount=amount,
            reasons=[reason for reason, _ in self._reasons],
            missing=list(missing),
            claim_steps=list(steps),
        )
