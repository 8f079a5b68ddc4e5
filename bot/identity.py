"""Turning a raw user identifier into the only form kawan keeps: a keyed hash.

A phone number, a Telegram user id or a web simulator id never reaches the database or a
log line. The service hashes it first with HMAC-SHA256 keyed by ``KAWAN_ID_SECRET``
(contract.md section 6), so a copy of the database alone does not reveal who talked to
kawan, and the same person is still recognised when they come back.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Final

USER: Final = "user"
SESSION: Final = "session"


def keyed_hash(secret: bytes, value: str, *, purpose: str = USER) -> str:
    """The hex HMAC-SHA256 of ``value``, separated by ``purpose`` so a user id and a
    USSD session id with the same characters never share a hash.

    Examples:
        >>> keyed_hash(b"k", "+60123456789") == keyed_hash(b"k", " +60123456789 ")
        True
        >>> len(keyed_hash(b"k", "42"))
        64
        >>> keyed_hash(b"k", "42") != keyed_hash(b"k", "42", purpose=SESSION)
        True
    """
    message = f"{purpose}\x00{value.strip()}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()
