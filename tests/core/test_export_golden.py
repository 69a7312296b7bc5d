"""Byte-for-byte exports of four annotations on the bundled Arabic sample article, as Markdown
in each flavour (``export_000.md`` is Obsidian's, the default), JSON and Readwise CSV.

The golden files were reviewed by reading them; regenerate them after an intended change with
``HAMISH_UPDATE_GOLDEN=1 .venv/bin/pytest tests/core/test_export_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from hamish.core.annotations.model import Anchored, AnchorStatus, Annotation, Color
from hamish.core.article import Article
from hamish.core.export.flavors import FLAVORS, Flavor
from hamish.core.export.markdown import export_markdown
from hamish.core.export.readwise import export_readwise
from hamish.core.export.web_annotation import export_json
from hamish.core.export.web_annotation_import import parse_json
from hamish.core.loaders import load_article
from tests.core.markdown_check import check_export

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = Path("articles/000_ba9713e08e0d77df.txt")
GOLDEN = Path(__file__).resolve().parent / "golden"
EXPORTED_AT = "2026-02-01T09:30:00.000Z"


def sample_article() -> Article:
    """The sample, with its source relative to the checkout so the goldens do not name a machine."""
    return replace(load_article(ROOT / SAMPLE), source=SAMPLE)


def highlight(
    article: Article,
    quote: str,
    number: int,
    created: str,
    *,
    color: Color = Color.YELLOW,
    note: str = "",
    tags: tuple[str, ...] = (),
) -> Annotation:
    start = article.text.index(quote)
    made = Annotation.create(
        article_key=article.key,
        text=article.text,
        start=start,
        end=start + len(quote),
        text_hash=article.key,
        now=created,
    )
    made = made.edited(now=created, color=color, note=note, tags=tags)
    return replace(made, id=f"{number:x}{number:x}c0ffee-{number}a7b-4c3e-8f21-5b2a7d9e4c1{number}")


def fixture(article: Article) -> list[Anchored]:
    english = highlight(
        article,
        "اختراق نوعي",
        1,
        "2026-01-08T10:00:00.000Z",
        color=Color.GREEN,
        note='Barrack\'s words: a "qualitative breakthrough".\n'
        "Compare the *Paris* talks with the 2024 ones — see [Reuters] & #1 <source>.",
    )
    arabic = highlight(
        article,
        "آلية مشتركة تحت إشراف الولايات المتحدة",
        2,
        "2026-01-08T10:05:00.000Z",
        note='قارن بالفصل الثالث: "خلية اتصال" لمعالجة الخلافات.\nسطر ثانٍ من الملاحظة.',
        tags=("تاريخ",),
    )
    tagged = highlight(
        article,
        "انسحاب القوات الإسرائيلية من الأراضي السورية",
        3,
        "2026-01-08T10:10:00.000Z",
        color=Color.BLUE,
        tags=("road map", "security"),
    )
    orphan = Annotation(
        id="44c0ffee-4a7b-4c3e-8f21-5b2a7d9e4c14",
        article_key=article.key,
        start=1320,
        end=1335,
        quote="اتفاق سلام شامل",
        prefix="، ولم تستبعد المصادر التوصل إلى ",  # 32 code points each, as hamish stores
        suffix=" خلال الأشهر المقبلة، وفق مصادر ",
        color=Color.PINK,
        note="This sentence was in the first version of the article.",
        created="2026-01-07T12:00:00.000Z",
        updated="2026-01-07T12:00:00.000Z",
        text_hash="0" * 32,
    )
    return [
        Anchored(tagged, AnchorStatus.EXACT, tagged.start, tagged.end),
        Anchored(orphan, AnchorStatus.ORPHAN, orphan.start, orphan.end),
        Anchored(english, AnchorStatus.EXACT, english.start, english.end),
        Anchored(arabic, AnchorStatus.MOVED, arabic.start, arabic.end),
    ]


def compare_with_golden(name: str, produced: str) -> None:
    path = GOLDEN / name
    if os.environ.get("HAMISH_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(produced.encode("utf-8"))
    assert path.exists(), f"{path} is missing; run with HAMISH_UPDATE_GOLDEN=1 to create it"
    assert produced.encode("utf-8") == path.read_bytes(), f"{name} differs from its golden file"


@pytest.fixture(scope="module")
def article() -> Article:
    return sample_article()


MARKDOWN_GOLDEN = {"obsidian": "export_000.md", "github": "export_000.github.md"}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_markdown_matches_golden(article: Article, flavor: Flavor) -> None:
    produced = export_markdown(article, fixture(article), flavor=flavor)
    compare_with_golden(MARKDOWN_GOLDEN.get(flavor, f"export_000.{flavor}.md"), produced)


def test_readwise_matches_golden(article: Article) -> None:
    produced = export_readwise(article, fixture(article))
    compare_with_golden("export_000.csv", produced)


def test_json_matches_golden(article: Article) -> None:
    produced = export_json(article, fixture(article), exported_at=EXPORTED_AT)
    compare_with_golden("export_000.json", produced)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_golden_markdown_passes_the_structure_check(article: Article, flavor: Flavor) -> None:
    check_export(article, fixture(article), flavor)


def test_golden_json_parses_back_to_the_fixture(article: Article) -> None:
    batch = parse_json((GOLDEN / "export_000.json").read_text(encoding="utf-8"))
    expected = {item.annotation.id: item.annotation for item in fixture(article)}
    assert {parsed.annotation.id: parsed.annotation for parsed in batch.annotations} == expected
    assert batch.title == article.title


def test_readwise_names_a_web_article_s_url_and_author(article: Article) -> None:
    import csv
    import io

    from hamish.core.article import WebOrigin

    page = replace(
        article,
        web=WebOrigin("https://a.example/x?utm=1", "https://a.example/x", author="سلمى"),
    )
    rows = list(csv.DictReader(io.StringIO(export_readwise(page, fixture(page)))))
    assert rows and {(row["URL"], row["Author"]) for row in rows} == {
        ("https://a.example/x", "سلمى")
    }
