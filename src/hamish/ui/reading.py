"""What the app hands every reader pane: how to draw text, and where annotations go.

Panes get this when they are made (attributes down) instead of reaching up into the app, so a
pane can be built, and tested, with any store or none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamish.core.changes import Change
    from hamish.core.export.flavors import Flavor
    from hamish.core.session import ArticleSession
    from hamish.core.store import Store


@dataclass(frozen=True)
class Reading:
    store: Callable[[], Store | None]
    """Where annotations are read from, once it is open (it may wait for the app's opening:
    call it from a worker thread); it gives None where nothing is remembered."""
    submit: Callable[[Change], None]
    """Makes a change durable (the app's background writer), or says it cannot be."""
    export_dir: Path | None
    """Where ``e`` writes exports (None: the platform's documents directory / hamish)."""
    export_flavor: Flavor | None = None
    """What ``e``'s Markdown is written for (None: read the ``export_flavor`` setting then)."""
    shaping: bool = True
    reorder: bool = True
    max_width: int = 0
    """The widest column the article is set in (the ``max_width`` setting); 0: full width."""
    sessions: set[ArticleSession] = field(default_factory=set, compare=False)
    """The sessions open in readers, which the store watcher reloads when another process
    writes; a pane adds its session when opened and removes it when closed."""
