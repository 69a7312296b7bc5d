"""Documents and e-books hamish does not read are refused in one line that names the format,
by their first bytes or their name (issue 11, item 8)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from hamish.core.loaders import LoadError, load_article
from hamish.core.loaders.formats import is_article_name


def epub(path: Path) -> Path:
    """A minimal EPUB: a ZIP whose first entry is its mimetype, stored."""
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr("OEBPS/chapter.xhtml", "<html><body><p>Text</p></body></html>")
    return path


@pytest.mark.parametrize(
    ("name", "content", "named"),
    [
        ("paper.pdf", b"%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\n", "a PDF document"),
        ("paper.txt", b"%PDF-1.4\nText-looking PDF renamed to .txt\n", "a PDF document"),
        ("fake.epub", b"Just some text in a file named like a book.\n", "an EPUB book"),
        ("letter.rtf", b"{\\rtf1\\ansi Hello}", "an RTF document"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "a Word or Office"),
        ("novel.mobi", b"\x00" * 60 + b"BOOKMOBI" + b"\x00" * 16, "a Mobipocket book"),
    ],
)
def test_a_known_format_is_refused_by_name(
    tmp_path: Path, name: str, content: bytes, named: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError) as refused:
        load_article(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: {named}") and "hamish does not read" in message
    assert len(message.splitlines()) == 1


def test_zip_archives_are_told_apart(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="an EPUB book"):
        load_article(epub(tmp_path / "book.zip"))
    with zipfile.ZipFile(tmp_path / "report.docx", "w") as document:
        document.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(LoadError, match="a Word document"):
        load_article(tmp_path / "report.docx")
    with zipfile.ZipFile(tmp_path / "files.txt", "w") as archive:
        archive.writestr("a.txt", "a")
    with pytest.raises(LoadError, match="a ZIP archive"):
        load_article(tmp_path / "files.txt")


def test_text_with_an_unknown_suffix_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "notes.log"
    path.write_text("Title\n\nPlain text with a suffix hamish does not know.\n")
    assert load_article(path).title == "Title"
    assert not is_article_name(path)
    assert is_article_name(tmp_path / "a.MD") and is_article_name(tmp_path / "b.htm")
