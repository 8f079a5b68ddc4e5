"""Properties of assess() over any valid case: it never raises, it is deterministic, amounts
are never negative, and an undecided benefit always says what it needs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from eligibility import Case, EventKind, Relation, Status, assess
from eligibility.assess import decide_all
from eligibility.parameters import reload

maybe_bool = st.none() | st.booleans()
ages = st.none() | st.integers(min_value=0, max_value=120)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)) | st.dates()

dependants = st.none() | st.lists(
    st.fixed_dictionaries(
        {"relation": st.sampled_from(list(Relation))},
        optional={
            "age": ages,
            "in_higher_education": maybe_bool,
            "incapacitated": maybe_bool,
            "married": maybe_bool,
        },
    ),
    max_size=5,
)

cases = st.builds(
    dict,
    as_of=st.none() | days,
    worker=st.fixed_dictionaries(
        {},
        optional={
            "foreign_worker": maybe_bool,
            "domestic_worker": maybe_bool,
            "age": ages,
            "age_at_first_contribution": ages,
            "registered_by_employer": maybe_bool,
            "home_country": st.none() | st.sampled_from(["ID", "NP", "BD", "PK", "MM", "VN", "PH"]),
        },
    ),
    event=st.fixed_dictionaries(
        {},
        optional={
            "kind": st.none() | st.sampled_from(list(EventKind)),
            "date": st.none() | days,
            "medical_leave_days": st.none()
            | st.integers(min_value=0, max_value=3000)
            | st.integers(min_value=0),
            "loss_of_earning_capacity_pct": st.none()
            | st.decimals(min_value=0, max_value=100, places=1, allow_nan=False),
            "needs_constant_attendance": maybe_bool,
            "death": maybe_bool,
            "died_in_malaysia": maybe_bool,
            "returned_home": maybe_bool,
        },
    ),
    wages=st.fixed_dictionaries(
        {},
        optional={
            "average_monthly_wage": st.none()
            | st.decimals(
                min_value=0, max_value=Decimal("9999999999.99"), places=2, allow_nan=False
            )
        },
    ),
    contributions=st.fixed_dictionaries(
        {},
        optional={
            "invalidity_months_paid": st.none() | st.integers(min_value=0),
            "invalidity_months_in_last_40": st.none() | st.integers(min_value=0, max_value=40),
            "months_since_first_contribution": st.none() | st.integers(min_value=0),
        },
    ),
    dependants=dependants,
).map(Case.model_validate)


@settings(max_examples=400, deadline=None)
@given(case=cases, as_of=st.none() | days)
@example(
    case=Case.model_validate(
        {"event": {"kind": "work_accident", "date": "9999-12-31", "medical_leave_days": 10**9}}
    ),
    as_of=None,
)
@example(
    case=Case.model_validate({"event": {"kind": "death_non_work", "date": "0001-01-01"}}),
    as_of=None,
)
def test_any_valid_case_is_assessed_deterministically_with_no_negative_amount(
    case: Case, as_of: date | None
) -> None:
    first = assess(case, as_of)
    assert assess(case, as_of).model_dump_json() == first.model_dump_json()
    for benefit in first.benefits:
        if benefit.amount is not None:
            figures = [f for f in (benefit.amount.value, benefit.amount.max) if f is not None]
            assert len(figures) == 1
            assert figures[0] >= 0
        for reason in benefit.reasons:
            for value in reason.params.values():
                assert not (isinstance(value, Decimal) and value < 0)
        if benefit.status is Status.NEEDS_INFORMATION:
            assert benefit.missing, benefit
        if benefit.status is Status.NOT_ELIGIBLE:
            assert benefit.missing == [] and benefit.amount is None and benefit.reasons, benefit


@settings(max_examples=200, deadline=None)
@given(case=cases)
def test_the_json_of_any_assessment_validates_back(case: Case) -> None:
    from eligibility import Assessment

    dumped = assess(case).model_dump_json()
    assert Assessment.model_validate_json(dumped).model_dump_json() == dumped


@settings(max_examples=60, deadline=None)
@given(case=cases, as_of=st.none() | days)
def test_remembered_answers_equal_answers_worked_out_from_scratch(
    case: Case, as_of: date | None
) -> None:
    remembered = assess(case, as_of)
    reload()  # forget every cached piece: parameters, coverage, wages, reasons, steps
    assert decide_all(case, remembered.as_of).model_dump_json() == remembered.model_dump_json()
