"""Errors meant for the person at the keyboard."""

from __future__ import annotations


class UserError(Exception):
    """An error whose message is one clear sentence for the user; ``kawan`` exits 2."""
