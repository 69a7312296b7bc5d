"""Finding a query in the text of every article in the library.

One scope everywhere (the app's palette and results screen, ``hamish search``): every article
the library lists, bundled, added or remembered, whether or not it was ever opened. Articles
are loaded one at a time and dropped once searched, so memory stays that of the largest one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hamish.core.article import Article
from hamish.core.loaders import LoadError, load_article
from hamish.core.search.find import Range, find_all


@dataclass(frozen=True)
class ArticleHits:
    """The matches in one article (only articles with at least one are reported)."""

    path: Path
    article: Article
    ranges: list[Range]


def search_articles(
    paths: Iterable[Path],
    query: str,
    *,
    fold_teh_marbuta: bool = False,
    unreadable: Callable[[Path, LoadError], None] | None = None,
) -> Iterator[ArticleHits]:
    """The matches of ``query`` in each file of ``paths``, in that order. A file that cannot be
    read is handed to ``unreadable`` (when given) and skipped."""
    for path in paths:
        try:
            article = load_article(path)
        except LoadError as error:
            if unreadable is not None:
                unreadable(path, error)
            continue
        ranges = find_all(article.text, query, fold_teh_marbuta=fold_teh_marbuta)
        if ranges:
            yield ArticleHits(path, article, ranges)
