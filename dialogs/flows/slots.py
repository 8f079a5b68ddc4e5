"""The questions (slots) the eligibility engine can ask for, one per case path.

A branch records what it knows from its own menu choices (``event.kind``,
``event.death``, ``worker.foreign_worker``) and then goes to ``NEXT``:
:func:`dialogs.flows.resolve_next` asks :func:`eligibility.assess` what is still missing
and shows the first slot, in :data:`INTERVIEW_ORDER`, that the worker has not been asked
yet. So each branch asks only what decides a benefit, and a worker who comes back never
answers twice.

Choices are preferred to typing: wage bands (:data:`WAGE_BANDS`), the date as "this week
/ earlier this month / last month / type it" (:class:`~dialogs.flows.kinds.DateSlot`), the
Medical Board's percentage only if the Board has assessed it, and dependants as a short
loop (husband or wife, children under 21, parents). Typed answers are digits; ``#`` is "I
don't know" and records ``null`` so the slot is never asked again.

Every prompt is worded for the worker, and again for the family of a worker who died.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Final

from pydantic import JsonValue

from dialogs.case import CHILD_AGES, CHILDREN, MAX_CHILDREN, PARENTS, SPOUSE
from dialogs.conversation import Conversation
from dialogs.flows.kinds import NO, YES, DateSlot, Slot, TypedDate
from dialogs.nodes import (
    DONT_KNOW,
    DONT_KNOW_KEY,
    NEXT,
    Choice,
    Context,
    Node,
    Outcome,
    Question,
    parse_value,
)
from dialogs.reply import InputKind, Option, Reply, Text
from eligibility.text import N_

# -- the date -------------------------------------------------------------------------------

EVENT_DATE = DateSlot(
    id="slot.date",
    path="event.date",
    typed="slot.date.typed",
    prompts=(
        # TRANSLATORS: question, injury branch. USSD: ≤ 40 chars.
        ("work_accident", (Text(N_("When did the accident happen?")),)),
        ("commuting_accident", (Text(N_("When did the accident happen?")),)),
        # TRANSLATORS: question, illness caused by work. USSD: ≤ 60 chars.
        ("occupational_disease", (Text(N_("When did a doctor first find this illness?")),)),
        # TRANSLATORS: question, long illness or disability. USSD: ≤ 60 chars.
        ("invalidity", (Text(N_("When did the illness stop you from working?")),)),
        # TRANSLATORS: question to the family of a worker who died. USSD: ≤ 40 chars.
        ("death", (Text(N_("When did the worker die?")),)),
    ),
    # TRANSLATORS: question about the date of the event, when its kind is unknown.
    # USSD: ≤ 40 chars.
    default_prompt=(Text(N_("When did it happen?")),),
)

EVENT_DATE_TYPED = TypedDate(
    id="slot.date.typed",
    path="event.date",
    prompt=(
        Text(
            # TRANSLATORS: typed date question (chat); keep the digit pattern. ≤ 75 chars.
            N_("Type the date as day-month-year, for example 10-03-2025."),
            # TRANSLATORS: USSD form: a keypad has only digits, * and #, so the parts of the
            # date are separated by *. Keep 10*03*2025 as is. USSD: ≤ 60 chars.
            short=N_("Type the date as day*month*year, for example 10*03*2025."),
        ),
    ),
)

# -- wages ----------------------------------------------------------------------------------

WAGE_BANDS: Final[Mapping[str, Decimal]] = MappingProxyType(
    {
        "below_1700": Decimal("1600.00"),
        "1700_2000": Decimal("1850.00"),
        "2000_3000": Decimal("2500.00"),
    }
)
"""The monthly wage each band records: the middle of the band. "Below RM1,700" is taken as
RM1,500 (the minimum wage until January 2025) to RM1,700, so RM1,600. Every amount that
rests on a wage is an estimate in the summary ("about RM…"); above RM3,000 the band is too
wide to guess, so the worker types the amount."""


def wage_choices(goto: str, typed: str) -> tuple[Choice, ...]:
    """The wage bands (each records ``wages.average_monthly_wage``), then "type it"."""
    return (
        # TRANSLATORS: wage band option. Keep "RM". USSD: ≤ 30 chars.
        Choice("below_1700", Text(N_("Below RM1,700")), goto,
               {"wages.average_monthly_wage": str(WAGE_BANDS["below_1700"])}),
        # TRANSLATORS: wage band option. Keep "RM". USSD: ≤ 30 chars.
        Choice("1700_2000", Text(N_("RM1,700 to RM2,000")), goto,
               {"wages.average_monthly_wage": str(WAGE_BANDS["1700_2000"])}),
        # TRANSLATORS: wage band option. Keep "RM". USSD: ≤ 30 chars.
        Choice("2000_3000", Text(N_("RM2,000 to RM3,000")), goto,
               {"wages.average_monthly_wage": str(WAGE_BANDS["2000_3000"])}),
        # TRANSLATORS: wage option: the next screen asks to type the amount. USSD: ≤ 30 chars.
        Choice("type", Text(N_("More, or type the amount")), typed, {"flow.wage_typed": True}),
    )  # fmt: skip


# TRANSLATORS: question about the worker's monthly wage before the accident or illness.
# USSD: ≤ 60 chars.
WAGE_QUESTION = N_("About how much did you earn a month before this?")
# TRANSLATORS: typed wage question. USSD: ≤ 75 chars.
WAGE_TYPED_QUESTION = N_("Type your usual monthly wage in ringgit, for example 3500.")

WAGE = Slot(
    id="slot.wage",
    path="wages.average_monthly_wage",
    prompt=(Text(WAGE_QUESTION),),
    # TRANSLATORS: the same question, to the family of a worker who died. USSD: ≤ 60 chars.
    about_deceased=(Text(N_("About how much did the worker earn a month?")),),
    choices=wage_choices(NEXT, "slot.wage.typed"),
)

WAGE_TYPED = Slot(
    id="slot.wage.typed",
    path="wages.average_monthly_wage",
    kind=InputKind.MONEY,
    prompt=(Text(WAGE_TYPED_QUESTION),),
    about_deceased=(
        # TRANSLATORS: typed wage question, to the family of a worker who died. USSD: ≤ 75.
        Text(N_("Type the worker's usual monthly wage in ringgit, for example 3500.")),
    ),
)

# -- the injury -----------------------------------------------------------------------------

MEDICAL_LEAVE = Slot(
    id="slot.mc_days",
    path="event.medical_leave_days",
    kind=InputKind.NUMBER,
    low=1,
    high=3650,
    prompt=(
        # TRANSLATORS: question; MC is what workers call medical leave ("medical certificate").
        # USSD: ≤ 75 chars.
        Text(N_("How many days of MC (medical leave) in total? Type the number.")),
    ),
)

DISABLEMENT = Slot(
    id="slot.pct",
    path="event.loss_of_earning_capacity_pct",
    prompt=(
        # TRANSLATORS: question: has the PERKESO Medical Board given a percentage of lasting
        # disability? USSD: ≤ 75 chars.
        Text(N_("Has the PERKESO Medical Board given you a disability percentage?")),
    ),
    choices=(
        # TRANSLATORS: option; the next screen asks for the percentage. USSD: ≤ 30 chars.
        Choice("yes", Text(N_("Yes, I will type it")), "slot.pct.typed",
               {"flow.medical_board": True}),
        # TRANSLATORS: option: the Medical Board has not assessed yet. USSD: ≤ 30 chars.
        Choice("not_yet", Text(N_("Not yet")), NEXT,
               {"event.loss_of_earning_capacity_pct": None}),
    ),
)  # fmt: skip

DISABLEMENT_TYPED = Slot(
    id="slot.pct.typed",
    path="event.loss_of_earning_capacity_pct",
    kind=InputKind.NUMBER,
    low=1,
    high=100,
    # TRANSLATORS: typed percentage question. USSD: ≤ 75 chars.
    prompt=(Text(N_("Type the percentage the Medical Board gave, for example 40.")),),
)

ATTENDANCE = Slot(
    id="slot.attendance",
    path="event.needs_constant_attendance",
    prompt=(
        # TRANSLATORS: yes/no question (constant-attendance allowance). USSD: ≤ 75 chars.
        Text(N_("Do you need another person with you all the time, to eat, wash or move?")),
    ),
    choices=(
        Choice("yes", Text(YES), NEXT, {"event.needs_constant_attendance": True}),
        Choice("no", Text(NO), NEXT, {"event.needs_constant_attendance": False}),
    ),
)

RETURNED_HOME = Slot(
    id="slot.returned_home",
    path="event.returned_home",
    # TRANSLATORS: question. USSD: ≤ 40 chars.
    prompt=(Text(N_("Where are you now?")),),
    choices=(
        # TRANSLATORS: option. USSD: ≤ 30 chars.
        Choice("malaysia", Text(N_("In Malaysia")), NEXT, {"event.returned_home": False}),
        # TRANSLATORS: option. USSD: ≤ 30 chars.
        Choice("home", Text(N_("Back in my home country")), NEXT, {"event.returned_home": True}),
    ),
)

DIED_IN_MALAYSIA = Slot(
    id="slot.died_in_malaysia",
    path="event.died_in_malaysia",
    # TRANSLATORS: question to the family of a worker who died. USSD: ≤ 40 chars.
    prompt=(Text(N_("Did the worker die in Malaysia?")),),
    choices=(
        Choice("yes", Text(YES), NEXT, {"event.died_in_malaysia": True}),
        Choice("no", Text(NO), NEXT, {"event.died_in_malaysia": False}),
    ),
)

# -- the worker -----------------------------------------------------------------------------

DOMESTIC = Slot(
    id="slot.domestic",
    path="worker.domestic_worker",
    # TRANSLATORS: yes/no question. USSD: ≤ 75 chars.
    prompt=(Text(N_("Do you work in a home, for example as a maid or carer?")),),
    # TRANSLATORS: yes/no question to the family of a worker who died. USSD: ≤ 75 chars.
    about_deceased=(Text(N_("Did the worker work in a home, for example as a maid?")),),
    choices=(
        Choice("yes", Text(YES), NEXT, {"worker.domestic_worker": True}),
        Choice("no", Text(NO), NEXT, {"worker.domestic_worker": False}),
    ),
)

AGE = Slot(
    id="slot.age",
    path="worker.age",
    kind=InputKind.NUMBER,
    low=14,
    high=100,
    # TRANSLATORS: typed question. USSD: ≤ 40 chars.
    prompt=(Text(N_("How old are you? Type your age.")),),
    # TRANSLATORS: typed question to the family of a worker who died. USSD: ≤ 50 chars.
    about_deceased=(Text(N_("How old was the worker? Type the age.")),),
)

AGE_AT_FIRST_CONTRIBUTION = Slot(
    id="slot.age_first",
    path="worker.age_at_first_contribution",
    kind=InputKind.NUMBER,
    low=14,
    high=100,
    prompt=(
        # TRANSLATORS: typed question about the Invalidity Scheme (foreign workers joined
        # it from July 2024). USSD: ≤ 75 chars.
        Text(N_("How old were you when you first paid into the Invalidity Scheme?")),
    ),
    about_deceased=(
        # TRANSLATORS: the same question, to the family of a worker who died. USSD: ≤ 75 chars.
        Text(N_("How old was the worker when they first paid into the Invalidity Scheme?")),
    ),
)

REGISTERED = Slot(
    id="slot.registered",
    path="worker.registered_by_employer",
    # TRANSLATORS: yes/no question. USSD: ≤ 60 chars.
    prompt=(Text(N_("Did your employer register you with PERKESO?")),),
    # TRANSLATORS: yes/no question to the family of a worker who died. USSD: ≤ 60 chars.
    about_deceased=(Text(N_("Did the employer register the worker with PERKESO?")),),
    choices=(
        Choice("yes", Text(YES), NEXT, {"worker.registered_by_employer": True}),
        Choice("no", Text(NO), NEXT, {"worker.registered_by_employer": False}),
    ),
)

COUNTRIES: Final = (
    # TRANSLATORS: country name, in a menu. USSD: ≤ 30 chars.
    ("BD", N_("Bangladesh")),
    # TRANSLATORS: country name, in a menu. USSD: ≤ 30 chars.
    ("ID", N_("Indonesia")),
    # TRANSLATORS: country name, in a menu. USSD: ≤ 30 chars.
    ("NP", N_("Nepal")),
    # TRANSLATORS: country name, in a menu. USSD: ≤ 30 chars.
    ("MM", N_("Myanmar")),
    # TRANSLATORS: country name, in a menu. USSD: ≤ 30 chars.
    ("IN", N_("India")),
    # TRANSLATORS: country name, in a menu. USSD: ≤ 30 chars.
    ("PK", N_("Pakistan")),
    # TRANSLATORS: country name, in a menu. USSD: ≤ 30 chars.
    ("PH", N_("Philippines")),
)
"""The home countries offered (the largest groups PERKESO registers, rules file s.11 and
seed 000), ISO 3166-1 codes; any other country is "Another country" (recorded ``null``)."""


def country_choices(goto: str) -> tuple[Choice, ...]:
    """The home-country options, each recording ``worker.home_country``."""
    return (
        *(
            Choice(code, Text(name), goto, {"worker.home_country": code})
            for code, name in COUNTRIES
        ),
        # TRANSLATORS: last option of the home-country menu. USSD: ≤ 30 chars.
        Choice("other", Text(N_("Another country")), goto, {"worker.home_country": None}),
    )


HOME_COUNTRY = Slot(
    id="slot.country",
    path="worker.home_country",
    # TRANSLATORS: question. USSD: ≤ 40 chars.
    prompt=(Text(N_("Which is your home country?")),),
    # TRANSLATORS: question to the family of a worker who died. USSD: ≤ 50 chars.
    about_deceased=(Text(N_("Which was the worker's home country?")),),
    choices=country_choices(NEXT),
    dont_know=False,
)

# -- contributions --------------------------------------------------------------------------

INVALIDITY_MONTHS = Slot(
    id="slot.is_months",
    path="contributions.invalidity_months_paid",
    kind=InputKind.NUMBER,
    low=1,
    high=600,
    prompt=(
        # TRANSLATORS: typed question; foreign workers pay into the Invalidity Scheme since
        # July 2024. USSD: ≤ 75 chars.
        Text(N_("How many months have you paid into the Invalidity Scheme (since July 2024)?")),
    ),
    about_deceased=(
        Text(
            # TRANSLATORS: the same question, to the family of a worker who died.
            N_("How many months did the worker pay into the Invalidity Scheme (since July 2024)?"),
            # TRANSLATORS: USSD form of the question above. USSD: ≤ 75 chars.
            short=N_("Months the worker paid into the Invalidity Scheme?"),
        ),
    ),
)

INVALIDITY_MONTHS_IN_LAST_40 = Slot(
    id="slot.is_months_40",
    path="contributions.invalidity_months_in_last_40",
    kind=InputKind.NUMBER,
    low=1,
    high=40,
    prompt=(
        # TRANSLATORS: typed question about Invalidity Scheme payments. USSD: ≤ 75 chars.
        Text(N_("How many of those months were in the last 40 months?")),
    ),
)

MONTHS_SINCE_FIRST = Slot(
    id="slot.months_since_first",
    path="contributions.months_since_first_contribution",
    kind=InputKind.NUMBER,
    low=1,
    high=600,
    # TRANSLATORS: typed question. USSD: ≤ 75 chars.
    prompt=(Text(N_("How many months ago did you first pay into PERKESO?")),),
    # TRANSLATORS: typed question to the family of a worker who died. USSD: ≤ 75 chars.
    about_deceased=(Text(N_("How many months ago did the worker first pay into PERKESO?")),),
)

# -- the family (dependants) ----------------------------------------------------------------

SPOUSE_SLOT = Slot(
    id="slot.household.spouse",
    path=SPOUSE,
    # TRANSLATORS: yes/no question about the worker's family. USSD: ≤ 50 chars.
    prompt=(Text(N_("Do you have a husband or wife?")),),
    # TRANSLATORS: yes/no question to the family of a worker who died. USSD: ≤ 50 chars.
    about_deceased=(Text(N_("Did the worker have a husband or wife?")),),
    choices=(
        Choice("yes", Text(YES), "slot.household.children", {SPOUSE: True}),
        Choice("no", Text(NO), "slot.household.children", {SPOUSE: False}),
    ),
    goto="slot.household.children",
)

CHILDREN_SLOT = Slot(
    id="slot.household.children",
    path=CHILDREN,
    # TRANSLATORS: yes/no question. USSD: ≤ 60 chars.
    prompt=(Text(N_("Do you have children under 21 who are not married?")),),
    # TRANSLATORS: yes/no question to the family of a worker who died. USSD: ≤ 60 chars.
    about_deceased=(Text(N_("Did the worker have children under 21, not married?")),),
    choices=(
        Choice("yes", Text(YES), "slot.household.children.count", {CHILD_AGES: []}),
        Choice("no", Text(NO), "slot.household.parents", {CHILDREN: 0}),
    ),
    goto="slot.household.parents",
)

CHILDREN_COUNT = Slot(
    id="slot.household.children.count",
    path=CHILDREN,
    kind=InputKind.NUMBER,
    low=1,
    high=MAX_CHILDREN,
    # TRANSLATORS: typed question. USSD: ≤ 50 chars.
    prompt=(Text(N_("How many children under 21? Type the number.")),),
    goto="slot.household.children.ages",
)


@dataclass(frozen=True)
class ChildAges(Node):
    """Each child's age, one typed question per child ("How old is child 2?"), recorded
    in ``household.child_ages``; ``#`` (I don't know) records ``null`` for that child.
    A baby under one is typed as 1 (``0`` is the Back key): it changes nothing, every
    child asked about is under 21."""

    id: str
    goto: str

    @staticmethod
    def _progress(conv: Conversation) -> tuple[list[JsonValue], int]:
        ages = conv.fact(CHILD_AGES)
        count = conv.fact(CHILDREN)
        done = list(ages) if isinstance(ages, list) else []
        total = count if isinstance(count, int) and not isinstance(count, bool) else 0
        return (done if len(done) < total else []), total

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        done, _ = self._progress(conv)
        return Reply(
            # TRANSLATORS: typed question, once per child. %(number)s is 1, 2, 3…
            # USSD: ≤ 60 chars.
            body=(Text(N_("How old is child %(number)s? Type the age (1 for a baby)."),
                       {"number": len(done) + 1}),),
            options=(Option(DONT_KNOW_KEY, "dont_know", Text(DONT_KNOW)),),
            expects=InputKind.NUMBER,
            screen=self.id,
        )  # fmt: skip

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        done, total = self._progress(conv)
        age: JsonValue = None
        if text not in (DONT_KNOW_KEY, "dont_know"):
            age, hint = parse_value(InputKind.NUMBER, text, ctx.today, 1, 20)
            if hint is not None:
                return Outcome(goto=None, hint=hint)
        ages = [*done, age]
        return Outcome(goto=self.goto if len(ages) >= total else self.id, facts={CHILD_AGES: ages})

    def edges(self) -> Iterable[tuple[str, str]]:
        return [(self.goto, CHILD_AGES), (self.id, CHILD_AGES)]


CHILD_AGES_SLOT = ChildAges(id="slot.household.children.ages", goto="slot.household.parents")

PARENTS_SLOT = Slot(
    id="slot.household.parents",
    path=PARENTS,
    # TRANSLATORS: question. USSD: ≤ 50 chars.
    prompt=(Text(N_("Are your mother and father alive?")),),
    # TRANSLATORS: question to the family of a worker who died. USSD: ≤ 50 chars.
    about_deceased=(Text(N_("Are the worker's mother and father alive?")),),
    choices=(
        # TRANSLATORS: option: both parents are alive. USSD: ≤ 30 chars.
        Choice("both", Text(N_("Both")), NEXT, {PARENTS: 2}),
        # TRANSLATORS: option: one parent is alive. USSD: ≤ 30 chars.
        Choice("one", Text(N_("One of them")), NEXT, {PARENTS: 1}),
        # TRANSLATORS: option: neither parent is alive. USSD: ≤ 30 chars.
        Choice("none", Text(N_("Neither")), NEXT, {PARENTS: 0}),
    ),
)

# -- the map the resolver uses --------------------------------------------------------------

SLOTS: Final[Mapping[str, Node]] = MappingProxyType(
    {
        "event.date": EVENT_DATE,
        "event.returned_home": RETURNED_HOME,
        "event.died_in_malaysia": DIED_IN_MALAYSIA,
        "worker.domestic_worker": DOMESTIC,
        "worker.registered_by_employer": REGISTERED,
        "wages.average_monthly_wage": WAGE,
        "event.medical_leave_days": MEDICAL_LEAVE,
        "event.loss_of_earning_capacity_pct": DISABLEMENT,
        "event.needs_constant_attendance": ATTENDANCE,
        "worker.age": AGE,
        "worker.age_at_first_contribution": AGE_AT_FIRST_CONTRIBUTION,
        "contributions.invalidity_months_paid": INVALIDITY_MONTHS,
        "contributions.invalidity_months_in_last_40": INVALIDITY_MONTHS_IN_LAST_40,
        "contributions.months_since_first_contribution": MONTHS_SINCE_FIRST,
        "dependants": SPOUSE_SLOT,
        "worker.home_country": HOME_COUNTRY,
    }
)
"""The first screen of the slot for each case path the eligibility engine may report
missing, in :data:`INTERVIEW_ORDER`: when the event was, where the worker is, the
employment facts, the wage, the injury, then the contributions and the family."""

INTERVIEW_ORDER: Final = tuple(SLOTS)


def asked_path(path: str) -> str:
    """The fact whose presence in ``Conversation.asked`` means ``path``'s slot was asked.

    For most slots it is the path itself; the dependants loop is asked once its first
    question (husband or wife) was answered.

    Examples:
        >>> asked_path("event.date"), asked_path("dependants")
        ('event.date', 'household.spouse')
    """
    slot = SLOTS.get(path)
    return slot.path if isinstance(slot, Question | DateSlot) else path


NODES: tuple[Node, ...] = (
    EVENT_DATE,
    EVENT_DATE_TYPED,
    WAGE,
    WAGE_TYPED,
    MEDICAL_LEAVE,
    DISABLEMENT,
    DISABLEMENT_TYPED,
    ATTENDANCE,
    RETURNED_HOME,
    DIED_IN_MALAYSIA,
    DOMESTIC,
    AGE,
    AGE_AT_FIRST_CONTRIBUTION,
    REGISTERED,
    HOME_COUNTRY,
    INVALIDITY_MONTHS,
    INVALIDITY_MONTHS_IN_LAST_40,
    MONTHS_SINCE_FIRST,
    SPOUSE_SLOT,
    CHILDREN_SLOT,
    CHILDREN_COUNT,
    CHILD_AGES_SLOT,
    PARENTS_SLOT,
)
