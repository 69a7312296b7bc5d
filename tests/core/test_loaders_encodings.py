"""Encodings: byte-order marks, UTF-8, the Windows Arabic fallback, binary and broken files."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from hamish.core.article import BlockKind
from hamish.core.loaders import LoadError, load_article
from hamish.core.loaders.decode import NotTextError, binary_reason, decode_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "loaders"
ARABIC_BLOCKS = ["عنوان المقال", "تاريخ النشر: 07 يناير 2026", "فقرة أولى."]
HEBREW_BLOCKS = ["כותרת", "פסקה ראשונה."]


@pytest.mark.parametrize(
    ("name", "mark", "encoding", "blocks"),
    [
        ("utf8-bom.txt", codecs.BOM_UTF8, "utf-8-sig", ARABIC_BLOCKS),
        ("utf16-le-bom.txt", codecs.BOM_UTF16_LE, "utf-16-le", HEBREW_BLOCKS),
        ("utf16-be-bom.txt", codecs.BOM_UTF16_BE, "utf-16-be", HEBREW_BLOCKS),
        ("cp1256.txt", b"\xda\xe4", "windows-1256", ARABIC_BLOCKS),
    ],
)
def test_fixture_encodings(name: str, mark: bytes, encoding: str, blocks: list[str]) -> None:
    path = FIXTURES / name
    assert path.read_bytes().startswith(mark)  # the fixture really is in that encoding
    article = load_article(path)
    assert [block.text for block in article.blocks] == blocks
    assert article.encoding == encoding
    assert "\ufeff" not in article.text
    assert article.notices == ()


def test_cp1256_fixture_is_not_utf8() -> None:
    with pytest.raises(UnicodeDecodeError):
        (FIXTURES / "cp1256.txt").read_bytes().decode("utf-8")


def test_cp1256_date_line_is_found() -> None:
    article = load_article(FIXTURES / "cp1256.txt")
    assert article.blocks[1].kind is BlockKind.META
    assert article.date == "07 يناير 2026"


def test_plain_utf8() -> None:
    decoded = decode_bytes("Grüße, سلام, שלום".encode())
    assert (decoded.text, decoded.encoding) == ("Grüße, سلام, שלום", "utf-8")


def test_utf32_with_mark() -> None:
    decoded = decode_bytes(codecs.BOM_UTF32_LE + "سلام\n".encode("utf-32-le"))
    assert (decoded.text, decoded.encoding) == ("سلام\n", "utf-32-le")


def test_only_a_leading_mark_is_removed() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + "a\ufeffb".encode())
    assert decoded.text == "a\ufeffb"


def test_line_endings_normalised_in_utf16() -> None:
    decoded = decode_bytes(codecs.BOM_UTF16_LE + "a\r\nb\rc\n".encode("utf-16-le"))
    assert decoded.text == "a\nb\nc\n"


def test_control_characters_survive_decoding() -> None:
    text = "\x1b[1mbold\x1b[0m \x07 \x0c \u200f\u202e"
    assert decode_bytes(text.encode()).text == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        (b"two \x00 NULs \x00 in a short text", "binary file (contains NUL bytes)"),
        (bytes(range(1, 9)) * 10 + b"abc", "binary file (mostly control characters)"),
        (codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"), "binary file"),
        (codecs.BOM_UTF16_LE + b"a\x00b", "undecodable text: not valid UTF-16 LE"),
        (codecs.BOM_UTF16_BE + b"\xd8\x00\x00a", "undecodable text: not valid UTF-16 BE"),
        (codecs.BOM_UTF8 + b"ok \xff\xfe", "undecodable text: not valid UTF-8 at byte 3"),
    ],
)
def test_not_text(data: bytes, reason: str) -> None:
    with pytest.raises(NotTextError) as caught:
        decode_bytes(data)
    assert caught.value.reason.startswith(reason)


@pytest.mark.parametrize("codec", ["utf-8", "windows-1256"])
def test_a_stray_nul_does_not_make_text_binary(codec: str) -> None:
    text = "عنوان\n\nنص فيه \x00 خطأ واحد. " + "وجملة أخرى طويلة بما يكفي. " * 40
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, codec)


def test_nuls_at_the_rate_of_binary_data_are_refused() -> None:
    text = ("x" * 999 + "\x00") * 4 + "x"  # one NUL per thousand characters: text
    assert decode_bytes(text.encode()).text == text
    with pytest.raises(NotTextError, match="contains NUL bytes"):
        decode_bytes((text[:-1] + "\x00").encode())


def test_a_few_controls_do_not_make_text_binary() -> None:
    text = "Title\n\n" + "line with \x01 one control. " * 3
    assert decode_bytes(text.encode()).text == text


@pytest.mark.parametrize("suffix", [".txt", ".md", ".bin"])
def test_binary_file_is_a_load_error(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"image{suffix}"
    path.write_bytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00")
    with pytest.raises(LoadError) as caught:
        load_article(path)
    assert caught.value.path == path
    assert caught.value.reason == "binary file (contains NUL bytes)"


def test_stray_control_pattern_is_category_cc_minus_text_controls() -> None:
    cc = {chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Cc"}
    stray = {char for char in cc if binary_reason(char) is not None}
    assert stray == cc - set("\t\n\v\f\r\x1b")
