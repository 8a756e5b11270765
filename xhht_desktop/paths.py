"""Where resources and user data live, frozen (PyInstaller) or not."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from xhht_desktop import APP_ID


def resource_root() -> Path:
    """The folder that holds `resources/`: the bundle when frozen, the checkout otherwise."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. resource_path("fonts", "NotoSans-Regular.ttf")."""
    return resource_root().joinpath("resources", *parts)


def user_data_dir() -> Path:
    """Per-user application-data folder (never next to the executable).

    XHHT_DATA_DIR overrides it, which tests and portable set-ups use.
    """
    override = os.environ.get("XHHT_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=False))


def default_db_path() -> Path:
    return user_data_dir() / "xhht.sqlite3"
