"""Saved web pages in the library directory: writing one, and finding one by its URL.

A page is two files (``saved_page``): ``Title.html``, the body as fetched, and
``Title.html.meta.json``. The description is written first and the page second, each
atomically and never over an existing file, and the description is removed again if the page
cannot be written. So a crash or a full disk leaves either nothing visible or both files: the
HTML file appearing is what makes a page saved, and a description without its page is ignored.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hamish.core.article import Article
from hamish.core.atomic_file import create_file
from hamish.core.export.filenames import create_under_free_name, safe_file_name
from hamish.core.library import library_copy
from hamish.core.loaders import load_article
from hamish.core.loaders.saved_page import (
    SIDECAR_SUFFIX,
    PageInfo,
    info_json,
    is_sidecar,
    read_sidecar,
    sidecar_path,
)
from hamish.core.store import Store
from hamish.core.web.settings import FetchSettings
from hamish.core.web.urls import host_name, same_page

if TYPE_CHECKING:  # only the types: finding a saved page must not import the HTTP client
    from hamish.core.web.fetch import Progress
    from hamish.core.web.pages import WebPage


def _taken_names(library: Path) -> set[str]:
    """Names in use, a description's page name included even when its page is gone."""
    names = {entry.name for entry in library.iterdir()}
    return names | {name.removesuffix(SIDECAR_SUFFIX) for name in names if is_sidecar(name)}


def save_page(page: WebPage, library: Path) -> Path:
    """Save ``page`` under a new name in ``library`` (created if missing); the HTML file's path.

    Raises ``OSError`` when the directory cannot be written, with nothing left behind.
    """
    library.mkdir(parents=True, exist_ok=True)
    title = page.article.title or host_name(page.info.origin.final_url)
    wanted = safe_file_name(title, ".html")

    def create(target: Path) -> None:
        description = sidecar_path(target)
        create_file(description, [info_json(page.info).encode("utf-8")])
        try:
            create_file(target, [page.html])
        except BaseException:
            _remove(description)  # the page's name was taken meanwhile, or the write failed
            raise

    return create_under_free_name(library, wanted, _taken_names(library), create)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def saved_pages(library: Path) -> Iterator[tuple[Path, PageInfo]]:
    """Every saved page in ``library`` whose HTML file and description are both usable."""
    try:
        entries = sorted(os.scandir(library), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if not is_sidecar(entry.name):
            continue
        page = Path(entry.path[: -len(SIDECAR_SUFFIX)])
        info = read_sidecar(page).info
        if info is not None and page.is_file():
            yield page, info


def find_saved_page(library: Path, url: str) -> Path | None:
    """The saved page known by ``url`` (asked for, reached, or canonical); the most recently
    fetched one if the page was saved more than once."""
    found = [
        (info.origin.fetched or "", page)
        for page, info in saved_pages(library)
        if any(same_page(url, address) for address in info.origin.addresses)
    ]
    return max(found)[1] if found else None


def read_url(
    url: str,
    library: Path,
    *,
    settings: FetchSettings | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Article:
    """The article ``url`` names: the page saved with that URL in ``library`` (read offline,
    exactly as saved) if there is one, else the page fetched now (blocking: see
    ``pages.fetch_page``). ``LoadError`` either way; a ``FetchError`` names the URL.

    Without ``settings``, ``$HAMISH_HTTP_TIMEOUT`` decides (a bad value is a ``FetchError``).
    """
    saved = find_saved_page(library, url)
    if saved is not None:
        return load_article(saved)
    from hamish.core.web.pages import fetch_page

    settings = settings or _environment_settings(url)
    return fetch_page(url, settings=settings, progress=progress, cancel=cancel).article


def _environment_settings(url: str) -> FetchSettings:
    from hamish.core.web.fetch import FetchError

    try:
        return FetchSettings.from_environment()
    except ValueError as error:
        raise FetchError(url, str(error)) from None


@dataclass(frozen=True)
class KeptPage:
    path: Path
    """The page's file in the library."""
    article: Article
    """The page's article, its ``source`` that file: what the store should remember."""
    new: bool
    """False when the library had this text already, and nothing was written."""


def keep_page(store: Store, page: WebPage, library: Path) -> KeptPage:
    """``page`` in the library: saved (``save_page``) unless the library already has its text
    (``hamish add URL`` twice saves it once). The caller registers ``article`` in the store.
    ``OSError`` when the directory cannot be written, with nothing left behind."""
    copy = library_copy(store, page.article, library)
    path = save_page(page, library) if copy is None else copy
    return KeptPage(path, dataclasses.replace(page.article, source=path.resolve()), copy is None)


def save_url(
    store: Store,
    url: str,
    library: Path,
    *,
    settings: FetchSettings | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> KeptPage:
    """Fetch the page at ``url`` and keep it in ``library`` (``keep_page``): ``hamish add URL``,
    and the app's "save to library". Blocking; ``FetchError`` naming the URL, ``OSError`` when
    the directory cannot be written."""
    from hamish.core.web.pages import fetch_page

    settings = settings or _environment_settings(url)
    page = fetch_page(url, settings=settings, progress=progress, cancel=cancel)
    return keep_page(store, page, library)
