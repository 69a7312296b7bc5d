"""How long and how much one fetch may take: bounds a user can change, kept apart from the
HTTP client so that checking them (``hamish URL`` does before the app starts) costs nothing."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 10
STUCK_SERVER_SECONDS = 30.0
"""The longest a fetch waits on a server that stops answering (see ``FetchSettings.within``)."""
TIMEOUT_VARIABLE = "HAMISH_HTTP_TIMEOUT"


@dataclass(frozen=True)
class FetchSettings:
    connect_timeout: float = STUCK_SERVER_SECONDS / 3
    read_timeout: float = STUCK_SERVER_SECONDS / 3
    total_timeout: float = STUCK_SERVER_SECONDS * 2 / 3
    """The whole transfer; checked between reads, so a fetch can last one read timeout more."""
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS

    @classmethod
    def within(cls, seconds: float, **changes: int) -> FetchSettings:
        """Settings under which a server that stops answering fails within ``seconds``."""
        return cls(seconds / 3, seconds / 3, seconds * 2 / 3, **changes)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> FetchSettings:
        """``within($HAMISH_HTTP_TIMEOUT)`` when it is set (for slow links, and tests), else
        the defaults; ``ValueError`` naming the variable if it is not a positive number."""
        value = (os.environ if environ is None else environ).get(TIMEOUT_VARIABLE, "").strip()
        if not value:
            return cls()
        try:
            seconds = float(value)
        except ValueError:
            seconds = 0.0
        if not 0 < seconds < 24 * 3600:
            raise ValueError(f"{TIMEOUT_VARIABLE} must be a number of seconds, not {value!r}")
        return cls.within(seconds)
