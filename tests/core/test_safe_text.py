"""The one sanitiser, and file names kept as bytes and shown as text."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from hamish.core.annotations.model import ArticleRecord
from hamish.core.file_names import path_from_stored, shown_path, stored_path
from hamish.core.safe_text import display_text, invalid_text_reason, safe_text

TERMINAL_ACTS_ON = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
CAFE = os.fsdecode(b"/tmp/caf\xe9.txt")


def test_controls_become_symbols_one_for_one() -> None:
    hostile = "a\x1b]0;T\x07b\x00c\x9bd\x7fe\tf\u2028g\ud800h"
    assert display_text(hostile) == "a␛]0;T␇b␀c\ufffdd␡e f g\ufffdh"
    assert len(display_text(hostile)) == len(hostile)


def test_safe_text_also_shows_bidi_controls_but_keeps_joiners() -> None:
    text = "evil\u202etxt.exe \u2067x\u2069 \u200fم\u200cی"
    assert safe_text(text) == "evil\ufffdtxt.exe \ufffdx\ufffd \ufffdم\u200cی"
    assert display_text(text) == text  # the engine applies bidi controls itself


@given(st.text())
def test_nothing_a_terminal_acts_on_survives(text: str) -> None:
    shown = safe_text(text)
    assert len(shown) == len(text)
    assert re.search(TERMINAL_ACTS_ON, shown) is None
    shown.encode("utf-8")


def test_invalid_text_names_the_byte_or_the_surrogate() -> None:
    assert invalid_text_reason("fine, ملاحظة 😀") is None
    assert invalid_text_reason(os.fsdecode(b"ok\xff")) == "byte 0xFF at character 3 is not UTF-8"
    reason = invalid_text_reason("x\ud800")
    assert reason == "character 2 is a lone surrogate (U+D800), not a character"


@given(st.binary(min_size=1).filter(lambda raw: b"\x00" not in raw))
def test_any_file_name_is_stored_as_utf8_and_comes_back_as_the_same_bytes(raw: bytes) -> None:
    path = os.fsdecode(b"/" + raw)
    stored = stored_path(path)
    stored.encode("utf-8")  # storable in the JSON store
    assert os.fsencode(path_from_stored(stored)) == b"/" + raw


def test_utf8_names_are_stored_as_they_are() -> None:
    assert stored_path("/home/me/مقالة.txt") == "/home/me/مقالة.txt"
    assert stored_path(CAFE) == "file:///tmp/caf%E9.txt"
    assert stored_path("file:x") == "file://file%3Ax"  # never mistaken for an escaped name
    assert path_from_stored("file://file%3Ax") == "file:x"


def test_names_are_shown_with_replacement_symbols() -> None:
    assert shown_path(CAFE) == "/tmp/caf\ufffd.txt"
    assert shown_path(Path("/a/\x1b]0;T\x07 \u202eb")) == "/a/␛]0;T␇ \ufffdb"


def test_an_article_record_keeps_a_name_that_is_not_utf8() -> None:
    record = ArticleRecord(key="k", text_hash="k", title="T", path=CAFE)
    document = json.loads(json.dumps(record.to_record(), ensure_ascii=False).encode("utf-8"))
    assert document["path"] == "file:///tmp/caf%E9.txt"
    assert ArticleRecord.from_record(document).path == CAFE
