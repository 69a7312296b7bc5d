"""Encodings without a byte-order mark: code pages named by detection, UTF-16 told from binary
data by its NUL bytes, HTML charset declarations, bounded detection, and progressive loading
of files whose newline is not a single byte or whose code page must be detected."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from hamish.core.article import BlockKind
from hamish.core.loaders import LoadError, load_article
from hamish.core.loaders import decode as decode_module
from hamish.core.loaders.decode import NotTextError, decode_bytes
from hamish.core.loaders.detect import SAMPLE_BYTES, encoding_label, is_single_byte, sniff_utf16
from hamish.core.loaders.html_charset import declared_charset, visible_bytes
from hamish.core.loaders.progressive import load_progressively

FIXTURES = Path(__file__).parent / "fixtures" / "loaders"

# Articles written for the fixtures: realistic news items, long enough for a detector to judge.
# Each fixture file is its text encoded with the codec named below and no byte-order mark.
ARABIC = (
    "مكتبة الإسكندرية تطلق أرشيفا رقميا للحواشي\n\n"
    "تاريخ النشر: 12 فبراير 2026\n\n"
    "أعلنت مكتبة الإسكندرية أمس عن إطلاق أرشيف رقمي يضم آلاف الحواشي والتعليقات التي كتبها "
    "القراء على هوامش الكتب والمخطوطات النادرة خلال القرون الثلاثة الماضية، وقالت إن الأرشيف "
    "سيكون متاحا للباحثين وللجمهور دون مقابل.\n\n"
    "وأوضح مدير المشروع أن فريقا من المتخصصين عمل لأكثر من عامين على تصوير الصفحات وفهرسة "
    "التعليقات، مضيفا أن بعض هذه الحواشي يكشف عن نقاشات علمية حية بين قراء عاشوا في مدن "
    "وأزمنة مختلفة.\n"
)
HEBREW_WINDOWS = (
    "חנות הספרים הוותיקה בחיפה נסגרת\n\n"
    "פורסם: 3 בפברואר 2026\n\n"
    "אחרי שישים שנה, חנות הספרים “פרוזה” בשכונת הדר נסגרת בסוף החודש. הבעלים, בן 84, אומר "
    "שהחליט לפרוש – אבל מבטיח שהספרים לא יושלכו: את כולם, כולל אלפי ספרים משומשים עם הקדשות "
    "והערות בשוליים, הוא מוכר במחיר סמלי של 10 ₪ לספר.\n\n"
    "לקוחות ותיקים הגיעו השבוע להיפרד. “כאן קניתי את הספר הראשון שלי”, סיפרה אחת מהן, "
    "“ובשוליים שלו עדיין יש את ההערות שכתבתי בגיל שתים־עשרה.”\n"
)
HEBREW_ISO = (
    "עיריית תל אביב משיקה ספרייה פתוחה בפארק\n\n"
    "פורסם: 20 בינואר 2026\n\n"
    "עיריית תל אביב הודיעה כי בחודש הבא תיפתח בפארק הירקון ספרייה פתוחה ראשונה מסוגה, שבה "
    "יוכלו התושבים לשאול ספרים ולהחזיר אותם בלי כרטיס קורא ובלי מועד החזרה.\n\n"
    "לדברי העירייה, כל ספר יכלול דף ריק בסופו, כדי שהקוראים יוכלו להשאיר הערות והמלצות לקורא "
    'הבא. "אנחנו רוצים שהספרים ידברו זה עם זה", אמרה סגנית ראש העיר.\n'
)
PERSIAN = (
    "کتابخانه‌ای برای یادداشت‌های حاشیه\n\n"
    "تاریخ انتشار: ۱۷ دی ۱۴۰۴\n\n"
    "گروهی از دانشجویان در تهران کتابخانه‌ای کوچک راه انداخته‌اند که فقط کتاب‌های دست دوم با "
    "یادداشت‌های حاشیه را می‌پذیرد. به گفته‌ی آن‌ها، هر یادداشت نشانی از خواننده‌ای است که پیش "
    "از ما همین صفحه را خوانده است.\n\n"
    "این کتابخانه تا امروز بیش از هزار جلد کتاب جمع کرده و هر هفته جلسه‌ای برای خواندن "
    "یادداشت‌ها برگزار می‌کند.\n"
)
ARABIC_JORDAN = (
    "مهرجان القراءة في عمّان يحتفي بالهوامش\n\n"
    "٧ يناير ٢٠٢٦\n\n"
    "يحتفي مهرجان القراءة في عمّان هذا العام بفن الكتابة على الهوامش، إذ يعرض نسخا قديمة من "
    "كتب الأدب والتاريخ امتلأت صفحاتها بتعليقات القراء وملاحظاتهم، إلى جانب ورش عمل تعلم "
    "الزوار كيف يدونون أفكارهم أثناء القراءة.\n\n"
    "ويقول المنظمون إن الفكرة جاءت من رغبتهم في إعادة الاعتبار للقارئ بوصفه شريكا في النص، "
    "لا مجرد متلق له.\n"
)

# file name: (text, Python codec, the Article.encoding hamish must report)
ENCODED_FIXTURES = {
    "arabic-windows-1256.txt": (ARABIC, "cp1256", "windows-1256"),
    "hebrew-windows-1255.txt": (HEBREW_WINDOWS, "cp1255", "windows-1255"),
    "hebrew-iso-8859-8.txt": (HEBREW_ISO, "iso8859_8", "iso-8859-8"),
    "persian-utf-16-le.txt": (PERSIAN, "utf-16-le", "utf-16-le"),
    "arabic-utf-16-be.txt": (ARABIC_JORDAN, "utf-16-be", "utf-16-be"),
}
MARKS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def paragraphs(text: str) -> list[str]:
    return [chunk for chunk in text.rstrip("\n").split("\n\n")]


@pytest.mark.parametrize("name", sorted(ENCODED_FIXTURES))
def test_fixture_is_its_text_in_its_codec_without_a_mark(name: str) -> None:
    text, codec, _ = ENCODED_FIXTURES[name]
    data = (FIXTURES / name).read_bytes()
    assert data == text.encode(codec)
    assert not data.startswith(MARKS)
    if codec.startswith("utf-16"):
        assert b"\x00" in data  # spaces and line ends
    else:
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")


def test_utf16_be_arabic_is_told_from_utf8_by_its_nul_bytes() -> None:
    """Every byte of Arabic in UTF-16 BE is below 0x80: as bytes it is valid UTF-8 (with NULs)."""
    data = ARABIC_JORDAN.encode("utf-16-be")
    assert data.decode("utf-8")
    assert decode_bytes(data).encoding == "utf-16-be"


@pytest.mark.parametrize("name", sorted(ENCODED_FIXTURES))
def test_fixture_loads_with_its_encoding_named(name: str) -> None:
    text, _, label = ENCODED_FIXTURES[name]
    article = load_article(FIXTURES / name)
    assert article.encoding == label
    assert [block.text for block in article.blocks] == paragraphs(text)
    assert [block.kind for block in article.blocks] == [
        BlockKind.TITLE, BlockKind.META, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH,
    ]  # fmt: skip
    assert article.notices == ()


def test_persian_utf16_keeps_zero_width_non_joiners() -> None:
    article = load_article(FIXTURES / "persian-utf-16-le.txt")
    assert "یادداشت\u200cهای" in article.text
    assert article.date == "۱۷ دی ۱۴۰۴"


def test_windows_1255_punctuation_decides_against_iso_8859_8() -> None:
    """Curly quotes, the en dash and the shekel sign exist only in the Windows page."""
    text = decode_bytes(HEBREW_WINDOWS.encode("cp1255")).text
    assert "“פרוזה”" in text and "–" in text and "10 ₪" in text


def test_hebrew_read_alike_by_both_pages_is_named_iso() -> None:
    data = HEBREW_ISO.encode("iso8859_8")
    assert data.decode("cp1255") == data.decode("iso8859_8")  # the premise
    assert decode_bytes(data).encoding == "iso-8859-8"


@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [
        ("The “quick” brown fox – a café, a naïve résumé. " * 4, "cp1252", "windows-1252"),
        ("Москва — читатели предпочитают длинные статьи на большом экране. " * 3, "cp1251",
         "windows-1251"),
        (ARABIC, "iso8859_6", "iso-8859-6"),
    ],
)  # fmt: skip
def test_other_code_pages(text: str, codec: str, label: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, label)


def test_windows_1256_remains_the_last_resort(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode_module, "detect_code_pages", lambda *args, **kwargs: [])
    decoded = decode_bytes(ARABIC.encode("cp1256"))
    assert (decoded.text, decoded.encoding) == (ARABIC, "windows-1256")


class TestUtf16WithoutMark:
    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
    @pytest.mark.parametrize("text", [PERSIAN, HEBREW_ISO, "Plain English, in UTF-16.\n" * 3])
    def test_sniffed(self, text: str, codec: str) -> None:
        decoded = decode_bytes(text.encode(codec))
        assert (decoded.text, decoded.encoding) == (text, codec)

    @pytest.mark.parametrize(
        "data",
        [
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
            bytes(range(256)) * 4,
            b"\x00" * 64,
            b"text with \x00 two NULs \x00 inside",
            "سلام".encode("utf-32-le") * 20,
        ],
    )
    def test_binary_is_still_refused(self, data: bytes) -> None:
        assert sniff_utf16(data) is None
        with pytest.raises(NotTextError) as caught:
            decode_bytes(data)
        assert caught.value.reason == "binary file (contains NUL bytes)"

    def test_truncated_last_character_is_an_error_not_a_guess(self, tmp_path: Path) -> None:
        path = tmp_path / "cut.txt"
        path.write_bytes(PERSIAN.encode("utf-16-le") + b"\x41")
        with pytest.raises(LoadError) as caught:
            load_article(path)
        assert caught.value.reason.startswith("binary file")


class TestOrder:
    def test_utf8_never_reaches_the_detector(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def refuse(*args: object, **kwargs: object) -> list[str]:
            raise AssertionError("detection ran on UTF-8")

        monkeypatch.setattr(decode_module, "detect_code_pages", refuse)
        for text in (ARABIC, HEBREW_WINDOWS, PERSIAN, "plain ASCII"):
            assert decode_bytes(text.encode()).encoding == "utf-8"
        assert decode_bytes(codecs.BOM_UTF8 + ARABIC.encode()).encoding == "utf-8-sig"

    def test_valid_utf8_wins_over_a_declared_charset(self) -> None:
        page = f'<meta charset="windows-1256"><p>{ARABIC}</p>'.encode()
        assert decode_bytes(page, markup=True).encoding == "utf-8"

    def test_a_mark_wins_over_detection(self) -> None:
        decoded = decode_bytes(codecs.BOM_UTF16_BE + PERSIAN.encode("utf-16-be"))
        assert (decoded.text, decoded.encoding) == (PERSIAN, "utf-16-be")


class TestBoundedDetection:
    @pytest.fixture
    def sample_sizes(self, monkeypatch: pytest.MonkeyPatch) -> list[int]:
        sizes: list[int] = []
        real = decode_module.detect_code_pages

        def spy(sample: bytes, **kwargs: tuple[str, ...]) -> list[str]:
            sizes.append(len(sample))
            return real(sample, **kwargs)

        monkeypatch.setattr(decode_module, "detect_code_pages", spy)
        return sizes

    def test_a_large_file_is_judged_on_a_sample(self, sample_sizes: list[int]) -> None:
        data = (HEBREW_WINDOWS.encode("cp1255") + b"\n") * (3_000_000 // len(HEBREW_WINDOWS))
        decoded = decode_bytes(data)
        assert decoded.encoding == "windows-1255"
        assert len(decoded.text) == len(data)
        assert sample_sizes and max(sample_sizes) <= SAMPLE_BYTES

    def test_non_ascii_after_the_sample_is_judged_where_it_starts(
        self, sample_sizes: list[int]
    ) -> None:
        english = b"An English introduction of some length.\n\n" * (SAMPLE_BYTES // 40 + 100)
        data = english + ARABIC.encode("cp1256") * 20
        decoded = decode_bytes(data)
        assert decoded.encoding == "windows-1256"
        assert decoded.text.endswith(ARABIC)
        assert max(sample_sizes) <= SAMPLE_BYTES + 4096


class TestHtmlCharset:
    @pytest.mark.parametrize(
        ("head", "expected"),
        [
            ('<meta charset="windows-1255">', "windows-1255"),
            ("<META CHARSET=ISO-8859-8>", "iso-8859-8"),
            ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">',
             "windows-1256"),
            ('<?xml version="1.0" encoding="iso-8859-6"?><html>', "iso-8859-6"),
            ('<meta charset="iso-8859-1">', "windows-1252"),  # WHATWG: latin-1 means 1252
            ('<meta charset="iso-8859-8-i">', "iso-8859-8"),
            ('<meta charset="utf-16">', None),  # cannot be true of bytes read as ASCII
            ('<meta charset="klingon">', None),
            ("<p>no declaration</p>", None),
        ],
    )  # fmt: skip
    def test_declared_charset(self, head: str, expected: str | None) -> None:
        assert declared_charset(head.encode()) == expected

    def test_declaration_honoured_when_consistent(self) -> None:
        page = f'<meta charset="windows-1255"><p>{HEBREW_ISO}</p>'
        # The bytes read the same as ISO-8859-8; the page's own word decides the name.
        assert decode_bytes(page.encode("cp1255"), markup=True).encoding == "windows-1255"

    def test_declaration_ignored_when_the_bytes_contradict_it(self) -> None:
        page = f'<meta charset="iso-8859-1"><title>t</title><p>{ARABIC}</p>'
        decoded = decode_bytes(page.encode("cp1256"), markup=True)
        assert decoded.encoding == "windows-1256"
        assert ARABIC in decoded.text

    def test_markup_is_not_what_detection_reads(self) -> None:
        page = b'<script>var s = "\xe9\xe8";</script><!-- \xff --><p class="x">\xe0\xe1</p>'
        assert visible_bytes(page).split() == [b"\xe0\xe1"]

    @pytest.mark.parametrize("page", [b"<script>" * 1000, b"<!--" + b"<" * 5000, b"<" * 5000])
    def test_visible_bytes_of_unclosed_markup(self, page: bytes) -> None:
        assert visible_bytes(page).strip() == b""


def test_labels() -> None:
    assert encoding_label("cp1255") == "windows-1255"
    assert encoding_label("iso8859_8") == "iso-8859-8"
    assert encoding_label("utf_16_le") == "utf-16-le"
    assert encoding_label("latin_1") == "iso-8859-1"
    assert is_single_byte("windows-1256") and is_single_byte("iso-8859-8")
    assert not is_single_byte("utf-16-le") and not is_single_byte("gbk")


class TestProgressive:
    @staticmethod
    def long_text(base: str, copies: int) -> str:
        title, *rest = paragraphs(base)
        body = "\n\n".join(f"{number}. {chunk}" for number in range(copies) for chunk in rest)
        return f"{title}\n\n{body}\n"

    @pytest.mark.parametrize(
        ("base", "codec", "label"),
        [(HEBREW_WINDOWS, "cp1255", "windows-1255"), (ARABIC, "cp1256", "windows-1256"),
         (HEBREW_ISO, "iso8859_8", "iso-8859-8")],
    )  # fmt: skip
    def test_head_and_file_read_alike(
        self, tmp_path: Path, base: str, codec: str, label: str
    ) -> None:
        path = tmp_path / "long.txt"
        text = self.long_text(base, 150)
        path.write_bytes(text.encode(codec))
        loaded = load_progressively(path, head_bytes=8 * 1024)
        assert loaded.rest is not None
        full = loaded.rest()
        assert loaded.head.encoding == full.encoding == label
        assert full.text == "\n\n".join(paragraphs(text))
        assert 0 < len(loaded.head.text) < len(full.text)
        assert full.text.startswith(loaded.head.text)
        assert full.blocks[: len(loaded.head.blocks)] == loaded.head.blocks

    def test_ascii_head_of_a_code_page_file(self, tmp_path: Path) -> None:
        path = tmp_path / "late-arabic.txt"
        english = "Introduction\n\n" + "An English paragraph before the Arabic text.\n\n" * 400
        path.write_bytes(english.encode() + self.long_text(ARABIC, 40).encode("cp1256"))
        loaded = load_progressively(path, head_bytes=4 * 1024)
        assert loaded.rest is not None
        full = loaded.rest()
        # Only the head is read before the first screen: all ASCII, it cannot tell which code
        # page follows, but its text is the same in any of them; the full parse names it.
        assert full.encoding == "windows-1256"
        assert loaded.head.encoding in ("utf-8", "windows-1256")
        assert full.text.startswith(loaded.head.text)

    @pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
    def test_utf16_without_mark_loads_whole(self, tmp_path: Path, codec: str) -> None:
        path = tmp_path / "wide.txt"
        path.write_bytes(self.long_text(PERSIAN, 60).encode(codec))
        loaded = load_progressively(path, head_bytes=2 * 1024)
        assert loaded.rest is None
        assert loaded.head.encoding == codec
        assert loaded.head.text.endswith(paragraphs(PERSIAN)[-1])
