"""Lining up a page's blocks with an extractor's: which page blocks are kept, and why."""

from __future__ import annotations

from hamish.core.loaders.html_alignment import MIN_DISTANT_MATCH, align, match_key

LONG = [
    "theeditorsnotessayswhatthearticleisaboutinafewlines",
    "asecondparagraphgoesintodetailaboutthestudyanditsresults",
    "athirdparagraphquotesaresearcherwhowasnotinvolvedinthework",
    "thelastparagraphsayswhatcomesnextandwhentoexpectit",
]


def kept(blocks: list[str], extract: list[str]) -> list[str]:
    return [blocks[index] for index in sorted(align(blocks, extract))]


def test_match_key_keeps_only_letters_and_digits() -> None:
    assert match_key("  Hello,\tWORLD! 42 ") == "helloworld42"
    assert match_key("می\u200cخواهم \x1b[31m") == "میخواهم31m"
    assert match_key("e\u0301") == match_key("\u00e9")  # NFC on both sides
    assert match_key("x | y — z") == "xyz"


def test_chrome_around_the_article_is_dropped() -> None:
    blocks = ["home", "news", "cookies", *LONG, "related", "copyright"]
    assert kept(blocks, LONG) == LONG


def test_of_two_equal_blocks_the_later_one_is_the_article() -> None:
    """A headline repeated in a breadcrumb before the article."""
    blocks = ["home", "theheadline", "menu", "theheadline", *LONG]
    assert sorted(align(blocks, ["theheadline", *LONG])) == [3, 4, 5, 6, 7]


def test_order_decides_before_position() -> None:
    """A section name in the footer equal to a heading inside the article."""
    blocks = ["politics", LONG[0], "politics", LONG[1], "politics"]
    assert sorted(align(blocks, [LONG[0], "politics", LONG[1]])) == [1, 2, 3]


def test_blocks_the_extractor_merged() -> None:
    blocks = ["nav", "firsthalfofaparagraph", "secondhalfofit", LONG[0]]
    extract = ["firsthalfofaparagraphsecondhalfofit", LONG[0]]
    assert kept(blocks, extract) == blocks[1:]


def test_a_block_the_extractor_split() -> None:
    blocks = ["nav", LONG[0] + LONG[1], LONG[2]]
    assert kept(blocks, LONG[:3]) == blocks[1:]


def test_short_blocks_only_match_right_after_the_last_match() -> None:
    blocks = ["world", LONG[0] + "world" + LONG[1], "yes"]
    extract = [LONG[0], "world", LONG[1], "yes"]
    # "world" before the paragraph is not the "world" inside it.
    assert kept(blocks, extract) == blocks[1:]


def test_long_blocks_may_match_further_on() -> None:
    assert len(LONG[2]) >= MIN_DISTANT_MATCH
    blocks = ["ab", LONG[2], "cd", LONG[3]]
    extract = ["somethingtheextractorhasthatthepagedoesnot", LONG[2] + LONG[3]]
    assert kept(blocks, extract) == [LONG[2], LONG[3]]


def test_most_of_a_block_with_holes_is_enough() -> None:
    paragraph = LONG[1] + LONG[2]
    trimmed = LONG[1] + "readmore" + LONG[2][:40]
    blocks = ["menu", paragraph, LONG[3]]
    assert kept(blocks, ["x", trimmed, LONG[3]]) == [paragraph, LONG[3]]


def test_too_little_of_a_block_is_not_enough() -> None:
    blocks = ["menu", LONG[1] + LONG[2] + LONG[3], LONG[0]]
    assert kept(blocks, ["x", LONG[1][:20], LONG[0]]) == [LONG[0]]


def test_blocks_the_extractor_moved() -> None:
    """trafilatura sometimes puts a block it keeps after the article (a dialog, a caption)."""
    blocks = ["helpdialog", "keyboardshortcuts", *LONG]
    assert kept(blocks, [*LONG, "keyboardshortcuts"]) == blocks[1:]


def test_a_moved_block_prefers_the_twin_among_kept_neighbours() -> None:
    blocks = ["share", LONG[0], LONG[1], "share", LONG[2]]
    extract = [LONG[2], LONG[0], LONG[1], "share"]
    assert 0 not in align(blocks, extract)


def test_blocks_without_letters_stay_between_kept_blocks() -> None:
    blocks = ["", LONG[0], "", LONG[1], "", "nav", ""]
    assert sorted(align(blocks, LONG[:2])) == [1, 2, 3]


def test_nothing_in_common() -> None:
    assert align(["a", "b"], ["c"]) == set()
    assert align([], ["c"]) == set()
