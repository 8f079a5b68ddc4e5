"""What only the Telegram bot says: its commands, privacy note and delete confirmation.

Everything else a worker reads on Telegram comes from the dialog flows, exactly as on
USSD. These sentences are marked with :func:`~eligibility.text.N_` and translated at the
edge with the worker's :class:`~dialogs.i18n.Translator`, like every other string.
Command names (``/start`` …) stay in Latin letters in every language: Telegram only
accepts ``a-z``, ``0-9`` and ``_`` in a command.
"""

from __future__ import annotations

from typing import Final

from dialogs.reply import Text
from eligibility.text import N_

# -- the command menu (Telegram's "/" list; set with setMyCommands per language) ------

COMMANDS: Final[tuple[tuple[str, str], ...]] = (
    # TRANSLATORS: Telegram command menu, beside "/start". At most 256 characters.
    ("start", N_("Start, or continue where you left off")),
    # TRANSLATORS: Telegram command menu, beside "/language". At most 256 characters.
    ("language", N_("Change the language")),
    # TRANSLATORS: Telegram command menu, beside "/help". At most 256 characters.
    ("help", N_("Help, contacts and commands")),
    # TRANSLATORS: Telegram command menu, beside "/restart". At most 256 characters.
    ("restart", N_("Start again from the main menu")),
    # TRANSLATORS: Telegram command menu, beside "/privacy". At most 256 characters.
    ("privacy", N_("What kawan keeps about you, and for how long")),
    # TRANSLATORS: Telegram command menu, beside "/delete". At most 256 characters.
    ("delete", N_("Delete everything kawan keeps about you")),
)
"""(command, description) in the order Telegram lists them."""

# -- /help ------------------------------------------------------------------------------

# TRANSLATORS: Telegram, answer to /help, before the help screen. Keep every "/word" exactly
# as it is: they are commands. One command per line.
HELP_COMMANDS: Final = N_(
    "Press a button, or type the number of an option. You can also send:\n"
    "/start – start, or continue where you left off\n"
    "/language – change the language\n"
    "/restart – start again from the main menu (your answers are cleared)\n"
    "/privacy – what kawan keeps about you\n"
    "/delete – delete everything kawan keeps about you"
)

# -- /privacy ---------------------------------------------------------------------------

# TRANSLATORS: Telegram, answer to /privacy, first paragraph.
PRIVACY_KEPT: Final = N_(
    "kawan keeps only what it needs to continue your conversation: your answers, your "
    "language and your last result. They are filed under a code made from your Telegram "
    "account, not under your account number itself. kawan does not keep your name, phone "
    "number or passport number, and never writes your messages to its logs."
)
# TRANSLATORS: Telegram, answer to /privacy, last paragraph. Keep "/delete" as it is.
PRIVACY_DELETE: Final = N_(
    "To delete everything now, send /delete. Telegram keeps this chat on your phone until "
    "you delete the chat yourself."
)

# -- /delete ----------------------------------------------------------------------------

# TRANSLATORS: Telegram, answer to /delete, after the data is gone. Keep "/start" as it is.
DELETED: Final = N_(
    "Deleted: your answers, your language and your last result. kawan keeps nothing more "
    "about you. To remove the messages from this phone too, delete this chat in Telegram. "
    "Send /start to begin again."
)

# -- hints above the current screen -----------------------------------------------------

# TRANSLATORS: Telegram, hint above the current screen when a worker sends a photo, a
# sticker or a voice message.
UNREADABLE: Final = N_("kawan can only read text. Please press a button or type your answer.")
# TRANSLATORS: Telegram, hint above the current screen after an unknown "/command". Keep
# every "/word" as it is.
UNKNOWN_COMMAND: Final = N_(
    "kawan does not know that command. Try /start, /language, /help, /restart, /privacy or /delete."
)
# TRANSLATORS: Telegram, a short pop-up when a worker presses a button on an older message
# whose question is no longer on screen. At most 200 characters.
STALE_BUTTON: Final = N_("That button belongs to an earlier question. Here is where you are now.")


def ngettext(singular: str, plural: str, count: int) -> Text:
    """Mark a singular/plural pair for extraction (``kawan i18n extract`` knows the
    ``ngettext`` keyword) and keep it as a :class:`Text`, translated later with the plural
    rule of the worker's language."""
    return Text(singular, plural=plural, count=count)


def privacy_note(retention_days: int) -> tuple[Text, ...]:
    """The paragraphs of ``/privacy``, with the configured retention period."""
    return (
        Text(PRIVACY_KEPT),
        # TRANSLATORS: Telegram, answer to /privacy, second paragraph. %(count)s is the
        # number of days (KAWAN_RETENTION_DAYS).
        ngettext(
            "Everything is deleted %(count)s day after your last message.",
            "Everything is deleted %(count)s days after your last message.",
            retention_days,
        ),
        Text(PRIVACY_DELETE),
    )
