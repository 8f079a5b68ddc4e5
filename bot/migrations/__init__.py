"""Alembic migrations for kawan's store, run programmatically by ``bot.store``."""
