"""Where hamish keeps its files. Environment variables win, so tests and users can redirect them."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "hamish"


def data_dir() -> Path:
    """``$HAMISH_DATA_DIR``, else the platform's user data directory for hamish."""
    override = os.environ.get("HAMISH_DATA_DIR")
    return Path(override).expanduser() if override else platformdirs.user_data_path(APP_NAME)


def database_path() -> Path:
    return data_dir() / "hamish.json"


def library_dir() -> Path:
    """Where ``hamish add`` copies articles and saves web pages."""
    return data_dir() / "articles"


def feeds_path() -> Path:
    """The feeds ``hamish feeds`` follows, their items and read state."""
    return data_dir() / "feeds.json"


def config_path() -> Path:
    """``$HAMISH_CONFIG``, else ``config.toml`` in the platform's user config directory."""
    override = os.environ.get("HAMISH_CONFIG")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def export_dir() -> Path:
    """Default export directory: the user's documents directory / hamish."""
    override = os.environ.get("HAMISH_EXPORT_DIR")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_documents_path() / APP_NAME


def bundled_articles_dir() -> Path:
    """The sample articles: inside the installed package, or ``articles/`` of a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "bundled_articles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "articles"
