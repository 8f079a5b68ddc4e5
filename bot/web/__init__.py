"""The web simulator NGO staff open on a laptop or projector (``GET /``).

A phone-shaped USSD screen and a chat view side by side. The phone posts to the real
``POST /ussd`` gateway callback; the chat view posts to ``POST /web/chat``. Both run the
one turn service and the one renderer: the page holds no flow of its own.
"""
