"""Which list items get a bullet: the first block of an unordered item, never an ordered one
(its number, in whatever style the source used, is its text) nor an item's continuation."""

from __future__ import annotations

from pathlib import Path

from hamish.core.article import BlockKind
from hamish.core.loaders import load_article


def items(path: Path) -> list[tuple[str, bool]]:
    article = load_article(path)
    return [(b.text, b.bulleted) for b in article.blocks if b.kind is BlockKind.LIST_ITEM]


def test_markdown_bullets(tmp_path: Path) -> None:
    path = tmp_path / "lists.md"
    path.write_text(
        "# T\n\n- apple\n- pear\n\n  more about pears\n\n1. one\n2. two\n\n"
        "- outer\n  - inner\n\n  after the inner list\n",
        encoding="utf-8",
    )
    assert items(path) == [
        ("apple", True),
        ("pear more about pears", True),
        ("1. one", False),
        ("2. two", False),
        ("outer", True),
        ("inner", True),
        ("after the inner list", False),
    ]


def test_html_bullets_follow_the_list_type(tmp_path: Path) -> None:
    path = tmp_path / "lists.html"
    paragraph = "<p>" + "A paragraph of the article with enough words to be kept. " * 6 + "</p>"
    path.write_text(
        f"<html><body><article><h1>Lists</h1>{paragraph}"
        "<ul><li>first bullet</li><li>second bullet</li></ul>"
        '<ol type="a"><li>lettered one</li><li>lettered two</li></ol>'
        f"{paragraph}</article></body></html>",
        encoding="utf-8",
    )
    assert items(path) == [
        ("first bullet", True),
        ("second bullet", True),
        ("a. lettered one", False),
        ("b. lettered two", False),
    ]
