"""The summary: what each benefit shows, the last result, and the bilingual view."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from flowplay import CTX, TODAY, TRANSCRIPTS, in_language, play, read_transcript
from flowplay import summary_statuses as statuses

from dialogs.case import case_from_facts
from dialogs.i18n import get_translator
from dialogs.nodes import Context
from dialogs.render import render_chat, render_text, render_ussd
from dialogs.reply import Text
from dialogs.summary import AMOUNTS, amount_line
from eligibility import Amount, Per, assess

INJURY = read_transcript(TRANSCRIPTS / "injury_bn.txt")
"""Bengali, hurt at work, ... ending with "show in Malay and English too"."""


def _amounts(texts: tuple[Text, ...]) -> list[Decimal]:
    return [v for t in texts if t.msgid in AMOUNTS.values() for v in t.params.values()
            if isinstance(v, Decimal)]  # fmt: skip


def test_a_bengali_summary_shown_bilingually_has_the_same_benefits_and_amounts_in_malay() -> None:
    played = play(INJURY)
    reply = played.reply
    bn, ms = get_translator("bn"), get_translator("ms")
    text = render_chat(reply, bn).text

    assert reply.screen == "summary.both"
    assert reply.also_in == ("ms", "en")
    assessment = assess(case_from_facts(played.conv.facts, TODAY), TODAY)
    expected = [b.amount.value or b.amount.max for b in assessment.benefits if b.amount]
    assert _amounts(reply.body) == expected
    assert expected, "the scripted injury has an amount to compare"
    for line in reply.body:
        mine, theirs = render_text(line, bn), render_text(line, ms)
        assert mine in text and theirs in text
        assert text.index(mine) <= text.index(theirs)
    for value in expected:
        assert value is not None
        assert bn.money(value) in text
        assert ms.money(value) in text and ms.money(value).startswith("RM")
    assert statuses(reply) == {b.id: b.status for b in assessment.benefits}


def test_estimates_say_about_and_that_perkeso_decides() -> None:
    line = amount_line(Amount(value=Decimal("49.33"), per=Per.DAY, estimate=True))
    ceiling = amount_line(Amount(max=Decimal("3000"), per=Per.ONCE))
    exact = amount_line(Amount(value=Decimal("500"), per=Per.MONTH))
    en = get_translator("en")

    assert line is not None and ceiling is not None and exact is not None
    assert render_text(line, en) == "About RM49.33 a day; PERKESO decides the final amount."
    assert render_text(ceiling, en) == "Up to RM3,000.00, paid once."
    assert render_text(exact, en) == "RM500.00 a month."


def test_my_last_result_shows_the_same_summary_later_without_a_question() -> None:
    done = play(in_language("en", *read_transcript(TRANSCRIPTS / "injury_en.txt")[1:-1]))
    assert done.reply.screen == "summary"
    stored = done.conv.last_result
    assert stored is not None and stored["as_of"] == TODAY.isoformat()

    next_week = Context(today=TODAY + timedelta(days=7))
    later = done.then("00", "8", ctx=next_week)

    assert later.reply.screen == "summary.last"
    assert statuses(later.reply) == statuses(done.reply)
    assert later.reply.body[0].msgid.startswith("Your last result")
    assert [r.screen for r in later.replies[len(done.replies):]] == ["menu", "summary.last"]


def test_the_last_result_survives_starting_a_new_case() -> None:
    done = play(in_language("en", *read_transcript(TRANSCRIPTS / "injury_en.txt")[1:-1]))
    other = done.then("00", "4", "4")  # a worker died: a different case, answers forgotten
    assert other.conv.fact("event.medical_leave_days") is None
    assert other.then("00", "8").reply.screen == "summary.last"
    assert statuses(other.then("00", "8").reply) == statuses(done.reply)


def test_my_last_result_with_none_saved_says_so_and_offers_the_menu() -> None:
    played = play(in_language("en", "8"))
    text = render_chat(played.reply, get_translator("en")).text
    assert "no saved result yet" in text
    assert [o.id for o in played.reply.options] == ["menu"]


def test_a_deadline_from_an_approximate_date_says_so() -> None:
    approximate = play(in_language("en", "1", "1", "1", "2", "2", "12", "2"))
    exact = play(in_language("en", "1", "1", "1", "4", "20-11-2026", "2", "12", "2"))
    note = "That date is approximate, like the date you gave."

    assert note in render_chat(approximate.reply, get_translator("en")).text
    assert note not in render_chat(exact.reply, get_translator("en")).text


def test_a_deadline_already_passed_tells_the_worker_to_ask_perkeso() -> None:
    played = play(in_language("en", "1", "1", "1", "4", "10-03-2026", "2", "12", "2"))
    text = render_chat(played.reply, get_translator("en")).text
    assert "That date has passed. Ask PERKESO what you can still do." in text


def test_the_summary_closes_with_what_kawan_does_not_assess_and_the_careline() -> None:
    played = play(in_language("en", *read_transcript(TRANSCRIPTS / "death_en.txt")[1:]))
    last_two = [t.msgid for t in played.reply.body[-2:]]
    assert "that is not a no" in last_two[0]
    assert played.reply.body[-1].params["phone"] == "1-300-22-8000"


def test_the_ngo_contact_closes_the_summary_when_configured() -> None:
    ctx = Context(today=TODAY, ngo_contact="Tenaganita 03-7770 3671")
    played = play(in_language("en", *read_transcript(TRANSCRIPTS / "death_en.txt")[1:]), ctx=ctx)
    assert "Tenaganita 03-7770 3671" in render_chat(played.reply, get_translator("en")).text


def test_every_ussd_page_of_a_bengali_summary_fits_the_screen() -> None:
    played = play(INJURY[:-1])
    pages = render_ussd(played.reply, get_translator("bn")).pages
    assert played.reply.screen == "summary"
    assert len(pages) > 1
    for page in pages:
        assert len(page.encode("utf-16-le")) // 2 <= 80


def test_a_summary_made_before_today_is_headed_as_the_last_result() -> None:
    played = play(in_language("en", "3", "1", "1", "1", "45", "43", "26", "24", "2"))
    assert played.reply.body[0].msgid.startswith("What PERKESO is likely to pay")
    again = played.then("00", "8", ctx=Context(today=CTX.today + timedelta(days=1)))
    assert again.reply.body[0].params["date"] == TODAY
