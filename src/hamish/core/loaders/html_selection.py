"""Which of a page's blocks are the article: trafilatura decides, the page keeps its own text.

trafilatura (https://trafilatura.readthedocs.io) is the main-content extractor that does best in
the published comparisons (its own benchmark and ScrapingHub's article-extraction benchmark)
and is actively maintained; it drops navigation, ads, cookie banners, share bars, comments,
related-article lists and footers by structure, link density and text statistics rather than by
a fixed list of class names. Its output cannot be shown as it is, though: it drops ``dir`` and
``lang`` attributes, removes format characters (ZWNJ, bidi marks) and normalises to NFC, and
hamish promises the reader the page's exact characters.

So trafilatura only votes: the page's own blocks (``html_blocks``) that line up with its
extract (``html_alignment``) are the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Any

from hamish.core.loaders.html_alignment import align, match_key
from hamish.core.loaders.html_blocks import HtmlBlock

CHROME_TAGS = frozenset({"nav", "aside", "footer", "form"})
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_EXTRACT_INLINE = frozenset({"hi", "ref", "lb", "del", "span", "graphic", "note"})
_EXTRACT_TEXTS = frozenset({"head", "p", "item", "code"})
"""Extract elements whose text is one block, as ``html_blocks`` has it: everything inside
them is inline, except a nested list, which ends an item's own text."""
_EXTRACT_BLOCKS = frozenset({"head", "p", "list", "item", "quote", "code", "table"})


def _is_text(element: Any) -> bool:
    """A data row (cells of inline text) is one block too; a layout row is a container."""
    if element.tag == "row":
        return not any(node.tag in _EXTRACT_BLOCKS for node in element.iterdescendants())
    return element.tag in _EXTRACT_TEXTS


class _ExtractBlocks:
    """The texts of trafilatura's extract, cut into blocks where ``html_blocks`` cuts a page."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._parts: list[str] = []

    def _flush(self) -> None:
        text = "".join(self._parts)
        self._parts = []
        if text.strip():
            self.texts.append(text)

    def _children(self, element: Any, *, inline: bool) -> None:
        self._parts.append(element.text or "")
        for child in element:
            if not isinstance(child.tag, str):
                pass
            elif child.tag == "list" or not (inline or child.tag in _EXTRACT_INLINE):
                self.block(child)
            else:
                self._parts.append(" ")
                self._children(child, inline=True)
                self._parts.append(" ")
            self._parts.append(child.tail or "")

    def block(self, element: Any) -> None:
        self._flush()
        self._children(element, inline=_is_text(element))
        self._flush()


def extract_keys(root: Any) -> list[str] | None:
    """``match_key`` of each block trafilatura keeps of the page; None if it keeps nothing."""
    import trafilatura  # about 0.2 s to import: only when an HTML file is opened
    from trafilatura.settings import Document

    try:
        document = trafilatura.bare_extraction(
            root,
            favor_recall=True,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
        )
    except Exception:  # a third-party extractor failing on odd input means "no vote"
        return None
    if not isinstance(document, Document) or document.body is None:
        return None
    blocks = _ExtractBlocks()
    blocks.block(document.body)
    keys = [key for key in map(match_key, blocks.texts) if key]
    return keys or None


def _in_chrome(element: Any) -> bool:
    for node in chain((element,), element.iterancestors()):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in CHROME_TAGS or (node.get("role") or "").strip().lower() in CHROME_ROLES:
            return True
        if tag == "header" and node.getparent() is not None and node.getparent().tag == "body":
            return True
    return False


def _fallback(root: Any, blocks: Sequence[HtmlBlock]) -> list[HtmlBlock]:
    """Without the extractor's vote: the page's ``<article>`` or ``<main>`` if it has text,
    else whatever is outside navigation, asides, footers and forms."""
    for container in (*root.iter("article"), *root.iter("main")):
        inside = [block for block in blocks if _within(block.element, container)]
        if inside:
            return inside
    return [block for block in blocks if not _in_chrome(block.element)]


def _within(element: Any, container: Any) -> bool:
    return element is container or any(node is container for node in element.iterancestors())


def main_content(root: Any, blocks: Sequence[HtmlBlock]) -> list[HtmlBlock]:
    """The article's blocks among ``blocks``, in page order.

    When trafilatura finds nothing (a page too small or too odd for its statistics) or fails,
    ``_fallback`` decides.
    """
    extract = extract_keys(root)
    if extract is None:
        return _fallback(root, blocks)
    kept = align([match_key(block.text) for block in blocks], extract)
    return [block for index, block in enumerate(blocks) if index in kept]
