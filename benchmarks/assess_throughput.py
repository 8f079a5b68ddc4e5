"""Assessments per second on one core, against pydantic's own cost measured in the same run.

For a few representative cases:

- ``assess, repeated case``: ``eligibility.assess(case)`` on a case it has seen (it remembers
  the last 1,024 answers: many workers give the same first answers in the dialogs);
- ``assess, new case``: the rules themselves (``eligibility.assess.decide_all``), with the
  per-fact caches (coverage, wage, reasons, claim steps) as warm as in a running server;
- ``validate+assess+dump``: what ``kawan assess`` does for a new case: validate the case dict,
  decide, dump the assessment to JSON;
- ``baseline``: ``Case.model_validate`` + ``Assessment.model_dump_json`` alone, no rules.

The last column is each row's rate over the baseline's. A final row streams 20,000 accidents
never seen before (dates, wages, leave, losses all varying) through the rules once, so the
per-fact caches miss as well: the cold figure.

Rates are per CPU-second of this process (best of 3), so other processes on the machine do
not change them much.

    python benchmarks/assess_throughput.py              # pinned to CPU 0
    python benchmarks/assess_throughput.py --cpu 1 --seconds 2
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eligibility import Case, assess
from eligibility.assess import decide_all

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_EXAMPLE = ROOT / "tests" / "eligibility" / "cases" / "contract_example.json"
WORKER = {
    "foreign_worker": True,
    "domestic_worker": False,
    "age": 34,
    "age_at_first_contribution": 29,
    "registered_by_employer": True,
    "home_country": "ID",
}
FAMILY = [
    {"relation": "spouse", "age": 30},
    {"relation": "child", "age": 4, "married": False, "incapacitated": False},
]
TARGET = 20_000


def representative_cases() -> dict[str, dict[str, Any]]:
    """Name -> case dict: one per branch of the flows."""
    contract: dict[str, Any] = json.loads(CONTRACT_EXAMPLE.read_text())
    return {
        "work accident (contract example)": contract,
        "accident, 40% loss, gone home": {
            "as_of": "2026-11-23",
            "worker": WORKER,
            "event": {
                "kind": "work_accident",
                "date": "2025-03-10",
                "medical_leave_days": 30,
                "loss_of_earning_capacity_pct": "40",
                "needs_constant_attendance": False,
                "returned_home": True,
            },
            "wages": {"average_monthly_wage": "2300.00"},
        },
        "death at work, family": {
            "as_of": "2026-11-23",
            "worker": WORKER,
            "event": {"kind": "commuting_accident", "date": "2025-06-01", "death": True},
            "wages": {"average_monthly_wage": "1650.00"},
            "dependants": FAMILY,
        },
        "invalidity, 30 contributions": {
            "as_of": "2026-11-23",
            "worker": WORKER,
            "event": {
                "kind": "invalidity",
                "date": "2026-10-01",
                "needs_constant_attendance": True,
            },
            "wages": {"average_monthly_wage": "1800.00"},
            "contributions": {
                "invalidity_months_paid": 30,
                "invalidity_months_in_last_40": 30,
                "months_since_first_contribution": 30,
            },
        },
        "death not at work": {
            "as_of": "2026-11-23",
            "worker": WORKER,
            "event": {"kind": "death_non_work", "date": "2026-09-01", "died_in_malaysia": True},
            "wages": {"average_monthly_wage": "1800.00"},
            "contributions": {"invalidity_months_paid": 26, "invalidity_months_in_last_40": 26},
            "dependants": FAMILY,
        },
        "first question only": {"worker": {"foreign_worker": True}},
    }


def never_seen(count: int, seed: int) -> list[Case]:
    """Distinct accident cases: dates over six years, wages, leave and losses all varying."""
    start = date(2019, 1, 1)
    return [
        Case.model_validate(
            {
                "as_of": "2026-11-23",
                "worker": {**WORKER, "age": 20 + (i + seed) % 40},
                "event": {
                    "kind": ("work_accident", "commuting_accident", "occupational_disease")[i % 3],
                    "date": (start + timedelta(days=(i * 37 + seed) % 2190)).isoformat(),
                    "medical_leave_days": (i + seed) % 40,
                    "loss_of_earning_capacity_pct": str((i * 7 + seed) % 101),
                    "returned_home": i % 2 == 0,
                },
                "wages": {"average_monthly_wage": f"{900 + (i * 53 + seed) % 6000}.{i % 100:02d}"},
            }
        )
        for i in range(count)
    ]


def rate(work: Callable[[], None], items: int, seconds: float) -> float:
    """Best of three timed runs of ``work``, in items per CPU second of this process."""
    best = 0.0
    for _ in range(3):
        rounds, began = 0, time.process_time()
        while (elapsed := time.process_time() - began) < seconds:
            work()
            rounds += 1
        best = max(best, rounds * items / elapsed)
    return best


def measure(raw: dict[str, Any], seconds: float) -> dict[str, float]:
    """The four rates for one case."""
    case = Case.model_validate(raw)
    day = case.as_of or case.event.date or date(2026, 11, 23)
    done = assess(case)
    return {
        "assess, repeated case": rate(lambda: assess(case), 1, seconds),
        "assess, new case": rate(lambda: decide_all(case, day), 1, seconds),
        "validate+assess+dump": rate(
            lambda: decide_all(Case.model_validate(raw), day).model_dump_json(), 1, seconds
        ),
        "baseline": rate(lambda: (Case.model_validate(raw), done.model_dump_json()), 1, seconds),
    }


def cold_stream(count: int = 20_000) -> tuple[float, float]:
    """(rules, baseline) rates over ``count`` cases never seen before, one pass each."""
    rules_rates, baseline_rates = [], []
    for seed in (1, 2, 3):
        cases = never_seen(count, seed * 1_000)
        began = time.process_time()
        done = [decide_all(case, date(2026, 11, 23)) for case in cases]
        rules_rates.append(count / (time.process_time() - began))
        raw = [case.model_dump(mode="json") for case in cases]
        began = time.process_time()
        for data, assessment in zip(raw, done, strict=True):
            Case.model_validate(data)
            assessment.model_dump_json()
        baseline_rates.append(count / (time.process_time() - began))
    return max(rules_rates), max(baseline_rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cpu", type=int, default=0, help="CPU to pin to (-1: do not pin)")
    parser.add_argument("--seconds", type=float, default=1.0, help="CPU-seconds per timed run")
    args = parser.parse_args()
    if args.cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    assess(Case())  # read the parameter files once, outside the timings

    print(
        f"Python {sys.version.split()[0]}, pinned to CPU {args.cpu}; "
        f"best of 3 x {args.seconds} CPU-seconds"
    )
    header = f"{'case':<36} {'row':<24} {'per second':>12} {'vs baseline':>12}"
    print(header)
    print("-" * len(header))
    new_case = []
    for name, raw in representative_cases().items():
        rates = measure(raw, args.seconds)
        new_case.append(rates["assess, new case"])
        for row, value in rates.items():
            print(f"{name:<36} {row:<24} {value:>12,.0f} {value / rates['baseline']:>11.2f}x")
            name = ""
    cold, cold_baseline = cold_stream()
    print(
        f"{'20,000 never-seen accidents':<36} {'assess, new case':<24} {cold:>12,.0f} "
        f"{cold / cold_baseline:>11.2f}x"
    )
    print(f"{'':<36} {'baseline':<24} {cold_baseline:>12,.0f} {1:>11.2f}x")
    slowest = min(new_case)
    verdict = "meets" if slowest > TARGET else "is BELOW"
    print(
        f"\nslowest new case: {slowest:,.0f}/s, never-seen stream: {cold:,.0f}/s "
        f"(target {TARGET:,}/s: the slowest new case {verdict} it)"
    )


if __name__ == "__main__":
    main()
