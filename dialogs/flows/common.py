"""Screens every conversation shares: language, main menu, help, resume, erased."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.conversation import Conversation
from dialogs.engine import ERASED, HELP, LANG_FACT, LANGUAGE, MENU, RESUME
from dialogs.i18n import LANGUAGES
from dialogs.nodes import Choice, Context, Info, Menu, Node, Outcome
from dialogs.reply import Option, Reply, Text
from eligibility.text import N_

CARELINE = "1-300-22-8000"
"""PERKESO's careline (rules file §11, HIGH)."""

# Entry screens of each branch; each branch module defines a node with this id.
INJURY = "injury.start"
DISEASE = "disease.start"
INVALIDITY = "invalidity.start"
DEATH = "death.start"
COVERAGE = "coverage.start"
GOING_HOME = "home.start"
EMPLOYER = "employer.start"
LAST_RESULT = "summary.last"

LANGUAGE_MENU = Menu(
    id=LANGUAGE,
    # The language menu is shown before a language is known: each name in its own script.
    prompt=(Text.verbatim("Choose your language / Pilih bahasa"),),
    choices=tuple(
        Choice(code, Text.verbatim(name), MENU, {LANG_FACT: code})
        for code, name in LANGUAGES.items()
    ),
    back=False,
)

MAIN_MENU = Menu(
    id=MENU,
    prompt=(
        # TRANSLATORS: main menu title, first screen after the language. USSD: ≤ 45 chars.
        Text(N_("kawan: your PERKESO rights. What happened?")),
    ),
    choices=(
        # TRANSLATORS: main menu option: an accident at work or on the way to work.
        # USSD: ≤ 30 chars.
        Choice("injury", Text(N_("Hurt at work or on the way")), INJURY),
        # TRANSLATORS: main menu option. USSD: ≤ 30 chars.
        Choice("disease", Text(N_("An illness caused by my work")), DISEASE),
        # TRANSLATORS: main menu option: a long illness or disability not caused by work.
        # USSD: ≤ 30 chars.
        Choice("invalidity", Text(N_("I can no longer work (illness)")), INVALIDITY),
        # TRANSLATORS: main menu option, for the family or a friend. USSD: ≤ 30 chars.
        Choice("death", Text(N_("A worker has died")), DEATH),
        # TRANSLATORS: main menu option. USSD: ≤ 30 chars.
        Choice("coverage", Text(N_("What am I covered for?")), COVERAGE),
        # TRANSLATORS: main menu option. USSD: ≤ 30 chars.
        Choice("going_home", Text(N_("I have gone or am going home")), GOING_HOME),
        # TRANSLATORS: main menu option: the employer did not register the worker, does not
        # pay contributions or will not report an accident. USSD: ≤ 30 chars.
        Choice("employer", Text(N_("A problem with my employer")), EMPLOYER),
        # TRANSLATORS: main menu option: show the last summary again. USSD: ≤ 30 chars.
        Choice("last_result", Text(N_("My last result")), LAST_RESULT),
        # TRANSLATORS: main menu option. USSD: ≤ 30 chars.
        Choice("help", Text(N_("Help and contacts")), HELP),
        # TRANSLATORS: main menu option: deletes everything at once (shared phone).
        # USSD: ≤ 30 chars.
        Choice("quick_exit", Text(N_("Quick exit (delete all)")), ERASED, erase=True),
    ),
    back=False,
)


def _help_body(conv: Conversation, ctx: Context) -> tuple[Text, ...]:
    body = [
        # TRANSLATORS: help screen. %(phone)s is PERKESO's careline number. USSD: ≤ 75 chars.
        Text(N_("PERKESO careline: %(phone)s (Mon-Fri, 8am-5pm)."), {"phone": CARELINE}),
        Text(
            # TRANSLATORS: help screen, chat form. Keep "PERKESO" as is.
            N_(
                "You can also go to any PERKESO office with your passport. "
                "kawan gives information only; PERKESO decides every claim."
            ),
            # TRANSLATORS: help screen, USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("Or visit a PERKESO office with your passport."),
        ),
    ]
    if ctx.ngo_contact:
        body.append(
            # TRANSLATORS: help screen. %(contact)s is the NGO's phone number or name.
            # USSD: ≤ 60 chars.
            Text(N_("Help from a workers' NGO: %(contact)s"), {"contact": ctx.ngo_contact})
        )
    return tuple(body)


HELP_SCREEN = Info(
    id=HELP,
    body=_help_body,
    choices=(
        # TRANSLATORS: option that returns to the main menu. USSD: ≤ 20 chars.
        Choice("menu", Text(N_("Main menu")), MENU),
    ),
)


@dataclass(frozen=True)
class Resume(Node):
    """Asked when a worker comes back in the middle of a flow."""

    id: str = RESUME

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        return Reply(
            # TRANSLATORS: first screen for a returning worker. USSD: ≤ 50 chars.
            body=(Text(N_("Welcome back. Continue where you left off?")),),
            options=(
                # TRANSLATORS: option on the welcome-back screen. USSD: ≤ 20 chars.
                Option("1", "continue", Text(N_("Continue"))),
                # TRANSLATORS: option on the welcome-back screen. USSD: ≤ 20 chars.
                Option("2", "restart", Text(N_("Start again"))),
            ),
            back=False,
            screen=self.id,
        )

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        if text in ("1", "continue"):
            return Outcome(goto=conv.resume_node or MENU, remember=False)
        if text in ("2", "restart"):
            return Outcome(goto=MENU, reset=True, remember=False)
        # TRANSLATORS: hint on the welcome-back screen. USSD: ≤ 30 chars.
        return Outcome(goto=None, hint=Text(N_("Please type 1 or 2.")))


ERASED_SCREEN = Info(
    id=ERASED,
    body=(
        # TRANSLATORS: shown after quick exit / delete. USSD: ≤ 75 chars.
        Text(N_("Your answers have been deleted. Nothing is kept on this phone by kawan.")),
    ),
    end=True,
)

NODES: tuple[Node, ...] = (LANGUAGE_MENU, MAIN_MENU, HELP_SCREEN, Resume(), ERASED_SCREEN)
