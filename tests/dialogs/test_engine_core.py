"""The engine core: language first, then the main menu; navigation never loses the worker."""

from datetime import date

from dialogs.engine import begin, step
from dialogs.flows import FLOW
from dialogs.i18n import get_translator
from dialogs.nodes import Context
from dialogs.render import UssdBudget, render_ussd

CTX = Context(today=date(2026, 11, 23))


def test_a_new_worker_is_first_asked_for_their_language_in_its_own_script() -> None:
    _conv, reply = begin(None, CTX, FLOW)
    labels = [o.label.msgid for o in reply.options]
    assert reply.screen == "language"
    assert "বাংলা" in labels and "नेपाली" in labels and "اردو" in labels


def test_unknown_input_reasks_the_same_screen_with_a_hint() -> None:
    conv, _ = begin(None, CTX, FLOW)
    conv, reply = step(conv, "1", CTX, FLOW)
    conv, again = step(conv, "hello 👋", CTX, FLOW)
    assert again.screen == reply.screen == "menu"
    assert again.hint is not None


def test_every_ussd_page_of_the_language_menu_fits_the_ucs2_budget() -> None:
    _, reply = begin(None, CTX, FLOW)
    pages = render_ussd(reply, get_translator("en")).pages
    assert len(pages) > 1
    for page in pages:
        assert len(page.encode("utf-16-le")) // 2 <= 80
    assert UssdBudget().fits("\n".join(pages)) is False


def test_burmese_typed_in_legacy_zawgyi_gets_a_hint_about_the_font() -> None:
    conv, _ = begin(None, CTX, FLOW)
    conv, _ = step(conv, "6", CTX, FLOW)  # မြန်မာ
    zawgyi = "ျမန္မာစာ ေရးပါ"  # "write Burmese" in the legacy Zawgyi encoding
    conv, reply = step(conv, zawgyi, CTX, FLOW)
    assert conv.lang == "my"
    assert reply.hint is not None and "Zawgyi" in reply.hint.msgid


def test_unicode_burmese_that_is_not_an_answer_gets_the_ordinary_hint() -> None:
    conv, _ = begin(None, CTX, FLOW)
    conv, _ = step(conv, "6", CTX, FLOW)
    conv, reply = step(conv, "မြန်မာစာ ရေးပါ", CTX, FLOW)
    assert reply.hint is not None and "Zawgyi" not in reply.hint.msgid
