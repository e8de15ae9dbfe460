"""Where the database lives: --db, then $SALES_ORGANIZER_DB, then the per-user data
folder. No peewee here: the read-only text verbs need this too."""

from __future__ import annotations

import os
from pathlib import Path

from . import APP_AUTHOR, APP_NAME

ENV_VAR = "SALES_ORGANIZER_DB"


def data_dir() -> Path:
    """The per-user data folder (created 0700), e.g. ~/.local/share/SalesOrganizer."""
    import platformdirs

    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    # platformdirs 4.2 created 0755; say what we mean.
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def default_db_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db wins, then $SALES_ORGANIZER_DB, then the data folder's sales.db."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return data_dir() / "sales.db"
