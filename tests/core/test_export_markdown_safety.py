"""Nothing a user highlighted or typed may become Markdown structure in an export.

``markdown_check`` says what the check asserts; here it runs on generated articles in every
flavour, and on a deliberately weakened escaper, which it must catch.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from hamish.core.annotations.model import Anchored
from hamish.core.article import Article
from hamish.core.export import markdown_text
from hamish.core.export.flavors import FLAVORS, Flavor
from tests.core.markdown_check import check_export, exports, single_note


@pytest.mark.slow
@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(exports(), st.sampled_from(FLAVORS))
def test_user_text_never_becomes_markdown_structure(
    export: tuple[Article, list[Anchored]], flavor: Flavor
) -> None:
    check_export(*export, flavor)


# --- the check must catch a broken escaper -------------------------------------------------------


WEAKENINGS = [
    ("*", "*emphasis*"),
    ("_", "_emphasis_"),
    ("`", "`code`"),
    ("[", "[link](http://example.org)"),
    ("<", "<b>bold</b>"),
    ("&", "&amp; stays &amp;"),
    ("|", "a|b\n|-|-|"),
    ("~", "~~~\nfenced\n~~~"),
    ("#", "# heading"),
    ("=", "setext\n==="),
    ("\\", "\\*not emphasis\\*"),
]


@pytest.mark.parametrize(("char", "note"), WEAKENINGS)
def test_dropping_any_inline_escape_is_caught(
    monkeypatch: pytest.MonkeyPatch, char: str, note: str
) -> None:
    check_export(*single_note(note))
    weakened = markdown_text._ALWAYS_ESCAPED.replace(char, "")
    monkeypatch.setattr(markdown_text, "_ALWAYS_ESCAPED", weakened)
    with pytest.raises(AssertionError):
        check_export(*single_note(note))


@pytest.mark.parametrize(
    ("char", "note"), [(">", "> nested"), ("-", "- item"), ("+", "+ item"), (":", "a|b\n:-")]
)
def test_dropping_any_line_start_escape_is_caught(
    monkeypatch: pytest.MonkeyPatch, char: str, note: str
) -> None:
    check_export(*single_note(note))
    weakened = markdown_text._LINE_START_SYNTAX.replace(char, "")
    monkeypatch.setattr(markdown_text, "_LINE_START_SYNTAX", weakened)
    with pytest.raises(AssertionError):
        check_export(*single_note(note))


def test_dropping_ordered_list_escape_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    check_export(*single_note("1. first"))
    monkeypatch.setattr(markdown_text, "_ORDERED_LIST_START", re.compile(r"(?!)(x)(y)"))
    with pytest.raises(AssertionError):
        check_export(*single_note("1. first"))


def test_keeping_control_characters_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    check_export(*single_note("red \x1b[31m alert"))
    monkeypatch.setattr(markdown_text, "_CONTROL", re.compile("(?!)"))
    with pytest.raises(AssertionError):
        check_export(*single_note("red \x1b[31m alert"))


def test_an_identity_escaper_fails_the_property(monkeypatch: pytest.MonkeyPatch) -> None:
    """The property test itself, not just hand-picked notes, finds a do-nothing escaper."""
    monkeypatch.setattr(markdown_text, "escape_line", lambda line: line)

    @settings(
        deadline=None, max_examples=200, database=None, phases=[Phase.generate], derandomize=True
    )
    @given(exports())
    def property_with_broken_escaper(export: tuple[Article, list[Anchored]]) -> None:
        check_export(*export)

    with pytest.raises(AssertionError):
        property_with_broken_escaper()
