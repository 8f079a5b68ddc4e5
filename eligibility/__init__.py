"""kawan's rules as code: what PERKESO (SOCSO) owes a worker, from a case to an assessment.

Pure Python: no I/O except reading the dated parameters in ``eligibility/parameters/``.
Start with :func:`assess`; the models are the JSON contract (``shared/contract.md`` section 4).
"""

from eligibility.assess import assess
from eligibility.models import (
    Amount,
    Assessment,
    BenefitId,
    BenefitResult,
    Case,
    ClaimStep,
    Contributions,
    Dependant,
    Event,
    EventKind,
    Per,
    Reason,
    Relation,
    Schemes,
    SchemeStatus,
    Status,
    Wages,
    Worker,
)

__all__ = [
    "Amount",
    "Assessment",
    "BenefitId",
    "BenefitResult",
    "Case",
    "ClaimStep",
    "Contributions",
    "Dependant",
    "Event",
    "EventKind",
    "Per",
    "Reason",
    "Relation",
    "SchemeStatus",
    "Schemes",
    "Status",
    "Wages",
    "Worker",
    "assess",
]
