"""All configuration in one place (contract.md section 6), from the environment or `.env`."""

from __future__ import annotations

import secrets
from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """kawan's settings. Every variable is ``KAWAN_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="KAWAN_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite+aiosqlite:///kawan.db",
        description="SQLAlchemy URL; postgresql+psycopg://... in production.",
    )
    id_secret: str | None = Field(
        default=None,
        description="Key for hashing user identifiers; generated once into "
        ".kawan-id-secret for local use, required in production.",
    )
    production: bool = Field(default=False, description="Refuse to start without an id secret.")
    retention_days: int = Field(default=30, ge=1)
    telegram_token: str | None = None
    telegram_secret: str | None = None
    telegram_api_base: str = "https://api.telegram.org/bot"
    ussd_secret: str | None = None
    ussd_gsm7_budget: int = Field(default=182, ge=40)
    ussd_ucs2_budget: int = Field(default=80, ge=20)
    ussd_session_idle_seconds: int = Field(default=180, ge=10)
    chat_session_idle_days: int = Field(default=14, ge=1)
    ngo_contact: str | None = Field(
        default=None, description="The NGO's own help line, shown beside PERKESO's careline."
    )
    default_language: str = "en"
    today: date | None = Field(
        default=None,
        description="Pin the date kawan takes as today (KAWAN_TODAY=2026-11-23), for demos, "
        "transcripts and tests; the real date when unset.",
    )

    def resolved_id_secret(self) -> bytes:
        """The hashing key: the configured one, or a local one created once and kept."""
        if self.id_secret:
            return self.id_secret.encode()
        if self.production:
            raise RuntimeError("KAWAN_ID_SECRET must be set in production.")
        path = Path(".kawan-id-secret")
        if not path.exists():
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return path.read_text().strip().encode()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
