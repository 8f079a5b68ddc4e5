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


class KeyedHasher:
    """HMAC-SHA256 under one secret, with the key schedule done once (it would otherwise
    cost more than the rest of hashing, on every turn)."""

    __slots__ = ("_base",)

    def __init__(self, secret: bytes) -> None:
        self._base = hmac.new(secret, digestmod=hashlib.sha256)

    def __call__(self, value: str, *, purpose: str = USER) -> str:
        """The hex digest of ``value``, separated by ``purpose`` so a user id and a USSD
        session id with the same characters never share a hash.

        Examples:
            >>> hasher = KeyedHasher(b"k")
            >>> hasher("+60123456789") == hasher(" +60123456789 ")
            True
            >>> len(hasher("42")), hasher("42") != hasher("42", purpose=SESSION)
            (64, True)
            >>> hasher("42") == keyed_hash(b"k", "42")
            True
        """
        mac = self._base.copy()
        mac.update(f"{purpose}\x00{value.strip()}".encode())
        return mac.hexdigest()


def keyed_hash(secret: bytes, value: str, *, purpose: str = USER) -> str:
    """The keyed hash of one ``value`` (see :class:`KeyedHasher`)."""
    return KeyedHasher(secret)(value, purpose=purpose)
