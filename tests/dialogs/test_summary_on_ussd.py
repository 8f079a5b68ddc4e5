"""On USSD the summary stays short; each benefit's reasons and claim steps are one number away."""

from datetime import date

from dialogs.engine import begin, step
from dialogs.flows import FLOW
from dialogs.i18n import get_translator
from dialogs.nodes import Context
from dialogs.render import render_chat, render_ussd

TODAY = date(2026, 11, 23)
# English; hurt at work; continue; last month; wage RM1,700-2,000; 12 days of MC; not assessed
INJURY = ["1", "1", "1", "1", "3", "2", "12", "2"]


def _ctx() -> Context:
    return Context(
        today=TODAY, pages=lambda reply, lang: len(render_ussd(reply, get_translator(lang)).pages)
    )


def _summary():  # type: ignore[no-untyped-def]
    ctx = _ctx()
    conv, reply = begin(None, ctx, FLOW)
    for key in INJURY:
        conv, reply = step(conv, key, ctx, FLOW)
    assert reply.screen == "summary"
    return conv, reply, ctx


def test_the_ussd_summary_shows_status_and_amount_but_leaves_claim_steps_to_their_screen() -> None:
    _, reply, _ = _summary()
    tr = get_translator("en")
    ussd = "\n".join(render_ussd(reply, tr).pages)
    chat = render_chat(reply, tr).text
    assert "Pay while on MC: likely yes." in ussd
    assert "RM49.33" in ussd
    assert "Form 34" not in ussd
    assert "Form 34" in chat  # chat keeps the whole summary in one message


def test_a_benefit_number_opens_its_reasons_and_claim_steps_on_ussd() -> None:
    conv, reply, ctx = _summary()
    tdb = next(o for o in reply.options if o.id == "benefit.temporary_disablement")
    conv, detail = step(conv, tdb.key, ctx, FLOW)
    text = "\n".join(render_ussd(detail, get_translator("en")).pages)
    assert detail.screen == "summary.detail"
    assert "80%" in text and "RM49.33" in text
    assert "Form 34" in text
    conv, back = step(conv, "0", ctx, FLOW)
    assert back.screen == "summary"


def test_how_to_claim_lists_every_step_once_with_its_deadline() -> None:
    conv, reply, ctx = _summary()
    steps = next(o for o in reply.options if o.id == "summary.steps")
    _, screen = step(conv, steps.key, ctx, FLOW)
    text = "\n".join(render_ussd(screen, get_translator("en")).pages)
    assert text.count("Form 34 (Borang 34)") == 1
    assert "1-300-22-8000" in text


def test_the_first_two_summary_keys_are_always_both_languages_and_the_main_menu() -> None:
    _, reply, _ = _summary()
    assert [o.id for o in reply.options[:2]] == ["summary.both", "menu"]
