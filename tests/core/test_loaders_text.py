"""Plain-text articles: title, date line, paragraphs, headings, wrapping and faithful text."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from hamish.core.article import Article, BlockKind
from hamish.core.loaders import load_article
from hamish.core.loaders.parsed import SPACES

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "articles" / "000_ba9713e08e0d77df.txt"

P = BlockKind.PARAGRAPH
H = BlockKind.HEADING


def load_text(tmp_path: Path, text: str, name: str = "article.txt") -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return load_article(path)


def kinds(article: Article) -> list[BlockKind]:
    return [block.kind for block in article.blocks]


def texts(article: Article) -> list[str]:
    return [block.text for block in article.blocks]


def assert_offsets_consistent(article: Article) -> None:
    for block in article.blocks:
        assert article.text[block.start : block.end] == block.text
        assert "\n" not in block.text


def test_spaces_constant_is_every_zs_character_plus_tab() -> None:
    zs = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"}
    assert set(SPACES) == zs | {"\t"}


@pytest.fixture(scope="module")
def sample() -> Article:
    return load_article(SAMPLE)


class TestSample:
    """The bundled news article, whose shape the plain-text rules were made for."""

    def test_kinds_in_order(self, sample: Article) -> None:
        T, M = BlockKind.TITLE, BlockKind.META
        assert kinds(sample) == [T, M, P, P, P, P, H, P, P, H, P, P, H, P, P]

    def test_title_and_date(self, sample: Article) -> None:
        assert sample.title == "بوادر تقارب تاريخي بين سوريا وإسرائيل بوساطة أمريكية"
        assert sample.blocks[0].text == sample.title
        assert sample.blocks[1].text == "تاريخ النشر: 07 يناير 2026 - 10:27 GMT"
        assert sample.date == "07 يناير 2026 - 10:27 GMT"

    def test_caption_lines_stay_two_paragraphs(self, sample: Article) -> None:
        caption = sample.blocks[2].text
        assert caption.startswith("الرئيس السوري أحمد الشرع")
        assert caption.endswith("بعد سقوط الأسد.")
        assert sample.blocks[3].text == caption

    def test_headings(self, sample: Article) -> None:
        headings = [block.text for block in sample.blocks if block.kind is H]
        assert headings == [
            "آلية تنسيق استخباري وخفض التصعيد",
            "تبادل رؤى حول السيادة والخروج العسكري",
            "أهمية سياسية وتحديات مستقبلية",
        ]

    def test_text_is_the_file_without_blank_lines(self, sample: Article) -> None:
        source = SAMPLE.read_text(encoding="utf-8")
        source_lines = [line for line in source.split("\n") if line.strip()]
        assert texts(sample) == source_lines
        assert sample.encoding == "utf-8"
        assert sample.format == "txt"
        assert sample.notices == ()
        assert_offsets_consistent(sample)


class TestDateLine:
    @pytest.mark.parametrize(
        ("line", "date"),
        [
            ("تاريخ النشر: 07 يناير 2026 - 10:27 GMT", "07 يناير 2026 - 10:27 GMT"),
            ("Published: March 3, 2025", "March 3, 2025"),
            ("2025-03-03", "2025-03-03"),
            ("٧ يناير ٢٠٢٦", "٧ يناير ٢٠٢٦"),
            ("פורסם: 3 בינואר 2026, 09:15", "3 בינואר 2026, 09:15"),
            ("تاریخ انتشار: ۱۷ دی ۱۴۰۴", "۱۷ دی ۱۴۰۴"),
            ("Updated 3rd of March 2025", "Updated 3rd of March 2025"),
            ("07 يناير/كانون الثاني 2026", "07 يناير/كانون الثاني 2026"),
            ("03/03/2025", "03/03/2025"),
        ],
    )
    def test_date_line_becomes_meta(self, tmp_path: Path, line: str, date: str) -> None:
        article = load_text(tmp_path, f"Title\n\n{line}\n\nBody text here.\n")
        assert kinds(article) == [BlockKind.TITLE, BlockKind.META, P]
        assert article.blocks[1].text == line
        assert article.date == date

    def test_date_line_in_the_title_chunk(self, tmp_path: Path) -> None:
        article = load_text(tmp_path, "Title\nPublished: March 3, 2025\nBody text.\n")
        assert kinds(article) == [BlockKind.TITLE, BlockKind.META, P]
        assert article.blocks[2].text == "Body text."

    @pytest.mark.parametrize(
        "line",
        [
            "Published 2025",  # a year alone is no date
            "Version 10.5.3 is out",
            "A long sentence that mentions 3 March 2025 among many other words and "
            "goes on well past any date line.",
        ],
    )
    def test_other_lines_are_not_dates(self, tmp_path: Path, line: str) -> None:
        article = load_text(tmp_path, f"Title\n\n{line}\n\nBody.\n")
        assert BlockKind.META not in kinds(article)
        assert article.date is None

    def test_date_only_right_after_the_title(self, tmp_path: Path) -> None:
        article = load_text(tmp_path, "Title\n\nFirst paragraph.\n\n2025-03-03\n\nMore.\n")
        assert article.date is None
        assert BlockKind.META not in kinds(article)


class TestHeadings:
    def test_short_line_between_paragraphs(self, tmp_path: Path) -> None:
        article = load_text(tmp_path, "T\n\nOne.\n\nA Heading\n\nTwo.\n")
        assert kinds(article) == [BlockKind.TITLE, P, H, P]
        assert article.blocks[2].level == 2

    @pytest.mark.parametrize("end", list('.!?:؛،؟…"»”'))
    def test_final_punctuation_makes_a_paragraph(self, tmp_path: Path, end: str) -> None:
        article = load_text(tmp_path, f"T\n\nOne.\n\nShort line{end}\n\nTwo.\n")
        assert kinds(article) == [BlockKind.TITLE, P, P, P]

    def test_long_line_is_no_heading(self, tmp_path: Path) -> None:
        line = "x" * 61
        article = load_text(tmp_path, f"T\n\nOne.\n\n{line}\n\nTwo.\n")
        assert article.blocks[2].kind is P
        sixty = "y" * 60
        article = load_text(tmp_path, f"T\n\nOne.\n\n{sixty}\n\nTwo.\n")
        assert article.blocks[2].kind is H

    def test_more_than_ten_words_is_no_heading(self, tmp_path: Path) -> None:
        eleven = " ".join(["w"] * 11)
        ten = " ".join(["w"] * 10)
        assert load_text(tmp_path, f"T\n\nOne.\n\n{eleven}\n\nTwo.\n").blocks[2].kind is P
        assert load_text(tmp_path, f"T\n\nOne.\n\n{ten}\n\nTwo.\n").blocks[2].kind is H

    def test_last_line_of_the_file_is_no_heading(self, tmp_path: Path) -> None:
        article = load_text(tmp_path, "T\n\nOne.\n\nSigned by someone\n")
        assert kinds(article) == [BlockKind.TITLE, P, P]

    def test_line_right_after_the_title_is_no_heading(self, tmp_path: Path) -> None:
        article = load_text(tmp_path, "T\n\nBy a reporter\n\nOne.\n")
        assert kinds(article) == [BlockKind.TITLE, P, P]

    def test_runs_of_short_lines_are_no_headings(self, tmp_path: Path) -> None:
        article = load_text(tmp_path, "T\n\nOne.\n\nRoses are red\n\nViolets blue\n\nTwo.\n")
        assert kinds(article) == [BlockKind.TITLE, P, P, P, P]

    def test_short_line_without_letters_is_no_heading(self, tmp_path: Path) -> None:
        article = load_text(tmp_path, "T\n\nOne.\n\n* * *\n\nTwo.\n")
        assert kinds(article) == [BlockKind.TITLE, P, P, P]


class TestWrapping:
    def test_hard_wrapped_lines_are_joined(self, tmp_path: Path) -> None:
        article = load_text(tmp_path, "Title\n\nThe first line\nwraps onto the second.\n")
        assert texts(article) == ["Title", "The first line wraps onto the second."]

    def test_one_line_per_paragraph_keeps_lines(self, tmp_path: Path) -> None:
        long_line = "word " * 25 + "end."
        article = load_text(tmp_path, f"Title\n\n{long_line}\nA short line.\n")
        assert texts(article) == ["Title", long_line, "A short line."]

    def test_outer_spaces_go_inner_characters_stay(self, tmp_path: Path) -> None:
        text = "  Title\t\n\n \u00a0a  b\x1b[31m\x07\u200f c\u00a0 \n"
        article = load_text(tmp_path, text)
        assert texts(article) == ["Title", "a  b\x1b[31m\x07\u200f c"]

    def test_no_unicode_normalisation(self, tmp_path: Path) -> None:
        decomposed = "Cafe\u0301 and \u0627\u0653"  # NFC would compose both pairs
        article = load_text(tmp_path, f"Title\n\n{decomposed}\n")
        assert article.blocks[1].text == decomposed

    def test_line_separators_other_than_newline_are_kept(self, tmp_path: Path) -> None:
        article = load_text(tmp_path, "Title\n\na\u2028b\x85c\x1cd\n")
        assert article.blocks[1].text == "a\u2028b\x85c\x1cd"

    def test_crlf_and_cr_become_newlines(self) -> None:
        article = load_article(Path(__file__).parent / "fixtures" / "loaders" / "crlf.txt")
        assert texts(article) == ["Title", "First line second line third line"]
        assert "\r" not in article.text


class TestTitle:
    def test_first_non_empty_line(self, tmp_path: Path) -> None:
        article = load_text(tmp_path, "\n\n   \nThe Title\n\nBody.\n")
        assert article.title == "The Title"
        assert kinds(article) == [BlockKind.TITLE, P]

    def test_very_long_first_line_is_a_paragraph(self, tmp_path: Path) -> None:
        line = "word " * 60
        article = load_text(tmp_path, f"{line}\n", name="notes.txt")
        assert article.title == "notes"
        assert kinds(article) == [P]

    def test_unknown_suffix_reads_as_text(self, tmp_path: Path) -> None:
        article = load_text(tmp_path, "# Not markdown\n\nBody *here*.\n", name="a.rst")
        assert texts(article) == ["# Not markdown", "Body *here*."]
        assert article.format == "txt"


@pytest.mark.parametrize("content", ["", "   \n\n\t\n", "\r\n\r\n"])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".log"])
def test_empty_file(tmp_path: Path, content: str, suffix: str) -> None:
    path = tmp_path / f"empty-notes{suffix}"
    path.write_bytes(content.encode("utf-8"))
    article = load_article(path)
    assert article.blocks == ()
    assert article.text == ""
    assert article.title == "empty-notes"
    assert article.notices == ("empty file",)
