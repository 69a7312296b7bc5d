"""Saved web pages in the library directory: writing one, and finding one by its URL.

A page is two files (``saved_page``): ``Title.html``, the body as fetched, and
``Title.html.meta.json``. The description is written first and the page second, each
atomically and never over an existing file, and the description is removed again if the page
cannot be written. So a crash or a full disk leaves either nothing visible or both files: the
HTML file appearing is what makes a page saved, and a description without its page is ignored.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from hamish.core.atomic_file import create_file
from hamish.core.export.filenames import safe_file_name, unique_file_name
from hamish.core.loaders.saved_page import (
    SIDECAR_SUFFIX,
    PageInfo,
    info_json,
    is_sidecar,
    read_sidecar,
    sidecar_path,
)
from hamish.core.web.urls import host_name, same_page

if TYPE_CHECKING:  # only the type: finding a saved page must not import the HTTP client
    from hamish.core.web.pages import WebPage

MAX_NAME_ATTEMPTS = 100


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
    taken = _taken_names(library)
    for _ in range(MAX_NAME_ATTEMPTS):
        name = unique_file_name(wanted, taken)
        taken.add(name)
        target = library / name
        description = sidecar_path(target)
        try:
            create_file(description, [info_json(page.info).encode("utf-8")])
        except FileExistsError:
            continue  # another process took the name meanwhile
        try:
            create_file(target, [page.html])
            return target
        except FileExistsError:
            _remove(description)
        except BaseException:
            _remove(description)
            raise
    raise FileExistsError(f"no free file name for {wanted} in {library}")


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
