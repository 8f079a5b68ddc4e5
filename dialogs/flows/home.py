"""I have gone or am going home: what still works from the home country.

Only what the sources say (rules file, note at the top and A9): PERKESO's own symposium
talk (PERKESO, ASEAN Social Security Symposium 2025) names an Online Medical Board for
severe, visible permanent disablement of workers who have gone home, payment into a
Merchantrade e-wallet for workers with no Malaysian bank account, and its partner
agencies in five home countries. kawan names them, shows the source, and tells the worker
to ask PERKESO for the details it does not have. Each fact is a dated parameter
(``going_home.*``, ``partner_agencies.*``); a screen whose parameter is not in force says
nothing about it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from dialogs.conversation import Conversation
from dialogs.engine import MENU
from dialogs.flows.common import GOING_HOME
from dialogs.flows.kinds import Slot, to_menu
from dialogs.flows.slots import COUNTRIES, country_choices
from dialogs.nodes import Choice, Context, Info, Menu, Node
from dialogs.reply import Text
from dialogs.summary import CARELINE
from eligibility.parameters import ParameterNotInForce, ParameterValue, value_at
from eligibility.text import N_

TOPICS: Final = "home.topics"
MEDICAL_BOARD: Final = "home.medical_board"
PAYMENT: Final = "home.payment"
COUNTRY: Final = "home.country"
AGENCY: Final = "home.agency"

# TRANSLATORS: line under information from a source. %(source)s is the source's name, e.g.
# "PERKESO, ASEAN Social Security Symposium 2025". USSD: ≤ 75 chars with the source.
SOURCE = N_("Source: %(source)s.")
# TRANSLATORS: going-home screens. %(phone)s is PERKESO's careline. USSD: ≤ 75 chars.
ASK_DETAILS = N_("Ask PERKESO for the details: careline %(phone)s.")


def _parameter(name: str, ctx: Context) -> ParameterValue | None:
    try:
        return value_at(name, ctx.today)
    except (KeyError, ParameterNotInForce):
        return None


START = Menu(
    id=GOING_HOME,
    prompt=(
        # TRANSLATORS: first screen of the going-home branch. USSD: ≤ 75 chars.
        Text(N_("Your PERKESO claim does not end when you go home.")),
        # TRANSLATORS: question. USSD: ≤ 40 chars.
        Text(N_("Where are you now?")),
    ),
    choices=(
        # TRANSLATORS: option. USSD: ≤ 30 chars.
        Choice("going", Text(N_("In Malaysia, going home soon")), TOPICS,
               {"event.returned_home": False}),
        # TRANSLATORS: option. USSD: ≤ 30 chars.
        Choice("home", Text(N_("Back in my home country")), TOPICS,
               {"event.returned_home": True}),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class TopicsMenu(Menu):
    """The going-home topics; "help in my home country" skips the country question when
    the worker has already said where home is."""

    def edges(self) -> Iterable[tuple[str, str]]:
        return [
            (MEDICAL_BOARD, "medical_board"),
            (PAYMENT, "payment"),
            (COUNTRY, "partner"),
            (AGENCY, "partner"),
            (MENU, "menu"),
        ]


def _topics(conv: Conversation, ctx: Context) -> tuple[Choice, ...]:
    partner = AGENCY if conv.fact("worker.home_country") is not None else COUNTRY
    return (
        # TRANSLATORS: option: the Online Medical Board. USSD: ≤ 30 chars.
        Choice("medical_board", Text(N_("Medical Board from home")), MEDICAL_BOARD),
        # TRANSLATORS: option: being paid with no Malaysian bank account. USSD: ≤ 30 chars.
        Choice("payment", Text(N_("Getting paid with no bank")), PAYMENT),
        # TRANSLATORS: option: the partner agency in the home country. USSD: ≤ 30 chars.
        Choice("partner", Text(N_("Help in my home country")), partner),
        to_menu(),
    )


TOPICS_MENU = TopicsMenu(
    id=TOPICS,
    # TRANSLATORS: going-home menu. USSD: ≤ 40 chars.
    prompt=(Text(N_("What do you need to know?")),),
    choices=_topics,
)


def _source(found: ParameterValue) -> Text:
    return Text(SOURCE, {"source": found.reference})


def _medical_board_body(conv: Conversation, ctx: Context) -> tuple[Text, ...]:
    found = _parameter("going_home.online_medical_board", ctx)
    if found is None or not found.flag:
        return (Text(ASK_DETAILS, {"phone": CARELINE}),)
    return (
        Text(
            # TRANSLATORS: going-home screen (PERKESO's Online Medical Board).
            N_(
                "PERKESO has said its Medical Board can check workers online after they go "
                "home, for a serious and visible permanent disability."
            ),
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("PERKESO: online Medical Board checks for serious disability, from home."),
        ),
        # TRANSLATORS: going-home screen. USSD: ≤ 75 chars.
        Text(N_("Ask PERKESO before you leave if you can use it.")),
        Text(ASK_DETAILS, {"phone": CARELINE}),
        _source(found),
    )


def _payment_body(conv: Conversation, ctx: Context) -> tuple[Text, ...]:
    found = _parameter("going_home.merchantrade_ewallet", ctx)
    if found is None or not found.flag:
        return (Text(ASK_DETAILS, {"phone": CARELINE}),)
    return (
        Text(
            # TRANSLATORS: going-home screen. "Merchantrade" is a company name: keep it.
            N_(
                "No Malaysian bank account? PERKESO has said it can pay foreign workers "
                "into a Merchantrade e-wallet."
            ),
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("No bank account? PERKESO can pay into a Merchantrade e-wallet."),
        ),
        Text(ASK_DETAILS, {"phone": CARELINE}),
        _source(found),
    )


MEDICAL_BOARD_SCREEN = Info(id=MEDICAL_BOARD, body=_medical_board_body, choices=(to_menu(),))
PAYMENT_SCREEN = Info(id=PAYMENT, body=_payment_body, choices=(to_menu(),))

COUNTRY_SLOT = Slot(
    id=COUNTRY,
    path="worker.home_country",
    # TRANSLATORS: question. USSD: ≤ 40 chars.
    prompt=(Text(N_("Which is your home country?")),),
    choices=country_choices(AGENCY),
    dont_know=False,
    goto=AGENCY,
)

_COUNTRY_NAMES: Final = dict(COUNTRIES)


def _agency_body(conv: Conversation, ctx: Context) -> tuple[Text, ...]:
    code = conv.fact("worker.home_country")
    found = _parameter(f"partner_agencies.{code}", ctx) if isinstance(code, str) else None
    if found is None:
        return (
            Text(
                # TRANSLATORS: going-home screen, when kawan knows no partner agency.
                N_(
                    "kawan knows of no agreement between PERKESO and your country's social "
                    "security office. Ask your embassy and PERKESO."
                ),
                # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
                short=N_("No partner office known for your country. Ask your embassy."),
            ),
            Text(ASK_DETAILS, {"phone": CARELINE}),
        )
    agency = found.mapping
    country = _COUNTRY_NAMES.get(str(code))
    lines = [
        Text(
            # TRANSLATORS: going-home screen. %(agency)s is an agency's own name (keep it),
            # %(country)s a country. USSD: ≤ 75 chars with the names.
            N_("PERKESO works with %(agency)s in %(country)s."),
            {
                "agency": agency.get("agency", ""),
                "country": Text(country) if country else agency.get("country", ""),
            },
        )
    ]
    if agency.get("contact"):
        # TRANSLATORS: going-home screen. %(contact)s is a phone number or web address.
        # USSD: ≤ 75 chars.
        lines.append(Text(N_("Contact: %(contact)s"), {"contact": agency["contact"]}))
    lines.append(Text(ASK_DETAILS, {"phone": CARELINE}))
    lines.append(_source(found))
    return tuple(lines)


AGENCY_SCREEN = Info(id=AGENCY, body=_agency_body, choices=(to_menu(),))

NODES: tuple[Node, ...] = (
    START,
    TOPICS_MENU,
    MEDICAL_BOARD_SCREEN,
    PAYMENT_SCREEN,
    COUNTRY_SLOT,
    AGENCY_SCREEN,
)
