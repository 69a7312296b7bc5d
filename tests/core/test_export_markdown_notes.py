"""Notes keep their inline Markdown in the Obsidian and GitHub flavours, and nothing more.

Rendered with markdown-it-py: inline Markdown in a note becomes emphasis, code, links and
strikethrough; a line that would open a block, raw HTML, a link reference definition and
Obsidian's block-level syntax are neutralised, so the note stays in its paragraphs under its
quote (``markdown_check`` checks that on whole exports).
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from hamish.core.export import markdown_notes
from hamish.core.export.flavors import Flavor
from hamish.core.export.markdown_notes import note_markdown
from tests.core.markdown_check import MD, check_export, single_note

MARKDOWN_FLAVORS: list[Flavor] = ["obsidian", "github"]


def rendered(note: str) -> list[Token]:
    """The inline tokens of the note's paragraphs, rendered on their own."""
    source = "\n\n".join("\n".join(lines) for lines in note_markdown(note))
    tokens = MD.parse(source)
    assert {token.type for token in tokens} <= {"paragraph_open", "paragraph_close", "inline"}
    return [child for token in tokens for child in token.children or []]


def shown(note: str) -> str:
    parts = {"text": lambda t: t.content, "code_inline": lambda t: t.content, "hardbreak": "\n"}
    return "".join(
        part(child) if callable(part) else part
        for child in rendered(note)
        if (part := parts.get(child.type)) is not None
    )


def test_the_issue_s_note_reaches_obsidian_as_bold_a_link_and_a_tag() -> None:
    note = "**key** see [[Paris talks]] #diplomacy"
    assert note_markdown(note) == [[note]]
    types = [child.type for child in rendered(note) if child.content or child.type != "text"]
    assert types == ["strong_open", "text", "strong_close", "text"]
    assert shown(note) == "key see [[Paris talks]] #diplomacy"


@pytest.mark.parametrize(
    ("note", "token"),
    [
        ("*emphasis*", "em_open"),
        ("_emphasis_", "em_open"),
        ("`code <b>`", "code_inline"),
        ("[a link](https://example.org)", "link_open"),
        ("![an image](https://example.org/i.png)", "image"),
        ("~~struck~~", "s_open"),
    ],
)
def test_inline_markdown_survives(note: str, token: str) -> None:
    assert note_markdown(note) == [[note]]
    assert token in {child.type for child in rendered(note)}


@pytest.mark.parametrize(
    "note",
    [
        "# heading", "###### heading", "#", "> quote", "> [!note] callout", "- item", "* item",
        "+ item", "- [ ] task", "1. item", "2024) item", "---", "***", "_ _ _", "+++",
        "text\n===", "text\n--", "```\ncode\n```", "~~~", "| a | b |\n|---|---|", "a|b\n-|-",
        "a | b\n:-- | --:", "<div>block</div>", "<!-- comment -->", "<script>x</script>",
        "[label]: https://example.org", "[two\nlines]: /x", "[^1]: a footnote",
    ],
)  # fmt: skip
@pytest.mark.parametrize("flavor", MARKDOWN_FLAVORS)
def test_a_line_that_would_open_a_block_stays_text(note: str, flavor: Flavor) -> None:
    check_export(*single_note(note), flavor)
    assert shown(note).replace("\n", "") == note.replace("\n", "")


@pytest.mark.parametrize("flavor", MARKDOWN_FLAVORS)
def test_a_block_opening_line_in_a_code_span_is_neutralised_too(flavor: Flavor) -> None:
    """Blocks are found before code spans (CommonMark §4), so ``<div>`` starting a line ends the
    paragraph even there; its escape then shows in the code, the price of safety."""
    note = "`open\n<div>`"
    check_export(*single_note(note), flavor)
    assert note_markdown(note) == [["`open", "\\<div>`"]]


def test_raw_html_and_references_show_as_typed() -> None:
    note = "a <b>bold</b> &amp; &#x41; <http://example.org>"
    assert not {"html_inline", "link_open"} & {child.type for child in rendered(note)}
    assert shown(note) == note


@pytest.mark.parametrize(
    ("note", "markdown"),
    [
        ("%%hidden%%", "\\%\\%hidden\\%\\%"),
        ("$$x$$", "\\$\\$x\\$\\$"),
        ("a line ^h-0abc", "a line \\^h-0abc"),
        ("^start", "\\^start"),
        ("`%%`", "`\\%\\%`"),  # a comment opened in a code span would hide the rest of the file
        ("50% and $5, [[Note#^abc]] [^1] $x$ ==hl==", "50% and $5, [[Note#^abc]] [^1] $x$ ==hl=="),
    ],
)
def test_obsidian_block_syntax_is_escaped_and_its_inline_syntax_kept(
    note: str, markdown: str
) -> None:
    assert note_markdown(note) == [[markdown]]


def test_line_breaks_are_hard_breaks_once() -> None:
    assert note_markdown("one\ntwo") == [["one\\", "two"]]
    assert note_markdown("one\\\ntwo") == [["one\\", "two"]]  # the note's own hard break
    assert note_markdown("one\\\\\ntwo") == [["one\\\\\\", "two"]]  # an escaped backslash
    assert note_markdown("one\n\n\ntwo") == [["one"], ["two"]]


def test_a_code_span_over_two_lines_gets_no_break_inside() -> None:
    assert note_markdown("see `a\nb` here\nnext") == [["see `a", "b` here\\", "next"]]
    assert [c.content for c in rendered("see `a\nb` here") if c.type == "code_inline"] == ["a b"]


def test_what_the_user_escaped_stays_escaped() -> None:
    assert note_markdown("\\<b> \\# \\%%") == [["\\<b> \\# \\%%"]]  # no %% left to open


# --- generated notes -------------------------------------------------------------------------

WORDS = st.text(st.sampled_from("abcxyzقالنورשלוםپچ"), min_size=1, max_size=6)
INLINE = {
    "strong_open": "**{}**",
    "em_open": "*{}*",
    "code_inline": "`{}`",
    "link_open": "[{}](https://example.org/{})",
    "s_open": "~~{}~~",
    "wikilink": "[[{}]]",
    "tag": "#{}",
}
pieces = st.tuples(st.sampled_from(sorted(INLINE)), WORDS)
notes = st.lists(
    st.tuples(pieces, st.sampled_from([" ", " ", "\n", "\n\n"])), min_size=1, max_size=8
)


@settings(deadline=None, max_examples=150)
@given(notes, st.sampled_from(MARKDOWN_FLAVORS))
def test_generated_inline_markdown_renders(
    parts: list[tuple[tuple[str, str], str]], flavor: Flavor
) -> None:
    note = "".join(INLINE[kind].format(word, word) + gap for (kind, word), gap in parts)
    check_export(*single_note(note), flavor)
    counts = Counter(child.type for child in rendered(note))
    made = Counter(kind for (kind, _), _gap in parts)
    for kind in ("strong_open", "em_open", "code_inline", "link_open", "s_open"):
        assert counts[kind] == made[kind], kind
    text = shown(note)
    for (kind, word), _gap in parts:
        if kind in ("wikilink", "tag"):
            assert INLINE[kind].format(word) in text


# --- the checks must catch a broken neutraliser ----------------------------------------------


def without(pattern: str) -> re.Pattern[str]:
    kept = tuple(part for part in markdown_notes._ESCAPED_INLINE if part != pattern)
    assert len(kept) == len(markdown_notes._ESCAPED_INLINE) - 1
    return markdown_notes._inline_pattern(kept)


@pytest.mark.parametrize(
    ("name", "broken", "note"),
    [
        ("_BLOCK_START", re.compile("(?!)"), "# heading"),
        ("_BLOCK_START", re.compile("(?!)"), "text\n---"),
        ("_ORDERED_ITEM", re.compile("(?!)"), "1. item"),
        ("_REFERENCE_DEFINITION", re.compile("(?!)"), "[label]: https://example.org"),
        ("_INLINE", without("<"), "<b>bold</b>"),
        ("_INLINE", without("%%+"), "%%hidden%% text"),
        ("_INLINE", without(r"\$\$+"), "$$x$$ text"),
        ("_INLINE", without(r"(?:^|(?<=\s))\^"), "text ^h-0abc"),
        ("_CODE_PAIRS", re.compile("(?!)"), "`%%` open comment"),
    ],
)
@pytest.mark.parametrize("flavor", MARKDOWN_FLAVORS)
def test_weakening_the_neutraliser_is_caught(
    monkeypatch: pytest.MonkeyPatch, name: str, broken: object, note: str, flavor: Flavor
) -> None:
    check_export(*single_note(note), flavor)
    monkeypatch.setattr(markdown_notes, name, broken)
    with pytest.raises(AssertionError):
        check_export(*single_note(note), flavor)
