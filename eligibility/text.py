"""Marking English text for translation without translating it here.

``eligibility`` and ``dialogs`` stay free of I/O and of any locale: they only *mark*
English sentences with :func:`N_` so that ``pybabel extract`` finds them (with the
``# TRANSLATORS:`` comment on the line above), and channels translate them at the edge.
The English sentence is the gettext msgid, so a string missing in a catalogue falls back
to English, never to a key (contract.md section 1).
"""

from __future__ import annotations


def N_(message: str) -> str:  # N_, not n_: the gettext convention
    """Mark ``message`` for extraction; return it unchanged.

    Examples:
        >>> N_("Temporary disablement benefit")
        'Temporary disablement benefit'
    """
    return message
