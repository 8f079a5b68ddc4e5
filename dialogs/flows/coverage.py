"""What am I covered for, and what does my employer pay?

Two screens of facts, every date and rate from a dated parameter: the schemes that cover a
foreign worker (Employment Injury since 2019, domestic workers since June 2021, Invalidity
since July 2024; accidents off work not yet, rules file s.9.1), and the monthly
contributions (``eligibility.contributions``), worked out for the worker's wage as an
estimate so they can check their payslip.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final

from dialogs.conversation import Conversation
from dialogs.flows.common import COVERAGE
from dialogs.flows.kinds import Slot, to_menu
from dialogs.flows.slots import WAGE_QUESTION, WAGE_TYPED_QUESTION, wage_choices
from dialogs.nodes import Choice, Context, Info, Menu, Node
from dialogs.reply import InputKind, Text
from eligibility.contributions import monthly_contributions, rates
from eligibility.parameters import parameter, value_at
from eligibility.text import N_

SCHEMES: Final = "coverage.schemes"
PAY: Final = "coverage.pay"
WAGE: Final = "coverage.wage"
WAGE_TYPED: Final = "coverage.wage.typed"


def percent(share: Decimal) -> str:
    """A share as a percentage for a message param.

    Examples:
        >>> percent(Decimal("0.0125")), percent(Decimal("0.005"))
        ('1.25%', '0.5%')
    """
    return f"{(share * 100).normalize():f}%"


def _since(name: str) -> date | None:
    return parameter(name).first_known_date


START = Menu(
    id=COVERAGE,
    # TRANSLATORS: first screen of "What am I covered for?". USSD: ≤ 40 chars.
    prompt=(Text(N_("What do you want to know?")),),
    choices=(
        # TRANSLATORS: option. USSD: ≤ 30 chars.
        Choice("schemes", Text(N_("What PERKESO covers")), SCHEMES),
        # TRANSLATORS: option. USSD: ≤ 30 chars.
        Choice("pay", Text(N_("What my employer pays")), PAY),
        to_menu(),
    ),
)


def _schemes_body(conv: Conversation, ctx: Context) -> tuple[Text, ...]:
    lines: list[Text] = []
    injury = _since("schemes.employment_injury.covers_foreign_workers")
    if injury is not None:
        lines.append(Text(
            # TRANSLATORS: coverage screen. %(date)s is a date (1 January 2019).
            N_("Accidents at work or on the way to work, and illness caused by work: "
               "covered since %(date)s."),
            {"date": injury},
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("Accidents at work, on the way, illness from work: since %(date)s."),
        ))  # fmt: skip
    domestic = _since("schemes.employment_injury.covers_domestic_workers")
    if domestic is not None:
        lines.append(Text(
            # TRANSLATORS: coverage screen. %(date)s is a date (1 June 2021). USSD: ≤ 75 chars.
            N_("Domestic workers (maids, carers) are covered since %(date)s."),
            {"date": domestic},
        ))  # fmt: skip
    invalidity = _since("schemes.invalidity.covers_foreign_workers")
    if invalidity is not None:
        lines.append(Text(
            # TRANSLATORS: coverage screen. %(date)s is a date (1 July 2024).
            N_("A long illness or disability from any cause, or death: covered since "
               "%(date)s."),
            {"date": invalidity},
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("Long illness or death, any cause: since %(date)s."),
        ))  # fmt: skip
    lines.append(Text(
        # TRANSLATORS: coverage screen: the kinds of benefit.
        N_("You can get free treatment, pay while on MC, money for a lasting disability, "
           "and help for your family if you die."),
        # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
        short=N_("Free treatment, pay on MC, disability money, help for family."),
    ))  # fmt: skip
    # TRANSLATORS: coverage screen (Non-Employment Injury Scheme not started). USSD: ≤ 75.
    lines.append(Text(N_("Accidents outside work are not covered yet; no start date is set.")))
    return tuple(lines)


SCHEMES_SCREEN = Info(
    id=SCHEMES,
    body=_schemes_body,
    choices=(
        # TRANSLATORS: option. USSD: ≤ 30 chars.
        Choice("pay", Text(N_("What my employer pays")), PAY),
        to_menu(),
    ),
)


def _pay_body(conv: Conversation, ctx: Context) -> tuple[Text, ...]:
    found = rates(ctx.today)
    lines = [
        Text(
            # TRANSLATORS: contributions screen. %(rate)s is a percentage ("1.25%").
            N_(
                "Employment Injury Scheme: your employer pays %(rate)s of your wage. "
                "You pay nothing."
            ),
            {"rate": percent(found.employer_injury)},
            # TRANSLATORS: USSD form of the sentence above. %(rate)s is a percentage.
            # USSD: ≤ 75 chars.
            short=N_("Injury scheme: employer pays %(rate)s of your wage, you pay 0."),
        )
    ]
    if found.worker_invalidity:
        lines.append(Text(
            # TRANSLATORS: contributions screen. %(employer)s and %(worker)s are percentages.
            # USSD: ≤ 75 chars.
            N_("Invalidity Scheme: your employer pays %(employer)s and you pay %(worker)s."),
            {"employer": percent(found.employer_invalidity),
             "worker": percent(found.worker_invalidity)},
        ))  # fmt: skip
        age = value_at("schemes.invalidity.entry_age_limit", ctx.today).count
        lines.append(Text(
            # TRANSLATORS: contributions screen. %(age)s is an age (55). USSD: ≤ 75 chars.
            N_("If you first paid at age %(age)s or older, only the injury part is paid."),
            {"age": age},
        ))  # fmt: skip
    wage = conv.fact("wages.average_monthly_wage")
    if isinstance(wage, str):
        paid = monthly_contributions(Decimal(wage), ctx.today)
        lines.append(Text(
            # TRANSLATORS: contributions screen. %(wage)s, %(employer)s and %(worker)s are
            # ringgit. USSD: ≤ 75 chars.
            N_("On %(wage)s a month: employer about %(employer)s, you about %(worker)s."),
            {"wage": paid.wage, "employer": paid.employer, "worker": paid.worker},
        ))  # fmt: skip
        # TRANSLATORS: contributions screen, after the amounts. USSD: ≤ 75 chars.
        lines.append(Text(N_("Check your payslip. PERKESO's table gives the exact amount.")))
    return tuple(lines)


PAY_SCREEN = Info(
    id=PAY,
    body=_pay_body,
    choices=(
        # TRANSLATORS: option: work out the contributions for a wage. USSD: ≤ 30 chars.
        Choice("wage", Text(N_("Work it out for my wage")), WAGE),
        to_menu(),
    ),
)

WAGE_SLOT = Slot(
    id=WAGE,
    path="wages.average_monthly_wage",
    prompt=(Text(WAGE_QUESTION),),
    choices=wage_choices(PAY, WAGE_TYPED),
    goto=PAY,
)

WAGE_TYPED_SLOT = Slot(
    id=WAGE_TYPED,
    path="wages.average_monthly_wage",
    kind=InputKind.MONEY,
    prompt=(Text(WAGE_TYPED_QUESTION),),
    goto=PAY,
)

NODES: tuple[Node, ...] = (START, SCHEMES_SCREEN, PAY_SCREEN, WAGE_SLOT, WAGE_TYPED_SLOT)
