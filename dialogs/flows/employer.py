"""My employer did not register me, does not pay, or will not report my accident.

What the law says (Act 4; rules file s.1 and s.10, every figure a dated parameter): the
employer must register the worker and pay every month, on pain of a fine or prison; the
worker stays protected; the employer must report an accident on Form 34 within 48 hours.
Then where to go: PERKESO (office, careline), the Labour Department (JTK), the worker's
embassy, and a workers' NGO (``Context.ngo_contact`` when the deployment has one).
"""

from __future__ import annotations

from typing import Final

from dialogs.conversation import Conversation
from dialogs.flows.common import EMPLOYER
from dialogs.flows.kinds import to_menu
from dialogs.nodes import Choice, Context, Info, Menu, Node
from dialogs.reply import Text
from dialogs.summary import CARELINE
from eligibility.parameters import value_at
from eligibility.text import N_

LAW: Final = "employer.law"
REPORT: Final = "employer.report"
WHERE: Final = "employer.where"

# TRANSLATORS: option leading to the list of places that help. USSD: ≤ 30 chars.
WHERE_TO_GO = N_("Where can I get help?")

START = Menu(
    id=EMPLOYER,
    # TRANSLATORS: first screen of the employer-problems branch. USSD: ≤ 40 chars.
    prompt=(Text(N_("What is the problem?")),),
    choices=(
        # TRANSLATORS: option. USSD: ≤ 30 chars.
        Choice("not_registered", Text(N_("I am not registered")), LAW,
               {"worker.registered_by_employer": False}),
        # TRANSLATORS: option: the employer does not pay contributions. USSD: ≤ 30 chars.
        Choice("not_paying", Text(N_("My employer does not pay")), LAW),
        # TRANSLATORS: option. USSD: ≤ 30 chars.
        Choice("no_report", Text(N_("They will not report my injury")), REPORT),
        to_menu(),
    ),
)  # fmt: skip


def _law_body(conv: Conversation, ctx: Context) -> tuple[Text, ...]:
    fine = value_at("schemes.employer_penalty.maximum_fine", ctx.today).decimal
    years = value_at("schemes.employer_penalty.maximum_prison", ctx.today).count
    return (
        # TRANSLATORS: employer-problems screen: the law. USSD: ≤ 75 chars.
        Text(N_("The law: your employer must register you with PERKESO and pay every month.")),
        Text(
            # TRANSLATORS: %(fine)s is ringgit (RM10,000.00), %(years)s a number of years (2).
            N_(
                "If not, the employer can be fined up to %(fine)s, or jailed up to %(years)s "
                "years, or both."
            ),
            {"fine": fine, "years": years},
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("Or a fine up to %(fine)s, or up to %(years)s years in jail, or both."),
        ),
        Text(
            # TRANSLATORS: employer-problems screen.
            N_("You are still protected: if you are hurt, ask PERKESO for your benefits."),
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("You are still protected: ask PERKESO for your benefits."),
        ),
        # TRANSLATORS: employer-problems screen. USSD: ≤ 75 chars.
        Text(N_("Keep your payslips and copies of your passport and work permit.")),
    )


LAW_SCREEN = Info(
    id=LAW,
    body=_law_body,
    choices=(Choice("where", Text(WHERE_TO_GO), WHERE), to_menu()),
)


def _report_body(conv: Conversation, ctx: Context) -> tuple[Text, ...]:
    form = value_at("claims.notice_and_claim_form", ctx.today).text
    hours = value_at("claims.employer_report_hours", ctx.today).count
    return (
        Text(
            # TRANSLATORS: %(form)s is a form name ("Borang 34"), %(hours)s a number (48).
            N_(
                "Your employer must report your accident to PERKESO on %(form)s within "
                "%(hours)s hours."
            ),
            {"form": form, "hours": hours},
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("Employer must send %(form)s to PERKESO within %(hours)s hours."),
        ),
        Text(
            # TRANSLATORS: employer-problems screen.
            N_(
                "If they will not, go to a PERKESO office with your MC and passport, and tell them."
            ),
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("If not, go to a PERKESO office with your MC and passport."),
        ),
        # TRANSLATORS: employer-problems screen. USSD: ≤ 75 chars.
        Text(N_("Keep every MC, your payslips, and any police report.")),
    )


REPORT_SCREEN = Info(
    id=REPORT,
    body=_report_body,
    choices=(Choice("where", Text(WHERE_TO_GO), WHERE), to_menu()),
)


def _where_body(conv: Conversation, ctx: Context) -> tuple[Text, ...]:
    lines = [
        # TRANSLATORS: where to get help. %(phone)s is PERKESO's careline. USSD: ≤ 75 chars.
        Text(N_("PERKESO: careline %(phone)s, or any PERKESO office."), {"phone": CARELINE}),
        # TRANSLATORS: where to get help. JTK is the Malay short name. USSD: ≤ 75 chars.
        Text(N_("The Labour Department (JTK), for problems with your employer.")),
        # TRANSLATORS: where to get help. USSD: ≤ 75 chars.
        Text(N_("Your country's embassy in Kuala Lumpur.")),
    ]
    if ctx.ngo_contact:
        # TRANSLATORS: where to get help. %(contact)s is an NGO's phone or name. USSD: ≤ 75.
        lines.append(Text(N_("A workers' NGO: %(contact)s"), {"contact": ctx.ngo_contact}))
    else:
        # TRANSLATORS: where to get help, when no NGO is configured. USSD: ≤ 75 chars.
        lines.append(Text(N_("A workers' NGO near you can also help.")))
    return tuple(lines)


WHERE_SCREEN = Info(id=WHERE, body=_where_body, choices=(to_menu(),))

NODES: tuple[Node, ...] = (START, LAW_SCREEN, REPORT_SCREEN, WHERE_SCREEN)
