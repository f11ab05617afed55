"""Settings read from the environment, with safe defaults for a laptop.

``SETTINGS`` declares each one once: its variable, its default and what it means. Defaults
are read from that table, and a test holds both halves of the README to it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    variable: str
    default: str  # "" for none
    meaning: str


SETTINGS = (
    Setting(
        "DATABASE_URL",
        "",
        "the database; unset: the SQLite file giamsat.sqlite3 in GIAMSAT_DATA_DIR",
    ),
    Setting("GIAMSAT_DATA_DIR", "data", "folder of the SQLite file, attachments and backups"),
    Setting("GIAMSAT_LOAD_SAMPLE", "1", "0: do not load the sample into an empty database"),
    Setting("GIAMSAT_TODAY", "", "YYYY-MM-DD: the day taken as today (demonstrations, tests)"),
    Setting("GIAMSAT_IDLE_MINUTES", "60", "minutes without use after which a session ends"),
    Setting(
        "GIAMSAT_AGENCY",
        "",
        "the agency using the tool, printed as the issuing body of the recommendations register",
    ),
)
_DEFAULTS = {setting.variable: setting.default for setting in SETTINGS}
DEFAULT_IDLE_MINUTES = int(_DEFAULTS["GIAMSAT_IDLE_MINUTES"])


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    load_sample_on_empty: bool
    today_override: date | None = None
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    agency: str = ""  # the issuing body of the workbooks that are not a delegation's

    def today(self) -> date:
        """Today, or the fixed day set by GIAMSAT_TODAY (demos and tests)."""
        return self.today_override or date.today()


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ

    def read(variable: str) -> str:
        return env.get(variable) or _DEFAULTS[variable]

    # The default lies in the project; a folder given in the environment is taken as given.
    given = env.get("GIAMSAT_DATA_DIR")
    data_dir = Path(given) if given else PROJECT_ROOT / _DEFAULTS["GIAMSAT_DATA_DIR"]
    url = read("DATABASE_URL") or _sqlite_url(data_dir / "giamsat.sqlite3")
    # psycopg 3 is the PostgreSQL driver we ship; accept the short scheme people type.
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    today = read("GIAMSAT_TODAY")
    return Settings(
        database_url=url,
        data_dir=data_dir,
        load_sample_on_empty=read("GIAMSAT_LOAD_SAMPLE") not in ("0", "false", "no"),
        today_override=date.fromisoformat(today) if today else None,
        idle_minutes=int(read("GIAMSAT_IDLE_MINUTES")),
        agency=read("GIAMSAT_AGENCY").strip(),
    )


def today() -> date:
    """The day taken as today, everywhere: GIAMSAT_TODAY when set."""
    return load_settings().today()
