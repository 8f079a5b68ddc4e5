"""The summary a branch ends on: an :class:`~eligibility.models.Assessment` as short lines.

For each benefit the assessment lists: its name and status ("likely yes", "likely no",
"cannot tell yet" and what would tell), the amount (ringgit as a ``Decimal`` param, so
each language formats it; "about RM…; PERKESO decides the final amount" for estimates,
"up to RM…" for ceilings), and the first reason in one line. Then the claim steps, each
once, with its deadline ("about" when the worker's date was approximate, "passed" when it
is before today). It closes with what kawan does not assess, so silence is never read as
"no", and the careline.

Every line is a separate :class:`~dialogs.reply.Text`, so USSD pages them and the
bilingual view (``Reply.also_in``) shows each line in both languages, one under the other.

A chat message carries the whole summary; an 80-character USSD screen cannot (a Bengali
summary ran to 29 pages, longer than a USSD session lives). So on USSD the summary shows
each benefit's status and amount, and the reasons and claim steps are marked chat-only
(``Text.ussd=False``) and reached through one short screen per benefit
(:func:`benefit_details`) and one for the claim steps (:func:`claim_step_lines`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Final

from dialogs.reply import Param, Text
from eligibility.models import (
    Amount,
    Assessment,
    BenefitId,
    BenefitResult,
    ClaimStep,
    ParamValue,
    Per,
    SchemeStatus,
    Status,
)
from eligibility.text import N_

CARELINE: Final = "1-300-22-8000"
"""PERKESO's careline (rules file s.11, HIGH)."""

BENEFIT_NAMES: Final[Mapping[BenefitId, str]] = {
    # TRANSLATORS: benefit name, at the start of a summary line. USSD: ≤ 30 chars.
    BenefitId.MEDICAL: N_("Free medical treatment"),
    # TRANSLATORS: benefit name (money while on medical leave). USSD: ≤ 30 chars.
    BenefitId.TEMPORARY_DISABLEMENT: N_("Pay while on MC"),
    # TRANSLATORS: benefit name (lasting injury). USSD: ≤ 30 chars.
    BenefitId.PERMANENT_DISABLEMENT: N_("Permanent disability benefit"),
    # TRANSLATORS: benefit name (someone must care for the worker all the time). USSD: ≤ 30 chars.
    BenefitId.CONSTANT_ATTENDANCE: N_("Carer allowance"),
    # TRANSLATORS: benefit name. USSD: ≤ 30 chars.
    BenefitId.FUNERAL: N_("Funeral benefit"),
    # TRANSLATORS: benefit name (paid to the family after a death at work). USSD: ≤ 30 chars.
    BenefitId.DEPENDANTS: N_("Dependants' benefit (family)"),
    # TRANSLATORS: benefit name (physiotherapy, artificial limbs…). USSD: ≤ 30 chars.
    BenefitId.REHABILITATION: N_("Rehabilitation"),
    # TRANSLATORS: benefit name (monthly pension, long illness). USSD: ≤ 30 chars.
    BenefitId.INVALIDITY_PENSION: N_("Invalidity pension"),
    # TRANSLATORS: benefit name (one payment, long illness). USSD: ≤ 30 chars.
    BenefitId.INVALIDITY_GRANT: N_("Invalidity grant"),
    # TRANSLATORS: benefit name (monthly pension for the family). USSD: ≤ 30 chars.
    BenefitId.SURVIVORS_PENSION: N_("Survivors' pension (family)"),
    # TRANSLATORS: benefit name (cost of sending the body home). USSD: ≤ 30 chars.
    BenefitId.REPATRIATION_REFUND: N_("Sending the body home"),
}

STATUS_LINES: Final[Mapping[Status, str]] = {
    # TRANSLATORS: summary line. %(benefit)s is a benefit name. USSD: ≤ 50 chars.
    Status.ELIGIBLE: N_("%(benefit)s: likely yes."),
    # TRANSLATORS: summary line. %(benefit)s is a benefit name. USSD: ≤ 50 chars.
    Status.NOT_ELIGIBLE: N_("%(benefit)s: likely no."),
    # TRANSLATORS: summary line. %(benefit)s is a benefit name. USSD: ≤ 50 chars.
    Status.NEEDS_INFORMATION: N_("%(benefit)s: cannot tell yet."),
}

AMOUNTS: Final[Mapping[tuple[str, Per], str]] = {
    # TRANSLATORS: summary, amount of a benefit. %(amount)s is ringgit ("RM48.00"). USSD: ≤ 40.
    ("value", Per.DAY): N_("%(amount)s a day."),
    # TRANSLATORS: summary, amount of a benefit. %(amount)s is ringgit. USSD: ≤ 40 chars.
    ("value", Per.MONTH): N_("%(amount)s a month."),
    # TRANSLATORS: summary, amount paid once. %(amount)s is ringgit. USSD: ≤ 40 chars.
    ("value", Per.ONCE): N_("%(amount)s, paid once."),
    # TRANSLATORS: summary, an estimated amount. %(amount)s is ringgit. USSD: ≤ 75 chars.
    ("about", Per.DAY): N_("About %(amount)s a day; PERKESO decides the final amount."),
    # TRANSLATORS: summary, an estimated amount. %(amount)s is ringgit. USSD: ≤ 75 chars.
    ("about", Per.MONTH): N_("About %(amount)s a month; PERKESO decides the final amount."),
    # TRANSLATORS: summary, an estimated amount paid once. %(amount)s is ringgit. USSD: ≤ 75.
    ("about", Per.ONCE): N_("About %(amount)s, paid once; PERKESO decides the final amount."),
    # TRANSLATORS: summary, a ceiling. %(amount)s is ringgit. USSD: ≤ 40 chars.
    ("max", Per.DAY): N_("Up to %(amount)s a day."),
    # TRANSLATORS: summary, a ceiling. %(amount)s is ringgit. USSD: ≤ 40 chars.
    ("max", Per.MONTH): N_("Up to %(amount)s a month."),
    # TRANSLATORS: summary, a ceiling for one payment. %(amount)s is ringgit. USSD: ≤ 40 chars.
    ("max", Per.ONCE): N_("Up to %(amount)s, paid once."),
}

WHAT_WOULD_TELL: Final[Mapping[str, str]] = {
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "event.date": N_("the date it happened"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "event.medical_leave_days": N_("your MC letters (days of medical leave)"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "event.loss_of_earning_capacity_pct": N_("the Medical Board's decision"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "event.needs_constant_attendance": N_("the Medical Board's decision"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "event.died_in_malaysia": N_("where the worker died"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "event.returned_home": N_("whether you are still in Malaysia"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "event.kind": N_("how it happened (work or not)"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "wages.average_monthly_wage": N_("your payslips"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "worker.age": N_("the worker's age"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "worker.age_at_first_contribution": N_("your PERKESO contribution record"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "worker.registered_by_employer": N_("your PERKESO registration"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "worker.domestic_worker": N_("the kind of work (in a home or not)"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "contributions.invalidity_months_paid": N_("your PERKESO contribution record"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "contributions.invalidity_months_in_last_40": N_("your PERKESO contribution record"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "contributions.months_since_first_contribution": N_("your PERKESO contribution record"),
    # TRANSLATORS: what would decide a benefit, after "What would tell:". USSD: ≤ 40 chars.
    "dependants": N_("who is in the worker's family"),
}
# TRANSLATORS: what would decide a benefit, when kawan has no better words. USSD: ≤ 40 chars.
MORE_FACTS = N_("more facts: ask PERKESO")
# TRANSLATORS: summary line under "cannot tell yet". %(what)s is one of the phrases like
# "your payslips". USSD: ≤ 60 chars.
WOULD_TELL = N_("What would tell: %(what)s.")

# TRANSLATORS: first line of the summary. %(date)s is today's date. USSD: ≤ 50 chars.
HEADER = N_("What PERKESO is likely to pay (as of %(date)s):")
# TRANSLATORS: first line of a summary shown again later. %(date)s is the date it was made.
# USSD: ≤ 50 chars.
HEADER_LAST = N_("Your last result (made on %(date)s):")
# TRANSLATORS: summary line. %(wage)s is ringgit. USSD: ≤ 60 chars.
WAGE_USED = N_("Worked out from a wage of about %(wage)s a month.")
# TRANSLATORS: summary heading before the claim steps. USSD: ≤ 30 chars.
HOW_TO_CLAIM = N_("How to claim:")
# TRANSLATORS: summary, under a claim step. %(date)s is a date. USSD: ≤ 40 chars.
DEADLINE = N_("Deadline: %(date)s.")
# TRANSLATORS: summary, under a claim step, when the worker gave an approximate date.
# %(date)s is a date. USSD: ≤ 60 chars.
DEADLINE_ABOUT = N_("Deadline: about %(date)s (your date was approximate).")
# TRANSLATORS: summary, under a claim step whose deadline is before today. %(date)s is a
# date. USSD: ≤ 75 chars.
DEADLINE_PASSED = N_("The deadline was %(date)s. Ask PERKESO what you can still do.")
# TRANSLATORS: summary, under a claim step whose date is before today. USSD: ≤ 75 chars.
PASSED = N_("That date has passed. Ask PERKESO what you can still do.")
# TRANSLATORS: summary, under a claim step, when the worker gave an approximate date.
# USSD: ≤ 75 chars.
ABOUT = N_("That date is approximate, like the date you gave.")
# TRANSLATORS: summary, when no benefit could be worked out. USSD: ≤ 75 chars.
NOTHING_YET = N_("kawan cannot tell yet which benefits apply.")

SCHEME_NAMES: Final[Mapping[str, str]] = {
    # TRANSLATORS: PERKESO scheme name, inside a summary line. USSD: ≤ 30 chars.
    "employment_injury": N_("Employment Injury Scheme"),
    # TRANSLATORS: PERKESO scheme name, inside a summary line. USSD: ≤ 30 chars.
    "invalidity": N_("Invalidity Scheme"),
}
# TRANSLATORS: summary line. %(scheme)s is a scheme name. USSD: ≤ 75 chars.
SCHEME_NOT_COVERED = N_("On that date the %(scheme)s did not cover this worker.")
# TRANSLATORS: summary line: an accident before 2019 comes under the Workmen's Compensation
# Act, run by the Labour Department. USSD: ≤ 75 chars.
SCHEME_OTHER_REGIME = N_("This comes under another law: ask the Labour Department (JTK).")

CLOSING = Text(
    # TRANSLATORS: last lines of every summary: kawan does not check everything.
    N_(
        "kawan does not check every benefit or your PERKESO record. "
        "If something is not listed, that is not a no."
    ),
    # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
    short=N_("Not listed here does not mean no: kawan does not check everything."),
)
# TRANSLATORS: last line of every summary. %(phone)s is PERKESO's careline. USSD: ≤ 60 chars.
ASK_PERKESO = N_("Ask PERKESO: careline %(phone)s or any PERKESO office.")


def _param(value: ParamValue) -> Param:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return value


def params(values: Mapping[str, ParamValue]) -> dict[str, Param]:
    """An eligibility reason's params as message params (``None`` shows as nothing)."""
    return {name: _param(value) for name, value in values.items()}


def benefit_name(benefit: BenefitId) -> Text:
    return Text(BENEFIT_NAMES.get(benefit, str(benefit)))


def status_line(result: BenefitResult) -> Text:
    return Text(STATUS_LINES[result.status], {"benefit": benefit_name(result.id)})


def amount_line(amount: Amount) -> Text | None:
    """The amount as one line, or ``None`` if it has no figure."""
    if amount.max is not None:
        return Text(AMOUNTS["max", amount.per], {"amount": amount.max})
    if amount.value is None:
        return None
    return Text(
        AMOUNTS["about" if amount.estimate else "value", amount.per], {"amount": amount.value}
    )


def _reason_line(result: BenefitResult) -> Text | None:
    if not result.reasons:
        return None
    first = result.reasons[0]
    if not first.template:
        return Text.verbatim(first.message)
    return Text(first.template, params(first.params))


def _would_tell(result: BenefitResult) -> Text:
    what = next((WHAT_WOULD_TELL[p] for p in result.missing if p in WHAT_WOULD_TELL), MORE_FACTS)
    return Text(WOULD_TELL, {"what": Text(what)})


def _step_lines(step: ClaimStep, today: date, approximate: bool) -> list[Text]:
    """A claim step, then a note on its deadline: "about" when the worker's date was
    approximate, "passed" when it is before today. A step whose own sentence already
    shows the date gets no second date."""
    line = (
        Text(step.template, params(step.params)) if step.template else Text.verbatim(step.message)
    )
    if step.deadline is None:
        return [line]
    dated = step.deadline in step.params.values()
    when = {"date": step.deadline}
    if step.deadline < today:
        return [line, Text(PASSED if dated else DEADLINE_PASSED, when)]
    if approximate:
        return [line, Text(ABOUT if dated else DEADLINE_ABOUT, when)]
    return [line] if dated else [line, Text(DEADLINE, when)]


def _scheme_lines(assessment: Assessment) -> list[Text]:
    lines = []
    other_regime = False
    for scheme, status in assessment.schemes.model_dump().items():
        if status == SchemeStatus.NOT_COVERED and scheme in SCHEME_NAMES:
            lines.append(Text(SCHEME_NOT_COVERED, {"scheme": Text(SCHEME_NAMES[scheme])}))
        elif status == SchemeStatus.OTHER_REGIME and not other_regime:
            other_regime = True
            lines.append(Text(SCHEME_OTHER_REGIME))
    return lines


def _chat_only(text: Text) -> Text:
    return replace(text, ussd=False)


def benefit_lines(result: BenefitResult) -> list[Text]:
    """The lines for one benefit: status, amount, then (chat only) reason and what would
    tell; USSD shows those on the benefit's own screen."""
    lines = [status_line(result)]
    if result.amount is not None and result.status is not Status.NOT_ELIGIBLE:
        amount = amount_line(result.amount)
        if amount is not None:
            lines.append(amount)
    reason = _reason_line(result)
    if reason is not None:
        lines.append(_chat_only(reason))
    if result.status is Status.NEEDS_INFORMATION:
        lines.append(_chat_only(_would_tell(result)))
    return lines


def benefit_details(
    assessment: Assessment, benefit: BenefitId, today: date, *, approximate_date: bool = False
) -> tuple[Text, ...]:
    """One benefit on its own screen: status, amount, every reason, what would tell, and
    its claim steps with deadlines."""
    result = assessment.benefit(benefit)
    if result is None:
        return (Text(NOTHING_YET),)
    lines = [status_line(result)]
    if result.amount is not None and result.status is not Status.NOT_ELIGIBLE:
        amount = amount_line(result.amount)
        if amount is not None:
            lines.append(amount)
    for reason in result.reasons:
        lines.append(
            Text(reason.template, params(reason.params))
            if reason.template
            else Text.verbatim(reason.message)
        )
    if result.status is Status.NEEDS_INFORMATION:
        lines.append(_would_tell(result))
    steps = claim_steps([result])
    if steps:
        lines.append(Text(HOW_TO_CLAIM))
        for step in steps:
            lines.extend(_step_lines(step, today, approximate_date))
    return tuple(lines)


def claim_step_lines(
    assessment: Assessment, today: date, *, approximate_date: bool = False
) -> tuple[Text, ...]:
    """Every claim step of the benefits not ruled out, each once, with its deadline."""
    lines = [Text(HOW_TO_CLAIM)]
    for step in claim_steps(assessment.benefits):
        lines.extend(_step_lines(step, today, approximate_date))
    lines.append(Text(ASK_PERKESO, {"phone": CARELINE}))
    return tuple(lines)


def claim_steps(benefits: Iterable[BenefitResult]) -> list[ClaimStep]:
    """The claim steps of the benefits not ruled out, each once, in order."""
    seen: dict[str, ClaimStep] = {}
    for result in benefits:
        if result.status is Status.NOT_ELIGIBLE:
            continue
        for step in result.claim_steps:
            seen.setdefault(step.id, step)
    return list(seen.values())


def summary_lines(
    assessment: Assessment,
    today: date,
    *,
    wage: Decimal | None = None,
    approximate_date: bool = False,
    ngo_contact: str | None = None,
) -> tuple[Text, ...]:
    """Every line of the summary, in order.

    ``today`` decides which deadlines have passed; a summary made on an earlier day
    (``assessment.as_of``) is headed "your last result". ``wage`` is the monthly wage the
    amounts rest on; ``approximate_date`` makes every deadline "about".
    """
    again = assessment.as_of != today
    lines = [Text(HEADER_LAST if again else HEADER, {"date": assessment.as_of})]
    if wage is not None:
        lines.append(Text(WAGE_USED, {"wage": wage}))
    lines.extend(_scheme_lines(assessment))
    if not assessment.benefits:
        lines.append(Text(NOTHING_YET))
    for result in assessment.benefits:
        lines.extend(benefit_lines(result))
    steps = claim_steps(assessment.benefits)
    if steps:
        lines.append(_chat_only(Text(HOW_TO_CLAIM)))
        for step in steps:
            lines.extend(_chat_only(line) for line in _step_lines(step, today, approximate_date))
    if assessment.benefits:
        # TRANSLATORS: USSD summary, above the numbered benefits: each number opens that
        # benefit's reasons and claim steps. USSD: ≤ 50 chars.
        lines.append(Text(N_("Choose a number: why, and how to claim.")))
    lines.append(CLOSING)
    lines.append(Text(ASK_PERKESO, {"phone": CARELINE}))
    if ngo_contact:
        # TRANSLATORS: summary line. %(contact)s is a workers' NGO's phone or name. USSD: ≤ 60.
        lines.append(Text(N_("Help from a workers' NGO: %(contact)s"), {"contact": ngo_contact}))
    return tuple(lines)
