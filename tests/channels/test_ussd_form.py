"""The USSD callback reads a gateway's form exactly as Starlette's own form parser does.

``kawan serve`` answers the gateway's URL-encoded hop without building a Starlette request
(``bot.server.parse_form``); whatever a gateway sends, the fields it reads must be the
ones Starlette would have read, so switching parsers changed no worker's input.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.datastructures import Headers
from starlette.formparsers import FormParser, MultiPartException

from bot.server import MAX_FORM_FIELDS, parse_form

_PIECES = st.sampled_from(
    ["sessionId", "phoneNumber", "text", "=", "&", "&&", "+", "%2A", "%2B", "%20", "%", "%4",
     "%zz", "%E0%A6%B9", "%FF", "*", "1", "98", "é", "হ", " ", "\x00", ";"]
)  # fmt: skip


def _starlette(body: bytes) -> dict[str, str]:
    async def stream() -> AsyncIterator[bytes]:
        yield body

    async def parse() -> dict[str, str]:
        headers = Headers({"content-type": "application/x-www-form-urlencoded"})
        form = await FormParser(headers, stream(), max_fields=MAX_FORM_FIELDS).parse()
        return {name: str(form[name]) for name in form}

    return asyncio.run(parse())


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_every_form_a_gateway_may_send_reads_as_starlette_reads_it(text: str) -> None:
    body = text.encode("utf-8")
    try:
        expected = _starlette(body)
    except MultiPartException:
        with pytest.raises(ValueError):
            parse_form(body)
        return
    assert parse_form(body) == expected


def test_a_typical_hop_keeps_its_stars_and_the_plus_of_the_number() -> None:
    body = b"sessionId=ATUid_1&serviceCode=%2A384%2A55%23&phoneNumber=%2B60191234567&text=3%2A98"
    form = parse_form(body)
    assert form == _starlette(body)
    assert form["phoneNumber"] == "+60191234567"
    assert form["text"] == "3*98"


def test_a_form_with_more_fields_than_a_gateway_sends_is_refused() -> None:
    body = "&".join(f"f{i}=1" for i in range(MAX_FORM_FIELDS + 1)).encode()
    with pytest.raises(ValueError):
        parse_form(body)
