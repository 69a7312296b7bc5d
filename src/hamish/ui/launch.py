"""``hamish [PATH...]``: load the articles, open the store, run the reader.

A bad article is refused before the terminal is taken over (one ``hamish: ...`` line, exit 2),
and Textual is imported only once the articles are known to be good. The store is opened here
for the library; an article's first screen does not wait for it (``ui.store_opening``).
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

from hamish.commands.common import CommandError, fail, fetch_settings, open_store
from hamish.core.config import load_config
from hamish.core.loaders import LoadError
from hamish.core.loaders.progressive import ArticleLoad, load_progressively
from hamish.core.paths import config_path
from hamish.core.store.errors import StoreError
from hamish.core.web.urls import is_web_url


def _load(target: str) -> ArticleLoad | str:
    """A file as the reader loads it (``LoadError``, before anything is shown); a URL as it is:
    the app fetches it once it is up, showing the progress. A bad ``$HAMISH_HTTP_TIMEOUT`` is a
    ``CommandError`` now rather than a failure later."""
    if not is_web_url(target):
        return load_progressively(Path(target))
    fetch_settings()
    return target


def open_reader(targets: list[str], *, bidi: str | None, shaping: bool) -> int:
    """Read ``targets`` (files or URLs) in the app; the process's exit status."""
    articles: list[ArticleLoad | str] = []
    for target in targets:
        try:
            articles.append(_load(target))
        except (LoadError, CommandError) as failure:
            return fail(str(failure))

    store = None
    if not articles or isinstance(articles[0], str):
        # The library first (or under a page being fetched): it lists what the store knows.
        # An article first needs nothing from it, and the app opens it after that screen.
        try:
            store = open_store(for_reading=True)  # where nothing can be saved, still read
        except StoreError as failure:
            return fail(str(failure))
    config, problems = load_config()
    if bidi is not None:
        config = replace(config, bidi=bidi)  # type: ignore[arg-type]  # argparse's choices
    if not shaping:
        config = replace(config, shaping=False)

    from hamish.ui.app import HamishApp

    app = HamishApp(
        articles,
        store=store,
        open_store=store is None,
        config=config,
        config_problems=problems,
        config_path=config_path(),
    )
    try:
        app.run()
    finally:
        app.close_store()
    recovery = app.recovery_file
    if recovery is not None:
        with contextlib.suppress(OSError):  # the terminal may be gone: the file is what counts
            fail(
                f"some changes could not be saved; they are in {recovery} "
                f"(`hamish doctor --recover {recovery}` applies them)"
            )
        return 2
    return app.return_code or 0
