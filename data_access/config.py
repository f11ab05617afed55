"""Settings read from the environment, with safe defaults for a laptop."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    load_sample_on_empty: bool
    today_override: date | None = None
    idle_minutes: int = 60

    def today(self) -> date:
        """Today, or the fixed day set by GIAMSAT_TODAY (demos and tests)."""
        return self.today_override or date.today()


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("GIAMSAT_DATA_DIR", DEFAULT_DATA_DIR))
    url = env.get("DATABASE_URL") or _sqlite_url(data_dir / "giamsat.sqlite3")
    # psycopg 3 is the PostgreSQL driver we ship; accept the short scheme people type.
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    load_sample = env.get("GIAMSAT_LOAD_SAMPLE", "1") not in ("0", "false", "no")
    today = env.get("GIAMSAT_TODAY")
    return Settings(
        database_url=url,
        data_dir=data_dir,
        load_sample_on_empty=load_sample,
        today_override=date.fromisoformat(today) if today else None,
        idle_minutes=int(env.get("GIAMSAT_IDLE_MINUTES", "60")),
    )
