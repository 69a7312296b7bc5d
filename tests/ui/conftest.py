"""Pilot tests: the app headless, with its data in a temporary directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hamish.core.annotations.model import Annotation
from hamish.core.article import Article
from hamish.core.loaders import load_article
from hamish.core.opening import identify
from hamish.core.store import Store
from hamish.ui.app import HamishApp

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "articles" / "000_ba9713e08e0d77df.txt"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("HAMISH_DATA_DIR", str(folder))
    monkeypatch.setenv("HAMISH_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("HAMISH_EXPORT_DIR", str(tmp_path / "exports"))
    return folder


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = Store.open()
    yield opened
    opened.close()


def make_app(*articles: Article, store: Store | None = None, **options: object) -> HamishApp:
    """The app as the CLI makes it; it starts its store writer when it starts and writes
    everything queued when it ends, like ``hamish`` itself."""
    return HamishApp(list(articles), store=store, use_bidi_driver=False, **options)  # type: ignore[arg-type]


def sample() -> Article:
    return load_article(SAMPLE)


def store_highlight(store: Store, article: Article, quote: str, **fields: object) -> Annotation:
    """Store an annotation of the first ``quote`` in ``article``, as the CLI would."""
    start = article.text.index(quote)
    annotation = Annotation.create(
        article_key=identify(store, article).key,
        text=article.text,
        start=start,
        end=start + len(quote),
        text_hash=article.key,
        **fields,  # type: ignore[arg-type]
    )
    store.add(annotation)
    return annotation


def screen_lines(app: HamishApp) -> list[str]:
    """Every row of the screen as the terminal would receive it (segment texts joined)."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]
