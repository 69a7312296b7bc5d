"""HTML articles: saved pages reduced to exactly their article's blocks, with the page's own
text, structure, directions, title and date."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamish.core.article import Article, BlockKind, Direction
from hamish.core.loaders import load_article

FIXTURES = Path(__file__).parent / "fixtures" / "loaders" / "html"
T, M, H, P = BlockKind.TITLE, BlockKind.META, BlockKind.HEADING, BlockKind.PARAGRAPH
Q, L = BlockKind.QUOTE, BlockKind.LIST_ITEM

Summary = list[tuple[BlockKind, int, Direction, str]]


def summary(article: Article) -> Summary:
    return [(block.kind, block.level, block.direction, block.text) for block in article.blocks]


def assert_well_formed(article: Article) -> None:
    for block in article.blocks:
        assert block.text
        assert "\n" not in block.text
        assert article.text[block.start : block.end] == block.text


@pytest.fixture(scope="module")
def news_ar() -> Article:
    return load_article(FIXTURES / "news-ar.html")


class TestArabicNewsPage:
    """A saved news page: scripts, a cookie banner, navigation, ads (one inside the article),
    share buttons, related articles, comments and a footer around a ``dir="rtl"`` article."""

    def test_exactly_the_article(self, news_ar: Article) -> None:
        assert summary(news_ar) == [
            (T, 0, "rtl", "القراءة في الهوامش تعود بصيغة رقمية"),
            (M, 0, "rtl", "بقلم سارة المصري · 7 يناير 2026"),
            (P, 0, "rtl", "أظهرت دراسة جديدة نشرتها جامعة القاهرة هذا الأسبوع أن كثيرا من القراء "
             "يفضلون قراءة المقالات الطويلة على شاشة كبيرة بدلا من الهاتف المحمول، وأنهم يعودون "
             "إلى عادة قديمة: الكتابة في هوامش النص."),
            (P, 0, "rtl", "وتابع الباحثون أكثر من ألف مشارك على مدى عام كامل، وطلبوا منهم تظليل "
             "الفقرات المهمة وكتابة ملاحظاتهم بجانبها. وتبين أن الذين دوّنوا ملاحظاتهم تذكروا "
             "مضمون المقالات بعد شهر بصورة أفضل بكثير من غيرهم."),
            (H, 2, "rtl", "عادة قديمة في ثوب جديد"),
            (P, 0, "rtl", "ويرى مؤرخو الكتاب أن التعليق على الهوامش رافق القراءة منذ عصر "
             "المخطوطات، حين كان العلماء يكتبون الشروح والحواشي حول المتن، فتصير الصفحة حوارا "
             "بين المؤلف وقرائه عبر القرون."),
            (Q, 0, "rtl", "الهامش ليس فراغا على طرف الصفحة، بل هو المكان الذي يبدأ فيه القارئ "
             "بالتفكير بصوت مسموع."),
            (P, 0, "rtl", "وقدمت الدراسة مجموعة من النصائح للقراء الذين يرغبون في الاستفادة من "
             "هذه العادة:"),
            (L, 0, "rtl", "اختر لونا واحدا للأفكار الرئيسية"),
            (L, 1, "rtl", "1. ظلل الجملة التي تلخص الفقرة"),
            (L, 1, "rtl", "2. اكتب سؤالا قصيرا بجانبها"),
            (L, 0, "rtl", "راجع ملاحظاتك بعد أسبوع من القراءة"),
            (P, 0, "rtl", "ويعمل الفريق حاليا على تطبيق مفتوح المصدر يتيح للقراء تصدير "
             "ملاحظاتهم ومشاركتها، ومن المتوقع إطلاقه في الربيع المقبل."),
        ]  # fmt: skip

    @pytest.mark.parametrize(
        "chrome",
        ["ملفات تعريف الارتباط", "موافق", "اقتصاد", "رياضة", "تكنولوجيا", "إعلان", "خصم خمسين",
         "تسوق أحدث الهواتف", "شارك المقال", "فيسبوك", "مقالات ذات صلة", "معرض الكتاب",
         "التعليقات", "مقال رائع", "ليلى", "جميع الحقوق محفوظة", "من نحن", "صحيفة المدار",
         "dataLayer", "track()", "Noto Naskh", "NewsArticle", "مشاهدة الصفحة"],
    )  # fmt: skip
    def test_nothing_from_the_chrome(self, news_ar: Article, chrome: str) -> None:
        assert chrome not in news_ar.text
        assert chrome not in news_ar.title

    def test_title_date_and_format(self, news_ar: Article) -> None:
        assert news_ar.title == "القراءة في الهوامش تعود بصيغة رقمية"
        assert news_ar.date == "2026-01-07T10:27:00+02:00"
        assert (news_ar.format, news_ar.encoding, news_ar.notices) == ("html", "utf-8", ())
        assert_well_formed(news_ar)


def test_english_blog_page() -> None:
    article = load_article(FIXTURES / "blog-en.html")
    assert summary(article) == [
        (T, 0, "auto", "Notes in the Margin: Why Readers Annotate"),
        (M, 0, "auto", "By Tom Reyes · 3 November 2025"),
        (P, 0, "auto", "For as long as there have been books, readers have written in them. "
         "Medieval monks squeezed glosses between the lines of scripture; Renaissance scholars "
         "filled the margins of Cicero with arguments, cross\u2011references and the occasional "
         "complaint about the weather."),
        (P, 0, "auto", "Today the habit is moving onto screens. E-readers, browsers and "
         "note-taking apps all let us highlight a sentence and attach a thought to it — and "
         "researchers say the act of writing it down matters more than the tool."),
        (H, 2, "auto", "What the studies say"),
        (P, 0, "auto", "A survey of 1,200 students found three habits shared by the readers who "
         "remembered most after a month:"),
        (L, 0, "auto", "1. They highlighted sparingly, rarely more than one sentence per "
         "paragraph."),
        (L, 0, "auto", "2. They wrote a question, not a summary, next to each highlight."),
        (L, 0, "auto", "3. They went back to their notes within a week."),
        (Q, 0, "auto", "“A margin is a conversation with the author that the author never gets "
         "to hear.”"),
        (P, 0, "auto", "Not everyone is convinced. Some librarians still shudder at a pencil "
         "mark, and publishers worry that shared digital notes will spoil books for the next "
         "reader. But the tools keep improving, and the old argument — should you write in "
         "books? — now has a new answer: write somewhere, and keep it."),
    ]  # fmt: skip
    assert article.date == "2025-11-03"
    for chrome in ("privacy", "partners", "Accept all", "Subscribe", "Enjoying", "Tags",
                   "comments", "Margaret", "Saturday", "Most read", "Fleet Street",
                   "Advertisement", "Registered", "PAGE_CONFIG", "float"):  # fmt: skip
        assert chrome not in article.text


def test_hebrew_page_in_windows_1255_with_an_english_quotation() -> None:
    article = load_article(FIXTURES / "news-he-windows-1255.html")
    assert article.encoding == "windows-1255"  # declared in http-equiv, and the bytes agree
    assert summary(article) == [
        (T, 0, "rtl", "הספרייה הלאומית פותחת את ארכיון ההערות"),
        (M, 0, "rtl", "מאת נועה לוי | פורסם: 14 בינואר 2026, 08:30"),
        (P, 0, "rtl", "הספרייה הלאומית בירושלים הודיעה השבוע כי תפתח לציבור ארכיון דיגיטלי של "
         "הערות שוליים שכתבו קוראים בספרים מן האוסף שלה במשך יותר ממאתיים שנה."),
        (P, 0, "rtl", "לדברי האוצרת הראשית, ההערות מספרות סיפור שאינו מופיע בספרים עצמם: "
         "“אנחנו רואים איך אנשים קראו, על מה כעסו ומה ריגש אותם”. בין הפריטים יש גם ספר תפילה "
         "שבשוליו נרשמו מחירי חיטה – מ־3 ₪ ועד 7 ₪ לשק."),
        (H, 2, "rtl", "מה יהיה בארכיון"),
        (L, 0, "rtl", "סריקות של יותר מ־12,000 עמודים עם הערות בכתב יד"),
        (L, 0, "rtl", "תעתיק מלא של ההערות, עם אפשרות חיפוש"),
        (L, 0, "rtl", "הערות של קוראים בני זמננו, שיתווספו בהדרגה"),
        (P, 0, "ltr", "“Marginalia are the fingerprints of reading,” said a visiting scholar "
         "from Oxford."),
        (P, 0, "rtl", "הארכיון יעלה לאוויר בחודש הבא, והגישה אליו תהיה חופשית."),
    ]  # fmt: skip
    assert article.date == "2026-01-14T08:30:00+02:00"
    for chrome in ("התחברות", "מינוי", "מבצע", "כלכלה", "שתפו", "עוד בתרבות", "פסטיבל",
                   "פרסומת", "כל הזכויות", "googletag", "topmenu"):  # fmt: skip
        assert chrome not in article.text


def test_page_named_only_by_its_title_element() -> None:
    article = load_article(FIXTURES / "title-only-fa.html")
    assert article.title == "دفتر یادداشت‌های حاشیه"
    kinds = [(block.kind, block.direction) for block in article.blocks]
    assert kinds == [(T, "rtl"), (P, "rtl"), (P, "rtl"), (P, "rtl")]  # lang="fa", no dir
    assert article.blocks[0].text == article.title
    assert article.blocks[1].text.startswith("سال‌هاست که کنار هر کتابی که می‌خوانم")
    assert "می\u200cخواهم" in article.text  # ZWNJ kept, though the extractor drops it
    assert article.date is None
    for chrome in ("خانه", "بایگانی", "درباره", "خوراک", "نوشته شده با دست"):
        assert chrome not in article.text
