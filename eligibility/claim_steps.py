"""Who files what, where and by when, for each benefit (rules file sections 9-11).

- Employment injuries: the employer sends Form 34 (Borang 34) within 48 hours (kawan counts
  two days from the event date); occupational diseases are reported on PKS(P) 68 (still
  working) or PKS(P) 69 (resigned); commuting accidents need the original police report and
  a sketch map. Claims go to a PERKESO office or, by the employer, to the e-claim portal
  faedah.perkeso.gov.my; the careline is 1-300-22-8000.
- Permanent disablement: the Medical Board (Jemaah Doktor) assesses the loss; the claim must
  be made within 12 months of the last day of temporary disablement. kawan takes that day
  as the last day of medical leave: event date + medical leave days - 1 (the leave counts
  the accident day), and the deadline 12 calendar months later.
- Invalidity: a Notice of Invalidity; the pension runs from the day PERKESO receives it.
- A worker who has gone home: the Online Medical Board (severe, visible permanent
  disablement), the Merchantrade e-wallet (no Malaysian bank account) and the partner agency
  of their country (PERKESO, ASEAN Social Security Symposium 2025; rules file section 11).

Steps are per benefit, with stable ids: a channel showing several benefits can show a step
once.
"""

from __future__ import annotations

import calendar
import functools
from datetime import date, timedelta

from eligibility.context import EMPLOYMENT_INJURY_KINDS, Context
from eligibility.models import BenefitId, ClaimStep, EventKind
from eligibility.parameters import ParameterNotInForce, rules_period, value_at, when_reloaded
from eligibility.reasons import step
from eligibility.text import N_

__all__ = ["add_months", "for_benefit", "permanent_disablement_deadline"]

_PAYS_THE_WORKER = frozenset(
    {
        BenefitId.TEMPORARY_DISABLEMENT,
        BenefitId.PERMANENT_DISABLEMENT,
        BenefitId.CONSTANT_ATTENDANCE,
        BenefitId.INVALIDITY_PENSION,
        BenefitId.INVALIDITY_GRANT,
    }
)
_FOR_THE_LIVING_WORKER = _PAYS_THE_WORKER | {BenefitId.MEDICAL, BenefitId.REHABILITATION}


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later (or the month's last day).

    Examples:
        >>> add_months(date(2025, 3, 21), 12)
        datetime.date(2026, 3, 21)
        >>> add_months(date(2024, 2, 29), 12)
        datetime.date(2025, 2, 28)
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@functools.lru_cache(maxsize=4096)
def permanent_disablement_deadline(event_date: date, medical_leave_days: int) -> date | None:
    """Last day to claim permanent disablement: 12 months from the last day of medical leave.

    ``None`` if that is past the calendar's end (year 9999).

    Examples:
        >>> permanent_disablement_deadline(date(2025, 3, 10), 12)
        datetime.date(2026, 3, 21)
    """
    months = value_at("permanent_disablement.claim_limit_months", event_date).count
    try:
        last_day = event_date + timedelta(days=max(medical_leave_days - 1, 0))
        return add_months(last_day, months)
    except (OverflowError, ValueError):
        return None


def for_benefit(benefit: BenefitId, context: Context) -> tuple[ClaimStep, ...]:
    """The claim steps for one benefit of the case."""
    case = context.case
    event_date = case.event.date
    period = rules_period(event_date or context.as_of)
    plan = _plan(
        benefit,
        case.event.kind,
        period,
        event_date is None,
        case.event.returned_home is True,
        case.worker.home_country,
        rules_period(context.as_of),
    )
    leave = case.event.medical_leave_days
    return tuple(
        step
        if not isinstance(step, str)
        else _form_34(period, event_date)
        if step == _FORM_34
        else _permanent_disablement_deadline(period, event_date, leave)
        for step in plan
    )


_FORM_34 = "employer_form_34"
_DEADLINE = "permanent_disablement_deadline"
"""Places in a plan for the steps whose deadline depends on the exact event date."""


@functools.lru_cache(maxsize=4096)
def _plan(
    benefit: BenefitId,
    kind: EventKind | None,
    on: date,
    undated: bool,
    returned_home: bool,
    home_country: str | None,
    as_of: date,
) -> tuple[ClaimStep | str, ...]:
    """The steps of a benefit; ``on`` and ``as_of`` are :func:`rules_period` starts."""
    injury = kind in EMPLOYMENT_INJURY_KINDS
    steps: list[ClaimStep | str] = []
    if benefit is BenefitId.MEDICAL:
        steps.append(_panel_clinic())
    if injury and benefit not in (BenefitId.CONSTANT_ATTENDANCE, BenefitId.REHABILITATION):
        steps.append(_form_34(on, None) if undated else _FORM_34)
        steps.extend(_evidence(kind, on))
    if benefit is BenefitId.TEMPORARY_DISABLEMENT:
        steps.append(_keep_documents(on))
    if benefit in (
        BenefitId.PERMANENT_DISABLEMENT,
        BenefitId.CONSTANT_ATTENDANCE,
        BenefitId.INVALIDITY_PENSION,
        BenefitId.INVALIDITY_GRANT,
    ):
        if benefit in (BenefitId.INVALIDITY_PENSION, BenefitId.INVALIDITY_GRANT):
            steps.append(_notice_of_invalidity())
        steps.append(_medical_board())
    if benefit is BenefitId.PERMANENT_DISABLEMENT:
        steps.append(_DEADLINE)
    if benefit is BenefitId.DEPENDANTS:
        steps.append(_dependants_form(on))
    if benefit is BenefitId.FUNERAL:
        steps.append(_funeral_receipts())
    if benefit is BenefitId.REPATRIATION_REFUND:
        steps.append(_repatriation_receipts())
    if returned_home and benefit in _FOR_THE_LIVING_WORKER:
        steps.extend(_going_home(benefit, on, home_country, as_of))
    steps.append(_where_to_claim(on) if injury else _perkeso_office(on))
    return tuple(steps)


def _days_after(day: date | None, days: int) -> date | None:
    try:
        return None if day is None else day + timedelta(days=days)
    except OverflowError:
        return None


def _panel_clinic() -> ClaimStep:
    return step(
        "panel_clinic",
        # TRANSLATORS: claim steps screen, one line per step; chat and USSD. Keep under ~120
        # chars; USSD pages it.
        N_("Go to a PERKESO panel clinic or a government clinic or hospital."),
    )


@functools.lru_cache(maxsize=4096)
def _form_34(on: date, event_date: date | None) -> ClaimStep:
    hours = value_at("claims.employer_report_hours", on).count
    form = value_at("claims.notice_and_claim_form", on).text
    deadline = _days_after(event_date, hours // 24)
    if deadline is None:
        return step(
            "employer_form_34",
            # TRANSLATORS: claim steps screen, one line per step; chat and USSD. %(hours)s:
            # hours the employer has. Keep under ~120 chars; USSD pages it.
            N_("Your employer must send Form 34 (Borang 34) to PERKESO within %(hours)s hours."),
            forms=[form],
            hours=hours,
        )
    return step(
        "employer_form_34",
        # TRANSLATORS: claim steps screen, one line per step; chat and USSD. %(hours)s: hours
        # the employer has; %(deadline)s: the date. Keep under ~120 chars; USSD pages it.
        N_(
            "Your employer must send Form 34 (Borang 34) to PERKESO within %(hours)s hours: by "
            "%(deadline)s."
        ),
        forms=[form],
        deadline=deadline,
        hours=hours,
    )


def _evidence(kind: EventKind | None, on: date) -> list[ClaimStep]:
    if kind is EventKind.OCCUPATIONAL_DISEASE:
        working = value_at("claims.occupational_disease_form_working", on).text
        resigned = value_at("claims.occupational_disease_form_resigned", on).text
        return [
            step(
                "occupational_disease_form",
                # TRANSLATORS: claim steps screen, one line per step; chat and USSD.
                # %(form_working)s, %(form_resigned)s: PERKESO form names, do not translate.
                # Keep under ~120 chars; USSD pages it.
                N_(
                    "Report the disease on form %(form_working)s if you still work there, or "
                    "%(form_resigned)s if you have left."
                ),
                forms=[working, resigned],
                form_working=working,
                form_resigned=resigned,
            )
        ]
    if kind is EventKind.COMMUTING_ACCIDENT and value_at("claims.commuting_evidence", on).flag:
        return [
            step(
                "commuting_police_report",
                # TRANSLATORS: claim steps screen, one line per step; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "Make a police report and draw a map of the route: start, way, accident "
                    "place, end. PERKESO needs the original report."
                ),
            )
        ]
    return []


def _keep_documents(on: date) -> ClaimStep:
    return step(
        "keep_documents",
        # TRANSLATORS: claim steps screen, one line per step; chat and USSD. %(months)s:
        # number of months of payslips. Keep under ~120 chars; USSD pages it.
        N_(
            "Keep your medical certificates (MC), payslips for the last %(months)s months, "
            "passport, work pass and bank statement."
        ),
        months=value_at("wages.averaging_months", on).count,
    )


def _medical_board() -> ClaimStep:
    return step(
        "medical_board",
        # TRANSLATORS: claim steps screen, one line per step; chat and USSD. "Jemaah Doktor"
        # is the Malay name of the board; keep it. Keep under ~120 chars; USSD pages it.
        N_(
            "PERKESO sends you to the Medical Board (Jemaah Doktor). It decides how much you have "
            "lost."
        ),
    )


@functools.lru_cache(maxsize=4096)
def _permanent_disablement_deadline(
    on: date, event_date: date | None, medical_leave_days: int | None
) -> ClaimStep:
    months = value_at("permanent_disablement.claim_limit_months", on).count
    deadline = (
        None
        if event_date is None or medical_leave_days is None
        else permanent_disablement_deadline(event_date, medical_leave_days)
    )
    if deadline is None:
        return step(
            "permanent_disablement_deadline",
            # TRANSLATORS: claim steps screen, one line per step; chat and USSD. %(months)s:
            # number of months. Keep under ~120 chars; USSD pages it.
            N_(
                "Ask PERKESO for the Medical Board within %(months)s months of your last day of "
                "medical leave."
            ),
            months=months,
        )
    return step(
        "permanent_disablement_deadline",
        # TRANSLATORS: claim steps screen, one line per step; chat and USSD. %(months)s:
        # number of months; %(deadline)s: the last date. Keep under ~120 chars; USSD pages it.
        N_(
            "Ask PERKESO for the Medical Board within %(months)s months of your last day of "
            "medical leave: by %(deadline)s."
        ),
        deadline=deadline,
        months=months,
    )


def _dependants_form(on: date) -> ClaimStep:
    form = value_at("claims.dependants_declaration_form", on).text
    return step(
        "dependants_form",
        # TRANSLATORS: claim steps screen, one line per step; chat and USSD. %(form)s: a
        # PERKESO form name, do not translate. Keep under ~120 chars; USSD pages it.
        N_("Check with the employer that form %(form)s lists the worker's family."),
        forms=[form],
        form=form,
    )


def _funeral_receipts() -> ClaimStep:
    return step(
        "funeral_receipts",
        # TRANSLATORS: claim steps screen, one line per step; chat and USSD. Keep under ~120
        # chars; USSD pages it.
        N_("Keep every official receipt for the funeral and give them to PERKESO."),
    )


def _repatriation_receipts() -> ClaimStep:
    return step(
        "repatriation_receipts",
        # TRANSLATORS: claim steps screen, one line per step; chat and USSD. Keep under ~120
        # chars; USSD pages it.
        N_(
            "Keep the official receipts for sending the body or ashes home and give them to "
            "PERKESO."
        ),
    )


def _notice_of_invalidity() -> ClaimStep:
    return step(
        "notice_of_invalidity",
        # TRANSLATORS: claim steps screen, one line per step; chat and USSD. Keep under ~120
        # chars; USSD pages it.
        N_(
            "Give PERKESO a Notice of Invalidity soon: the pension is paid from the day they get "
            "it."
        ),
    )


def _going_home(
    benefit: BenefitId, on: date, home_country: str | None, as_of: date
) -> list[ClaimStep]:
    steps: list[ClaimStep] = []
    if (
        benefit is BenefitId.PERMANENT_DISABLEMENT
        and value_at("going_home.online_medical_board", on).flag
    ):
        steps.append(
            step(
                "online_medical_board",
                # TRANSLATORS: claim steps screen, one line per step; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "Back home with a severe, visible disability? Ask PERKESO for an online "
                    "Medical Board."
                ),
            )
        )
    if benefit in _PAYS_THE_WORKER and value_at("going_home.merchantrade_ewallet", on).flag:
        steps.append(
            step(
                "merchantrade_ewallet",
                # TRANSLATORS: claim steps screen, one line per step; chat and USSD.
                # "Merchantrade" is a company name. Keep under ~120 chars; USSD pages it.
                N_(
                    "No Malaysian bank account? Ask PERKESO to pay you into a Merchantrade "
                    "e-wallet."
                ),
            )
        )
    if home_country is not None:
        try:
            agency = value_at(f"partner_agencies.{home_country}", as_of).mapping
        except (KeyError, ParameterNotInForce):
            return steps
        if agency["contact"]:
            steps.append(
                step(
                    "partner_agency",
                    # TRANSLATORS: claim steps screen, one line per step; chat and USSD.
                    # %(country)s: the worker's home country; %(agency)s: the agency's
                    # official name; %(contact)s: its phone or web address. Keep under ~120
                    # chars; USSD pages it.
                    N_("In %(country)s, %(agency)s works with PERKESO and can help: %(contact)s."),
                    country=agency["country"],
                    agency=agency["agency"],
                    contact=agency["contact"],
                    home_country=home_country,
                )
            )
        else:
            steps.append(
                step(
                    "partner_agency",
                    # TRANSLATORS: claim steps screen, one line per step; chat and USSD.
                    # %(country)s: the worker's home country; %(agency)s: the agency's
                    # official name. Keep under ~120 chars; USSD pages it.
                    N_("In %(country)s, %(agency)s works with PERKESO. Ask them for help."),
                    country=agency["country"],
                    agency=agency["agency"],
                    home_country=home_country,
                )
            )
    return steps


def _where_to_claim(on: date) -> ClaimStep:
    return step(
        "where_to_claim",
        # TRANSLATORS: claim steps screen, one line per step; chat and USSD. %(portal)s: a web
        # address; %(careline)s: a phone number. Keep under ~120 chars; USSD pages it.
        N_(
            "Claim at any PERKESO office, or your employer claims online at %(portal)s. Help: "
            "%(careline)s."
        ),
        portal=value_at("claims.eclaim_portal", on).text,
        careline=value_at("claims.careline", on).text,
    )


def _perkeso_office(on: date) -> ClaimStep:
    return step(
        "perkeso_office",
        # TRANSLATORS: claim steps screen, one line per step; chat and USSD. %(careline)s: a
        # phone number. Keep under ~120 chars; USSD pages it.
        N_("Claim at any PERKESO office. Help: %(careline)s."),
        careline=value_at("claims.careline", on).text,
    )


for _cache in (_plan, _form_34, _permanent_disablement_deadline, permanent_disablement_deadline):
    when_reloaded(_cache.cache_clear)
