"""Progressive loading: a long file's head first, the same blocks as the full parse."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from hamish.bench.generate import arabic_article
from hamish.core.loaders import LoadError, load_article
from hamish.core.loaders.progressive import load_progressively


def test_small_files_load_whole(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("Title\n\nA paragraph.\n", encoding="utf-8")
    loaded = load_progressively(path, head_bytes=1024)
    assert loaded.rest is None
    assert loaded.head == load_article(path)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_the_head_is_the_start_of_the_full_article(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"long{suffix}"
    path.write_text(arabic_article(200_000, markdown=suffix == ".md"), encoding="utf-8")
    loaded = load_progressively(path, head_bytes=16 * 1024)
    assert loaded.rest is not None
    full = loaded.rest()
    assert full == load_article(path)
    head = loaded.head
    assert 0 < len(head.text) < len(full.text)
    assert full.text.startswith(head.text)
    assert full.blocks[: len(head.blocks)] == head.blocks
    assert head.title == full.title and head.date == full.date


def test_crlf_files_are_cut_at_a_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(arabic_article(100_000).replace("\n", "\r\n").encode("utf-8"))
    loaded = load_progressively(path, head_bytes=8 * 1024)
    assert loaded.rest is not None
    assert loaded.rest().text.startswith(loaded.head.text)


def test_utf16_files_are_loaded_whole(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + arabic_article(50_000).encode("utf-16-le"))
    assert load_progressively(path, head_bytes=1024).rest is None


def test_bad_bytes_after_the_head_fail_when_the_rest_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "turns-binary.txt"
    path.write_bytes(arabic_article(40_000).encode("utf-8") + b"\x00\x01\x02" * 1000)
    loaded = load_progressively(path, head_bytes=4 * 1024)
    assert loaded.rest is not None
    with pytest.raises(LoadError):
        loaded.rest()


def test_bad_head_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01\x02" * 200_000)
    with pytest.raises(LoadError):
        load_progressively(path, head_bytes=4 * 1024)
