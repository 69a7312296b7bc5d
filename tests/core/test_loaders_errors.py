"""Every way a file can fail to load gives a LoadError with a one-line message naming it."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from hamish.core.loaders import LoadError, load_article
from hamish.core.loaders import source as loader_source


def load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as caught:
        load_article(path)
    error = caught.value
    message = str(error)
    assert len(message.splitlines()) == 1
    assert error.path == path
    if "\n" not in str(path) + error.reason:
        assert message == f"{path}: {error.reason}"
    return error


def test_missing_file(tmp_path: Path) -> None:
    assert load_error(tmp_path / "nope.txt").reason == "no such file"


def test_path_through_a_file(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    assert load_error(tmp_path / "file.txt" / "child.md").reason == "no such file"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert load_error(folder).reason == "is a directory"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, which can read anything, so the refusal is simulated.
    path = tmp_path / "secret.txt"
    path.write_text("Title\n")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert load_error(path).reason == "permission denied"


def test_other_os_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "flaky.txt"
    path.write_text("Title\n")

    def fail(self: Path) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", fail)
    assert load_error(path).reason == "cannot read (Input/output error)"


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert load_error(fifo).reason == "not a regular file"


def test_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert load_error(loop).reason == "too many levels of symbolic links"


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader_source, "MAX_ARTICLE_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("Title\n\nmore than ten bytes\n")
    assert load_error(path).reason == "too large (27 bytes; the limit is 10)"


def test_nul_in_file_name(tmp_path: Path) -> None:
    assert load_error(tmp_path / "a\x00b.txt").reason.startswith("invalid file name")


def test_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    assert load_error(path).reason == "binary file (contains NUL bytes)"


def test_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + b"abc")
    assert load_error(path).reason.startswith("undecodable text")


def test_message_stays_one_line_with_a_newline_in_the_name(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines\r.txt"
    error = load_error(path)
    assert str(error) == f"{tmp_path}/two\\nlines\\r.txt: no such file"


def test_reason_with_a_newline_is_escaped() -> None:
    error = LoadError(Path("a.txt"), "first\nsecond\u2028third")
    assert str(error) == "a.txt: first\\nsecond\\u2028third"
    assert error.reason == "first\nsecond\u2028third"
