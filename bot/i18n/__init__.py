"""The translator workflow behind ``kawan i18n`` (contract.md section 5).

``catalogues`` extracts the template and keeps the 13 catalogues in step with it,
``checks`` finds what a translator must fix before workers see it, ``stats`` and
``preview`` show progress and every screen in context. ``bot.i18n_tools`` wires them to
the command line.
"""
